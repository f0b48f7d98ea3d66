/** Building `Transient` objects and reading their metadata from `# key: value` pairs. */
import { InputError, RESULT_SCHEMA, TRANSIENT_EXPERIMENTS } from '@relaxlab/core';
import type { TransientExperiment } from '@relaxlab/core';
import { DECIMAL } from './decimal';
import { parseUnit, Quantity } from './units';
import { Transient, TransientMetadata, TransientSource } from './types';

export interface TransientParts extends TransientMetadata {
  delay_s: number[];
  signal: number[];
  sigma?: number[];
  source: TransientSource;
}

/** The object without its undefined-valued keys, which JSON would drop (so it round-trips unchanged). */
export function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function makeTransient(parts: TransientParts): Transient {
  return { schema: RESULT_SCHEMA, kind: 'Transient', ...withoutUndefined(parts) };
}

export function parseExperiment(value: string, at: { source?: string; field: string }): TransientExperiment {
  const found = TRANSIENT_EXPERIMENTS.find((e) => e.toLowerCase() === value.trim().toLowerCase());
  if (found) return found;
  throw new InputError('unknown experiment', {
    ...at,
    expected: `one of ${TRANSIENT_EXPERIMENTS.join(', ')}`,
    found: JSON.stringify(value),
  });
}

function parseNumber(text: string, at: { source?: string; field: string }): number {
  if (!DECIMAL.test(text.trim())) {
    throw new InputError('not a number', { ...at, expected: 'a number', found: JSON.stringify(text) });
  }
  return Number(text.trim());
}

interface MetaQuantity {
  /** Key without unit: 'temperature'. */
  base: string;
  /** Unit the result is in and the key suffix: 'K' for temperature_K. */
  unit: string;
  quantity: Quantity;
}

/**
 * `# temperature_K: 300` (number in the unit the key names) or `# temperature: 25 °C` (number and
 * unit, converted). A bare number under the unit-less key is refused: 25 could be °C or K.
 */
function metaQuantity(meta: Map<string, [string, string]>, q: MetaQuantity, source?: string): number | undefined {
  const withUnit = meta.get(`${q.base}_${q.unit}`.toLowerCase());
  if (withUnit) return parseNumber(withUnit[1], { source, field: `# ${withUnit[0]}` });
  const bare = meta.get(q.base);
  if (!bare) return undefined;
  const [key, text] = bare;
  const field = `# ${key}`;
  const m = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)([\s\S]*)$/.exec(text);
  const value = parseNumber(m?.[1] ?? text, { source, field });
  if (!m?.[2].trim()) {
    throw new InputError('missing unit', {
      source,
      field,
      expected: `a number with a unit, e.g. "${q.base}: 1 ${q.unit}"`,
      found: JSON.stringify(text),
    });
  }
  const spec = parseUnit(m[2], { field, source, hint: q.quantity });
  const target = parseUnit(q.unit, { field, source });
  if (spec.siUnit !== target.siUnit) {
    throw new InputError('wrong kind of unit', { source, field, expected: `a ${q.quantity} unit`, found: JSON.stringify(m[2]) });
  }
  return spec.toSI(value) / target.toSI(1);
}

/** Transient metadata from `# key: value` pairs (keys case-insensitive). */
export function transientMetadataFrom(record: Record<string, string>, options: { source?: string } = {}): TransientMetadata {
  const { source } = options;
  const meta = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), [k, v] as [string, string]]));
  const experiment = meta.get('experiment');
  return {
    experiment: experiment && parseExperiment(experiment[1], { source, field: `# ${experiment[0]}` }),
    nucleus: meta.get('nucleus')?.[1],
    larmor_MHz: metaQuantity(meta, { base: 'larmor', unit: 'MHz', quantity: 'frequency' }, source),
    spinlock_kHz: metaQuantity(meta, { base: 'spinlock', unit: 'kHz', quantity: 'frequency' }, source),
    temperature_K: metaQuantity(meta, { base: 'temperature', unit: 'K', quantity: 'temperature' }, source),
  };
}

/** The transient with the caller's metadata taking precedence over what the file said. */
export function withMetadata<T extends Transient>(transient: T, overrides: TransientMetadata): T {
  const { experiment, nucleus, larmor_MHz, spinlock_kHz, temperature_K } = overrides;
  return { ...transient, ...withoutUndefined({ experiment, nucleus, larmor_MHz, spinlock_kHz, temperature_K }) };
}
