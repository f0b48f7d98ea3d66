/**
 * Relaxation rates from spectral densities, the Arrhenius law of the correlation time, the
 * background rates, and the rate-peak maxima found numerically from the full expressions.
 *
 *   R1  = C·[J(ω0) + 4J(2ω0)]
 *   R1ρ = C·[(3/2)J(2ω1) + (5/2)J(ω0) + J(2ω0)]
 *   R2  = C·[(3/2)J(0) + (5/2)J(ω0) + J(2ω0)]
 * (homonuclear dipolar relaxation: N. Bloembergen, E. M. Purcell, R. V. Pound, Phys. Rev. 73, 679
 * (1948); A. Abragam, The Principles of Nuclear Magnetism (1961), ch. VIII; R1ρ: D. C. Look,
 * I. J. Lowe, J. Chem. Phys. 44, 2995 (1966)). The 'omega0-only' convention keeps the leading
 * term only: R1 = C·J(ω0), R1ρ = C·J(2ω1), R2 = C·J(0).
 *
 *   τc = τ0·exp(Ea/kBT)   (jump rate τc⁻¹ = τ0⁻¹·exp(−Ea/kBT))
 */
import { InputError } from '../errors';
import { BOLTZMANN_eV_per_K } from '../physics/constants';
import { larmorAngularFrequency_rad_per_s, spinLockAngularFrequency_rad_per_s } from '../physics/nuclei';
import { checkShape, checkSpectralDensityName, hasFiniteZeroFrequency, shapeFunction } from './densities';
import type { BackgroundName, RateConvention, RateExperiment, SpectralDensityName } from './types';

/** One term a·J(ω) of a rate expression. */
export interface RateTerm {
  coefficient: number;
  omega_rad_per_s: number;
}

/** The frequencies a rate depends on. */
export interface RateFrequencies {
  experiment: RateExperiment;
  larmor_MHz: number;
  spinlock_kHz?: number;
}

export const RATE_CONVENTIONS: readonly RateConvention[] = ['full', 'omega0-only'];

/** The terms a·J(ω) of R1, R1ρ or R2 in a convention. */
export function rateTerms(frequencies: RateFrequencies, convention: RateConvention = 'full'): RateTerm[] {
  const w0 = larmorAngularFrequency_rad_per_s(frequencies.larmor_MHz);
  const term = (coefficient: number, omega_rad_per_s: number): RateTerm => ({ coefficient, omega_rad_per_s });
  switch (frequencies.experiment) {
    case 'R1':
      return convention === 'full' ? [term(1, w0), term(4, 2 * w0)] : [term(1, w0)];
    case 'R1rho': {
      if (frequencies.spinlock_kHz === undefined || !(frequencies.spinlock_kHz > 0)) {
        throw new InputError('an R1rho series needs its spin-lock frequency', {
          field: 'spinlock_kHz',
          expected: 'the spin-lock (nutation) frequency ν1 in kHz, > 0',
          found: String(frequencies.spinlock_kHz),
        });
      }
      const w1 = spinLockAngularFrequency_rad_per_s(frequencies.spinlock_kHz);
      return convention === 'full' ? [term(1.5, 2 * w1), term(2.5, w0), term(1, 2 * w0)] : [term(1, 2 * w1)];
    }
    case 'R2':
      return convention === 'full' ? [term(1.5, 0), term(2.5, w0), term(1, 2 * w0)] : [term(1, 0)];
  }
}

/** ω that ωτc is quoted against at a rate peak: ω0 for R1 and R2, ω1 for R1ρ. */
export function referenceAngularFrequency_rad_per_s(frequencies: RateFrequencies): number {
  return frequencies.experiment === 'R1rho'
    ? spinLockAngularFrequency_rad_per_s(frequencies.spinlock_kHz ?? NaN)
    : larmorAngularFrequency_rad_per_s(frequencies.larmor_MHz);
}

/** τc = τ0·exp(Ea/kBT) in s. */
export function correlationTime_s(temperature_K: number, activationEnergy_eV: number, tau0_s: number): number {
  return tau0_s * Math.exp(activationEnergy_eV / (BOLTZMANN_eV_per_K * temperature_K));
}

/** Jump rate τc⁻¹ = τ0⁻¹·exp(−Ea/kBT) in 1/s. */
export function jumpRate_per_s(temperature_K: number, activationEnergy_eV: number, tau0_s: number): number {
  return 1 / correlationTime_s(temperature_K, activationEnergy_eV, tau0_s);
}

/**
 * S(τc) = Σ a·J(ω; τc) (the rate over C) with ∂S/∂ln τc and ∂S/∂shape, into out[0..2].
 * `g` is a 3-element scratch array.
 */
export function rateSum(
  name: SpectralDensityName,
  terms: readonly RateTerm[],
  tau_s: number,
  shape: number,
  out: Float64Array,
  g: Float64Array,
): void {
  let s = 0;
  let dlnTau = 0;
  let dShape = 0;
  for (const t of terms) {
    shapeFunction(name, t.omega_rad_per_s * tau_s, shape, g);
    const j = tau_s * g[0];
    s += t.coefficient * j;
    dlnTau += t.coefficient * j * (1 + g[1]);
    dShape += t.coefficient * j * g[2];
  }
  out[0] = s;
  out[1] = dlnTau;
  out[2] = dShape;
}

/** Background rate over its amplitude A: h(T) with R_bg = A·h(T) (see BackgroundName). */
export function backgroundShape(model: BackgroundName, temperature_K: number, exponent: number, referenceTemperature_K: number): number {
  switch (model) {
    case 'none':
      return 0;
    case 'power-law':
      return Math.pow(temperature_K / referenceTemperature_K, exponent);
    case 'arrhenius':
      return Math.exp((-exponent / BOLTZMANN_eV_per_K) * (1 / temperature_K - 1 / referenceTemperature_K));
  }
}

/** A complete rate model of one dataset, for evaluating rates and drawing fitted curves. */
export interface BppRateModel {
  spectralDensity: SpectralDensityName;
  convention?: RateConvention;
  activationEnergy_eV: number;
  tau0_s: number;
  /** β (or ε for Cole–Davidson); ignored by densities without a shape. */
  beta?: number;
  /** C in 1/s². */
  prefactor_per_s2: number;
  background?: {
    model: BackgroundName;
    /** Background rate at the reference temperature, 1/s. */
    amplitude_per_s: number;
    /** κ of the power law. */
    exponent?: number;
    /** E_bg of the Arrhenius background, eV. */
    activationEnergy_eV?: number;
    /** Tref in K, where the background rate equals `amplitude_per_s`. */
    referenceTemperature_K: number;
  };
}

/** R(T) in 1/s: the diffusion-induced rate C·S(τc(T)) plus the background. */
export function relaxationRate_per_s(frequencies: RateFrequencies, temperature_K: number, model: BppRateModel): number {
  checkSpectralDensityName(model.spectralDensity);
  if (!(temperature_K > 0)) {
    throw new InputError('temperature must be above 0 K', { field: 'temperature_K', expected: '> 0 K', found: String(temperature_K) });
  }
  const shape = model.beta ?? (model.spectralDensity === 'cole-davidson' ? 1 : 2);
  checkShape(model.spectralDensity, shape);
  if (frequencies.experiment === 'R2' && !hasFiniteZeroFrequency(model.spectralDensity)) {
    throw new InputError(`R2 needs J(0), which diverges for the ${model.spectralDensity} spectral density`, {
      field: 'experiment',
      expected: 'R1 or R1rho with this spectral density',
      found: 'R2',
    });
  }
  const terms = rateTerms(frequencies, model.convention ?? 'full');
  const tau = correlationTime_s(temperature_K, model.activationEnergy_eV, model.tau0_s);
  const out = new Float64Array(3);
  rateSum(model.spectralDensity, terms, tau, shape, out, new Float64Array(3));
  const bg = model.background;
  const background = bg
    ? bg.amplitude_per_s *
      backgroundShape(
        bg.model,
        temperature_K,
        bg.model === 'arrhenius' ? (bg.activationEnergy_eV ?? 0) : (bg.exponent ?? 0),
        bg.referenceTemperature_K,
      )
    : 0;
  return model.prefactor_per_s2 * out[0] + background;
}

/**
 * The correlation time at the maximum of S(τc) = R/C, found numerically from the full
 * expression: a scan of ln τc over ±6 decades around 1/ω_ref, then bisection of ∂S/∂ln τc = 0.
 * Returns ω_ref·τc at the maximum (0.6158 for BPP R1, 0.5 for BPP R1ρ with ω1 ≪ ω0), or null
 * when S has no interior maximum (R2 with a finite J(0), or β ≤ 1).
 */
export function ratePeakOmegaTau(
  frequencies: RateFrequencies,
  spectralDensity: SpectralDensityName,
  shape: number,
  convention: RateConvention = 'full',
): number | null {
  const terms = rateTerms(frequencies, convention);
  const wRef = referenceAngularFrequency_rad_per_s(frequencies);
  const out = new Float64Array(3);
  const g = new Float64Array(3);
  const slope = (u: number): number => {
    rateSum(spectralDensity, terms, Math.exp(u) / wRef, shape, out, g);
    return out[1];
  };
  const value = (u: number): number => {
    rateSum(spectralDensity, terms, Math.exp(u) / wRef, shape, out, g);
    return out[0];
  };
  const span = 6 * Math.LN10;
  const steps = 240;
  let best = 0;
  let bestValue = -Infinity;
  for (let k = 0; k <= steps; k++) {
    const v = value(-span + (2 * span * k) / steps);
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  }
  if (best === 0 || best === steps) return null;
  let lo = -span + (2 * span * (best - 1)) / steps;
  let hi = -span + (2 * span * (best + 1)) / steps;
  if (!(slope(lo) > 0 && slope(hi) < 0)) return null;
  for (let it = 0; it < 200 && hi - lo > 1e-13; it++) {
    const mid = 0.5 * (lo + hi);
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}
