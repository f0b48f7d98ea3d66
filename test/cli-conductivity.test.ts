/**
 * `relaxlab conductivity`: Davies' kink test of the σT Arrhenius fit, through the CLI's main(). The
 * spectra are written here: an R1‖C1 pellet whose σT = l/(R·A)·T is a broken line in 1/T (1.01 eV
 * below 323 K, 0.28 eV above, the MIL-121 Li numbers of examples/mil121/conductivity/README.md),
 * with 0.5 % seeded noise on Z; and the five-temperature WinDETA fixture, too few for a test.
 */
import { BOLTZMANN_eV_per_K, gaussian, mulberry32 } from '@relaxlab/core';
import { cliScratchFolder, relaxlab, Run } from './support/cli';

const WINDETA = 'packages/io/test/impedance-fixtures/windeta-mil121-handmade.txt';
const KINK_K = 323;
const EA_eV = { below: 1.01, above: 0.28 };
const THICKNESS_cm = 0.1;
const AREA_cm2 = 1;
const C1_F = 1e-10;
const TEMPERATURES_K = Array.from({ length: 14 }, (_, i) => 263 + 10 * i);

/** log10 σT (S K/cm) of the broken line, σ(323 K) = 1e-4 S/cm. */
function log10SigmaT(T: number): number {
  const ea = T < KINK_K ? EA_eV.below : EA_eV.above;
  return Math.log10(1e-4 * KINK_K) - (ea / (BOLTZMANN_eV_per_K * Math.LN10)) * (1 / T - 1 / KINK_K);
}

/** Z of R1‖C1, Z = R/(1 + jωRC), with σ = l/(R·A), on 50 frequencies from 1 Hz to 100 MHz, 0.5 % noise. */
function spectrumCsv(T: number, rand: () => number): string {
  const R = THICKNESS_cm / ((Math.pow(10, log10SigmaT(T)) / T) * AREA_cm2);
  const rows = ["f (Hz), Z' (Ohm), Z'' (Ohm)"];
  for (let i = 0; i < 50; i++) {
    const f = Math.pow(10, (8 * i) / 49);
    const wrc = 2 * Math.PI * f * R * C1_F;
    const re = R / (1 + wrc * wrc);
    const im = (-R * wrc) / (1 + wrc * wrc);
    rows.push(`${f}, ${re * (1 + 0.005 * gaussian(rand))}, ${im * (1 + 0.005 * gaussian(rand))}`);
  }
  return `${rows.join('\n')}\n`;
}

const scratch = cliScratchFolder('relaxlab-cli-conductivity-');
let files: string[];
const args = () => [
  ...files,
  '--circuit',
  'p(R1,C1)',
  '--thickness',
  String(THICKNESS_cm),
  '--area',
  String(AREA_cm2),
  '--temperatures',
  TEMPERATURES_K.join(','),
];

beforeAll(() => {
  const rand = mulberry32(17);
  files = TEMPERATURES_K.map((T) => {
    return scratch.file(`pellet-${T}K.csv`, spectrumCsv(T, rand));
  });
});

describe("relaxlab conductivity: Davies' kink test of σT", () => {
  let json: Run;
  let text: Run;
  beforeAll(async () => {
    json = await relaxlab('conductivity', ...args(), '--json');
    text = await relaxlab('conductivity', ...args());
  });

  test('--json: the σT fit carries the test, p < 1e-6 near the 323 K kink, ΔEa = Ea(I) − Ea(II) = 0.73 eV within 3σ', () => {
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.points).toHaveLength(TEMPERATURES_K.length);
    const k = doc.arrhenius.kinkTest;
    expect(k).toMatchObject({ alternative: 'two-sided', n: TEMPERATURES_K.length, dof: TEMPERATURES_K.length - 3 });
    expect(k.pValue).toBeLessThan(1e-6);
    // the candidates are 1000/T-even steps between the 3rd coolest and 3rd warmest temperature: one step ≤ 10 K here
    expect(Math.abs(k.kink_K - KINK_K)).toBeLessThan(10);
    expect(Math.abs(k.energyChange_eV.value - (EA_eV.below - EA_eV.above))).toBeLessThan(3 * k.energyChange_eV.stderr + 0.02);
  });

  test('text: the kinks, then the kink test (Davies) of the σT report every face prints, p as in the JSON to its printed digit', () => {
    expect(text.status).toBe(0);
    const k = JSON.parse(json.stdout).arrhenius.kinkTest;
    const m =
      /\n {4}kink 1: T = [^\n]+\n[\s\S]*?\[\[Kink test\]\][^\n]*\n {4}t = -?[0-9.]+ at ([0-9.]+) K \([^\n]*\): p ≤ ([0-9.]+e-\d+); Ea below - Ea above there = ([0-9.]+) ± ([0-9.]+) eV\n/.exec(
        text.stdout,
      );
    expect(m).not.toBeNull();
    const [, kink_K, p, dEa] = (m as RegExpExecArray).map(Number);
    expect(Math.abs(p / k.pValue - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(kink_K - k.kink_K)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(dEa - k.energyChange_eV.value)).toBeLessThan(k.energyChange_eV.stderr);
  });

  test('five temperatures: no test, and the text says why (each side of a kink needs 3 points)', async () => {
    const run = await relaxlab('conductivity', WINDETA, '--circuit', 'p(R1,CPE1)-CPE2');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no kink test: 5 points cannot hold two segments of ≥ 3 points');
    const doc = JSON.parse((await relaxlab('conductivity', WINDETA, '--circuit', 'p(R1,CPE1)-CPE2', '--json')).stdout);
    expect(doc.arrhenius.kinkTest).toBeNull();
  });
});
