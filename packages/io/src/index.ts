/**
 * @relaxlab/io: readers for RelaxLab (Node): every text parser of the browser entry
 * (@relaxlab/io/browser, browser.ts) plus the readers of files and folders.
 */
export * from './browser';
export { readSourceFile, decodeText } from './fileSource';
export type { SourceFile } from './fileSource';
export { readDelimitedFile } from './delimited/readDelimitedFile';
export { readCt1t2File, readT1intsFile } from './topspin/readRelaxationModuleFiles';
export { readTransientFile, detectTransientFormat } from './readTransientFile';
export type { ReadTransientOptions, ReadTransient } from './readTransientFile';
export * from './nist/readNistStrd';
export * from './nist/nistAccuracy';
export * from './processing';
export * from './bruker';
export * from './jcamp';
export * from './series';
export { importRelaxationData } from './importRelaxation';
export type { ImportFormat, ImportResult, ImportOptions } from './importRelaxation';
export { readImpedanceFile } from './impedance/readImpedanceFile';
