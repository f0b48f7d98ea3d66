/**
 * `relaxlab arrhenius` end to end through the CLI's main() (test/support/cli.ts) on the MIL-121
 * synthetic σT files and on small tables written here, checked against the
 * command-line contract in docs/ARCHITECTURE.md (one JSON document with --json; exit 2 and one stderr line on bad input).
 */
import { RESULT_SCHEMA } from '@relaxlab/core';
import { join } from 'path';
import { cliScratchFolder, lines, relaxlab, Run, sha256 } from './support/cli';

const LI = 'examples/mil121/conductivity/li-sigmaT.csv';
const NA = 'examples/mil121/conductivity/na-sigmaT.csv';
const kB = 8.617333262e-5;

const scratch = cliScratchFolder('relaxlab-cli-arrhenius-');

describe('relaxlab arrhenius --segments auto on the MIL-121 Li σT file', () => {
  let run: Run;
  const before = sha256(LI);
  beforeAll(async () => {
    run = await relaxlab('arrhenius', LI, '--segments', 'auto', '--json');
  });

  test('exits 0 with exactly one JSON document and nothing on stderr; the file is untouched', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schema: RESULT_SCHEMA, kind: 'SegmentedArrheniusResult', quantity: 'sigmaT' });
    expect(sha256(LI)).toBe(before);
  });

  test('BIC picks the kink: 1.01 → 0.28 eV within 0.02 eV, kink within 5 K of 323 K with a 95 % interval', () => {
    const r = JSON.parse(run.stdout);
    expect(r.chosenSegments).toBe(2);
    expect(Math.abs(r.segments[0].activationEnergy_eV.value - 1.01)).toBeLessThan(0.02);
    expect(Math.abs(r.segments[1].activationEnergy_eV.value - 0.28)).toBeLessThan(0.02);
    const kink = r.breakpoints[0];
    expect(Math.abs(kink.temperature_K.value - 323)).toBeLessThan(5);
    expect(kink.ci95_K[0]).toBeLessThan(kink.temperature_K.value);
    expect(kink.ci95_K[1]).toBeGreaterThan(kink.temperature_K.value);
    expect(r.bic.map((b: { segments: number }) => b.segments)).toEqual([1, 2, 3]);
  });

  test('text mode prints the regime table, the kink and the BIC table', async () => {
    const text = await relaxlab('arrhenius', LI, '--segments', 'auto');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/regime\s+T range \/ K\s+points\s+Ea \/ eV\s+Ea \/ kJ\/mol/);
    expect(text.stdout).toMatch(/\n {4}I\s+233\.\d–32\d\.\d\s+\d+\s+1\.0\d+ ± 0\.00\d+/);
    expect(text.stdout).toMatch(/kink 1: T = 32\d\.\d+ ± 0\.\d+ K, 95 % CI/);
    expect(text.stdout).toContain('[[Segments by BIC]]');
    expect(text.stdout).toMatch(
      /\[\[Kink test\]\] Davies' test, one straight line vs one kink \(two-sided, 20 candidate kinks 24\d\.\d–38\d\.\d K\)/,
    );
    expect(text.stdout).toMatch(
      /\n {4}t = -\d+\.\d\d at 3[12]\d\.\d K \(the largest \|t\|; residual scale estimated, 30 dof\): p ≤ \d\.\de-\d+; Ea below - Ea above there = 0\.7\d+ ± /,
    );
  });

  test("Davies' kink test: p < 1e-6 for one kink against one line, at the candidate nearest the fitted kink, ΔEa ≈ 0.73 eV", () => {
    const r = JSON.parse(run.stdout);
    const k = r.kinkTest;
    expect(k).toMatchObject({ alternative: 'two-sided', scale: 'estimated', weighted: true, gridPoints: 20, n: r.n, dof: r.n - 3 });
    expect(k.pValue).toBeLessThan(1e-6);
    const fitted = r.breakpoints[0].temperature_K.value;
    const nearest = k.process.kink_K.reduce((a: number, t: number) => (Math.abs(t - fitted) < Math.abs(a - fitted) ? t : a));
    expect(k.kink_K).toBe(nearest);
    expect(Math.abs(k.energyChange_eV.value - 0.73)).toBeLessThan(0.05);
  });
});

describe('relaxlab arrhenius: one straight line, windows, units and quantities', () => {
  test('--segments 1 --absolute-sigma inside regime II: no kink found (Davies p > 0.05, a z statistic)', async () => {
    const run = await relaxlab('arrhenius', LI, '--segments', '1', '--absolute-sigma', '--window', '330:400', '--json');
    expect(run.status).toBe(0);
    const k = JSON.parse(run.stdout).kinkTest;
    expect(k.scale).toBe('absolute');
    expect(k.pValue).toBeGreaterThan(0.05);
    expect((await relaxlab('arrhenius', LI, '--segments', '1', '--absolute-sigma', '--window', '330:400')).stdout).toMatch(
      /z = -?\d\.\d\d at 3\d\d\.\d K \(the largest \|z\|; sigma absolute\): p ≤ 0\.\d{3}/,
    );
  });

  test('Na file in °C, --window 330:400: one line through regime II, Ea = 0.36 ± 0.02 eV', async () => {
    const run = await relaxlab('arrhenius', NA, '--window', '330:400', '--json');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.kind).toBe('ArrheniusResult');
    expect(r.window_K).toEqual([330, 400]);
    expect(r.n).toBe(13); // 60 … 120 °C
    expect(Math.abs(r.activationEnergy_eV.value - 0.36)).toBeLessThan(0.02);
    expect(r.activationEnergy_kJ_per_mol.value / r.activationEnergy_eV.value).toBeCloseTo(96.485, 3);
  });

  test('τ in ms, T in °C: the quantity is taken from the unit and Ea comes out positive', async () => {
    const T = [-20, 0, 20, 40, 60, 80];
    const rows = T.map((c) => `${c}, ${1e-10 * Math.exp(0.3 / (kB * (c + 273.15))) * 1e3}`);
    const path = scratch.file('tau.csv', ['T (°C), tau (ms)', ...rows].join('\n'));
    const r = JSON.parse((await relaxlab('arrhenius', path, '--json')).stdout);
    expect(r.quantity).toBe('tau');
    expect(r.activationEnergy_eV.value).toBeCloseTo(0.3, 6);
    expect(r.log10Prefactor.value).toBeCloseTo(-10, 5); // τ0 = 1e-10 s: SI units after the ms conversion
  });

  test('a relaxation time T1ρ in ms is analysed as its rate 1/T1ρ, with σ carried as σ/T²', async () => {
    const T = [250, 270, 290, 310, 330, 350];
    const rows = T.map((t) => {
      const rate = 1e8 * Math.exp(-0.25 / (kB * t));
      return `${t}, ${1e3 / rate}, ${0.05 * (1e3 / rate)}`;
    });
    const path = scratch.file('t1rho.csv', ['T (K), T1rho (ms), sigma (ms)', ...rows].join('\n'));
    const run = await relaxlab('arrhenius', path);
    expect(run.stdout).toContain('as rate (relaxation time converted to its rate 1/T)');
    const r = JSON.parse((await relaxlab('arrhenius', path, '--json')).stdout);
    expect(r.quantity).toBe('rate');
    expect(r.activationEnergy_eV.value).toBeCloseTo(0.25, 6);
    expect(r.log10Prefactor.value).toBeCloseTo(8, 5);
  });

  test('σT in S K/cm and D in cm²/s are recognised from the unit', async () => {
    const T = [250, 270, 290, 310, 330, 350];
    const sigmaT = scratch.file(
      'sigmaT.csv',
      ['T (K), sigma_T (S K/m)', ...T.map((t) => `${t}, ${1e5 * Math.exp(-0.4 / (kB * t))}`)].join('\n'),
    );
    const a = JSON.parse((await relaxlab('arrhenius', sigmaT, '--json')).stdout);
    expect(a.quantity).toBe('sigmaT');
    expect(a.log10Prefactor.value).toBeCloseTo(3, 5); // 1e5 S K/m = 1e3 S K/cm
    const diffusion = scratch.file('D.csv', ['T (K), D (cm2/s)', ...T.map((t) => `${t}, ${1e-3 * Math.exp(-0.4 / (kB * t))}`)].join('\n'));
    const d = JSON.parse((await relaxlab('arrhenius', diffusion, '--json')).stdout);
    expect(d.quantity).toBe('diffusion');
    expect(d.activationEnergy_eV.value).toBeCloseTo(0.4, 6);
    expect(d.log10Prefactor.value).toBeCloseTo(-7, 5); // 1e-3 cm²/s = 1e-7 m²/s
  });

  test('σ in S/cm is analysed as σT', async () => {
    const T = [250, 270, 290, 310, 330, 350];
    const rows = T.map((t) => `${t}, ${(1e3 / t) * Math.exp(-0.5 / (kB * t))}`);
    const path = scratch.file('sigma.csv', ['T (K), sigma (S/cm)', ...rows].join('\n'));
    const run = await relaxlab('arrhenius', path);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('as sigmaT (sigma in S/cm multiplied by T)');
    const r = JSON.parse((await relaxlab('arrhenius', path, '--json')).stdout);
    expect(r.quantity).toBe('sigmaT');
    expect(r.activationEnergy_eV.value).toBeCloseTo(0.5, 6);
  });

  test('--flanks on an R1 rate peak: the Arrhenius lines every face fits, the high-T flank giving the Ea of τc', async () => {
    const w = 2 * Math.PI * 116.6e6;
    const T = Array.from({ length: 97 }, (_, i) => 120 + 5 * i);
    const rows = T.map((t) => {
      const tau = 1e-13 * Math.exp(0.2 / (kB * t));
      return `${t}\t${1e9 * (tau / (1 + (w * tau) ** 2) + (4 * tau) / (1 + (2 * w * tau) ** 2))}`;
    });
    const path = scratch.file('r1.tsv', ['# experiment: R1', 'T (K)\tR1 (1/s)', ...rows].join('\n'));
    const run = await relaxlab('arrhenius', path, '--flanks', '--json');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.kind).toBe('RateArrheniusResult');
    const high = r.lines.find((l: { side: string }) => l.side === 'high');
    expect(high.from).toBe('flank');
    expect(Math.abs(high.arrhenius.activationEnergy_eV.value - 0.2)).toBeLessThan(0.004);
    expect((await relaxlab('arrhenius', path, '--flanks')).stdout).toMatch(/high-T\s+\d+\.\d–600\.0/);
  });
});

describe('relaxlab arrhenius: bad input exits 2 with one line on stderr naming the field', () => {
  const expectInputError = (run: Run, pattern: RegExp) => {
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(pattern);
  };

  test('a window with fewer points than parameters', async () => {
    expectInputError(
      await relaxlab('arrhenius', LI, '--window', '300:302'),
      /li-sigmaT\.csv: window_K: too few points in the window 300–302 K.*found 0/,
    );
  });

  test('an invalid --window and --segments', async () => {
    expectInputError(await relaxlab('arrhenius', LI, '--window', '400:300'), /--window: invalid temperature window/);
    expectInputError(await relaxlab('arrhenius', LI, '--segments', '4'), /--segments: invalid number of segments/);
  });

  test('T ≤ 0 K in the file', async () => {
    const path = scratch.file('zero.csv', 'T (K), R1 (1/s)\n0, 1\n300, 2\n350, 3\n');
    expectInputError(await relaxlab('arrhenius', path), /zero\.csv: temperature_K\[0\].*T > 0 K/);
  });

  test('a non-positive rate on the log scale', async () => {
    const path = scratch.file('negative.csv', 'T (K), R1 (1/s)\n250, 1\n300, -2\n350, 3\n');
    expectInputError(await relaxlab('arrhenius', path), /negative\.csv: value\[\d\]: value must be positive/);
  });

  test('a y column whose quantity cannot be told, and an unknown --quantity', async () => {
    const path = scratch.file('plain.csv', 'T (K), y\n250, 1\n300, 2\n350, 3\n');
    expectInputError(await relaxlab('arrhenius', path), /plain\.csv: y: cannot tell what the y column holds.*--quantity/);
    expectInputError(await relaxlab('arrhenius', path, '--quantity', 'conductance'), /--quantity: unknown quantity/);
    expect(JSON.parse((await relaxlab('arrhenius', path, '--quantity', 'rate', '--json')).stdout).quantity).toBe('rate');
  });

  test('two segments with too few points, and a missing file', async () => {
    const path = scratch.file('five.csv', 'T (K), R1 (1/s)\n250, 1\n260, 2\n270, 3\n280, 4\n290, 5\n');
    expectInputError(await relaxlab('arrhenius', path, '--segments', '2'), /too few points for 2 segments/);
    expectInputError(await relaxlab('arrhenius', join(scratch.dir, 'missing.csv')), /missing\.csv: file: cannot read file/);
  });
});
