/**
 * Pieces of the effective number of parameters (inversion/dof.ts): tr(R^p) by repeated squaring
 * against the plain product, and eq. (2) from the NNLS solve's own Cholesky factor against one
 * made afresh.
 */
import { gaussian, mulberry32 } from '@relaxlab/core';
import { effectiveDof, traceOfPower } from '../src/inversion/dof';
import { RegularisedSolver } from '../src/inversion/engine';
import type { LinearProblem } from '../src/inversion/engine';
import { designMatrix, logTauGrid, penaltyMatrix } from '../src/inversion/basis';

function naiveTrace(R: Float64Array, n: number, p: number): number {
  let power = Float64Array.from(R);
  for (let it = 1; it < p; it++) {
    const next = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let t = 0; t < n; t++) for (let c = 0; c < n; c++) next[a * n + c] += power[a * n + t] * R[t * n + c];
    power = next;
  }
  let trace = 0;
  for (let a = 0; a < n; a++) trace += power[a * n + a];
  return trace;
}

describe('effective dof', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8, 11])('tr(R^%i) by squaring equals the plain product', (p) => {
    const random = mulberry32(p);
    const n = 12;
    const R = Float64Array.from({ length: n * n }, () => 0.3 * gaussian(random));
    expect(traceOfPower(R, n, p)).toBeCloseTo(naiveTrace(R, n, p), 12);
  });

  test('eq. (2) from the NNLS factor equals eq. (2) from a fresh factorisation, at every λ of a scan', () => {
    const t = Array.from({ length: 40 }, (_, i) => 1e-4 * 10 ** (4 * (i / 39)));
    const grid = logTauGrid(1e-5, 10, 60);
    const A = designMatrix((tau, out) => t.forEach((ti, i) => (out[i] = 1 - Math.exp(-ti / tau))), t.length, grid, 'piecewise');
    const random = mulberry32(3);
    const b = Float64Array.from(t, (ti) => 0.4 * (1 - Math.exp(-ti / 2e-3)) + 0.6 * (1 - Math.exp(-ti / 5e-2)) + gaussian(random) / 200);
    const problem: LinearProblem = { A, b, m: t.length, k: 60, kg: 60, penalty: penaltyMatrix(grid, 2, 'piecewise'), stencil: [1, -2, 1] };
    const solver = new RegularisedSolver(problem);
    for (const lambda of [3, 0.3, 0.03, 3e-3, 3e-4]) {
      const s = solver.solve(lambda);
      const G = new Float64Array(solver.ata);
      const scale = lambda * lambda * solver.kappa;
      for (let i = 0; i < 60 * 60; i++) G[i] += scale * problem.penalty[i];
      expect(s.dof).toBeGreaterThan(0);
      // the solve's own factor was the one used
      expect((solver as unknown as { work: { factored: number } }).work.factored).toBe(s.x.filter((v) => v > 0).length);
      expect(s.dof).toBe(effectiveDof(problem, solver.ata, s.x, G, 0, scale));
    }
  });
});
