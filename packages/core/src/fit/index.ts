export { curveFit, residualProblem } from './curveFit';
export * from './types';
export {
  LevenbergMarquardt,
  covarianceFromJacobian,
  STOP_MESSAGES,
} from './levenbergMarquardt';
export type {
  LeastSquaresProblem,
  LevenbergMarquardtOptions,
  LevenbergMarquardtOutcome,
  StopReason,
  CovarianceOutcome,
} from './levenbergMarquardt';
export { fitStatistics } from './result';
export { fitReport } from './report';
export { formatNumber, formatValueError, formatEstimate, formatQuantity, timeUnitFor } from './format';
export type { TimeUnit } from './format';
export type { FitReportOptions } from './report';
export { compareFits, fitLabel, modelComparisonReport } from './compare';
export type { ModelComparison, ModelComparisonRow, NestedFTest } from './compare';
export { compileExpression, parseExpression, differentiate } from './expression';
export type { CompiledExpression } from './expression';
export { mulberry32, gaussian } from './random';
