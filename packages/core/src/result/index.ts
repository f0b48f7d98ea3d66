/** The result format: the payload types of a notebook output and the migration of results saved under an older schema (the schema itself: ../schema.ts). */
export type {
  JonscherIsotherms,
  DataTable,
  ImpedanceFileView,
  ArrheniusTableView,
  DataTableView,
  AnalysisResult,
  ResultPayload,
} from './payload';
export { migrateResult, migrateBundle } from './migrate';
