/**
 * Discretising y(x) = ∫ k(x, τ) g(ln τ) d ln τ on a log-spaced τ grid.
 *
 * - 'piecewise': g constant on each cell of width Δ = Δln τ around τ_j, integrated by the
 *   midpoint rule: A_ij = k(x_i, τ_j)·Δ, and x_j = g(ln τ_j) (the usual ILT/DRT collocation, e.g.
 *   Provencher's CONTIN and T. H. Wan et al., Electrochim. Acta 184, 483 (2015), eq. 15 with
 *   piecewise-linear replaced by constant).
 * - 'rbf': g(ln τ) = Σ_j x_j φ(ln τ − ln τ_j) with Gaussian φ(y) = exp(−(εy)²) (Wan et al. 2015,
 *   eqs. 9–13), ε = FWHM-coefficient·2√ln2/Δ with the coefficient 0.5 of pyDRTtools (FWHM = 2Δ).
 *   A_ij = ∫ k(x_i, τ) φ_j d ln τ and the penalty M_pq = ∫ φ_p^(d) φ_q^(d) d ln τ (their eq. 23–25)
 *   are integrated numerically on a grid 8× finer than Δ over ±4/ε (φ < 1e-7 beyond). x ≥ 0
 *   makes g ≥ 0 since φ > 0.
 *
 * The penalty LᵀL of order d: for 'piecewise' the d-th difference of x (d = 0 the identity), for
 * 'rbf' the integral of the squared d-th derivative of g.
 */
import type { PenaltyOrder } from './engine';

export type Discretisation = 'piecewise' | 'rbf';

export interface LogTauGrid {
  tau_s: Float64Array;
  lnTau: Float64Array;
  /** Δ ln τ between neighbours. */
  step: number;
}

/** n points log-spaced from min to max (inclusive). */
export function logTauGrid(min_s: number, max_s: number, points: number): LogTauGrid {
  const a = Math.log(min_s);
  const b = Math.log(max_s);
  const step = (b - a) / (points - 1);
  const lnTau = Float64Array.from({ length: points }, (_, j) => a + j * step);
  return { tau_s: lnTau.map(Math.exp), lnTau, step };
}

/** k(x_i, τ) for all data x at one τ, written into out (length m; a DRT stacks parts, so m may exceed xs.length). */
export type KernelColumn = (tau: number, out: Float64Array) => void;

/** The RBF's ε for a grid step Δ (pyDRTtools' FWHM coefficient 0.5). */
export function rbfEpsilon(step: number): number {
  return (0.5 * 2 * Math.sqrt(Math.LN2)) / step;
}

/** m × kg design matrix (row-major, unweighted) of a kernel on a grid. */
export function designMatrix(column: KernelColumn, m: number, grid: LogTauGrid, discretisation: Discretisation): Float64Array {
  const kg = grid.tau_s.length;
  const A = new Float64Array(m * kg);
  const col = new Float64Array(m);
  if (discretisation === 'piecewise') {
    for (let j = 0; j < kg; j++) {
      column(grid.tau_s[j], col);
      for (let i = 0; i < m; i++) A[i * kg + j] = col[i] * grid.step;
    }
    return A;
  }
  const { nodes, h, reach } = fineGrid(grid);
  const eps = rbfEpsilon(grid.step);
  for (let q = 0; q < nodes.length; q++) {
    column(Math.exp(nodes[q]), col);
    // each fine node contributes to the bases within reach
    for (let j = 0; j < kg; j++) {
      const y = nodes[q] - grid.lnTau[j];
      if (Math.abs(y) > reach) continue;
      const w = Math.exp(-((eps * y) ** 2)) * h;
      for (let i = 0; i < m; i++) A[i * kg + j] += col[i] * w;
    }
  }
  return A;
}

function fineGrid(grid: LogTauGrid): { nodes: Float64Array; h: number; reach: number } {
  const eps = rbfEpsilon(grid.step);
  const reach = 4 / eps;
  const h = grid.step / 8;
  const lo = grid.lnTau[0] - reach;
  const n = Math.ceil((grid.lnTau[grid.lnTau.length - 1] + reach - lo) / h) + 1;
  return { nodes: Float64Array.from({ length: n }, (_, q) => lo + q * h), h, reach };
}

/** A row of the d-th difference operator of the piecewise basis: (1), (−1, 1), (1, −2, 1). */
export function differenceStencil(order: PenaltyOrder): number[] {
  return order === 0 ? [1] : order === 1 ? [-1, 1] : [1, -2, 1];
}

/** LᵀL (kg × kg) of the penalty of order d. */
export function penaltyMatrix(grid: LogTauGrid, order: PenaltyOrder, discretisation: Discretisation): Float64Array {
  const kg = grid.tau_s.length;
  const M = new Float64Array(kg * kg);
  if (discretisation === 'piecewise') {
    const stencil = differenceStencil(order);
    for (let r = 0; r + stencil.length <= kg; r++) {
      for (let a = 0; a < stencil.length; a++) {
        for (let b = 0; b < stencil.length; b++) M[(r + a) * kg + r + b] += stencil[a] * stencil[b];
      }
    }
    return M;
  }
  const { nodes, h, reach } = fineGrid(grid);
  const eps = rbfEpsilon(grid.step);
  const e2 = eps * eps;
  // d-th derivative of φ(y) = exp(−ε²y²): φ' = −2ε²y φ, φ'' = (4ε⁴y² − 2ε²) φ
  const deriv = (y: number) => {
    const phi = Math.exp(-e2 * y * y);
    return order === 0 ? phi : order === 1 ? -2 * e2 * y * phi : (4 * e2 * e2 * y * y - 2 * e2) * phi;
  };
  const values = new Float64Array(kg);
  for (let q = 0; q < nodes.length; q++) {
    for (let j = 0; j < kg; j++) {
      const y = nodes[q] - grid.lnTau[j];
      values[j] = Math.abs(y) > reach ? 0 : deriv(y);
    }
    for (let p = 0; p < kg; p++) {
      if (values[p] === 0) continue;
      for (let r = 0; r < kg; r++) M[p * kg + r] += values[p] * values[r] * h;
    }
  }
  return M;
}

/** g(ln τ_k) on the grid points from the coefficients x (its first kg entries). */
export function densityOnGrid(x: ArrayLike<number>, grid: LogTauGrid, discretisation: Discretisation): Float64Array {
  const kg = grid.tau_s.length;
  const g = new Float64Array(kg);
  if (discretisation === 'piecewise') {
    for (let j = 0; j < kg; j++) g[j] = x[j];
    return g;
  }
  const eps = rbfEpsilon(grid.step);
  for (let k = 0; k < kg; k++) {
    let sum = 0;
    for (let j = 0; j < kg; j++) sum += x[j] * Math.exp(-((eps * (grid.lnTau[k] - grid.lnTau[j])) ** 2));
    g[k] = sum;
  }
  return g;
}
