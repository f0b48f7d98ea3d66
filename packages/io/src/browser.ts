/**
 * @relaxlab/io/browser: the parsers of text already in memory — tables with units and metadata,
 * TopSpin relaxation-module files, impedance files — and the transient and unit helpers they use.
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
export { makeTransient, transientMetadataFrom, withMetadata, parseExperiment } from './transient';
export type { TransientParts } from './transient';
export * from './delimited';
export { parseCt1t2Text, parseT1intsText, parseSuffixedNumber, experimentFromModel } from './topspin/relaxationModule';
export type { TopspinTextOptions } from './topspin/relaxationModule';
export * from './impedance';
