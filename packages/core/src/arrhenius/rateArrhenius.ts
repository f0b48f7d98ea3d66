/**
 * The Arrhenius lines of a relaxation-rate series: one policy, written once, that the study, the
 * notebook kernel, `relaxlab arrhenius --flanks` and the JupyterLab renderer all call, so the same
 * rates give the same lines and the same warnings in every face.
 *
 *   1. windows the caller configured (a falling high-T flank is fitted as a τ-like quantity, so its
 *      energy comes out positive); a window that cannot be fitted is a warning;
 *   2. else both flanks of the rate peak (findRatePeakFlanks: candidates at least decadesBelowPeak
 *      below the maximum, moved off curvature toward the asymptote);
 *   3. else, when the largest rate sits at an end of the data (no maximum inside), one line through
 *      all points, with a warning: the series is a single flank;
 *   4. too few points for any of these: a warning and no line.
 *
 * What the data cannot support is a warning, never an exception; invalid data (a negative rate,
 * lengths that differ) or invalid options are InputErrors. Every line is tested for curvature
 * (curvature.ts); configured windows and the all-points line are not moved, only warned about.
 */
import { InputError, isInputError } from '../errors';
import { testCurvature } from './curvature';
import { arrheniusPoints, inputPoints } from './data';
import { fitArrhenius } from './fitArrhenius';
import { DEFAULT_CURVATURE_LEVEL, findRatePeakFlanks, pText, ratePeakIndex } from './flanks';
import type { RatePeakFlankOptions } from './flanks';
import type { ArrheniusData, ArrheniusInputPoints, ArrheniusResult, FlankStraightness, RatePeakFlanks } from './types';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

/** A window the user chose for one flank. */
export interface RateArrheniusWindow {
  side: 'low' | 'high';
  window_K: [number, number];
}

export interface RateArrheniusOptions extends RatePeakFlankOptions {
  /** Configured windows: fitted instead of the automatic flanks when any are given. */
  windows?: RateArrheniusWindow[];
}

export interface RateArrheniusLine {
  /** 'all': one line through every point (no maximum inside the data). */
  side: 'low' | 'high' | 'all';
  /** 'config': a configured window; 'flank': found by findRatePeakFlanks; 'all-points': no maximum inside. */
  from: 'config' | 'flank' | 'all-points';
  window_K: [number, number];
  arrhenius: ArrheniusResult;
  /** How an automatic flank was tested and moved (flanks only). */
  straightness?: FlankStraightness;
}

export interface RateArrheniusResult {
  schema: ResultSchema;
  kind: 'RateArrheniusResult';
  /** The series the lines belong to: its label (or the source). */
  series: string;
  /** The rate maximum found between the outer points; null for configured windows or no maximum inside. */
  peak: { temperature_K: number; rate_per_s: number } | null;
  /** Every rate given (σ when every point has one), so the result can be drawn and refitted on its own. */
  points: ArrheniusInputPoints;
  lines: RateArrheniusLine[];
  warnings: string[];
}

const FEWEST_POINTS = 3;

/** A warning when a line that was not moved is curved; none when it is straight or too short to test. */
function curvatureWarning(what: string, result: ArrheniusResult, level: number): string | undefined {
  const { x, y, sigma } = result.fit.data as { x: number[]; y: number[]; sigma?: number[] };
  const test = testCurvature(x, y, sigma);
  if (!test || test.pValue >= level) return undefined;
  return `${what}: curved (quadratic term in 1000/T ${pText(test.pValue)}): its Ea is an average over the window, not one slope`;
}

function configuredLines(
  data: ArrheniusData,
  windows: RateArrheniusWindow[],
  out: RateArrheniusResult,
  options: RateArrheniusOptions,
  level: number,
): void {
  for (const w of windows) {
    const what = `window ${w.window_K[0]}–${w.window_K[1]} K (${w.side}-T flank)`;
    try {
      const arrhenius = fitArrhenius(
        { ...data, quantity: w.side === 'low' ? 'rate' : 'tau' },
        { window_K: w.window_K, absoluteSigma: options.absoluteSigma, source: out.series },
      );
      out.lines.push({ side: w.side, from: 'config', window_K: w.window_K, arrhenius });
      const warning = curvatureWarning(what, arrhenius, level);
      if (warning) out.warnings.push(warning);
    } catch (e) {
      if (!isInputError(e)) throw e;
      out.warnings.push(`${what}: not fitted: ${e.message}`);
    }
  }
}

function flankLines(flanks: RatePeakFlanks): RateArrheniusLine[] {
  const lines: RateArrheniusLine[] = [];
  for (const [side, f] of [
    ['low', flanks.lowTemperature],
    ['high', flanks.highTemperature],
  ] as const) {
    if (f) lines.push({ side, from: 'flank', window_K: f.window_K, arrhenius: f.arrhenius, straightness: f.straightness });
  }
  return lines;
}

/**
 * The Arrhenius lines of rates vs temperature (`data.quantity` must be 'rate' or absent); `label`
 * names the series in the result and in every message.
 */
export function fitRateArrhenius(data: ArrheniusData, options: RateArrheniusOptions & { label?: string } = {}): RateArrheniusResult {
  const label = options.label ?? options.source ?? 'rates';
  if (data && data.quantity !== undefined && data.quantity !== 'rate') {
    throw new InputError('not rates', {
      field: 'quantity',
      expected: "'rate' (relaxation rates in 1/s; for τ, σT or D use fitArrhenius)",
      found: JSON.stringify(data.quantity),
      source: label,
    });
  }
  const level = options.curvatureLevel ?? DEFAULT_CURVATURE_LEVEL;
  const rates = { ...data, quantity: 'rate' as const };
  // validates the data (finite, positive, same lengths) whatever happens next
  const points = arrheniusPoints(rates, { source: label, minPoints: 0, what: 'rates' });
  const out: RateArrheniusResult = {
    schema: RESULT_SCHEMA,
    kind: 'RateArrheniusResult',
    series: label,
    peak: null,
    points: inputPoints(rates),
    lines: [],
    warnings: [],
  };
  const { label: _label, windows, ...flankOptions } = options;
  if (windows && windows.length) {
    configuredLines(rates, windows, out, options, level);
    return out;
  }
  const n = points.temperature_K.length;
  if (n < FEWEST_POINTS) {
    out.warnings.push(
      `no Arrhenius line: ${n} point${n === 1 ? '' : 's'}, at least ${FEWEST_POINTS} needed to tell a rate peak from a flank`,
    );
    return out;
  }
  if (ratePeakIndex(points) !== null) {
    try {
      const flanks = findRatePeakFlanks(rates, { ...flankOptions, source: label });
      out.peak = { temperature_K: flanks.peakTemperature_K, rate_per_s: flanks.peakRate_per_s };
      out.lines.push(...flankLines(flanks));
      out.warnings.push(...flanks.warnings);
    } catch (e) {
      if (!isInputError(e)) throw e;
      out.warnings.push(`no Arrhenius line: ${e.message}`);
    }
    return out;
  }
  // no maximum inside the data: the whole series is one flank, rising or falling with T
  const T = points.temperature_K;
  const rising = points.y[n - 1] > points.y[0];
  const arrhenius = fitArrhenius({ ...rates, quantity: rising ? 'rate' : 'tau' }, { absoluteSigma: options.absoluteSigma, source: label });
  out.lines.push({ side: 'all', from: 'all-points', window_K: arrhenius.window_K, arrhenius });
  out.warnings.push(
    `no rate maximum inside ${T[0]}–${T[n - 1]} K: one line through all points (a ${rising ? 'low' : 'high'}-T flank only)`,
  );
  const warning = curvatureWarning('the line through all points', arrhenius, level);
  if (warning) out.warnings.push(warning);
  return out;
}
