/**
 * Profiling the broken-line model over its kink temperatures. With the kinks held fixed the model
 * is linear in the level c and the energies Ea_k, so χ²(kinks) = min over (c, Ea) is one small
 * weighted linear least-squares solve. That gives
 * - the start for the joint LM refinement: the best kinks on a grid (a grid search alone would
 *   leave the kink without an uncertainty), and
 * - profile-likelihood confidence intervals for each kink (below), which stay honest when the χ²
 *   surface in the kink is flat or skewed and ±1.96σ from the covariance is not.
 */
import { fDistributionSurvival } from '../fit/distributions';
import { segmentedValue } from './model';

export interface ProfileProblem {
  /** Temperatures in K, ascending. */
  temperature_K: number[];
  /** 1000/T, in the same order (descending). */
  x: number[];
  /** log10 y. */
  y: number[];
  /** Weights 1/σ² (1 when unweighted). */
  w: number[];
  sign: 1 | -1;
  segments: number;
  /** Smallest number of points per segment. */
  minPoints: number;
}

export interface LinearSolution {
  chiSquare: number;
  /** [c, Ea_1 … Ea_K] */
  coefficients: number[];
}

/** Points per segment for the given kinks (T ≤ T_1 is segment 1, T_{k−1} < T ≤ T_k segment k). */
export function segmentCounts(temperature_K: readonly number[], kinks_K: readonly number[]): number[] {
  const counts = new Array<number>(kinks_K.length + 1).fill(0);
  for (const t of temperature_K) {
    let s = 0;
    while (s < kinks_K.length && t > kinks_K[s]) s++;
    counts[s]++;
  }
  return counts;
}

export function admissible(problem: ProfileProblem, kinks_K: readonly number[]): boolean {
  for (let k = 1; k < kinks_K.length; k++) if (!(kinks_K[k] > kinks_K[k - 1])) return false;
  return segmentCounts(problem.temperature_K, kinks_K).every((c) => c >= problem.minPoints);
}

/**
 * The interval of kink k (0-based) that keeps every segment at ≥ minPoints, with the
 * neighbouring kinks at `below` and `above` (undefined: none).
 */
export function kinkInterval(problem: ProfileProblem, below: number | undefined, above: number | undefined): [number, number] {
  const t = problem.temperature_K;
  const n = t.length;
  const m = problem.minPoints;
  const i0 = below === undefined ? 0 : t.filter((v) => v <= below).length;
  const i1 = above === undefined ? n : t.filter((v) => v <= above).length;
  const lo = i0 + m - 1 < n ? t[i0 + m - 1] : Infinity;
  // a kink exactly at a data temperature puts that point in the lower segment
  const hi = i1 - m >= 0 ? t[i1 - m] * (1 - 1e-12) : -Infinity;
  return [lo, hi];
}

/** The interval kink k may take when all other kinks are free (k lower segments and K−1−k upper ones must fit). */
export function globalKinkInterval(problem: ProfileProblem, k: number): [number, number] {
  const t = problem.temperature_K;
  const n = t.length;
  const m = problem.minPoints;
  const K = problem.segments;
  const lo = t[(k + 1) * m - 1];
  const hi = t[n - (K - 1 - k) * m] * (1 - 1e-12);
  return [lo, hi];
}

/** χ² and the linear parameters for fixed kinks: weighted normal equations, (K+1)², pivoted elimination. */
export function solveLinear(problem: ProfileProblem, kinks_K: readonly number[]): LinearSolution {
  const K = problem.segments;
  const np = K + 1;
  const p = new Float64Array(2 * K);
  for (let k = 0; k < kinks_K.length; k++) p[K + 1 + k] = kinks_K[k];
  const n = problem.x.length;
  // the model is linear in [c, Ea_1 … Ea_K] for fixed kinks: its design rows are the Jacobian columns
  const rows = new Float64Array(n * np);
  const row = new Float64Array(2 * K);
  const a = new Float64Array(np * np);
  const rhs = new Float64Array(np);
  for (let i = 0; i < n; i++) {
    segmentedValue(problem.x[i], p, K, problem.sign, row);
    const w = problem.w[i];
    for (let r = 0; r < np; r++) {
      rows[i * np + r] = row[r];
      rhs[r] += w * row[r] * problem.y[i];
      for (let c = 0; c < np; c++) a[r * np + c] += w * row[r] * row[c];
    }
  }
  const coefficients = gaussSolve(a, rhs, np);
  let chiSquare = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let r = 0; r < np; r++) f += rows[i * np + r] * coefficients[r];
    const res = problem.y[i] - f;
    chiSquare += problem.w[i] * res * res;
  }
  return { chiSquare: Number.isFinite(chiSquare) ? chiSquare : Infinity, coefficients };
}

function gaussSolve(a: Float64Array, b: Float64Array, n: number): number[] {
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[piv * n + col])) piv = r;
    if (piv !== col) {
      for (let c = 0; c < n; c++) [a[col * n + c], a[piv * n + c]] = [a[piv * n + c], a[col * n + c]];
      [b[col], b[piv]] = [b[piv], b[col]];
    }
    const d = a[col * n + col];
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col] / d;
      for (let c = col; c < n; c++) a[r * n + c] -= f * a[col * n + c];
      b[r] -= f * b[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < n; c++) s -= a[r * n + c] * x[c];
    x[r] = s / a[r * n + r];
  }
  return x;
}

/** Kink candidates: evenly spaced in 1000/T over the data range (the axis the model is linear in). */
function grid(problem: ProfileProblem, count: number, range?: [number, number]): number[] {
  const t = problem.temperature_K;
  const [lo, hi] = range ?? [t[0], t[t.length - 1]];
  if (!(hi > lo)) return lo === hi ? [lo] : [];
  const x0 = 1000 / hi;
  const x1 = 1000 / lo;
  return Array.from({ length: count }, (_, i) => 1000 / (x1 - ((x1 - x0) * i) / (count - 1)));
}

/** The best admissible kinks on a grid (all combinations for two kinks): the start of the joint fit. */
export function gridSearch(problem: ProfileProblem): { kinks_K: number[]; chiSquare: number } | undefined {
  const K = problem.segments;
  let best: { kinks_K: number[]; chiSquare: number } | undefined;
  const consider = (kinks: number[]) => {
    if (!admissible(problem, kinks)) return;
    const { chiSquare } = solveLinear(problem, kinks);
    if (!best || chiSquare < best.chiSquare) best = { kinks_K: kinks, chiSquare };
  };
  if (K === 2) for (const t of grid(problem, 400)) consider([t]);
  else if (K === 3) {
    const g = grid(problem, 60);
    for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) consider([g[a], g[b]]);
  }
  return best;
}

/**
 * Profile χ² of kink k at temperature T: the other kink (three segments) re-optimised by a grid
 * over its admissible interval and a golden-section refinement.
 */
export function profileChiSquare(problem: ProfileProblem, k: number, T: number): number {
  if (problem.segments === 2) return admissible(problem, [T]) ? solveLinear(problem, [T]).chiSquare : Infinity;
  const other = k === 0 ? 1 : 0;
  const range = other === 1 ? kinkInterval(problem, T, undefined) : kinkInterval(problem, undefined, T);
  if (!(range[1] >= range[0])) return Infinity;
  const kinksWith = (u: number) => (other === 1 ? [T, u] : [u, T]);
  const chi = (u: number) => (admissible(problem, kinksWith(u)) ? solveLinear(problem, kinksWith(u)).chiSquare : Infinity);
  const candidates = grid(problem, 40, range);
  let iBest = 0;
  let best = Infinity;
  candidates.forEach((u, i) => {
    const c = chi(u);
    if (c < best) [best, iBest] = [c, i];
  });
  if (!Number.isFinite(best)) return Infinity;
  let a = candidates[Math.max(0, iBest - 1)];
  let b = candidates[Math.min(candidates.length - 1, iBest + 1)];
  // golden-section search, one new evaluation per step, to 1e-4 of the bracket
  const phi = (Math.sqrt(5) - 1) / 2;
  const tol = 1e-4 * (b - a);
  let u1 = b - phi * (b - a);
  let u2 = a + phi * (b - a);
  let c1 = chi(u1);
  let c2 = chi(u2);
  while (b - a > tol) {
    if (c1 <= c2) {
      [b, u2, c2] = [u2, u1, c1];
      u1 = b - phi * (b - a);
      c1 = chi(u1);
    } else {
      [a, u1, c1] = [u1, u2, c2];
      u2 = a + phi * (b - a);
      c2 = chi(u2);
    }
  }
  return Math.min(best, c1, c2);
}

/** Upper 95 % point of F(1, ν) by bisection on the survival function. */
export function fQuantile95(dof: number): number {
  let lo = 0;
  let hi = 1e4;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (fDistributionSurvival(mid, 1, dof) > 0.05) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** χ²₁ upper 95 % point. */
export const CHI2_1_95 = 3.841458820694124;

/**
 * 95 % profile-likelihood interval of kink k: the temperatures where the profile χ² stays below
 *   χ²_min·(1 + F(1, n−p; 0.95)/(n−p))   (σ relative: scaled by the residual variance), or
 *   χ²_min + χ²₁(0.95)                  (σ absolute),
 * i.e. the set not rejected by the F (likelihood-ratio) test of the kink at that temperature
 * (Bates & Watts, Nonlinear Regression Analysis and Its Applications, Wiley 1988, §6.1;
 * Hinkley, Biometrika 56, 495 (1969) for the break point of two-phase regression).
 * `reachedEdge` says when the interval runs into the range the other segments leave it.
 */
export function profileInterval(
  problem: ProfileProblem,
  k: number,
  estimate_K: number,
  chiSquareMin: number,
  nvar: number,
  absoluteSigma: boolean,
): { ci95_K: [number, number]; reachedEdge: boolean } {
  const dof = problem.x.length - nvar;
  const threshold = absoluteSigma ? chiSquareMin + CHI2_1_95 : chiSquareMin * (1 + fQuantile95(Math.max(dof, 1)) / Math.max(dof, 1));
  const [lo, hi] = globalKinkInterval(problem, k);
  const inside = (T: number) => profileChiSquare(problem, k, T) <= threshold;
  let reachedEdge = false;
  const edge = (limit: number): number => {
    const steps = 40;
    let prev = estimate_K;
    for (let s = 1; s <= steps; s++) {
      const T = estimate_K + ((limit - estimate_K) * s) / steps;
      if (!inside(T)) {
        let a = prev;
        let b = T;
        for (let it = 0; it < 40 && Math.abs(b - a) > 1e-5 * estimate_K; it++) {
          const mid = (a + b) / 2;
          if (inside(mid)) a = mid;
          else b = mid;
        }
        return (a + b) / 2;
      }
      prev = T;
    }
    reachedEdge = true;
    return limit;
  };
  return { ci95_K: [edge(lo), edge(hi)], reachedEdge };
}
