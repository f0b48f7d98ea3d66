/**
 * Bootstrap and Monte Carlo uncertainties of a joint BPP fit: refit many resampled data sets and
 * read the spread of the parameters. Seeded (mulberry32), so the same seed gives the same numbers
 * on every run; fast: one preallocated LM solver, every refit starts at the best fit.
 *
 * - Bootstrap (residual resampling; A. C. Davison, D. V. Hinkley, Bootstrap Methods and their
 *   Application (1997), ch. 6): y*_i = f_i + σ_i·e*_i, e* drawn with replacement from the
 *   weighted residuals of the same dataset, centred per dataset and inflated by √(n/(n − p))
 *   because fitted residuals are smaller than the errors they estimate.
 * - Monte Carlo over the data errors: y*_i = y_i + σ_i·z_i, z ~ N(0, 1), with the stated σ (on the
 *   fitted scale: σ/R for ln R); without stated σ, the residual standard deviation √(χ²/dof).
 */
import { InputError } from '../errors';
import { LevenbergMarquardt, LeastSquaresProblem } from '../fit/levenbergMarquardt';
import { gaussian, mulberry32 } from '../fit/random';
import { buildJointProblem } from './jointProblem';
import type { JointBppResult, RatePoint, RateSeries } from './types';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

export interface ResamplingOptions {
  /** Number of resampled refits. Default 1000. */
  samples?: number;
  /** Seed of the mulberry32 generator. Default 1. */
  seed?: number;
  /** Return every refit's parameters (by name). Default false. */
  keepSamples?: boolean;
}

export interface ParameterDistribution {
  mean: number;
  /** Standard deviation of the refits: the resampling standard error. */
  sd: number;
  median: number;
  /** 16th–84th and 2.5th–97.5th percentiles. */
  ci68: [number, number];
  ci95: [number, number];
}

export interface JointBppResampling {
  schema: ResultSchema;
  kind: 'JointBppResampling';
  method: 'bootstrap-residuals' | 'monte-carlo';
  seed: number;
  samples: number;
  /** Refits that converged (the others are left out of the statistics). */
  succeeded: number;
  failed: number;
  /** By fitted parameter name (Ea_eV, log10tau0_s, beta, log10C_1_per_s2, ...), varied parameters only. */
  parameters: Record<string, ParameterDistribution>;
  values?: Record<string, number[]>;
  warnings: string[];
}

/**
 * Residual-resampling bootstrap of a joint fit made by fitJointBpp. `series` (the fitted series, in
 * the fit's order) is checked against the result; without it the series are rebuilt from the
 * result's own points (see seriesOfResult).
 */
export function bootstrapJointBpp(result: JointBppResult, options?: ResamplingOptions): JointBppResampling;
export function bootstrapJointBpp(
  series: readonly RateSeries[] | undefined,
  result: JointBppResult,
  options?: ResamplingOptions,
): JointBppResampling;
export function bootstrapJointBpp(...args: ResamplingArguments): JointBppResampling {
  const { series, result, options } = resamplingArguments(args, 'bootstrapJointBpp');
  return resample(series, result, options, 'bootstrap-residuals');
}

/** Monte Carlo over the data errors of a joint fit made by fitJointBpp; `series` as for bootstrapJointBpp. */
export function monteCarloJointBpp(result: JointBppResult, options?: ResamplingOptions): JointBppResampling;
export function monteCarloJointBpp(
  series: readonly RateSeries[] | undefined,
  result: JointBppResult,
  options?: ResamplingOptions,
): JointBppResampling;
export function monteCarloJointBpp(...args: ResamplingArguments): JointBppResampling {
  const { series, result, options } = resamplingArguments(args, 'monteCarloJointBpp');
  return resample(series, result, options, 'monte-carlo');
}

type ResamplingArguments = [JointBppResult, ResamplingOptions?] | [readonly RateSeries[] | undefined, JointBppResult, ResamplingOptions?];

const isJointBppResult = (v: unknown): v is JointBppResult =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { kind?: unknown }).kind === 'JointBppResult';

/** (result, options?) or (series | undefined, result, options?): the series to refit, checked or rebuilt, and the options. */
function resamplingArguments(
  args: ResamplingArguments,
  caller: string,
): { series: readonly RateSeries[]; result: JointBppResult; options: ResamplingOptions } {
  const [first, second, third] = args;
  const resultFirst = isJointBppResult(first);
  const result = resultFirst ? first : second;
  if (!isJointBppResult(result)) {
    // with series first (an array, or undefined) the result is the second argument; else the first was meant to be it
    const found = first === undefined || Array.isArray(first) ? second : first;
    throw new InputError('not a joint BPP result', {
      field: 'result',
      expected: `${caller}(result, options) or ${caller}(series, result, options) with the result of fitJointBpp`,
      found: describe(found),
    });
  }
  const options = ((resultFirst ? second : third) ?? {}) as ResamplingOptions;
  const given = resultFirst ? undefined : first;
  return { series: given ?? seriesOfResult(result), result, options };
}

function describe(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  const kind = (v as { kind?: unknown }).kind;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- describes whatever was passed, for the error message
  return Array.isArray(v) ? `an array of ${v.length}` : kind !== undefined ? `kind ${String(kind)}` : 'an object without kind';
}

/**
 * The rate series a result was fitted on, from its datasets: metadata, label and every point
 * (σ where the series had one), in the order given. fitJointBpp sorts by temperature itself, so
 * the refit sees the data exactly as the original fit did.
 */
function seriesOfResult(result: JointBppResult): RateSeries[] {
  return result.datasets.map((d, k) => {
    if (!Array.isArray(d.points) || d.points.length !== d.n) {
      throw new InputError('the result keeps no data points (relaxlab/1 saved it without them): pass the series it was fitted on', {
        field: `result.datasets[${k}].points`,
        expected: `${d.n} points of ${d.label}, or the fitted series as the first argument`,
        found: Array.isArray(d.points) ? `${d.points.length} points` : String(d.points),
      });
    }
    const points = d.points.map((p): RatePoint => ({
      temperature_K: p.temperature_K,
      rate_per_s: p.rate_per_s,
      ...(p.sigma !== null && { sigma: p.sigma }),
    }));
    return {
      experiment: d.experiment,
      nucleus: d.nucleus,
      larmor_MHz: d.larmor_MHz,
      ...(d.spinlock_kHz !== undefined && { spinlock_kHz: d.spinlock_kHz }),
      label: d.label,
      points,
    };
  });
}

function resample(
  series: readonly RateSeries[],
  result: JointBppResult,
  options: ResamplingOptions,
  method: JointBppResampling['method'],
): JointBppResampling {
  const samples = options.samples ?? 1000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 2)
    throw new InputError('number of resamples must be an integer ≥ 2', {
      field: 'samples',
      expected: 'an integer ≥ 2',
      found: String(samples),
    });
  if (!Number.isFinite(seed))
    throw new InputError('seed must be a number', { field: 'seed', expected: 'a finite number', found: String(seed) });
  const problem = buildJointProblem(series, {
    spectralDensity: result.spectralDensity,
    convention: result.convention,
    weighting: result.weighting,
    share: result.share,
    datasets: result.backgrounds.map((background) => ({ background })),
    referenceTemperature_K: result.referenceTemperature_K,
    absoluteSigma: result.absoluteSigma,
    source: method,
  });
  const { model } = problem;
  const m = model.m;
  const np = model.np;
  const names = model.parameters.map((q) => q.name);
  const fit = result.fit;
  if (names.length !== Object.keys(fit.params).length || names.some((n) => !fit.params[n]) || fit.data.y.length !== m) {
    throw new InputError('the fit result does not belong to these series', {
      field: 'result',
      expected: `a fitJointBpp result of the same ${series.length} series`,
      found: `parameters ${Object.keys(fit.params).join(', ')}`,
    });
  }
  const best = Float64Array.from(names, (n) => fit.params[n].value);
  const vary = names.map((n) => fit.params[n].vary);
  const lower = Float64Array.from(names, (n) => fit.params[n].min ?? -Infinity);
  const upper = Float64Array.from(names, (n) => fit.params[n].max ?? Infinity);
  const weights = problem.sigma ? problem.sigma.map((s) => 1 / s) : new Float64Array(m).fill(1);
  const f = new Float64Array(m);
  model.evaluate(best, f);
  const work = new Float64Array(m);
  const yStar = new Float64Array(m);
  const warnings: string[] = [];

  const rand = mulberry32(seed);
  let draw: () => void;
  if (method === 'bootstrap-residuals') {
    const nvar = vary.filter(Boolean).length;
    const inflate = Math.sqrt(m / Math.max(m - nvar, 1));
    const e = new Float64Array(m);
    for (const L of model.layouts) {
      let mean = 0;
      for (let i = L.offset; i < L.offset + L.n; i++) mean += (problem.y[i] - f[i]) * weights[i];
      mean /= L.n;
      for (let i = L.offset; i < L.offset + L.n; i++) e[i] = ((problem.y[i] - f[i]) * weights[i] - mean) * inflate;
    }
    draw = () => {
      for (const L of model.layouts) {
        for (let i = L.offset; i < L.offset + L.n; i++) yStar[i] = f[i] + e[L.offset + Math.floor(rand() * L.n)] / weights[i];
      }
    };
  } else {
    const scale = problem.sigma ? 1 : Math.sqrt(fit.stats.redChi);
    if (!problem.sigma)
      warnings.push(
        `the series carry no σ: Monte Carlo uses the residual standard deviation ${scale.toPrecision(3)} on the ${result.weighting === 'log' ? 'ln R' : 'R'} scale`,
      );
    draw = () => {
      for (let i = 0; i < m; i++) yStar[i] = problem.y[i] + (scale / weights[i]) * gaussian(rand);
    };
  }

  const lsq: LeastSquaresProblem = {
    m,
    np,
    residuals(p, r) {
      model.evaluate(p, work);
      for (let i = 0; i < m; i++) r[i] = (work[i] - yStar[i]) * weights[i];
    },
    jacobian(p, jac) {
      model.evaluate(p, work, jac);
      for (let j = 0; j < np; j++) for (let i = 0; i < m; i++) jac[j * m + i] *= weights[i];
    },
  };
  const solver = new LevenbergMarquardt(m, np);
  const varied = names.map((n, j) => ({ n, j })).filter(({ j }) => vary[j]);
  const values = varied.map(() => new Float64Array(samples));
  let succeeded = 0;
  for (let b = 0; b < samples; b++) {
    draw();
    const out = solver.solve(lsq, best, vary, lower, upper, { ftol: 1e-12, xtol: 1e-10 });
    if (!out.converged || varied.some(({ j }) => !Number.isFinite(out.p[j]))) continue;
    varied.forEach(({ j }, a) => (values[a][succeeded] = out.p[j]));
    succeeded++;
  }
  const failed = samples - succeeded;
  if (failed > 0) warnings.push(`${failed} of ${samples} refits did not converge and are left out`);
  const parameters: Record<string, ParameterDistribution> = {};
  const kept: Record<string, number[]> = {};
  if (succeeded < 2) warnings.push(`only ${succeeded} refits converged: no distribution reported`);
  if (succeeded >= 2)
    varied.forEach(({ n }, a) => {
      const v = values[a].subarray(0, succeeded);
      parameters[n] = distribution(v);
      if (options.keepSamples) kept[n] = Array.from(v);
    });
  return {
    schema: RESULT_SCHEMA,
    kind: 'JointBppResampling',
    method,
    seed,
    samples,
    succeeded,
    failed,
    parameters,
    ...(options.keepSamples && { values: kept }),
    warnings,
  };
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function distribution(v: Float64Array): ParameterDistribution {
  const n = v.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += v[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - mean) ** 2;
  const sorted = Float64Array.from(v).sort();
  return {
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    median: percentile(sorted, 0.5),
    ci68: [percentile(sorted, 0.16), percentile(sorted, 0.84)],
    ci95: [percentile(sorted, 0.025), percentile(sorted, 0.975)],
  };
}
