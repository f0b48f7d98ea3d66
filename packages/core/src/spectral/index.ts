/** Spectral densities and rate models (BPP and its relatives), rate series, joint BPP fits with resampled uncertainties. */
export type {
  RateExperiment,
  RatePoint,
  RateSeries,
  SpectralDensityName,
  RateConvention,
  BackgroundName,
  JointParameterKind,
  ParameterSetting,
  ParameterSettings,
  JointBppDatasetOptions,
  JointBppOptions,
  RatePeak,
  JointBppPoint,
  JointBppDatasetSummary,
  JumpRateBand,
  JointBppResult,
} from './types';
export { SPECTRAL_DENSITY_NAMES, spectralDensity } from './densities';
export { RATE_CONVENTIONS, correlationTime_s, jumpRate_per_s, relaxationRate_per_s } from './rates';
export type { RateFrequencies, BppRateModel } from './rates';
export { RATE_EXPERIMENTS } from './validate';
export { rateSeriesLabel, rateSeriesData, rateSeriesArrhenius } from './series';
export { flankAsymptoteWarnings } from './flankCheck';
export { analyzeRates } from './analyzeRates';
export type { RateAnalysis, AnalyzeRatesOptions } from './analyzeRates';
export { BACKGROUND_NAMES } from './jointProblem';
export { JOINT_PARAMETER_KINDS, jointParameterName, jointParameterOf } from './jointModel';
export { fitJointBpp, jumpRateBand } from './jointFit';
export { bootstrapJointBpp, monteCarloJointBpp } from './resampling';
export type { ResamplingOptions, ParameterDistribution, JointBppResampling } from './resampling';
export { simulateRateSeries, inverseTemperatureGrid_K } from './simulate';
export type { SimulateRateSeriesInput } from './simulate';
export { jointBppReport } from './report';
