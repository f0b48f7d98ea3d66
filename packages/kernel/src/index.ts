/**
 * @relaxlab/kernel — RelaxLab in a tslab notebook:
 *   import * as rl from "@relaxlab/kernel";
 * At the top: the readers (paths relative to the notebook), the analyses, show(result) and
 * showChart(spec), formatValueError, and the types they take and return. Grouped:
 *   rl.plots    the chart builders, toSVG and toPNG (@relaxlab/plots)
 *   rl.io       the readers with explicit paths and all their options, and the text parsers (@relaxlab/io)
 *   rl.physics  constants, nuclei, spectral densities, rate models and transport relations
 *   rl.simulate synthetic rate series and impedance spectra, seeded noise
 *   rl.reports  the text reports of every result kind
 *   rl.display  the MIME bundle show() sends, and where it goes
 * packages/kernel/test/publicApi.test.ts lists every name, so what is added here is added on purpose.
 */
export { readTransient, readTrajectory } from './files';
export type { ReadTrajectoryOptions } from '@relaxlab/io';
export {
  readRelaxationData,
  readRateSeries,
  readLinewidths,
  readArrheniusData,
  readConductivity,
  readImpedance,
  readJson,
  readResult,
} from './tables';
export type { ReadRateSeriesOptions } from './tables';
export { show, showChart } from './show';
export type { Displayable, ShowOptions } from './mime';
export type { ResultShowOptions } from './resultBundles';

export {
  InputError,
  formatValueError,
  curveFit,
  compareFits,
  estimateFromFit,
  fitTransient,
  compareTransientModels,
  analyzeTransient,
  fitTransientBatch,
  rateSeriesFromFits,
  rateSeriesData,
  fitArrhenius,
  fitSegmentedArrhenius,
  testArrheniusKink,
  predictArrhenius,
  findRatePeakFlanks,
  fitRateArrhenius,
  rateSeriesArrhenius,
  analyzeRates,
  fitJointBpp,
  bootstrapJointBpp,
  monteCarloJointBpp,
  flankAsymptoteWarnings,
  fitLineNarrowing,
  fitCircuit,
  assignBlocks,
  analyzeImpedanceSpectrum,
  analyzeImpedanceSeries,
  fitCircuitGlobal,
  linKK,
  conductivitySpectrum,
  dcPlateau,
  fitJonscher,
  summerfieldScaling,
  fitConductivityArrhenius,
  crossLink,
  analyzeTrajectory,
  collectTrajectory,
  trajectoryArrhenius,
} from '@relaxlab/core';
export type {
  InputErrorDetails,
  Estimate,
  CurveFitInput,
  CurveFitOptions,
  ParamInput,
  ParamsInput,
  FitResult,
  FitParameter,
  ModelComparison,
  TransientExperiment,
  TransientModelName,
  TransientInput,
  TransientModelChoice,
  FitTransientOptions,
  TransientComparison,
  TransientAnalysis,
  AnalyzeTransientOptions,
  TransientBatchInput,
  TransientBatchOptions,
  TransientBatchResult,
  FittedTransientRate,
  FittedRateSeries,
  RateExperiment,
  RatePoint,
  RateSeries,
  ArrheniusQuantity,
  ArrheniusData,
  ArrheniusOptions,
  ArrheniusResult,
  SegmentedArrheniusOptions,
  SegmentedArrheniusResult,
  ArrheniusKinkTest,
  ArrheniusKinkTestOptions,
  ArrheniusPrediction,
  RatePeakFlankOptions,
  RatePeakFlanks,
  RateArrheniusOptions,
  RateArrheniusLine,
  RateArrheniusResult,
  AnalyzeRatesOptions,
  RateAnalysis,
  JointParameterKind,
  JointBppOptions,
  JointBppResult,
  ResamplingOptions,
  JointBppResampling,
  LinewidthPoint,
  LinewidthSeries,
  LineNarrowingOptions,
  LineNarrowingResult,
  ImpedanceFileFormat,
  ImpedanceSpectrum,
  SpectrumData,
  PelletGeometry,
  ImpedanceWeighting,
  CircuitFitOptions,
  CircuitFitResult,
  BlockAssignment,
  ImpedanceAnalysisOptions,
  ImpedanceSpectrumAnalysis,
  ImpedanceSeriesOptions,
  ImpedanceSeriesAnalysis,
  GlobalCircuitFitOptions,
  GlobalCircuitFitResult,
  LinKKOptions,
  LinKKResult,
  ConductivitySpectrum,
  DcPlateauOptions,
  DcPlateau,
  JonscherOptions,
  JonscherResult,
  SummerfieldIsotherm,
  SummerfieldResult,
  ConductivityData,
  NmrCrossLinkInput,
  ConductivityCrossLinkInput,
  HoppingGeometry,
  CrossLinkOptions,
  CrossLinkResult,
  Trajectory,
  TrajectoryAnalysisOptions,
  TrajectoryTransport,
  TrajectoryArrhenius,
  CollectOptions,
  AnalysisResult,
} from '@relaxlab/core';

export * as plots from '@relaxlab/plots';
export * as io from '@relaxlab/io';
export * as physics from './groups/physics';
export * as simulate from './groups/simulate';
export * as reports from './groups/reports';
export * as display from './groups/display';
