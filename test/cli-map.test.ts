/**
 * `relaxlab map` end to end (through the CLI's main()): a T1 map of seeded synthetic voxels recovered
 * within their standard errors, the map keeping the input's leading shape, masked (NaN) voxels
 * left out and counted, the batch giving the same numbers as fitting each transient alone, CSV in
 * and out, and bad input refused with one line on stderr.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { fitTransient, gaussian, mulberry32 } from '@relaxlab/core';
import { encodeNpy, readNpy } from '../packages/cli/src/map/npy';
import { cliScratchFolder, nonEmptyLines as lines, relaxlab, Run } from './support/cli';

// 8 × 250 voxels, 16 delays 0.1 ms … 10 s; T1 log-uniform 3 ms … 1 s, M∞ 0.5 … 1.5, 1 % noise
const NX = 8;
const NY = 250;
const POINTS = 16;
const delay_s = Array.from({ length: POINTS }, (_, i) => 1e-4 * Math.pow(1e5, i / (POINTS - 1)));
const MASKED = [17, 1234];

const scratch = cliScratchFolder('relaxlab-cli-map-');
let truth: Float64Array;
let signals: Float64Array;
let run: Run;

beforeAll(async () => {
  const random = mulberry32(4242);
  truth = new Float64Array(NX * NY);
  signals = new Float64Array(NX * NY * POINTS);
  for (let k = 0; k < NX * NY; k++) {
    truth[k] = Math.pow(10, -2.5 + 2.5 * random());
    const M = 0.5 + random();
    for (let i = 0; i < POINTS; i++) signals[k * POINTS + i] = M * (1 - Math.exp(-delay_s[i] / truth[k])) + 0.01 * M * gaussian(random);
  }
  for (const k of MASKED) signals[k * POINTS + 3] = NaN;
  writeFileSync(join(scratch.dir, 'voxels.npy'), encodeNpy({ dtype: '<f8', shape: [NX, NY, POINTS], data: signals }));
  run = await relaxlab('map', join(scratch.dir, 'voxels.npy'), '--delays', delay_s.join(','), '-o', join(scratch.dir, 't1map'), '--json');
});

describe('relaxlab map on an 8 × 250 × 16 .npy', () => {
  test('exits 0, one JSON summary; the masked voxels are counted and named on stderr', () => {
    expect(run.status).toBe(0);
    expect(lines(run.stderr)).toEqual([
      `relaxlab: warning: 2 of ${NX * NY} transients hold NaN or Inf and were not fitted (NaN in the maps)`,
    ]);
    const s = JSON.parse(run.stdout);
    expect(s.kind).toBe('MapSummary');
    expect([s.count, s.fitted, s.masked, s.converged]).toEqual([NX * NY, NX * NY - 2, 2, NX * NY - 2]);
    expect(s.varied).toEqual(['M_inf', 'T1']);
    expect(s.input.shape).toEqual([NX, NY, POINTS]);
  });

  test("writes each varied parameter and its stderr as maps of the input's leading shape", () => {
    for (const name of ['T1', 'T1_stderr', 'M_inf', 'M_inf_stderr', 'redchi']) {
      const a = readNpy(join(scratch.dir, 't1map', `${name}.npy`));
      expect(a.dtype).toBe('<f8');
      expect(a.shape).toEqual([NX, NY]);
    }
    const converged = readNpy(join(scratch.dir, 't1map', 'converged.npy'));
    expect(converged.dtype).toBe('|b1');
    expect(Array.from(converged.data).filter((v) => v === 1)).toHaveLength(NX * NY - 2);
  });

  test('recovers T1 within 3 standard errors in ≥ 97 % of the voxels (99.04 % for Student t at 14 dof, the stderr being scaled by the reduced χ²); NaN where masked', () => {
    const t1 = readNpy(join(scratch.dir, 't1map', 'T1.npy')).data;
    const se = readNpy(join(scratch.dir, 't1map', 'T1_stderr.npy')).data;
    let inside = 0;
    for (let k = 0; k < NX * NY; k++) {
      if (MASKED.includes(k)) {
        expect(t1[k]).toBeNaN();
        expect(se[k]).toBeNaN();
      } else if (Math.abs(t1[k] - truth[k]) < 3 * se[k]) inside++;
    }
    expect(inside / (NX * NY - 2)).toBeGreaterThanOrEqual(0.97);
  });

  test('the batch gives the numbers fitTransient gives for the same transient', () => {
    const t1 = readNpy(join(scratch.dir, 't1map', 'T1.npy')).data;
    const se = readNpy(join(scratch.dir, 't1map', 'T1_stderr.npy')).data;
    for (const k of [0, 999, NX * NY - 1]) {
      const fit = fitTransient(
        { experiment: 'T1-saturation', delay_s, signal: Array.from(signals.subarray(k * POINTS, (k + 1) * POINTS)) },
        { curvePoints: 0 },
      );
      expect(t1[k] / fit.params.T1.value).toBeCloseTo(1, 10);
      expect(se[k] / (fit.params.T1.stderr as number)).toBeCloseTo(1, 8);
    }
  });
});

describe('relaxlab map on a CSV with a delay file', () => {
  test('spin-lock decays in ms from a table: map.csv and .npy with --format both', async () => {
    const random = mulberry32(7);
    const delays_ms = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20];
    const T1rho_s = [0.8e-3, 2e-3, 5e-3];
    const rows = T1rho_s.map((T) => delays_ms.map((d) => (Math.exp(-(d * 1e-3) / T) + 0.005 * gaussian(random)).toFixed(6)).join(','));
    writeFileSync(join(scratch.dir, 'spinlock.csv'), `# T1rho map\n${delays_ms.map((d) => `d${d}`).join(',')}\n${rows.join('\n')}\n`);
    writeFileSync(join(scratch.dir, 'delays.txt'), `delay (ms)\n${delays_ms.join('\n')}\n`);
    const r = await relaxlab(
      'map',
      join(scratch.dir, 'spinlock.csv'),
      '--delays',
      join(scratch.dir, 'delays.txt'),
      '--model',
      'spin-lock',
      '-o',
      join(scratch.dir, 'rho'),
      '--format',
      'both',
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const csv = lines(readFileSync(join(scratch.dir, 'rho', 'map.csv'), 'utf8'));
    expect(csv[0]).toBe('index,M0,M0 stderr,T1rho (s),T1rho stderr (s),reduced chi-square,converged');
    expect(csv).toHaveLength(4);
    csv.slice(1).forEach((row, k) => {
      const c = row.split(',').map(Number);
      expect(Math.abs(c[3] - T1rho_s[k])).toBeLessThan(3 * c[4]);
    });
    expect(readNpy(join(scratch.dir, 'rho', 'T1rho.npy')).shape).toEqual([3]);
  });
});

describe('bad input: exit 2, one line on stderr', () => {
  test.each([
    [
      'delays and columns differ',
      () => ['map', join(scratch.dir, 'voxels.npy'), '--delays', '0.1,0.2,0.3', '-o', join(scratch.dir, 'x')],
      /delays: delays and matrix columns differ \(expected 16 delays/,
    ],
    [
      'an unknown model',
      () => ['map', join(scratch.dir, 'voxels.npy'), '--delays', delay_s.join(','), '--model', 'T1', '-o', join(scratch.dir, 'x')],
      /--model: unknown transient model/,
    ],
    [
      'an unknown parameter to vary',
      () => ['map', join(scratch.dir, 'voxels.npy'), '--delays', delay_s.join(','), '--vary', 'beta', '-o', join(scratch.dir, 'x')],
      /unknown parameter 'beta'/,
    ],
    [
      'an unknown format',
      () => ['map', join(scratch.dir, 'voxels.npy'), '--delays', delay_s.join(','), '--format', 'xlsx', '-o', join(scratch.dir, 'x')],
      /--format: unknown output format/,
    ],
    ['no delays', () => ['map', join(scratch.dir, 'voxels.npy'), '-o', join(scratch.dir, 'x')], /--delays: no delays/],
    [
      'a big-endian array',
      () => {
        const file = join(scratch.dir, 'be.npy');
        const dict = "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 16), }";
        const header = Buffer.alloc(128, 0x20);
        header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
        header.writeUInt16LE(118, 8);
        header.write(dict, 10, 'latin1');
        header[127] = 0x0a;
        writeFileSync(file, Buffer.concat([header, Buffer.alloc(128)]));
        return ['map', file, '--delays', delay_s.join(','), '-o', join(scratch.dir, 'x')];
      },
      /be\.npy: descr: unsupported data type .*big-endian/,
    ],
  ])('%s', async (_, args, message) => {
    const r = await relaxlab(...args());
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(scratch.dir, 'x'))).toBe(false);
  });
});
