/** @relaxlab/io: readers for RelaxLab (Node only). */
export { parseUnit } from './units';
export type { Quantity, UnitSpec, ParseUnitOptions } from './units';
export { TRANSIENT_EXPERIMENTS } from './types';
export type {
  Transient,
  TransientExperiment,
  TransientMetadata,
  TransientFormat,
  TransientSource,
  TopspinFit,
  TopspinTransient,
  InputFile,
  SpectralRegionSource,
} from './types';
export { readSourceFile, decodeText } from './fileSource';
export type { SourceFile } from './fileSource';
export { makeTransient, transientMetadataFrom, withMetadata, parseExperiment } from './transient';
export type { TransientParts } from './transient';
export * from './delimited';
export {
  parseCt1t2Text,
  readCt1t2File,
  parseT1intsText,
  readT1intsFile,
  parseSuffixedNumber,
  experimentFromModel,
} from './topspin/relaxationModule';
export type { TopspinTextOptions } from './topspin/relaxationModule';
export { readTransientFile, detectTransientFormat } from './readTransientFile';
export type { ReadTransientOptions, ReadTransient } from './readTransientFile';
export * from './nist/readNistStrd';
export * from './nist/nistAccuracy';
export * from './processing';
export * from './bruker';
export * from './jcamp';
export * from './series';
export { importRelaxationData } from './importRelaxation';
export type { ImportKind, ImportResult, ImportOptions } from './importRelaxation';
export * from './impedance';
