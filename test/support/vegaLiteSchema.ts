/**
 * Validation against the Vega-Lite v5 JSON schema that ships in the vega-lite package.
 *
 * Compiling that schema with ajv takes seconds (6 s measured in a jest worker on the shared
 * machine), and a dozen test files validate specs: the compiled validator is written once as
 * standalone code to node_modules/.cache/relaxlab/, named by a hash of everything it is made
 * from (the schema, the formats module and its path, ajv's version and the options), and
 * required from there.
 */
import Ajv, { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';

type Validate = ((spec: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };

const FORMATS = join(__dirname, 'vegaLiteFormats.js');
// the schema is draft-07 and uses a few non-standard keywords; strict mode would reject them
const OPTIONS = { strict: false, allErrors: true };

function compiledValidator(): Validate {
  const schemaText = readFileSync(require.resolve('vega-lite/build/vega-lite-schema.json'), 'utf8');
  const key = createHash('sha256')
    .update(schemaText)
    .update(FORMATS)
    .update(readFileSync(FORMATS))
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ajv's version keys the cache: its package.json, read as jest reads it
    .update(JSON.stringify({ ajv: require('ajv/package.json').version, OPTIONS }))
    .digest('hex')
    .slice(0, 16);
  const cache = join(__dirname, '..', '..', 'node_modules', '.cache', 'relaxlab');
  const file = join(cache, `vega-lite-validate-${key}.js`);
  if (!existsSync(file)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same CommonJS file the generated validator requires
    const formats = require(FORMATS) as Record<string, RegExp | ((text: string) => boolean)>;
    const ajv = new Ajv({ ...OPTIONS, code: { source: true, formats: _`require(${FORMATS})` } });
    for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
    const code = standaloneCode(ajv, ajv.compile(JSON.parse(schemaText)));
    mkdirSync(cache, { recursive: true });
    // written under a temporary name and renamed: test files compiling it at once never read half a file
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the validator generated above, a path known only at run time
  return require(file) as Validate;
}

const validate = compiledValidator();

/** Schema errors as text (empty when the spec is valid Vega-Lite v5). */
export function vegaLiteSchemaErrors(spec: unknown): string {
  if (validate(spec)) return '';
  return (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath} ${e.message}`)
    .join('\n');
}
