/** Public types of the spectral-density and BPP rate-peak analysis (docs/ARCHITECTURE.md, "Data model"). */
import type { Estimate } from '../arrhenius/types';
import type { FitResult, ProvenanceInput } from '../fit/types';
import type { ResultSchema } from '../schema';

/** Which relaxation rate a series holds: spin-lattice R1 = 1/T1, rotating-frame R1ρ = 1/T1ρ, spin-spin R2 = 1/T2. */
export type RateExperiment = 'R1' | 'R1rho' | 'R2';

/** One measured rate at one temperature. */
export interface RatePoint {
  temperature_K: number;
  rate_per_s: number;
  /** One standard deviation of the rate, in 1/s. */
  sigma?: number;
}

/** Relaxation rates of one nucleus at one Larmor (and spin-lock) frequency over temperature. */
export interface RateSeries {
  experiment: RateExperiment;
  /** Isotope as in the nuclei table: '7Li', '23Na', '1H'. */
  nucleus: string;
  /** Larmor frequency ν0 in MHz. */
  larmor_MHz: number;
  /** Spin-lock (nutation) frequency ν1 in kHz; required for R1rho. */
  spinlock_kHz?: number;
  points: RatePoint[];
  /** A name for reports (default `R1 7Li 116.6 MHz`). */
  label?: string;
}

/**
 * Spectral densities J(ω) of the diffusion-induced fluctuation (formulas and sources in densities.ts):
 * - 'bpp': BPP 3D, uncorrelated motion, J = τc/(1 + (ωτc)²)
 * - 'asymmetric-bpp': J = τc/(1 + (ωτc)^β), 1 < β ≤ 2 (correlated motion, asymmetric rate peak)
 * - 'richards-2d': J = τc·ln(1 + 1/(ωτc)^β) (2D diffusion)
 * - 'lattice-1d': 1D lattice random walk, J ∝ (τc/ω)^½ for ωτc ≪ 1
 * - 'cole-davidson': J = sin(ε·arctan ωτc)/(ω(1 + (ωτc)²)^(ε/2)), 0 < ε ≤ 1 (the shape parameter is `beta` = ε)
 */
export type SpectralDensityName = 'bpp' | 'asymmetric-bpp' | 'richards-2d' | 'lattice-1d' | 'cole-davidson';

/**
 * How the rates are built from J:
 * - 'full': R1 = C[J(ω0) + 4J(2ω0)], R1ρ = C[(3/2)J(2ω1) + (5/2)J(ω0) + J(2ω0)],
 *   R2 = C[(3/2)J(0) + (5/2)J(ω0) + J(2ω0)] (BPP 1948; Abragam 1961 ch. VIII for like spins)
 * - 'omega0-only': only the leading term, R1 = C·J(ω0), R1ρ = C·J(2ω1), R2 = C·J(0), as many
 *   Li/Na relaxation papers write them (the peak then sits at ω0τc = 1, 2ω1τc = 1 for BPP).
 */
export type RateConvention = 'full' | 'omega0-only';

/**
 * A rate added to the diffusion-induced one in every dataset that has it (non-diffusive
 * relaxation: lattice vibrations, paramagnetic centres), with Tref = referenceTemperature_K
 * (default: the lowest temperature in the data):
 * - 'power-law': R_bg = A·(T/Tref)^κ
 * - 'arrhenius': R_bg = A·exp(−(E_bg/kB)(1/T − 1/Tref)) (a weak thermally activated term)
 * A is the background rate at Tref in 1/s in both.
 */
export type BackgroundName = 'none' | 'power-law' | 'arrhenius';

/**
 * The parameters of a joint BPP fit, each shared by all datasets or free per dataset:
 * Ea (eV), tau0 (s; fitted as log10 τ0), beta (shape), C (prefactor in 1/s², fitted as log10 C),
 * bgA (1/s), bgKappa (power-law exponent), bgEa (eV).
 */
export type JointParameterKind = 'Ea' | 'tau0' | 'beta' | 'C' | 'bgA' | 'bgKappa' | 'bgEa';

/** Start value, bounds and vary for one parameter, in its natural unit (τ0 in s, C in 1/s²). */
export interface ParameterSetting {
  value?: number;
  min?: number;
  max?: number;
  /** false holds the parameter at `value`. */
  vary?: boolean;
}

export type ParameterSettings = Partial<Record<JointParameterKind, ParameterSetting>>;

export interface JointBppDatasetOptions {
  /** Background model of this dataset (default: the top-level `background`). */
  background?: BackgroundName;
  /** Settings for this dataset's own (non-shared) parameters; override the top-level `params`. */
  params?: ParameterSettings;
}

export interface JointBppOptions {
  /** Default 'asymmetric-bpp'. */
  spectralDensity?: SpectralDensityName;
  /** Default 'full'. */
  convention?: RateConvention;
  /** Background of every dataset unless a dataset says otherwise. Default 'none'. */
  background?: BackgroundName;
  /** Parameters common to all datasets; the others are fitted per dataset. Default ['Ea', 'tau0', 'beta']. */
  share?: JointParameterKind[];
  /** Start values, bounds, vary: for shared parameters, and defaults for per-dataset ones. */
  params?: ParameterSettings;
  /** Per-dataset options, in the order of the series. */
  datasets?: JointBppDatasetOptions[];
  /**
   * 'log' (default): residuals (ln R_model − ln R)/(σ/R) — relative errors, so a rate peak spanning
   * four decades is fitted evenly on both flanks; without σ every point has the same relative error.
   * 'linear': residuals (R_model − R)/σ.
   */
  weighting?: 'log' | 'linear';
  /** σ are absolute (do not scale the covariance by reduced χ²). Default false, as curveFit. */
  absoluteSigma?: boolean;
  /**
   * Tref of the background models in K, where A is the background rate. Default: the lowest
   * temperature in the data (where a background shows), which keeps A and κ nearly uncorrelated.
   */
  referenceTemperature_K?: number;
  /** Where the data came from, named in errors. */
  source?: string;
  /** Files the series were read from (name, sha256), recorded in the fit's provenance. */
  inputs?: ProvenanceInput[];
}

/** A rate-peak maximum of one dataset from the fitted model. */
export interface RatePeak {
  /** Temperature of the maximum of the diffusion-induced rate (null when it lies at T ≤ 0). */
  temperature_K: Estimate | null;
  /** ω·τc at the maximum, ω = ω0 for R1/R2 and ω1 for R1ρ (e.g. 0.616 for BPP R1, ≈0.5 for R1ρ). */
  omegaTau: number;
  /** τc at the maximum in s. */
  correlationTime_s: number;
  /** Diffusion-induced rate at the maximum in 1/s. */
  rate_per_s: number;
}

/**
 * One measured rate of a fitted dataset with the best-fit model there: what a chart, a residual
 * plot or a refit needs without the original series (the fields of RatePoint, σ null when absent).
 */
export interface JointBppPoint {
  temperature_K: number;
  rate_per_s: number;
  /** One standard deviation of the rate in 1/s; null when the series gave none. */
  sigma: number | null;
  /** The best-fit rate at this temperature (diffusion-induced + background) in 1/s. */
  fit_per_s: number;
  /**
   * (y − f)/σ on the fitted scale: y = ln R with σ/R ('log' weighting), y = R with σ ('linear');
   * σ = 1 on that scale when the series carry none. The squares summed over all datasets are
   * fit.stats.chiSquare.
   */
  normalizedResidual: number;
}

export interface JointBppDatasetSummary {
  label: string;
  experiment: RateExperiment;
  nucleus: string;
  larmor_MHz: number;
  spinlock_kHz?: number;
  n: number;
  activationEnergy_eV: Estimate;
  tau0_s: Estimate;
  beta: Estimate | null;
  /** C of this dataset in 1/s². */
  prefactor_per_s2: Estimate;
  /**
   * The slopes, as activation energies, that this dataset's flanks tend to far from the maximum
   * (low-T: (β − 1)·Ea for asymmetric BPP, high-T: Ea); null where the density has no power law there.
   */
  flankAsymptotes_eV: { low: Estimate | null; high: Estimate | null };
  /** The background's parameters by their shared names (bgA_per_s, bgKappa, bgEa_eV). */
  background: { model: BackgroundName; params: Record<string, Estimate> };
  peak: RatePeak | null;
  /** Every point of the series, in the order the series gave them. */
  points: JointBppPoint[];
}

export interface JumpRateBand {
  temperature_K: number[];
  /** τc⁻¹ = τ0⁻¹·exp(−Ea/kBT). */
  jumpRate_per_s: number[];
  /** exp(ln τc⁻¹ ∓ σ) (delta method with the covariance of Ea and log10 τ0). */
  lower_per_s: number[];
  upper_per_s: number[];
}

export interface JointBppResult {
  schema: ResultSchema;
  kind: 'JointBppResult';
  spectralDensity: SpectralDensityName;
  convention: RateConvention;
  weighting: 'log' | 'linear';
  share: JointParameterKind[];
  /** Background model of each dataset, and Tref of the backgrounds. */
  backgrounds: BackgroundName[];
  referenceTemperature_K: number;
  absoluteSigma: boolean;
  /** The least-squares fit over the stacked datasets (x = point index, y = ln R or R). */
  fit: FitResult;
  /** Shared physics (null for a quantity fitted per dataset; see `datasets`). */
  activationEnergy_eV: Estimate | null;
  activationEnergy_kJ_per_mol: Estimate | null;
  tau0_s: Estimate | null;
  /** log10 of τ0 in s, as fitted (tau0_s is 10^ of it). */
  log10tau0_s: Estimate | null;
  beta: Estimate | null;
  /** (β − 1)·Ea: the slope of the low-temperature flank of the asymmetric BPP peak. */
  lowTemperatureFlank_eV: Estimate | null;
  /**
   * Ngai coupling parameter n = 2 − β: the reading of the asymmetric-BPP exponent in the coupling
   * model (low-T flank (1 − n)·Ea = (β − 1)·Ea). Null for other spectral densities.
   */
  ngaiCoupling: (Estimate & { reading: string }) | null;
  /** Jump rate τc⁻¹(T) of the first dataset over the measured temperatures, with its 1σ band. */
  jumpRate: JumpRateBand;
  datasets: JointBppDatasetSummary[];
  warnings: string[];
}
