/**
 * Rates over temperature in one call: the flanks of each series' rate peak (findRatePeakFlanks)
 * and, when asked, the joint BPP fit of all series (fitJointBpp), kept together with the series
 * so that show() can draw the measured rates with every line fitted to them.
 */
import { findRatePeakFlanks, fitJointBpp, InputError } from '@relaxlab/core';
import type { JointBppOptions, JointBppResult, RatePeakFlankOptions, RatePeakFlanks, RateSeries } from '@relaxlab/core';
import { rateSeriesLabel } from '@relaxlab/plots';

export interface RateAnalysis {
  schema: 'relaxlab/1';
  kind: 'RateAnalysis';
  sample?: string;
  series: RateSeries[];
  /** Flanks of each series' rate peak, in the order of `series` (null when the series has too few points). */
  flanks: Array<RatePeakFlanks | null>;
  /** The joint BPP fit of all series, when asked for. */
  bpp: JointBppResult | null;
}

export interface AnalyzeRatesOptions {
  sample?: string;
  /** Options of findRatePeakFlanks, or false for no flank fits. Default {}. */
  flanks?: RatePeakFlankOptions | false;
  /** Options of fitJointBpp, or false (default) for no joint fit. */
  bpp?: JointBppOptions | false;
}

export function analyzeRates(series: RateSeries | RateSeries[], options: AnalyzeRatesOptions = {}): RateAnalysis {
  const list = Array.isArray(series) ? series : [series];
  if (list.length === 0) throw new InputError('no rate series', { field: 'series', expected: 'one or more RateSeries (readRateSeries reads one from a CSV file)' });
  if (options.sample !== undefined && typeof options.sample !== 'string') {
    throw new InputError('sample name must be text', { field: 'sample', expected: 'a string', found: typeof options.sample });
  }
  // every series gets a label, so points, flank lines and BPP curves of one series share a colour
  const labelled = list.map((s) => ({ ...s, label: s.label ?? rateSeriesLabel(s) }));
  const flankOptions = options.flanks;
  const flanks = labelled.map((s, k) => {
    if (flankOptions === false || s.points.length < 5) return null;
    return findRatePeakFlanks(
      { temperature_K: s.points.map((p) => p.temperature_K), value: s.points.map((p) => p.rate_per_s), ...(s.points.every((p) => p.sigma !== undefined) && { sigma: s.points.map((p) => p.sigma as number) }) },
      { source: s.label ?? `series[${k}]`, ...(flankOptions ?? {}) },
    );
  });
  const bpp = options.bpp ? fitJointBpp(labelled, options.bpp) : null;
  const result: RateAnalysis = { schema: 'relaxlab/1', kind: 'RateAnalysis', series: labelled, flanks, bpp };
  if (options.sample !== undefined) result.sample = options.sample;
  return result;
}
