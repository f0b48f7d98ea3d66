/**
 * @relaxlab/io/browser: the parsers of text already in memory — tables with units and metadata,
 * TopSpin relaxation-module files, impedance files — and the transient and unit types they use.
 * Nothing here imports a Node module, so a browser bundle (the JupyterLab extension) takes it as
 * it is; packages/io/test/entries.test.ts walks its imports to keep it so. The package's main entry
 * (index.ts) adds the file and folder readers, for Node.
 */
export { parseUnit } from './units';
export type { Quantity, UnitSpec, ParseUnitOptions } from './units';
export type {
  Transient,
  TransientMetadata,
  TransientFormat,
  TransientSource,
  TopspinFit,
  TopspinTransient,
  InputFile,
  SpectralRegionSource,
} from './types';
export { parseExperiment } from './transient';
export { parseDelimitedText } from './delimited/parse';
export type { Column, Table, Delimiter, ParseDelimitedOptions } from './delimited/parse';
export { findColumn } from './delimited/columns';
export { tableToRateSeries, tableToLinewidthSeries } from './delimited/series';
export type { RateSeriesTableOptions } from './delimited/series';
export { tableToArrheniusData } from './delimited/arrheniusTable';
export type { ArrheniusTableOptions, ArrheniusTableData } from './delimited/arrheniusTable';
export { tableToTransient } from './delimited/toTransient';
export type { TransientColumns } from './delimited/toTransient';
export { parseCt1t2Text, parseT1intsText } from './topspin/relaxationModule';
export type { TopspinTextOptions } from './topspin/relaxationModule';
export { parseImpedanceText, detectImpedanceFormat, IMPEDANCE_FORMATS } from './impedance/parseImpedanceText';
export type { ImpedanceFileData, ReadImpedanceOptions } from './impedance/parseImpedanceText';
export type { WinDetaOptions } from './impedance/windeta';
