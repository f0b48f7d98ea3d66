/**
 * Values with standard errors for the transport relations, and first-order propagation
 * (JCGM 100:2008 "GUM", §5.1, uncorrelated inputs unless a correlation is given):
 * for f = C·Π x_i^(e_i),  (σ_f / f)² = Σ (e_i·σ_i / x_i)².
 * Valid while the relative errors are small (≲ 10–20 %); beyond that, prefer Monte Carlo.
 */
import { InputError } from '../errors';
import type { Estimate } from '../arrhenius/types';

/** A bare number (no uncertainty) or a value ± stderr. */
export type EstimateInput = number | Estimate;

/** An input as an Estimate, checked: finite value (positive unless allowed otherwise), stderr ≥ 0 or null. */
export function toEstimate(input: EstimateInput, field: string, source: string, options: { positive?: boolean } = {}): Estimate {
  const e: Estimate = typeof input === 'number' ? { value: input, stderr: null } : input;
  if (e === null || typeof e !== 'object' || typeof e.value !== 'number') {
    throw new InputError('missing value', { field, expected: 'a number or { value, stderr }', found: JSON.stringify(input), source });
  }
  const positive = options.positive ?? true;
  if (!Number.isFinite(e.value) || (positive && e.value <= 0)) {
    throw new InputError(positive ? 'must be positive and finite' : 'must be finite', {
      field,
      expected: positive ? 'a finite value > 0' : 'a finite value',
      found: String(e.value),
      source,
    });
  }
  const stderr = e.stderr ?? null;
  if (stderr !== null && (typeof stderr !== 'number' || !Number.isFinite(stderr) || stderr < 0)) {
    throw new InputError('invalid standard error', {
      field: `${field}.stderr`,
      expected: 'a finite number ≥ 0 or null',
      found: String(stderr),
      source,
    });
  }
  return { value: e.value, stderr };
}

/**
 * C·Π x_i^(e_i) with its propagated standard error. Inputs without a stderr (null) count as exact;
 * the result's stderr is null only when no input had one.
 */
export function productOfPowers(constant: number, terms: ReadonlyArray<readonly [Estimate, number]>): Estimate {
  let value = constant;
  let relVariance = 0;
  let anyStderr = false;
  for (const [x, exponent] of terms) {
    value *= Math.pow(x.value, exponent);
    if (x.stderr !== null) {
      anyStderr = true;
      relVariance += ((exponent * x.stderr) / x.value) ** 2;
    }
  }
  return { value, stderr: anyStderr ? Math.abs(value) * Math.sqrt(relVariance) : null };
}
