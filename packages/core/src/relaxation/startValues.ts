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
 * Minimise rss(T) over the grid, then refine by a parabola in ln T through the best point and
 * its neighbours. Returns the best T (the caller re-evaluates its amplitudes there).
 */
export function bestTimeConstant(grid: Float64Array, rss: (T: number) => number): number {
  let best = 0;
  const values = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    values[i] = rss(grid[i]);
    if (values[i] < values[best]) best = i;
  }
  if (best === 0 || best === grid.length - 1 || !Number.isFinite(values[best])) return grid[best];
  const [f0, f1, f2] = [values[best - 1], values[best], values[best + 1]];
  const denom = f0 - 2 * f1 + f2;
  if (!(denom > 0)) return grid[best];
  const h = Math.log(grid[best + 1] / grid[best]);
  const shift = (0.5 * (f0 - f2)) / denom; // in grid steps, |shift| <= 1/2 for a convex triple
  const T = grid[best] * Math.exp(shift * h);
  return rss(T) < f1 ? T : grid[best];
}
