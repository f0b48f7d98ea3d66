/** @relaxlab/plots — Vega-Lite v5 spec builders: result → spec (pure data), and SVG export. */
export { VEGA_LITE_SCHEMA, PUBLICATION_CONFIG, topLevel } from './spec';
export type { JsonObject, VegaLiteSpec, ChartOptions } from './spec';
export { formatValueError, formatQuantity, timeUnitFor } from './format';
export type { TimeUnit } from './format';
export { transientFitChart, transientFitPanels, parameterSummary, fitSummary } from './transient';
export type { TransientChartOptions } from './transient';
export { transientSeriesChart } from './series';
export type { SeriesMember, TransientSeriesChartOptions } from './series';
export { modelComparisonChart, modelComparisonPanel, transientComparisonChart } from './comparison';
export { arrheniusChart, activationEnergyLabel, temperatureTicks } from './arrhenius';
export type { ArrheniusPoint, ArrheniusLine, ArrheniusChartInput, ArrheniusChartOptions } from './arrhenius';
export { toSVG } from './render';
export type { ToSvgOptions } from './render';
