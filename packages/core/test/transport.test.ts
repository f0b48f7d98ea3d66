import {
  einsteinSmoluchowskiDiffusion_m2_per_s,
  havenRatio,
  hoppingConductivity_S_per_cm,
  InputError,
  nernstEinsteinConductivity_S_per_cm,
  nernstEinsteinDiffusion_m2_per_s,
  ngaiCoupling,
  numberDensityFromConcentration_per_cm3,
  residenceJumpRate_per_s,
} from '../src';
import type { Estimate } from '../src';
import { gaussian, mulberry32 } from '../../../test/support/random';

// CODATA 2018 / SI 2019 exact values, typed here so the hand calculations do not reuse the library's
const e = 1.602176634e-19;
const kB = 1.380649e-23;
const NA = 6.02214076e23;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Standard deviation of f over Gaussian draws of its inputs (mean ± sd each), seeded. */
function monteCarloSd(inputs: Array<[number, number]>, f: (x: number[]) => number, draws = 40000, seed = 99): number {
  const rand = mulberry32(seed);
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < draws; k++) {
    const v = f(inputs.map(([m, s]) => m + s * gaussian(rand)));
    sum += v;
    sum2 += v * v;
  }
  const mean = sum / draws;
  return Math.sqrt((sum2 - draws * mean * mean) / (draws - 1));
}

describe('Einstein–Smoluchowski D = a²/(2d·τ)', () => {
  test('hand-computed: a = 3 Å, 3D, residence time 1 ns → D = 9e-20/6e-9 = 1.5e-11 m²/s', () => {
    const D = einsteinSmoluchowskiDiffusion_m2_per_s({ jumpDistance_m: 3e-10, dimensionality: 3, time_s: 1e-9, timeKind: 'residence' });
    expect(rel(D.value, 1.5e-11)).toBeLessThan(1e-14);
    expect(D.stderr).toBeNull();
  });

  test('dimensionality enters as 1/(2d): 1D, 2D and 3D are in the ratio 3 : 1.5 : 1', () => {
    const D = (d: 1 | 2 | 3) =>
      einsteinSmoluchowskiDiffusion_m2_per_s({ jumpDistance_m: 2e-10, dimensionality: d, time_s: 1e-8, timeKind: 'residence' }).value;
    expect(D(1) / D(3)).toBeCloseTo(3, 12);
    expect(D(2) / D(3)).toBeCloseTo(1.5, 12);
  });

  test('a correlation time is converted to the residence time with the stated factor (τ = f·τc; default f = 1)', () => {
    const base = { jumpDistance_m: 3e-10, dimensionality: 3 as const, time_s: 1e-9 };
    const residence = einsteinSmoluchowskiDiffusion_m2_per_s({ ...base, timeKind: 'residence' }).value;
    expect(einsteinSmoluchowskiDiffusion_m2_per_s({ ...base, timeKind: 'correlation' }).value).toBe(residence);
    expect(einsteinSmoluchowskiDiffusion_m2_per_s({ ...base, timeKind: 'correlation', residencePerCorrelation: 2 }).value).toBeCloseTo(
      residence / 2,
      25,
    );
    expect(residenceJumpRate_per_s({ jumpRate_per_s: 1e9, timeKind: 'correlation', residencePerCorrelation: 2 }).value).toBeCloseTo(5e8, 3);
  });

  test('propagated stderr (2σa/a ⊕ στ/τ) matches a Monte Carlo over the inputs', () => {
    const a: Estimate = { value: 3e-10, stderr: 0.1e-10 };
    const tau: Estimate = { value: 2e-9, stderr: 0.06e-9 };
    const D = einsteinSmoluchowskiDiffusion_m2_per_s({ jumpDistance_m: a, dimensionality: 3, time_s: tau, timeKind: 'residence' });
    expect(rel(D.stderr as number, D.value * Math.hypot((2 * 0.1) / 3, 0.06 / 2))).toBeLessThan(1e-12);
    const mc = monteCarloSd(
      [
        [a.value, a.stderr as number],
        [tau.value, tau.stderr as number],
      ],
      ([x, t]) => (x * x) / (6 * t),
    );
    expect(rel(mc, D.stderr as number)).toBeLessThan(0.05);
  });
});

describe('Nernst–Einstein σ = (N/V)q²D/(kB·T) and its inverse', () => {
  test('hand-computed: N/V = 1e21 cm⁻³, D = 1e-12 m²/s, 300 K', () => {
    // SI: σ = 1e27 m⁻³ · e² · 1e-12 / (kB · 300) S/m, then /100 for S/cm
    const expected = (1e27 * e * e * 1e-12) / (kB * 300) / 100;
    const s = nernstEinsteinConductivity_S_per_cm({
      numberDensity_per_cm3: 1e21,
      diffusionCoefficient_m2_per_s: 1e-12,
      temperature_K: 300,
    });
    expect(rel(s.value, expected)).toBeLessThan(1e-14);
    expect(s.value).toBeCloseTo(6.1975e-5, 8);
  });

  test('round trip σ → D → σ is exact to 1e-12 (relative) over six decades of σ and for z = 2', () => {
    for (const sigma of [1e-9, 1e-6, 3.3e-4, 1e-3]) {
      for (const z of [1, 2]) {
        const args = { numberDensity_per_cm3: 6.02e20, temperature_K: 323.15, chargeNumber: z };
        const D = nernstEinsteinDiffusion_m2_per_s({ conductivity_S_per_cm: sigma, ...args });
        const back = nernstEinsteinConductivity_S_per_cm({ diffusionCoefficient_m2_per_s: D, ...args });
        expect(rel(back.value, sigma)).toBeLessThan(1e-12);
      }
    }
  });

  test('a divalent ion carries 4× the conductivity at equal D', () => {
    const args = { numberDensity_per_cm3: 1e21, diffusionCoefficient_m2_per_s: 1e-12, temperature_K: 300 };
    expect(
      nernstEinsteinConductivity_S_per_cm({ ...args, chargeNumber: 2 }).value / nernstEinsteinConductivity_S_per_cm(args).value,
    ).toBeCloseTo(4, 12);
  });

  test('number density from concentration: 1 mol/L = N_A/1000 cm⁻³', () => {
    expect(rel(numberDensityFromConcentration_per_cm3(1).value, NA / 1000)).toBeLessThan(1e-15);
    expect(rel(numberDensityFromConcentration_per_cm3({ value: 0.5, stderr: 0.05 }).stderr as number, (0.05 * NA) / 1000)).toBeLessThan(
      1e-14,
    );
  });

  test('propagated stderr matches a Monte Carlo over σ, N/V and T', () => {
    const inputs: Array<[number, number]> = [
      [2e-4, 1e-5],
      [6e20, 6e19],
      [300, 2],
    ];
    const D = nernstEinsteinDiffusion_m2_per_s({
      conductivity_S_per_cm: { value: 2e-4, stderr: 1e-5 },
      numberDensity_per_cm3: { value: 6e20, stderr: 6e19 },
      temperature_K: { value: 300, stderr: 2 },
    });
    const mc = monteCarloSd(inputs, ([s, n, T]) => (s * 100 * kB * T) / (n * 1e6 * e * e));
    expect(rel(mc, D.stderr as number)).toBeLessThan(0.05);
  });
});

describe('hopping conductivity σ = (N/V)q²a²Γ/(2d·kB·T)', () => {
  test('hand-computed, and equal to Nernst–Einstein of the Einstein–Smoluchowski D', () => {
    const n = 6.02214076e20;
    const a = 3e-10;
    const gamma = 7.5e9;
    const T = 323;
    const expected = (n * 1e6 * e * e * a * a * gamma) / (6 * kB * T) / 100;
    const s = hoppingConductivity_S_per_cm({
      numberDensity_per_cm3: n,
      jumpDistance_m: a,
      jumpRate_per_s: gamma,
      dimensionality: 3,
      temperature_K: T,
      timeKind: 'residence',
    });
    expect(rel(s.value, expected)).toBeLessThan(1e-14);
    const D = einsteinSmoluchowskiDiffusion_m2_per_s({ jumpDistance_m: a, dimensionality: 3, time_s: 1 / gamma, timeKind: 'residence' });
    const viaNE = nernstEinsteinConductivity_S_per_cm({ numberDensity_per_cm3: n, diffusionCoefficient_m2_per_s: D, temperature_K: T });
    expect(rel(s.value, viaNE.value)).toBeLessThan(1e-13);
  });

  test('propagated stderr matches a Monte Carlo over N/V, a and Γ', () => {
    const s = hoppingConductivity_S_per_cm({
      numberDensity_per_cm3: { value: 6e20, stderr: 3e19 },
      jumpDistance_m: { value: 3e-10, stderr: 0.1e-10 },
      jumpRate_per_s: { value: 7.5e9, stderr: 3e8 },
      dimensionality: 3,
      temperature_K: 323,
      timeKind: 'correlation',
    });
    const mc = monteCarloSd(
      [
        [6e20, 3e19],
        [3e-10, 0.1e-10],
        [7.5e9, 3e8],
      ],
      ([n, a, g]) => (n * 1e6 * e * e * a * a * g) / (6 * kB * 323) / 100,
    );
    expect(rel(mc, s.stderr as number)).toBeLessThan(0.05);
  });
});

describe('Haven ratio and Ngai coupling', () => {
  test('H_R = D*/Dσ with relative errors added in quadrature', () => {
    const h = havenRatio({
      tracerDiffusion_m2_per_s: { value: 1e-12, stderr: 1e-13 },
      conductivityDiffusion_m2_per_s: { value: 2e-12, stderr: 1e-13 },
    });
    expect(h.value).toBeCloseTo(0.5, 14);
    expect(h.stderr as number).toBeCloseTo(0.5 * Math.hypot(0.1, 0.05), 14);
  });

  test('n = 1 − Ea,micro/Ea,macro: 1 − 0.28/1.01 = 0.7228 for the MIL-121 Li kink', () => {
    const n = ngaiCoupling({ microscopicActivationEnergy_eV: 0.28, macroscopicActivationEnergy_eV: 1.01 });
    expect(n.value).toBeCloseTo(1 - 0.28 / 1.01, 14);
    expect(n.stderr).toBeNull();
  });

  test('propagation with a correlation between the energies matches a Monte Carlo of correlated draws', () => {
    const micro = { value: 0.28, stderr: 0.01 };
    const macro = { value: 1.01, stderr: 0.02 };
    for (const rho of [-0.6, 0, 0.6]) {
      const n = ngaiCoupling({ microscopicActivationEnergy_eV: micro, macroscopicActivationEnergy_eV: macro, correlation: rho });
      const rand = mulberry32(5);
      const values: number[] = [];
      for (let k = 0; k < 40000; k++) {
        const z1 = gaussian(rand);
        const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * gaussian(rand);
        values.push(1 - (micro.value + micro.stderr * z1) / (macro.value + macro.stderr * z2));
      }
      const mean = values.reduce((a, b) => a + b) / values.length;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
      expect(rel(sd, n.stderr as number)).toBeLessThan(0.05);
    }
  });
});

describe('transport relations: bad input is a typed error naming the field', () => {
  test.each([
    [
      'negative jump distance',
      () => einsteinSmoluchowskiDiffusion_m2_per_s({ jumpDistance_m: -3e-10, dimensionality: 3, time_s: 1e-9, timeKind: 'residence' }),
      /jumpDistance_m/,
    ],
    [
      'dimensionality 4',
      () => einsteinSmoluchowskiDiffusion_m2_per_s({ jumpDistance_m: 3e-10, dimensionality: 4 as 3, time_s: 1e-9, timeKind: 'residence' }),
      /dimensionality/,
    ],
    [
      'unknown time kind',
      () =>
        einsteinSmoluchowskiDiffusion_m2_per_s({ jumpDistance_m: 3e-10, dimensionality: 3, time_s: 1e-9, timeKind: 'mean' as 'residence' }),
      /timeKind/,
    ],
    [
      'zero residence factor',
      () => residenceJumpRate_per_s({ jumpRate_per_s: 1e9, timeKind: 'correlation', residencePerCorrelation: 0 }),
      /residencePerCorrelation/,
    ],
    [
      'T = 0 K',
      () => nernstEinsteinConductivity_S_per_cm({ numberDensity_per_cm3: 1e21, diffusionCoefficient_m2_per_s: 1e-12, temperature_K: 0 }),
      /temperature_K/,
    ],
    [
      'negative stderr',
      () => havenRatio({ tracerDiffusion_m2_per_s: { value: 1e-12, stderr: -1 }, conductivityDiffusion_m2_per_s: 1e-12 }),
      /tracerDiffusion_m2_per_s.stderr/,
    ],
    [
      'charge number 1.5',
      () =>
        nernstEinsteinDiffusion_m2_per_s({
          conductivity_S_per_cm: 1e-4,
          numberDensity_per_cm3: 1e21,
          temperature_K: 300,
          chargeNumber: 1.5,
        }),
      /chargeNumber/,
    ],
    [
      'correlation 2',
      () => ngaiCoupling({ microscopicActivationEnergy_eV: 0.2, macroscopicActivationEnergy_eV: 0.3, correlation: 2 }),
      /correlation/,
    ],
    [
      'NaN conductivity',
      () => nernstEinsteinDiffusion_m2_per_s({ conductivity_S_per_cm: NaN, numberDensity_per_cm3: 1e21, temperature_K: 300 }),
      /conductivity_S_per_cm/,
    ],
  ])('%s', (_label, call, field) => {
    expect(call).toThrow(InputError);
    expect(call).toThrow(field);
  });
});
