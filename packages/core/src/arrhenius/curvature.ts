/**
 * Is a stretch of an Arrhenius plot straight? The extra-sum-of-squares test of a quadratic term in
 * x = 1000/T against the straight line, both weighted least squares of y = log10(value):
 *
 *   line:       y = a + b·u            u = (x − x̄)/h, centred and scaled to [−1, 1]
 *   quadratic:  y = a + b·u + c·u²     Δχ² = χ²(line) − χ²(quadratic)
 *
 * With σ given they are taken at face value, and Δχ² ~ χ²(1) under a straight line; without σ the
 * scale comes from the quadratic's residuals and F = Δχ²/(χ²(quadratic)/(n − 3)) ~ F(1, n − 3)
 * (the nested-model F-test; Bevington & Robinson, Data Reduction and Error Analysis for the
 * Physical Sciences, 3rd ed. (2003), §11.4). Underestimated σ make the test see curvature that is
 * noise: a window is then moved or shortened for nothing, which costs points but biases nothing.
 *
 * The sign of c says how it bends. On either flank of a rate peak, log10 R is concave in 1000/T
 * next to the maximum (c < 0), and turns convex (c > 0) where another contribution (a background
 * rate, the Larmor-frequency terms of R1ρ, a second process) lifts the far end.
 */
import { householderQR } from '../fit/linalg';
import { fDistributionSurvival, normalSurvival } from '../fit/distributions';

export interface CurvatureTest {
  /** P(Δχ² ≥ observed | a straight line): small p says the stretch is curved. */
  pValue: number;
  /** The quadratic coefficient ½·d²log10(y)/dx² per (1000/T)², x in 1000/K: < 0 concave, > 0 convex. */
  curvature: number;
  n: number;
}

/** χ² of the weighted polynomial fit of y on 1, u, …, u^degree (Householder QR, no normal equations). */
function polynomialChiSquare(
  u: readonly number[],
  y: readonly number[],
  w: readonly number[],
  degree: number,
): { chiSquare: number; top: number } {
  const m = u.length;
  const n = degree + 1;
  const a = new Float64Array(m * n);
  const b = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const s = Math.sqrt(w[i]);
    b[i] = s * y[i];
    for (let j = 0; j < n; j++) a[j * m + i] = s * Math.pow(u[i], j);
  }
  // unit column norms, as householderQR expects; the residual does not depend on the scaling
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let q = 0;
    for (let i = 0; i < m; i++) q += a[j * m + i] * a[j * m + i];
    norms[j] = Math.sqrt(q) || 1;
    for (let i = 0; i < m; i++) a[j * m + i] /= norms[j];
  }
  householderQR(a, m, n, b);
  let chiSquare = 0;
  for (let i = n; i < m; i++) chiSquare += b[i] * b[i];
  // the highest coefficient by back substitution of its own row: R[n−1][n−1]·c' = (Qᵀb)[n−1]
  const top = b[n - 1] / a[(n - 1) * m + (n - 1)] / norms[n - 1];
  return { chiSquare, top };
}

/**
 * The curvature test of points (x = 1000/T, y = log10 value, σ of y or none); null when the points
 * cannot judge it: fewer than 4 with σ (a quadratic through 3 points has no residual), fewer than
 * 5 without (the scale would rest on one residual degree of freedom, F(1, 1), a test with next to
 * no power that would call almost any window straight).
 */
export function testCurvature(x: readonly number[], y: readonly number[], sigma?: readonly number[]): CurvatureTest | null {
  const n = x.length;
  if (n < (sigma ? 4 : 5)) return null;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const half = Math.max(...x.map((v) => Math.abs(v - mean))) || 1;
  const u = x.map((v) => (v - mean) / half);
  const w = sigma ? sigma.map((s) => 1 / (s * s)) : x.map(() => 1);
  const line = polynomialChiSquare(u, y, w, 1);
  const quadratic = polynomialChiSquare(u, y, w, 2);
  const drop = Math.max(0, line.chiSquare - quadratic.chiSquare);
  let pValue: number;
  if (sigma) pValue = 2 * normalSurvival(Math.sqrt(drop));
  else if (quadratic.chiSquare > 0) pValue = fDistributionSurvival(drop / (quadratic.chiSquare / (n - 3)), 1, n - 3);
  else pValue = drop > 0 ? 0 : 1;
  return { pValue, curvature: quadratic.top / (half * half), n };
}
