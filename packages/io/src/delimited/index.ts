export { parseDelimitedText, detectDelimiter, splitHeader } from './parse';
export type { Column, Table, Delimiter, ParseDelimitedOptions } from './parse';
export { findColumn, COLUMN_ALIASES, isUncertaintyColumn } from './columns';
export { tableToRateSeries, tableToLinewidthSeries, tableMetadata, tableUncertainties, columnUncertainties } from './series';
export { tableToArrheniusData } from './arrheniusTable';
export type { ArrheniusTableOptions, ArrheniusTableData } from './arrheniusTable';
export type { RateSeriesTableOptions } from './series';
export { tableToTransient } from './toTransient';
export type { TransientColumns } from './toTransient';
