/**
 * The unscaled covariance (JᵀJ)⁻¹ of a least-squares fit from its Jacobian, through a QR and a
 * one-sided Jacobi SVD (fit/linalg.ts), so that badly conditioned fits keep their accuracy.
 */
import { MACHINE_EPSILON } from './finiteDifference';
import { householderQR, jacobiSVD } from './linalg';

const EPS = MACHINE_EPSILON;

export interface CovarianceOutcome {
  /** (JᵀJ)⁻¹ over the given columns (nfree × nfree, row-major), pseudo-inverse if rank deficient. */
  readonly covariance: Float64Array;
  readonly rank: number;
  /** Singular values of the column-scaled Jacobian, descending order not guaranteed. */
  readonly singularValues: Float64Array;
}

/**
 * Unscaled covariance (JᵀJ)⁻¹ of the parameters in `columns`, from the m × np column-major
 * Jacobian: with Ĵ = J D⁻¹ = Q·W·Vᵀ/… (QR then Jacobi SVD), (JᵀJ)⁻¹ = D⁻¹ V diag(1/s²) Vᵀ D⁻¹.
 * Going through the SVD rather than inverting JᵀJ keeps the accuracy of badly conditioned fits
 * (NIST StRD's certified standard errors need it). Singular values below m·ε·s_max are treated
 * as zero (pseudo-inverse) and reported through `rank`.
 */
export function covarianceFromJacobian(jac: ArrayLike<number>, m: number, columns: ArrayLike<number>): CovarianceOutcome {
  const n = columns.length;
  return covarianceInto(
    jac,
    m,
    columns,
    new Float64Array(m * n),
    new Float64Array(m),
    new Float64Array(n * n),
    new Float64Array(n * n),
    new Float64Array(n),
    new Float64Array(n),
    new Float64Array(n * n),
  );
}

export function covarianceInto(
  jac: ArrayLike<number>,
  m: number,
  columns: ArrayLike<number>,
  a: Float64Array,
  b: Float64Array,
  w: Float64Array,
  v: Float64Array,
  s: Float64Array,
  d: Float64Array,
  cov: Float64Array,
): CovarianceOutcome {
  const n = columns.length;
  for (let k = 0; k < n; k++) {
    const cj = columns[k] * m;
    let nn = 0;
    for (let i = 0; i < m; i++) nn += jac[cj + i] * jac[cj + i];
    d[k] = nn > 0 ? Math.sqrt(nn) : 1;
    for (let i = 0; i < m; i++) a[k * m + i] = jac[cj + i] / d[k];
  }
  b.fill(0);
  householderQR(a, m, n, b);
  jacobiSVD(a, m, n, w, v, s);
  let smax = 0;
  for (let k = 0; k < n; k++) if (s[k] > smax) smax = s[k];
  const cutoff = Math.max(m, n) * EPS * smax;
  let rank = 0;
  cov.fill(0);
  for (let t = 0; t < n; t++) {
    if (!(s[t] > cutoff)) continue;
    rank++;
    const inv = 1 / (s[t] * s[t]);
    for (let i = 0; i < n; i++) {
      const vi = v[t * n + i] * inv;
      for (let k = 0; k < n; k++) cov[i * n + k] += vi * v[t * n + k];
    }
  }
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) cov[i * n + k] /= d[i] * d[k];
  return { covariance: cov, rank, singularValues: s.subarray(0, n) };
}
