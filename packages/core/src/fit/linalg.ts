/**
 * Small dense kernels for the least-squares step: Householder QR of the (scaled) Jacobian and a
 * one-sided Jacobi SVD of its triangular factor.
 *
 * Why our own and not ml-matrix here: the step solve runs once per LM iteration on tiny matrices
 * (16 x 4 for a transient, at most a few hundred x 9 for NIST StRD). ml-matrix's QR/SVD allocate
 * Matrix objects per call, and at 50,000 fits/s that allocation alone costs more than the whole
 * solve. These kernels work in caller-owned Float64Arrays (column-major) and allocate nothing.
 * One-sided Jacobi is chosen for the SVD because it computes small singular values to high
 * relative accuracy (Demmel & Veselic, SIAM J. Matrix Anal. Appl. 13, 1204 (1992)), which is what
 * badly scaled 4-6 parameter models and honest covariances need.
 */

/**
 * In-place Householder QR of the m x n column-major matrix `a` (m >= n), applying the same
 * reflections to the vector `b` (so on return b[0..n) = (Q^T b)[0..n) and ||b[n..m)|| is the
 * residual of the linear least-squares problem). Columns are expected to be scaled to norms of
 * order one (as Ĵ = J·D⁻¹ is). On return the upper triangle of the leading
 * n x n block of `a` holds R; the rest of `a` is scratch.
 */
export function householderQR(a: Float64Array, m: number, n: number, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    // plain 2-norm: callers pass column-scaled matrices (unit column norms), so no overflow
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[ck + i] * a[ck + i];
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    const alpha = a[ck + k] > 0 ? -norm : norm;
    // v = x - alpha e1, stored in place; beta = 2 / (v^T v) = 1 / (norm * (norm + |x_k|))
    a[ck + k] -= alpha;
    const beta = 1 / (norm * (norm + Math.abs(a[ck + k] + alpha)));
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let s = 0;
      for (let i = k; i < m; i++) s += a[ck + i] * a[cj + i];
      s *= beta;
      for (let i = k; i < m; i++) a[cj + i] -= s * a[ck + i];
    }
    let s = 0;
    for (let i = k; i < m; i++) s += a[ck + i] * b[i];
    s *= beta;
    for (let i = k; i < m; i++) b[i] -= s * a[ck + i];
    a[ck + k] = alpha;
  }
}

/**
 * One-sided Jacobi SVD of the n x n upper-triangular R stored in the leading block of the
 * column-major m-row array `a` (as left by householderQR). Produces W = R V with orthogonal
 * columns (in `w`, n x n column-major), the orthogonal V (in `v`), and the singular values
 * s_i = ||W_i|| (in `s`). U = W diag(1/s) is never formed: callers only need U^T b = W^T b / s.
 * Returns the number of sweeps used.
 */
export function jacobiSVD(a: Float64Array, m: number, n: number, w: Float64Array, v: Float64Array, s: Float64Array): number {
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      w[j * n + i] = i <= j ? a[j * m + i] : 0;
      v[j * n + i] = i === j ? 1 : 0;
    }
  }
  const tol = 1e-15;
  let sweep = 0;
  for (; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const cp = p * n;
      for (let q = p + 1; q < n; q++) {
        const cq = q * n;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < n; i++) {
          const wp = w[cp + i];
          const wq = w[cq + i];
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        for (let i = 0; i < n; i++) {
          const wp = w[cp + i];
          const wq = w[cq + i];
          w[cp + i] = c * wp - sn * wq;
          w[cq + i] = sn * wp + c * wq;
          const vp = v[cp + i];
          const vq = v[cq + i];
          v[cp + i] = c * vp - sn * vq;
          v[cq + i] = sn * vp + c * vq;
        }
      }
    }
    if (!rotated) break;
  }
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += w[j * n + i] * w[j * n + i];
    s[j] = Math.sqrt(ss);
  }
  return sweep;
}

/**
 * Solve the damped least-squares problem min ||R u + qtr||² + μ||u||² given the n × n upper
 * triangle R of a QR factorisation (leading block of the column-major m-row array `a`), without
 * forming RᵀR: the rows √μ·e_j are rotated into a copy of R with Givens rotations, then the
 * triangular system is back-substituted (MINPACK qrsolv, Moré 1978). Never squares the condition
 * number, and the augmented matrix has full rank for any μ > 0 even when R is singular.
 * `s` (n × n) and `z`, `e` (n) are scratch; the solution is written into `u`.
 */
export function dampedTriangularSolve(
  a: Float64Array,
  m: number,
  n: number,
  qtr: Float64Array,
  mu: number,
  u: Float64Array,
  s: Float64Array,
  z: Float64Array,
  e: Float64Array,
): void {
  // s holds R row-major (s[i*n + k], k >= i) so rotations touch contiguous rows
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) s[i * n + k] = a[k * m + i];
    z[i] = -qtr[i];
  }
  const sqrtMu = Math.sqrt(mu);
  for (let j = 0; j < n; j++) {
    for (let k = j; k < n; k++) e[k] = 0;
    e[j] = sqrtMu;
    let ez = 0; // right-hand side of the damping row
    for (let k = j; k < n; k++) {
      const ek = e[k];
      if (ek === 0) continue;
      const rkk = s[k * n + k];
      let c: number;
      let sn: number;
      if (Math.abs(rkk) < Math.abs(ek)) {
        const cot = rkk / ek;
        sn = 1 / Math.sqrt(1 + cot * cot);
        c = sn * cot;
      } else {
        const tan = ek / rkk;
        c = 1 / Math.sqrt(1 + tan * tan);
        sn = c * tan;
      }
      for (let q = k; q < n; q++) {
        const rq = s[k * n + q];
        const eq = e[q];
        s[k * n + q] = c * rq + sn * eq;
        e[q] = -sn * rq + c * eq;
      }
      const zk = z[k];
      z[k] = c * zk + sn * ez;
      ez = -sn * zk + c * ez;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < n; k++) sum -= s[i * n + k] * u[k];
    const d = s[i * n + i];
    u[i] = d !== 0 ? sum / d : 0;
  }
}
