import { BOLTZMANN_eV_per_K, fitArrhenius, InputError, KJ_PER_MOL_PER_EV, predictArrhenius, celsiusToKelvin } from '../src';
import type { ArrheniusQuantity } from '../src';
import { gaussian, mulberry32 } from '../../../test/support/random';

const kB = BOLTZMANN_eV_per_K;
const temperatures = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** y = A·exp(∓Ea/kBT): rising quantities with −, τ with +. */
const arrhenius = (T: number, ea: number, a: number, quantity: ArrheniusQuantity = 'rate'): number =>
  a * Math.exp(((quantity === 'tau' ? 1 : -1) * ea) / (kB * T));

describe('fitArrhenius: exact recovery and conventions', () => {
  const T = temperatures(200, 400, 10);

  test('recovers Ea = 0.44 eV and A = 1e12 1/s from noise-free rates (to 1e-9)', () => {
    const r = fitArrhenius({ temperature_K: T, value: T.map((t) => arrhenius(t, 0.44, 1e12)) });
    expect(r.activationEnergy_eV.value).toBeCloseTo(0.44, 9);
    expect(r.log10Prefactor.value).toBeCloseTo(12, 9);
    expect(r.prefactor.value / 1e12).toBeCloseTo(1, 8);
    expect(r.n).toBe(T.length);
    expect(r.window_K).toEqual([200, 400]);
    expect(r.fit.converged).toBe(true);
    expect(r.quantity).toBe('rate');
  });

  test.each([
    ['rate', 1],
    ['sigmaT', 1],
    ['diffusion', 1],
    ['tau', -1],
  ] as const)('%s: Ea comes out positive for data that follow its own law, and with the opposite sign if mislabelled', (quantity, sign) => {
    const value = T.map((t) => arrhenius(t, 0.3, quantity === 'tau' ? 1e-13 : 5e3, quantity));
    const right = fitArrhenius({ temperature_K: T, value, quantity });
    expect(right.activationEnergy_eV.value).toBeCloseTo(0.3, 9);
    const wrong = fitArrhenius({ temperature_K: T, value, quantity: sign === 1 ? 'tau' : 'rate' });
    expect(wrong.activationEnergy_eV.value).toBeCloseTo(-0.3, 9);
  });

  test('kJ/mol = eV · e·N_A/1000 (96.485 kJ/mol per eV), for the value and its stderr', () => {
    const rand = mulberry32(3);
    const value = T.map((t) => arrhenius(t, 0.2, 1e10) * (1 + 0.05 * gaussian(rand)));
    const r = fitArrhenius({ temperature_K: T, value });
    expect(KJ_PER_MOL_PER_EV).toBeCloseTo(96.485332, 5);
    expect(r.activationEnergy_kJ_per_mol.value).toBeCloseTo(r.activationEnergy_eV.value * 96.48533212, 8);
    expect(r.activationEnergy_kJ_per_mol.stderr as number).toBeCloseTo((r.activationEnergy_eV.stderr as number) * 96.48533212, 10);
  });

  test('prefactor stderr is A·ln10·σ(log10 A)', () => {
    const rand = mulberry32(4);
    const value = T.map((t) => arrhenius(t, 0.2, 1e10) * (1 + 0.05 * gaussian(rand)));
    const r = fitArrhenius({ temperature_K: T, value });
    expect(r.prefactor.stderr as number).toBeCloseTo(r.prefactor.value * Math.LN10 * (r.log10Prefactor.stderr as number), 6);
  });

  test('temperatures in °C converted with celsiusToKelvin give the same line', () => {
    const celsius = T.map((t) => t - 273.15);
    const value = T.map((t) => arrhenius(t, 0.5, 1e13));
    const r = fitArrhenius({ temperature_K: celsius.map(celsiusToKelvin), value });
    expect(r.activationEnergy_eV.value).toBeCloseTo(0.5, 9);
  });

  test('σ on the value become σ_log10 = σ/(y·ln10) on the fitted axis', () => {
    const value = T.map((t) => arrhenius(t, 0.5, 1e13));
    const sigma = value.map((v) => 0.04 * v);
    const r = fitArrhenius({ temperature_K: T, value, sigma });
    for (const s of r.fit.data.sigma as number[]) expect(s).toBeCloseTo(0.04 / Math.LN10, 12);
    // the axis is 1000/T, sorted by T
    expect((r.fit.data.x as number[])[0]).toBeCloseTo(1000 / 200, 12);
  });

  test('predictArrhenius at a data temperature equals the best fit; outside the data it says extrapolated', () => {
    const rand = mulberry32(5);
    const value = T.map((t) => arrhenius(t, 0.2, 1e10) * (1 + 0.05 * gaussian(rand)));
    const r = fitArrhenius({ temperature_K: T, value });
    const p = predictArrhenius(r, 300);
    expect(p.log10Value.value).toBeCloseTo(r.fit.bestFit[T.indexOf(300)], 12);
    expect(p.extrapolated).toBe(false);
    // the band is narrowest near the centre of the data (in 1000/T) and grows outside
    const inside = predictArrhenius(r, 300).log10Value.stderr as number;
    const outside = predictArrhenius(r, 600).log10Value.stderr as number;
    expect(outside).toBeGreaterThan(inside);
    expect(predictArrhenius(r, 600).extrapolated).toBe(true);
  });
});

describe('fitArrhenius: temperature windows', () => {
  // a kinked σT: 1.01 eV below 323 K, 0.28 eV above (continuous at 323 K)
  const T = temperatures(233, 393, 5);
  const log10y = (t: number) => ((t <= 323 ? -1.01 : -0.28) * (1 / t - 1 / 323)) / (kB * Math.LN10);
  const value = T.map((t) => Math.pow(10, log10y(t)));

  test("a window on either side of the kink returns that side's energy and counts only its points", () => {
    const low = fitArrhenius({ temperature_K: T, value, quantity: 'sigmaT' }, { window_K: [230, 323] });
    const high = fitArrhenius({ temperature_K: T, value, quantity: 'sigmaT' }, { window_K: [323, 400] });
    expect(low.activationEnergy_eV.value).toBeCloseTo(1.01, 9);
    expect(high.activationEnergy_eV.value).toBeCloseTo(0.28, 9);
    expect(low.n).toBe(T.filter((t) => t <= 323).length);
    expect(high.n).toBe(T.filter((t) => t >= 323).length);
    expect(high.window_K).toEqual([323, 400]);
    // the result keeps every point it was given, so the other side can be plotted and refitted
    expect(high.points.temperature_K).toEqual(Array.from(T));
    expect(high.points.value).toEqual(Array.from(value));
    expect(high.n).toBeLessThan(T.length);
  });

  test('a window with fewer points than parameters is an InputError naming window_K', () => {
    const call = () => fitArrhenius({ temperature_K: T, value }, { window_K: [300, 304] });
    expect(call).toThrow(InputError);
    expect(call).toThrow(/window_K.*at least 2 points.*found 1/);
  });

  test('an inverted or non-positive window is refused', () => {
    expect(() => fitArrhenius({ temperature_K: T, value }, { window_K: [350, 300] })).toThrow(/window_K: invalid temperature window/);
    expect(() => fitArrhenius({ temperature_K: T, value }, { window_K: [0, 300] })).toThrow(/window_K/);
  });
});

describe('fitArrhenius: the stderr is honest (Monte Carlo over seeded noise)', () => {
  const T = temperatures(250, 400, 10);
  const truth = { ea: 0.35, log10A: 11 };
  const relNoise = 0.05;

  test('the spread of Ea over 400 noise draws matches the reported stderr, and ±1.96σ covers the truth ~95 % of the time', () => {
    const rand = mulberry32(2024);
    const fits = Array.from({ length: 400 }, () => {
      const value = T.map((t) => arrhenius(t, truth.ea, 10 ** truth.log10A) * Math.exp(relNoise * gaussian(rand)));
      return fitArrhenius({ temperature_K: T, value });
    });
    const eas = fits.map((f) => f.activationEnergy_eV.value);
    const mean = eas.reduce((a, b) => a + b) / eas.length;
    const sd = Math.sqrt(eas.reduce((a, b) => a + (b - mean) ** 2, 0) / (eas.length - 1));
    const meanStderr = fits.reduce((a, f) => a + (f.activationEnergy_eV.stderr as number), 0) / fits.length;
    expect(sd / meanStderr).toBeGreaterThan(0.9);
    expect(sd / meanStderr).toBeLessThan(1.1);
    const covered =
      fits.filter((f) => Math.abs(f.activationEnergy_eV.value - truth.ea) < 1.96 * (f.activationEnergy_eV.stderr as number)).length /
      fits.length;
    expect(covered).toBeGreaterThan(0.92);
    expect(covered).toBeLessThan(0.98);
    expect(Math.abs(mean - truth.ea)).toBeLessThan(3 * (sd / Math.sqrt(eas.length)));
  });
});

describe('fitArrhenius: bad input is a typed InputError naming the field', () => {
  const T = [250, 300, 350];
  const v = [1, 10, 100];
  test.each([
    ['T ≤ 0 K', { temperature_K: [250, 0, 350], value: v }, /temperature_K\[1\].*T > 0 K/],
    ['negative T (°C given as K)', { temperature_K: [-20, 25, 80], value: v }, /temperature_K\[0\]/],
    ['non-finite T', { temperature_K: [250, NaN, 350], value: v }, /temperature_K\[1\]/],
    ['zero value on a log scale', { temperature_K: T, value: [1, 0, 100] }, /value\[1\].*positive/],
    ['negative value', { temperature_K: T, value: [1, 10, -100] }, /value\[2\]/],
    ['infinite value', { temperature_K: T, value: [1, Infinity, 100] }, /value\[1\]/],
    ['non-positive sigma', { temperature_K: T, value: v, sigma: [0.1, 0, 1] }, /sigma\[1\]/],
    ['length mismatch', { temperature_K: T, value: [1, 10] }, /value: length mismatch/],
    ['one point', { temperature_K: [300], value: [1] }, /temperature_K: too few points.*at least 2.*found 1/],
    ['unknown quantity', { temperature_K: T, value: v, quantity: 'conductance' as ArrheniusQuantity }, /quantity: unknown quantity/],
  ])('%s', (_label, data, message) => {
    const call = () => fitArrhenius(data);
    expect(call).toThrow(InputError);
    expect(call).toThrow(message);
  });

  test('two points give the line through them and say that no stderr is available', () => {
    const r = fitArrhenius({ temperature_K: [300, 400], value: [arrhenius(300, 0.3, 1e9), arrhenius(400, 0.3, 1e9)] });
    expect(r.activationEnergy_eV.value).toBeCloseTo(0.3, 9);
    expect(r.activationEnergy_eV.stderr).toBeNull();
    expect(r.warnings.join(' ')).toMatch(/only 2 points/);
  });
});
