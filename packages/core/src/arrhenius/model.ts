/**
 * The Arrhenius line and its continuous piecewise-linear generalisation, as VectorModels of
 * x = 1000/T (K⁻¹) with analytic Jacobians, parameterised directly in the physics
 * (activation energies in eV, kink temperatures in K) so the engine's covariance gives their
 * standard errors without further propagation.
 *
 * One segment:  log10 y = log10A + g·Ea·x,            g = ±SLOPE_PER_EV = ∓1/(1000·kB·ln10)
 * K segments (kinks T_1 < … < T_{K−1}, b_k = 1000/T_k, so b_1 > b_2 > …; segment 1 is the lowest T):
 *   log10 y = c + m_1·(max(x, b_1) − b_1) + Σ_{k=2..K} m_k·(clamp(x, b_k, b_{k−1}) − b_{k−1}),
 *   m_k = g·Ea_k, b_K = −∞, c = log10 y at the first kink.
 * This is the broken-line (hinge) model of segmented regression with the break points as ordinary
 * nonlinear parameters (Muggeo, Stat. Med. 22, 3055 (2003)); it is continuous by construction,
 * which is what a change of conduction regime at one temperature implies.
 */
import type { VectorModel } from '../fit/types';
import { SLOPE_PER_EV } from './data';

/**
 * Parameter names of the model with `segments` pieces, in evaluation order: the symbol, the
 * 1-based number of the segment or kink, the unit (log10y_kink_1, Ea_1_eV … Ea_K_eV, Tkink_1_K …).
 */
export function segmentedParameterNames(segments: number): string[] {
  if (segments === 1) return ['log10A', 'Ea_eV'];
  const names = ['log10y_kink_1'];
  for (let k = 1; k <= segments; k++) names.push(segmentEnergyName(k));
  for (let k = 1; k < segments; k++) names.push(`Tkink_${k}_K`);
  return names;
}

/** The fitted activation energy of segment k (1-based, from the low-temperature end) of a segmented fit. */
export const segmentEnergyName = (k: number): string => `Ea_${k}_eV`;

/** How many segments a parameter set describes (inverse of segmentedParameterNames). */
export function segmentsOf(names: readonly string[]): number {
  return names.includes('log10A') ? 1 : names.filter((n) => /^Ea_\d+_eV$/.test(n)).length;
}

/**
 * log10 y at x = 1000/T for parameters in the order of segmentedParameterNames; when `jac` is
 * given, ∂/∂p_j is written to jac[j] (j in the same order).
 */
export function segmentedValue(x: number, p: ArrayLike<number>, segments: number, sign: 1 | -1, jac?: Float64Array): number {
  const g = sign * SLOPE_PER_EV;
  if (segments === 1) {
    if (jac) {
      jac[0] = 1;
      jac[1] = g * x;
    }
    return p[0] + g * p[1] * x;
  }
  // p = [c, Ea_1 … Ea_K, T_1 … T_{K−1}]; b_k = 1000/T_k = p[K + k]
  const K = segments;
  const b1 = 1000 / p[K + 1];
  const first = Math.max(x, b1) - b1;
  let y = p[0] + g * p[1] * first;
  if (jac) {
    jac[0] = 1;
    jac[1] = g * first;
  }
  for (let k = 2; k <= K; k++) {
    const hi = 1000 / p[K + k - 1];
    const lo = k < K ? 1000 / p[K + k] : -Infinity;
    const part = Math.min(Math.max(x, lo), hi) - hi;
    y += g * p[k] * part;
    if (jac) jac[k] = g * part;
  }
  if (jac) {
    // ∂y/∂b_1 = −m_1 (x ≥ b_1) or −m_2; ∂y/∂b_k = m_k − m_{k+1} for x < b_k (k ≥ 2); ∂b/∂T = −1000/T²
    for (let k = 1; k < K; k++) {
      const T = p[K + k];
      const bk = 1000 / T;
      const dydb = k === 1 ? (x >= bk ? -g * p[1] : -g * p[2]) : x < bk ? g * (p[k] - p[k + 1]) : 0;
      jac[K + k] = dydb * (-1000 / (T * T));
    }
  }
  return y;
}

const FORMULA_1 = 'log10(y) = log10A ∓ Ea_eV·(1000/T)/(1000·kB·ln10)';

/** The piecewise model as a VectorModel for curveFit. */
export function segmentedModel(segments: number, sign: 1 | -1): VectorModel {
  const names = segmentedParameterNames(segments);
  const np = names.length;
  const units: Record<string, string> = {};
  for (const name of names) units[name] = name.endsWith('_eV') ? 'eV' : name.endsWith('_K') ? 'K' : 'log10';
  const row = new Float64Array(np);
  return {
    name: segments === 1 ? 'arrhenius' : `arrhenius-${segments}-segments`,
    formula:
      segments === 1
        ? FORMULA_1
        : `continuous ${segments}-segment broken line in 1000/T: Ea_1_eV below Tkink_1_K … Ea_${segments}_eV above Tkink_${segments - 1}_K`,
    parameterNames: names,
    units,
    evaluate(x, p, out) {
      for (let i = 0; i < x.length; i++) out[i] = segmentedValue(x[i], p, segments, sign);
    },
    jacobian(x, p, out, jac) {
      const n = x.length;
      for (let i = 0; i < n; i++) {
        out[i] = segmentedValue(x[i], p, segments, sign, row);
        for (let j = 0; j < np; j++) jac[j * n + i] = row[j];
      }
    },
  };
}
