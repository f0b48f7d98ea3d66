/**
 * σT on the Arrhenius plot with its conduction regimes shaded: the segments of a broken-line fit
 * (fitSegmentedArrhenius with quantity 'sigmaT', or fitConductivityArrhenius), each labelled with
 * its Ea, the kinks as dashed lines inside their 95 % profile-likelihood intervals. σT, not σ, is
 * the straight line for thermally activated hopping: σ = (σ0/T)·exp(−Ea/kBT).
 */
import { formatValueError, InputError, kinkTestSummary } from '@relaxlab/core';
import type { ArrheniusResult, SegmentedArrheniusResult } from '@relaxlab/core';
import { ArrheniusChartOptions, ArrheniusLine, ArrheniusPoint, arrheniusPanel } from './arrhenius';
import { arrheniusFitPoints, kinkSubtitle, segmentLines } from './arrheniusResults';
import { JsonObject, topLevel, VegaLiteSpec } from './spec';

export interface SigmaTSeries {
  result: SegmentedArrheniusResult | ArrheniusResult;
  /** Legend text, e.g. 'Li⁺ soaked'. */
  label: string;
}

const ROMAN = ['I', 'II', 'III'];

function checkSigmaT(result: SegmentedArrheniusResult | ArrheniusResult, k: number): void {
  if (!result || (result.kind !== 'SegmentedArrheniusResult' && result.kind !== 'ArrheniusResult') || result.quantity !== 'sigmaT') {
    throw new InputError('not a σT Arrhenius fit', {
      field: `series[${k}].result`,
      expected: "the result of fitConductivityArrhenius, or fitSegmentedArrhenius / fitArrhenius with quantity 'sigmaT'",
      found: result
        ? `${String((result as { kind?: unknown }).kind)} of ${String((result as { quantity?: unknown }).quantity)}`
        : String(result),
    });
  }
}

/** The layers behind the data: one shaded band per regime, kink lines in their 95 % intervals, regime numerals. */
function regimeLayers(series: SigmaTSeries[]): JsonObject[] {
  const regimes: JsonObject[] = [];
  const kinks: JsonObject[] = [];
  for (const { result, label } of series) {
    if (result.kind !== 'SegmentedArrheniusResult') continue;
    result.segments.forEach((s, k) => {
      const [lo, hi] = s.temperatureRange_K;
      regimes.push({
        label,
        inverseT: 1000 / hi,
        inverseT2: 1000 / lo,
        middle: (1000 / hi + 1000 / lo) / 2,
        regime: ROMAN[k],
        shade: k % 2,
        text: `${label}, regime ${ROMAN[k]}: ${lo.toFixed(0)}–${hi.toFixed(0)} K, Ea = ${formatValueError(s.activationEnergy_eV.value, s.activationEnergy_eV.stderr)} eV`,
      });
    });
    const test = `kink test (Davies): ${kinkTestSummary(result).text}`;
    result.breakpoints.forEach((b) => {
      kinks.push({
        label,
        inverseT: 1000 / b.temperature_K.value,
        ciLow: 1000 / b.ci95_K[1],
        ciHigh: 1000 / b.ci95_K[0],
        text: `${label}: kink at ${formatValueError(b.temperature_K.value, b.temperature_K.stderr)} K (95 % CI ${b.ci95_K[0].toFixed(1)}–${b.ci95_K[1].toFixed(1)} K); ${test}`,
      });
    });
  }
  const x = { field: 'inverseT', type: 'quantitative', scale: { zero: false, nice: false, padding: 12 }, axis: null };
  const layers: JsonObject[] = [];
  if (regimes.length) {
    layers.push(
      {
        data: { values: regimes },
        mark: { type: 'rect', color: '#888' },
        // alternating grey: a colour encoding here would share the series' colour scale and hide them
        encoding: {
          x,
          x2: { field: 'inverseT2' },
          opacity: { field: 'shade', type: 'quantitative', scale: { domain: [0, 1], range: [0.06, 0.14] }, legend: null },
          tooltip: [{ field: 'text', title: 'regime' }],
        },
      },
      {
        data: { values: regimes },
        mark: { type: 'text', fontSize: 12, color: '#666', baseline: 'top' },
        encoding: { x: { ...x, field: 'middle' }, y: { value: 6 }, text: { field: 'regime' } },
      },
    );
  }
  if (kinks.length) {
    layers.push(
      {
        data: { values: kinks },
        mark: { type: 'rect', color: '#888', opacity: 0.15 },
        encoding: { x: { ...x, field: 'ciLow' }, x2: { field: 'ciHigh' }, tooltip: [{ field: 'text', title: 'kink' }] },
      },
      {
        data: { values: kinks },
        mark: { type: 'rule', color: '#666', strokeDash: [4, 3] },
        encoding: { x, tooltip: [{ field: 'text', title: 'kink' }] },
      },
    );
  }
  return layers;
}

/** The σT points and segment lines of several samples (or one result), regimes shaded behind. */
export function sigmaTPanel(
  input: SegmentedArrheniusResult | ArrheniusResult | SigmaTSeries[],
  options: ArrheniusChartOptions = {},
  extra: { points?: ArrheniusPoint[]; lines?: ArrheniusLine[] } = {},
): JsonObject & { layer: JsonObject[] } {
  const series: SigmaTSeries[] = Array.isArray(input) ? input : [{ result: input, label: 'σT' }];
  if (series.length === 0) throw new InputError('no σT fits', { field: 'series', expected: 'one or more { result, label }' });
  series.forEach((s, k) => checkSigmaT(s.result, k));
  const points = [...series.flatMap((s) => arrheniusFitPoints(s.result, s.label)), ...(extra.points ?? [])];
  const lines = [...series.flatMap((s) => segmentLines(s.result, s.label)), ...(extra.lines ?? [])];
  const panel = arrheniusPanel({ points, lines }, { quantity: 'σT', unit: 'S K/cm', ...options });
  panel.layer.unshift(...regimeLayers(series));
  return panel;
}

/**
 * The σT Arrhenius plot: points, one line per regime with its Ea, regimes and kinks shaded; one
 * subtitle line per segmented series with its kinks and Davies' p of one kink against none.
 */
export function sigmaTArrheniusChart(
  input: SegmentedArrheniusResult | ArrheniusResult | SigmaTSeries[],
  options: ArrheniusChartOptions = {},
): VegaLiteSpec {
  const series: SigmaTSeries[] = Array.isArray(input) ? input : [{ result: input, label: 'σT' }];
  const panel = sigmaTPanel(series, options);
  const kinks = series.flatMap((s) => (s.result.kind === 'SegmentedArrheniusResult' ? [kinkSubtitle(s.result, s.label)] : []));
  return topLevel(panel, { title: options.title, subtitle: kinks.length ? kinks : undefined });
}
