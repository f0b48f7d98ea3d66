/**
 * Charts from a result alone: a joint BPP fit and a line-narrowing fit keep the points they were
 * made on, so the chart drawn from the result (also after a JSON round trip) is the chart drawn
 * with the series passed again, and it renders without a warning.
 */
import { fitLineNarrowing, migrateResult, mulberry32 } from '@relaxlab/core';
import type { LineNarrowingResult, LinewidthSeries, RateSeries } from '@relaxlab/core';
import { jointBppChart, lineNarrowingChart } from '@relaxlab/plots';
import { inlineData, layersOf, renderSVG, schemaErrors } from './support';
import { bpp, linewidths, rateSeries } from './results';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** The points of a series in a seeded random order: the result must keep the order given. */
function shuffled<T>(points: T[], seed: number): T[] {
  const random = mulberry32(seed);
  return points
    .map((p) => ({ p, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ p }) => p);
}

async function expectRenders(spec: Parameters<typeof renderSVG>[0], texts: string[]): Promise<void> {
  expect(schemaErrors(spec)).toBe('');
  const svg = await renderSVG(spec);
  expect(texts.filter((t) => !svg.includes(t))).toEqual([]);
}

describe('joint BPP chart from the result alone', () => {
  const series: RateSeries[] = rateSeries().map((s, k) => ({ ...s, points: shuffled(s.points, 10 + k) }));
  const result = bpp(series);
  const withSeries = jointBppChart(result, series, { title: 'synthetic 7Li' });

  test('equals the chart made with the series passed, before and after a JSON round trip', () => {
    expect(jointBppChart(result, undefined, { title: 'synthetic 7Li' })).toEqual(withSeries);
    expect(jointBppChart(json(result), undefined, { title: 'synthetic 7Li' })).toEqual(withSeries);
  });

  test('draws every measured rate, in the order given, with its σ bar, and renders without a warning', async () => {
    const spec = jointBppChart(json(result), undefined, { title: 'synthetic 7Li' });
    const [rates] = inlineData(spec).vconcat as unknown[];
    const measured = layersOf(rates, 'point').find((l) => (l.mark as { filled?: boolean }).filled)!.data!.values;
    expect(measured.map((p) => p.value)).toEqual(series.flatMap((s) => s.points.map((p) => p.rate_per_s)));
    expect(layersOf(rates, 'rule')[0].data!.values).toHaveLength(measured.length);
    await expectRenders(spec, ['relaxation rate (s⁻¹)', 'jump rate τc⁻¹ (s⁻¹)', result.datasets[0].label, result.datasets[1].label]);
  });

  test('a relaxlab/1 result saved without its points, migrated, still draws its curves, without measured points', async () => {
    const old = { ...json(result), schema: 'relaxlab/1' };
    for (const d of old.datasets) delete (d as Partial<typeof d>).points;
    const filled = (spec: unknown) => layersOf(inlineData(spec), 'point').some((l) => (l.mark as { filled?: boolean }).filled);
    expect(filled(jointBppChart(result, undefined, { jumpRate: false }))).toBe(true);
    const spec = jointBppChart(migrateResult(old) as typeof result, undefined, { jumpRate: false });
    expect(filled(spec)).toBe(false);
    await expectRenders(spec, [result.datasets[0].label]);
  });
});

describe('line-narrowing chart from the result alone', () => {
  const base = linewidths();
  const series: LinewidthSeries = { ...base, points: shuffled(base.points, 20) };

  test.each(['hendrickson-bray', 'abragam'] as const)(
    '%s: equals the chart made with the series passed, also after a JSON round trip, and renders',
    async (model) => {
      const result = fitLineNarrowing(series, { model });
      const withSeries = lineNarrowingChart(result, series, { title: '7Li' });
      expect(lineNarrowingChart(result, undefined, { title: '7Li' })).toEqual(withSeries);
      expect(lineNarrowingChart(json(result), undefined, { title: '7Li' })).toEqual(withSeries);
      const points = layersOf(inlineData(withSeries), 'point')[0].data!.values;
      expect(points.map((p) => p.temperature)).toEqual(series.points.map((p) => p.temperature_K));
      await expectRenders(withSeries, ['line width Δν (kHz)', 'W = ', 'onset', `Ea = ${result.activationEnergy_eV.value.toFixed(3)}`]);
    },
  );

  test('the Abragam subtitle names α as used: fixed at 1 by default, ± σ when fitted', async () => {
    const fixed = fitLineNarrowing(series, { model: 'abragam' });
    await expectRenders(lineNarrowingChart(fixed), ['abragam (α = 1, fixed)']);
    const hb = fitLineNarrowing(series);
    expect(JSON.stringify(lineNarrowingChart(hb))).not.toContain('α');
    const free = fitLineNarrowing(series, {
      model: 'abragam',
      params: { tau0: { value: fixed.tau0_s.value, vary: false }, alpha: { vary: true } },
    });
    expect(free.abragamAlpha!.stderr).toBeGreaterThan(0);
    expect(JSON.stringify(lineNarrowingChart(free))).toMatch(/abragam \(α = [0-9.]+ ± [0-9.]+\)/);
  });

  test('a relaxlab/1 result saved without its widths, migrated, needs them: an InputError naming series', () => {
    const fitted = fitLineNarrowing(series);
    const { points: _points, ...saved } = json(fitted);
    const old = { ...saved, schema: 'relaxlab/1' };
    const migrated = migrateResult(old) as LineNarrowingResult;
    expect(() => lineNarrowingChart(migrated)).toThrow(/series: the line widths the fit was made on are needed/);
    expect(lineNarrowingChart(migrated, series)).toEqual(lineNarrowingChart(fitted, series));
  });
});
