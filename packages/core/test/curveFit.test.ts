import { compileExpression, curveFit, fitReport, InputError, isInputError } from '../src';
import { gaussian, logSpaced, mulberry32 } from '../../../test/support/random';

const expDecay = (x: number, p: Record<string, number>) => p.A * Math.exp(-x / p.tau);

describe('curveFit: recovering known parameters', () => {
  const rand = mulberry32(7);
  const x = logSpaced(1e-3, 1, 40);
  const truth = { A: 2.5, tau: 0.05 };
  const sigma = x.map(() => 0.02);
  const y = x.map((t, i) => expDecay(t, truth) + sigma[i] * gaussian(rand));

  test('a function model, an expression and the same model agree, and recover the truth within 3σ', () => {
    const viaFunction = curveFit({ x, y, sigma, model: expDecay, params: { A: 1, tau: 0.01 } }, { absoluteSigma: true });
    const viaExpression = curveFit({ x, y, sigma, model: 'A*exp(-x/tau)', params: { A: 1, tau: 0.01 } }, { absoluteSigma: true });
    for (const name of ['A', 'tau'] as const) {
      const f = viaFunction.params[name];
      const e = viaExpression.params[name];
      expect(f.value).toBeCloseTo(e.value, 6);
      expect(f.stderr as number).toBeCloseTo(e.stderr as number, 6);
      expect(Math.abs(e.value - truth[name])).toBeLessThan(3 * (e.stderr as number));
    }
    expect(viaExpression.converged).toBe(true);
    // χ² of a correct model with true σ is about n − nvar
    expect(viaExpression.stats.chiSquare).toBeGreaterThan(0.3 * viaExpression.stats.dof);
    expect(viaExpression.stats.chiSquare).toBeLessThan(2.5 * viaExpression.stats.dof);
  });

  test('standard errors: absolute σ versus scaling by reduced χ² (lmfit scale_covar)', () => {
    const abs = curveFit({ x, y, sigma, model: expDecay, params: { A: 1, tau: 0.01 } }, { absoluteSigma: true });
    const rel = curveFit({ x, y, sigma, model: expDecay, params: { A: 1, tau: 0.01 } });
    expect(rel.params.tau.stderr as number).toBeCloseTo((abs.params.tau.stderr as number) * Math.sqrt(abs.stats.redChi), 10);
  });

  test('stderr matches the Monte Carlo spread of refits to resampled noise', () => {
    const fits = Array.from({ length: 300 }, () => {
      const yy = x.map((t, i) => expDecay(t, truth) + sigma[i] * gaussian(rand));
      return curveFit({ x, y: yy, sigma, model: expDecay, params: { A: 1, tau: 0.01 } }, { absoluteSigma: true });
    });
    const taus = fits.map((f) => f.params.tau.value);
    const mean = taus.reduce((a, b) => a + b) / taus.length;
    const sd = Math.sqrt(taus.reduce((a, b) => a + (b - mean) ** 2, 0) / (taus.length - 1));
    const reported = fits[0].params.tau.stderr as number;
    expect(sd / reported).toBeGreaterThan(0.85);
    expect(sd / reported).toBeLessThan(1.15);
  });

  test('correlation matrix is symmetric with unit diagonal; covariance is positive definite', () => {
    const fit = curveFit({ x, y, model: 'A*exp(-x/tau) + c', params: { A: 1, tau: 0.01, c: 0 } });
    const C = fit.correlation;
    for (let i = 0; i < 3; i++) {
      expect(C[i][i]).toBe(1);
      for (let j = 0; j < 3; j++) expect(C[i][j]).toBeCloseTo(C[j][i], 12);
    }
    expect(fit.covariance[0][0] * fit.covariance[1][1]).toBeGreaterThan(fit.covariance[0][1] ** 2);
  });

  test('fixed parameters stay put and carry no stderr; bounds hold and are reported', () => {
    const fixed = curveFit({ x, y, model: expDecay, params: { A: { value: 2.5, vary: false }, tau: 0.01 } });
    expect(fixed.params.A.value).toBe(2.5);
    expect(fixed.params.A.stderr).toBeNull();
    expect(fixed.varyNames).toEqual(['tau']);
    const bounded = curveFit({ x, y, model: expDecay, params: { A: 1, tau: { value: 0.01, min: 0.001, max: 0.03 } } });
    expect(bounded.params.tau.value).toBe(0.03);
    expect(bounded.params.tau.atBound).toBe('max');
    expect(bounded.warnings.join(' ')).toMatch(/tau .* upper bound/);
  });

  test('a start on a bound whose Gauss–Newton step leaves the box (correlated parameters) is held there; the rest reach the constrained optimum', () => {
    // y = −0.5·u + 2·v with u and v correlated: from a = 0 the gradient pulls a up, the
    // Gauss–Newton step (towards a = −0.5) pushes it out; with a ≥ 0 the optimum is a = 0, b = Σvy/Σv²
    const u = [1, 2, 3, 4, 5, 6, 7, 8];
    const v = u.map((t, i) => t + 2 * Math.sin(i));
    const yy = u.map((t, i) => -0.5 * t + 2 * v[i]);
    const fit = curveFit({ x: { u, v }, y: yy, model: 'a*u + b*v', params: { a: { value: 0, min: 0 }, b: 0 } });
    const bOptimum = v.reduce((acc, vi, i) => acc + vi * yy[i], 0) / v.reduce((acc, vi) => acc + vi * vi, 0);
    expect(fit.converged).toBe(true);
    expect(fit.params.a.value).toBe(0);
    expect(fit.params.a.atBound).toBe('min');
    expect(fit.params.b.value).toBeCloseTo(bOptimum, 10);
  });

  test('badly scaled parameters (1e9 counts next to 1e-5 s) converge to the same relative accuracy', () => {
    const xs = logSpaced(1e-6, 1e-3, 30);
    const ys = xs.map((t) => 3e9 * (1 - Math.exp(-t / 2e-5)));
    const fit = curveFit({ x: xs, y: ys, model: 'M*(1 - exp(-x/T))', params: { M: 1e9, T: 1e-4 } });
    expect(fit.converged).toBe(true);
    expect(fit.params.M.value / 3e9).toBeCloseTo(1, 10);
    expect(fit.params.T.value / 2e-5).toBeCloseTo(1, 10);
  });

  test('an exact fit stops with status exact or a converged tolerance and zero residuals', () => {
    const xs = [1, 2, 3, 4, 5];
    const fit = curveFit({ x: xs, y: xs.map((v) => 2 * v + 1), model: 'a*x + b', params: { a: 1, b: 0 } });
    expect(fit.converged).toBe(true);
    expect(fit.params.a.value).toBeCloseTo(2, 12);
    expect(fit.stats.chiSquare).toBeLessThan(1e-20);
  });

  test('a rank-deficient model is a result with a warning, not an exception', () => {
    const fit = curveFit({ x, y, model: 'A*B*exp(-x/tau)', params: { A: 1, B: 1, tau: 0.01 } });
    expect(fit.warnings.join(' ')).toMatch(/rank 2 < 3/);
    expect(fit.params.A.stderr).toBeNull();
    expect(fit.params.A.value * fit.params.B.value).toBeCloseTo(2.5, 1);
  });

  test('non-convergence is a result: converged false with the reason', () => {
    const fit = curveFit({ x, y, model: expDecay, params: { A: 1, tau: 0.01 } }, { maxfev: 3 });
    expect(fit.converged).toBe(false);
    expect(fit.status).toBe('maxfev');
    expect(fit.message).toMatch(/maximum number of function evaluations/);
  });

  test('a model that overflows during the fit does not throw', () => {
    const fit = curveFit({ x, y, model: 'A*exp(-x/tau) + 0*exp(1000*q)', params: { A: 1, tau: 0.01, q: 0.1 } });
    expect(typeof fit.converged).toBe('boolean');
  });

  test('several independent variables (Nelson-style) by name', () => {
    const x1 = [1, 2, 3, 4, 5, 6, 7, 8];
    const x2 = [2, 1, 4, 3, 6, 5, 8, 7];
    const y2 = x1.map((a, i) => 1.5 * a - 0.5 * x2[i] + 3);
    const fit = curveFit({ x: { x1, x2 }, y: y2, model: 'a*x1 + b*x2 + c', params: { a: 1, b: 1, c: 0 } });
    expect(fit.params.b.value).toBeCloseTo(-0.5, 10);
  });

  test('the result round-trips through JSON unchanged', () => {
    const fit = curveFit({ x, y, sigma, model: 'A*exp(-x/tau)', params: { A: 1, tau: { value: 0.01, min: 0 } } }, { curvePoints: 20 });
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  test('the lmfit-style report lists statistics, variables ± stderr (%) and correlations', () => {
    const fit = curveFit({ x, y, sigma, model: 'A*exp(-x/tau) + c', params: { A: 1, tau: 0.01, c: 0 } });
    const text = fitReport(fit);
    expect(text).toMatch(/\[\[Fit Statistics\]\]/);
    expect(text).toMatch(/reduced chi-square = /);
    expect(text).toMatch(/tau: +[0-9.e-]+ \+\/- [0-9.e-]+ \(\d+\.\d\d%\) \(init = 0\.01\)/);
    expect(text).toMatch(/\[\[Correlations\]\]/);
  });

  test('the dense curve carries a 1σ band that is smallest where data constrain the curve best', () => {
    const fit = curveFit({ x, y, sigma, model: expDecay, params: { A: 1, tau: 0.01 } }, { curvePoints: 50 });
    expect(fit.curve?.x).toHaveLength(50);
    expect(fit.curve?.sigma.every((s) => s >= 0)).toBe(true);
    expect(compileExpression('A*exp(-x/tau)').parameters).toEqual(['A', 'tau']);
  });
});

describe('curveFit: bad input is a typed error naming the field', () => {
  const x = [1, 2, 3, 4];
  const y = [1, 2, 3, 4];
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['NaN in y', () => curveFit({ x, y: [1, NaN, 3, 4], model: 'a*x', params: { a: 1 } }), /y\[1\]/],
    ['Infinity in x', () => curveFit({ x: [1, 2, Infinity, 4], y, model: 'a*x', params: { a: 1 } }), /x\[2\]/],
    ['empty arrays', () => curveFit({ x: [], y: [], model: 'a*x', params: { a: 1 } }), /y: array is empty/],
    ['mismatched lengths', () => curveFit({ x: [1, 2, 3], y, model: 'a*x', params: { a: 1 } }), /^curveFit: x: x and y differ in length/],
    ['non-positive sigma', () => curveFit({ x, y, sigma: [1, 0, 1, 1], model: 'a*x', params: { a: 1 } }), /sigma\[1\]/],
    [
      'min > max',
      () => curveFit({ x, y, model: 'a*x', params: { a: { value: 1, min: 2, max: 0 } } }),
      /params\.a: lower bound is above upper bound/,
    ],
    [
      'start outside bounds',
      () => curveFit({ x, y, model: 'a*x', params: { a: { value: 5, min: 0, max: 1 } } }),
      /params\.a: start value outside its bounds/,
    ],
    ['non-finite start', () => curveFit({ x, y, model: 'a*x', params: { a: NaN } }), /params\.a\.value/],
    ['unknown name in expression', () => curveFit({ x, y, model: 'a*x + k', params: { a: 1 } }), /unknown parameter 'k'/],
    [
      'parameter not in expression',
      () => curveFit({ x, y, model: 'a*x', params: { a: 1, T2: 3 } }),
      /params\.T2: parameter 'T2' does not appear/,
    ],
    ['syntax error', () => curveFit({ x, y, model: 'a*(x', params: { a: 1 } }), /expression/],
    [
      'too few points',
      () => curveFit({ x: [1], y: [1], model: 'a*x + b', params: { a: 1, b: 0 } }),
      /fewer data points than varied parameters/,
    ],
    ['model not finite at start', () => curveFit({ x, y, model: 'log(a*x)', params: { a: -1 } }), /not finite at the start values/],
    [
      'chi-square overflows at start',
      () => curveFit({ x, y, model: 'exp(a*x)', params: { a: 100 } }),
      /params: chi-square overflows at the start values/,
    ],
    ['no parameters', () => curveFit({ x, y, model: 'x', params: {} }), /params: no parameters given/],
  ];
  test.each(cases)('%s', (_label, run, message) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(isInputError(error)).toBe(true);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });
});
