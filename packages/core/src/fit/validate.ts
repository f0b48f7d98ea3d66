/** Input checks for curveFit: every problem becomes an InputError naming the field. */
import { InputError } from '../errors';
import type { Columns } from './boundModel';
import type { ParamsInput } from './types';

export interface ParamSpec {
  names: string[];
  start: Float64Array;
  vary: boolean[];
  lower: Float64Array;
  upper: Float64Array;
  units: string[];
}

const NAME = /^[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*$/;

export function normalizeParams(params: ParamsInput, source: string): ParamSpec {
  if (params === null || typeof params !== 'object') {
    throw new InputError('parameters are missing', { field: 'params', expected: 'an object name → start value', source });
  }
  const names = Object.keys(params);
  if (names.length === 0) {
    throw new InputError('no parameters given', { field: 'params', expected: 'at least one parameter', source });
  }
  const n = names.length;
  const spec: ParamSpec = {
    names,
    start: new Float64Array(n),
    vary: [],
    lower: new Float64Array(n),
    upper: new Float64Array(n),
    units: [],
  };
  names.forEach((name, j) => {
    const field = `params.${name}`;
    if (!NAME.test(name)) {
      throw new InputError('invalid parameter name', { field, expected: 'a letter or _ followed by letters, digits or _', source });
    }
    const raw = params[name];
    const p = typeof raw === 'number' ? { value: raw } : raw;
    if (p === null || typeof p !== 'object' || typeof p.value !== 'number') {
      throw new InputError('start value missing', {
        field,
        expected: 'a number or {value, min?, max?, vary?}',
        found: JSON.stringify(raw),
        source,
      });
    }
    if (!Number.isFinite(p.value)) {
      throw new InputError('start value is not finite', {
        field: `${field}.value`,
        expected: 'a finite number',
        found: String(p.value),
        source,
      });
    }
    const lo = p.min ?? -Infinity;
    const hi = p.max ?? Infinity;
    for (const [key, b] of [
      ['min', lo],
      ['max', hi],
    ] as const) {
      if (typeof b !== 'number' || Number.isNaN(b)) {
        throw new InputError('bound is not a number', {
          field: `${field}.${key}`,
          expected: 'a number, ±Infinity or null',
          found: String(b),
          source,
        });
      }
    }
    if (lo > hi) {
      throw new InputError('lower bound is above upper bound', {
        field,
        expected: 'min <= max',
        found: `min = ${lo}, max = ${hi}`,
        source,
      });
    }
    if (p.value < lo || p.value > hi) {
      throw new InputError('start value outside its bounds', {
        field,
        expected: `${lo} <= value <= ${hi}`,
        found: String(p.value),
        source,
      });
    }
    const vary = p.vary ?? true;
    if (vary && lo === hi) {
      throw new InputError('min equals max for a varied parameter', {
        field,
        expected: 'min < max, or vary: false to fix it',
        found: `min = max = ${lo}`,
        source,
      });
    }
    spec.start[j] = p.value;
    spec.vary.push(vary);
    spec.lower[j] = lo;
    spec.upper[j] = hi;
    spec.units.push(p.unit ?? '');
  });
  return spec;
}

/** A finite numeric array, copied into a Float64Array. */
export function finiteArray(values: ArrayLike<number> | undefined, field: string, source: string): Float64Array {
  if (values === undefined || values === null || typeof values.length !== 'number') {
    throw new InputError('array is missing', { field, expected: 'an array of numbers', source });
  }
  const n = values.length;
  if (n === 0) throw new InputError('array is empty', { field, expected: 'at least one value', source });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError('value is not a finite number', {
        field: `${field}[${i}]`,
        expected: 'a finite number',
        found: String(v),
        source,
      });
    }
    out[i] = v;
  }
  return out;
}

/** Weights 1/σ_i from standard deviations, each of which must be positive. */
export function weightsFromSigma(sigma: Float64Array, source: string): Float64Array {
  return sigma.map((s, i) => {
    if (!(s > 0))
      throw new InputError('standard deviation must be positive', {
        field: `sigma[${i}]`,
        expected: 'a positive number',
        found: String(s),
        source,
      });
    return 1 / s;
  });
}

export interface FitData {
  columns: Columns;
  variables: string[];
  y: Float64Array;
  /** 1/σ_i (all ones without σ). */
  weights: Float64Array;
  sigma?: Float64Array;
}

export function normalizeData(
  x: ArrayLike<number> | Record<string, ArrayLike<number>>,
  y: ArrayLike<number>,
  sigma: ArrayLike<number> | undefined,
  source: string,
): FitData {
  const yArr = finiteArray(y, 'y', source);
  const n = yArr.length;
  const columns: Columns = {};
  let variables: string[];
  if (x !== null && typeof x === 'object' && typeof (x as ArrayLike<number>).length !== 'number') {
    variables = Object.keys(x);
    if (variables.length === 0)
      throw new InputError('no independent variable given', { field: 'x', expected: 'an array, or columns by variable name', source });
    for (const v of variables) columns[v] = finiteArray((x as Record<string, ArrayLike<number>>)[v], `x.${v}`, source);
  } else {
    variables = ['x'];
    columns.x = finiteArray(x as ArrayLike<number>, 'x', source);
  }
  for (const v of variables) {
    if (columns[v].length !== n) {
      throw new InputError('x and y differ in length', {
        field: variables.length > 1 ? `x.${v}` : 'x',
        expected: `${n} values (as y)`,
        found: `${columns[v].length}`,
        source,
      });
    }
  }
  let weights: Float64Array = new Float64Array(n).fill(1);
  let sig: Float64Array | undefined;
  if (sigma !== undefined && sigma !== null) {
    sig = finiteArray(sigma, 'sigma', source);
    if (sig.length !== n)
      throw new InputError('sigma and y differ in length', {
        field: 'sigma',
        expected: `${n} values (as y)`,
        found: `${sig.length}`,
        source,
      });
    weights = weightsFromSigma(sig, source);
  }
  return { columns, variables, y: yArr, weights, sigma: sig };
}

/**
 * Data whose weighted values lie outside 1e±100 in magnitude cannot be fitted in double precision:
 * χ² = Σ w²(f − y)² underflows to 0 (1e-301 signals gave "residuals are zero (exact fit)" with
 * the wrong T1) or overflows to Infinity (1e300). A typed error asks for a rescaled signal
 * instead of a clean-looking number; 1e±100 leaves χ² of n ≤ 1e8 points representable.
 */
export function checkDataScale(y: ArrayLike<number>, weights: ArrayLike<number> | undefined, field: string, source: string): void {
  let max = 0;
  for (let i = 0; i < y.length; i++) max = Math.max(max, Math.abs(y[i] * (weights ? weights[i] : 1)));
  if (max === 0) return; // an all-zero signal: constant data (constantDataReason flags it for a transient)
  if (max < DATA_SCALE_MIN || max > DATA_SCALE_MAX) {
    throw new InputError('values out of the range a fit can represent', {
      field,
      expected: `largest |value${weights ? '/σ' : ''}| between ${DATA_SCALE_MIN} and ${DATA_SCALE_MAX} (rescale the data)`,
      found: `${max.toPrecision(3)}`,
      source,
    });
  }
}
export const DATA_SCALE_MIN = 1e-100;
export const DATA_SCALE_MAX = 1e100;

/**
 * Why a finished fit says nothing, or undefined when it may: a χ² or parameter that is not finite.
 * (Constant data are not degenerate in general — a residual function fitted to zeros, as in the
 * MGH problems, determines its parameters — but they are for a transient: constantDataReason.)
 */
export function fitDegeneracy(chiSquare: number, values: ArrayLike<number>, names: readonly string[]): string | undefined {
  if (!Number.isFinite(chiSquare)) return `chi-square is not finite (${chiSquare}): the result is meaningless`;
  for (let j = 0; j < values.length; j++) if (!Number.isFinite(values[j])) return `${names[j]} is not finite (${values[j]})`;
  return undefined;
}

/**
 * A transient whose signal does not change (max − min ≤ 1e-12 of its magnitude) carries no
 * information on its relaxation time: an all-constant recovery "converged" to T1 = 27 µs, below its
 * first delay. Undefined when the signal varies.
 */
export function constantDataReason(y: ArrayLike<number>): string | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < y.length; i++) {
    lo = Math.min(lo, y[i]);
    hi = Math.max(hi, y[i]);
  }
  if (y.length > 0 && hi - lo <= 1e-12 * Math.max(Math.abs(hi), Math.abs(lo))) {
    return 'the data are constant: they carry no information on any parameter beyond a level';
  }
  return undefined;
}
