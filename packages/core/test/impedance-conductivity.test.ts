/**
 * Conductivity from impedance: σ = l/(R·A) with propagated errors, σ′(ν) isotherms, the DC
 * plateau, the Jonscher fit (MIL-121's p = 0.66 recovered from seeded noisy data) and the
 * Summerfield collapse check.
 */
import {
  BOLTZMANN_eV_per_K,
  InputError,
  circuitImpedance,
  conductivityFromResistance,
  conductivitySpectrum,
  dcPlateau,
  fitJonscher,
  gaussian,
  jonscherConductivity_S_per_cm,
  mulberry32,
  parseCircuit,
  summerfieldScaling,
} from '@relaxlab/core';

const pellet = { thickness_cm: 0.12, area_cm2: 0.785 };

/** n log-spaced frequencies from lo to hi. */
const logGrid = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, i / (n - 1)));

/** A Jonscher isotherm with multiplicative (log-normal) noise of relative size `noise`. */
function jonscherIsotherm(sigmaDC: number, nuc: number, p: number, f: number[], noise: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return f.map((nu) => jonscherConductivity_S_per_cm(nu, sigmaDC, nuc, p) * Math.exp(noise * gaussian(rng)));
}

describe('σ = l/(R·A)', () => {
  test('value and relative-quadrature error of R, l and A', () => {
    const s = conductivityFromResistance({ value: 4632, stderr: 3.3 }, { ...pellet, thicknessStderr_cm: 0.002, areaStderr_cm2: 0.01 });
    expect(s.value).toBeCloseTo(0.12 / (4632 * 0.785), 15);
    const rel = Math.sqrt((3.3 / 4632) ** 2 + (0.002 / 0.12) ** 2 + (0.01 / 0.785) ** 2);
    expect((s.stderr as number) / (s.value * rel)).toBeCloseTo(1, 12);
    // a resistance without stderr gives a conductivity without stderr, not a made-up one
    expect(conductivityFromResistance({ value: 100, stderr: null }, pellet).stderr).toBeNull();
  });

  test('missing or invalid geometry is an InputError naming the field', () => {
    expect(() => conductivityFromResistance(100, undefined)).toThrow(/geometry missing/);
    try {
      conductivityFromResistance(100, { thickness_cm: -0.1, area_cm2: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('geometry.thickness_cm');
    }
    expect(() => conductivityFromResistance(0, pellet)).toThrow(InputError);
  });
});

describe('σ′(ν) from impedance', () => {
  test('a resistor gives a flat σ′ = l/(RA); R∥C gives σ* = (l/A)(1/R + jωC)', () => {
    const f = logGrid(1, 1e6, 25);
    const R = 1e4;
    const C = 1e-10;
    const z = circuitImpedance(parseCircuit('p(R1,C1)'), f, { R1: R, C1: C });
    const s = conductivitySpectrum({ frequency_Hz: f, zReal_ohm: Array.from(z.zReal_ohm), zImag_ohm: Array.from(z.zImag_ohm) }, pellet);
    const k = pellet.thickness_cm / pellet.area_cm2;
    s.sigmaReal_S_per_cm.forEach((v) => expect(v / (k / R)).toBeCloseTo(1, 10));
    s.sigmaImag_S_per_cm.forEach((v, i) => expect(v / (k * 2 * Math.PI * f[i] * C)).toBeCloseTo(1, 10));
  });

  test('geometry may come with the spectrum; without any it is an InputError', () => {
    const spectrum = { frequency_Hz: [1, 10], zReal_ohm: [100, 100], zImag_ohm: [-1, -0.1] };
    expect(conductivitySpectrum({ ...spectrum, geometry: pellet }).sigmaReal_S_per_cm).toHaveLength(2);
    expect(() => conductivitySpectrum(spectrum)).toThrow(/geometry missing/);
  });
});

describe('DC plateau', () => {
  test('found between electrode polarisation and dispersion within 3 % of σ_DC; the Jonscher fit removes the bias of the dispersive tail', () => {
    const f = logGrid(0.1, 1e7, 81);
    const sigmaDC = 2.3e-7;
    // Jonscher plus a blocking-electrode drop at low ν: σ′ falls as (ν/ν_ep)² below ν_ep
    const nuEp = 3;
    const s = f.map((nu) => jonscherConductivity_S_per_cm(nu, sigmaDC, 3e5, 0.66) / (1 + (nuEp / nu) ** 2));
    const plateau = dcPlateau({ frequency_Hz: f, sigmaReal_S_per_cm: s });
    expect(plateau).not.toBeNull();
    // (ν/ν_c)^0.66 is still 2 % two decades below ν_c: a plateau reads high
    expect(Math.abs(plateau!.sigmaDC_S_per_cm.value / sigmaDC - 1)).toBeLessThan(0.03);
    expect(plateau!.frequencyRange_Hz[0]).toBeGreaterThan(nuEp);
    expect(plateau!.frequencyRange_Hz[1]).toBeLessThan(3e5);
    const jonscher = fitJonscher({ frequency_Hz: f, sigmaReal_S_per_cm: s }, { frequencyRange_Hz: [100 * nuEp, 1e7] });
    expect(Math.abs(jonscher.sigmaDC_S_per_cm.value / sigmaDC - 1)).toBeLessThan(1e-3);
  });

  test('a pure power law has no plateau (null, not a made-up number)', () => {
    const f = logGrid(1, 1e6, 31);
    expect(dcPlateau({ frequency_Hz: f, sigmaReal_S_per_cm: f.map((nu) => 1e-9 * nu ** 0.7) })).toBeNull();
  });
});

describe('Jonscher fit σ′ = σ_DC[1 + (ν/ν_c)^p]', () => {
  test('recovers σ_DC, ν_c and p = 0.66 (MIL-121) from seeded data with 3 % noise, each within 2σ', () => {
    const truth = { sigmaDC: 4.2e-6, nuc: 2.5e4, p: 0.66 };
    const f = logGrid(1, 1e7, 71);
    const s = jonscherIsotherm(truth.sigmaDC, truth.nuc, truth.p, f, 0.03, 21);
    const r = fitJonscher({ frequency_Hz: f, sigmaReal_S_per_cm: s, temperature_K: 300 });
    expect(r.converged).toBe(true);
    expect(r.temperature_K).toBe(300);
    for (const [estimate, value] of [
      [r.sigmaDC_S_per_cm, truth.sigmaDC],
      [r.crossoverFrequency_Hz, truth.nuc],
      [r.exponent, truth.p],
    ] as const) {
      expect(estimate.stderr).not.toBeNull();
      expect(Math.abs(estimate.value - value)).toBeLessThanOrEqual(2 * (estimate.stderr as number));
    }
    // 3 % log-normal noise: the residual standard deviation of ln σ′ is 0.03
    expect(Math.sqrt(r.fit.stats.redChi)).toBeGreaterThan(0.024);
    expect(Math.sqrt(r.fit.stats.redChi)).toBeLessThan(0.036);
  });

  test('a frequency window excludes electrode polarisation; too few points in it is an InputError', () => {
    const f = logGrid(0.01, 1e7, 91);
    const s = f.map((nu) => jonscherConductivity_S_per_cm(nu, 1e-7, 1e4, 0.6) / (1 + (0.5 / nu) ** 2));
    const r = fitJonscher({ frequency_Hz: f, sigmaReal_S_per_cm: s }, { frequencyRange_Hz: [20, 1e7] });
    expect(r.sigmaDC_S_per_cm.value / 1e-7).toBeCloseTo(1, 3);
    expect(r.exponent.value).toBeCloseTo(0.6, 3);
    expect(() => fitJonscher({ frequency_Hz: f, sigmaReal_S_per_cm: s }, { frequencyRange_Hz: [1e6, 2e6] })).toThrow(/too few points/);
    expect(() => fitJonscher({ frequency_Hz: [1, 2, 3, 4], sigmaReal_S_per_cm: [1, -1, 1, 1] })).toThrow(/sigmaReal_S_per_cm\[1\]/);
  });
});

describe('Summerfield scaling', () => {
  // σ_DC(T) Arrhenius with Ea = 0.45 eV; five isotherms 260-340 K
  const temperatures = [260, 280, 300, 320, 340];
  const sigmaDC = (T: number) => (50 * Math.exp(-0.45 / (BOLTZMANN_eV_per_K * T))) / T;
  const f = logGrid(1, 1e7, 61);

  test('isotherms with ν_c ∝ σ_DC·T collapse to the noise level; a temperature-independent ν_c does not', () => {
    const noise = 0.01;
    const scaling = temperatures.map((T, k) => {
      const s = sigmaDC(T);
      return {
        frequency_Hz: f,
        sigmaReal_S_per_cm: jonscherIsotherm(s, 3e9 * s * T, 0.66, f, noise, 100 + k),
        temperature_K: T,
        sigmaDC_S_per_cm: s,
      };
    });
    const good = summerfieldScaling(scaling);
    expect(good.curves).toHaveLength(5);
    expect(good.overlap[1]).toBeGreaterThan(good.overlap[0]);
    // noise 1 % in σ′ is 0.0043 in log10; interpolation between neighbours averages some of it away
    expect(good.collapseRms_log10).toBeLessThan(0.01);

    const violating = temperatures.map((T, k) => {
      const s = sigmaDC(T);
      return {
        frequency_Hz: f,
        sigmaReal_S_per_cm: jonscherIsotherm(s, 1e4, 0.66, f, noise, 200 + k),
        temperature_K: T,
        sigmaDC_S_per_cm: s,
      };
    });
    expect(summerfieldScaling(violating).collapseRms_log10).toBeGreaterThan(10 * good.collapseRms_log10);
  });

  test('a single isotherm, or isotherms that do not overlap once scaled, are InputErrors', () => {
    const one = { frequency_Hz: f, sigmaReal_S_per_cm: f.map(() => 1e-6), temperature_K: 300, sigmaDC_S_per_cm: 1e-6 };
    expect(() => summerfieldScaling([one])).toThrow(/two or more/);
    const far = { ...one, sigmaDC_S_per_cm: 1e-16 };
    expect(() => summerfieldScaling([one, far])).toThrow(/do not overlap/);
  });
});
