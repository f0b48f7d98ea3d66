export { parseDelimitedText, readDelimitedFile, detectDelimiter, splitHeader } from './parse';
export type { Column, Table, Delimiter, ParseDelimitedOptions } from './parse';
export { findColumn, COLUMN_ALIASES } from './columns';
export { tableToTransient } from './toTransient';
export type { TransientColumns } from './toTransient';
