/**
 * @relaxlab/plots — Vega-Lite v5 spec builders: result → spec (pure data), the layers the faces
 * compose into their own charts, and SVG and PNG export.
 */
export type { JsonObject, VegaLiteSpec, ChartOptions } from './spec';
export { transientFitChart, parameterSummary } from './transient';
export type { TransientChartOptions } from './transient';
export { transientSeriesChart } from './series';
export type { SeriesMember, TransientSeriesChartOptions } from './series';
export { modelComparisonChart, transientComparisonChart } from './comparison';
export { arrheniusChart } from './arrhenius';
export type { ArrheniusPoint, ArrheniusLine, ArrheniusChartInput, ArrheniusChartOptions } from './arrhenius';
export {
  rateSeriesPoints,
  arrheniusFitPoints,
  arrheniusFitLine,
  segmentedArrheniusChart,
  flankLines,
  rateArrheniusLines,
  rateLineName,
  rateArrheniusChart,
} from './arrheniusResults';
export type { RateArrheniusInput } from './arrheniusResults';
export { bppCurves, jumpRateLine, jointBppChart } from './bpp';
export type { JointBppChartOptions } from './bpp';
export { lineNarrowingChart } from './narrowing';
export type { LineNarrowingChartOptions } from './narrowing';
export { impedanceChart, nyquistChart, bodeChart } from './impedance';
export { relaxationDistributionChart, drtChart } from './inversion';
export type { DistributionChartOptions, DrtChartOptions } from './inversion';
export { conductivityIsothermChart } from './isotherms';
export type { IsothermChartOptions } from './isotherms';
export { sigmaTArrheniusChart } from './sigmaT';
export type { SigmaTSeries } from './sigmaT';
export { crossLinkChart } from './crossLink';
export { toSVG } from './render';
export type { ToSvgOptions } from './render';
export { toPNG } from './png';
export type { ToPngOptions } from './png';
export { msdChart } from './msd';
