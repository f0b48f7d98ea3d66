/**
 * The DC side of the cross-link straight from an impedance series (conductivityInputOf): the
 * ImpedanceSeriesAnalysis of `relaxlab conductivity --json` gives the same cross-link as the σ(T)
 * table written out from its points by hand, also after a JSON round trip; a series analysed
 * without a geometry is a typed error naming the point; a point without a stderr makes the σT fit
 * unweighted, with a warning.
 */
import { analyzeImpedanceSeries, conductivityInputOf, crossLink, InputError } from '../src';
import type { ImpedanceSeriesAnalysis, NmrCrossLinkInput } from '../src';
import { hiddenBulkScenario, scenarioCircuit, scenarioSpectra, separatedArcsScenario } from './impedanceScenarios';

/** A result without its creation times, which differ between two runs. */
const timeless = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'createdAt' ? undefined : v)));

const NMR: NmrCrossLinkInput = { label: '7Li', activationEnergy_eV: { value: 0.5, stderr: 0.02 } };

// one bulk block beside the electrode, 5 temperatures, seed fixed in advance
const scenario = { ...separatedArcsScenario(), blocks: [hiddenBulkScenario().blocks[0]], temperatures_K: [413, 428, 443, 458, 473] };
const analysis = analyzeImpedanceSeries(scenarioSpectra(scenario, 2024), scenarioCircuit(1), { segments: 1 });

describe('conductivityInputOf: an impedance series as the DC side of a cross-link', () => {
  test('the points become the σ(T) table, value and stderr', () => {
    const { input, warnings } = conductivityInputOf(analysis, 'series.json');
    expect(warnings).toEqual([]);
    expect(input.temperature_K).toEqual(analysis.points.map((p) => p.temperature_K));
    expect(input.conductivity_S_per_cm).toEqual(analysis.points.map((p) => p.sigma_S_per_cm!.value));
    expect(input.sigma_S_per_cm).toEqual(analysis.points.map((p) => p.sigma_S_per_cm!.stderr));
  });

  test('crossLink of the analysis (and of its JSON) equals crossLink of the table by hand', () => {
    const table = {
      temperature_K: analysis.points.map((p) => p.temperature_K),
      conductivity_S_per_cm: analysis.points.map((p) => p.sigma_S_per_cm!.value),
      sigma_S_per_cm: analysis.points.map((p) => p.sigma_S_per_cm!.stderr as number),
      label: `σ(bulk) of ${analysis.circuit} fits`,
    };
    const byHand = crossLink(NMR, table, { source: 'test' });
    const direct = crossLink(NMR, analysis, { source: 'test' });
    const viaJson = crossLink(NMR, JSON.parse(JSON.stringify(analysis)) as ImpedanceSeriesAnalysis, { source: 'test' });
    expect(timeless(direct)).toEqual(timeless(byHand));
    expect(timeless(viaJson)).toEqual(timeless(byHand));
    // the σT line is the series' own bulk Arrhenius line (one segment asked for both)
    const ea = direct.regimes[0].conductivity_eV;
    expect(ea.value).toBeCloseTo(analysis.arrhenius!.segments[0].activationEnergy_eV.value, 10);
    expect(Math.abs(ea.value - 0.55)).toBeLessThan(4 * (ea.stderr as number));
  });

  test('a series without a geometry: a typed error naming the point', () => {
    const noGeometry = { ...analysis, points: analysis.points.map(({ sigma_S_per_cm: _drop, ...p }) => p) };
    expect(() => conductivityInputOf(noGeometry, 'series.json')).toThrow(InputError);
    expect(() => conductivityInputOf(noGeometry, 'series.json')).toThrow(/geometry/);
    try {
      conductivityInputOf(noGeometry, 'series.json');
    } catch (e) {
      expect((e as InputError).field).toBe('points[0].sigma_S_per_cm');
      expect((e as InputError).source).toBe('series.json');
    }
  });

  test('a point without a stderr: unweighted σT fit, with a warning naming the temperature', () => {
    const points = analysis.points.map((p, k) =>
      k === 2 ? { ...p, sigma_S_per_cm: { value: p.sigma_S_per_cm!.value, stderr: null } } : p,
    );
    const { input, warnings } = conductivityInputOf({ ...analysis, points }, 'series.json');
    expect(input.sigma_S_per_cm).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/443 K/);
    expect(crossLink(NMR, { ...analysis, points }, { source: 'x' }).warnings).toContain(
      `x: conductivity: ${warnings[0].replace(/^series\.json: /, '')}`,
    );
  });

  test('a plain table passes through unchanged', () => {
    const table = { temperature_K: [300, 320], conductivity_S_per_cm: [1e-6, 2e-6] };
    expect(conductivityInputOf(table, 't.json')).toEqual({ input: table, warnings: [] });
    expect(() => conductivityInputOf([1, 2], 't.json')).toThrow(InputError);
  });
});
