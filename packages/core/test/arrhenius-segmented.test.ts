import { BOLTZMANN_eV_per_K, fitSegmentedArrhenius, InputError, predictArrhenius } from '../src';
import { gaussian, mulberry32 } from '../../../test/support/random';

const kB = BOLTZMANN_eV_per_K;
const LN10 = Math.LN10;
const temperatures = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/**
 * log10(σT) of a continuous broken line: energies[k] between kinks[k−1] and kinks[k] (kinks
 * ascending in T), anchored at log10 σT = level at the first kink.
 */
function brokenLine(T: number, energies: number[], kinks: number[], level = 0): number {
  const x = 1 / T;
  const xk = kinks.map((t) => 1 / t);
  // walk from the first kink to T along the segments
  let y = level;
  if (x >= xk[0]) return y - (energies[0] * (x - xk[0])) / (kB * LN10);
  for (let k = 1; k <= kinks.length; k++) {
    const lo = k < kinks.length ? xk[k] : -Infinity;
    const end = Math.max(x, lo);
    y -= (energies[k] * (end - xk[k - 1])) / (kB * LN10);
    if (x >= lo) return y;
  }
  return y;
}

/** σT with a kink at 323 K from 1.01 eV (low T) to 0.28 eV (high T), 3 % relative noise, seeded. */
function kinkedSigmaT(seed: number, relNoise = 0.03) {
  const rand = mulberry32(seed);
  const T = temperatures(233, 393, 4);
  const value = T.map((t) => Math.pow(10, brokenLine(t, [1.01, 0.28], [323], -1)) * (1 + relNoise * gaussian(rand)));
  return { temperature_K: T, value, sigma: value.map((v) => relNoise * v), quantity: 'sigmaT' as const };
}

describe('segmented Arrhenius: σT with a kink at 323 K from 1.01 to 0.28 eV', () => {
  const data = kinkedSigmaT(11);
  const r = fitSegmentedArrhenius(data);

  test('BIC picks two segments', () => {
    expect(r.chosenSegments).toBe(2);
    const byK = Object.fromEntries(r.bic.map((b) => [b.segments, b]));
    expect(byK[2].deltaBic).toBe(0);
    expect(byK[1].deltaBic).toBeGreaterThan(10);
    expect(byK[3].deltaBic).toBeGreaterThan(0);
    expect(r.bic.map((b) => b.nvar)).toEqual([2, 4, 6]);
  });

  test('finds the kink within ±5 K and both energies within 0.02 eV, ordered low T → high T', () => {
    const kink = r.breakpoints[0].temperature_K;
    expect(Math.abs(kink.value - 323)).toBeLessThan(5);
    expect(Math.abs(r.segments[0].activationEnergy_eV.value - 1.01)).toBeLessThan(0.02);
    expect(Math.abs(r.segments[1].activationEnergy_eV.value - 0.28)).toBeLessThan(0.02);
    expect(r.segments[0].temperatureRange_K).toEqual([233, kink.value]);
    expect(r.segments[1].temperatureRange_K).toEqual([kink.value, 393]);
    expect(r.segments[0].n + r.segments[1].n).toBe(data.temperature_K.length);
  });

  test('the kink has a stderr from the joint fit and a 95 % profile interval around it that contains 323 K', () => {
    const b = r.breakpoints[0];
    expect(b.temperature_K.stderr).not.toBeNull();
    expect(b.ci95_K[0]).toBeLessThan(b.temperature_K.value);
    expect(b.ci95_K[1]).toBeGreaterThan(b.temperature_K.value);
    expect(b.ci95_K[0]).toBeLessThanOrEqual(323);
    expect(b.ci95_K[1]).toBeGreaterThanOrEqual(323);
    // for a sharp kink the profile interval is close to the Wald interval ±1.96σ
    const halfWidth = (b.ci95_K[1] - b.ci95_K[0]) / 2;
    expect(halfWidth / (1.96 * (b.temperature_K.stderr as number))).toBeGreaterThan(0.6);
    expect(halfWidth / (1.96 * (b.temperature_K.stderr as number))).toBeLessThan(1.6);
  });

  test('the broken line is continuous: both segment lines meet at the kink', () => {
    const Tk = r.breakpoints[0].temperature_K.value;
    const line = (k: number) => r.segments[k].log10Prefactor.value - (r.segments[k].activationEnergy_eV.value * 1) / (kB * LN10 * Tk);
    expect(line(0)).toBeCloseTo(line(1), 8);
    expect(predictArrhenius(r, Tk).log10Value.value).toBeCloseTo(line(0), 8);
  });

  test('kJ/mol per segment match eV × 96.485', () => {
    for (const s of r.segments) expect(s.activationEnergy_kJ_per_mol.value / s.activationEnergy_eV.value).toBeCloseTo(96.48533212, 6);
  });
});

describe('segmented Arrhenius: model choice and exact recovery', () => {
  test('BIC picks one segment for kink-free data', () => {
    const rand = mulberry32(12);
    const T = temperatures(233, 393, 4);
    const value = T.map((t) => Math.exp(-0.5 / (kB * t)) * 1e6 * (1 + 0.03 * gaussian(rand)));
    const r = fitSegmentedArrhenius({ temperature_K: T, value, sigma: value.map((v) => 0.03 * v), quantity: 'sigmaT' });
    expect(r.chosenSegments).toBe(1);
    expect(r.breakpoints).toEqual([]);
    expect(Math.abs(r.segments[0].activationEnergy_eV.value - 0.5)).toBeLessThan(3 * (r.segments[0].activationEnergy_eV.stderr as number));
  });

  test('over 20 seeded draws BIC never misses the kink, and picks the right count for at least 17 of 20 kinked and of 20 straight sets', () => {
    // a kink is not a regular parameter (it is undefined without one), so BIC's 2·ln(n) penalty
    // lets a spurious extra kink through now and then: ~10 % of sets at n = 41 and 3 % noise
    let kinkedRight = 0;
    let straightRight = 0;
    for (let seed = 100; seed < 120; seed++) {
      const kinked = fitSegmentedArrhenius(kinkedSigmaT(seed));
      expect(kinked.chosenSegments).toBeGreaterThanOrEqual(2);
      if (kinked.chosenSegments === 2) kinkedRight++;
      const rand = mulberry32(seed);
      const T = temperatures(233, 393, 4);
      const value = T.map((t) => Math.exp(-0.5 / (kB * t)) * (1 + 0.03 * gaussian(rand)));
      if (fitSegmentedArrhenius({ temperature_K: T, value, sigma: value.map((v) => 0.03 * v) }).chosenSegments === 1) straightRight++;
    }
    expect(kinkedRight).toBeGreaterThanOrEqual(17);
    expect(straightRight).toBeGreaterThanOrEqual(17);
  });

  test('noise-free two-segment data: kink and energies recovered exactly', () => {
    const T = temperatures(233, 393, 5);
    const value = T.map((t) => Math.pow(10, brokenLine(t, [1.23, 0.36], [318.7], 2)));
    const r = fitSegmentedArrhenius({ temperature_K: T, value, quantity: 'sigmaT' }, { segments: 2 });
    expect(r.breakpoints[0].temperature_K.value).toBeCloseTo(318.7, 6);
    expect(r.segments[0].activationEnergy_eV.value).toBeCloseTo(1.23, 8);
    expect(r.segments[1].activationEnergy_eV.value).toBeCloseTo(0.36, 8);
  });

  test('noise-free three-segment data: both kinks and all three energies recovered', () => {
    const T = temperatures(200, 440, 5);
    const value = T.map((t) => Math.pow(10, brokenLine(t, [0.9, 0.5, 0.2], [282, 361], 0)));
    const r = fitSegmentedArrhenius({ temperature_K: T, value, quantity: 'rate' }, { segments: 3 });
    expect(r.breakpoints.map((b) => b.temperature_K.value)).toEqual([expect.closeTo(282, 5), expect.closeTo(361, 5)]);
    expect(r.segments.map((s) => s.activationEnergy_eV.value)).toEqual([expect.closeTo(0.9, 7), expect.closeTo(0.5, 7), expect.closeTo(0.2, 7)]);
  });

  test('τ data (falling with T) keep positive energies in every segment', () => {
    const T = temperatures(233, 393, 5);
    const value = T.map((t) => Math.pow(10, -brokenLine(t, [0.8, 0.3], [310], -9)));
    const r = fitSegmentedArrhenius({ temperature_K: T, value, quantity: 'tau' }, { segments: 2 });
    expect(r.segments[0].activationEnergy_eV.value).toBeCloseTo(0.8, 8);
    expect(r.segments[1].activationEnergy_eV.value).toBeCloseTo(0.3, 8);
  });

  test('a kink forced onto straight data is undefined: its profile interval spans most of the range and a warning says so', () => {
    const rand = mulberry32(21);
    const T = temperatures(240, 400, 10);
    const value = T.map((t) => Math.exp(-0.4 / (kB * t)) * (1 + 0.05 * gaussian(rand)));
    const r = fitSegmentedArrhenius({ temperature_K: T, value }, { segments: 2 });
    const b = r.breakpoints[0];
    expect(b.ci95_K[1] - b.ci95_K[0]).toBeGreaterThan(60);
    expect(b.ci95_K[0]).toBeLessThanOrEqual(b.temperature_K.value);
    expect(b.ci95_K[1]).toBeGreaterThanOrEqual(b.temperature_K.value);
    expect(r.warnings.join(' ')).toMatch(/kink 1.*95 % interval reaches the edge/);
  });
});

describe('segmented Arrhenius: the kink interval covers the true kink', () => {
  test('the 95 % profile interval contains 323 K in at least 90 % of 60 seeded draws', () => {
    let covered = 0;
    const draws = 60;
    for (let seed = 500; seed < 500 + draws; seed++) {
      const r = fitSegmentedArrhenius(kinkedSigmaT(seed, 0.05), { segments: 2 });
      const [lo, hi] = r.breakpoints[0].ci95_K;
      if (lo <= 323 && 323 <= hi) covered++;
    }
    expect(covered / draws).toBeGreaterThanOrEqual(0.9);
  });
});

describe('segmented Arrhenius: guards', () => {
  const T = [250, 260, 270, 280, 290];
  const v = T.map((t) => Math.exp(-0.3 / (kB * t)));

  test('two segments need at least 3 points each: 5 points is an InputError', () => {
    const call = () => fitSegmentedArrhenius({ temperature_K: T, value: v }, { segments: 2 });
    expect(call).toThrow(InputError);
    expect(call).toThrow(/too few points for 2 segments.*at least 6 points/);
  });

  test("'auto' with 5 points compares only one segment and says so", () => {
    const r = fitSegmentedArrhenius({ temperature_K: T, value: v });
    expect(r.chosenSegments).toBe(1);
    expect(r.bic.map((b) => b.segments)).toEqual([1]);
    expect(r.warnings.join(' ')).toMatch(/only 5 points/);
  });

  test('every segment holds at least minPointsPerSegment points', () => {
    const rand = mulberry32(8);
    const Ts = temperatures(233, 393, 8);
    const value = Ts.map((t) => Math.pow(10, brokenLine(t, [1.0, 0.3], [250], 0)) * (1 + 0.02 * gaussian(rand)));
    const r = fitSegmentedArrhenius({ temperature_K: Ts, value }, { segments: 2, minPointsPerSegment: 4 });
    for (const s of r.segments) expect(s.n).toBeGreaterThanOrEqual(4);
  });

  test('bad segment counts and windows are typed errors naming the field', () => {
    expect(() => fitSegmentedArrhenius({ temperature_K: T, value: v }, { segments: 4 as 3 })).toThrow(/segments: unsupported/);
    expect(() => fitSegmentedArrhenius({ temperature_K: T, value: v }, { window_K: [300, 400] })).toThrow(/window_K/);
    expect(() => fitSegmentedArrhenius({ temperature_K: [250, -1, 270], value: [1, 2, 3] })).toThrow(/temperature_K\[1\]/);
  });
});
