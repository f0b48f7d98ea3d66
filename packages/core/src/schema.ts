/**
 * The result format every face writes and reads, defined once: the schema version each result
 * object carries, and the MIME types of a notebook output (the kernel sends them, the JupyterLab
 * renderer reads them, the study and the tests check them). Results of an older schema are
 * brought to this one by migrateResult (result/migrate.ts).
 */

/**
 * relaxlab/2: results keep their input points (Arrhenius fits, joint BPP and line-narrowing fits),
 * segmented fits carry Davies' kink test, flanks their straightness, line-narrowing fits Abragam's
 * α, and a rate analysis holds the Arrhenius lines of each series (RateArrheniusResult); every
 * `kind` is the name of its result's type, and fitted parameters and fields carry their unit in
 * their name (Ea_eV, log10tau0_s, peakRate_per_s; result/renamed.ts lists what changed).
 * `as const` keeps the type 'relaxlab/2' inside object literals (`{ schema: RESULT_SCHEMA }`), where
 * a plain literal would widen to string.
 */
export const RESULT_SCHEMA = 'relaxlab/2' as const;
export type ResultSchema = typeof RESULT_SCHEMA;

/** The schemas migrateResult reads. */
export const READABLE_SCHEMAS: readonly string[] = ['relaxlab/1', RESULT_SCHEMA];

/** A RelaxLab result as a notebook output: a JSON object with `kind` (the JupyterLab plugin renders it). */
export const RELAXLAB_RESULT_MIME = 'application/vnd.relaxlab.result+json';
/** Vega-Lite v5 charts, which JupyterLab renders natively. */
export const VEGALITE_V5_MIME = 'application/vnd.vegalite.v5+json';
