/**
 * Lin–KK validity test (M. Schönleber, D. Klotz, E. Ivers-Tiffée, Electrochim. Acta 131, 20
 * (2014)): a spectrum obeys the Kramers–Kronig relations (linear, causal, stable, time-invariant
 * system) if a KK-compliant model reproduces it within the noise. The model is a series
 * resistance, M fixed-τ RC elements and (optionally) a series inductance and capacitance,
 *
 *   Ẑ(ω) = R₀ + Σ_k R_k/(1 + jωτ_k) + jωL [+ 1/(jωC)],
 *   τ_1 = 1/ω_max, τ_M = 1/ω_min, log-spaced in between (their eq. 12),
 *
 * which is linear in (R₀, R_k, L, 1/C), so it is solved by linear least squares of the complex
 * residuals weighted by 1/|Z| (their eq. 14). M is chosen automatically (their §3.2): starting
 * from M = 1 it grows until the under/over-fitting measure
 *
 *   μ = 1 − Σ_{R_k<0} |R_k| / Σ_{R_k≥0} |R_k|      (their eq. 21)
 *
 * falls below c (default 0.85): negative resistances appear once the RC elements start fitting
 * noise. The search also stops when the residuals are already at the rounding level (every
 * |Δ| < 1e-10): μ cannot fall for noise-free KK data that one grid reproduces exactly, and the
 * next, finer grids would only fit worse where their τ miss the true ones. The relative
 * residuals Δ = (Z − Ẑ)/|Z| of the chosen fit are the test: they should scatter around zero at
 * the noise level, without trends.
 *
 * Choosing M. Schönleber's rule (`selection: 'mu'`) takes the first M with μ ≤ c. On nearly ideal
 * single-τ spectra (the dummy cells of shared/data) the coarse grids need negative R_k to bridge a
 * τ that falls between grid points, so μ drops below c at M = 4–6 while the fit is still poor
 * (RMS residual ≈ 0.1, measured on all three cells): the test then flags good data. The default
 * (`selection: 'converged'`) applies the μ criterion only among fits that have reached the noise
 * floor: it fits M = 1 … maxElements, takes the smallest RMS residual r_min, and chooses the
 * smallest M with RMS ≤ 2·r_min and μ ≤ c (or, when no such M exists, the smallest M with
 * RMS ≤ 2·r_min, with a warning). On the dummy cells this gives M = 14–17 and residuals of
 * 2e-4–2e-3, the noise level of the files; on noisy or non-KK data it behaves as before, since
 * the floor is then set by the noise or by the KK violation itself.
 */
import { InputError } from '../errors';
import { householderQR, jacobiSVD } from '../fit/linalg';
import { checkSpectrum, SpectrumData } from './spectrum';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

export interface LinKKOptions {
  /** μ threshold (default 0.85, Schönleber's value). */
  c?: number;
  /** Largest M tried in the automatic search (default 50, as impedance.py). */
  maxElements?: number;
  /**
   * How M is chosen when `elements` is not given: 'converged' (default) applies μ ≤ c among fits at
   * the noise floor; 'mu' is Schönleber's first M with μ ≤ c. See the file comment.
   */
  selection?: 'converged' | 'mu';
  /** Use exactly this many RC elements (turns the μ search off). */
  elements?: number;
  /** Fit a series inductance (default true: cables and cells add one at high frequency). */
  inductance?: boolean;
  /** Fit a series capacitance (for spectra without a low-frequency intercept, e.g. blocking electrodes). Default false. */
  capacitance?: boolean;
  source?: string;
}

export interface LinKKResult {
  schema: ResultSchema;
  kind: 'LinKKResult';
  /** Number of RC elements M used. */
  elements: number;
  mu: number;
  c: number;
  /** True when μ ≤ c (or an exact fit) was reached; false when the search stopped at maxElements. */
  muCriterionMet: boolean;
  timeConstants_s: number[];
  resistances_ohm: number[];
  seriesResistance_ohm: number;
  inductance_H?: number;
  capacitance_F?: number;
  frequency_Hz: number[];
  zFitReal_ohm: number[];
  zFitImag_ohm: number[];
  /** (Z′ − Ẑ′)/|Z| and (Z″ − Ẑ″)/|Z| per frequency. */
  residualsReal: number[];
  residualsImag: number[];
  /** Largest |Δ| over both parts, and the RMS of all 2N residuals. */
  maxAbsResidual: number;
  rmsResidual: number;
  warnings: string[];
}

interface LinearFit {
  x: Float64Array;
  mu: number;
  /** Largest |Δ| of the fit. */
  maxAbsResidual: number;
  /** RMS of the 2N relative residuals. */
  rms: number;
}

/** Residuals this small mean the data are reproduced to rounding error: more elements cannot help. */
const EXACT_FIT_RESIDUAL = 1e-10;

export function linKK(spectrum: SpectrumData, options: LinKKOptions = {}): LinKKResult {
  const source = options.source ?? 'linKK';
  const data = checkSpectrum(spectrum, source);
  const { frequency_Hz: f, zReal_ohm: re, zImag_ohm: im } = data;
  const n = f.length;
  const c = options.c ?? 0.85;
  const maxElements = options.maxElements ?? 50;
  const withL = options.inductance ?? true;
  const withC = options.capacitance ?? false;
  const extra = 1 + (withL ? 1 : 0) + (withC ? 1 : 0);
  if (!(c > 0 && c < 1)) throw new InputError('μ threshold out of range', { field: 'c', expected: '0 < c < 1', found: String(c), source });
  if (options.elements !== undefined && !(Number.isInteger(options.elements) && options.elements >= 1)) {
    throw new InputError('number of RC elements must be a positive integer', {
      field: 'elements',
      expected: 'an integer ≥ 1',
      found: String(options.elements),
      source,
    });
  }
  if (!(Number.isInteger(maxElements) && maxElements >= 1)) {
    throw new InputError('maximum number of RC elements must be a positive integer', {
      field: 'maxElements',
      expected: 'an integer ≥ 1',
      found: String(maxElements),
      source,
    });
  }
  if (n < 3) {
    throw new InputError('too few frequencies for a Lin-KK test', {
      field: 'frequency_Hz',
      expected: 'at least 3 frequencies',
      found: `${n}`,
      source,
    });
  }
  if (options.elements !== undefined && options.elements + extra > 2 * n) {
    throw new InputError('more unknowns than data', {
      field: 'elements',
      expected: `at most ${2 * n - extra} RC elements for ${n} frequencies (2 equations each)`,
      found: String(options.elements),
      source,
    });
  }
  const omega = Float64Array.from(f, (v) => 2 * Math.PI * v);
  const modulus = Float64Array.from(f, (_, i) => Math.hypot(re[i], im[i]));
  const zero = modulus.findIndex((m) => m === 0);
  if (zero >= 0) {
    throw new InputError('|Z| = 0: the residuals are weighted by 1/|Z|', {
      field: `zReal_ohm[${zero}]`,
      expected: 'a nonzero impedance',
      found: `0 at ${f[zero]} Hz`,
      source,
    });
  }
  const wMin = Math.min(...omega);
  const wMax = Math.max(...omega);

  const selection = options.selection ?? 'converged';
  if (selection !== 'converged' && selection !== 'mu') {
    throw new InputError('unknown selection rule', {
      field: 'selection',
      expected: "'converged' or 'mu'",
      found: JSON.stringify(selection),
      source,
    });
  }
  const warnings: string[] = [];
  let M = options.elements ?? 0;
  let fit: LinearFit;
  let taus: Float64Array;
  let muCriterionMet: boolean;
  if (options.elements !== undefined) {
    taus = timeConstants(M, wMin, wMax);
    fit = solve(taus, omega, re, im, modulus, withL, withC);
    muCriterionMet = true;
  } else if (selection === 'mu') {
    do {
      M++;
      taus = timeConstants(M, wMin, wMax);
      fit = solve(taus, omega, re, im, modulus, withL, withC);
    } while (fit.mu > c && fit.maxAbsResidual > EXACT_FIT_RESIDUAL && M < maxElements && M + 1 + extra <= 2 * n);
    muCriterionMet = fit.mu <= c || fit.maxAbsResidual <= EXACT_FIT_RESIDUAL;
    if (!muCriterionMet)
      warnings.push(`μ = ${fit.mu.toFixed(3)} stayed above c = ${c} up to M = ${M} RC elements: the result uses M = ${M}`);
  } else {
    const fits: Array<{ M: number; taus: Float64Array; fit: LinearFit }> = [];
    for (let m = 1; m <= maxElements && m + 1 + extra <= 2 * n; m++) {
      const t = timeConstants(m, wMin, wMax);
      const f = solve(t, omega, re, im, modulus, withL, withC);
      fits.push({ M: m, taus: t, fit: f });
      if (f.maxAbsResidual <= EXACT_FIT_RESIDUAL) break; // exact: finer grids cannot do better
    }
    // frequencies such as 1e-300…3e-300 Hz make τ = 1/ω overflow and every fit NaN: an input
    // error, not a crash on an empty choice
    if (!fits.some((e) => Number.isFinite(e.fit.rms))) throw notFinite(f, source);
    const floor = Math.min(...fits.filter((e) => Number.isFinite(e.fit.rms)).map((e) => e.fit.rms));
    const converged = fits.filter((e) => e.fit.rms <= 2 * floor || e.fit.maxAbsResidual <= EXACT_FIT_RESIDUAL);
    const chosen = converged.find((e) => e.fit.mu <= c || e.fit.maxAbsResidual <= EXACT_FIT_RESIDUAL) ?? converged[0];
    ({ M, taus, fit } = chosen);
    muCriterionMet = fit.mu <= c || fit.maxAbsResidual <= EXACT_FIT_RESIDUAL;
    if (!muCriterionMet) {
      warnings.push(
        `no fit at the noise floor (RMS ≤ ${(2 * floor).toExponential(2)}) has μ ≤ c = ${c}: the result uses the smallest such M = ${M} (μ = ${fit.mu.toFixed(3)})`,
      );
    }
  }
  if (!Number.isFinite(fit.rms)) throw notFinite(f, source);
  const x = fit.x;
  const R0 = x[0];
  const Rk = Array.from(x.subarray(1, 1 + M));
  const L = withL ? x[1 + M] : 0;
  const invC = withC ? x[1 + M + (withL ? 1 : 0)] : 0;
  const zFitReal_ohm: number[] = [];
  const zFitImag_ohm: number[] = [];
  const residualsReal: number[] = [];
  const residualsImag: number[] = [];
  let maxAbs = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    let zr = R0;
    let zi = omega[i] * L - invC / omega[i];
    for (let k = 0; k < M; k++) {
      const wt = omega[i] * taus[k];
      const d = 1 + wt * wt;
      zr += Rk[k] / d;
      zi -= (Rk[k] * wt) / d;
    }
    zFitReal_ohm.push(zr);
    zFitImag_ohm.push(zi);
    const dr = (re[i] - zr) / modulus[i];
    const di = (im[i] - zi) / modulus[i];
    residualsReal.push(dr);
    residualsImag.push(di);
    maxAbs = Math.max(maxAbs, Math.abs(dr), Math.abs(di));
    ss += dr * dr + di * di;
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'LinKKResult',
    elements: M,
    mu: fit.mu,
    c,
    muCriterionMet,
    timeConstants_s: Array.from(taus),
    resistances_ohm: Rk,
    seriesResistance_ohm: R0,
    ...(withL && { inductance_H: L }),
    ...(withC && { capacitance_F: 1 / invC }),
    frequency_Hz: Array.from(f),
    zFitReal_ohm,
    zFitImag_ohm,
    residualsReal,
    residualsImag,
    maxAbsResidual: maxAbs,
    rmsResidual: Math.sqrt(ss / (2 * n)),
    warnings,
  };
}

/** τ_k log-spaced from 1/ω_max to 1/ω_min (a single element sits at the geometric mean). */
function timeConstants(M: number, wMin: number, wMax: number): Float64Array {
  const tMin = 1 / wMax;
  const tMax = 1 / wMin;
  if (M === 1) return Float64Array.of(Math.sqrt(tMin * tMax));
  return Float64Array.from({ length: M }, (_, k) => tMin * Math.pow(tMax / tMin, k / (M - 1)));
}

/**
 * Weighted linear least squares for (R₀, R_1..R_M, L?, 1/C?) through a column-scaled Householder
 * QR, so the ill-conditioning of closely spaced τ does not square, then either of two solves of
 * R x = Qᵀb that give the same x:
 * - the pseudo-inverse through an SVD of R (singular values below 2N·ε·s_max dropped, as
 *   numpy.linalg.pinv does), needed only when R is that close to singular;
 * - back substitution when κ₁(R) = ||R||₁·||R⁻¹||₁ is below 0.01/(n·2N·ε). Since
 *   κ₂ ≤ n·κ₁, every singular value is then above 100× the pinv cutoff, the pseudo-inverse drops
 *   nothing and equals R⁻¹, and the two differ by rounding, κ·ε relative at most (measured on two
 *   ZARCs, 80 frequencies, M = 1…50: κ₁ ≤ 5e5, x agrees to 8e-12 relative).
 * R⁻¹ costs n³/6 multiply-adds; the one-sided Jacobi SVD 6–15 sweeps of ≈ 5n³ each (measured:
 * 11 ms of an M = 50 fit): three quarters of the automatic M search (M = 1 … 50) was the SVD.
 */
function solve(
  taus: Float64Array,
  omega: Float64Array,
  re: Float64Array,
  im: Float64Array,
  modulus: Float64Array,
  withL: boolean,
  withC: boolean,
): LinearFit {
  const n = omega.length;
  const M = taus.length;
  const np = 1 + M + (withL ? 1 : 0) + (withC ? 1 : 0);
  const m = 2 * n;
  const a = new Float64Array(m * np);
  const b = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const w = 1 / modulus[i];
    b[i] = re[i] * w;
    b[n + i] = im[i] * w;
    a[i] = w; // R₀: real part only
    for (let k = 0; k < M; k++) {
      const wt = omega[i] * taus[k];
      const d = 1 + wt * wt;
      a[(1 + k) * m + i] = w / d;
      a[(1 + k) * m + n + i] = (-w * wt) / d;
    }
    let col = 1 + M;
    if (withL) a[col++ * m + n + i] = w * omega[i];
    if (withC) a[col * m + n + i] = -w / omega[i];
  }
  // the weighted system as built, kept to compute the residuals Δ = b − A x afterwards
  const a0 = a.slice();
  const b0 = b.slice();
  const norms = new Float64Array(np);
  for (let j = 0; j < np; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += a[j * m + i] * a[j * m + i];
    norms[j] = s > 0 ? Math.sqrt(s) : 1;
    for (let i = 0; i < m; i++) a[j * m + i] /= norms[j];
  }
  householderQR(a, m, np, b);
  const x = triangularSolve(a, m, np, b) ?? pseudoInverseSolve(a, m, np, b);
  for (let j = 0; j < np; j++) x[j] /= norms[j];
  let negative = 0;
  let positive = 0;
  for (let k = 1; k <= M; k++) {
    if (x[k] < 0) negative -= x[k];
    else positive += x[k];
  }
  let maxAbsResidual = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    let zr = 0;
    let zi = 0;
    for (let j = 0; j < np; j++) {
      zr += a0[j * m + i] * x[j];
      zi += a0[j * m + n + i] * x[j];
    }
    const dr = b0[i] - zr;
    const di = b0[n + i] - zi;
    maxAbsResidual = Math.max(maxAbsResidual, Math.abs(dr), Math.abs(di));
    ss += dr * dr + di * di;
  }
  return { x, mu: positive > 0 ? 1 - negative / positive : 0, maxAbsResidual, rms: Math.sqrt(ss / m) };
}

/**
 * x = R⁻¹(Qᵀb) for the n × n upper triangle R of `a` (column-major, m rows), or null when
 * n·κ₁(R) ≥ 0.01/(m·ε) (the pseudo-inverse might drop a singular value; see `solve`) or R is
 * singular: R⁻¹ column by column (n³/6 multiply-adds), κ₁ = max column sum of |R| × that of |R⁻¹|.
 */
export function triangularSolve(a: Float64Array, m: number, n: number, qtb: Float64Array): Float64Array | null {
  const inv = new Float64Array(n * n); // column-major, upper triangular
  let normR = 0;
  let normInv = 0;
  for (let j = 0; j < n; j++) {
    let colR = 0;
    for (let i = 0; i <= j; i++) colR += Math.abs(a[j * m + i]);
    normR = Math.max(normR, colR);
    // column j of R⁻¹: R z = e_j, z[i] = 0 for i > j
    let colInv = 0;
    for (let i = j; i >= 0; i--) {
      let sum = i === j ? 1 : 0;
      for (let t = i + 1; t <= j; t++) sum -= a[t * m + i] * inv[j * n + t];
      const z = sum / a[i * m + i];
      if (!Number.isFinite(z)) return null;
      inv[j * n + i] = z;
      colInv += Math.abs(z);
    }
    normInv = Math.max(normInv, colInv);
  }
  if (!(n * normR * normInv < 0.01 / (m * 2.220446049250313e-16))) return null;
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const c = qtb[j];
    for (let i = 0; i <= j; i++) x[i] += inv[j * n + i] * c;
  }
  return x;
}

/** x = R⁺(Qᵀb) by a one-sided Jacobi SVD of R, singular values below 2N·ε·s_max dropped (numpy.linalg.pinv's rule). */
export function pseudoInverseSolve(a: Float64Array, m: number, n: number, qtb: Float64Array): Float64Array {
  const w = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  const s = new Float64Array(n);
  jacobiSVD(a, m, n, w, v, s);
  let smax = 0;
  for (let t = 0; t < n; t++) smax = Math.max(smax, s[t]);
  const cutoff = m * 2.220446049250313e-16 * smax;
  // x = V diag(1/s) Uᵀ(Qᵀb),  Uᵀc = Wᵀc / s  (W = R V = U diag(s))
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    if (!(s[t] > cutoff)) continue;
    let wc = 0;
    for (let i = 0; i < n; i++) wc += w[t * n + i] * qtb[i];
    const coef = wc / (s[t] * s[t]);
    for (let j = 0; j < n; j++) x[j] += v[t * n + j] * coef;
  }
  return x;
}

/** The Lin-KK fits are not finite numbers: the frequencies span what double precision can represent. */
function notFinite(frequency_Hz: ArrayLike<number>, source: string): InputError {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < frequency_Hz.length; i++) {
    lo = Math.min(lo, frequency_Hz[i]);
    hi = Math.max(hi, frequency_Hz[i]);
  }
  return new InputError('the Lin-KK fits are not finite numbers', {
    field: 'frequency_Hz',
    expected: 'frequencies whose time constants τ = 1/(2πf) and products ωτ are finite (e.g. 1e-6 to 1e12 Hz)',
    found: `${lo.toPrecision(3)} … ${hi.toPrecision(3)} Hz`,
    source,
  });
}
