/** @relaxlab/core — pure numerics for NMR relaxation analysis (no Node or DOM APIs). */
export * from './errors';
export * from './version';
export * from './fit';
export * from './relaxation';
