/** Transients: the named models, fits with start values read off the data, model comparison, batches, and the rates a series of fits gives. */
export { TRANSIENT_EXPERIMENTS, TRANSIENT_MODELS, TRANSIENT_MODEL_NAMES, DEFAULT_MODEL } from './catalogue';
export type { TransientExperiment, TransientModelName, TransientModelEntry } from './catalogue';
export { fitTransient, compareTransientModels, defaultCandidates } from './fitTransient';
export type { TransientInput, TransientModelChoice, FitTransientOptions, TransientComparison } from './fitTransient';
export { fitTransientBatch } from './batch';
export type { TransientBatchInput, TransientBatchOptions, TransientBatchResult } from './batch';
export { analyzeTransient } from './analyzeTransient';
export type { TransientAnalysis, AnalyzeTransientOptions } from './analyzeTransient';
export { RATE_OF_EXPERIMENT, rateFromFit, rateSeriesFromFits } from './rates';
export type { FittedTransientRate, FittedRateSeries } from './rates';
