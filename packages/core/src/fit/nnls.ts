/**
 * Non-negative least squares, min ||A x − b||² subject to x ≥ 0, by the active-set method of
 * C. L. Lawson and R. J. Hanson, Solving Least Squares Problems (Prentice-Hall 1974; SIAM 1995),
 * ch. 23, algorithm NNLS — here on the normal equations: the caller passes the Gram matrix
 * G = AᵀA and c = Aᵀb. That suits the small, many-times-repeated problems it serves (a few
 * columns chosen from a precomputed Gram matrix, as in the time-constant grid of the impedance
 * start values), where forming G once and solving k × k systems is far cheaper than a QR of A
 * per problem. The price is the squared condition number: columns must be scaled to comparable
 * norms (the callers scale them to unit norm), and nearly collinear columns are caught by the
 * pivot test of the Cholesky solve below, which then drops the column that was to enter.
 */

export interface NnlsOutcome {
  /** The solution, x ≥ 0. */
  x: Float64Array;
  /** ||A x − b||² = bᵀb − 2 xᵀc + xᵀG x (bᵀb is the caller's `bb`). */
  residualSquare: number;
  /** False when the iteration limit (3k outer steps) was reached. */
  converged: boolean;
}

/**
 * Solve min ||Ax − b||², x ≥ 0, from G = AᵀA (k × k, row-major), c = Aᵀb and bb = bᵀb.
 * Allocation-free when `work` (from nnlsWorkspace(k)) is passed.
 *
 * `start` (optional) warm-starts the active set: the columns flagged 1 begin passive (those whose
 * unconstrained values come out ≤ 0 are dropped until the rest are positive) before the usual
 * outer iterations — the same optimum, reached in a few steps when the set is nearly right
 * (a neighbouring λ of a regularisation scan, a bootstrap replicate of the same data). Measured on
 * a 100-column Tikhonov problem (inversion/, bench/run.mjs): 3–6 outer steps instead of 30–60.
 */
export function nnlsNormal(
  gram: ArrayLike<number>,
  c: ArrayLike<number>,
  bb: number,
  k: number,
  work: NnlsWorkspace = nnlsWorkspace(k),
  start?: ArrayLike<number>,
): NnlsOutcome {
  const { x, w, passive, excluded, idx } = work;
  x.fill(0);
  passive.fill(0);
  excluded.fill(0);
  work.factored = -1;
  work.cholRows = 0;
  if (start) {
    let any = false;
    for (let j = 0; j < k; j++) {
      if (start[j]) {
        passive[j] = 1;
        any = true;
      }
    }
    if (any) warmStart(gram, c, k, work);
  }
  // the scale of the gradient, for the optimality tolerance
  let cmax = 0;
  for (let j = 0; j < k; j++) cmax = Math.max(cmax, Math.abs(c[j]));
  const tol = 1e-12 * Math.max(cmax, 1e-300);
  let converged = true;
  const maxOuter = 3 * k + 3;
  for (let outer = 0; ; outer++) {
    // w = c − G x: the negative gradient of ½||Ax − b||², needed only where a column may enter
    // (on the passive set it is zero at the passive optimum); x is zero off the passive set
    let np = 0;
    for (let j = 0; j < k; j++) if (passive[j]) idx[np++] = j;
    let best = -1;
    let wmax = tol;
    for (let j = 0; j < k; j++) {
      if (passive[j] || excluded[j]) continue;
      let g = c[j];
      for (let a = 0; a < np; a++) g -= gram[j * k + idx[a]] * x[idx[a]];
      w[j] = g;
      if (g > wmax) {
        wmax = g;
        best = j;
      }
    }
    if (best < 0) break;
    if (outer >= maxOuter) {
      converged = false;
      break;
    }
    passive[best] = 1;
    innerLoop(gram, c, k, work, best);
  }
  let xGx = 0;
  let xc = 0;
  for (let j = 0; j < k; j++) {
    if (x[j] === 0) continue; // zero terms add nothing: skipping them leaves the sums as they were
    xc += x[j] * c[j];
    for (let i = 0; i < k; i++) if (x[i] !== 0) xGx += x[j] * gram[j * k + i] * x[i];
  }
  return { x, residualSquare: Math.max(bb - 2 * xc + xGx, 0), converged };
}

/**
 * The warm start: solve on the given passive set, drop the columns whose values come out ≤ 0 and
 * solve again until all are positive; x is then that solution — feasible and optimal on its passive
 * set, the state Lawson–Hanson's outer loop starts each step from.
 */
function warmStart(gram: ArrayLike<number>, c: ArrayLike<number>, k: number, work: NnlsWorkspace): void {
  const { x, passive, idx, rhs } = work;
  for (;;) {
    let np = 0;
    for (let j = 0; j < k; j++) if (passive[j]) idx[np++] = j;
    if (np === 0) return;
    if (!solvePassive(gram, c, k, idx, np, work)) {
      passive.fill(0); // a dependent start set: begin from the empty set instead
      work.factored = -1;
      return;
    }
    let feasible = true;
    for (let a = 0; a < np; a++) {
      if (rhs[a] <= 0) {
        passive[idx[a]] = 0;
        feasible = false;
      }
    }
    if (feasible) {
      for (let a = 0; a < np; a++) x[idx[a]] = rhs[a];
      work.factored = np;
      return;
    }
  }
}

/**
 * Lawson–Hanson's inner loop: the unconstrained solution on the passive set, stepped back into
 * x ≥ 0 until it is feasible. `entering` is the column that just became passive: if it makes the
 * passive columns dependent it is excluded for the rest of the solve.
 */
function innerLoop(gram: ArrayLike<number>, c: ArrayLike<number>, k: number, work: NnlsWorkspace, entering: number): void {
  const { x, s, passive, excluded, idx, rhs } = work;
  for (;;) {
    let np = 0;
    for (let j = 0; j < k; j++) if (passive[j]) idx[np++] = j;
    if (np === 0) return;
    if (!solvePassive(gram, c, k, idx, np, work)) {
      // the entering column is (numerically) a combination of the passive ones: leave it out
      // for the rest of this solve (x is unchanged: it was feasible before the column entered)
      passive[entering] = 0;
      excluded[entering] = 1;
      work.factored = -1;
      return;
    }
    s.fill(0);
    let feasible = true;
    for (let a = 0; a < np; a++) {
      s[idx[a]] = rhs[a];
      if (rhs[a] <= 0) feasible = false;
    }
    if (feasible) {
      for (let j = 0; j < k; j++) x[j] = s[j];
      work.factored = np;
      return;
    }
    let alpha = Infinity;
    for (let a = 0; a < np; a++) {
      const j = idx[a];
      if (s[j] <= 0) alpha = Math.min(alpha, x[j] / (x[j] - s[j]));
    }
    for (let j = 0; j < k; j++) {
      x[j] += alpha * (s[j] - x[j]);
      if (passive[j] && x[j] <= 1e-300) {
        x[j] = 0;
        passive[j] = 0;
      }
    }
  }
}

export interface NnlsWorkspace {
  x: Float64Array;
  s: Float64Array;
  w: Float64Array;
  passive: Uint8Array;
  excluded: Uint8Array;
  idx: Int32Array;
  /** Cholesky factor F of G_PP, row a at chol[a·k …] (stride k), over the columns cholIdx[0..cholRows). */
  chol: Float64Array;
  cholIdx: Int32Array;
  /** Rows of `chol` valid for the current Gram matrix (0 at the start of every solve). */
  cholRows: number;
  rhs: Float64Array;
  /**
   * After a solve: the size of the passive set whose Cholesky factor `chol` holds (stride k, over
   * the columns idx[0..np) in ascending order), which is the final passive set {j: x_j > 0}; −1
   * when the last factorisation was not of that set (a dependent column). Lets a caller reuse
   * G_PP = F Fᵀ (inversion/dof.ts) instead of factoring it again.
   */
  factored: number;
}

export function nnlsWorkspace(k: number): NnlsWorkspace {
  return {
    x: new Float64Array(k),
    s: new Float64Array(k),
    w: new Float64Array(k),
    passive: new Uint8Array(k),
    excluded: new Uint8Array(k),
    idx: new Int32Array(k),
    chol: new Float64Array(k * k),
    cholIdx: new Int32Array(k),
    cholRows: 0,
    rhs: new Float64Array(k),
    factored: -1,
  };
}

/**
 * Cholesky solve of G_PP z = c_P into rhs[0..np). False when a pivot falls below 1e-10 of its
 * diagonal entry (the passive columns are numerically dependent).
 *
 * Row a of the factor depends only on the passive columns up to the a-th, so the rows before the
 * first column that differs from the last factorisation (same Gram matrix: one NNLS solve) are
 * kept and only the rest recomputed — the same operations on the same numbers as a full
 * factorisation, so the same result. (An NNLS solve of a regularised inversion refactors ≈ 7 times
 * as columns enter and leave: measured on an 80-frequency DRT.)
 */
function solvePassive(gram: ArrayLike<number>, c: ArrayLike<number>, k: number, idx: Int32Array, np: number, work: NnlsWorkspace): boolean {
  const { chol: L, cholIdx, rhs } = work;
  let from = 0;
  const keep = Math.min(work.cholRows, np);
  while (from < keep && cholIdx[from] === idx[from]) from++;
  for (let a = from; a < np; a++) {
    const ja = idx[a];
    cholIdx[a] = ja;
    const ra = a * k;
    for (let b = 0; b <= a; b++) {
      const rb = b * k;
      let sum = gram[ja * k + idx[b]];
      for (let t = 0; t < b; t++) sum -= L[ra + t] * L[rb + t];
      if (a === b) {
        const diag = gram[ja * k + ja];
        if (!(sum > 1e-10 * diag)) {
          work.cholRows = a; // rows 0 … a−1 are a valid factor of idx[0..a)
          return false;
        }
        L[ra + a] = Math.sqrt(sum);
      } else {
        L[ra + b] = sum / L[rb + b];
      }
    }
  }
  work.cholRows = np;
  for (let a = 0; a < np; a++) {
    let sum = c[idx[a]];
    const ra = a * k;
    for (let t = 0; t < a; t++) sum -= L[ra + t] * rhs[t];
    rhs[a] = sum / L[ra + a];
  }
  for (let a = np - 1; a >= 0; a--) {
    let sum = rhs[a];
    for (let t = a + 1; t < np; t++) sum -= L[t * k + a] * rhs[t];
    rhs[a] = sum / L[a * k + a];
  }
  return true;
}
