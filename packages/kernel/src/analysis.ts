/**
 * One call from a transient to the answer a user wants: every sensible model of its experiment
 * fitted, compared by BIC/AIC/F-test (core compareTransientModels), and the preferred fit.
 */
import { compareTransientModels, fitLabel, InputError } from '@relaxlab/core';
import type { FitResult, FitTransientOptions, ModelComparison, TransientInput, TransientModelChoice } from '@relaxlab/core';

export interface TransientAnalysis {
  schema: 'relaxlab/1';
  kind: 'TransientAnalysis';
  /** The user's name for the sample; shown as text only. */
  sample?: string;
  transient: TransientInput;
  /** The fit of the preferred model (lowest BIC among converged fits). */
  best: FitResult;
  /** Every candidate's fit, in the order of comparison.rows. */
  fits: FitResult[];
  comparison: ModelComparison;
}

export interface AnalyzeTransientOptions extends Omit<FitTransientOptions, keyof TransientModelChoice> {
  sample?: string;
  /** Models to compare; default: the nested variants of the experiment's model and its two-component form. */
  candidates?: TransientModelChoice[];
}

export function analyzeTransient(transient: TransientInput, options: AnalyzeTransientOptions = {}): TransientAnalysis {
  const { sample, candidates, ...fitOptions } = options;
  const { fits, comparison } = compareTransientModels(transient, candidates, fitOptions);
  const best = fits.find((f) => fitLabel(f) === comparison.preferred);
  if (!best) {
    // compareFits names one of the fits it was given; anything else is a bug, not bad input
    throw new Error(`preferred model ${comparison.preferred} is not among the fits`);
  }
  if (sample !== undefined && typeof sample !== 'string') {
    throw new InputError('sample name must be text', { field: 'sample', expected: 'a string', found: typeof sample });
  }
  const result: TransientAnalysis = { schema: 'relaxlab/1', kind: 'TransientAnalysis', transient, best, fits, comparison };
  if (sample !== undefined) result.sample = sample;
  return result;
}
