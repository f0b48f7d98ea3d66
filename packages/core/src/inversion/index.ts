/** Distributions of relaxation times: T1/T1ρ/T2 by inverse Laplace transform and the impedance DRT, from one regularised NNLS. */
export { relaxationDistribution, MIN_ILT_POINTS } from './relaxation';
export type { RelaxationDistributionOptions } from './relaxation';
export { distributionOfRelaxationTimes, MIN_DRT_FREQUENCIES } from './drt';
export type { DrtOptions } from './drt';
export type { InversionOptions } from './invert';
export { relaxationDistributionReport, drtReport } from './report';
export type { LambdaOptions, LambdaMethod, PenaltyOrder } from './engine';
export type { Discretisation } from './basis';
export type { GridOptions } from './grid';
export type {
  RelaxationDistribution,
  RelaxationPeak,
  RelaxationKernel,
  DrtResult,
  DrtPeak,
  DrtPart,
  PeakPosition,
  RegularisationSummary,
  BandSummary,
} from './types';
