/**
 * The covariance between time lags of an origin-averaged MSD, in the random-walk approximation
 * that the generalised-least-squares estimator of kinisi rests on (McCluskey, Coles & Morgan,
 * "Accurate Estimation of Diffusion Coefficients and their Uncertainties from Computer
 * Simulation", J. Chem. Theory Comput. 2024, §2: the MSD at different lags shares displacements
 * and is strongly correlated; weighting by the full covariance gives the best linear unbiased D and
 * an honest σ_D, where ordinary least squares understates σ_D by a large factor).
 *
 * Here the covariance is exact for Gaussian increments instead of kinisi's count of
 * "non-overlapping observations": for one coordinate of one walker with step variance s² and F
 * frames, the estimator M_n = 1/(F−n) Σ_i (x_{i+n} − x_i)² has (Isserlis: Cov(a², b²) = 2Cov(a, b)²,
 * and Cov of two displacements = s² × the overlap of their intervals)
 *   Cov(M_n, M_m) = 2s⁴/((F−n)(F−m)) · Σ_{i,j} ov(i, n; j, m)²
 * with ov the number of steps the intervals [i, i+n] and [j, j+m] share. Grouped by the offset
 * k = j − i the double sum is O(n + m) (Qian, Sheetz & Elson, Biophys. J. 60, 910 (1991) give
 * the diagonal). d directions and A independent walkers: Cov = (d/A)·s⁴·K.
 * Checked against the scatter of simulated walkers in packages/core/test/md-uncertainty.test.ts.
 */

/** Σ over interval pairs of the squared overlap, for lags n ≤ m of a series of F frames. */
function overlapSum(n: number, m: number, F: number): number {
  let sum = 0;
  for (let k = -m + 1; k <= n - 1; k++) {
    const lo = Math.max(0, -k);
    const hi = Math.min(F - 1 - n, F - 1 - m - k);
    const count = hi - lo + 1;
    if (count <= 0) continue;
    const ov = Math.min(n, k + m) - Math.max(0, k);
    if (ov > 0) sum += count * ov * ov;
  }
  return sum;
}

/**
 * K(n, m) for the given lags (in frames): the covariance of the MSD estimators of one coordinate
 * of one walker in units of s⁴ (row-major, lags.length²).
 */
export function randomWalkMsdCovariance(lags: readonly number[], frames: number): Float64Array {
  const key = `${frames}:${lags.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const K = computeCovariance(lags, frames);
  if (cache.size >= 8) cache.delete(cache.keys().next().value as string);
  cache.set(key, K);
  return K;
}

/** The last few K (the tracer, collective and per-direction fits of one run share their lags). */
const cache = new Map<string, Float64Array>();

function computeCovariance(lags: readonly number[], frames: number): Float64Array {
  const p = lags.length;
  const K = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const [n, m] = lags[a] <= lags[b] ? [lags[a], lags[b]] : [lags[b], lags[a]];
      const v = (2 * overlapSum(n, m, frames)) / ((frames - n) * (frames - m));
      K[a * p + b] = v;
      K[b * p + a] = v;
    }
  }
  return K;
}
