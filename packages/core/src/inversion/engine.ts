/**
 * The regularised inversion shared by T1/T1ρ distributions (inverse Laplace) and the impedance DRT:
 * a Fredholm integral of the first kind y(t) = ∫ k(t, τ) g(ln τ) d ln τ discretised on a log-τ grid
 * (basis.ts) as y ≈ A x, solved as Tikhonov-regularised non-negative least squares
 *
 *   x̂(λ) = argmin_{x ≥ 0} ||W(Ax − y)||² + λ²·κ·||L x_g||²                        (1)
 *
 * (A. N. Tikhonov, Soviet Math. Dokl. 4, 1035 (1963); with x ≥ 0 as in S. W. Provencher's
 * CONTIN, Comput. Phys. Commun. 27, 213 (1982), eq. 3.1), where W = diag(1/σ_i), L is the identity
 * or the first or second difference operator on the distribution's coefficients x_g (the extra
 * columns — R∞, L, 1/C of a DRT, an offset of a decay — are not penalised), and
 * κ = tr(AᵀW²A)_g / tr(LᵀL) makes λ dimensionless: the same λ means the same balance of misfit
 * and roughness whatever the units or the number of points.
 *
 * (1) is solved on its normal equations, G = AᵀW²A + λ²κLᵀL, c = AᵀW²y, by the active-set NNLS
 * of fit/nnls.ts (Lawson & Hanson ch. 23), warm-started from the active set of the previous λ.
 *
 * Iterated Tikhonov (H. W. Engl, M. Hanke, A. Neubauer, "Regularization of Inverse Problems",
 * Kluwer 1996, §5.1 eq. 5.9; A. J. King & D. R. Chillingworth 1979), here with x ≥ 0:
 *
 *   x̂_(i+1) = argmin_{x ≥ 0} ||W(Ax − y)||² + λ²·κ·||L(x_g − x̂_(i),g)||²,   x̂_0 from (1)   (3)
 *
 * For the unconstrained problem E x̂_n = (I − R^(n+1)) x with R = λ²κ G⁻¹LᵀL: the smoothing bias
 * −R x of (1) falls to −R^(n+1) x at the same λ, while λ (chosen for (1)) keeps its hold on the
 * noise. invert.ts uses it because the bias of (1) is what miscalibrated the peak errors.
 *
 * The effective number of parameters of the NNLS solution is that of the linear problem on the
 * active (passive) set P, where x_P = G_PP⁻¹ c_P is linear in the data:
 *
 *   dof(λ) = tr(H) = tr(G_PP⁻¹ (AᵀW²A)_PP)                                          (2)
 *
 * (the influence matrix H = W A_P G_PP⁻¹ A_Pᵀ W; for x ≥ 0 the local linearisation, as in
 * C. L. Lawson & R. J. Hanson and in the GCV of non-negative Tikhonov solutions by
 * K. Hansen's "Rank-deficient and discrete ill-posed problems", SIAM 1998, §7.4).
 *
 * λ rules, each computed and reported; `method` picks the one used (default: discrepancy).
 * Measured on twelve seeded two-population T1 recoveries (2 ms and 60 ms log-normals, SNR 300,
 * seeds 101–112): both peaks and nothing else in 12/12 with the discrepancy rule, 10/12 with GCV
 * (its minimum is flat and falls at too small λ twice: spurious 4–8 % peaks), 8/12 with the L-curve
 * (the noise-dominated end of the scan has sharper "corners" than the true one).
 * - GCV (G. H. Golub, M. Heath, G. Wahba, Technometrics 21, 215 (1979), eq. 1.5):
 *   V(λ) = m·||W(Ax̂ − y)||² / (m − dof(λ))², minimised.
 * - L-curve corner (P. C. Hansen & D. P. O'Leary, SIAM J. Sci. Comput. 14, 1487 (1993)): the
 *   point of largest curvature of (ln ||W(Ax̂ − y)||, ln ||Lx̂||) over the λ scan (Menger curvature
 *   of consecutive triples).
 * - Discrepancy principle (V. A. Morozov, Soviet Math. Dokl. 7, 414 (1966)): the largest λ with
 *   χ²(λ) ≤ m. It needs σ: without σ the target is m·σ̂² with σ̂² = χ²/(m − dof) of the GCV
 *   solution (circular, so a user who wants this rule should give σ).
 */
import { nnlsNormal, nnlsWorkspace } from '../fit/nnls';
import type { NnlsWorkspace } from '../fit/nnls';
import { effectiveDof } from './dof';

export type PenaltyOrder = 0 | 1 | 2;
export type LambdaMethod = 'gcv' | 'lcurve' | 'discrepancy';

/** A weighted linear problem y ≈ A x: A is m × k row-major, weights already applied to A and b. */
export interface LinearProblem {
  /** W·A, m × k, row-major. */
  A: Float64Array;
  /** W·y. */
  b: Float64Array;
  m: number;
  k: number;
  /** The first `kg` columns are the distribution (penalised); the rest are extra terms. */
  kg: number;
  /** LᵀL of the distribution part, kg × kg row-major (basis.ts). */
  penalty: Float64Array;
  /** L itself when it is a difference stencil on consecutive coefficients (piecewise basis): a faster eq. (2). */
  stencil?: number[];
}

/** What one λ gives. */
export interface Solution {
  lambda: number;
  x: Float64Array;
  /** ||W(Ax − y)||² (χ² when W = 1/σ). */
  chiSquare: number;
  /** ||L x_g||² (unscaled by κ). */
  roughness: number;
  /** Effective number of parameters, eq. (2). */
  dof: number;
  gcv: number;
  converged: boolean;
}

export interface LambdaChoice {
  method: LambdaMethod;
  lambda: number;
  /** λ each rule gives (null where it is undefined: a scan without a corner, χ² never ≤ m). */
  gcv: number | null;
  lcurve: number | null;
  discrepancy: number | null;
  /** True when the user set λ. */
  userSet: boolean;
  /** The scan: λ, χ², roughness, dof, GCV per point (for plots and reports). */
  scan: Array<{ lambda: number; chiSquare: number; roughness: number; dof: number; gcv: number }>;
}

/** The precomputed normal-equation pieces of a problem: AᵀA, Aᵀb, bᵀb and κ. */
export class RegularisedSolver {
  readonly ata: Float64Array;
  readonly atb: Float64Array;
  readonly bb: number;
  readonly kappa: number;
  private readonly gram: Float64Array;
  /** Pairs (index in G, index in LᵀL) of LᵀL's nonzero entries, row by row. */
  private readonly penaltyNonzero: Int32Array;
  private readonly work: NnlsWorkspace;
  private lastActive: Uint8Array | null = null;

  constructor(readonly problem: LinearProblem) {
    const { A, b, m, k, kg, penalty } = problem;
    this.ata = new Float64Array(k * k);
    this.atb = new Float64Array(k);
    // AᵀA by rows of A (cache-friendly on row-major A)
    for (let i = 0; i < m; i++) {
      const row = i * k;
      const bi = b[i];
      for (let p = 0; p < k; p++) {
        const ap = A[row + p];
        if (ap === 0) continue;
        this.atb[p] += ap * bi;
        const out = p * k;
        for (let q = p; q < k; q++) this.ata[out + q] += ap * A[row + q];
      }
    }
    for (let p = 0; p < k; p++) for (let q = 0; q < p; q++) this.ata[p * k + q] = this.ata[q * k + p];
    let bb = 0;
    for (let i = 0; i < m; i++) bb += b[i] * b[i];
    this.bb = bb;
    let trA = 0;
    let trL = 0;
    for (let j = 0; j < kg; j++) {
      trA += this.ata[j * k + j];
      trL += penalty[j * kg + j];
    }
    this.kappa = trL > 0 ? trA / trL : 1;
    const nonzero: number[] = [];
    for (let p = 0; p < kg; p++) for (let q = 0; q < kg; q++) if (penalty[p * kg + q] !== 0) nonzero.push(p * k + q, p * kg + q);
    this.penaltyNonzero = Int32Array.from(nonzero);
    this.gram = new Float64Array(k * k);
    this.work = nnlsWorkspace(k);
  }

  /**
   * Solve (1) at λ for data b (default: the problem's), warm-started from the last active set.
   * With `about` = x_prev, the penalty is ||L(x − x_prev)||² instead (one step of iterated
   * Tikhonov, eq. 3): c gains λ²κ·LᵀL·x_prev, G is unchanged.
   */
  solve(
    lambda: number,
    b: Float64Array = this.problem.b,
    atb: Float64Array = this.atb,
    bb: number = this.bb,
    about?: Float64Array,
    statistics = true,
  ): Solution {
    const { k, kg, penalty } = this.problem;
    const G = this.gram;
    G.set(this.ata);
    const s = lambda * lambda * this.kappa;
    // LᵀL is banded (a difference operator) or diagonal: only its nonzero entries are added
    const nz = this.penaltyNonzero;
    for (let e = 0; e < nz.length; e += 2) G[nz[e]] += s * penalty[nz[e + 1]];
    let c = atb;
    if (about) {
      c = Float64Array.from(atb);
      for (let p = 0; p < kg; p++) {
        let row = 0;
        for (let q = 0; q < kg; q++) row += penalty[p * kg + q] * about[q];
        c[p] += s * row;
      }
    }
    const out = nnlsNormal(G, c, bb, k, this.work, this.lastActive ?? undefined);
    const x = Float64Array.from(out.x);
    this.lastActive ??= new Uint8Array(k);
    for (let j = 0; j < k; j++) this.lastActive[j] = x[j] > 0 ? 1 : 0;
    const chiSquare = this.misfit(x, b);
    const roughness = quadratic(penalty, x, kg);
    // NaN when not asked for (intermediate refinements, bootstrap replicates): the O(p³) trace is most of a warm solve
    const dof = statistics ? effectiveDof(this.problem, this.ata, x, G, 0, s, this.factorOf(x)) : NaN;
    const m = this.problem.m;
    const gcv = m > dof ? (m * chiSquare) / (m - dof) ** 2 : Infinity;
    return { lambda, x, chiSquare, roughness, dof, gcv, converged: out.converged };
  }

  /**
   * Eq. (3): Tikhonov at λ, then `refinements` steps of iterated Tikhonov, each about the last
   * iterate. The effective dof is that of the iterated filter on the final active set P,
   * tr(I − (I − M)^(n+1)) with M = G_PP⁻¹(AᵀW²A)_PP (eq. 2 is n = 0).
   */
  solveIterated(
    lambda: number,
    refinements: number,
    b: Float64Array = this.problem.b,
    atb: Float64Array = this.atb,
    bb: number = this.bb,
    statistics = true,
  ): Solution {
    let s = this.solve(lambda, b, atb, bb, undefined, statistics && refinements === 0);
    if (refinements === 0) return s;
    let converged = s.converged;
    for (let it = 0; it < refinements; it++) {
      s = this.solve(lambda, b, atb, bb, s.x, false);
      converged &&= s.converged;
    }
    const dof = statistics ? effectiveDof(this.problem, this.ata, s.x, this.gram, refinements, 0, this.factorOf(s.x)) : NaN;
    const m = this.problem.m;
    return { ...s, dof, gcv: m > dof ? (m * s.chiSquare) / (m - dof) ** 2 : Infinity, converged };
  }

  /** The last NNLS solve's Cholesky factor of G_PP (stride k) when P = {j: x_j > 0} (for eq. 2), else undefined. */
  private factorOf(x: Float64Array): Float64Array | undefined {
    let np = 0;
    for (const v of x) if (v > 0) np++;
    return this.work.factored === np ? this.work.chol : undefined;
  }

  /** A·x (weighted), the model at the data points. */
  predict(x: Float64Array): Float64Array {
    const { A, m, k } = this.problem;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += A[i * k + j] * x[j];
      out[i] = sum;
    }
    return out;
  }

  /** Aᵀb for other data b (bootstrap replicates). */
  project(b: Float64Array): Float64Array {
    const { A, m, k } = this.problem;
    const out = new Float64Array(k);
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) out[j] += A[i * k + j] * b[i];
    return out;
  }

  private misfit(x: Float64Array, b: Float64Array): number {
    const pred = this.predict(x);
    let sum = 0;
    for (let i = 0; i < pred.length; i++) sum += (pred[i] - b[i]) ** 2;
    return sum;
  }
}

function quadratic(M: Float64Array, x: Float64Array, n: number): number {
  let sum = 0;
  for (let p = 0; p < n; p++) {
    if (x[p] === 0) continue;
    let row = 0;
    for (let q = 0; q < n; q++) row += M[p * n + q] * x[q];
    sum += x[p] * row;
  }
  return sum;
}

export interface LambdaOptions {
  method?: LambdaMethod;
  /** Use this λ (dimensionless, eq. 1); the rules are still evaluated and reported. */
  lambda?: number;
  /** The scan's range (default 1e-6 … 10) and number of points (default 36). */
  range?: [number, number];
  points?: number;
  /** True when the weights are 1/σ of known σ (the discrepancy principle needs them). */
  sigmaKnown?: boolean;
}

/**
 * Scan λ on a log grid (warm-started from large λ down, where the active set changes slowly),
 * evaluate the three rules (GCV's minimum refined by golden-section search on ln λ between the
 * scan's neighbours, the discrepancy λ by regula falsi), and return the chosen λ with the scan; the
 * caller solves at it (invert.ts: with its iterated-Tikhonov refinements).
 */
export function chooseLambda(solver: RegularisedSolver, options: LambdaOptions = {}): { choice: LambdaChoice } {
  const method = options.method ?? 'discrepancy';
  const [lo, hi] = options.range ?? [1e-6, 10];
  const points = options.points ?? 36;
  const lambdas = Array.from({ length: points }, (_, i) => hi * Math.pow(lo / hi, i / (points - 1)));
  const sols = lambdas.map((l) => solver.solve(l));
  const m = solver.problem.m;
  const scan = sols.map((s) => ({ lambda: s.lambda, chiSquare: s.chiSquare, roughness: s.roughness, dof: s.dof, gcv: s.gcv }));

  // GCV: the scan's minimum, refined
  let iG = 0;
  for (let i = 1; i < sols.length; i++) if (sols[i].gcv < sols[iG].gcv) iG = i;
  const gcvSol = refine(solver, sols, iG, (s) => s.gcv);

  // L-curve: Menger curvature of (ln ρ, ln η) triples; the corner is the largest positive curvature
  let lcurve: number | null = null;
  let best = 0;
  for (let i = 1; i + 1 < sols.length; i++) {
    const P = [sols[i - 1], sols[i], sols[i + 1]].map((s) => [0.5 * Math.log(s.chiSquare), 0.5 * Math.log(Math.max(s.roughness, 1e-300))]);
    // the scan runs from large to small λ: left along the flat arm, then up the steep one
    const kappa = -menger(P[0], P[1], P[2]);
    if (kappa > best) {
      best = kappa;
      lcurve = sols[i].lambda;
    }
  }

  // discrepancy: χ² increases with λ; the largest λ with χ² ≤ m (σ known) or ≤ m·σ̂² (σ̂ from GCV)
  const target = options.sigmaKnown ? m : (m * gcvSol.chiSquare) / Math.max(m - gcvSol.dof, 1);
  let discrepancy: number | null = null;
  for (let i = 0; i < sols.length; i++) {
    if (sols[i].chiSquare <= target) {
      discrepancy = i === 0 ? sols[0].lambda : discrepancyRoot(solver, sols[i], sols[i - 1], target);
      break;
    }
  }

  let lambda: number;
  if (options.lambda !== undefined) lambda = options.lambda;
  else if (method === 'lcurve' && lcurve !== null) lambda = lcurve;
  else if (method === 'discrepancy' && discrepancy !== null) lambda = discrepancy;
  else lambda = gcvSol.lambda;
  return { choice: { method, lambda, gcv: gcvSol.lambda, lcurve, discrepancy, userSet: options.lambda !== undefined, scan } };
}

/** Golden-section search of f on ln λ between the scan's neighbours of point i. */
function refine(solver: RegularisedSolver, sols: Solution[], i: number, f: (s: Solution) => number): Solution {
  if (i === 0 || i === sols.length - 1) return sols[i];
  let a = Math.log(sols[i + 1].lambda);
  let b = Math.log(sols[i - 1].lambda);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let sc = solver.solve(Math.exp(c));
  let sd = solver.solve(Math.exp(d));
  for (let it = 0; it < 8; it++) {
    if (f(sc) < f(sd)) {
      b = d;
      d = c;
      sd = sc;
      c = b - g * (b - a);
      sc = solver.solve(Math.exp(c));
    } else {
      a = c;
      c = d;
      sc = sd;
      d = a + g * (b - a);
      sd = solver.solve(Math.exp(d));
    }
  }
  const bestRefined = f(sc) < f(sd) ? sc : sd;
  return f(bestRefined) < f(sols[i]) ? bestRefined : sols[i];
}

/**
 * The largest λ in [lo, hi] with χ²(λ) ≤ target (χ² grows with λ; lo meets the target, hi does
 * not), by the Illinois variant of regula falsi on g(u) = ln χ²(e^u) − ln target (M. Dowell &
 * P. Jarratt, BIT 12, 503 (1972)): superlinear on the smooth stretches of χ²(λ), and a bracketing
 * method, so it is as safe as bisection where the active set changes χ²'s slope. Stops when the
 * bracket is 1e-4 wide in ln λ (the bisection it replaces took 12 halvings of the 0.46-wide
 * bracket of the default scan to get there; this takes 3–5 solves), or when χ² is within 1e-7 of
 * the target from below, and returns the bracket's feasible end.
 */
function discrepancyRoot(solver: RegularisedSolver, lo: Solution, hi: Solution, target: number): number {
  let a = Math.log(lo.lambda);
  let b = Math.log(hi.lambda);
  const lnTarget = Math.log(target);
  let ga = Math.log(Math.max(lo.chiSquare, 1e-300)) - lnTarget;
  let gb = Math.log(hi.chiSquare) - lnTarget;
  let side = 0;
  for (let it = 0; it < 30 && b - a > 1e-4; it++) {
    // the secant point, kept inside the bracket (ga ≤ 0 < gb); bisection if it degenerates
    let u = ga < gb ? a - (ga * (b - a)) / (gb - ga) : 0.5 * (a + b);
    if (!(u > a && u < b)) u = 0.5 * (a + b);
    const g = Math.log(Math.max(solver.solve(Math.exp(u), undefined, undefined, undefined, undefined, false).chiSquare, 1e-300)) - lnTarget;
    if (g <= 0) {
      a = u;
      ga = g;
      if (g > -1e-7) break; // χ² within 1e-7 of the target: λ to ~1e-6 in ln λ
      if (side === -1) gb /= 2; // Illinois: halve the stale end's value so it cannot stall
      side = -1;
    } else {
      b = u;
      gb = g;
      if (side === 1) ga /= 2;
      side = 1;
    }
  }
  return Math.exp(a);
}

/** Curvature of the circle through three points (signed: positive for a corner opening up-right). */
function menger(p: number[], q: number[], r: number[]): number {
  const cross = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d = Math.hypot(q[0] - p[0], q[1] - p[1]) * Math.hypot(r[0] - q[0], r[1] - q[1]) * Math.hypot(r[0] - p[0], r[1] - p[1]);
  return d > 0 ? (2 * cross) / d : 0;
}
