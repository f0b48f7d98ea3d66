/**
 * curveFit: weighted nonlinear least squares with bounds, fixed parameters and honest
 * uncertainties (contract in docs/ARCHITECTURE.md, "The fitting engine").
 *
 *   curveFit({ x, y, sigma?, model, params, jacobian? }, options?) → FitResult
 *
 * Invalid input throws an InputError naming the field; failing to converge does not throw: the
 * result says `converged: false` and why.
 */
import { InputError } from '../errors';
import { adaptModel, BoundModel } from './boundModel';
import { LeastSquaresProblem, LevenbergMarquardt } from './levenbergMarquardt';
import { buildFitResult } from './result';
import type { CurveFitInput, CurveFitOptions, FitResult } from './types';
import { checkDataScale, FitData, normalizeData, normalizeParams } from './validate';

export function curveFit(input: CurveFitInput, options: CurveFitOptions = {}): FitResult {
  const source = options.source ?? 'curveFit';
  if (input === null || typeof input !== 'object') {
    throw new InputError('no input given', { field: 'input', expected: '{ x, y, model, params }', source });
  }
  const spec = normalizeParams(input.params, source);
  const data = normalizeData(input.x, input.y, input.sigma, source);
  if (input.model === undefined || input.model === null || (typeof input.model === 'string' && input.model.trim() === '')) {
    throw new InputError('model is missing', { field: 'model', expected: 'a function, an expression string or a VectorModel', source });
  }
  const adapter = adaptModel(input.model, spec.names, data.variables, input.jacobian, source);
  const bound = adapter.bind(data.columns);
  const n = data.y.length;
  const nvar = spec.vary.filter(Boolean).length;
  if (n < nvar) {
    throw new InputError('fewer data points than varied parameters', {
      field: 'y',
      expected: `at least ${nvar} points`,
      found: `${n}`,
      source,
    });
  }

  checkDataScale(data.y, data.sigma ? data.weights : undefined, 'y', source);
  const problem = residualProblem(bound, data, spec.names.length);
  const r0 = new Float64Array(n);
  problem.residuals(spec.start, r0);
  let chiSquare0 = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(r0[i])) {
      throw new InputError('the model is not finite at the start values', {
        field: 'params',
        expected: 'start values where the model can be evaluated',
        found: `f(x[${i}]) = ${r0[i] * (data.sigma ? data.sigma[i] : 1) + data.y[i]}`,
        source,
      });
    }
    chiSquare0 += r0[i] * r0[i];
  }
  if (!Number.isFinite(chiSquare0)) {
    throw new InputError('chi-square overflows at the start values', {
      field: 'params',
      expected: 'start values where the sum of squared residuals is below 1.8e308',
      found: 'chi-square = Infinity',
      source,
    });
  }

  const solver = acquireSolver(n, spec.names.length);
  try {
    const outcome = solver.solve(problem, spec.start, spec.vary, spec.lower, spec.upper, options);
    return buildFitResult({
      adapter,
      bound,
      data,
      spec,
      outcome,
      covariance: (columns) => solver.covariance(columns),
      absoluteSigma: options.absoluteSigma ?? false,
      name: options.name,
      units: options.units,
      curvePoints: options.curvePoints ?? 0,
      inputs: options.inputs ?? [],
    });
  } finally {
    releaseSolver(solver);
  }
}

/**
 * Solvers are pooled by problem size: a batch of same-shaped fits then allocates no work arrays.
 * A fit started from inside a model (nested fits) simply takes another solver from the pool.
 */
const solverPool = new Map<string, LevenbergMarquardt[]>();

function acquireSolver(m: number, np: number): LevenbergMarquardt {
  return solverPool.get(`${m}x${np}`)?.pop() ?? new LevenbergMarquardt(m, np);
}

function releaseSolver(solver: LevenbergMarquardt): void {
  const key = `${solver.m}x${solver.np}`;
  const free = solverPool.get(key) ?? [];
  if (free.length < 4) free.push(solver);
  if (solverPool.size < 64) solverPool.set(key, free);
}

/** r_i = (f_i(p) − y_i)/σ_i and its Jacobian w_i ∂f_i/∂p_j, from a bound model. */
export function residualProblem(bound: BoundModel, data: FitData, np: number): LeastSquaresProblem {
  const n = data.y.length;
  const { y, weights } = data;
  const f = new Float64Array(n);
  const jacobian = bound.jacobian?.bind(bound);
  return {
    m: n,
    np,
    residuals(p, r) {
      bound.evaluate(p, f);
      for (let i = 0; i < n; i++) r[i] = (f[i] - y[i]) * weights[i];
    },
    jacobian: jacobian
      ? (p, jac) => {
          jacobian(p, f, jac);
          for (let j = 0; j < np; j++) {
            const cj = j * n;
            for (let i = 0; i < n; i++) jac[cj + i] *= weights[i];
          }
        }
      : undefined,
  };
}
