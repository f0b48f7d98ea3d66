/**
 * `relaxlab bpp` end to end through the CLI's main() (test/support/cli.ts): the MIL-121 worked
 * example (synthetic 7Li R1/R1ρ, examples/mil121/nmr) gives back the published flank activation
 * energies 0.44 eV (dry) and 0.20 eV (soaked); the CLI contract (one JSON document, exit 2 and one
 * stderr line naming the file and field on bad input); resampling options.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { findRatePeakFlanks, RESULT_SCHEMA } from '@relaxlab/core';
import { readDelimitedFile, tableToRateSeries } from '@relaxlab/io';
import { jointBppChart } from '@relaxlab/plots';
import { cliScratchFolder, nonEmptyLines as lines, relaxlab, ROOT, sha256 } from './support/cli';

const NMR = 'examples/mil121/nmr';
const file = (sample: string, exp: string) => `${NMR}/li-${sample}-${exp}.csv`;

const scratch = cliScratchFolder('relaxlab-cli-bpp-');

describe('MIL-121 worked example (synthetic 7Li R1 at 116.6 MHz + R1rho at 20 kHz)', () => {
  test.each([
    ['soaked', 0.2],
    ['dry', 0.44],
  ])('%s: the joint fit gives the low-T flank (β − 1)·Ea = %s eV within 2σ and 0.01 eV', async (sample, flank) => {
    const run = await relaxlab('bpp', file(sample, 'R1'), file(sample, 'R1rho'), '--background', 'power-law,none', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({
      schema: RESULT_SCHEMA,
      kind: 'JointBppResult',
      spectralDensity: 'asymmetric-bpp',
      backgrounds: ['power-law', 'none'],
    });
    expect(r.fit.converged).toBe(true);
    const low = r.lowTemperatureFlank_eV;
    expect(Math.abs(low.value - flank)).toBeLessThan(Math.min(2 * low.stderr, 0.01));
    // generated with β = 1.7: Ngai n = 2 − β = 0.3
    expect(Math.abs(r.ngaiCoupling.value - 0.3)).toBeLessThan(3 * r.ngaiCoupling.stderr);
    expect(r.fit.provenance.inputs).toEqual([
      { name: file(sample, 'R1'), sha256: sha256(file(sample, 'R1')) },
      { name: file(sample, 'R1rho'), sha256: sha256(file(sample, 'R1rho')) },
    ]);
  });

  test.each([
    ['soaked', 'R1rho', 0.2],
    ['soaked', 'R1', 0.2],
    ['dry', 'R1rho', 0.44],
  ])('%s %s: a straight line through the low-T flank alone (findRatePeakFlanks) gives %s eV within 0.01 eV', (sample, exp, flank) => {
    const series = tableToRateSeries(readDelimitedFile(join(ROOT, file(sample, exp))));
    const flanks = findRatePeakFlanks({
      temperature_K: series.points.map((p) => p.temperature_K),
      value: series.points.map((p) => p.rate_per_s),
      sigma: series.points.map((p) => p.sigma as number),
      quantity: 'rate',
    });
    expect(Math.abs((flanks.lowTemperature?.arrhenius.activationEnergy_eV.value as number) - flank)).toBeLessThan(0.01);
  });

  test('T1rho in ms against T in °C is read as R1rho = 1/T1rho in 1/s at T in K', () => {
    const series = tableToRateSeries(readDelimitedFile(join(ROOT, file('soaked', 'R1rho'))));
    const text = readFileSync(join(ROOT, file('soaked', 'R1rho')), 'utf8').split('\n');
    const [tC, t1rho_ms, sigma_ms] = text[6].split(',').map(Number);
    expect(series).toMatchObject({ experiment: 'R1rho', nucleus: '7Li', larmor_MHz: 116.6, spinlock_kHz: 20 });
    expect(series.points[0].temperature_K).toBeCloseTo(tC + 273.15, 10);
    expect(series.points[0].rate_per_s).toBeCloseTo(1000 / t1rho_ms, 8);
    expect(series.points[0].sigma! / series.points[0].rate_per_s).toBeCloseTo(sigma_ms / t1rho_ms, 10);
  });
});

/** Data rows of a CSV: neither `# key: value` comments, nor blank, nor the header line. */
const dataRows = (path: string) =>
  readFileSync(join(ROOT, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .slice(1);

type Spec = { datasets?: Record<string, unknown[]>; data?: { name?: string }; mark?: unknown; layer?: Spec[]; vconcat?: Spec[] };
/** Rows of the filled point marks (the measured data) anywhere in a spec whose data sit in its top-level datasets. */
function measuredRows(spec: Spec): unknown[] {
  const rows = (node: Spec): unknown[] => {
    const mark = node.mark as { type?: string; filled?: boolean } | undefined;
    const here = mark?.type === 'point' && mark.filled && node.data?.name ? (spec.datasets?.[node.data.name] ?? []) : [];
    return [...here, ...[...(node.layer ?? []), ...(node.vconcat ?? [])].flatMap(rows)];
  };
  return rows(spec);
}

describe('relaxlab bpp --json keeps the data', () => {
  test('every rate of every file with its fitted value: the saved result re-plots with all the points of the CSVs', async () => {
    const files = [file('soaked', 'R1'), file('soaked', 'R1rho')];
    const r = JSON.parse((await relaxlab('bpp', ...files, '--background', 'power-law,none', '--json')).stdout);
    expect(r.datasets.map((d: { points: unknown[] }) => d.points.length)).toEqual(files.map((f) => dataRows(f).length));
    // the first R1 row as written: 160 K, 0.011998 ± 0.0006 1/s
    expect(r.datasets[0].points[0]).toMatchObject({ temperature_K: 160, rate_per_s: 0.011998, sigma: 0.0006 });
    const chiSquare = r.datasets
      .flatMap((d: { points: Array<{ normalizedResidual: number }> }) => d.points)
      .reduce((sum: number, p: { normalizedResidual: number }) => sum + p.normalizedResidual ** 2, 0);
    expect(chiSquare / r.fit.stats.chiSquare).toBeCloseTo(1, 10);
    expect(measuredRows(jointBppChart(r) as Spec)).toHaveLength(files.reduce((n, f) => n + dataRows(f).length, 0));
  });
});

describe('relaxlab bpp: text report and resampling', () => {
  test('the text report has the lmfit sections and the physics', async () => {
    const run = await relaxlab('bpp', file('soaked', 'R1'), file('soaked', 'R1rho'), '--background', 'power-law,none');
    expect(run.status).toBe(0);
    for (const section of ['[[Fit Statistics]]', '[[Variables]]', '[[Physics]]', 'low-T flank', 'Ngai n = 2 - beta'])
      expect(run.stdout).toContain(section);
  });

  test('--bootstrap N --seed S: seeded, reproducible, one JSON document with the bootstrap inside', async () => {
    const args = [
      'bpp',
      file('soaked', 'R1'),
      file('soaked', 'R1rho'),
      '--background',
      'power-law,none',
      '--bootstrap',
      '200',
      '--seed',
      '7',
      '--json',
    ];
    const a = JSON.parse((await relaxlab(...args)).stdout);
    const b = JSON.parse((await relaxlab(...args)).stdout);
    expect(a.bootstrap).toMatchObject({ kind: 'JointBppResampling', method: 'bootstrap-residuals', samples: 200, seed: 7 });
    expect(b.bootstrap.parameters).toEqual(a.bootstrap.parameters);
    const ratio = a.bootstrap.parameters.Ea_eV.sd / a.fit.params.Ea_eV.stderr;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.4);
  });
});

describe('relaxlab bpp: bad input → exit 2, one stderr line naming the file and field', () => {
  const bad = (name: string, text: string) => scratch.file(name, text);
  const expectInputError = async (args: string[], pattern: RegExp) => {
    const run = await relaxlab('bpp', ...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(pattern);
  };

  test('a temperature ≤ 0 K', async () => {
    const f = bad(
      'zeroK.csv',
      '# experiment: R1\n# nucleus: 7Li\n# larmor_MHz: 116.6\nT (K), R1 (1/s)\n200, 1\n0, 2\n300, 3\n350, 2\n400, 1\n',
    );
    await expectInputError([f], /zeroK\.csv: data row 2 \(temperature_K\): temperature must be above 0 K/);
  });

  test('a rate series with one point', async () => {
    const f = bad('one.csv', '# experiment: R1\n# nucleus: 7Li\n# larmor_MHz: 116.6\nT (K), R1 (1/s)\n200, 1\n');
    await expectInputError([file('soaked', 'R1'), f], /one\.csv: points: a rate series needs at least two temperatures/);
  });

  test('a non-positive rate on the log scale', async () => {
    const f = bad(
      'negative.csv',
      '# experiment: R1\n# nucleus: 7Li\n# larmor_MHz: 116.6\nT (K), R1 (1/s)\n200, 1\n250, -2\n300, 3\n350, 2\n400, 1\n',
    );
    await expectInputError([f], /negative\.csv: data row 2 \(rate_per_s\): rates are fitted on a log scale and must be positive/);
  });

  test('fewer points than parameters', async () => {
    const f = bad('three.csv', '# experiment: R1\n# nucleus: 7Li\n# larmor_MHz: 116.6\nT (K), R1 (1/s)\n200, 1\n300, 3\n400, 1\n');
    await expectInputError([f], /fewer data points than varied parameters/);
  });

  test('an unknown nucleus, a missing spin-lock frequency, a bad option', async () => {
    const f = bad(
      'nucleus.csv',
      '# experiment: R1\n# nucleus: 8Li\n# larmor_MHz: 116.6\nT (K), R1 (1/s)\n200, 1\n250, 2\n300, 3\n350, 2\n400, 1\n',
    );
    await expectInputError([f], /nucleus\.csv: nucleus: unknown nucleus/);
    const g = bad(
      'nolock.csv',
      '# experiment: R1rho\n# nucleus: 7Li\n# larmor_MHz: 116.6\nT (K), R1rho (1/s)\n200, 1\n250, 2\n300, 3\n350, 2\n400, 1\n',
    );
    await expectInputError([g], /nolock\.csv: # spinlock_kHz: missing "# spinlock_kHz:" line/);
    await expectInputError([file('soaked', 'R1'), '--share', 'Ea,tau'], /--share: unknown value/);
    await expectInputError([file('soaked', 'R1'), '--bootstrap', 'many'], /--bootstrap: not a number of refits/);
  });
});
