/**
 * Arrhenius data checked and put on the plot's axes: x = 1000/T (K⁻¹), y = log10(value), with
 * σ_log10 = σ/(value·ln10) (first-order propagation through the logarithm).
 */
import { TEMPERATURE_EXPECTED, temperatureProblem } from '../physics/temperature';
import { InputError } from '../errors';
import { BOLTZMANN_eV_per_K } from '../physics/constants';
import type { ArrheniusData, ArrheniusInputPoints, ArrheniusQuantity, Estimate } from './types';

export const QUANTITIES: readonly ArrheniusQuantity[] = ['rate', 'sigmaT', 'tau', 'diffusion'];

/** The unit of each quantity (and of the prefactor A of its line): rates in s⁻¹, σT in S K/cm, τ in s, D in m²/s. */
export const QUANTITY_UNITS: Readonly<Record<ArrheniusQuantity, string>> = { rate: 's⁻¹', sigmaT: 'S K/cm', tau: 's', diffusion: 'm²/s' };

/** How each quantity is named on axes and in tables. */
export const QUANTITY_SYMBOLS: Readonly<Record<ArrheniusQuantity, string>> = { rate: 'rate', sigmaT: 'σT', tau: 'τ', diffusion: 'D' };

/**
 * +1 when the quantity rises with temperature (y = A·exp(−Ea/kBT)), −1 when it falls (τ).
 * The slope of log10(y) vs 1000/T is then m = −sign·Ea/(1000·kB·ln10), Ea in eV.
 */
export function arrheniusSign(quantity: ArrheniusQuantity): 1 | -1 {
  return quantity === 'tau' ? -1 : 1;
}

/** d log10(y) / d(1000/T) per eV of activation energy, for a rising quantity: −1/(1000·kB·ln10). */
export const SLOPE_PER_EV = -1 / (1000 * BOLTZMANN_eV_per_K * Math.LN10);

/** Points on the Arrhenius axes, sorted by temperature, inside the window. */
export interface ArrheniusPoints {
  quantity: ArrheniusQuantity;
  temperature_K: number[];
  /** 1000/T in K⁻¹. */
  x: number[];
  /** log10(value). */
  y: number[];
  /** σ of log10(value), when σ was given. */
  sigma?: number[];
  window_K: [number, number];
  source: string;
}

function lengthOf(a: unknown, field: string, source: string): number {
  if (a === null || a === undefined || typeof (a as ArrayLike<number>).length !== 'number') {
    throw new InputError('missing', { field, expected: 'an array of numbers', found: String(a), source });
  }
  return (a as ArrayLike<number>).length;
}

/** Validates `data` (and the window) and returns the points inside the window, sorted by T. */
export function arrheniusPoints(
  data: ArrheniusData,
  options: { window_K?: [number, number]; source?: string; minPoints: number; what: string },
): ArrheniusPoints {
  const source = options.source ?? options.what;
  if (data === null || typeof data !== 'object') {
    throw new InputError('no data given', { field: 'data', expected: '{ temperature_K, value, sigma?, quantity? }', source });
  }
  const quantity = data.quantity ?? 'rate';
  if (!QUANTITIES.includes(quantity)) {
    throw new InputError('unknown quantity', {
      field: 'quantity',
      expected: `one of ${QUANTITIES.join(', ')}`,
      found: JSON.stringify(quantity),
      source,
    });
  }
  const n = lengthOf(data.temperature_K, 'temperature_K', source);
  const nv = lengthOf(data.value, 'value', source);
  if (nv !== n) {
    throw new InputError('length mismatch', { field: 'value', expected: `${n} values (one per temperature)`, found: `${nv}`, source });
  }
  if (data.sigma !== undefined && lengthOf(data.sigma, 'sigma', source) !== n) {
    throw new InputError('length mismatch', {
      field: 'sigma',
      expected: `${n} values (one per temperature)`,
      found: `${data.sigma.length}`,
      source,
    });
  }
  for (let i = 0; i < n; i++) {
    const t = data.temperature_K[i];
    if (temperatureProblem(t)) {
      throw new InputError('temperature must be a finite absolute temperature', {
        field: `temperature_K[${i}]`,
        expected: `${TEMPERATURE_EXPECTED} (convert °C with celsiusToKelvin)`,
        found: String(t),
        source,
      });
    }
    const v = data.value[i];
    if (!Number.isFinite(v) || v <= 0) {
      throw new InputError('value must be positive and finite on a log scale', {
        field: `value[${i}]`,
        expected: `a finite ${quantity} > 0`,
        found: String(v),
        source,
      });
    }
    if (data.sigma) {
      const s = data.sigma[i];
      if (!Number.isFinite(s) || s <= 0) {
        throw new InputError('uncertainty must be positive and finite', {
          field: `sigma[${i}]`,
          expected: 'σ > 0',
          found: String(s),
          source,
        });
      }
    }
  }
  const window = checkWindow(options.window_K, source);
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => !window || (data.temperature_K[i] >= window[0] && data.temperature_K[i] <= window[1]))
    .sort((a, b) => data.temperature_K[a] - data.temperature_K[b]);
  if (order.length < options.minPoints) {
    const where = window ? `in the window ${window[0]}–${window[1]} K` : 'in the data';
    throw new InputError(`too few points ${where} for ${options.what}`, {
      field: window ? 'window_K' : 'temperature_K',
      expected: `at least ${options.minPoints} points`,
      found: `${order.length}`,
      source,
    });
  }
  const temperature_K = order.map((i) => data.temperature_K[i]);
  const distinct = new Set(temperature_K).size;
  if (options.minPoints >= 2 && distinct < 2) {
    // a line in 1000/T needs two abscissae: at one temperature the slope (Ea) is 0/0 (issue 17,
    // case 5: rows all at 300 K ended as "log10A start value is not finite")
    throw new InputError(`all points at one temperature, too few for ${options.what}`, {
      field: 'temperature_K',
      expected: 'points at 2 or more distinct temperatures',
      found: `${order.length} points at ${temperature_K[0]} K`,
      source,
    });
  }
  const points: ArrheniusPoints = {
    quantity,
    temperature_K,
    x: temperature_K.map((t) => 1000 / t),
    y: order.map((i) => Math.log10(data.value[i])),
    window_K: window ?? [temperature_K[0], temperature_K[temperature_K.length - 1]],
    source,
  };
  if (data.sigma) {
    const s = data.sigma;
    points.sigma = order.map((i) => s[i] / (data.value[i] * Math.LN10));
  }
  return points;
}

function checkWindow(window: [number, number] | undefined, source: string): [number, number] | undefined {
  if (window === undefined) return undefined;
  if (
    !Array.isArray(window) ||
    window.length !== 2 ||
    !window.every((t) => typeof t === 'number' && Number.isFinite(t) && t > 0) ||
    window[0] >= window[1]
  ) {
    throw new InputError('invalid temperature window', {
      field: 'window_K',
      expected: '[Tmin, Tmax] in K with 0 < Tmin < Tmax',
      found: JSON.stringify(window),
      source,
    });
  }
  return [window[0], window[1]];
}

/** Ea in eV and the same in kJ/mol (stderr scales with the same factor). */
export function energyEstimates(ea: Estimate, kJPerMolPerEv: number): { eV: Estimate; kJ: Estimate } {
  return {
    eV: ea,
    kJ: { value: ea.value * kJPerMolPerEv, stderr: ea.stderr === null ? null : ea.stderr * kJPerMolPerEv },
  };
}

/** The input as plain arrays (JSON-safe), kept on results; call after arrheniusPoints has checked it. */
export function inputPoints(data: ArrheniusData): ArrheniusInputPoints {
  return {
    temperature_K: Array.from(data.temperature_K),
    value: Array.from(data.value),
    ...(data.sigma && { sigma: Array.from(data.sigma) }),
  };
}
