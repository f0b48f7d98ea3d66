/** Public types of the fitting engine: what goes into curveFit and the FitResult that comes out. */
import type { LevenbergMarquardtOptions, StopReason } from './levenbergMarquardt';
import type { ResultSchema } from '../schema';

/** A parameter given as its start value alone (varies, unbounded) or with bounds and `vary`. */
export interface ParamInput {
  value: number;
  /** Lower bound; omitted, null or -Infinity for none. */
  min?: number | null;
  /** Upper bound; omitted, null or +Infinity for none. */
  max?: number | null;
  /** false fixes the parameter at `value`. Default true. */
  vary?: boolean;
  unit?: string;
}
export type ParamsInput = Record<string, number | ParamInput>;

/** A model of one independent variable, called point by point. */
export type ScalarModel = (x: number, p: Record<string, number>) => number;
/** Its analytic gradient at one point: ∂f/∂p by parameter name (or in the order of `params`). */
export type ScalarJacobian = (x: number, p: Record<string, number>) => Record<string, number> | ArrayLike<number>;

/**
 * A model evaluated over a whole x grid at once, with its analytic Jacobian: how the built-in
 * relaxation models (and the batch fast path) plug into the engine without per-point calls.
 */
export interface VectorModel {
  readonly name: string;
  /** The formula as text, for reports. */
  readonly formula: string;
  /** Parameter order of `p` in evaluate/jacobian. */
  readonly parameterNames: readonly string[];
  /** Units per parameter name ('s', 'a.u.', '' for dimensionless). */
  readonly units?: Readonly<Record<string, string>>;
  /** f(x_i; p) into out[i]. */
  evaluate(x: Float64Array, p: Float64Array, out: Float64Array): void;
  /** f(x_i; p) into out[i] and ∂f_i/∂p_j into jac[j*n + i] (column-major, n = x.length). */
  jacobian?(x: Float64Array, p: Float64Array, out: Float64Array, jac: Float64Array): void;
}

export interface CurveFitInput {
  /** Independent variable; for expressions of several variables, columns by variable name. */
  x: ArrayLike<number> | Record<string, ArrayLike<number>>;
  y: ArrayLike<number>;
  /** One standard deviation per point; weights are 1/σ². */
  sigma?: ArrayLike<number>;
  /** A function of (x, params), an expression string such as "M0*(1 - exp(-x/T1))", or a VectorModel. */
  model: ScalarModel | string | VectorModel;
  params: ParamsInput;
  /** Analytic gradient for a function model (expressions and VectorModels bring their own). */
  jacobian?: ScalarJacobian;
}

export interface CurveFitOptions extends LevenbergMarquardtOptions {
  /**
   * true: σ are absolute and the covariance is (JᵀWJ)⁻¹ as is. false (default): σ are relative
   * and the covariance is scaled by the reduced χ² (lmfit's scale_covar, scipy's absolute_sigma=False).
   */
  absoluteSigma?: boolean;
  /** Name of the model in the result and report (defaults to the expression or VectorModel name). */
  name?: string;
  /** Where the data came from, used in error messages (a file path, 'curveFit'). */
  source?: string;
  /** Units of parameters by name, for the result and report. */
  units?: Record<string, string>;
  /** Number of points of a dense best-fit curve with its 1σ band over the x range (1-D x only). Default 0. */
  curvePoints?: number;
  /** Provenance inputs (file names and their sha256) to record on the result. */
  inputs?: ProvenanceInput[];
}

export interface FitParameter {
  value: number;
  /** Standard error, null when the data do not determine the parameter (fixed, or singular covariance). */
  stderr: number | null;
  /** Start value used. */
  initial: number;
  min: number | null;
  max: number | null;
  vary: boolean;
  unit: string;
  /** Set when the optimum sits on a bound: its stderr then assumes the bound is not active. */
  atBound?: 'min' | 'max';
}

export interface FitStatistics {
  /** Number of data points. */
  n: number;
  /** Number of varied parameters. */
  nvar: number;
  /** Degrees of freedom n − nvar. */
  dof: number;
  /** χ² = Σ((f − y)/σ)². */
  chiSquare: number;
  /** χ²/dof. */
  redChi: number;
  /** Akaike: n·ln(χ²/n) + 2·nvar (as lmfit). */
  aic: number;
  /** Small-sample AIC: AIC + 2k(k+1)/(n−k−1) (null when n ≤ k+1). */
  aicc: number | null;
  /** Bayesian: n·ln(χ²/n) + ln(n)·nvar. */
  bic: number;
  /** Weighted coefficient of determination 1 − χ²/Σw(y − ȳ_w)². */
  rSquared: number;
}

export interface ProvenanceInput {
  name: string;
  sha256?: string;
}

export interface Provenance {
  software: string;
  version: string;
  createdAt: string;
  inputs: ProvenanceInput[];
}

export interface FitResult {
  schema: ResultSchema;
  kind: 'FitResult';
  model: string;
  formula: string;
  params: Record<string, FitParameter>;
  /** Names of the varied parameters, in the order of covariance/correlation rows. */
  varyNames: string[];
  stats: FitStatistics;
  covariance: number[][];
  correlation: number[][];
  sigmaAbsolute: boolean;
  converged: boolean;
  status: StopReason;
  message: string;
  nfev: number;
  njev: number;
  iterations: number;
  warnings: string[];
  data: { x: number[] | Record<string, number[]>; y: number[]; sigma?: number[] };
  bestFit: number[];
  residuals: number[];
  /** Dense best-fit curve with its 1σ confidence band (when curvePoints > 0). */
  curve?: { x: number[]; y: number[]; sigma: number[] };
  provenance: Provenance;
}
