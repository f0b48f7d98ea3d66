/**
 * Rates over temperature in one call: the Arrhenius lines of each series (
 * rateSeriesArrhenius, the policy the study and the CLI use: configured windows, else the flanks
 * of the rate peak, else one line through all points) and, when asked, the joint BPP fit of all
 * series (fitJointBpp) with every flank checked against its asymptotes — kept together with the
 * series so that show() can draw the measured rates with every line fitted to them.
 */
import type { RateArrheniusOptions, RateArrheniusResult } from '../arrhenius/rateArrhenius';
import { InputError } from '../errors';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';
import { flankAsymptoteWarnings } from './flankCheck';
import { fitJointBpp } from './jointFit';
import { rateSeriesArrhenius, rateSeriesLabel } from './series';
import type { JointBppOptions, JointBppResult, RateSeries } from './types';

export interface RateAnalysis {
  schema: ResultSchema;
  kind: 'RateAnalysis';
  sample?: string;
  series: RateSeries[];
  /** The Arrhenius lines of each series, in the order of `series`. */
  arrhenius: RateArrheniusResult[];
  /** The joint BPP fit of all series, when asked for. */
  bpp: JointBppResult | null;
  /** Flanks that miss the asymptotes of the BPP fit (empty without one). */
  warnings: string[];
}

export interface AnalyzeRatesOptions {
  sample?: string;
  /** Options of rateSeriesArrhenius (windows, decadesBelowPeak, minPoints, curvatureLevel), for every series. Default {}. */
  arrhenius?: RateArrheniusOptions;
  /** Options of fitJointBpp, or false (default) for no joint fit. */
  bpp?: JointBppOptions | false;
}

export function analyzeRates(series: RateSeries | RateSeries[], options: AnalyzeRatesOptions = {}): RateAnalysis {
  const list = Array.isArray(series) ? series : [series];
  if (list.length === 0)
    throw new InputError('no rate series', {
      field: 'series',
      expected: 'one or more RateSeries (readRateSeries reads one from a CSV file)',
    });
  if (options.sample !== undefined && typeof options.sample !== 'string') {
    throw new InputError('sample name must be text', { field: 'sample', expected: 'a string', found: typeof options.sample });
  }
  // every series gets a label, so points, flank lines and BPP curves of one series share a colour
  const labelled = list.map((s) => ({ ...s, label: s.label ?? rateSeriesLabel(s) }));
  const arrhenius = labelled.map((s) => rateSeriesArrhenius(s, options.arrhenius ?? {}));
  const bpp = options.bpp ? fitJointBpp(labelled, options.bpp) : null;
  const result: RateAnalysis = {
    schema: RESULT_SCHEMA,
    kind: 'RateAnalysis',
    series: labelled,
    arrhenius,
    bpp,
    warnings: bpp ? flankAsymptoteWarnings(arrhenius, bpp) : [],
  };
  if (options.sample !== undefined) result.sample = options.sample;
  return result;
}
