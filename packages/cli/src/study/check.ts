/**
 * Checking a parsed config value by value: each helper names the config file and the dotted field
 * (`bpp.background.R1`) in its InputError, so a typo is found without reading the code.
 */
import { InputError } from '@relaxlab/core';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json | undefined };

const describe = (v: unknown): string =>
  Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : JSON.stringify(v);

export class ConfigChecker {
  constructor(readonly source: string) {}

  fail(field: string, reason: string, expected: string, found?: unknown): never {
    throw new InputError(reason, { source: this.source, field, expected, ...(found !== undefined && { found: describe(found) }) });
  }

  object(value: unknown, field: string, allowed: readonly string[]): JsonObject {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(field, 'not an object', 'an object { ... }', value);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(field ? `${field}.${key}` : key, 'unknown key', `one of ${allowed.join(', ')}`, key);
    }
    return value as JsonObject;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'not a text', 'a non-empty string', value);
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
      this.fail(field, 'unknown value', `one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  number(value: unknown, field: string, check: { min?: number; positive?: boolean; integer?: boolean } = {}): number {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (check.positive ? value > 0 : true) &&
      (check.min !== undefined ? value >= check.min : true) &&
      (check.integer ? Number.isInteger(value) : true);
    if (!ok) {
      const what = [
        check.integer ? 'an integer' : 'a finite number',
        check.positive ? '> 0' : '',
        check.min !== undefined ? `≥ ${check.min}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      this.fail(field, 'invalid number', what, value);
    }
    return value;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, 'not true or false', 'true or false', value);
    return value;
  }

  strings(value: unknown, field: string): string[] {
    if (!Array.isArray(value)) this.fail(field, 'not a list', 'an array of strings, e.g. ["*.csv"]', value);
    return value.map((v, i) => this.string(v, `${field}[${i}]`));
  }

  /** [low, high] with low < high (a temperature window, a ppm region in either order when `ordered` is false). */
  pair(value: unknown, field: string, ordered: boolean, positive = false): [number, number] {
    if (!Array.isArray(value) || value.length !== 2) this.fail(field, 'not a pair', ordered ? '[low, high]' : '[from, to]', value);
    const [a, b] = value.map((v, i) => this.number(v, `${field}[${i}]`, { positive }));
    if (ordered ? !(a < b) : a === b) this.fail(field, 'empty range', ordered ? 'low < high' : 'two different ends', value);
    return [a, b];
  }
}
