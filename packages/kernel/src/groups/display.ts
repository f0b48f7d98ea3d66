/**
 * rl.display: what show() sends and where it goes, for other front ends and tests — the MIME
 * bundle of a result (at the current schema, RESULT_SCHEMA; older results are migrated first), the
 * MIME types, and the sink that receives display_data.
 */
export { RESULT_SCHEMA, RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME, migrateResult } from '@relaxlab/core';
export type { ResultSchema } from '@relaxlab/core';
export { mimeBundle } from '../mime';
export { publishDisplayData, setDisplaySink, canDisplayRich } from '../display';
export type { MimeBundle, DisplayContent, DisplaySink } from '../display';
