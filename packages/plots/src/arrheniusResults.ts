/**
 * Core's temperature results mapped onto the Arrhenius chart: rate series as points, straight-line
 * and broken-line fits (fitArrhenius, fitSegmentedArrhenius) and rate-peak flanks
 * (findRatePeakFlanks) and the lines of a rate series (rateSeriesArrhenius) as lines with their 1σ
 * bands and Ea labels. The bands are the fit's own:
 * predictArrhenius propagates the covariance of log10 A and Ea (delta method) to log10 y at each T.
 */
import { formatValueError, InputError, inverseTemperatureGrid_K, kinkTestSummary, predictArrhenius, rateSeriesLabel } from '@relaxlab/core';
import type {
  ArrheniusResult,
  RateArrheniusLine,
  RateArrheniusResult,
  RatePeakFlanks,
  RateSeries,
  SegmentedArrheniusResult,
} from '@relaxlab/core';
import { ArrheniusChartOptions, ArrheniusLine, ArrheniusPoint, arrheniusChart, arrheniusPanel } from './arrhenius';
import { topLevel } from './spec';
import type { VegaLiteSpec } from './spec';

/** Points along a fitted line: even steps in 1/T, the chart's axis. */
const LINE_POINTS = 25;

/** The rates of a series as chart points (label: `label`, else series.label, else rateSeriesLabel). */
export function rateSeriesPoints(series: RateSeries, label?: string): ArrheniusPoint[] {
  if (!series || !Array.isArray(series.points)) {
    throw new InputError('not a rate series', {
      field: 'series.points',
      expected: 'a RateSeries { experiment, nucleus, larmor_MHz, points: [{ temperature_K, rate_per_s, sigma? }] }',
    });
  }
  const name = label ?? series.label ?? rateSeriesLabel(series);
  return series.points.map((p) => ({ temperature_K: p.temperature_K, value: p.rate_per_s, sigma: p.sigma ?? null, label: name }));
}

type ArrheniusFit = ArrheniusResult | SegmentedArrheniusResult;

function checkArrheniusFit(result: ArrheniusFit, field: string): void {
  if (!result || (result.kind !== 'ArrheniusResult' && result.kind !== 'SegmentedArrheniusResult') || !Array.isArray(result.fit?.data?.x)) {
    throw new InputError('not an Arrhenius result', {
      field,
      expected: 'the result of fitArrhenius, fitSegmentedArrhenius or fitConductivityArrhenius',
      found: result ? String((result as { kind?: unknown }).kind) : String(result),
    });
  }
}

/**
 * The points an Arrhenius fit was made on, read back from its data (x = 1000/T, y = log10 value,
 * σ of log10 value): value = 10^y, σ = value·ln10·σ_log10.
 */
export function arrheniusFitPoints(result: ArrheniusFit, label: string): ArrheniusPoint[] {
  checkArrheniusFit(result, 'result');
  const { x, y, sigma } = result.fit.data as { x: number[]; y: number[]; sigma?: number[] };
  return x.map((inverseT, i) => {
    const value = Math.pow(10, y[i]);
    return { temperature_K: 1000 / inverseT, value, sigma: sigma ? value * Math.LN10 * sigma[i] : null, label };
  });
}

/** The fitted (broken) line between two temperatures, with its 1σ band. */
function predictedLine(result: ArrheniusFit, from_K: number, to_K: number, label: string, name: string): ArrheniusLine {
  const temperature_K = inverseTemperatureGrid_K(Math.min(from_K, to_K), Math.max(from_K, to_K), LINE_POINTS);
  const value: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (const t of temperature_K) {
    const p = predictArrhenius(result, t);
    const s = p.log10Value.stderr ?? 0;
    value.push(p.value.value);
    lower.push(Math.pow(10, p.log10Value.value - s));
    upper.push(Math.pow(10, p.log10Value.value + s));
  }
  return { label, name, temperature_K, value, lower, upper };
}

function dataRange_K(result: ArrheniusFit): [number, number] {
  const temperatures = (result.fit.data.x as number[]).map((x) => 1000 / x);
  return [Math.min(...temperatures), Math.max(...temperatures)];
}

/** A straight-line Arrhenius fit over the temperatures it was fitted on, labelled with its Ea. */
export function arrheniusFitLine(result: ArrheniusResult, label: string, name = 'Arrhenius fit'): ArrheniusLine {
  checkArrheniusFit(result, 'result');
  const [lo, hi] = dataRange_K(result);
  return {
    ...predictedLine(result, lo, hi, label, name),
    activationEnergy_eV: result.activationEnergy_eV.value,
    activationEnergyStderr_eV: result.activationEnergy_eV.stderr,
  };
}

/** One line per segment of a broken-line fit (regime I first), each labelled with its Ea. */
export function segmentLines(result: SegmentedArrheniusResult | ArrheniusResult, label: string): ArrheniusLine[] {
  checkArrheniusFit(result, 'result');
  if (result.kind === 'ArrheniusResult') return [arrheniusFitLine(result, label)];
  const roman = ['I', 'II', 'III'];
  return result.segments.map((s, k) => ({
    ...predictedLine(
      result,
      s.temperatureRange_K[0],
      s.temperatureRange_K[1],
      label,
      result.segments.length > 1 ? `regime ${roman[k]}` : 'Arrhenius fit',
    ),
    activationEnergy_eV: s.activationEnergy_eV.value,
    activationEnergyStderr_eV: s.activationEnergy_eV.stderr,
  }));
}

/**
 * One series' kinks for a subtitle, with Davies' p of one kink against none beside them (BIC picks
 * the number of segments but lets a spurious kink through; Davies' p is calibrated):
 * "Li⁺: kink at 323.4 ± 0.6 K (Davies p ≤ 2.1e-9)", or for one segment
 * "Li⁺: one line (Davies p ≤ 0.412)".
 */
export function kinkSubtitle(result: SegmentedArrheniusResult, label: string): string {
  const kinks = result.breakpoints.map((b) => `${formatValueError(b.temperature_K.value, b.temperature_K.stderr)} K`);
  const where = kinks.length ? `kink${kinks.length > 1 ? 's' : ''} at ${kinks.join(', ')}` : 'one line';
  const p = kinkTestSummary(result).p;
  return `${label}: ${where} (${p === null ? 'no Davies kink test' : `Davies ${p}`})`;
}

/** A broken-line fit of rates, τ or D: its points and one line per segment, the kinks and Davies' p in the subtitle. */
export function segmentedArrheniusChart(
  result: SegmentedArrheniusResult,
  label: string,
  options: ArrheniusChartOptions = {},
): VegaLiteSpec {
  checkArrheniusFit(result, 'result');
  if (result.kind !== 'SegmentedArrheniusResult') {
    throw new InputError('not a segmented Arrhenius result', {
      field: 'result',
      expected: 'the result of fitSegmentedArrhenius',
      found: String(result.kind),
    });
  }
  const panel = arrheniusPanel({ points: arrheniusFitPoints(result, label), lines: segmentLines(result, label) }, options);
  return topLevel(panel, { title: options.title, subtitle: [kinkSubtitle(result, label)] });
}

/** The low-T and high-T flank lines of a rate peak (whichever were found). */
export function flankLines(flanks: RatePeakFlanks, label: string): ArrheniusLine[] {
  if (!flanks || flanks.kind !== 'RatePeakFlanks') {
    throw new InputError('not a rate-peak flank result', {
      field: 'flanks',
      expected: 'the result of findRatePeakFlanks',
      found: flanks ? String((flanks as { kind?: unknown }).kind) : String(flanks),
    });
  }
  const lines: ArrheniusLine[] = [];
  if (flanks.lowTemperature) lines.push(arrheniusFitLine(flanks.lowTemperature.arrhenius, label, 'low-T flank'));
  if (flanks.highTemperature) lines.push(arrheniusFitLine(flanks.highTemperature.arrhenius, label, 'high-T flank'));
  return lines;
}

/** What a line of a rate series' Arrhenius analysis is called on the chart: 'low-T flank', 'Arrhenius line'. */
export function rateLineName(line: RateArrheniusLine): string {
  return line.side === 'all' ? 'Arrhenius line' : `${line.side}-T flank`;
}

/** Every line of a rate series' Arrhenius analysis (rateSeriesArrhenius), each labelled with its Ea. */
export function rateArrheniusLines(result: RateArrheniusResult, label: string): ArrheniusLine[] {
  if (!result || result.kind !== 'RateArrheniusResult' || !Array.isArray(result.lines)) {
    throw new InputError('not the Arrhenius lines of a rate series', {
      field: 'arrhenius',
      expected: 'the result of rateSeriesArrhenius / fitRateArrhenius',
      found: result ? String((result as { kind?: unknown }).kind) : String(result),
    });
  }
  return result.lines.map((l) => arrheniusFitLine(l.arrhenius, label, rateLineName(l)));
}

export interface RateArrheniusInput {
  /** The measured rates: one series per nucleus, frequency and sample. */
  series: RateSeries[];
  /** The Arrhenius lines of each series (rateSeriesArrhenius; same order as `series`; null or missing for none). */
  arrhenius?: Array<RateArrheniusResult | null | undefined>;
  /** Flanks found in each series (same order as `series`; null or missing for none). */
  flanks?: Array<RatePeakFlanks | null | undefined>;
  /** Straight-line fits of each series (same order; null or missing for none). */
  fits?: Array<ArrheniusResult | null | undefined>;
}

/**
 * Relaxation rates of several series against 1000/T (T on top) with their flank or straight-line
 * fits, each line in its series' colour and labelled "Ea = … eV (… kJ/mol)".
 */
export function rateArrheniusChart(input: RateArrheniusInput, options: ArrheniusChartOptions = {}): VegaLiteSpec {
  if (!input || !Array.isArray(input.series) || input.series.length === 0) {
    throw new InputError('no rate series', { field: 'series', expected: 'one or more RateSeries' });
  }
  const labels = input.series.map((s) => s.label ?? rateSeriesLabel(s));
  const points = input.series.flatMap((s, k) => rateSeriesPoints(s, labels[k]));
  const lines: ArrheniusLine[] = [];
  input.series.forEach((_, k) => {
    const arrhenius = input.arrhenius?.[k];
    if (arrhenius) lines.push(...rateArrheniusLines(arrhenius, labels[k]));
    const flanks = input.flanks?.[k];
    if (flanks) lines.push(...flankLines(flanks, labels[k]));
    const fit = input.fits?.[k];
    if (fit) lines.push(arrheniusFitLine(fit, labels[k]));
  });
  return arrheniusChart({ points, lines }, { quantity: 'relaxation rate', unit: 's⁻¹', ...options });
}
