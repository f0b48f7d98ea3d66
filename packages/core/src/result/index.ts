export { RESULT_SCHEMA, READABLE_SCHEMAS, RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME } from './schema';
export type { ResultSchema } from './schema';
export type { JonscherIsotherms, DataTable, ImpedanceFilePayload, ArrheniusTablePayload, DataTablePayload, AnalysisResult, ResultPayload } from './payload';
export { migrateResult, migrateBundle } from './migrate';
