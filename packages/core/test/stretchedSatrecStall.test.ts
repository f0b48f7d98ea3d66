/**
 * Issue 13, item 5: the generic path, curveFit with the user's start values and bounds, on
 * stretched saturation recoveries (test/support/stretchedSatrec.js: 16 delays 1 ms … 10 s,
 * T1 = 10^U(−2, 0) s, γ = U(0.6, 1), 1 % noise; start M0 = max y, T1 = 0.1 s, γ = 0.8;
 * T1 ≥ 1e-6 s, 0.1 ≤ γ ≤ 1.5). The engine that projected steps onto the bounds left 28 of the
 * first 10,000 (function model: 19 at "maximum number of function evaluations", 9 at a false
 * "converged") and 20 (expression, all at a false "converged") near T1 ≈ 1e-4 s, γ ≈ 0.14, with
 * χ² hundreds of times the optimum. The test fits the first 3,000, which hold 8 and 6 of those;
 * bench/run.mjs fits all 10,000 next to scipy.
 *
 * The optimum is found independently, by a second fit started at the generating parameters; from
 * the user's start the fit must reach the lower of the two χ² within 1e-6 (relative) and say it
 * converged, on every set, both as a function model (finite differences, as in the issue) and as
 * an expression (analytic derivatives).
 */
import { curveFit } from '../src';
import {
  makeStretchedSatrec,
  STRETCHED_SATREC_EXPRESSION,
  stretchedSatrecModel,
  stretchedSatrecParams,
} from '../../../test/support/stretchedSatrec';

const COUNT = 3000;
const { delay_s, sets } = makeStretchedSatrec(COUNT);

/** χ² of the fit started at the truth, with the same bounds: the reference optimum. */
const reference = sets.map((set: { y: number[]; truth: { M0: number; T1_s: number; gamma: number } }) => {
  const bounds = stretchedSatrecParams(set.y);
  const params = {
    M0: set.truth.M0,
    T1: { ...bounds.T1, value: set.truth.T1_s },
    g: { ...bounds.g, value: set.truth.gamma },
  };
  return curveFit({ x: delay_s, y: set.y, model: STRETCHED_SATREC_EXPRESSION, params }).stats.chiSquare;
});

test.each([
  ['a function model (finite-difference Jacobian)', stretchedSatrecModel],
  ['the expression M0*(1 - exp(-(x/T1)^g)) (analytic Jacobian)', STRETCHED_SATREC_EXPRESSION],
] as const)('from the issue’s start, %s reaches the optimum on all 3,000 sets and says it converged', (_label, model) => {
  const missed: string[] = [];
  sets.forEach((set: { y: number[] }, k: number) => {
    const fit = curveFit({ x: delay_s, y: set.y, model, params: stretchedSatrecParams(set.y) });
    const best = Math.min(fit.stats.chiSquare, reference[k]);
    if (!fit.converged || fit.stats.chiSquare > best * (1 + 1e-6)) {
      missed.push(
        `set ${k}: ${fit.status}, T1 = ${fit.params.T1.value.toExponential(3)} s, γ = ${fit.params.g.value.toFixed(3)}, χ²/optimum = ${(fit.stats.chiSquare / best).toPrecision(4)}`,
      );
    }
  });
  expect(missed).toEqual([]);
});
