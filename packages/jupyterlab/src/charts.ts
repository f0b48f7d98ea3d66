/**
 * The two charts the plugin draws itself, as Vega-Lite v5 specs (pure data, tested as data):
 *   - the brushable Arrhenius chart: log10 of the quantity vs 1000/T, an x-interval selection
 *     named `window`, and the refitted line as a NAMED dataset (`fit`) that the widget replaces
 *     in place after each refit, so a brush never re-renders the chart;
 *   - a plain x–y chart for files that carry no spec (CSV columns, Nyquist plots).
 * Every other chart comes with the result (the kernel's Vega-Lite spec) and is shown as is.
 * User text (titles, labels) reaches Vega as data and is drawn as SVG text, never as markup.
 */
import { ARRHENIUS_QUANTITY_SYMBOLS, ARRHENIUS_QUANTITY_UNITS } from '@relaxlab/core';
import type { ArrheniusSeries, SeriesRefit } from './arrheniusWindow';

export type Spec = Record<string, unknown>;

export const VEGALITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
/** Name of the interval selection, and of the signal the widget listens to. */
export const BRUSH = 'window';
/** Name of the dataset holding the refitted line. */
export const FIT_DATASET = 'fit';

export function pointRows(series: ArrheniusSeries[]): Array<Record<string, number | string>> {
  return series.flatMap((s) =>
    s.temperature_K.map((t, i) => ({ label: s.label, inverseT: 1000 / t, temperature_K: t, value: s.value[i] })),
  );
}

/** The refitted lines as rows of the `fit` dataset: one line per refit (`line`), coloured by its series. */
export function fitRows(refits: SeriesRefit[]): Array<Record<string, number | string>> {
  return refits.flatMap((r, line) => r.curve.map((p) => ({ label: r.label, line, inverseT: p.inverseT, value: p.value })));
}

export function brushChartSpec(series: ArrheniusSeries[], initialFit: SeriesRefit[], title: string): Spec {
  const quantity = series[0]?.quantity ?? 'rate';
  const x = { field: 'inverseT', type: 'quantitative', title: '1000/T (K⁻¹)', scale: { zero: false, nice: false, padding: 10 } };
  const y = {
    field: 'value',
    type: 'quantitative',
    title: `${ARRHENIUS_QUANTITY_SYMBOLS[quantity]} (${ARRHENIUS_QUANTITY_UNITS[quantity]})`,
    scale: { type: 'log' },
  };
  return {
    $schema: VEGALITE_SCHEMA,
    title: { text: title },
    width: 440,
    height: 280,
    datasets: { points: pointRows(series), [FIT_DATASET]: fitRows(initialFit) },
    layer: [
      {
        data: { name: 'points' },
        params: [{ name: BRUSH, select: { type: 'interval', encodings: ['x'] } }],
        mark: { type: 'point', filled: true, size: 55 },
        encoding: {
          x,
          y,
          color: { condition: { param: BRUSH, empty: true, field: 'label', type: 'nominal', legend: { title: null } }, value: '#c0c0c0' },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'series' },
            { field: 'temperature_K', type: 'quantitative', title: 'T (K)', format: '.2f' },
            { field: 'value', type: 'quantitative', format: '.4~g' },
          ],
        },
      },
      {
        data: { name: FIT_DATASET },
        mark: { type: 'line', strokeWidth: 2 },
        // one line per refit: the two flanks of a series share its colour but are not joined
        encoding: { x, y, color: { field: 'label', type: 'nominal', legend: null }, detail: { field: 'line', type: 'nominal' } },
      },
    ],
  };
}

export interface XYSeries {
  label: string;
  x: number[];
  y: number[];
}

export interface XYChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  logX?: boolean;
  logY?: boolean;
  /** Draw lines through the points in x order (spectra) besides the points. */
  connect?: boolean;
}

/** Log axes only where every value is positive: a log scale drops non-positive values silently. */
function scale(log: boolean | undefined, values: number[]): Record<string, unknown> {
  return log && values.every((v) => v > 0) ? { type: 'log' } : { zero: false };
}

export function xyChartSpec(series: XYSeries[], options: XYChartOptions): Spec {
  const rows = series.flatMap((s) => s.x.map((x, i) => ({ label: s.label, x, y: s.y[i], order: i })));
  const x = {
    field: 'x',
    type: 'quantitative',
    title: options.xTitle,
    scale: scale(
      options.logX,
      rows.map((r) => r.x),
    ),
  };
  const y = {
    field: 'y',
    type: 'quantitative',
    title: options.yTitle,
    scale: scale(
      options.logY,
      rows.map((r) => r.y),
    ),
  };
  const color = { field: 'label', type: 'nominal', legend: series.length > 1 ? { title: null } : null };
  const layer: Spec[] = [
    {
      mark: { type: 'point', filled: true, size: 35 },
      encoding: {
        x,
        y,
        color,
        tooltip: [
          { field: 'x', type: 'quantitative', format: '.5~g', title: options.xTitle },
          { field: 'y', type: 'quantitative', format: '.5~g', title: options.yTitle },
        ],
      },
    },
  ];
  if (options.connect)
    layer.push({ mark: { type: 'line', strokeWidth: 1 }, encoding: { x, y, color, order: { field: 'order', type: 'quantitative' } } });
  return { $schema: VEGALITE_SCHEMA, title: { text: options.title }, width: 440, height: 280, data: { values: rows }, layer };
}
