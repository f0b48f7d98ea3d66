/**
 * Complex circuit fits: recovery of known parameters from seeded noisy spectra with start values
 * read off the spectrum, the three weightings, CPE → capacitance with propagated errors, the
 * Lin–KK test, and typed errors for bad input.
 */
import {
  ExpressionError,
  InputError,
  brugCapacitance_F,
  circuitImpedance,
  cpeCapacitance,
  fitCircuit,
  gaussian,
  hsuMansfeldCapacitance_F,
  linKK,
  mulberry32,
  parseCircuit,
} from '@relaxlab/core';
import { estimateStartValues } from '../src/impedance/startValues';
import { checkSpectrum } from '../src/impedance/spectrum';
import type { CircuitFitResult } from '@relaxlab/core';
import { statisticsTest } from '../../../test/support/tiers';

/** n log-spaced frequencies from hi down to lo (the order instruments sweep in). */
function sweep(hi: number, lo: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => hi * Math.pow(lo / hi, i / (n - 1)));
}

/** A spectrum of `circuit` with Gaussian noise of relative size `noise`·|Z| on each part. */
function synthetic(circuit: string, params: Record<string, number>, f: number[], noise: number, seed: number) {
  const z = circuitImpedance(parseCircuit(circuit), f, params);
  const rng = mulberry32(seed);
  const zReal_ohm: number[] = [];
  const zImag_ohm: number[] = [];
  f.forEach((_, i) => {
    const m = Math.hypot(z.zReal_ohm[i], z.zImag_ohm[i]);
    zReal_ohm.push(z.zReal_ohm[i] + noise * m * gaussian(rng));
    zImag_ohm.push(z.zImag_ohm[i] + noise * m * gaussian(rng));
  });
  return { frequency_Hz: f, zReal_ohm, zImag_ohm };
}

function expectWithin(result: CircuitFitResult, truth: Record<string, number>, k: number): void {
  for (const [name, value] of Object.entries(truth)) {
    const p = result.parameters[name];
    expect(p.stderr).not.toBeNull();
    expect(Math.abs(p.value - value)).toBeLessThanOrEqual(k * (p.stderr as number));
  }
}

describe('fitCircuit on synthetic spectra', () => {
  const pellet = { R0: 12, R1: 2.4e4, CPE1_Q: 3.1e-10, CPE1_n: 0.87, CPE2_Q: 2.2e-6, CPE2_n: 0.72 };
  const f = sweep(1e7, 0.1, 81);

  test('recovers a pellet with blocking electrodes, R0-p(R1,CPE1)-CPE2, within 2σ from automatic start values (0.5 % noise, modulus weighting)', () => {
    const data = synthetic('R0-p(R1,CPE1)-CPE2', pellet, f, 0.005, 11);
    const r = fitCircuit(data, 'R0-p(R1,CPE1)-CPE2');
    expect(r.converged).toBe(true);
    expect(r.weighting).toBe('modulus');
    expectWithin(r, { R1: pellet.R1, CPE1_Q: pellet.CPE1_Q, CPE1_n: pellet.CPE1_n, CPE2_Q: pellet.CPE2_Q, CPE2_n: pellet.CPE2_n }, 2);
    // R0 = 12 Ω against |Z| up to 1e7 Ω: determined only loosely, but consistent
    expectWithin(r, { R0: pellet.R0 }, 2);
    // with modulus weights the reduced χ² estimates the relative noise variance 2·(0.005)²/2
    expect(Math.sqrt(r.fit.stats.redChi)).toBeGreaterThan(0.004);
    expect(Math.sqrt(r.fit.stats.redChi)).toBeLessThan(0.006);
  });

  test('start values come from the spectrum: intercept, arc diameter and apex frequency within 15 % for R-(R∥C)', () => {
    const truth = { R0: 30, R1: 470, C1: 3.3e-7 };
    const data = checkSpectrum(synthetic('R0-p(R1,C1)', truth, sweep(1e6, 0.1, 71), 0, 1), 'test');
    const start = estimateStartValues(parseCircuit('R0-p(R1,C1)'), data);
    for (const [name, value] of Object.entries(truth)) {
      expect(Math.abs(start[name] / value - 1)).toBeLessThan(0.15);
    }
  });

  test('two arcs three decades apart are assigned in order (high-frequency arc to the first p(...)) and recovered exactly from noise-free data', () => {
    const truth = { R0: 10, R1: 1000, C1: 1e-9, R2: 5000, C2: 1e-5 };
    const data = synthetic('R0-p(R1,C1)-p(R2,C2)', truth, sweep(1e7, 1e-2, 91), 0, 1);
    const start = estimateStartValues(parseCircuit('R0-p(R1,C1)-p(R2,C2)'), checkSpectrum(data, 'test'));
    expect(start.R1 / truth.R1).toBeGreaterThan(0.5);
    expect(start.R1 / truth.R1).toBeLessThan(2);
    expect(start.C2 / truth.C2).toBeGreaterThan(0.3);
    expect(start.C2 / truth.C2).toBeLessThan(3);
    const r = fitCircuit(data, 'R0-p(R1,C1)-p(R2,C2)');
    for (const [name, value] of Object.entries(truth)) expect(r.parameters[name].value / value).toBeCloseTo(1, 8);
  });

  statisticsTest(
    'standard errors are honest: over 40 seeded Randles spectra R0-p(R1-W1,C1) the z-scores (fit − truth)/stderr have mean ≈ 0 and sd ≈ 1',
    () => {
      const truth: Record<string, number> = { R0: 20, R1: 250, W1: 150, C1: 2e-5 };
      const z: Record<string, number[]> = { R0: [], R1: [], W1: [], C1: [] };
      for (let seed = 1; seed <= 40; seed++) {
        const r = fitCircuit(synthetic('R0-p(R1-W1,C1)', truth, sweep(1e5, 0.01, 61), 0.003, seed), 'R0-p(R1-W1,C1)');
        expect(r.converged).toBe(true);
        for (const name of Object.keys(truth))
          z[name].push((r.parameters[name].value - truth[name]) / (r.parameters[name].stderr as number));
      }
      for (const name of Object.keys(truth)) {
        const mean = z[name].reduce((a, b) => a + b, 0) / z[name].length;
        const sd = Math.sqrt(z[name].reduce((a, b) => a + (b - mean) ** 2, 0) / (z[name].length - 1));
        // for 40 draws of N(0, 1): the mean has sd 0.16, the sd has sd 0.11
        expect(Math.abs(mean)).toBeLessThan(0.5);
        expect(sd).toBeGreaterThan(0.7);
        expect(sd).toBeLessThan(1.3);
      }
    },
  );

  test('finite Warburgs are fitted too: R0-p(R1,C1)-Wo1 within 2σ', () => {
    const truth = { R0: 5, R1: 100, C1: 1e-6, Wo1_R: 400, Wo1_tau: 2 };
    const data = synthetic('R0-p(R1,C1)-Wo1', truth, sweep(1e5, 1e-3, 81), 0.003, 9);
    const r = fitCircuit(data, 'R0-p(R1,C1)-Wo1');
    expect(r.converged).toBe(true);
    expectWithin(r, truth, 2);
  });

  test('weightings: unit and proportional also recover noise-free parameters; a fixed parameter stays put', () => {
    const truth = { R0: 30, R1: 470, CPE1_Q: 3e-6, CPE1_n: 0.9 };
    const data = synthetic('R0-p(R1,CPE1)', truth, sweep(1e5, 0.1, 51), 0, 1);
    for (const weighting of ['unit', 'proportional'] as const) {
      const r = fitCircuit(data, 'R0-p(R1,CPE1)', { weighting });
      for (const [name, value] of Object.entries(truth)) expect(r.parameters[name].value / value).toBeCloseTo(1, 7);
    }
    const fixed = fitCircuit(data, 'R0-p(R1,CPE1)', { params: { CPE1_n: { value: 0.9, vary: false } } });
    expect(fixed.parameters.CPE1_n.value).toBe(0.9);
    expect(fixed.parameters.CPE1_n.stderr).toBeNull();
    expect(fixed.fit.varyNames).not.toContain('CPE1_n');
  });

  test('relative residuals are (Z − Ẑ)/|Z| and vanish for an exact fit', () => {
    const data = synthetic('R0-p(R1,C1)', { R0: 30, R1: 470, C1: 3.3e-7 }, sweep(1e6, 1, 31), 0, 1);
    const r = fitCircuit(data, 'R0-p(R1,C1)');
    expect(Math.max(...r.relativeResiduals.real.map(Math.abs), ...r.relativeResiduals.imag.map(Math.abs))).toBeLessThan(1e-9);
  });
});

describe('CPE → capacitance', () => {
  test('Hsu–Mansfeld: n = 1 gives C = Q, and C = 1/(R·ω_apex) with ω_apex = (RQ)^(−1/n) for any n', () => {
    expect(hsuMansfeldCapacitance_F(1e4, 2e-9, 1)).toBeCloseTo(2e-9, 20);
    const [R, Q, n] = [2.4e4, 3.1e-10, 0.87];
    const omegaApex = Math.pow(R * Q, -1 / n);
    expect(hsuMansfeldCapacitance_F(R, Q, n) / (1 / (R * omegaApex))).toBeCloseTo(1, 12);
  });

  test('Brug: n = 1 gives C = Q; the blocking-electrode form is the limit R_ct → ∞', () => {
    expect(brugCapacitance_F(50, 4e-6, 1)).toBeCloseTo(4e-6, 18);
    const blocking = brugCapacitance_F(50, 4e-6, 0.8);
    expect(brugCapacitance_F(50, 4e-6, 0.8, 1e15) / blocking).toBeCloseTo(1, 10);
    // C = Q^(1/n) R_s^((1−n)/n) written out
    expect(blocking / (Math.pow(4e-6, 1 / 0.8) * Math.pow(50, 0.2 / 0.8))).toBeCloseTo(1, 12);
  });

  test('stderr from the fit covariance equals propagation with a numerical gradient', () => {
    const truth = { R0: 12, R1: 2.4e4, CPE1_Q: 3.1e-10, CPE1_n: 0.87 };
    const data = synthetic('R0-p(R1,CPE1)', truth, sweep(1e7, 1, 61), 0.005, 3);
    const r = fitCircuit(data, 'R0-p(R1,CPE1)');
    for (const method of ['hsu-mansfeld', 'brug'] as const) {
      const c = cpeCapacitance(r, { cpe: 'CPE1', method });
      const value = (p: Record<string, number>) =>
        method === 'brug' ? brugCapacitance_F(p.R0, p.CPE1_Q, p.CPE1_n, p.R1) : hsuMansfeldCapacitance_F(p.R1, p.CPE1_Q, p.CPE1_n);
      const base = Object.fromEntries(Object.entries(r.parameters).map(([k, p]) => [k, p.value]));
      expect(c.capacitance_F.value).toBe(value(base));
      const names = r.fit.varyNames;
      const grad = names.map((name) => {
        const h = 1e-6 * base[name];
        return (value({ ...base, [name]: base[name] + h }) - value({ ...base, [name]: base[name] - h })) / (2 * h);
      });
      let s2 = 0;
      names.forEach((_, i) => names.forEach((__, j) => (s2 += grad[i] * r.fit.covariance[i][j] * grad[j])));
      expect((c.capacitance_F.stderr as number) / Math.sqrt(s2)).toBeCloseTo(1, 5);
    }
    // the Hsu–Mansfeld capacitance of the true parameters lies within 2σ of the fitted one
    const hm = cpeCapacitance(r, { cpe: 'CPE1' });
    expect(Math.abs(hm.capacitance_F.value - hsuMansfeldCapacitance_F(truth.R1, truth.CPE1_Q, truth.CPE1_n))).toBeLessThan(
      2 * (hm.capacitance_F.stderr as number),
    );
    expect(hm.inputs).toEqual({ CPE1_Q: r.parameters.CPE1_Q.value, CPE1_n: r.parameters.CPE1_n.value, R1: r.parameters.R1.value });
  });

  test('unknown CPE or resistor names are InputErrors naming the choices', () => {
    const data = synthetic('R0-p(R1,CPE1)', { R0: 10, R1: 100, CPE1_Q: 1e-6, CPE1_n: 0.9 }, sweep(1e5, 1, 31), 0, 1);
    const r = fitCircuit(data, 'R0-p(R1,CPE1)');
    expect(() => cpeCapacitance(r, { cpe: 'CPE2' })).toThrow(/CPE1/);
    expect(() => cpeCapacitance(r, { cpe: 'CPE1', resistance: 'R7' })).toThrow(InputError);
    expect(() => hsuMansfeldCapacitance_F(100, 1e-6, 1.2)).toThrow(InputError);
  });
});

describe('Lin–KK (Schönleber 2014)', () => {
  test('time constants log-spaced from 1/ω_max to 1/ω_min (as impedance.py get_tc_distribution)', () => {
    const f = [1000, 100, 10, 1, 0.1].map((v) => v / (2 * Math.PI));
    const z = circuitImpedance(parseCircuit('R0-p(R1,C1)'), f, { R0: 1, R1: 10, C1: 0.01 });
    const r = linKK({ frequency_Hz: f, zReal_ohm: Array.from(z.zReal_ohm), zImag_ohm: Array.from(z.zImag_ohm) }, { elements: 3 });
    r.timeConstants_s.forEach((t, k) => expect(t / [0.001, 0.1, 10][k]).toBeCloseTo(1, 12));
  });

  test('a noise-free R-(R∥C) spectrum is KK-compliant: residuals below 1e-6 and R₀, R₁ recovered', () => {
    // time constant R1·C1 at the geometric centre of the 8 decades measured
    const f = sweep(1e6, 1e-2, 81);
    const data = synthetic('R0-p(R1,C1)', { R0: 30, R1: 470, C1: 1 / (2 * Math.PI * 100 * 470) }, f, 0, 1);
    const r = linKK(data);
    expect(r.muCriterionMet).toBe(true);
    expect(r.maxAbsResidual).toBeLessThan(1e-6);
    expect(r.residualsReal).toHaveLength(81);
    expect(r.seriesResistance_ohm).toBeCloseTo(30, 8);
    expect(r.resistances_ohm.reduce((a, b) => a + b, 0)).toBeCloseTo(470, 6);
  });

  test('a noisy ZARC passes at the noise level; the same spectrum with a drifting real part fails by an order of magnitude', () => {
    const f = sweep(1e6, 1, 61);
    const noise = 0.002;
    const data = synthetic('R0-p(R1,CPE1)', { R0: 30, R1: 470, CPE1_Q: 2e-6, CPE1_n: 0.8 }, f, noise, 7);
    const ok = linKK(data);
    expect(ok.muCriterionMet).toBe(true);
    expect(ok.mu).toBeLessThanOrEqual(0.85);
    expect(ok.rmsResidual).toBeLessThan(1.5 * noise);
    // the sample changes while the sweep runs (low frequencies last): not time-invariant
    const drifting = { ...data, zReal_ohm: data.zReal_ohm.map((v, i) => v * (1 + (0.3 * i) / 60)) };
    expect(linKK(drifting).rmsResidual).toBeGreaterThan(10 * noise);
  });

  test('bad options are InputErrors', () => {
    const data = synthetic('R0-p(R1,C1)', { R0: 30, R1: 470, C1: 1e-6 }, sweep(1e5, 1, 5), 0, 1);
    expect(() => linKK(data, { c: 1.5 })).toThrow(InputError);
    expect(() => linKK(data, { elements: 20 })).toThrow(/at most/);
  });
});

describe('bad input is a typed error', () => {
  const good = synthetic('R0-p(R1,C1)', { R0: 30, R1: 470, C1: 1e-6 }, sweep(1e5, 1, 21), 0, 1);

  test('an unparseable circuit names the position', () => {
    let error: unknown;
    try {
      fitCircuit(good, 'R0-p(R1;C1)');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).position).toBe(7);
    expect((error as Error).message).toMatch(/unexpected ';' at position 7/);
  });

  test.each([
    [0, 'frequency_Hz[3]'],
    [-50, 'frequency_Hz[3]'],
  ])('frequency %d Hz is refused, naming the point', (bad, field) => {
    const f = [...good.frequency_Hz];
    f[3] = bad;
    expect(() => fitCircuit({ ...good, frequency_Hz: f }, 'R0-p(R1,C1)')).toThrow(InputError);
    try {
      fitCircuit({ ...good, frequency_Hz: f }, 'R0-p(R1,C1)');
    } catch (e) {
      expect((e as InputError).field).toBe(field);
      expect((e as InputError).message).toContain('positive');
    }
  });

  test('fewer frequencies than parameters', () => {
    const three = {
      frequency_Hz: good.frequency_Hz.slice(0, 3),
      zReal_ohm: good.zReal_ohm.slice(0, 3),
      zImag_ohm: good.zImag_ohm.slice(0, 3),
    };
    expect(() => fitCircuit(three, 'R0-p(R1,CPE1)')).toThrow(/fewer frequencies than fitted parameters/);
  });

  test('arrays of different length, NaN impedances, unknown parameters and weightings', () => {
    expect(() => fitCircuit({ ...good, zImag_ohm: good.zImag_ohm.slice(1) }, 'R0-p(R1,C1)')).toThrow(/different length/);
    const nan = [...good.zReal_ohm];
    nan[2] = NaN;
    expect(() => fitCircuit({ ...good, zReal_ohm: nan }, 'R0-p(R1,C1)')).toThrow(/zReal_ohm\[2\]/);
    expect(() => fitCircuit(good, 'R0-p(R1,C1)', { params: { R9: 1 } })).toThrow(/unknown parameter 'R9'/);
    expect(() => fitCircuit(good, 'R0-p(R1,C1)', { weighting: 'sqrt' as never })).toThrow(/unknown weighting/);
  });

  test('proportional weighting refuses a point with Z″ = 0 exactly', () => {
    const im = [...good.zImag_ohm];
    im[4] = 0;
    expect(() => fitCircuit({ ...good, zImag_ohm: im }, 'R0-p(R1,C1)', { weighting: 'proportional' })).toThrow(/zImag_ohm\[4\]/);
  });
});
