/**
 * Bruker TopSpin pseudo-2D experiments written by the tests themselves: delay lists with every
 * suffix, FID → spectrum → integral → fit round trips to the known T1, warnings for inconsistent
 * headers, typed errors for bad folders, and input folders never written to.
 */
import { truncateSync, unlinkSync, writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import { fitTransient, InputError } from '@relaxlab/core';
import { importRelaxationData, readBrukerRelaxation, readVtSeries } from '@relaxlab/io';
import { experimentFromPulseProgram } from '../src/bruker/experimentType';
import { parseDelayList } from '../src/bruker/delayLists';
import { readBrukerExperiment } from '../src/bruker/readBrukerExperiment';
import { expectInputError, tempDir, treeHash } from './support';
import { writeSyntheticExperiment } from './brukerSynthetic';

const T1_s = 0.02;
const M0 = 2e6;
const VDLIST = '5u\n100u\n0.5m\n1m\n2m\n5m\n10m\n0.02\n0.03\n50m\n0.08s\n0.15\n0.3s\n1s';
const DELAYS = [5e-6, 1e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 0.02, 0.03, 0.05, 0.08, 0.15, 0.3, 1];
const saturation = (t: number) => M0 * (1 - Math.exp(-t / T1_s));
/** The synthetic line: 12 ppm, 150 Hz wide, in a 20 kHz window at 116.64 MHz (±86 ppm). */
const REGION: [number, number] = [20, 4];

function experiment(overrides: Partial<Parameters<typeof writeSyntheticExperiment>[0]> = {}): string {
  return writeSyntheticExperiment({
    dir: join(tempDir(), 'exp', '3'),
    vdlist: VDLIST,
    delay_s: DELAYS,
    amplitude: saturation,
    noise: 40,
    ...overrides,
  });
}

describe('delay lists (vdlist, vplist, vclist)', () => {
  test('suffixes n, u, m, s and bare seconds give the exact doubles a reader of the scaled number gets', () => {
    expect(parseDelayList(VDLIST, { kind: 'vdlist', source: 'vdlist' })).toEqual(DELAYS);
    expect(parseDelayList('20n\n3.5u\n', { kind: 'vdlist', source: 'vdlist' })).toEqual([2e-8, 3.5e-6]);
  });

  test('bare vplist numbers are microseconds (the unit TopSpin reads them in), suffixed ones are not', () => {
    expect(parseDelayList('100\n2m\n1s', { kind: 'vplist', source: 'vplist' })).toEqual([1e-4, 2e-3, 1]);
  });

  test('vclist counts × the loop time', () => {
    expect(parseDelayList('2\n4\n8', { kind: 'vclist', source: 'vclist', loopTime_s: 0.5e-3 })).toEqual([1e-3, 2e-3, 4e-3]);
    expect(() => parseDelayList('2\n4', { kind: 'vclist', source: 'vclist' })).toThrow(/loop time/);
  });

  test('an unknown suffix is a typed error naming the file, the line and the suffix', () => {
    const e = expectInputError(() => parseDelayList('5u\n10x\n', { kind: 'vdlist', source: '/data/vdlist' }), '/data/vdlist');
    expect(e.field).toBe('line 2');
    expect(e.message).toMatch(/unknown unit suffix.*"x"/);
  });
});

test('the experiment comes from the pulse program name', () => {
  expect(experimentFromPulseProgram('satrect1nodec')).toBe('T1-saturation');
  expect(experimentFromPulseProgram('t1ir')).toBe('T1-inversion');
  expect(experimentFromPulseProgram('t1irpg')).toBe('T1-inversion');
  expect(experimentFromPulseProgram('t1rhof1')).toBe('T1rho-spinlock');
  expect(experimentFromPulseProgram('cpmg')).toBe('T2');
  expect(experimentFromPulseProgram('zg30')).toBeUndefined();
});

describe('a Bruker folder of synthetic FIDs with known T1 = 20 ms (vdlist with mixed suffixes)', () => {
  const dir = experiment();
  const before = treeHash(dir);
  const result = readBrukerRelaxation(dir, { regions_ppm: [REGION] });
  const [transient] = result.transients;

  test('read → process → integrate → fit recovers T1 within 1 %', () => {
    expect(transient.delay_s).toEqual(DELAYS);
    const fit = fitTransient(transient, { model: 'saturation-recovery' });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.T1.value / T1_s - 1)).toBeLessThan(0.01);
    // and the fitted T1 is consistent with its own uncertainty from the per-point σ
    expect(Math.abs(fit.params.T1.value - T1_s)).toBeLessThan(3 * (fit.params.T1.stderr as number));
  });

  test('every point carries a noise σ, the same at every delay (same noise level in each FID)', () => {
    expect(transient.sigma).toHaveLength(DELAYS.length);
    const sigma = transient.sigma as number[];
    for (const s of sigma) expect(s / sigma[0]).toBeGreaterThan(0.7);
    for (const s of sigma) expect(s / sigma[0]).toBeLessThan(1.4);
    expect(sigma[0]).toBeGreaterThan(0);
  });

  test('the line is found where it was put (ppm axis orientation and referencing)', () => {
    const height = (high: number, low: number) =>
      readBrukerRelaxation(dir, { regions_ppm: [[high, low]], measure: 'height', processing: { baseline: false } }).transients[0].signal[
        DELAYS.length - 1
      ];
    const atLine = height(12.2, 11.8);
    expect(atLine).toBeGreaterThan(0);
    // the mirror image (wrong quadrature sign) would sit at −3.4 ppm, 500 Hz − 900 Hz from SFO1
    for (const [high, low] of [
      [-3.2, -3.6],
      [30, 25],
      [-40, -50],
    ])
      expect(Math.abs(height(high, low)) / atLine).toBeLessThan(0.05);
  });

  test('automatic phase on a clean line: no phase left, and the DFT sum rule Σ S_k = SI·fid[0] holds', () => {
    const clean = writeSyntheticExperiment({
      dir: join(tempDir(), '1'),
      vdlist: '1s\n2s',
      delay_s: [1, 2],
      amplitude: () => 1e6,
      noise: 0,
    });
    const r = readBrukerRelaxation(clean, { regions_ppm: [[80, -80]], processing: { baseline: false } });
    expect(Math.abs(r.phase?.phc0_deg ?? NaN)).toBeLessThan(0.5);
    expect(r.phase?.phc1_deg).toBe(0);
    // whole spectrum: sum of the real part = SI·fid[0] = 4096·1e6, times the point spacing in ppm
    const all = readBrukerRelaxation(clean, { regions_ppm: [[90.02, -81.5]], processing: { baseline: false } });
    const step_ppm = 20000 / 116.64 / 4096;
    expect(Math.abs(all.transients[0].signal[0] / (4096 * 1e6 * step_ppm) - 1)).toBeLessThan(1e-3);
  });

  test('metadata: experiment, nucleus, Larmor frequency, temperature, date, pulse program', () => {
    expect(transient).toMatchObject({ experiment: 'T1-saturation', nucleus: '7Li', larmor_MHz: 116.6405, temperature_K: 300.2 });
    expect(transient.source).toMatchObject({ format: 'bruker-ser', pulseProgram: 'satrect1', date: '2023-11-14T22:13:20.000Z' });
    expect(transient.source.region).toEqual({ region_ppm: [20, 4], measure: 'integral', regionFrom: 'option' });
  });

  test('provenance: the SHA-256 of every input file, and nothing in the folder was written', () => {
    const inputs = transient.source.inputs ?? [];
    expect(inputs.map((i) => i.file.slice(dir.length + 1)).sort()).toEqual(['acqu2s', 'acqus', 'pulseprogram', 'ser', 'vdlist']);
    for (const { file, sha256 } of inputs) expect(sha256).toBe(before[file]);
    expect(treeHash(dir)).toEqual(before);
  });

  test('the transient round-trips through JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(transient))).toEqual(transient);
  });

  test('the experiment type can be overridden', () => {
    expect(readBrukerRelaxation(dir, { regions_ppm: [REGION], experiment: 'T1-inversion' }).transients[0].experiment).toBe('T1-inversion');
  });
});

test('a fractional digital-filter delay (GRPDLY 67.985) is removed: no first-order phase is left to fit', () => {
  const dir = experiment({ grpdly: 67.985, noise: 0 });
  const r = readBrukerRelaxation(dir, { regions_ppm: [REGION] });
  // the FID starts 0.015 points after the delay; a missed fraction would need PHC1 = 360°·0.985
  expect(Math.abs(r.phase?.phc1_deg ?? NaN)).toBeLessThan(0.05 * 360);
  expect(Math.abs(r.phase?.phc0_deg ?? NaN)).toBeLessThan(10);
  const fit = fitTransient(r.transients[0], { model: 'saturation-recovery' });
  expect(Math.abs(fit.params.T1.value / T1_s - 1)).toBeLessThan(0.01);
});

describe('inconsistent headers and stopped experiments give warnings, not errors', () => {
  test('TD_INDIRECT disagreeing with acqu2s, the list and ser (the 17O LAMOX case)', () => {
    const r = readBrukerRelaxation(experiment({ tdIndirect: 13 }), { regions_ppm: [REGION] });
    expect(r.transients[0].delay_s).toHaveLength(14);
    expect(r.warnings.join('\n')).toMatch(/acqus TD_INDIRECT\[1\] 13.*using 14/);
  });

  test('an experiment stopped after 9 of 14 delays: the 9 FIDs with the first 9 delays', () => {
    const r = readBrukerRelaxation(experiment({ rows: 9 }), { regions_ppm: [REGION] });
    expect(r.transients[0].delay_s).toEqual(DELAYS.slice(0, 9));
    expect(r.warnings.join('\n')).toMatch(/ser holds 9 FIDs but the vdlist has 14 delays/);
    expect(r.transients[0].source.warnings?.length).toBeGreaterThan(0);
  });
});

describe('bad input: a typed error naming the file and what is wrong; the folder stays untouched', () => {
  const cases: Array<[string, (dir: string) => void, RegExp, (dir: string) => string]> = [
    ['missing acqus', (d) => unlinkSync(join(d, 'acqus')), /missing acqus/, (d) => d],
    ['truncated ser', (d) => truncateSync(join(d, 'ser'), 4096 * 4 * 3 + 100), /truncated ser file/, (d) => join(d, 'ser')],
    [
      'a delay list with an unknown suffix',
      (d) => writeFileSync(join(d, 'vdlist'), '5u\n10q\n'),
      /unknown unit suffix/,
      (d) => join(d, 'vdlist'),
    ],
    [
      'acqus that is not a parameter file',
      (d) => writeFileSync(join(d, 'acqus'), 'hello\n'),
      /not a Bruker parameter file/,
      (d) => join(d, 'acqus'),
    ],
  ];
  test.each(cases)('%s', (_name, damage, message, source) => {
    const dir = experiment({ delay_s: DELAYS.slice(0, 4), vdlist: '5u\n100u\n0.5m\n1m\n' });
    damage(dir);
    const before = treeHash(dir);
    const e = expectInputError(() => readBrukerRelaxation(dir, { regions_ppm: [REGION] }), source(dir));
    expect(e.message).toMatch(message);
    expect(treeHash(dir)).toEqual(before);
  });

  test('an empty folder', () => {
    const dir = tempDir();
    expect(() => importRelaxationData(dir)).toThrow(InputError);
    expect(() => importRelaxationData(dir)).toThrow(/empty folder/);
    expectInputError(() => readBrukerExperiment(dir), dir);
  });

  test('a region outside the spectrum', () => {
    const dir = experiment({ delay_s: DELAYS.slice(0, 4), vdlist: '5u\n100u\n0.5m\n1m\n' });
    expect(() => readBrukerRelaxation(dir, { regions_ppm: [[500, 400]] })).toThrow(/region outside the spectrum/);
  });
});

describe('a variable-temperature series: numbered experiments sorted by temperature', () => {
  const root = tempDir();
  const temps: Record<string, number> = { '10': 340, '11': 300, '12': 320 };
  const t1At = (T: number) => 0.02 * Math.exp(1500 * (1 / T - 1 / 300));
  for (const [expno, T] of Object.entries(temps)) {
    writeSyntheticExperiment({
      dir: join(root, expno),
      vdlist: VDLIST,
      delay_s: DELAYS,
      amplitude: (t) => M0 * (1 - Math.exp(-t / t1At(T))),
      noise: 40,
      te_K: T,
      seed: Number(expno),
    });
  }
  mkdirSync(join(root, '1'));
  writeFileSync(join(root, '1', 'fid'), Buffer.alloc(1024));
  const before = treeHash(root);
  const series = readVtSeries(root, { regions_ppm: [REGION] });

  test('one transient per experiment, sorted 300, 320, 340 K, each with its own T1', () => {
    expect(series.transients.map((t) => t.temperature_K)).toEqual([300, 320, 340]);
    for (const t of series.transients) {
      const fit = fitTransient(t, { model: 'saturation-recovery' });
      expect(Math.abs(fit.params.T1.value / t1At(t.temperature_K as number) - 1)).toBeLessThan(0.02);
    }
  });

  test('a folder that is not a pseudo-2D experiment is skipped with a warning; nothing written', () => {
    expect(series.warnings.join('\n')).toMatch(/1: skipped, not a pseudo-2D experiment/);
    expect(importRelaxationData(root, { regions_ppm: [REGION] }).format).toBe('vt-series');
    expect(treeHash(root)).toEqual(before);
  });
});
