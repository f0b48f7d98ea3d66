/** The generic view of any RelaxLab MIME bundle: values ± errors with units, statistics, warnings, report. */
import {
  curveFit,
  fitArrhenius,
  fitReport,
  fitSegmentedArrhenius,
  KJ_PER_MOL_PER_EV,
  migrateBundle,
  RELAXLAB_RESULT_MIME,
  VEGALITE_V5_MIME,
} from '@relaxlab/core';
import { resultView } from '../src/payload';
import { kinkedSigmaT } from './synthetic';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const data = kinkedSigmaT({ ea1_eV: 1.0, ea2_eV: 0.3, kink_K: 330, from_K: 250, to_K: 420, count: 35, noise: 0.03, seed: 7 });

describe('resultView', () => {
  test('a FitResult lists its parameters with units and notes, its statistics and report', () => {
    const x = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];
    const fit = curveFit(
      {
        x,
        y: x.map((t) => 1 - Math.exp(-t / 0.01) + 0.001 * Math.sin(1e3 * t)),
        model: 'M0*(1 - exp(-x/T1)) + c',
        params: { M0: 1, T1: 0.02, c: { value: 0, vary: false } },
      },
      { units: { T1: 's' } },
    );
    const bundle = {
      [RELAXLAB_RESULT_MIME]: json({ ...fit, sample: 'LAMOX' }),
      [VEGALITE_V5_MIME]: { mark: 'point' },
      'text/plain': fitReport(fit),
    };
    const view = resultView(bundle);
    expect(view.kind).toBe('FitResult');
    expect(view.title.startsWith('LAMOX — FitResult')).toBe(true);
    expect(view.rows.map((r) => r.name)).toEqual(['M0', 'T1', 'c']);
    expect(view.rows[1]).toMatchObject({ value: fit.params.T1.value, stderr: fit.params.T1.stderr, unit: 's' });
    expect(view.rows[2]).toMatchObject({ stderr: null, note: 'fixed' });
    expect(view.statistics.find(([k]) => k === 'points')).toEqual(['points', '7']);
    expect(view.statistics[view.statistics.length - 1]).toEqual(['status', 'converged']);
    expect(view.spec).toEqual({ mark: 'point' });
    expect(view.report).toBe(fitReport(fit));
  });

  test('an Arrhenius result lists Ea once, in eV or converted to kJ/mol', () => {
    const result = json(fitArrhenius(data, { window_K: [340, 420] }));
    const eV = resultView({ [RELAXLAB_RESULT_MIME]: result });
    expect(eV.rows.map((r) => [r.name, r.unit])).toEqual([
      ['activationEnergy', 'eV'],
      ['log10Prefactor', ''],
      // A of σT = A·exp(−Ea/kBT) is in the unit of σT (it was shown without one: unit audit, issue 14)
      ['prefactor', 'S K/cm'],
    ]);
    expect(eV.rows[0]).toMatchObject(result.activationEnergy_eV);
    const kJ = resultView({ [RELAXLAB_RESULT_MIME]: result }, { energyUnit: 'kJ/mol', temperatureUnit: 'K' });
    expect(kJ.rows[0].unit).toBe('kJ/mol');
    expect(kJ.rows[0].value).toBeCloseTo(result.activationEnergy_eV.value * KJ_PER_MOL_PER_EV, 12);
    expect(kJ.rows[0].stderr!).toBeCloseTo(result.activationEnergy_eV.stderr! * KJ_PER_MOL_PER_EV, 12);
    // statistics of the line fit inside
    expect(eV.statistics.find(([k]) => k === 'points')).toEqual(['points', String(result.n)]);
  });

  test('a segmented result lists every regime and kink; kinks in °C on request', () => {
    const result = json(fitSegmentedArrhenius(data));
    const view = resultView({ [RELAXLAB_RESULT_MIME]: result }, { energyUnit: 'eV', temperatureUnit: '°C' });
    const names = view.rows.map((r) => r.name);
    expect(names).toContain('segments[0].activationEnergy');
    expect(names).toContain('segments[1].activationEnergy');
    const kink = view.rows.find((r) => r.name === 'breakpoints[0].temperature')!;
    expect(kink.unit).toBe('°C');
    expect(kink.value).toBeCloseTo(result.breakpoints[0].temperature_K.value - 273.15, 10);
    expect(view.warnings).toEqual([...new Set([...result.warnings, ...result.fit.warnings])]);
  });

  test("a segmented result has one kink-test row: ΔEa with Davies' p and the kink in the note, in the units chosen", () => {
    const result = json(fitSegmentedArrhenius(data));
    const k = result.kinkTest!;
    const eV = resultView({ [RELAXLAB_RESULT_MIME]: result });
    const rows = eV.rows.filter((r) => r.name.startsWith('kinkTest'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'kinkTest.energyChange',
      value: k.energyChange_eV.value,
      stderr: k.energyChange_eV.stderr,
      unit: 'eV',
    });
    const m = /^Davies p ≤ (\d\.\de-\d+) at ([0-9.]+) K \(Ea below − Ea above that kink\)$/.exec(rows[0].note);
    expect(m).not.toBeNull();
    // the 1.0 → 0.3 eV kink of the data: p far below 1e-6, printed to one digit of its mantissa
    expect(k.pValue).toBeLessThan(1e-6);
    expect(Math.abs(Number(m![1]) / k.pValue - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(Number(m![2]) - k.kink_K)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(k.energyChange_eV.value - 0.7)).toBeLessThan(3 * k.energyChange_eV.stderr! + 0.05);
    const other = resultView({ [RELAXLAB_RESULT_MIME]: result }, { energyUnit: 'kJ/mol', temperatureUnit: '°C' }).rows.find(
      (r) => r.name === 'kinkTest.energyChange',
    )!;
    expect(other.unit).toBe('kJ/mol');
    expect(other.value).toBeCloseTo(k.energyChange_eV.value * KJ_PER_MOL_PER_EV, 12);
    expect(other.note).toBe(`Davies p ≤ ${m![1]} at ${(k.kink_K - 273.15).toFixed(1)} °C (Ea below − Ea above that kink)`);
  });

  test('without a kink test (too few points, or a relaxlab/1 result saved before the test) there is no row and no error; the warning says why', () => {
    const five = json(fitSegmentedArrhenius({ temperature_K: [250, 260, 270, 280, 290], value: [1, 2.2, 3.9, 6.1, 9] }));
    const view = resultView({ [RELAXLAB_RESULT_MIME]: five });
    expect(view.rows.some((r) => r.name.startsWith('kinkTest'))).toBe(false);
    expect(view.warnings).toContain('no kink test: 5 points cannot hold two segments of ≥ 3 points');
    const { kinkTest: _dropped, ...old } = json({ ...fitSegmentedArrhenius(data), schema: 'relaxlab/1' });
    const migrated = resultView(migrateBundle({ [RELAXLAB_RESULT_MIME]: old }));
    expect(migrated.rows.some((r) => r.name.startsWith('kinkTest'))).toBe(false);
    expect(migrated.warnings).toContain('no kink test: saved by relaxlab/1, before results carried one');
  });

  test('file payloads bring a summary and a data table; a bundle without a payload is an error', () => {
    const view = resultView({
      [RELAXLAB_RESULT_MIME]: { kind: 'DataTableView', summary: [['rows', '2']], table: { columns: ['a'], rows: [[1], [2]] } },
    });
    expect(view.statistics).toEqual([['rows', '2']]);
    expect(view.table).toEqual({ columns: ['a'], rows: [['1'], ['2']] });
    expect(() => resultView({ 'text/plain': 'x' })).toThrow(RELAXLAB_RESULT_MIME);
  });
});
