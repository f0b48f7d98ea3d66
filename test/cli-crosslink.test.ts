/**
 * `relaxlab crosslink` end to end on the MIL-121 example inputs (SYNTHETIC, see
 * examples/mil121/conductivity/README.md), through the CLI's main() (test/support/cli.ts).
 */
import { RESULT_SCHEMA } from '@relaxlab/core';
import { readFileSync } from 'fs';
import { join } from 'path';
import { cliScratchFolder, lines, relaxlab, ROOT, Run } from './support/cli';

const NMR = 'examples/mil121/conductivity/li-nmr.json';
const COND = 'examples/mil121/conductivity/li-conductivity.json';

const scratch = cliScratchFolder('relaxlab-cli-crosslink-');

describe('relaxlab crosslink on the MIL-121 Li example', () => {
  let run: Run;
  beforeAll(async () => {
    run = await relaxlab('crosslink', NMR, COND, '--json');
  });

  test('exits 0 with one JSON document: the CrossLinkResult', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schema: RESULT_SCHEMA, kind: 'CrossLinkResult', comparedRegime: 1 });
  });

  test('Ngai n = 0.72 from the σT kink beside Jonscher p = 0.66, and n ≈ 0.3 from NMR 0.20 eV vs DC 0.28 eV', () => {
    const r = JSON.parse(run.stdout);
    expect(Math.abs(r.ngai.fromConductivityKink.value - 0.72)).toBeLessThan(0.02);
    expect(r.ngai.jonscherExponent.value).toBe(0.66);
    expect(Math.abs(r.ngai.fromNmrVsDc.value - 0.3)).toBeLessThan(0.05);
    expect(r.regimes.map((g: { regime: string }) => g.regime)).toEqual(['I', 'II']);
    expect(r.regimes[1].nmr_eV.value).toBeCloseTo(0.2, 2);
  });

  test('σ from the jump rates at every NMR temperature, with H_R = σ_predicted/σ_measured', () => {
    const r = JSON.parse(run.stdout);
    const nmr = JSON.parse(readFileSync(join(ROOT, NMR), 'utf8'));
    expect(r.atTemperatures.map((a: { temperature_K: number }) => a.temperature_K)).toEqual(nmr.jumpRates.temperature_K);
    for (const a of r.atTemperatures) {
      expect(a.havenRatio.value).toBeCloseTo(a.predictedConductivity_S_per_cm.value / a.measuredConductivity_S_per_cm.value, 6);
    }
  });

  test('text mode prints the side-by-side table and the hopping assumptions', async () => {
    const text = await relaxlab('crosslink', NMR, COND);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('[[NMR <-> DC cross-link]]');
    expect(text.stdout).toMatch(/Ea regime II \(323–393 K\)\s+0\.19\d+ ± 0\.\d+ eV\s+0\.2\d+ ± 0\.\d+ eV/);
    expect(text.stdout).toMatch(/Ngai n = 1 − Ea\(II\)\/Ea\(I\) from the σT kink\s+-\s+0\.7\d+ ± 0\.\d+/);
    expect(text.stdout).toMatch(/hopping model: N\/V = \(6\.0 ± 1\.2\)e20 cm\^-3/);
  });

  test("text mode gives Davies' kink test of the σT fit as a row of the table, p as in the JSON to its printed digit", async () => {
    const k = JSON.parse(run.stdout).conductivityArrhenius.kinkTest;
    expect(k.pValue).toBeLessThan(1e-6);
    const text = (await relaxlab('crosslink', NMR, COND)).stdout;
    const m =
      /\n {4}kink test \(Davies\) +- +p ≤ ([0-9.]+e-\d+) at ([0-9.]+) K, ΔEa = ([0-9.]+) ± ([0-9.]+) eV +one kink vs one straight line; p is an upper bound\n/.exec(
        text,
      );
    expect(m).not.toBeNull();
    const [, p, kink_K] = (m as RegExpExecArray).map(Number);
    expect(Math.abs(p / k.pValue - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(kink_K - k.kink_K)).toBeLessThanOrEqual(0.05 + 1e-9);
  });

  test('--number-density overrides nmr.json: the predicted σ scales with N/V, the measured σ does not', async () => {
    const base = JSON.parse(run.stdout);
    const doubled = JSON.parse((await relaxlab('crosslink', NMR, COND, '--number-density', '1.2044281520e21+-2e20', '--json')).stdout);
    const n0 = JSON.parse(readFileSync(join(ROOT, NMR), 'utf8')).hopping.numberDensity_per_cm3.value;
    const ratio = 1.204428152e21 / n0;
    expect(
      doubled.atTemperatures[0].predictedConductivity_S_per_cm.value / base.atTemperatures[0].predictedConductivity_S_per_cm.value,
    ).toBeCloseTo(ratio, 8);
    expect(doubled.atTemperatures[0].measuredConductivity_S_per_cm.value).toBe(base.atTemperatures[0].measuredConductivity_S_per_cm.value);
    expect(doubled.hopping.numberDensity_per_cm3).toEqual({ value: 1.204428152e21, stderr: 2e20 });
  });

  test('--help documents the JSON input shapes', async () => {
    const help = await relaxlab('crosslink', '--help');
    expect(help.status).toBe(0);
    for (const key of [
      'activationEnergy_eV',
      'jumpRates',
      'jumpRate_per_s',
      'conductivity_S_per_cm',
      'jonscherExponent',
      'numberDensity_per_cm3',
      'jumpDistance_m',
    ]) {
      expect(help.stdout).toContain(key);
    }
  });
});

describe('relaxlab crosslink on the output of relaxlab conductivity --json (an impedance series fitted in temperature order)', () => {
  const ISOTHERMS = 'examples/mil121/raw/li-isotherms.txt';

  test('the bulk σ of every spectrum, with its stderr, is the DC side: the same σT energy as the series reports', async () => {
    const conductivity = await relaxlab('conductivity', ISOTHERMS, '--circuit', 'p(R1,CPE1)-CPE2', '--segments', '1', '--json');
    expect(conductivity.status).toBe(0);
    const series = JSON.parse(conductivity.stdout);
    expect(series.kind).toBe('ImpedanceSeriesAnalysis');
    const file = scratch.file('li-series.json', conductivity.stdout);
    const run = await relaxlab('crosslink', NMR, file, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.kind).toBe('CrossLinkResult');
    expect(r.regimes).toHaveLength(1);
    // the generating σT energy of the isotherms is 0.28 eV; the series' own line and the cross-link's agree
    expect(r.regimes[0].conductivity_eV.value).toBeCloseTo(series.arrhenius.segments[0].activationEnergy_eV.value, 8);
    expect(Math.abs(r.regimes[0].conductivity_eV.value - 0.28)).toBeLessThan(0.02);
    expect(r.atTemperatures.length).toBeGreaterThan(0);
  });
});

describe('relaxlab crosslink: bad input exits 2 with one line on stderr', () => {
  const expectInputError = (r: Run, pattern: RegExp) => {
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  test('a file that is not JSON, or not an object', async () => {
    expectInputError(
      await relaxlab('crosslink', 'examples/mil121/conductivity/li-sigmaT.csv', COND),
      /li-sigmaT\.csv: file: not valid JSON/,
    );
    expectInputError(
      await relaxlab('crosslink', scratch.file('array.json', '[1, 2]'), COND),
      /array\.json: file: not a JSON object.*an array/,
    );
  });

  test('NMR results without an activation energy', async () => {
    expectInputError(
      await relaxlab('crosslink', scratch.file('no-ea.json', '{"label": "7Li"}'), COND),
      /nmr\.activationEnergy_eV: missing value/,
    );
  });

  test('a hopping geometry with the number density but no jump distance', async () => {
    const nmr = scratch.file(
      'nmr-plain.json',
      JSON.stringify({ activationEnergy_eV: 0.2, jumpRates: { temperature_K: [300], jumpRate_per_s: [1e9] } }),
    );
    expectInputError(
      await relaxlab('crosslink', nmr, COND, '--number-density', '6e20'),
      /jumpDistance_m \(--jump-distance\): incomplete hopping geometry/,
    );
    expectInputError(await relaxlab('crosslink', nmr, COND, '--jump-distance', 'three'), /--jump-distance: not a number/);
    // without any geometry the comparison still runs and says what it could not do
    const r = JSON.parse((await relaxlab('crosslink', nmr, COND, '--json')).stdout);
    expect(r.atTemperatures).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/no hopping geometry/);
  });

  test('a negative conductivity names the element', async () => {
    const cond = JSON.parse(readFileSync(join(ROOT, COND), 'utf8'));
    cond.conductivity_S_per_cm[3] = -1e-8;
    expectInputError(
      await relaxlab('crosslink', NMR, scratch.file('negative.json', JSON.stringify(cond)), '--json'),
      /conductivity_S_per_cm\[3\]/,
    );
  });
});
