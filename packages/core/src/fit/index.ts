/** The least-squares engine as callers use it: curveFit, its result and report, model comparison, number formatting, expression models. */
export { curveFit } from './curveFit';
export * from './types';
export type { LevenbergMarquardtOptions, StopReason } from './levenbergMarquardt';
export { fitReport } from './report';
export type { FitReportOptions } from './report';
export { formatNumber, formatValueError, formatEstimate, formatQuantity, timeUnitFor } from './format';
export type { TimeUnit } from './format';
export { compareFits, fitLabel, modelComparisonReport } from './compare';
export type { ModelComparison, ModelComparisonRow, NestedFTest } from './compare';
export { compileExpression } from './expression';
export type { CompiledExpression, CompileOptions } from './expression';
export { mulberry32, gaussian } from './random';
