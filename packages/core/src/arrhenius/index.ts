/** Arrhenius analysis: straight lines, kinks (segmented regression) and rate-peak flanks. */
export type {
  ArrheniusQuantity,
  ArrheniusData,
  ArrheniusInputPoints,
  Estimate,
  ArrheniusOptions,
  ArrheniusResult,
  SegmentedArrheniusOptions,
  ArrheniusSegment,
  ArrheniusBreakpoint,
  SegmentCountScore,
  SegmentedArrheniusResult,
  KinkTestAlternative,
  ArrheniusKinkTestOptions,
  ArrheniusKinkTest,
  FlankStraightness,
  RatePeakFlank,
  RatePeakFlanks,
} from './types';
export { fitArrhenius } from './fitArrhenius';
export { fitSegmentedArrhenius } from './segmented';
export { testArrheniusKink } from './kinkTest';
export { KINK_TEST_NOTE, kinkTestSummary } from './kinkTestSummary';
export type { KinkTestSummary } from './kinkTestSummary';
export { findRatePeakFlanks } from './flanks';
export type { RatePeakFlankOptions } from './flanks';
export { fitRateArrhenius } from './rateArrhenius';
export type { RateArrheniusWindow, RateArrheniusOptions, RateArrheniusLine, RateArrheniusResult } from './rateArrhenius';
export { predictArrhenius } from './predict';
export type { ArrheniusPrediction } from './predict';
export {
  QUANTITIES as ARRHENIUS_QUANTITIES,
  QUANTITY_UNITS as ARRHENIUS_QUANTITY_UNITS,
  QUANTITY_SYMBOLS as ARRHENIUS_QUANTITY_SYMBOLS,
} from './data';
export { estimateFromFit } from './propagate';
export { arrheniusReport, segmentedArrheniusReport, ratePeakFlanksReport, rateArrheniusReport } from './report';
