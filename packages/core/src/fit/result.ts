/** Turning a finished solve into a FitResult: statistics, covariance, warnings, curve. */
import { SOFTWARE, VERSION } from '../version';
import type { BoundModel, ModelAdapter } from './boundModel';
import { finiteDifferenceJacobian } from './finiteDifference';
import type { CovarianceOutcome } from './covariance';
import { LevenbergMarquardtOutcome, LevenbergMarquardtRetry, STOP_MESSAGES } from './levenbergMarquardt';
import { formatNumber } from './format';
import type { FitParameter, FitResult, FitStatistics, ProvenanceInput } from './types';
import { fitDegeneracy } from './validate';
import type { FitData, ParamSpec } from './validate';
import { RESULT_SCHEMA } from '../schema';

/**
 * Information criteria as lmfit defines them (so numbers agree with the Python tools users know):
 * AIC = n ln(χ²/n) + 2k, BIC = n ln(χ²/n) + k ln n, and the small-sample AICc = AIC + 2k(k+1)/(n−k−1)
 * (Hurvich & Tsai, Biometrika 76, 297 (1989)), which matters at 10–20 delays per transient.
 */
export function fitStatistics(chiSquare: number, n: number, nvar: number, rSquared: number): FitStatistics {
  const dof = n - nvar;
  // χ² = 0 (exact fit) would give −∞: clamp as lmfit does (max(χ², 1e-250·n), lmfit's
  // MinimizerResult._calculate_statistics); Number.MIN_VALUE alone underflowed to 0 in χ²/n and
  // printed AIC = −Infinity (issue 17, found by the fast-check property)
  const chi = Math.max(chiSquare, 1e-250 * n);
  const lik = n * Math.log(chi / n);
  const aic = lik + 2 * nvar;
  return {
    n,
    nvar,
    dof,
    chiSquare,
    redChi: dof > 0 ? chiSquare / dof : chiSquare,
    aic,
    aicc: n - nvar - 1 > 0 ? aic + (2 * nvar * (nvar + 1)) / (n - nvar - 1) : null,
    bic: lik + Math.log(n) * nvar,
    rSquared,
  };
}

export interface ResultContext {
  adapter: ModelAdapter;
  bound: BoundModel;
  data: FitData;
  spec: ParamSpec;
  outcome: LevenbergMarquardtOutcome;
  /** (JᵀWJ)⁻¹ of the varied parameters at the optimum (unscaled), with the rank of J. */
  covariance: (columns: number[]) => CovarianceOutcome;
  absoluteSigma: boolean;
  name?: string;
  units?: Record<string, string>;
  curvePoints: number;
  inputs: ProvenanceInput[];
}

export function buildFitResult(ctx: ResultContext): FitResult {
  const { spec, data, outcome, bound } = ctx;
  const n = data.y.length;
  const np = spec.names.length;
  const best = new Float64Array(n);
  bound.evaluate(outcome.p, best);
  const chiSquare = 2 * outcome.cost;
  const varyIdx: number[] = [];
  for (let j = 0; j < np; j++) if (spec.vary[j]) varyIdx.push(j);
  const nvar = varyIdx.length;
  const warnings: string[] = [];

  let wsum = 0;
  let wy = 0;
  for (let i = 0; i < n; i++) {
    const w2 = data.weights[i] * data.weights[i];
    wsum += w2;
    wy += w2 * data.y[i];
  }
  const ybar = wy / wsum;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (data.weights[i] * (data.y[i] - ybar)) ** 2;
  const stats = fitStatistics(chiSquare, n, nvar, sst > 0 ? 1 - chiSquare / sst : 1);

  const cov = nvar > 0 ? ctx.covariance(varyIdx) : undefined;
  const scale = ctx.absoluteSigma ? 1 : stats.dof > 0 ? stats.redChi : NaN;
  if (!ctx.absoluteSigma && stats.dof <= 0 && nvar > 0) {
    warnings.push(`no degrees of freedom (${n} points, ${nvar} varied parameters): standard errors cannot be estimated`);
  }
  const covariance: number[][] = [];
  const correlation: number[][] = [];
  const stderrByIdx = new Map<number, number | null>();
  if (cov) {
    const undetermined: string[] = [];
    for (let a = 0; a < nvar; a++) {
      const d = cov.covariance[a * nvar + a] * scale;
      const ok = Number.isFinite(d) && d > 0 && cov.rank === nvar;
      stderrByIdx.set(varyIdx[a], ok ? Math.sqrt(d) : null);
      if (!ok) undetermined.push(spec.names[varyIdx[a]]);
    }
    for (let a = 0; a < nvar; a++) {
      const rowCov: number[] = [];
      const rowCor: number[] = [];
      for (let b = 0; b < nvar; b++) {
        const cab = cov.covariance[a * nvar + b] * scale;
        rowCov.push(Number.isFinite(cab) ? cab : 0);
        const denom = Math.sqrt(cov.covariance[a * nvar + a] * cov.covariance[b * nvar + b]);
        rowCor.push(a === b ? 1 : denom > 0 ? cov.covariance[a * nvar + b] / denom : 0);
      }
      covariance.push(rowCov);
      correlation.push(rowCor);
    }
    if (cov.rank < nvar && stats.dof > 0) {
      warnings.push(
        `the Jacobian has rank ${cov.rank} < ${nvar} varied parameters: the data do not determine ${undetermined.join(', ')} independently (stderr reported as null)`,
      );
    } else if (undetermined.length > 0 && stats.dof > 0) {
      // full rank, yet no standard error: scaled by a reduced χ² of 0 (residuals exactly zero), or
      // a covariance element that over- or underflowed
      warnings.push(
        scale === 0
          ? `the residuals are exactly zero: uncertainties scaled by their scatter are zero, so ${undetermined.join(', ')} have no standard error (reported as null); give σ with absolute weights to get them from the measurement errors`
          : `the covariance of ${undetermined.join(', ')} is not finite and positive (the parameters span too many orders of magnitude): stderr reported as null`,
      );
    }
  }

  const params: Record<string, FitParameter> = {};
  for (let j = 0; j < np; j++) {
    const name = spec.names[j];
    const value = outcome.p[j];
    const param: FitParameter = {
      value,
      stderr: spec.vary[j] ? (stderrByIdx.get(j) ?? null) : null,
      initial: spec.start[j],
      min: Number.isFinite(spec.lower[j]) ? spec.lower[j] : null,
      max: Number.isFinite(spec.upper[j]) ? spec.upper[j] : null,
      vary: spec.vary[j],
      unit: ctx.units?.[name] ?? (spec.units[j] || ctx.adapter.units[name] || ''),
    };
    if (spec.vary[j] && (value <= spec.lower[j] || value >= spec.upper[j])) {
      param.atBound = value <= spec.lower[j] ? 'min' : 'max';
      warnings.push(
        `${name} = ${value} is at its ${param.atBound === 'min' ? 'lower' : 'upper'} bound: its stderr assumes the bound is not active; widen the bound or fix the parameter`,
      );
    }
    params[name] = param;
  }
  if (!outcome.converged) warnings.push(STOP_MESSAGES[outcome.reason]);
  const degenerate = nvar > 0 ? fitDegeneracy(chiSquare, outcome.p, spec.names) : undefined;
  if (degenerate) warnings.push(`not a result: ${degenerate}`);
  if (outcome.retry) warnings.push(retryWarning(outcome.retry, spec.names));

  const x: number[] | Record<string, number[]> =
    data.variables.length === 1 && data.variables[0] === 'x'
      ? Array.from(data.columns.x)
      : Object.fromEntries(data.variables.map((v) => [v, Array.from(data.columns[v])]));
  const residuals = new Array<number>(n);
  for (let i = 0; i < n; i++) residuals[i] = data.y[i] - best[i];

  const result: FitResult = {
    schema: RESULT_SCHEMA,
    kind: 'FitResult',
    model: ctx.name ?? ctx.adapter.name,
    formula: ctx.adapter.formula,
    params,
    varyNames: varyIdx.map((j) => spec.names[j]),
    stats,
    covariance,
    correlation,
    sigmaAbsolute: ctx.absoluteSigma,
    converged: outcome.converged && !degenerate,
    status: outcome.reason,
    message: nvar === 0 ? 'no varied parameters: model evaluated at the given values' : (degenerate ?? STOP_MESSAGES[outcome.reason]),
    nfev: outcome.nfev,
    njev: outcome.njev,
    iterations: outcome.iterations,
    warnings,
    data: data.sigma ? { x, y: Array.from(data.y), sigma: Array.from(data.sigma) } : { x, y: Array.from(data.y) },
    bestFit: Array.from(best),
    residuals,
    provenance: { software: SOFTWARE, version: VERSION, createdAt: new Date().toISOString(), inputs: ctx.inputs },
  };
  if (ctx.curvePoints > 1 && data.variables.length === 1) {
    result.curve = denseCurve(ctx, varyIdx, covariance);
  }
  return result;
}

/** What the solver's second run (Levenberg's damping, from the start values) was for and gave. */
function retryWarning(retry: LevenbergMarquardtRetry, names: readonly string[]): string {
  const why =
    retry.cause === 'evaporated'
      ? `lost ${retry.evaporated.map((j) => names[j]).join(', ')} (ran off to where the model no longer depends on ${retry.evaporated.length > 1 ? 'them' : 'it'})`
      : `did not converge (${STOP_MESSAGES[retry.firstReason].replace(/^did not converge: /, '')})`;
  const kept = retry.kept === 'second' ? 'the second run is reported' : 'the first run is reported, the second did not do better';
  const first = formatNumber(2 * retry.firstCost, 6);
  const second = formatNumber(2 * retry.secondCost, 6);
  return `the first run ${why} at chi-square ${first}; a second run from the start values with Levenberg's unscaled damping reached ${second}: ${kept}`;
}

/**
 * The best-fit curve on a dense grid (log-spaced when x > 0 spans more than a decade, as delays
 * do) with its 1σ band σ_f(x) = √(gᵀ C g), g = ∂f/∂p — lmfit's eval_uncertainty.
 */
function denseCurve(ctx: ResultContext, varyIdx: number[], covariance: number[][]): { x: number[]; y: number[]; sigma: number[] } {
  const xs = ctx.data.columns[ctx.data.variables[0]];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of xs) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const k = ctx.curvePoints;
  const grid = new Float64Array(k);
  const logSpaced = lo > 0 && hi / lo > 10;
  for (let i = 0; i < k; i++) {
    const f = i / (k - 1);
    grid[i] = logSpaced ? lo * Math.pow(hi / lo, f) : lo + (hi - lo) * f;
  }
  const model = ctx.adapter.bind({ [ctx.data.variables[0]]: grid });
  const np = ctx.spec.names.length;
  const y = new Float64Array(k);
  const jac = new Float64Array(k * np);
  const sigma = new Array<number>(k).fill(0);
  if (model.jacobian) model.jacobian(ctx.outcome.p, y, jac);
  else {
    model.evaluate(ctx.outcome.p, y);
    const work = { plus: new Float64Array(k), minus: new Float64Array(k) };
    finiteDifferenceJacobian((p, out) => model.evaluate(p, out), Float64Array.from(ctx.outcome.p), y, jac, k, ctx.spec.vary, work, {
      lower: ctx.spec.lower,
      upper: ctx.spec.upper,
    });
  }
  const nvar = varyIdx.length;
  if (covariance.length === nvar) {
    for (let i = 0; i < k; i++) {
      let s2 = 0;
      for (let a = 0; a < nvar; a++) {
        const ga = jac[varyIdx[a] * k + i];
        for (let b = 0; b < nvar; b++) s2 += ga * covariance[a][b] * jac[varyIdx[b] * k + i];
      }
      sigma[i] = Math.sqrt(Math.max(s2, 0));
    }
  }
  return { x: Array.from(grid), y: Array.from(y), sigma };
}
