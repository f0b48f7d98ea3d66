/**
 * rl.reports: the text every face prints for a result (show() sends it as text/plain), in the lmfit
 * style, and the number formats they use (value ± error by formatValueError, at the top level).
 */
export {
  fitReport,
  fitLabel,
  modelComparisonReport,
  arrheniusReport,
  segmentedArrheniusReport,
  kinkTestSummary,
  KINK_TEST_NOTE,
  ratePeakFlanksReport,
  rateArrheniusReport,
  jointBppReport,
  lineNarrowingReport,
  impedanceSpectrumReport,
  impedanceSeriesReport,
  crossLinkReport,
  crossLinkRows,
  trajectoryTransportReport,
  relaxationDistributionReport,
  drtReport,
  formatNumber,
  formatEstimate,
  formatQuantity,
} from '@relaxlab/core';
export type { FitReportOptions, KinkTestSummary, CrossLinkRow } from '@relaxlab/core';
