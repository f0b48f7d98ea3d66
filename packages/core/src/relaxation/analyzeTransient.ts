/**
 * One call from a transient to the answer a user wants: every sensible model of its experiment
 * fitted, compared by BIC/AIC/F-test (core compareTransientModels), and the preferred fit.
 */
import { InputError } from '../errors';
import { fitLabel } from '../fit/compare';
import type { ModelComparison } from '../fit/compare';
import type { FitResult } from '../fit/types';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';
import { compareTransientModels } from './fitTransient';
import type { FitTransientOptions, TransientInput, TransientModelChoice } from './fitTransient';

export interface TransientAnalysis {
  schema: ResultSchema;
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
  const result: TransientAnalysis = { schema: RESULT_SCHEMA, kind: 'TransientAnalysis', transient, best, fits, comparison };
  if (sample !== undefined) result.sample = sample;
  return result;
}
