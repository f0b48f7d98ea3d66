/**
 * Brush-to-refit on a joint BPP result from the result alone: its datasets keep every rate the
 * fit was given, so the brushed window is refitted from them exactly as from the series; a
 * relaxlab/1 result saved without them gets them, migrated, from the series shown with it.
 */
import { fitArrhenius, fitJointBpp, migrateResult } from '@relaxlab/core';
import type { JointBppResult, RateSeries } from '@relaxlab/core';
import { rateSeries } from '../../plots/test/results';
import { brushSource, refitWindow } from '../src/arrheniusWindow';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));

// an asymmetric BPP peak (Ea = 0.3 eV, β = 1.7): R1 at 116.6 MHz and R1ρ at 20 kHz, 5 % noise (plots' results fixture, seed 77)
const series: RateSeries[] = rateSeries(77);
/** The payload of show(fitJointBpp(series)) with no series: the result as JSON. */
const payload = json(fitJointBpp(series));
/** The same result as relaxlab/1 saved it before results kept their points. */
const withoutPoints = (r: JointBppResult) => ({
  ...r,
  schema: 'relaxlab/1',
  datasets: r.datasets.map(({ points: _points, flankAsymptotes_eV: _asymptotes, ...d }) => d),
});

/**
 * Ea of an Arrhenius line through the points of one series inside window_K, straight from core:
 * rates that fall with T (here the R1ρ series, above its maximum) fitted τ-like, as every face
 * fits a high-T flank, so Ea is positive.
 */
function directEa(s: RateSeries, window_K: [number, number]): number {
  const data = {
    temperature_K: s.points.map((p) => p.temperature_K),
    value: s.points.map((p) => p.rate_per_s),
    sigma: s.points.map((p) => p.sigma as number),
    quantity: 'rate' as const,
  };
  const rising = fitArrhenius(data, { window_K }).activationEnergy_eV.value;
  return rising >= 0 ? rising : fitArrhenius({ ...data, quantity: 'tau' }, { window_K }).activationEnergy_eV.value;
}

describe('brushSource of a joint BPP result', () => {
  test('without series: one series per dataset, named by its label, with every rate and σ the fit was given', () => {
    const source = brushSource(payload)!;
    expect(source.mode).toBe('line');
    expect(source.series.map((s) => s.label)).toEqual(payload.datasets.map((d) => d.label));
    source.series.forEach((s, k) => {
      expect(s.quantity).toBe('rate');
      expect(s.temperature_K).toEqual(series[k].points.map((p) => p.temperature_K));
      expect(s.value).toEqual(series[k].points.map((p) => p.rate_per_s));
      expect(s.sigma).toEqual(series[k].points.map((p) => p.sigma));
    });
  });

  test('brushing the low-T flank refits it from the result alone: the Ea core gives for the series in that window', () => {
    const window_K: [number, number] = [180, 260];
    const refit = refitWindow(brushSource(payload)!, window_K);
    refit.series.forEach((r, k) => {
      expect(r.n).toBe(series[k].points.filter((p) => p.temperature_K >= window_K[0] && p.temperature_K <= window_K[1]).length);
      expect(r.activationEnergy_eV![0].value).toBeCloseTo(directEa(series[k], window_K), 10);
    });
    // the low-T flank of an asymmetric BPP peak has the slope (β − 1)·Ea = 0.21 eV
    const r1 = refit.series[0].activationEnergy_eV![0];
    expect(Math.abs(r1.value - 0.7 * 0.3)).toBeLessThan(3 * (r1.stderr as number));
  });

  test('rates without σ give series without σ (null in the result is not a weight)', () => {
    const bare = series.map((s) => ({ ...s, points: s.points.map(({ temperature_K, rate_per_s }) => ({ temperature_K, rate_per_s })) }));
    const source = brushSource(json(fitJointBpp(bare)))!;
    expect(source.series).toHaveLength(2);
    expect(source.series.every((s) => s.sigma === undefined)).toBe(true);
  });

  test("the result's points win over series shown with it; a relaxlab/1 result saved without points takes them, migrated, from the series", () => {
    const other = series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, rate_per_s: 2 * p.rate_per_s })) }));
    expect(brushSource({ ...payload, series: other })!.series[0].value).toEqual(series[0].points.map((p) => p.rate_per_s));
    const old = withoutPoints(payload);
    expect(brushSource(migrateResult({ ...old, series: other }))!.series[0].value).toEqual(other[0].points.map((p) => p.rate_per_s));
    expect(brushSource(migrateResult(old))).toBeUndefined();
  });
});
