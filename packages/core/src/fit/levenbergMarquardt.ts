/**
 * Levenberg–Marquardt for bound-constrained nonlinear least squares, min 1/2 ||r(p)||².
 *
 * The method, and where each piece comes from:
 * - Marquardt scaling: the damping acts on D = diag(JᵀJ)^½, taken as the running maximum of the
 *   Jacobian column norms (Moré, "The Levenberg–Marquardt algorithm: implementation and theory",
 *   Lecture Notes in Math. 630 (1978); MINPACK lmder), so the method is invariant to the units of
 *   the parameters (T1 in seconds next to M0 in 1e9 counts).
 * - Step: minimise ||Ĵu + r||² + μ||u||² with Ĵ = J D⁻¹, u = D δ, through a Householder QR of Ĵ
 *   (once per Jacobian) and, per trial μ, Givens rotations of √μ·I into R (MINPACK's qrsolv):
 *   JᵀJ is never formed, and the damped system has full rank even when J does not. The
 *   covariance at the end comes from a one-sided Jacobi SVD of R (fit/covariance.ts).
 * - Damping update of Nielsen (IMM-REP-1999-05): on acceptance μ ← μ·max(1/3, 1 − (2ρ − 1)³),
 *   on rejection μ ← μ·ν, ν ← 2ν, where ρ is actual over predicted reduction.
 * - Bounds by truncation, an active-set method (Gill, Murray & Wright, Practical Optimization
 *   (1981) §5.5): a step that would leave [min, max] is shortened along its own direction to the
 *   point where the first parameter reaches its bound, and stopped at θ = 0.995 of that, strictly
 *   inside, as scipy's TRF does (Branch, Coleman & Li, SIAM J. Sci. Comput. 21, 1 (1999)). Only
 *   when the gap left is below the xtol resolution of the scaled step does the parameter land
 *   exactly on its bound, so an optimum on a bound is reported on it. A parameter on a bound is
 *   held there, its column left out of the step, while its gradient points out of the box or
 *   while the step computed with it does (the step is then solved again without it). A truncated
 *   step is a positive multiple of the LM step, hence still a descent step. Clipping each
 *   coordinate instead (projection) bends a long step into another direction: in issue 13 the
 *   first step from T1 = 0.1 s, γ = 0.8 was projected onto the corner T1 = 1e-6 s, γ = 0.1
 *   (accepted at ρ ≈ 0.04) and the fit never left that region. Landing a long step exactly on a
 *   bound is no better: it put R1 = C1 = 0 in Randles fits, where the circuit's Jacobian is not
 *   finite. The model is only evaluated inside the bounds and the Jacobian stays exact (no
 *   variable transform that would distort the covariance, unlike lmfit/MINUIT's sin transform).
 *   Truncated steps are exempt from the ftol and xtol tests: a bound shortened them, not
 *   convergence.
 * - A second run with Levenberg's damping, the stall detector: Marquardt's scaling makes a long
 *   move of a parameter the model hardly depends on as cheap as any other, so from far away a
 *   parameter can run off to where the model no longer depends on it at all ("parameter
 *   evaporation": Transtrum, Machta & Sethna, Phys. Rev. E 83, 036701 (2011)); MINPACK's lm fails
 *   MGH's Box 3-D from 10·x0 so. When the first run stalls (evaluations run out, or the damping
 *   grows without bound, before a convergence test is met) or ends with a parameter that ran off
 *   (|p_j| grew tenfold from a non-zero start) while its Jacobian column fell below √ε times its
 *   largest norm, the fit is run again from the start values with isotropic damping D = d·I
 *   (Levenberg, Q. Appl. Math. 2, 164 (1944); GSL's scale_levenberg, which its manual suggests
 *   against evaporation), d the largest column norm at the start: a long move of a weakly
 *   determined parameter is then expensive. The run with the lower χ² is returned, and `retry`
 *   says so. Each run has its own maxfev. It starts from p0, not from the best point: where a run
 *   stalled (Beale from 10·x0: x1 = −8880 on a plateau) a second one stalls too. Restarting from
 *   the best point with the scaling reset, and GSL's geodesic acceleration (Transtrum & Sethna,
 *   arXiv:1201.5885), were measured and left out: neither was needed once steps are truncated, the
 *   first slowed MGH's Brown–Dennis into maxfev, the second changed 19 of NIST's 38 paths for the
 *   worse (its finite-difference second derivative is noise once steps are small).
 * - Convergence, all relative (MINPACK's tests): ftol on both actual and predicted relative
 *   reduction of χ², xtol on the scaled step ||Dδ|| ≤ xtol·||Dp||, gtol on the largest cosine
 *   between r and a column of J. Running out of evaluations or damping is a result
 *   (`converged: false`), never an exception.
 */
import { CovarianceOutcome, covarianceInto } from './covariance';
import { finiteDifferenceJacobian, MACHINE_EPSILON } from './finiteDifference';
import { dampedTriangularSolve, householderQR } from './linalg';

export interface LeastSquaresProblem {
  /** Number of residuals. */
  readonly m: number;
  /** Length of the full parameter vector (free and fixed). */
  readonly np: number;
  /** Weighted residuals r_i = (f_i(p) − y_i)/σ_i. Non-finite values mark p as infeasible. */
  residuals(p: Float64Array, r: Float64Array): void;
  /**
   * Analytic Jacobian ∂r_i/∂p_j, column-major (jac[j*m + i]) for every parameter j (columns of
   * fixed parameters may be left untouched). Without it, finite differences are used.
   */
  jacobian?(p: Float64Array, jac: Float64Array): void;
}

export interface LevenbergMarquardtOptions {
  /** Relative tolerance on the reduction of χ² (actual and predicted). Default 1e-15 (about machine precision of χ²). */
  ftol?: number;
  /** Relative tolerance on the scaled step. Default 1e-10. */
  xtol?: number;
  /** Tolerance on the cosine between the residual and each Jacobian column. Default 1e-12. */
  gtol?: number;
  /** Maximum number of residual evaluations (finite-difference ones included). Default 200·(nfree + 1). */
  maxfev?: number;
  /** Relative finite-difference step. Default √ε (forward) or ε^⅓ (central). */
  diffStep?: number;
  /** Finite-difference scheme when the problem has no analytic Jacobian. Default 'forward'. */
  finiteDifference?: 'forward' | 'central';
  /** Initial damping μ0 relative to the largest scaled curvature. Default 1e-2: a first step shorter than Gauss–Newton keeps multi-exponential models out of the basin where one rate runs off to infinity (MGH17 from start 1).  */
  initialDamping?: number;
}

export type StopReason = 'ftol' | 'xtol' | 'gtol' | 'exact' | 'maxfev' | 'stalled';

export const STOP_MESSAGES: Record<StopReason, string> = {
  ftol: 'converged: relative reduction of chi-square below ftol',
  xtol: 'converged: relative step size below xtol',
  gtol: 'converged: gradient orthogonal to the residuals within gtol',
  exact: 'converged: residuals are zero (exact fit)',
  maxfev: 'did not converge: maximum number of function evaluations reached',
  stalled: 'did not converge: the damping grew without bound and chi-square could not be reduced',
};

/** A second run with Levenberg's damping, made when the first ended badly (see the file head). */
export interface LevenbergMarquardtRetry {
  /** Why: the first run did not converge, or a parameter evaporated. */
  readonly cause: 'not converged' | 'evaporated';
  /** Indices of the parameters that ran off where the model no longer depends on them. */
  readonly evaporated: readonly number[];
  readonly firstReason: StopReason;
  /** ½·||r||² where the first run ended. */
  readonly firstCost: number;
  readonly secondReason: StopReason;
  readonly secondCost: number;
  /** The run whose point is returned: the one with the lower χ². */
  readonly kept: 'first' | 'second';
}

export interface LevenbergMarquardtOutcome {
  /** Final parameter vector (full, including fixed parameters); a view into the solver's memory. */
  readonly p: Float64Array;
  /** ½·||r||² at p. */
  readonly cost: number;
  /** Evaluations, Jacobians and iterations of all runs together. */
  readonly nfev: number;
  readonly njev: number;
  readonly iterations: number;
  readonly reason: StopReason;
  readonly converged: boolean;
  readonly retry?: LevenbergMarquardtRetry;
}

/** A truncated step stops at this fraction of the way to the bound (scipy TRF's θ). */
const STEP_BACK = 0.995;
/** A column below √ε of its largest norm is lost in the rounding of the residuals. */
const VANISHED_COLUMN = Math.sqrt(MACHINE_EPSILON);
/** A parameter has run off when |p| grew by this factor from a non-zero start. */
const RAN_OFF = 10;

const isConverged = (reason: StopReason): boolean => reason !== 'maxfev' && reason !== 'stalled';

/**
 * A reusable solver with all work arrays preallocated for one problem size: fitting thousands of
 * transients of the same shape allocates nothing per fit.
 */
export class LevenbergMarquardt {
  readonly m: number;
  readonly np: number;
  private readonly p: Float64Array;
  private readonly pTrial: Float64Array;
  private readonly pFirst: Float64Array;
  private readonly r: Float64Array;
  private readonly rTrial: Float64Array;
  private readonly rWork: Float64Array;
  private readonly rFirst: Float64Array;
  /** Jacobian of the current point, column-major m × np. */
  readonly jac: Float64Array;
  private readonly a: Float64Array;
  private readonly w: Float64Array;
  private readonly v: Float64Array;
  private readonly s: Float64Array;
  private readonly c: Float64Array;
  private readonly u: Float64Array;
  private readonly ru: Float64Array;
  private readonly diag: Float64Array;
  private readonly grad: Float64Array;
  /** Column norms of the current Jacobian, and the largest seen in this run. */
  private readonly colNorm: Float64Array;
  private readonly peakNorm: Float64Array;
  /** 1 for parameters held on their bound for the current Jacobian. */
  private readonly held: Uint8Array;
  private readonly evaporatedIdx: Int32Array;
  private readonly cols: Int32Array;
  private readonly cov: Float64Array;
  private nfev = 0;
  private njev = 0;
  private iterations = 0;
  /** ½·||r||² at the end of the last run. */
  private cost = 0;

  constructor(m: number, np: number) {
    this.m = m;
    this.np = np;
    this.p = new Float64Array(np);
    this.pTrial = new Float64Array(np);
    this.pFirst = new Float64Array(np);
    this.r = new Float64Array(m);
    this.rTrial = new Float64Array(m);
    this.rWork = new Float64Array(m);
    this.rFirst = new Float64Array(m);
    this.jac = new Float64Array(m * np);
    this.a = new Float64Array(m * np);
    this.w = new Float64Array(np * np);
    this.v = new Float64Array(np * np);
    this.s = new Float64Array(np);
    this.c = new Float64Array(np);
    this.u = new Float64Array(np);
    this.ru = new Float64Array(np);
    this.diag = new Float64Array(np);
    this.grad = new Float64Array(np);
    this.colNorm = new Float64Array(np);
    this.peakNorm = new Float64Array(np);
    this.held = new Uint8Array(np);
    this.evaporatedIdx = new Int32Array(np);
    this.cols = new Int32Array(np);
    this.cov = new Float64Array(np * np);
  }

  /**
   * (JᵀJ)⁻¹ over `columns` from the Jacobian of the last solve, using this solver's work arrays:
   * the arrays returned are views into solver memory, valid until the next solve or covariance.
   */
  covariance(columns: ArrayLike<number>): CovarianceOutcome {
    const n = columns.length;
    const cov = this.cov.subarray(0, n * n);
    return covarianceInto(
      this.jac,
      this.m,
      columns,
      this.a,
      this.rWork,
      this.w.subarray(0, n * n),
      this.v.subarray(0, n * n),
      this.s,
      this.u,
      cov,
    );
  }

  /** Residual vector at the final point of the last solve (a view). */
  get residuals(): Float64Array {
    return this.r;
  }

  /**
   * Minimise ½||r(p)||² from p0 over the parameters with vary[j], within [lower, upper].
   * p0 must be feasible (inside the bounds, finite residuals); curveFit checks that.
   */
  solve(
    problem: LeastSquaresProblem,
    p0: ArrayLike<number>,
    vary: ArrayLike<boolean>,
    lower: ArrayLike<number>,
    upper: ArrayLike<number>,
    options: LevenbergMarquardtOptions = {},
  ): LevenbergMarquardtOutcome {
    this.nfev = 0;
    this.njev = 0;
    this.iterations = 0;
    const first = this.run(problem, p0, vary, lower, upper, options, false);
    const nEvaporated = this.findEvaporated(p0, vary);
    if (isConverged(first) && nEvaporated === 0) return this.outcome(first);
    const evaporated = Array.from(this.evaporatedIdx.subarray(0, nEvaporated));

    const firstCost = this.cost;
    this.pFirst.set(this.p);
    this.rFirst.set(this.r);
    const second = this.run(problem, p0, vary, lower, upper, options, true);
    const secondCost = this.cost;
    const kept = secondCost < firstCost ? 'second' : 'first';
    if (kept === 'first') {
      this.p.set(this.pFirst);
      this.r.set(this.rFirst);
      this.cost = firstCost;
      this.evaluateJacobian(problem, this.p, vary, lower, upper, options);
    }
    const cause = isConverged(first) ? 'evaporated' : 'not converged';
    const retry = { cause, evaporated, firstReason: first, firstCost, secondReason: second, secondCost, kept } as const;
    return this.outcome(kept === 'first' ? first : second, retry);
  }

  private outcome(reason: StopReason, retry?: LevenbergMarquardtRetry): LevenbergMarquardtOutcome {
    const { p, cost, nfev, njev, iterations } = this;
    return { p, cost, nfev, njev, iterations, reason, converged: isConverged(reason), retry };
  }

  /**
   * Parameters that ran off from p0 (|p| grew tenfold from a non-zero start) to where their
   * Jacobian column vanished (below √ε of its largest norm in the run): evaporated. Their indices
   * go into evaporatedIdx; returns how many. The Jacobian must be current.
   */
  private findEvaporated(p0: ArrayLike<number>, vary: ArrayLike<boolean>): number {
    const { m, jac, p, peakNorm, evaporatedIdx } = this;
    let found = 0;
    for (let j = 0; j < this.np; j++) {
      if (!vary[j] || p0[j] === 0 || !(Math.abs(p[j]) > RAN_OFF * Math.abs(p0[j]))) continue;
      let nn = 0;
      for (let i = 0; i < m; i++) nn += jac[j * m + i] * jac[j * m + i];
      if (Math.sqrt(nn) < VANISHED_COLUMN * peakNorm[j]) evaporatedIdx[found++] = j;
    }
    return found;
  }

  /**
   * One Levenberg–Marquardt run from p0; leaves its end point in p, r and cost, with the Jacobian
   * of that point in jac. `isotropic`: Levenberg's D = d·I instead of Marquardt's scaling.
   */
  private run(
    problem: LeastSquaresProblem,
    p0: ArrayLike<number>,
    vary: ArrayLike<boolean>,
    lower: ArrayLike<number>,
    upper: ArrayLike<number>,
    options: LevenbergMarquardtOptions,
    isotropic: boolean,
  ): StopReason {
    const { m, np, p, pTrial, r, rTrial, jac, diag, grad, colNorm, peakNorm, held, cols, s, c, u, ru } = this;
    let nfree = 0;
    for (let j = 0; j < np; j++) {
      p[j] = p0[j];
      if (vary[j]) nfree++;
    }
    const ftol = options.ftol ?? 1e-15;
    const xtol = options.xtol ?? 1e-10;
    const gtol = options.gtol ?? 1e-12;
    const maxfev = this.nfev + (options.maxfev ?? 200 * (nfree + 1));
    const tau = options.initialDamping ?? 1e-2;

    problem.residuals(p, r);
    this.nfev++;
    let cost = halfSumSquares(r, m);
    let reason: StopReason | undefined;
    if (cost === 0) reason = 'exact';
    if (nfree === 0) reason = 'exact';
    let mu = 0;
    let nu = 2;
    let dampingSet = false;
    diag.fill(0);
    peakNorm.fill(0);

    // whether jac belongs to the current p (it does not after an accepted step)
    let jacobianCurrent = false;
    while (reason === undefined) {
      if (!jacobianCurrent) {
        this.evaluateJacobian(problem, p, vary, lower, upper, options);
        jacobianCurrent = true;
        this.iterations++;
        held.fill(0);
        // gradient g = Jᵀr, column norms and the scaling D
        let dIsotropic = 0;
        for (let j = 0; j < np; j++) {
          if (!vary[j]) continue;
          const cj = j * m;
          let g = 0;
          let nn = 0;
          for (let i = 0; i < m; i++) {
            const jij = jac[cj + i];
            g += jij * r[i];
            nn += jij * jij;
          }
          grad[j] = g;
          const cn = Math.sqrt(nn);
          colNorm[j] = cn;
          if (cn > peakNorm[j]) peakNorm[j] = cn;
          if (cn > dIsotropic) dIsotropic = cn;
          if (isotropic) continue;
          if (cn > diag[j]) diag[j] = cn;
          if (diag[j] === 0) diag[j] = 1;
        }
        if (isotropic && !dampingSet) diag.fill(dIsotropic > 0 ? dIsotropic : 1);
      }
      // active set (held on a bound, or pushed out of the box by the gradient) and the gradient
      // convergence test
      const rnorm = Math.sqrt(2 * cost);
      let ncols = 0;
      let gmax = 0;
      for (let j = 0; j < np; j++) {
        if (!vary[j]) continue;
        const g = grad[j];
        const atLower = p[j] <= lower[j] && g > 0;
        const atUpper = p[j] >= upper[j] && g < 0;
        if (atLower || atUpper) continue;
        const cn = colNorm[j];
        if (cn > 0) {
          const cosine = Math.abs(g) / (cn * rnorm);
          if (cosine > gmax) gmax = cosine;
        }
        if (!held[j]) cols[ncols++] = j;
      }
      if (ncols === 0 || gmax <= gtol) {
        reason = 'gtol';
        break;
      }
      // Ĵ = J D⁻¹ on the inactive free columns → QR
      const a = this.a;
      const qtr = this.rWork;
      for (let i = 0; i < m; i++) qtr[i] = r[i];
      for (let k = 0; k < ncols; k++) {
        const j = cols[k];
        const dj = 1 / diag[j];
        const cj = j * m;
        const ck = k * m;
        for (let i = 0; i < m; i++) a[ck + i] = jac[cj + i] * dj;
      }
      householderQR(a, m, ncols, qtr);
      // the scaled columns have unit norm, so the largest curvature is at most ncols: take the
      // largest squared diagonal of R as the scale of μ (Nielsen's τ·max diag(ĴᵀĴ))
      let smax2 = 0;
      for (let k = 0; k < ncols; k++) {
        let cn = 0;
        for (let i = 0; i <= k; i++) cn += a[k * m + i] * a[k * m + i];
        if (cn > smax2) smax2 = cn;
      }
      if (!dampingSet) {
        mu = tau * smax2;
        dampingSet = true;
      }
      let xnorm = 0;
      for (let k = 0; k < ncols; k++) {
        const j = cols[k];
        xnorm += diag[j] * p[j] * diag[j] * p[j];
      }
      xnorm = Math.sqrt(xnorm);

      // inner loop: try steps with increasing damping until one reduces χ²
      for (;;) {
        // u solves min ||Ru + Qᵀr||² + μ||u||²; δ = D⁻¹u
        dampedTriangularSolve(a, m, ncols, qtr, mu, u, this.w, c, s);
        if (this.holdOutgoing(ncols, lower, upper)) break;
        // truncation: α is the fraction of the step at which the first bound is reached; the step
        // stops at θα, strictly inside, unless the gap left is below the xtol resolution of the
        // scaled step, when that parameter lands exactly on its bound
        let alpha = 1;
        let limiting = -1;
        let limit = 0;
        for (let k = 0; k < ncols; k++) {
          const j = cols[k];
          const x = p[j] + u[k] / diag[j];
          const bound = x < lower[j] ? lower[j] : x > upper[j] ? upper[j] : x;
          if (bound === x) continue;
          const t = (bound - p[j]) / (x - p[j]);
          if (t < alpha) {
            alpha = t;
            limiting = j;
            limit = bound;
          }
        }
        const truncated = limiting >= 0;
        const gapLeft = truncated ? diag[limiting] * (1 - STEP_BACK) * Math.abs(limit - p[limiting]) : 0;
        if (gapLeft > xtol * (xnorm + xtol)) {
          alpha *= STEP_BACK;
          limiting = -1;
        }
        for (let j = 0; j < np; j++) pTrial[j] = p[j];
        let stepnorm = 0;
        for (let k = 0; k < ncols; k++) {
          const j = cols[k];
          let x = truncated ? p[j] + (alpha * u[k]) / diag[j] : p[j] + u[k] / diag[j];
          if (j === limiting) x = limit;
          else if (x < lower[j]) x = lower[j];
          else if (x > upper[j]) x = upper[j];
          pTrial[j] = x;
          u[k] = (x - p[j]) * diag[j];
          stepnorm += u[k] * u[k];
        }
        stepnorm = Math.sqrt(stepnorm);
        // predicted reduction of the linear model: −(rᵀĴu + ½||Ĵu||²) = −(qtrᵀRu + ½||Ru||²)
        let pred = 0;
        for (let i = 0; i < ncols; i++) {
          let ri = 0;
          for (let k = i; k < ncols; k++) ri += a[k * m + i] * u[k];
          ru[i] = ri;
          pred -= qtr[i] * ri + 0.5 * ri * ri;
        }
        const tinyStep = !truncated && stepnorm <= xtol * (xnorm + xtol);
        if (stepnorm === 0) {
          reason = 'xtol';
          break;
        }
        problem.residuals(pTrial, rTrial);
        this.nfev++;
        const costTrial = halfSumSquares(rTrial, m);
        const actred = cost - costTrial;
        const rho = pred > 0 ? actred / pred : -1;
        if (Number.isFinite(costTrial) && actred > 0 && rho > 1e-4) {
          for (let j = 0; j < np; j++) p[j] = pTrial[j];
          for (let i = 0; i < m; i++) r[i] = rTrial[i];
          jacobianCurrent = false;
          const costOld = cost;
          cost = costTrial;
          const t = 2 * rho - 1;
          mu *= Math.max(1 / 3, 1 - t * t * t);
          nu = 2;
          if (cost === 0) reason = 'exact';
          else if (!truncated && actred <= ftol * costOld && pred <= ftol * costOld) reason = 'ftol';
          else if (tinyStep) reason = 'xtol';
          else if (this.nfev >= maxfev) reason = 'maxfev';
          break;
        }
        if (tinyStep) {
          reason = 'xtol';
          break;
        }
        // a rejected step whose predicted gain is below ftol: χ² cannot be reduced at the precision
        // it is computed with (rounding in the residuals makes actred noise of ~1e-14·χ²)
        if (!truncated && Number.isFinite(costTrial) && pred <= ftol * cost) {
          reason = 'ftol';
          break;
        }
        if (this.nfev >= maxfev) {
          reason = 'maxfev';
          break;
        }
        mu *= nu;
        nu *= 2;
        if (!(mu < 1e100) || nu > 1e300) {
          reason = 'stalled';
          break;
        }
      }
    }
    // leave the Jacobian of the final point for the covariance
    if (!jacobianCurrent) this.evaluateJacobian(problem, p, vary, lower, upper, options);
    this.cost = cost;
    return reason;
  }

  /**
   * Holds on its bound every parameter of the step u (over cols[0..ncols)) that sits on a bound
   * and would leave the box; true when one was held (the step must then be solved again).
   */
  private holdOutgoing(ncols: number, lower: ArrayLike<number>, upper: ArrayLike<number>): boolean {
    const { p, u, cols, held } = this;
    let holding = false;
    for (let k = 0; k < ncols; k++) {
      const j = cols[k];
      if ((p[j] <= lower[j] && u[k] < 0) || (p[j] >= upper[j] && u[k] > 0)) {
        held[j] = 1;
        holding = true;
      }
    }
    return holding;
  }

  private evaluateJacobian(
    problem: LeastSquaresProblem,
    p: Float64Array,
    vary: ArrayLike<boolean>,
    lower: ArrayLike<number>,
    upper: ArrayLike<number>,
    options: LevenbergMarquardtOptions,
  ): void {
    this.njev++;
    if (problem.jacobian) {
      problem.jacobian(p, this.jac);
      return;
    }
    this.nfev += finiteDifferenceJacobian(
      (q, out) => problem.residuals(q, out),
      p,
      this.r,
      this.jac,
      this.m,
      vary,
      { plus: this.rTrial, minus: this.rWork },
      {
        central: options.finiteDifference === 'central',
        relativeStep: options.diffStep,
        lower,
        upper,
      },
    );
  }
}

function halfSumSquares(r: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) s += r[i] * r[i];
  return Number.isNaN(s) ? Infinity : 0.5 * s;
}
