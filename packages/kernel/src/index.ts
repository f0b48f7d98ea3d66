/**
 * @relaxlab/kernel — RelaxLab in a tslab notebook. One import gives everything:
 *   import * as rl from "@relaxlab/kernel";
 * the numerics (@relaxlab/core), the readers (@relaxlab/io, paths relative to the notebook),
 * the chart builders (@relaxlab/plots), and show(result) for results that display themselves.
 */
export * from '@relaxlab/core';
export * from '@relaxlab/io';
export * from '@relaxlab/plots';
export { readTransient, notebookPath } from './files';
export { readRateSeries, readLinewidths, readArrheniusData, readConductivity, readImpedance, readJson, readResult, readRelaxationData } from './tables';
export type { ReadRateSeriesOptions } from './tables';
export type { ResultShowOptions } from './resultBundles';
export { summaryTableHtml, summaryText } from './summary';
export type { SummaryRow } from './summary';
export { show, showChart } from './show';
export { mimeBundle } from './mime';
export type { Displayable, ShowOptions } from './mime';
export { escapeHtml, parameterTableHtml, statisticsTableHtml, comparisonTableHtml, fitHtml } from './html';
export { publishDisplayData, setDisplaySink, canDisplayRich } from './display';
export type { MimeBundle, DisplayContent, DisplaySink } from './display';
