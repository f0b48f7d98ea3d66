/**
 * show() of joint BPP and line-narrowing results from the result alone: they keep their points
 * (datasets[].points, points), so the chart needs no series and is the chart drawn with them;
 * relaxlab/1 results saved without points (migrated by show) still need the series. Abragam's α in the tables.
 */
import { display, fitLineNarrowing, InputError, show } from '@relaxlab/kernel';
import type { LineNarrowingResult, JointBppResult } from '@relaxlab/kernel';
import { vegaLiteSchemaErrors } from '../../../test/support/vegaLiteSchema';
import { bpp, linewidths, narrowing, rateSeries } from '../../plots/test/results';
import { displayed } from './support';

const { mimeBundle, RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME } = display;

type Layer = {
  data?: { name?: string; values?: unknown[] };
  mark?: { type?: string; filled?: boolean } | string;
  layer?: Layer[];
  vconcat?: Layer[];
};
type Spec = Layer & { datasets?: Record<string, unknown[]> };

/** The rows of every filled point mark (the measured data; invisible points only carry axes) in a spec, data inline or in its top-level datasets. */
function pointRows(spec: unknown): unknown[] {
  const datasets = (spec as Spec).datasets ?? {};
  const rows = (node: Layer): unknown[] => {
    const isPoint = typeof node.mark === 'object' && node.mark.type === 'point' && node.mark.filled === true;
    const here = isPoint ? (node.data?.values ?? (node.data?.name !== undefined ? datasets[node.data.name] : undefined) ?? []) : [];
    return [...here, ...[...(node.layer ?? []), ...(node.vconcat ?? [])].flatMap(rows)];
  };
  return rows(spec as Layer);
}

/** A result as relaxlab/1 saved it before results kept their points. */
const withoutPoints = {
  narrowing: (r: LineNarrowingResult) => {
    const { points: _points, ...rest } = JSON.parse(JSON.stringify(r)) as LineNarrowingResult;
    return { ...rest, schema: 'relaxlab/1' } as unknown as LineNarrowingResult;
  },
  bpp: (r: JointBppResult) => {
    const saved = JSON.parse(JSON.stringify(r)) as JointBppResult;
    return {
      ...saved,
      schema: 'relaxlab/1',
      datasets: saved.datasets.map(({ points: _points, flankAsymptotes_eV: _asymptotes, ...d }) => d),
    } as unknown as JointBppResult;
  },
};

describe('line narrowing from the result alone', () => {
  const widths = linewidths();
  const result = narrowing(widths);

  test('show(result) with no series sends one output whose chart has every width of the series', () => {
    const sent = displayed(() => show(result));
    expect(sent).toHaveLength(1);
    const spec = sent[0].data[VEGALITE_V5_MIME];
    expect(vegaLiteSchemaErrors(spec)).toBe('');
    const rows = pointRows(spec) as Array<{ temperature: number; width: number }>;
    expect(rows).toHaveLength(widths.points.length);
    rows.forEach((row, i) => {
      expect(row.temperature).toBeCloseTo(widths.points[i].temperature_K, 3);
      // the chart draws widths in kHz
      expect(row.width).toBeCloseTo(widths.points[i].linewidth_Hz / 1000, 4);
    });
  });

  test('the chart from the result, or from it read back from JSON, is the chart drawn with the series', () => {
    const withSeries = mimeBundle(result, { series: widths, sample: 'MIL-121' })[VEGALITE_V5_MIME];
    expect(mimeBundle(result, { sample: 'MIL-121' })[VEGALITE_V5_MIME]).toEqual(withSeries);
    expect(mimeBundle(JSON.parse(JSON.stringify(result)), { sample: 'MIL-121' })[VEGALITE_V5_MIME]).toEqual(withSeries);
  });

  test('the payload carries `series` only when show() was given them (the points are in the result)', () => {
    const alone = mimeBundle(result)[RELAXLAB_RESULT_MIME] as { series?: unknown; points: unknown[] };
    expect(alone.series).toBeUndefined();
    expect(alone.points).toHaveLength(widths.points.length);
    const given = mimeBundle(result, { series: widths })[RELAXLAB_RESULT_MIME] as { series: { points: unknown[] } };
    expect(given.series.points).toHaveLength(widths.points.length);
  });

  test('a relaxlab/1 result saved without its widths needs the series: without, an InputError naming series; with, the same chart', () => {
    const old = withoutPoints.narrowing(result);
    expect(() => mimeBundle(old)).toThrow(InputError);
    expect(() => mimeBundle(old)).toThrow(/series/);
    expect(mimeBundle(old, { series: widths })[VEGALITE_V5_MIME]).toEqual(mimeBundle(result, { series: widths })[VEGALITE_V5_MIME]);
  });

  test('series that are not a LinewidthSeries are an InputError on field series', () => {
    expect(() => mimeBundle(result, { series: rateSeries() })).toThrow(/series: not a line-width series/);
  });
});

describe("Abragam's α in the HTML table and the text report", () => {
  const widths = linewidths();
  const alphaLine = (text: string) => text.split('\n').find((l) => l.includes('Abragam α'));

  test('held at 1 by default: "1 (fixed)", with the reason', () => {
    const result = fitLineNarrowing(widths, { model: 'abragam' });
    const bundle = mimeBundle(result);
    expect(alphaLine(bundle['text/plain'] as string)).toMatch(/Abragam α\s+= 1 \(fixed\)\s+\(α held at 1: a constant of order unity/);
    expect(bundle['text/html']).toMatch(/<td[^>]*>Abragam α<\/td><td[^>]*>1 \(fixed\)<\/td>/);
  });

  test('fitted with τ0 fixed: α ± σ, and α·τ0 is the product the α = 1 fit found (only α·τ0 enters the model)', () => {
    const free = fitLineNarrowing(widths, { model: 'abragam' });
    const tau0_s = 2 * free.tau0_s.value;
    const result = fitLineNarrowing(widths, { model: 'abragam', params: { tau0: { value: tau0_s, vary: false }, alpha: { vary: true } } });
    const text = mimeBundle(result)['text/plain'] as string;
    const m = /Abragam α\s+= ([0-9.]+) ± ([0-9.]+)/.exec(alphaLine(text) ?? '');
    expect(m).not.toBeNull();
    const [shown, sigma] = [Number(m![1]), Number(m![2])];
    expect(alphaLine(text)).not.toMatch(/= [^(]*\(fixed\)/);
    // α·(2τ0) = 1·τ0 → α = 1/2, within the printed rounding and 3σ
    expect(Math.abs(shown - 0.5)).toBeLessThan(3 * sigma + 0.01);
    expect(Math.abs(shown - result.abragamAlpha!.value)).toBeLessThanOrEqual(sigma);
    expect(mimeBundle(result)['text/html']).toContain('Abragam α');
  });

  test('Hendrickson–Bray has no α row', () => {
    const bundle = mimeBundle(narrowing(widths));
    expect(bundle['text/plain']).not.toContain('α');
    expect(bundle['text/html']).not.toContain('Abragam');
  });
});

describe('joint BPP from the result alone', () => {
  const series = rateSeries();
  const result = bpp(series);

  test('show(result) with no series: a valid chart with every measured rate, the chart drawn with the series', () => {
    const sent = displayed(() => show(result, { sample: 'MIL-121' }));
    const spec = sent[0].data[VEGALITE_V5_MIME];
    expect(vegaLiteSchemaErrors(spec)).toBe('');
    expect(pointRows(spec).length).toBe(series.reduce((n, s) => n + s.points.length, 0));
    expect(spec).toEqual(mimeBundle(result, { series, sample: 'MIL-121' })[VEGALITE_V5_MIME]);
    expect((sent[0].data[RELAXLAB_RESULT_MIME] as { series?: unknown }).series).toBeUndefined();
  });

  test('a relaxlab/1 result saved without its points is drawn without measured rates, and with them from the series', () => {
    const old = withoutPoints.bpp(result);
    expect(pointRows(mimeBundle(old)[VEGALITE_V5_MIME])).toHaveLength(0);
    expect(mimeBundle(old, { series })[VEGALITE_V5_MIME]).toEqual(mimeBundle(result)[VEGALITE_V5_MIME]);
  });
});
