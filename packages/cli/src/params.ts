/**
 * Parsing of parameter options:
 *   --param NAME=VALUE            start value; the parameter varies
 *   --param NAME=VALUE:MIN:MAX    start value and bounds (MIN or MAX empty, inf or -inf: none)
 *   --param NAME=VALUE:fixed      held at VALUE
 *   --vary a,gamma  --fix M_inf   comma-separated names
 * Values are plain decimal numbers in SI units (seconds for time constants). Every problem is an
 * InputError naming the option and the parameter.
 */
import { InputError, TRANSIENT_MODEL_NAMES } from '@relaxlab/core';
import type { TransientModelName } from '@relaxlab/core';

export const PARAM_SYNTAX = 'NAME=VALUE, NAME=VALUE:MIN:MAX or NAME=VALUE:fixed';

export interface ParamOption {
  name: string;
  value: number;
  /** Lower bound, absent when none was given. */
  min?: number;
  /** Upper bound, absent when none was given. */
  max?: number;
  /** true for NAME=VALUE:fixed. */
  fixed: boolean;
  /** The option as written, for messages. */
  text: string;
}

/** Same rule as the fitting engine's parameter names (letters incl. Greek, digits, _). */
const NAME = /^[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*$/;
const DECIMAL = /^[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const SOURCE = '--param';

function parseNumber(text: string, what: string, field: string): number {
  const t = text.trim();
  const v = DECIMAL.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v)) {
    throw new InputError(`${what} is not a number`, {
      source: SOURCE,
      field,
      expected: `${what === 'start value' ? 'a number such as 0.003 or 3e-3' : 'a number, or empty/inf for no bound'} (${PARAM_SYNTAX})`,
      found: JSON.stringify(text),
    });
  }
  return v;
}

function parseBound(text: string, which: 'min' | 'max', field: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (which === 'min' && ['-inf', '-infinity'].includes(t)) return undefined;
  if (which === 'max' && ['inf', '+inf', 'infinity', '+infinity'].includes(t)) return undefined;
  return parseNumber(text, which === 'min' ? 'lower bound' : 'upper bound', field);
}

/** One --param value. */
export function parseParam(text: string): ParamOption {
  const eq = text.indexOf('=');
  if (eq < 0) {
    throw new InputError('missing "="', {
      source: SOURCE,
      field: text.trim() || '(empty)',
      expected: PARAM_SYNTAX,
      found: JSON.stringify(text),
    });
  }
  const name = text.slice(0, eq).trim();
  if (!NAME.test(name)) {
    throw new InputError('invalid parameter name', {
      source: SOURCE,
      field: name || '(empty)',
      expected: `a letter or _ followed by letters, digits or _ (${PARAM_SYNTAX})`,
      found: JSON.stringify(text),
    });
  }
  const parts = text.slice(eq + 1).split(':');
  const value = parseNumber(parts[0], 'start value', name);
  if (parts.length === 2) {
    if (parts[1].trim().toLowerCase() !== 'fixed') {
      throw new InputError('malformed parameter', { source: SOURCE, field: name, expected: PARAM_SYNTAX, found: JSON.stringify(text) });
    }
    return { name, value, fixed: true, text };
  }
  if (parts.length === 1) return { name, value, fixed: false, text };
  if (parts.length !== 3) {
    throw new InputError('malformed parameter', { source: SOURCE, field: name, expected: PARAM_SYNTAX, found: JSON.stringify(text) });
  }
  const min = parseBound(parts[1], 'min', name);
  const max = parseBound(parts[2], 'max', name);
  if (min !== undefined && max !== undefined && !(min < max)) {
    throw new InputError(min === max ? 'lower bound equals upper bound' : 'lower bound is above upper bound', {
      source: SOURCE,
      field: name,
      expected: `MIN < MAX (to hold ${name} constant use ${name}=VALUE:fixed)`,
      found: `MIN = ${min}, MAX = ${max}`,
    });
  }
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new InputError('start value outside its bounds', {
      source: SOURCE,
      field: name,
      expected: `${min ?? '-inf'} <= VALUE <= ${max ?? 'inf'}`,
      found: `VALUE = ${value}`,
    });
  }
  return { name, value, fixed: false, text, ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
}

/** All --param values; a name given twice is an error. */
export function parseParams(texts: readonly string[]): ParamOption[] {
  const out: ParamOption[] = [];
  for (const text of texts) {
    const p = parseParam(text);
    const earlier = out.find((q) => q.name === p.name);
    if (earlier) {
      throw new InputError('parameter given twice', {
        source: SOURCE,
        field: p.name,
        expected: 'one --param per parameter',
        found: `${JSON.stringify(earlier.text)} and ${JSON.stringify(p.text)}`,
      });
    }
    out.push(p);
  }
  return out;
}

/** The names of repeated, comma-separated --vary / --fix options. */
export function parseNameList(texts: readonly string[], option: '--vary' | '--fix'): string[] {
  const names: string[] = [];
  for (const text of texts) {
    for (const raw of text.split(',')) {
      const name = raw.trim();
      if (!NAME.test(name)) {
        throw new InputError('invalid parameter name', {
          source: option,
          field: name || '(empty)',
          expected: 'comma-separated parameter names such as a,gamma',
          found: JSON.stringify(text),
        });
      }
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** Parameter options checked against each other (a name both varied and fixed is an error). */
export interface ParameterChoices {
  params: ParamOption[];
  vary: string[];
  fix: string[];
}

export function parameterChoices(
  paramTexts: readonly string[],
  varyTexts: readonly string[],
  fixTexts: readonly string[],
): ParameterChoices {
  const params = parseParams(paramTexts);
  const vary = parseNameList(varyTexts, '--vary');
  const fix = parseNameList(fixTexts, '--fix');
  for (const name of vary) {
    if (fix.includes(name)) {
      throw new InputError('parameter both varied and fixed', {
        source: '--vary',
        field: name,
        expected: `${name} in either --vary or --fix, not both`,
      });
    }
    const p = params.find((q) => q.name === name && q.fixed);
    if (p) {
      throw new InputError('parameter both varied and fixed', {
        source: '--vary',
        field: name,
        expected: `either --vary ${name} or --param ${p.text}, not both`,
      });
    }
  }
  return { params, vary, fix };
}

/** Throws unless every name is one of `known` (the model's or the expression's parameters). */
export function checkKnownNames(choices: ParameterChoices, known: readonly string[], what: string): void {
  const check = (name: string, source: string) => {
    if (!known.includes(name)) {
      throw new InputError(`unknown parameter for ${what}`, {
        source,
        field: name,
        expected: `one of ${known.join(', ')}`,
        found: JSON.stringify(name),
      });
    }
  };
  for (const p of choices.params) check(p.name, '--param');
  for (const name of choices.vary) check(name, '--vary');
  for (const name of choices.fix) check(name, '--fix');
}

/** `--model NAME`: one of the transient models (case and surrounding space ignored); `alternative` is named in the error. */
export function parseModelName(name: string, alternative?: string): TransientModelName {
  const found = TRANSIENT_MODEL_NAMES.find((m) => m === name.trim().toLowerCase());
  if (!found) {
    throw new InputError('unknown transient model', {
      field: '--model',
      expected: `one of ${TRANSIENT_MODEL_NAMES.join(', ')}${alternative ? ` (or ${alternative})` : ''}`,
      found: JSON.stringify(name),
    });
  }
  return found;
}
