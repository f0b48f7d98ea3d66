/** The results of the regularised inversions: relaxation-time distributions (ILT) and the DRT. */
import type { Estimate } from '../arrhenius/types';
import type { ModelComparison } from '../fit/compare';
import type { TransientExperiment } from '../relaxation/catalogue';
import type { ResultSchema } from '../schema';
import type { Discretisation } from './basis';
import type { LambdaMethod, PenaltyOrder } from './engine';

/** How λ was chosen, and what each rule gave (null where a rule is undefined). */
export interface RegularisationSummary {
  method: LambdaMethod;
  userSet: boolean;
  gcv: number | null;
  lcurve: number | null;
  discrepancy: number | null;
  penaltyOrder: PenaltyOrder;
  discretisation: Discretisation;
  /** Steps of iterated Tikhonov after the λ choice (engine.ts eq. 3; 0: plain Tikhonov). */
  refinements: number;
  /** Effective number of parameters on the NNLS active set (of the refined estimate). */
  effectiveDof: number;
  chiSquare: number;
  /** The λ scan: GCV and L-curve points. */
  scan: Array<{ lambda: number; chiSquare: number; roughness: number; dof: number; gcv: number }>;
}

/** Bootstrap that made the band and the peaks' errors. */
export interface BandSummary {
  method: 'residual' | 'parametric';
  /** What the replicates are simulated from: the deconvolved estimate max(0, 2x̂ − x̂(Ax̂)) (invert.ts). */
  generator: 'deconvolved';
  replicates: number;
  seed: number;
  /** Central probability of lower/upper. */
  level: number;
  /** Replicates whose NNLS hit its iteration limit. */
  unconverged: number;
}

/**
 * Shared by both kinds: position and width of one peak with bootstrap errors. Values with errors
 * are the project's Estimates ({ value, stderr }, stderr null when not determined), so the lab's
 * value table shows them like every other result's.
 */
export interface PeakPosition {
  /** The peak's maximum on log τ (interpolated between grid points: peaks.ts); stderr τ·ln10·SE(log10 τ). */
  tau_s: Estimate;
  /** The band's central interval of the maximum's position. */
  tauLower_s: number | null;
  tauUpper_s: number | null;
  log10tau_s: Estimate;
  /** ⟨log10 τ⟩ over the peak's region. */
  log10Centroid_s: Estimate;
  /** SD of log10 τ within the peak (decades). */
  log10Width: Estimate;
  /** Grid range of the peak's region. */
  regionFrom_s: number;
  regionTo_s: number;
}

export interface RelaxationPeak extends PeakPosition {
  fraction: Estimate;
  /** Area of the peak in signal units. */
  amplitude: Estimate;
}

export type RelaxationKernel = 'saturation-recovery' | 'inversion-recovery' | 'spin-lock' | 't2-decay';

export interface RelaxationDistribution {
  schema: ResultSchema;
  kind: 'RelaxationDistribution';
  experiment?: TransientExperiment;
  kernel: RelaxationKernel;
  /** M(t) = ∫ g(ln τ)·k(t, τ) d ln τ [+ offset], written out. */
  formula: string;
  /** a of k = 1 − a·exp(−t/τ) (recoveries). */
  inversionFactor?: number;
  tau_s: number[];
  /** Fraction per decade: ∫ density d log10 τ = 1. */
  density: number[];
  lower: number[];
  upper: number[];
  lambda: number;
  regularisation: RegularisationSummary;
  band: BandSummary;
  /** Total amplitude ∫ g d ln τ (signal units). */
  amplitude: Estimate;
  /** Non-decaying offset of a decay (with `offset: true`). */
  offset?: Estimate;
  /** Mean and SD of log10 τ over the whole distribution. */
  log10tauMean_s: Estimate;
  log10Width: Estimate;
  peaks: RelaxationPeak[];
  delay_s: number[];
  signal: number[];
  sigma?: number[];
  fitted: number[];
  residuals: number[];
  /** Mono/stretched/two-component fits of the same data beside the ILT (AIC/BIC with its effective dof). */
  comparison?: ModelComparison;
  /** β of the stretched fit and the SNR the unreliability rule used. */
  stretchedBeta?: number;
  snr?: number;
  warnings: string[];
  source?: { file?: string; sha256?: string };
}

export interface DrtPeak extends PeakPosition {
  resistance_ohm: Estimate;
  fraction: Estimate;
  /** C = τ/R of the peak (an equivalent RC). */
  capacitance_F: number;
}

export type DrtPart = 'both' | 'real' | 'imag';

export interface DrtResult {
  schema: ResultSchema;
  kind: 'DrtResult';
  part: DrtPart;
  tau_s: number[];
  /** γ(ln τ) in Ω: Z = R∞ + jωL + 1/(jωC) + ∫ γ/(1 + jωτ) d ln τ. */
  gamma_ohm: number[];
  lower: number[];
  upper: number[];
  lambda: number;
  regularisation: RegularisationSummary;
  band: BandSummary;
  R_inf_ohm: Estimate;
  inductance_H?: Estimate;
  /** Series capacitance (blocking electrode): SE by first-order propagation from 1/C. */
  capacitance_F?: Estimate;
  /** ∫ γ d ln τ: the polarisation resistance. */
  polarisation_ohm: Estimate;
  peaks: DrtPeak[];
  frequency_Hz: number[];
  zReal_ohm: number[];
  zImag_ohm: number[];
  zFitReal_ohm: number[];
  zFitImag_ohm: number[];
  /** (Z − Ẑ)/|Z| per part. */
  residualsReal: number[];
  residualsImag: number[];
  rmsResidual: number;
  /** The Lin-KK test of the same spectrum: RMS of its relative residuals, for comparison. */
  linKKRmsResidual: number;
  warnings: string[];
  source?: { file?: string; sha256?: string };
}
