/**
 * Automatic starting values for transient fits, so no user guess is needed.
 *
 * Variable projection on a grid (Golub & Pereyra, SIAM J. Numer. Anal. 10, 413 (1973)): for a
 * trial time constant T the models are linear in their amplitudes (M∞, M∞·a, M0, c), so each
 * grid value of T costs one tiny linear least-squares solve; the T with the smallest residual,
 * refined by a parabola through its neighbours in ln T, starts the nonlinear fit. This finds the
 * right basin whatever the units of t and y, for signed, magnitude and offset data alike.
 */

/** Solve the k ≤ 3 normal equations (BᵀWB)c = BᵀWy; returns the weighted RSS, or Infinity if singular. */
export function linearAmplitudes(
  basis: Float64Array[],
  k: number,
  y: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  coef: Float64Array,
): number {
  const n = y.length;
  const A = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const b = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] * w[i] : 1;
    for (let r = 0; r < k; r++) {
      b[r] += wi * basis[r][i] * y[i];
      for (let c = 0; c <= r; c++) A[r * 3 + c] += wi * basis[r][i] * basis[c][i];
    }
  }
  // Cholesky of the k × k symmetric matrix
  const L = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let r = 0; r < k; r++) {
    for (let c = 0; c <= r; c++) {
      let s = A[r * 3 + c];
      for (let q = 0; q < c; q++) s -= L[r * 3 + q] * L[c * 3 + q];
      if (r === c) {
        if (!(s > 1e-14 * A[r * 3 + r]) || s <= 0) return Infinity;
        L[r * 3 + r] = Math.sqrt(s);
      } else L[r * 3 + c] = s / L[c * 3 + c];
    }
  }
  const z = [0, 0, 0];
  for (let r = 0; r < k; r++) {
    let s = b[r];
    for (let q = 0; q < r; q++) s -= L[r * 3 + q] * z[q];
    z[r] = s / L[r * 3 + r];
  }
  for (let r = k - 1; r >= 0; r--) {
    let s = z[r];
    for (let q = r + 1; q < k; q++) s -= L[q * 3 + r] * coef[q];
    coef[r] = s / L[r * 3 + r];
  }
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let r = 0; r < k; r++) f += coef[r] * basis[r][i];
    const d = (y[i] - f) * (w ? w[i] : 1);
    rss += d * d;
  }
  return rss;
}

/** Log-spaced trial time constants covering the delays, from min(t)/3 to 3·max(t). */
export function timeConstantGrid(t: ArrayLike<number>, points = 13): Float64Array {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] > 0 && t[i] < lo) lo = t[i];
    if (t[i] > hi) hi = t[i];
  }
  if (!Number.isFinite(lo)) lo = hi > 0 ? hi / 100 : 1;
  const a = Math.log(lo / 3);
  const b = Math.log(hi * 3);
  const grid = new Float64Array(points);
  for (let i = 0; i < points; i++) grid[i] = Math.exp(a + ((b - a) * i) / (points - 1));
  return grid;
}

/**
 * Kohlrausch relaxation functions exp(−(t_i/T_k)^γ) for every grid time constant T_k
 * (row k, E[k·n + i]), with the grid itself. They depend on the delays and γ only, not on the
 * signal, so a batch of transients sharing delays (a T1 map, a benchmark, a VT series with one
 * vdlist) computes them once: the last set is kept and reused while the delays (compared value
 * by value), γ and the grid size stay the same.
 */
export interface RelaxationGrid {
  readonly grid: Float64Array;
  readonly E: Float64Array;
}
let cachedGrid: { t: Float64Array; gamma: number; points: number; value: RelaxationGrid } | undefined;
export function relaxationGrid(t: ArrayLike<number>, gamma: number, points: number): RelaxationGrid {
  const n = t.length;
  const c = cachedGrid;
  let same = c !== undefined && c.gamma === gamma && c.points === points && c.t.length === n;
  for (let i = 0; same && i < n; i++) same = t[i] === c!.t[i];
  if (same) return c!.value;
  const grid = timeConstantGrid(t, points);
  const E = new Float64Array(points * n);
  for (let k = 0; k < points; k++) {
    for (let i = 0; i < n; i++) E[k * n + i] = Math.exp(-Math.pow(t[i] / grid[k], gamma));
  }
  const value = { grid, E };
  cachedGrid = { t: Float64Array.from(t), gamma, points, value };
  return value;
}

/**
 * Minimise rss over the grid (rssOnGrid(k) at grid[k], or rss(grid[k]) when not given), then
 * refine by a parabola in ln T through the best point and its neighbours. Returns the best T
 * (the caller re-evaluates its amplitudes there).
 */
export function bestTimeConstant(
  grid: Float64Array,
  rss: (T: number) => number,
  rssOnGrid: (k: number) => number = (k) => rss(grid[k]),
): number {
  let best = 0;
  let f0 = Infinity,
    f1 = Infinity,
    f2 = Infinity;
  let previous = Infinity;
  for (let k = 0; k < grid.length; k++) {
    const v = rssOnGrid(k);
    if (v < f1) {
      best = k;
      f0 = previous;
      f1 = v;
      f2 = Infinity;
    } else if (k === best + 1) f2 = v;
    previous = v;
  }
  if (best === 0 || best === grid.length - 1 || !Number.isFinite(f1)) return grid[best];
  const denom = f0 - 2 * f1 + f2;
  if (!(denom > 0)) return grid[best];
  const h = Math.log(grid[best + 1] / grid[best]);
  const shift = (0.5 * (f0 - f2)) / denom; // in grid steps, |shift| <= 1/2 for a convex triple
  const T = grid[best] * Math.exp(shift * h);
  return rss(T) < f1 ? T : grid[best];
}

/**
 * Stretch exponent and time constant from the Kohlrausch linearisation
 * ln(−ln E) = γ·ln t − γ·ln T of a relaxation function E(t) = exp(−(t/T)^γ) estimated from the
 * data (E = (1 − y/M∞)/a for recovery, (y − c)/M0 for decay). Only points with 0.05 < E < 0.95
 * carry information (elsewhere ln(−ln E) is dominated by noise), weighted by (E·ln E)², the
 * inverse variance of ln(−ln E) for a constant error in E. Returns undefined when fewer than
 * three points qualify or the line is not a valid stretched exponential (0.1 ≤ γ ≤ 2).
 * `lnt`, when given, holds ln t (cached by the caller).
 */
export function kohlrauschLinearization(
  t: ArrayLike<number>,
  E: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  lnt?: ArrayLike<number>,
): { T: number; gamma: number } | undefined {
  let sw = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0,
    count = 0;
  for (let i = 0; i < t.length; i++) {
    const e = E[i];
    if (!(e > 0.05 && e < 0.95)) continue;
    const lnE = Math.log(e);
    const x = lnt ? lnt[i] : Math.log(t[i]);
    const z = Math.log(-lnE);
    const wi = e * lnE * e * lnE * (w ? w[i] * w[i] : 1);
    sw += wi;
    sx += wi * x;
    sy += wi * z;
    sxx += wi * x * x;
    sxy += wi * x * z;
    count++;
  }
  if (count < 3) return undefined;
  const det = sw * sxx - sx * sx;
  if (!(det > 0)) return undefined;
  const gamma = (sw * sxy - sx * sy) / det;
  if (!(gamma >= 0.1 && gamma <= 2)) return undefined;
  const intercept = (sy - gamma * sx) / sw;
  const T = Math.exp(-intercept / gamma);
  return Number.isFinite(T) && T > 0 ? { T, gamma } : undefined;
}
