/**
 * Many transients with the same delays (a T1 map, a spectral point series, a benchmark): the fast
 * path. One solver and one set of work arrays serve every fit, results go into typed arrays, and
 * no FitResult objects are built. Each fit is the same computation as fitTransient: automatic
 * start values, the same Levenberg–Marquardt, standard errors from the same covariance.
 */
import { InputError } from '../errors';
import { LevenbergMarquardt, LevenbergMarquardtOptions, StopReason } from '../fit/levenbergMarquardt';
import { constantDataReason, DATA_SCALE_MAX, DATA_SCALE_MIN, finiteArray, fitDegeneracy, weightsFromSigma } from '../fit/validate';
import { checkDelays, resolveModelChoice, resolveParams, TRANSIENT_FTOL, TransientModelChoice } from './fitTransient';
import type { TransientModelName } from './catalogue';

export interface TransientBatchInput {
  /** Delays shared by every transient (s). */
  delay_s: ArrayLike<number>;
  /** One signal per transient, each as long as delay_s. */
  signals: ArrayLike<ArrayLike<number>>;
  /** σ per delay, shared by every transient (weights 1/σ²). */
  sigma?: ArrayLike<number>;
}

export interface TransientBatchOptions extends TransientModelChoice, LevenbergMarquardtOptions {
  absoluteSigma?: boolean;
  source?: string;
}

export interface TransientBatchResult {
  model: TransientModelName;
  parameterNames: string[];
  varyNames: string[];
  count: number;
  /** values[k·np + j]: parameter j of transient k. */
  values: Float64Array;
  /** Standard errors in the same layout; NaN for fixed parameters and undetermined ones. */
  stderr: Float64Array;
  chiSquare: Float64Array;
  redChi: Float64Array;
  /** 1 where the fit converged. */
  converged: Uint8Array;
  status: StopReason[];
  nfev: Uint32Array;
}

export function fitTransientBatch(input: TransientBatchInput, options: TransientBatchOptions = {}): TransientBatchResult {
  const source = options.source ?? 'fitTransientBatch';
  const t = finiteArray(input.delay_s, 'delay_s', source);
  checkDelays(t, source);
  const n = t.length;
  const w = input.sigma ? weightsFromSigma(finiteArray(input.sigma, 'sigma', source), source) : undefined;
  const resolved = resolveModelChoice(options.model ?? 'saturation-recovery', options, source);
  const model = resolved.entry.model;
  const names = [...model.parameterNames];
  const np = names.length;
  const vary = names.map((name) => resolved.vary.has(name));
  const varyIdx = names.map((_, j) => j).filter((j) => vary[j]);
  const nvar = varyIdx.length;
  const count = input.signals.length;
  const result: TransientBatchResult = {
    model: resolved.modelName,
    parameterNames: names,
    varyNames: varyIdx.map((j) => names[j]),
    count,
    values: new Float64Array(count * np),
    stderr: new Float64Array(count * np).fill(NaN),
    chiSquare: new Float64Array(count),
    redChi: new Float64Array(count),
    converged: new Uint8Array(count),
    status: new Array<StopReason>(count),
    nfev: new Uint32Array(count),
  };
  if (n < nvar)
    throw new InputError('fewer delays than varied parameters', {
      field: 'delay_s',
      expected: `at least ${nvar} delays`,
      found: `${n}`,
      source,
    });

  const solver = new LevenbergMarquardt(n, np);
  const y = new Float64Array(n);
  const f = new Float64Array(n);
  const problem = {
    m: n,
    np,
    residuals(p: Float64Array, r: Float64Array) {
      model.evaluate(t, p, f);
      if (w) for (let i = 0; i < n; i++) r[i] = (f[i] - y[i]) * w[i];
      else for (let i = 0; i < n; i++) r[i] = f[i] - y[i];
    },
    jacobian(p: Float64Array, jac: Float64Array) {
      model.jacobian!(t, p, f, jac);
      if (w) for (let j = 0; j < np; j++) for (let i = 0; i < n; i++) jac[j * n + i] *= w[i];
    },
  };
  const start = new Float64Array(np);
  const lower = new Float64Array(np);
  const upper = new Float64Array(np);
  // bounds depend on the delays only, and user values override per name: resolve them once
  const userValue = names.map((name) => {
    const o = resolved.overrides[name];
    return typeof o === 'number' ? o : o?.value;
  });
  let boundsSet = false;
  const solveOptions = { ftol: TRANSIENT_FTOL, ...options };
  const dof = n - nvar;
  for (let k = 0; k < count; k++) {
    const signal = input.signals[k];
    if (!signal || signal.length !== n) {
      throw new InputError('signal length differs from delay_s', {
        field: `signals[${k}]`,
        expected: `${n} values`,
        found: `${signal ? signal.length : 'none'}`,
        source,
      });
    }
    for (let i = 0; i < n; i++) {
      const v = signal[i];
      if (!Number.isFinite(v))
        throw new InputError('value is not a finite number', {
          field: `signals[${k}][${i}]`,
          expected: 'a finite number',
          found: String(v),
          source,
        });
      y[i] = v;
    }
    const auto = resolved.entry.startParams(t, y, w, resolved.fixed);
    if (!boundsSet) {
      const params = resolveParams(resolved, auto);
      names.forEach((name, j) => {
        lower[j] = params[name].min ?? -Infinity;
        upper[j] = params[name].max ?? Infinity;
      });
      boundsSet = true;
    }
    for (let j = 0; j < np; j++) {
      const v = userValue[j] ?? (vary[j] ? auto[names[j]].value : (resolved.fixed[names[j]] ?? auto[names[j]].value));
      start[j] = v < lower[j] ? lower[j] : v > upper[j] ? upper[j] : v;
    }
    // a signal whose |y/σ| lies outside 1e±100 cannot be fitted (χ² under- or overflows, see
    // checkDataScale): not fitted, NaN and not converged, as the batch reports a failed fit
    let size = 0;
    for (let i = 0; i < n; i++) size = Math.max(size, Math.abs(y[i] * (w ? w[i] : 1)));
    if (size !== 0 && (size < DATA_SCALE_MIN || size > DATA_SCALE_MAX)) {
      for (let j = 0; j < np; j++) result.values[k * np + j] = NaN;
      result.chiSquare[k] = NaN;
      result.redChi[k] = NaN;
      result.converged[k] = 0;
      result.status[k] = 'stalled';
      continue;
    }
    const outcome = solver.solve(problem, start, vary, lower, upper, solveOptions);
    const chi = 2 * outcome.cost;
    const scale = options.absoluteSigma ? 1 : dof > 0 ? chi / dof : NaN;
    const cov = solver.covariance(varyIdx);
    for (let j = 0; j < np; j++) result.values[k * np + j] = outcome.p[j];
    if (cov.rank === nvar) {
      for (let a = 0; a < nvar; a++) result.stderr[k * np + varyIdx[a]] = Math.sqrt(cov.covariance[a * nvar + a] * scale);
    }
    result.chiSquare[k] = chi;
    result.redChi[k] = dof > 0 ? chi / dof : chi;
    // constant data or a non-finite χ² is not a result (fitDegeneracy), whatever the solver says
    result.converged[k] = outcome.converged && !fitDegeneracy(chi, outcome.p, names) && !constantDataReason(y) ? 1 : 0;
    result.status[k] = outcome.reason;
    result.nfev[k] = outcome.nfev;
  }
  return result;
}
