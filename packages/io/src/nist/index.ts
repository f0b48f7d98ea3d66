/**
 * @relaxlab/io/nist: NIST StRD nonlinear-regression problems (the reference data of the engine's
 * accuracy test and benchmark) and their accuracy measured as NIST does; not a data format of
 * an NMR study, so not in the main entry.
 */
export { parseNistStrd, readNistStrd } from './readNistStrd';
export type { NistProblem } from './readNistStrd';
export { fitNistProblem, logRelativeError, nistAccuracy, nistResponse, LRE_CAP } from './nistAccuracy';
export type { NistAccuracy } from './nistAccuracy';
