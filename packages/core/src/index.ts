/** @relaxlab/core — pure numerics for NMR relaxation analysis (no Node or DOM APIs). */
export * from './errors';
export * from './version';
export * from './schema';
export * from './fit';
export * from './relaxation';
export * from './physics';
export * from './arrhenius';
export * from './spectral';
export * from './narrowing';
export * from './impedance';
export * from './transport';
export * from './result';
