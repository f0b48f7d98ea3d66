/** Validation against the Vega-Lite v5 JSON schema that ships in the vega-lite package. */
import Ajv from 'ajv';
import { readFileSync } from 'fs';

const schema = JSON.parse(readFileSync(require.resolve('vega-lite/build/vega-lite-schema.json'), 'utf8'));
// the schema is draft-07 and uses a few non-standard keywords; strict mode would reject them
const ajv = new Ajv({ strict: false, allErrors: true });
// the string formats the schema uses (ajv knows none of them without ajv-formats)
ajv.addFormat('uri', (text: string) => /^[a-z][a-z0-9+.-]*:/i.test(text));
ajv.addFormat('uri-reference', (text: string) => !/\s/.test(text));
ajv.addFormat('color-hex', /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i);
const validate = ajv.compile(schema);

/** Schema errors as text (empty when the spec is valid Vega-Lite v5). */
export function vegaLiteSchemaErrors(spec: unknown): string {
  if (validate(spec)) return '';
  return (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath} ${e.message}`).join('\n');
}
