/**
 * @relaxlab/core — pure numerics for NMR relaxation analysis (no Node or DOM APIs). Each folder's
 * index lists what callers use; the rest stays inside (docs/ARCHITECTURE.md).
 */
export { InputError, ExpressionError, isInputError } from './errors';
export type { InputErrorDetails } from './errors';
export { VERSION, SOFTWARE } from './version';
export { RESULT_SCHEMA, RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME } from './schema';
export type { ResultSchema } from './schema';
export * from './fit';
export * from './relaxation';
export * from './physics';
export * from './arrhenius';
export * from './spectral';
export * from './narrowing';
export * from './impedance';
export * from './transport';
export * from './md';
export * from './result';
export * from './inversion';
