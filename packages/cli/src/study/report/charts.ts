/**
 * The report's plots as Vega-Lite specs, built by @relaxlab/plots as in a notebook, and their SVG
 * renderings: the rates on the Arrhenius plot with their lines and the joint BPP curves (1σ bands),
 * the BPP jump rates, σT with its regimes, kinks and Davies' kink test, and one fit-plus-residuals
 * panel per transient.
 */
import {
  arrheniusChart,
  bppCurves,
  jumpRateLine,
  rateArrheniusLines,
  rateSeriesPoints,
  sigmaTArrheniusChart,
  toSVG,
  transientFitChart,
} from '@relaxlab/plots';
import type { VegaLiteSpec } from '@relaxlab/plots';
import type { StudyResult } from '../results';

export interface Chart {
  id: string;
  title: string;
  spec: VegaLiteSpec;
}

/** Rates of every series with the lines every face fits them (rateArrheniusLines) and the joint BPP curves with their bands. */
export function ratesChart(result: StudyResult): Chart | null {
  const series = result.rateSeries.map(({ transients: _transients, ...s }) => s);
  const points = series.flatMap((s) => rateSeriesPoints(s));
  if (points.length === 0) return null;
  const lines = [...result.arrhenius.flatMap((a) => rateArrheniusLines(a, a.series)), ...(result.bpp ? bppCurves(result.bpp.result) : [])];
  return {
    id: 'rates',
    title: 'Relaxation rates vs inverse temperature',
    spec: arrheniusChart(
      { points, lines },
      { title: `${result.title}: relaxation rates`, quantity: 'rate', unit: 's⁻¹', width: 560, height: 360 },
    ),
  };
}

/** τc⁻¹(T) of the joint BPP fit with its 1σ band. */
export function jumpRateChart(result: StudyResult): Chart | null {
  const bpp = result.bpp?.result;
  if (!bpp) return null;
  return {
    id: 'jump-rates',
    title: 'Jump rates from the joint BPP fit',
    spec: arrheniusChart(
      { points: [], lines: [jumpRateLine(bpp, 'τc⁻¹ (joint BPP fit)')] },
      { title: `${result.title}: jump rates`, quantity: 'jump rate', unit: 's⁻¹', width: 560, height: 300 },
    ),
  };
}

/** σT with the segments of its Arrhenius fit (the cross-link's conductivity side), the kinks and Davies' p in the subtitle. */
export function conductivityChart(result: StudyResult): Chart | null {
  const link = result.crossLink?.result;
  if (!link) return null;
  const label = link.conductivityLabel;
  return {
    id: 'conductivity',
    title: 'σT of the DC conductivity (cross-link)',
    spec: sigmaTArrheniusChart([{ result: link.conductivityArrhenius, label }], { title: `${label}: σT`, width: 560, height: 300 }),
  };
}

export function transientCharts(result: StudyResult): Chart[] {
  return result.transients.map((t, k) => ({
    id: `transient-${k + 1}`,
    title: `${t.name}: ${t.experiment} at ${t.temperature_K} K`,
    spec: transientFitChart(t.fit, { title: `${t.name} (${t.temperature_K} K)`, width: 300, height: 170, residualHeight: 60 }),
  }));
}

/** Renders a chart to SVG; vega's warnings (a chart not as the spec says) are collected, not printed. */
export async function renderChart(chart: Chart, warnings: string[]): Promise<string> {
  return toSVG(chart.spec, { onWarning: (m) => warnings.push(`${chart.title}: ${m}`) });
}
