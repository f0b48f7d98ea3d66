import { compareTransientModels, fitTransient, InputError, TRANSIENT_MODEL_NAMES, TRANSIENT_MODELS, TransientModelName } from '../src';
import { gaussian, logSpaced, mulberry32 } from '../../../test/support/random';

const delays = logSpaced(1e-4, 10, 16);

function synthetic(model: TransientModelName, truth: Record<string, number>, noise: number, seed: number) {
  const m = TRANSIENT_MODELS[model].model;
  const p = Float64Array.from(m.parameterNames.map((n) => truth[n]));
  const t = Float64Array.from(delays);
  const clean = new Float64Array(t.length);
  m.evaluate(t, p, clean);
  const rand = mulberry32(seed);
  return { delay_s: delays, signal: Array.from(clean, (v) => v + noise * gaussian(rand)), sigma: delays.map(() => noise) };
}

describe('transient models: analytic Jacobians', () => {
  const points: Record<TransientModelName, Record<string, number>> = {
    'saturation-recovery': { M_inf: 1.3, T1: 0.02, a: 0.9, gamma: 0.7 },
    'inversion-recovery': { M_inf: 1.3, T1: 0.02, a: 1.9, gamma: 0.8 },
    'inversion-recovery-magnitude': { M_inf: 1.3, T1: 0.02, a: 1.9, gamma: 0.8 },
    'spin-lock': { M0: 2, T1rho: 0.003, kappa: 0.6, c: 0.1 },
    't2-decay': { M0: 2, T2: 0.003, kappa: 1.7, c: 0.1 },
    'saturation-recovery-2': { M_a: 0.4, T1_a: 0.002, M_b: 0.8, T1_b: 0.3, a: 0.95 },
    'inversion-recovery-2': { M_a: 0.4, T1_a: 0.002, M_b: 0.8, T1_b: 0.3, a: 1.9 },
    'spin-lock-2': { M_a: 0.4, T1rho_a: 0.002, M_b: 0.8, T1rho_b: 0.3, c: 0.05 },
    't2-decay-2': { M_a: 0.4, T2_a: 0.002, M_b: 0.8, T2_b: 0.3, c: 0.05 },
  };
  test.each([...TRANSIENT_MODEL_NAMES])('%s: Jacobian equals central differences', (name) => {
    const m = TRANSIENT_MODELS[name].model;
    const t = Float64Array.from(delays);
    const p = Float64Array.from(m.parameterNames.map((n) => points[name][n]));
    const n = t.length;
    const out = new Float64Array(n);
    const jac = new Float64Array(n * p.length);
    m.jacobian!(t, p, out, jac);
    const plus = new Float64Array(n);
    const minus = new Float64Array(n);
    for (let j = 0; j < p.length; j++) {
      const h = 1e-6 * Math.abs(p[j]);
      const pp = Float64Array.from(p);
      pp[j] += h;
      m.evaluate(t, pp, plus);
      pp[j] -= 2 * h;
      m.evaluate(t, pp, minus);
      for (let i = 0; i < n; i++) {
        const fd = (plus[i] - minus[i]) / (2 * h);
        expect(Math.abs(jac[j * n + i] - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      }
    }
  });
});

describe('transient fits recover known parameters from noisy synthetic data, with no start values given', () => {
  const cases: Array<[TransientModelName, Record<string, number>, string[]]> = [
    ['saturation-recovery', { M_inf: 1.3, T1: 0.02, a: 1, gamma: 1 }, []],
    ['saturation-recovery', { M_inf: 1.3, T1: 0.02, a: 0.85, gamma: 0.6 }, ['a', 'gamma']],
    ['inversion-recovery', { M_inf: 5e8, T1: 0.4, a: 1.92, gamma: 1 }, ['a']],
    ['inversion-recovery-magnitude', { M_inf: 1, T1: 0.05, a: 2, gamma: 1 }, []],
    ['spin-lock', { M0: 2, T1rho: 0.003, kappa: 1, c: 0 }, []],
    ['spin-lock', { M0: 2, T1rho: 0.003, kappa: 0.7, c: 0.2 }, ['kappa', 'c']],
    ['t2-decay', { M0: 1, T2: 2e-4, kappa: 2, c: 0 }, ['kappa']],
    ['saturation-recovery-2', { M_a: 0.5, T1_a: 0.003, M_b: 1, T1_b: 0.5, a: 1 }, []],
    ['spin-lock-2', { M_a: 0.5, T1rho_a: 0.001, M_b: 1, T1rho_b: 0.2, c: 0 }, []],
  ];
  test.each(cases)('%s %j (varying defaults + %j)', (model, truth, vary) => {
    const scale = Math.max(
      ...Object.values(truth)
        .map(Math.abs)
        .filter((v) => v > 10),
    );
    const noise = 0.005 * (Number.isFinite(scale) && scale > 10 ? scale : 1);
    let within = 0;
    let total = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const fit = fitTransient(synthetic(model, truth, noise, seed), { model, vary, absoluteSigma: true });
      expect(fit.converged).toBe(true);
      for (const name of fit.varyNames) {
        const p = fit.params[name];
        expect(p.stderr).not.toBeNull();
        total++;
        if (Math.abs(p.value - truth[name]) <= 3 * (p.stderr as number)) within++;
      }
    }
    // 3σ holds for ~99.7 %: allow one miss in the 5 × nvar checks
    expect(within).toBeGreaterThanOrEqual(total - 1);
  });

  test('the FitResult carries units, the model name and a dense curve on log-spaced delays', () => {
    const fit = fitTransient(synthetic('saturation-recovery', { M_inf: 1, T1: 0.02, a: 1, gamma: 1 }, 0.01, 3), {
      model: 'saturation-recovery',
    });
    expect(fit.model).toBe('saturation-recovery');
    expect(fit.params.T1.unit).toBe('s');
    expect(fit.curve!.x[1] / fit.curve!.x[0]).toBeCloseTo(fit.curve!.x[2] / fit.curve!.x[1], 8);
  });
});

describe('model comparison tells which model the data justify', () => {
  test('stretched data (γ = 0.5): a stretched model wins by very strong evidence', () => {
    const stretched = synthetic('saturation-recovery', { M_inf: 1, T1: 0.02, a: 1, gamma: 0.5 }, 0.005, 11);
    const s = compareTransientModels({ ...stretched, experiment: 'T1-saturation' });
    expect(s.comparison.preferred).toMatch(/\[M_inf, T1, (a, )?gamma\]/);
    const simple = s.comparison.rows.find((r) => r.label === 'saturation-recovery [M_inf, T1]');
    expect(simple!.deltaBic).toBeGreaterThan(10);
    const f = s.comparison.fTests.find(
      (t) => t.simpler === 'saturation-recovery [M_inf, T1]' && t.fuller === 'saturation-recovery [M_inf, T1, gamma]',
    );
    expect(f!.pValue).toBeLessThan(1e-6);
    expect(s.comparison.verdict).toMatch(/is preferred by BIC/);
  });

  test('mono-exponential data: the simple model is preferred in most noise draws, never against strong evidence', () => {
    let simpleWins = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const mono = synthetic('saturation-recovery', { M_inf: 1, T1: 0.02, a: 1, gamma: 1 }, 0.005, 100 + seed);
      const { comparison } = compareTransientModels({ ...mono, experiment: 'T1-saturation' });
      const simple = comparison.rows.find((r) => r.label === 'saturation-recovery [M_inf, T1]')!;
      if (comparison.preferred === simple.label) simpleWins++;
      else expect(simple.deltaBic).toBeLessThan(6);
      expect(comparison.rows.reduce((a, r) => a + r.akaikeWeight, 0)).toBeCloseTo(1, 12);
      // nested F-test of the stretch: the true model is the simpler one, so p is rarely small
      const f = comparison.fTests.find((t) => t.fuller === 'saturation-recovery [M_inf, T1, gamma]' && t.simpler === simple.label)!;
      expect(f.pValue).toBeGreaterThan(0);
      expect(f.pValue).toBeLessThanOrEqual(1);
    }
    expect(simpleWins).toBeGreaterThanOrEqual(12);
  });
});

describe('transients: bad input', () => {
  const base = { delay_s: [0.001, 0.002, 0.004], signal: [0.1, 0.2, 0.35] };
  const cases: Array<[string, object, object, RegExp]> = [
    ['negative delay', { ...base, delay_s: [-0.001, 0.002, 0.004] }, {}, /delay_s\[0\]: delay must be positive/],
    ['zero delay', { ...base, delay_s: [0, 0.002, 0.004] }, {}, /delay_s\[0\]: delay must be positive/],
    ['NaN signal', { ...base, signal: [0.1, NaN, 0.3] }, {}, /signal\[1\]/],
    ['length mismatch', { ...base, signal: [0.1, 0.2] }, {}, /signal: signal and delay_s differ in length/],
    ['unknown model', base, { model: 'bpp' }, /model: unknown transient model/],
    ['unknown parameter', base, { params: { T2: 1 } }, /params\.T2: unknown parameter 'T2' for model saturation-recovery/],
    ['no model and no experiment', base, { model: undefined }, /model: no model named/],
  ];
  test.each(cases)('%s', (_label, transient, options, message) => {
    const run = () => fitTransient(transient as never, { model: 'saturation-recovery', source: 'sample.csv', ...options });
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
    expect(run).toThrow(/^sample\.csv: /);
  });
});
