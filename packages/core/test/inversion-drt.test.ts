/** The DRT (core/src/inversion/drt.ts) on seeded synthetic spectra: ZARCs ± a blocking CPE, an RC, bad input. */
import { InputError } from '../src/errors';
import { impedanceFrequencies_Hz, simulateImpedanceSpectrum } from '../src/impedance/simulate';
import { distributionOfRelaxationTimes } from '../src/inversion/drt';

// 10 MHz – 0.1 Hz, 10 per decade (81 frequencies); ZARCs R∥CPE with n = 0.9, τ = (R·Q)^(1/n)
const F = impedanceFrequencies_Hz(1e7, 0.1, 10);
const N = 0.9;
const ZARCS = { R0: 50, R1: 1000, CPE1_Q: 1e-6 ** N / 1000, CPE1_n: N, R2: 2000, CPE2_Q: 1e-3 ** N / 2000, CPE2_n: N };

describe.each([1, 2, 3])('two ZARCs (τ 1e-6 s, 1e-3 s; 1 and 2 kΩ) + R∞ = 50 Ω, 0.2 % noise, seed %d', (seed) => {
  test.each([
    ['alone', 'R0-p(R1,CPE1)-p(R2,CPE2)', {}, false],
    ['with a blocking CPE (Q = 1e-4, n = 0.9) in series', 'R0-p(R1,CPE1)-p(R2,CPE2)-CPE3', { CPE3_Q: 1e-4, CPE3_n: 0.9 }, true],
  ] as const)('%s: two peaks at the ZARCs τ within 10 %, resistances within 5 %', (_, circuit, extra, blocking) => {
    const s = simulateImpedanceSpectrum(circuit, { ...ZARCS, ...extra }, F, { relativeNoise: 0.002, seed });
    const r = distributionOfRelaxationTimes(s, { capacitance: blocking, replicates: 50, seed });
    const zarcs = r.peaks.filter((p) => p.tau_s.value < 0.1);
    expect(zarcs).toHaveLength(2);
    [
      [1e-6, 1000],
      [1e-3, 2000],
    ].forEach(([tau, R], q) => {
      expect(Math.abs(zarcs[q].tau_s.value / tau - 1)).toBeLessThan(0.1);
      expect(Math.abs(zarcs[q].resistance_ohm.value / R - 1)).toBeLessThan(0.05);
    });
    expect(Math.abs(r.R_inf_ohm.value - 50)).toBeLessThan(2.5);
    // what is left beyond 0.1 s is the blocking CPE's own distribution (γ ∝ τ^n), absent without it
    expect(r.peaks.length - zarcs.length).toBe(blocking ? 1 : 0);
    // the reconstruction reaches the noise floor, like the Lin-KK test of the same spectrum
    expect(r.rmsResidual).toBeLessThan(1.5 * r.linKKRmsResidual);
  });
});

test('the RBF basis (Wan et al. 2015) reconstructs Z to the noise floor too, and as λ falls its residual falls with it', () => {
  // two ZARCs, seed 1: the reconstruction is the fit's own design matrix on the RBF coefficients
  // (before: the density sampled on the grid, RMS 2.9e-3 → 3.1e-3 as λ fell, Lin-KK 1.9e-3)
  const s = simulateImpedanceSpectrum('R0-p(R1,CPE1)-p(R2,CPE2)', ZARCS, F, { relativeNoise: 0.002, seed: 1 });
  const rbf = (lambda?: number) =>
    distributionOfRelaxationTimes(s, { discretisation: 'rbf', replicates: 0, ...(lambda !== undefined && { lambda: { lambda } }) });
  const chosen = rbf();
  expect(chosen.rmsResidual).toBeLessThan(1.2 * chosen.linKKRmsResidual);
  const small = rbf(1e-4);
  expect(small.rmsResidual).toBeLessThanOrEqual(chosen.rmsResidual);
  expect(small.rmsResidual).toBeLessThan(1.05 * small.linKKRmsResidual);
});

test('an RC gives one peak at τ = RC holding R', () => {
  const s = simulateImpedanceSpectrum('R0-p(R1,C1)', { R0: 10, R1: 100, C1: 1e-6 }, F, { relativeNoise: 0.002, seed: 9 });
  const r = distributionOfRelaxationTimes(s, { replicates: 50 });
  expect(r.peaks).toHaveLength(1);
  expect(Math.abs(r.peaks[0].tau_s.value / 1e-4 - 1)).toBeLessThan(0.02);
  expect(Math.abs(r.peaks[0].resistance_ohm.value / 100 - 1)).toBeLessThan(0.02);
  expect(r.peaks[0].capacitance_F).toBeCloseTo(1e-6, 7);
  // the band is non-negative
  r.gamma_ohm.forEach((_, j) => {
    expect(r.lower[j]).toBeGreaterThanOrEqual(0);
    expect(r.lower[j]).toBeLessThanOrEqual(r.upper[j]);
  });
});

test('bad input: too few frequencies, a non-positive frequency, a τ range outside the spectrum', () => {
  const s = simulateImpedanceSpectrum('R0-p(R1,C1)', { R0: 10, R1: 100, C1: 1e-6 }, F, {});
  const field = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).field;
    }
    return 'no error';
  };
  const cut = (n: number) => ({
    frequency_Hz: s.frequency_Hz.slice(0, n),
    zReal_ohm: s.zReal_ohm.slice(0, n),
    zImag_ohm: s.zImag_ohm.slice(0, n),
  });
  expect(field(() => distributionOfRelaxationTimes(cut(5)))).toBe('frequency_Hz');
  expect(field(() => distributionOfRelaxationTimes({ ...s, frequency_Hz: [0, ...s.frequency_Hz.slice(1)] }))).toBe('frequency_Hz[0]');
  expect(field(() => distributionOfRelaxationTimes(s, { grid: { min_s: 100, max_s: 1e4 } }))).toBe('grid');
});
