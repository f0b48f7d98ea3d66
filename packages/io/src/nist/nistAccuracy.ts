/**
 * Accuracy of a fit against NIST StRD certified values, measured as NIST does: the log relative
 * error LRE = −log10(|estimate − certified| / |certified|), capped at 11 (the certified digits).
 */
import { compileExpression, curveFit, CurveFitOptions, FitResult } from '@relaxlab/core';
import type { NistProblem } from './readNistStrd';

export const LRE_CAP = 11;

export function logRelativeError(estimate: number, certified: number): number {
  if (!Number.isFinite(estimate)) return 0;
  const err = certified === 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
  if (err === 0) return LRE_CAP;
  return Math.max(0, Math.min(LRE_CAP, -Math.log10(err)));
}

export interface NistAccuracy {
  problem: string;
  start: number;
  converged: boolean;
  /** Smallest LRE over the parameter values. */
  minLreValue: number;
  /** Smallest LRE over the standard errors (0 when none). */
  minLreStderr: number;
  lreRss: number;
  lreValues: number[];
  lreStderrs: number[];
  nfev: number;
}

/** The model's response: the left-hand side, e.g. Nelson's log[y], applied to the data. */
export function nistResponse(problem: NistProblem): number[] {
  if (problem.response === 'y') return problem.y;
  const lhs = compileExpression(problem.response, { variables: ['y'], parameters: [] });
  return problem.y.map((v) => lhs.value([v], []));
}

/** Fit a NIST problem from start 1 or 2 with curveFit (the model as an expression string). */
export function fitNistProblem(problem: NistProblem, start: 1 | 2, options: CurveFitOptions = {}): FitResult {
  const x = problem.predictors.length === 1 && problem.predictors[0] === 'x' ? problem.x.x : problem.x;
  const params = Object.fromEntries(problem.parameters.map((name, j) => [name, problem.starts[start - 1][j]]));
  return curveFit({ x, y: nistResponse(problem), model: problem.model, params }, { source: problem.name, ...options });
}

export function nistAccuracy(problem: NistProblem, start: number, fit: FitResult): NistAccuracy {
  const lreValues = problem.parameters.map((name, j) => logRelativeError(fit.params[name].value, problem.certifiedValues[j]));
  const lreStderrs = problem.parameters.map((name, j) => logRelativeError(fit.params[name].stderr ?? NaN, problem.certifiedStdDevs[j]));
  return {
    problem: problem.name,
    start,
    converged: fit.converged,
    minLreValue: Math.min(...lreValues),
    minLreStderr: Math.min(...lreStderrs),
    lreRss: logRelativeError(fit.stats.chiSquare, problem.certifiedRss),
    lreValues,
    lreStderrs,
    nfev: fit.nfev,
  };
}
