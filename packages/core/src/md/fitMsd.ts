/**
 * D from MSD(t) = 2d·D·t + c over a diffusive window by generalised least squares (GLS), with the
 * covariance between lags of covariance.ts — the estimator of kinisi (McCluskey, Coles & Morgan,
 * J. Chem. Theory Comput. 2024, eqs. 9–12; kinisi's Bayesian regression samples the posterior of
 * the same linear model with the same covariance, whose mean and spread with a flat prior are the
 * GLS estimate and its covariance used here):
 *   β̂ = (XᵀΣ⁻¹X)⁻¹ XᵀΣ⁻¹ y,   Cov(β̂) = (XᵀΣ⁻¹X)⁻¹,   X = [1, t],   Σ = (d/A)·s⁴·K.
 * Chosen over block averaging: with a few ps of ab-initio MD there are too few independent blocks
 * to estimate a variance (140 frames give 2–3 blocks of the 2–7 ps window), while the random-walk
 * covariance needs none. Σ's shape K depends only on the lags, so β̂ does not depend on s; its
 * scale s² (the step variance per direction and frame, 2D·Δt for a random walk) is read from the
 * fitted line at the window's end, s² = (2d·D̂·t_end + ĉ)/(d·m_end) — for a random walk 2D̂·Δt, with
 * a vibrational offset ĉ > 0 a little larger (conservative). Not from the observed MSD at one lag:
 * for the collective MSD (one "walker") that fluctuates far more than the line (measured: rigid
 * pairs gave σ(D_σ) 10× too small, χ²_red 50). When the line is ≤ 0 at the end (a noisy collective
 * D̂ ≤ 0), the observed MSD averaged over the window's lags sets s². Caveat (as in kinisi): the A atoms are taken as independent;
 * ions that move together make σ(D*) too small (the collective MSD shows it: H_R < 1).
 * The reduced χ² of the whitened residuals is reported: ≫ 1 says the data are not a random walk.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { Estimate } from '../arrhenius/types';
import { InputError } from '../errors';
import { randomWalkMsdCovariance } from './covariance';
import { normalSurvival } from '../fit/distributions';

/** Å²/ps → cm²/s. */
export const A2_PER_PS_IN_CM2_PER_S = 1e-4;

/** The most lags a GLS fit uses (evenly spread over the window): K is p × p and nearly singular between neighbours. */
const MAX_LAGS = 100;

export interface MsdFitOptions {
  /** [start, end] of the fit, ps; default the automatic window (diffusiveWindow). */
  window_ps?: [number, number];
  /** Dimensions the MSD sums over (3, or 1 for one direction). */
  dimensions: number;
  /** Independent walkers averaged (atoms for the tracer MSD, 1 for the collective). */
  walkers: number;
  source?: string;
  field?: string;
}

export interface MsdFit {
  D_cm2_per_s: Estimate;
  intercept_A2: Estimate;
  /** Correlation of slope and intercept. */
  correlation: number;
  window_ps: [number, number];
  windowAuto: boolean;
  /** Lags (frames) the fit used. */
  lags: number[];
  /** χ² of the whitened residuals over (lags − 2). */
  chi2Reduced: number;
  /** The factor the errors were widened by (√χ²_red when the misfit is significant at 1 %, else 1). */
  errorScale: number;
  /** The fitted line over the window with its 1σ band, Å². */
  line: { time_ps: number[]; msd_A2: number[]; lower_A2: number[]; upper_A2: number[] };
}

/**
 * The automatic diffusive window. End: half the run (beyond it fewer than half the time origins
 * remain and the MSD decorrelates from D). Start: the first t (≥ 2 frames) at which the ballistic
 * and caged regime is over — the MSD's local slope (least squares over [t′, 2t′]) within 5 % of
 * its slope over [t′, end] for every t′ in [t, 2t] (a vibrational offset, MSD = 6Dt + c, is
 * allowed; a bending curve is not). Without such a t (short or noisy runs, where the local slopes
 * scatter by more than 5 %): 10 % of the run. The start
 * matters more for GLS than for OLS, since GLS weights the short lags most: random walkers lose a
 * factor 4 in σ(D_σ) starting at 10 % of the run instead of 2 frames, and in the Li6PS5Cl AIMD
 * run (local slope still 5–10 % high at 0.5–1 ps) a 10 % tolerance started at 0.5 ps and gave
 * D* 1.60e-5, this rule starts at 1.6 ps and gives 1.49e-5 (reference 1.45e-5 over 2–7 ps).
 */
/** The local slope's tolerance against the slope to the window's end. */
const SLOPE_TOLERANCE = 0.05;

export function diffusiveWindow(time_ps: readonly number[], msd: readonly number[]): [number, number] {
  const F = time_ps.length;
  const dt = time_ps[1] - time_ps[0];
  const endLag = Math.max(3, Math.floor((F - 1) / 2));
  const end = endLag * dt;
  const straight = (m: number) => {
    const whole = olsSlope(time_ps, msd, m, endLag);
    return whole > 0 && Math.abs(olsSlope(time_ps, msd, m, 2 * m) / whole - 1) <= SLOPE_TOLERANCE;
  };
  for (let m = 2; 4 * m <= endLag; m++) {
    let ok = true;
    for (let k = m; k <= 2 * m && ok; k++) ok = straight(k);
    if (ok) return [m * dt, end];
  }
  return [Math.max(2, Math.round((F - 1) / 10)) * dt, end];
}

function olsSlope(t: readonly number[], y: readonly number[], a: number, b: number): number {
  let st = 0;
  let sy = 0;
  const n = b - a + 1;
  for (let m = a; m <= b; m++) [st, sy] = [st + t[m], sy + y[m]];
  const tm = st / n;
  const ym = sy / n;
  let num = 0;
  let den = 0;
  for (let m = a; m <= b; m++) {
    num += (t[m] - tm) * (y[m] - ym);
    den += (t[m] - tm) ** 2;
  }
  return num / den;
}

/** GLS fit of MSD(t) = 2d·D·t + c (see the file's comment). */
export function fitMsd(time_ps: readonly number[], msd_A2: readonly number[], options: MsdFitOptions): MsdFit {
  const source = options.source ?? 'fitMsd';
  const field = options.field ?? 'window_ps';
  const F = time_ps.length;
  const dt = time_ps[1] - time_ps[0];
  const windowAuto = options.window_ps === undefined;
  const window = options.window_ps ?? diffusiveWindow(time_ps, msd_A2);
  if (!Array.isArray(window) || window.length !== 2 || !(window[0] >= 0) || !(window[1] > window[0])) {
    throw new InputError('invalid fit window', {
      field,
      expected: '[start, end] in ps, 0 ≤ start < end',
      found: JSON.stringify(window),
      source,
    });
  }
  const mStart = Math.max(1, Math.ceil(window[0] / dt - 1e-9));
  const mEnd = Math.min(F - 2, Math.floor(window[1] / dt + 1e-9));
  if (mEnd - mStart + 1 < 3) {
    throw new InputError('the fit window holds fewer than 3 lags', {
      field,
      expected: `a window inside 0–${((F - 2) * dt).toFixed(3)} ps spanning ≥ 3 frames of ${dt} ps`,
      found: `${window[0]}–${window[1]} ps`,
      source,
    });
  }
  const count = Math.min(MAX_LAGS, mEnd - mStart + 1);
  const lags = [...new Set(Array.from({ length: count }, (_, j) => Math.round(mStart + ((mEnd - mStart) * j) / Math.max(1, count - 1))))];
  const p = lags.length;
  const K = new Matrix(p, p);
  const k = randomWalkMsdCovariance(lags, F);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) K.set(a, b, k[a * p + b]);
  const chol = new CholeskyDecomposition(K);
  const X = new Matrix(p, 2);
  const y = new Matrix(p, 1);
  lags.forEach((m, j) => {
    X.set(j, 0, 1);
    X.set(j, 1, time_ps[m]);
    y.set(j, 0, msd_A2[m]);
  });
  const KiX = chol.solve(X);
  const Kiy = chol.solve(y);
  const A = X.transpose().mmul(KiX); // XᵀK⁻¹X
  const b = X.transpose().mmul(Kiy);
  const det = A.get(0, 0) * A.get(1, 1) - A.get(0, 1) * A.get(1, 0);
  const inv = [A.get(1, 1) / det, -A.get(0, 1) / det, A.get(0, 0) / det]; // (XᵀK⁻¹X)⁻¹: c², cs, s²
  const intercept = inv[0] * b.get(0, 0) + inv[1] * b.get(1, 0);
  const slope = inv[1] * b.get(0, 0) + inv[2] * b.get(1, 0);
  const residual = y.clone().sub(X.mmul(Matrix.columnVector([intercept, slope])));
  const whitened = residual.transpose().mmul(chol.solve(residual)).get(0, 0);

  // Σ = (d/A)·s⁴·K with s² from the fitted line at the window's end (see the file's comment)
  const tEnd = time_ps[mEnd];
  let msdEnd = intercept + slope * tEnd;
  if (!(msdEnd > 0)) msdEnd = (mEnd * lags.reduce((s, m) => s + Math.max(msd_A2[m], 0), 0)) / lags.reduce((s, m) => s + m, 0);
  const sigma2 = msdEnd / (options.dimensions * mEnd);
  const scale = (options.dimensions / options.walkers) * sigma2 * sigma2;
  const chi2Reduced = p > 2 && scale > 0 ? whitened / scale / (p - 2) : NaN;
  // Birge ratio: data that scatter more than a random walk of independent atoms can (correlated
  // ions, vibrations) widen the errors by √χ²_red, as curveFit scales by the reduced χ² — but only
  // when the misfit is significant (p < 1 %, χ² with p − 2 degrees of freedom), never narrowed:
  // scaling every run by max(1, χ²_red) overstated σ(D*) of true random walks (1σ coverage 0.75
  // over 400 seeded runs, z sd 0.94; md-uncertainty.test.ts), the test keeps it calibrated.
  const dof = p - 2;
  const misfit = dof > 0 && chi2Reduced > 1 && chiSquareSurvival(chi2Reduced * dof, dof) < 0.01;
  const inflate = misfit ? chi2Reduced : 1;
  const varC = inflate * scale * inv[0];
  const varS = inflate * scale * inv[2];
  const cov = inflate * scale * inv[1];
  const toD = A2_PER_PS_IN_CM2_PER_S / (2 * options.dimensions);
  const lineT = [window[0], ...lags.map((m) => time_ps[m]), window[1]].filter((t, j, a) => j === 0 || t > a[j - 1]);
  const band = lineT.map((t) => Math.sqrt(Math.max(varC + 2 * t * cov + t * t * varS, 0)));
  const msdLine = lineT.map((t) => intercept + slope * t);
  return {
    D_cm2_per_s: { value: slope * toD, stderr: Math.sqrt(varS) * toD },
    intercept_A2: { value: intercept, stderr: Math.sqrt(varC) },
    correlation: varC > 0 && varS > 0 ? cov / Math.sqrt(varC * varS) : 0,
    window_ps: [mStart * dt, mEnd * dt],
    windowAuto,
    lags,
    chi2Reduced,
    errorScale: Math.sqrt(inflate),
    line: {
      time_ps: lineT,
      msd_A2: msdLine,
      lower_A2: msdLine.map((v, j) => v - band[j]),
      upper_A2: msdLine.map((v, j) => v + band[j]),
    },
  };
}

/** P(χ²_k > x) by the Wilson–Hilferty cube-root normal approximation (Proc. Natl. Acad. Sci. 17, 684 (1931)). */
function chiSquareSurvival(x: number, k: number): number {
  const v = 2 / (9 * k);
  return normalSurvival((Math.cbrt(x / k) - (1 - v)) / Math.sqrt(v));
}
