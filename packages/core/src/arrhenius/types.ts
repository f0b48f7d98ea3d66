/** Public types of the Arrhenius analysis (the contract other modules call; see docs/ARCHITECTURE.md, "Data model"). */
import type { FitResult } from '../fit/types';
import type { ResultSchema } from '../schema';

/**
 * What is plotted against temperature. rate, sigmaT and diffusion rise with T,
 * y = A·exp(−Ea/kBT); tau (a correlation or residence time) falls, y = A·exp(+Ea/kBT).
 */
export type ArrheniusQuantity = 'rate' | 'sigmaT' | 'tau' | 'diffusion';

export interface ArrheniusData {
  /** Absolute temperatures in K (convert °C with physics' celsiusToKelvin). */
  temperature_K: ArrayLike<number>;
  /** The quantity itself (not its logarithm), > 0. */
  value: ArrayLike<number>;
  /** One standard deviation of `value`, in the units of `value`. */
  sigma?: ArrayLike<number>;
  /** Default 'rate'. */
  quantity?: ArrheniusQuantity;
}

/**
 * Every point the fit was given (also those outside its window), as plain arrays: a result then
 * carries its data, so a plot or the JupyterLab renderer can show them and refit another window.
 */
export interface ArrheniusInputPoints {
  temperature_K: number[];
  value: number[];
  sigma?: number[];
}

/** A value with its standard error (null when the data do not determine it). */
export interface Estimate {
  value: number;
  stderr: number | null;
}

export interface ArrheniusOptions {
  /** Use only points with window_K[0] ≤ T ≤ window_K[1]. Default: all points. */
  window_K?: [number, number];
  /**
   * true: the given σ are absolute and the standard errors are not scaled by √(reduced χ²).
   * Default false (as curveFit: σ are relative weights).
   */
  absoluteSigma?: boolean;
  /** Where the data came from (file, CLI flag), named in errors. */
  source?: string;
}

export interface ArrheniusResult {
  schema: ResultSchema;
  kind: 'ArrheniusResult';
  quantity: ArrheniusQuantity;
  activationEnergy_eV: Estimate;
  activationEnergy_kJ_per_mol: Estimate;
  /** log10 of the prefactor A in the units of `value` (y = A·exp(∓Ea/kBT)). */
  log10Prefactor: Estimate;
  /** A itself, stderr propagated as A·ln10·σ(log10 A). */
  prefactor: Estimate;
  /** The temperature window asked for, or the data range when none was. */
  window_K: [number, number];
  /** Number of points inside the window. */
  n: number;
  /** All points given, inside and outside the window. */
  points: ArrheniusInputPoints;
  /** The straight-line fit of log10(value) vs 1000/T (parameters log10A and Ea_eV). */
  fit: FitResult;
  warnings: string[];
}

export interface SegmentedArrheniusOptions extends ArrheniusOptions {
  /** Number of straight segments, or 'auto' (lowest BIC of 1, 2, 3 among those the data allow). Default 'auto'. */
  segments?: 'auto' | 1 | 2 | 3;
  /** Smallest number of points a segment may hold. Default 3 (and never fewer than 2). */
  minPointsPerSegment?: number;
  /** Options of the 1-vs-2-segment kink test on the result (kinkTest.ts); its minPointsPerSide is minPointsPerSegment. */
  kinkTest?: Pick<ArrheniusKinkTestOptions, 'alternative' | 'gridPoints'>;
}

/**
 * Which sign of the hinge coefficient d in log10 y = a + b·x + d·(x − ψ)₊ (x = 1000/T) the kink
 * test looks for, as R's segmented::davies.test. x > ψ is the low-temperature side, so for a
 * rate, σT or D (y falls as x grows) d < 0 is a larger Ea below the kink than above it (the
 * MIL-121 kink, 1.01 → 0.28 eV) and d > 0 a smaller one; for τ the other way round.
 */
export type KinkTestAlternative = 'two-sided' | 'greater' | 'less';

export interface ArrheniusKinkTestOptions extends ArrheniusOptions {
  /** Default 'two-sided' (max |S| over the grid). */
  alternative?: KinkTestAlternative;
  /** Candidate kinks, evenly spaced in 1000/T. Default 20. */
  gridPoints?: number;
  /** The outermost candidates leave at least this many points on each side of the kink (counting the point at it). Default 3, never fewer than 2. */
  minPointsPerSide?: number;
}

/** Davies' test of "one straight line" against "a line with one kink" (kinkTest.ts). */
export interface ArrheniusKinkTest {
  method: string;
  alternative: KinkTestAlternative;
  /**
   * M: the largest (greater), smallest (less) or largest absolute (two-sided) standardized hinge
   * coefficient S(ψ) over the grid; a z value when σ are absolute, a Student t otherwise.
   */
  statistic: number;
  /** The candidate kink where M is reached, as a temperature 1000/ψ. */
  kink_K: number;
  /** Ea below that kink minus Ea above it, from the hinge fit there (d divided by the slope per eV). */
  energyChange_eV: Estimate;
  /** Davies' upper bound on P(M ≥ observed | one straight line), capped at 1. */
  pValue: number;
  /** Number of candidate kinks K. */
  gridPoints: number;
  /** Σ_k |S(ψ_k) − S(ψ_{k−1})| (z), or the same on the angle scale atan(S/√ν) (t). */
  totalVariation: number;
  /** 'absolute': σ given and taken as absolute (absoluteSigma), S is normal under no kink; 'estimated': the residual scale is estimated, S is Student t. */
  scale: 'absolute' | 'estimated';
  /** Whether σ were given (weights 1/σ² of log10 y). */
  weighted: boolean;
  /** Residual degrees of freedom n − 3 of the hinge fit (the t's ν; reported also when σ are absolute). */
  dof: number;
  n: number;
  /** S(ψ_k) at every candidate, candidates ordered from low to high temperature. */
  process: { kink_K: number[]; statistic: number[] };
}

export interface ArrheniusSegment {
  activationEnergy_eV: Estimate;
  activationEnergy_kJ_per_mol: Estimate;
  /** log10 of the prefactor of this segment's line extended to 1/T → 0. */
  log10Prefactor: Estimate;
  /** From the lowest data temperature or the kink below, to the kink above or the highest data temperature. */
  temperatureRange_K: [number, number];
  /** Data points in this segment. */
  n: number;
}

export interface ArrheniusBreakpoint {
  temperature_K: Estimate;
  /**
   * 95 % confidence interval of the kink temperature from the profile likelihood (see
   * segmented.ts); not symmetric in general, and wider than ±1.96σ when the break is poorly defined.
   */
  ci95_K: [number, number];
}

export interface SegmentCountScore {
  segments: number;
  /** Varied parameters: 2K (K − 1 kinks, K energies, one level). */
  nvar: number;
  chiSquare: number;
  bic: number;
  aicc: number | null;
  /** BIC minus the lowest BIC in the table. */
  deltaBic: number;
  converged: boolean;
}

export interface SegmentedArrheniusResult {
  schema: ResultSchema;
  kind: 'SegmentedArrheniusResult';
  quantity: ArrheniusQuantity;
  /** Ordered from low T to high T (regime I first). */
  segments: ArrheniusSegment[];
  /** Kinks, ordered from low T to high T; segments.length − 1 of them. */
  breakpoints: ArrheniusBreakpoint[];
  chosenSegments: number;
  /** All points given, inside and outside the window. */
  points: ArrheniusInputPoints;
  /** How many segments were tried and how the BIC scored them. */
  bic: SegmentCountScore[];
  /**
   * Davies' test of one straight line against one kink, a calibrated p-value beside the BIC (which
   * under-penalises a kink, see kinkTest.ts); null when the data cannot hold two segments or the
   * test is undefined (a warning says why).
   */
  kinkTest: ArrheniusKinkTest | null;
  window_K: [number, number];
  n: number;
  /**
   * The chosen continuous piecewise-linear fit of log10(value) vs 1000/T; parameters
   * log10A, Ea_eV (one segment) or log10y_kink_1, Ea_1_eV … Ea_K_eV, Tkink_1_K … (several).
   */
  fit: FitResult;
  warnings: string[];
}

/** How a flank window was tested for curvature and moved toward the asymptote (flanks.ts). */
export interface FlankStraightness {
  /** The points more than decadesBelowPeak below the peak, where the search started. */
  candidateWindow_K: [number, number];
  candidates: number;
  /** p-value of a quadratic term in 1000/T over all candidates; null with fewer than 4. */
  candidatePValue: number | null;
  /** p-value of a quadratic term in 1000/T over the window used; null with fewer than 4 points. */
  pValue: number | null;
  /** The window counts as curved when pValue is below this. */
  curvatureLevel: number;
  /** Whether curvature moved the window off some of the candidates. */
  moved: boolean;
}

export interface RatePeakFlank {
  /** Temperatures of the points used. */
  window_K: [number, number];
  /** Straight-line fit of the flank; activationEnergy_eV is positive on both flanks. */
  arrhenius: ArrheniusResult;
  straightness: FlankStraightness;
}

export interface RatePeakFlanks {
  schema: ResultSchema;
  kind: 'RatePeakFlanks';
  /** Temperature of the rate maximum (vertex of a parabola through the highest point and its neighbours). */
  peakTemperature_K: number;
  peakRate_per_s: number;
  /** Points are flank candidates when log10(rate) ≤ log10(peakRate_per_s) − this. */
  decadesBelowPeak: number;
  /** Low-T flank (rate rises with T; Ea·(β−1) for an asymmetric peak); null when too few points. */
  lowTemperature: RatePeakFlank | null;
  /** High-T flank (rate falls with T; the full Ea). */
  highTemperature: RatePeakFlank | null;
  warnings: string[];
}
