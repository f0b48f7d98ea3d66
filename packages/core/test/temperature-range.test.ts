/**
 * One rule for absolute temperatures (physics/temperature.ts), at every input that carries them: a
 * rate series, Arrhenius data, a line-width series and an impedance series refuse T ≤ 0, T below
 * 1 mK and T above 100,000 K with a typed error naming the point; the ends of the range are
 * accepted. (The fuzz harness of issue 17 found a rate table row at 1e308 K that made the joint
 * BPP's jump-rate grid overflow to Infinity.) And a jump-rate band that overflows is said.
 */
import {
  InputError,
  MAX_TEMPERATURE_K,
  MIN_TEMPERATURE_K,
  analyzeImpedanceSeries,
  fitArrhenius,
  fitJointBpp,
  fitLineNarrowing,
  inverseTemperatureGrid_K,
  mulberry32,
  simulateImpedanceSpectrum,
  simulateRateSeries,
  temperatureProblem,
} from '@relaxlab/core';
import type { RateSeries } from '@relaxlab/core';

const BAD = [0, -5, 1e-5, 2e5, 1e308, NaN, Infinity];

/** The error `fn` throws, which must be an InputError. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('no error thrown');
}

describe('absolute temperatures', () => {
  test('the rule: 1 mK … 100,000 K, finite', () => {
    expect(temperatureProblem(MIN_TEMPERATURE_K)).toBeUndefined();
    expect(temperatureProblem(MAX_TEMPERATURE_K)).toBeUndefined();
    expect(temperatureProblem(300)).toBeUndefined();
    for (const t of [0, -1, NaN, Infinity, '300']) expect(temperatureProblem(t)).toBe('temperature must be above 0 K');
    for (const t of [1e-4, 1.1e5, 1e308]) expect(temperatureProblem(t)).toBe('temperature outside the range of a measurement');
  });

  const temperatures = [250, 270, 290, 310, 330, 350, 370, 390];
  test.each(BAD)('a rate series with one point at %s K: typed error naming the point', (bad) => {
    const series: RateSeries = {
      experiment: 'R1',
      nucleus: '7Li',
      larmor_MHz: 116.6,
      points: temperatures.map((t, i) => ({ temperature_K: i === 3 ? bad : t, rate_per_s: 1 + Math.sin(i), sigma: 0.05 })),
    };
    expect(inputError(() => fitJointBpp([series])).message).toMatch(/points\[3\]\.temperature_K/);
  });

  test.each(BAD)('Arrhenius data with one point at %s K', (bad) => {
    const e = inputError(() =>
      fitArrhenius({ temperature_K: temperatures.map((t, i) => (i === 2 ? bad : t)), value: temperatures.map((t) => Math.exp(-3000 / t)) }),
    );
    expect(e.message).toMatch(/temperature_K\[2\]/);
  });

  test.each(BAD)('a line-width series with one point at %s K', (bad) => {
    const points = temperatures.map((t, i) => ({
      temperature_K: i === 5 ? bad : t,
      linewidth_Hz: 5000 / (1 + Math.exp((t - 320) / 10)) + 200,
    }));
    expect(inputError(() => fitLineNarrowing({ points })).message).toMatch(/points\[5\]\.temperature_K/);
  });

  test.each([0, 1e-5, 2e5, 1e308])('an impedance series with a spectrum at %s K', (bad) => {
    const f = Array.from({ length: 30 }, (_, i) => 10 ** (6 - (6 * i) / 29));
    const spectra = [300, bad].map((t, k) => ({
      ...simulateImpedanceSpectrum('R0-p(R1,C1)', { R0: 10, R1: 1000 * (k + 1), C1: 1e-9 }, f, { relativeNoise: 1e-3, seed: k + 1 }),
      temperature_K: t,
    }));
    expect(inputError(() => analyzeImpedanceSeries(spectra, 'R0-p(R1,C1)')).message).toMatch(/temperature/);
  });

  test('temperatures at the ends of the range are accepted', () => {
    const t = [MIN_TEMPERATURE_K, 1, 10, 100, 1000, MAX_TEMPERATURE_K];
    expect(() => fitArrhenius({ temperature_K: t, value: t.map((v) => 1 + 1 / v) })).not.toThrow();
  });
});

describe('a jump-rate band that overflows', () => {
  /** R1 rates on the low-temperature flank only (no maximum in 250–310 K), 5 % σ; `at8` replaces point 8. */
  const flankOnly = (at8?: { rate_per_s: number; sigma: number }): RateSeries => ({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    points: [3.96e-3, 3.64e-3, 4.2e-3, 3.82e-3, 4.65e-3, 5.1e-3, 6.58e-3, 8.3e-3, 1.1e-2, 1.6e-2, 2.4e-2].map((r, i) => ({
      temperature_K: 250 + 6 * i,
      ...(i === 8 && at8 ? at8 : { rate_per_s: r, sigma: 0.05 * r }),
    })),
  });
  const bandOf = (r: ReturnType<typeof fitJointBpp>) => [
    ...r.jumpRate.jumpRate_per_s,
    ...r.jumpRate.lower_per_s,
    ...r.jumpRate.upper_per_s,
  ];

  test('a rate of 1e308 (σ 1e308) among them: the band overflows and says so', () => {
    const r = fitJointBpp([flankOnly({ rate_per_s: 1e308, sigma: 1e308 })]);
    expect(bandOf(r).every(Number.isFinite)).toBe(false);
    expect(r.warnings).toContainEqual(expect.stringMatching(/jump-rate band is not finite/));
  });

  test('rates that never peak (Ea and τ0 undetermined): the band overflows and says so', () => {
    const r = fitJointBpp([flankOnly()]);
    expect(bandOf(r).every(Number.isFinite)).toBe(false);
    expect(r.warnings).toContainEqual(expect.stringMatching(/jump-rate band is not finite/));
  });

  test('a rate peak inside the data (BPP, Ea 0.2 eV, 5 % noise): a finite band and no such warning', () => {
    const series = simulateRateSeries({
      experiment: 'R1',
      nucleus: '7Li',
      larmor_MHz: 116.6,
      temperature_K: inverseTemperatureGrid_K(70, 420, 20),
      model: { spectralDensity: 'bpp', convention: 'full', activationEnergy_eV: 0.2, tau0_s: 1e-13, prefactor_per_s2: 1e10 },
      relativeNoise: 0.05,
      random: mulberry32(7),
    });
    const r = fitJointBpp([series], { spectralDensity: 'bpp' });
    expect(r.fit.converged).toBe(true);
    expect(bandOf(r).every(Number.isFinite)).toBe(true);
    expect(r.warnings.filter((w) => /jump-rate band/.test(w))).toEqual([]);
  });
});
