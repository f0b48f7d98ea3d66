import {
  BOLTZMANN_eV_per_K,
  fitSegmentedArrhenius,
  InputError,
  kinkTestSummary,
  migrateResult,
  predictArrhenius,
  testArrheniusKink,
} from '../src';
import type { SegmentedArrheniusResult } from '../src';
import { normalSurvival, studentTSurvival } from '../src/fit/distributions';
import { gaussian, mulberry32 } from '../../../test/support/random';
import { statisticsTest } from '../../../test/support/tiers';

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

  statisticsTest(
    'over 20 seeded draws BIC never misses the kink, and picks the right count for at least 17 of 20 kinked and of 20 straight sets',
    () => {
      // a kink is not a regular parameter (it is undefined without one), so BIC's 2·ln(n) penalty
      // lets a spurious extra kink through now and then: 6.0 % of 500 kink-free sets at n = 41 and
      // 3 % noise (seeds 2000–2499), where Davies' test below rejects at p < 0.05 in 3.6 %
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
    },
  );

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
    expect(r.segments.map((s) => s.activationEnergy_eV.value)).toEqual([
      expect.closeTo(0.9, 7),
      expect.closeTo(0.5, 7),
      expect.closeTo(0.2, 7),
    ]);
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
  statisticsTest('the 95 % profile interval contains 323 K in at least 90 % of 60 seeded draws', () => {
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

/** Straight σT line, Ea = 0.5 eV, 3 % relative noise on the same 41 temperatures as kinkedSigmaT. */
function straightSigmaT(seed: number, relNoise = 0.03) {
  const rand = mulberry32(seed);
  const T = temperatures(233, 393, 4);
  const value = T.map((t) => Math.exp(-0.5 / (kB * t)) * 1e6 * (1 + relNoise * gaussian(rand)));
  return { temperature_K: T, value, sigma: value.map((v) => relNoise * v), quantity: 'sigmaT' as const };
}

/**
 * t of the hinge coefficient d in log10 y = a + b·x + d·(x − ψ)₊ by weighted least squares, from
 * the 3×3 normal equations inverted by cofactors (independent of kinkTest.ts's projections).
 */
function hingeT(x: number[], y: number[], w: number[], psi: number, scaleKnown: boolean): number {
  const rows = x.map((xi) => [1, xi, Math.max(xi - psi, 0)]);
  const A = [0, 1, 2].map((r) => [0, 1, 2].map((c) => rows.reduce((s, row, i) => s + w[i] * row[r] * row[c], 0)));
  const rhs = [0, 1, 2].map((r) => rows.reduce((s, row, i) => s + w[i] * row[r] * y[i], 0));
  const cof = (r: number, c: number) => {
    const [r1, r2] = [0, 1, 2].filter((k) => k !== r);
    const [c1, c2] = [0, 1, 2].filter((k) => k !== c);
    return ((r + c) % 2 ? -1 : 1) * (A[r1][c1] * A[r2][c2] - A[r1][c2] * A[r2][c1]);
  };
  const det = A[0][0] * cof(0, 0) + A[0][1] * cof(0, 1) + A[0][2] * cof(0, 2);
  const inv = [0, 1, 2].map((r) => [0, 1, 2].map((c) => cof(c, r) / det));
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * rhs[j], 0));
  const rss = rows.reduce((s, row, i) => s + w[i] * (y[i] - row[0] * beta[0] - row[1] * beta[1] - row[2] * beta[2]) ** 2, 0);
  const s2 = scaleKnown ? 1 : rss / (x.length - 3);
  return beta[2] / Math.sqrt(s2 * inv[2][2]);
}

describe("is the kink real? Davies' test of one line against one kink", () => {
  // testArrheniusKink is the function the segmented fit calls for its kinkTest (checked below);
  // it is called directly here because 500 full segmented fits take ~40 s under jest. Measured
  // once with the segmented fits on these draws: BIC chose ≥ 2 segments in 6.0 %, Davies 3.6 %.
  statisticsTest('calibration: on 500 kink-free σT sets (σ known) Davies rejects at p < 0.05 in ≤ 5 % + 3 binomial sd', () => {
    const draws = 500;
    let daviesRejects = 0;
    for (let seed = 2000; seed < 2000 + draws; seed++) {
      const test = testArrheniusKink(straightSigmaT(seed), { absoluteSigma: true });
      expect(test.scale).toBe('absolute');
      if (test.pValue < 0.05) daviesRejects++;
    }
    const rate = daviesRejects / draws;
    const limit = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / draws);
    console.log(
      `kink-free σT, n = 41, 3 % noise, ${draws} draws: Davies p < 0.05 in ${(100 * rate).toFixed(1)} % (limit ${(100 * limit).toFixed(1)} %)`,
    );
    expect(rate).toBeLessThanOrEqual(limit);
  });

  statisticsTest(
    'calibration with the scale estimated (no σ): the t version rejects in ≤ 5 % + 3 binomial sd of 500 kink-free sets',
    () => {
      const draws = 500;
      let rejects = 0;
      for (let seed = 3000; seed < 3000 + draws; seed++) {
        const { temperature_K, value, quantity } = straightSigmaT(seed);
        const test = testArrheniusKink({ temperature_K, value, quantity });
        expect(test.scale).toBe('estimated');
        expect(test.dof).toBe(38);
        if (test.pValue < 0.05) rejects++;
      }
      const rate = rejects / draws;
      console.log(`kink-free σT, no σ (t version, 38 dof), ${draws} draws: Davies p < 0.05 in ${(100 * rate).toFixed(1)} %`);
      expect(rate).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt((0.05 * 0.95) / draws));
    },
    60_000,
  );

  test('power: the 323 K kink (1.01 → 0.28 eV) gives p < 1e-6, at a candidate within one grid step of 323 K, with ΔEa ≈ 0.73 eV', () => {
    for (const absoluteSigma of [false, true]) {
      const r = fitSegmentedArrhenius(kinkedSigmaT(11), { absoluteSigma });
      const test = r.kinkTest as NonNullable<typeof r.kinkTest>;
      expect(test.scale).toBe(absoluteSigma ? 'absolute' : 'estimated');
      expect(test.weighted).toBe(true);
      expect(test.alternative).toBe('two-sided');
      expect(test.pValue).toBeLessThan(1e-6);
      const grid = test.process.kink_K;
      const step = Math.max(...grid.slice(1).map((t, k) => t - grid[k]));
      expect(Math.abs(test.kink_K - 323)).toBeLessThanOrEqual(step);
      // Ea is larger below the kink: d < 0 for σT, so S < 0 and ΔEa = Ea_below − Ea_above > 0
      expect(test.statistic).toBeLessThan(0);
      expect(Math.abs(test.energyChange_eV.value - 0.73)).toBeLessThan(0.1);
    }
  });

  test('one-sided alternatives follow the sign of the hinge: "less" (a larger Ea below the kink of σT) rejects, "greater" does not', () => {
    const data = kinkedSigmaT(11);
    const less = testArrheniusKink(data, { alternative: 'less' });
    const greater = testArrheniusKink(data, { alternative: 'greater' });
    const two = testArrheniusKink(data);
    expect(less.pValue).toBeLessThan(1e-6);
    expect(greater.pValue).toBeGreaterThan(0.5);
    expect(less.statistic).toBe(Math.min(...less.process.statistic));
    expect(greater.statistic).toBe(Math.max(...greater.process.statistic));
    expect(Math.abs(two.statistic)).toBe(Math.max(...two.process.statistic.map(Math.abs)));
  });

  test('S(ψ) at every candidate equals the weighted least-squares t of the hinge coefficient, σ absolute and σ estimated', () => {
    const data = straightSigmaT(5);
    const x = data.temperature_K.map((t) => 1000 / t);
    const y = data.value.map((v) => Math.log10(v));
    const w = data.sigma.map((s, i) => (data.value[i] * Math.LN10) ** 2 / (s * s));
    for (const absoluteSigma of [true, false]) {
      const test = testArrheniusKink(data, { absoluteSigma, gridPoints: 7 });
      expect(test.process.kink_K).toHaveLength(7);
      test.process.kink_K.forEach((T, k) => {
        const expected = hingeT(x, y, w, 1000 / T, absoluteSigma);
        expect(test.process.statistic[k]).toBeCloseTo(expected, 8);
      });
    }
    // unweighted: the same with w = 1
    const plain = testArrheniusKink({ temperature_K: data.temperature_K, value: data.value, quantity: 'sigmaT' }, { gridPoints: 5 });
    expect(plain.weighted).toBe(false);
    plain.process.kink_K.forEach((T, k) =>
      expect(plain.process.statistic[k]).toBeCloseTo(
        hingeT(
          x,
          y,
          x.map(() => 1),
          1000 / T,
          false,
        ),
        8,
      ),
    );
  });

  test('the candidates stay inside the data with minPointsPerSide points on each side, evenly spaced in 1000/T', () => {
    const data = straightSigmaT(6);
    const test = testArrheniusKink(data, { minPointsPerSide: 4, gridPoints: 9 });
    const T = data.temperature_K;
    expect(test.process.kink_K[0]).toBeCloseTo(T[3], 9);
    expect(test.process.kink_K[8]).toBeCloseTo(T[T.length - 4], 9);
    const inverse = test.process.kink_K.map((t) => 1000 / t);
    for (let k = 2; k < inverse.length; k++) expect(inverse[k] - inverse[k - 1]).toBeCloseTo(inverse[1] - inverse[0], 10);
  });

  test('invariance: scaling every σT (and σ) by 1000 leaves S and p unchanged; τ = 1/rate flips S but not p or ΔEa', () => {
    for (const data of [straightSigmaT(7), kinkedSigmaT(8, 0.1)]) {
      for (const absoluteSigma of [false, true]) {
        const base = testArrheniusKink(data, { absoluteSigma });
        const scaled = testArrheniusKink(
          { ...data, value: data.value.map((v) => 1e3 * v), sigma: data.sigma.map((s) => 1e3 * s) },
          { absoluteSigma },
        );
        expect(scaled.pValue).toBeCloseTo(base.pValue, 10);
        expect(scaled.statistic).toBeCloseTo(base.statistic, 8);
        const tau = testArrheniusKink(
          {
            temperature_K: data.temperature_K,
            value: data.value.map((v) => 1 / v),
            sigma: data.sigma.map((s, i) => s / data.value[i] ** 2),
            quantity: 'tau',
          },
          { absoluteSigma },
        );
        expect(tau.statistic).toBeCloseTo(-base.statistic, 8);
        expect(tau.pValue).toBeCloseTo(base.pValue, 10);
        expect(tau.energyChange_eV.value).toBeCloseTo(base.energyChange_eV.value, 8);
      }
    }
  });

  test('tail functions: Φ(−1.96) = 0.025, Φ(−5) = 2.8665e-7, Φ(−20) = 2.7536e-89; Student t_10 P(T > 2) = 0.036694, t_38 P(T > 6) = 2.8464e-7', () => {
    expect(normalSurvival(1.959963984540054) / 0.025).toBeCloseTo(1, 13);
    expect(normalSurvival(5) / 2.866515718791933e-7).toBeCloseTo(1, 13);
    expect(normalSurvival(20) / 2.7536241186061556e-89).toBeCloseTo(1, 12);
    expect(normalSurvival(-1) + normalSurvival(1)).toBeCloseTo(1, 15);
    // the t tail goes through fit/distributions (ln Γ and the incomplete beta function)
    expect(studentTSurvival(2, 10) / 0.03669401738537018).toBeCloseTo(1, 12);
    expect(studentTSurvival(6, 38) / 2.84637328242557e-7).toBeCloseTo(1, 12);
    expect(studentTSurvival(-1.5, 5) / 0.9030481598787634).toBeCloseTo(1, 12);
  });

  test("Davies' bound is never below the naive two-sided tail at the best candidate", () => {
    const data = straightSigmaT(9);
    const test = testArrheniusKink(data, { absoluteSigma: true });
    expect(test.pValue).toBeGreaterThanOrEqual(Math.min(1, 2 * normalSurvival(Math.abs(test.statistic))));
    const t = testArrheniusKink(data);
    expect(t.pValue).toBeGreaterThanOrEqual(Math.min(1, 2 * studentTSurvival(Math.abs(t.statistic), t.dof)));
  });

  test('the segmented result carries the test whatever the number of segments, and says why when there is none', () => {
    expect(fitSegmentedArrhenius(kinkedSigmaT(11), { segments: 1 }).kinkTest?.pValue).toBeLessThan(1e-6);
    const five = fitSegmentedArrhenius({ temperature_K: [250, 260, 270, 280, 290], value: [1, 2, 3, 4, 5] });
    expect(five.kinkTest).toBeNull();
    expect(five.warnings.join(' ')).toMatch(/no kink test: 5 points cannot hold two segments/);
    // a noise-free line with an estimated scale: every hinge fits exactly and S is 0/0
    const T = temperatures(233, 393, 5);
    const exact = fitSegmentedArrhenius({ temperature_K: T, value: T.map((t) => Math.exp(-0.4 / (kB * t))) });
    expect(exact.kinkTest).toBeNull();
    expect(exact.warnings.join(' ')).toMatch(/no kink test: the data lie on a broken line to rounding/);
    const kinkTest = fitSegmentedArrhenius(kinkedSigmaT(11)).kinkTest;
    expect(JSON.parse(JSON.stringify(kinkTest))).toEqual(kinkTest);
    // it is testArrheniusKink on the same data and σ convention (the calibration above relies on it)
    for (const seed of [2000, 2001]) {
      expect(fitSegmentedArrhenius(straightSigmaT(seed), { absoluteSigma: true }).kinkTest).toEqual(
        testArrheniusKink(straightSigmaT(seed), { absoluteSigma: true }),
      );
    }
    expect(fitSegmentedArrhenius(kinkedSigmaT(11)).kinkTest).toEqual(testArrheniusKink(kinkedSigmaT(11)));
  });

  test('bad options are typed errors naming the field', () => {
    const data = straightSigmaT(1);
    expect(() => testArrheniusKink(data, { alternative: 'two.sided' as 'two-sided' })).toThrow(/alternative: unknown alternative/);
    expect(() => testArrheniusKink(data, { gridPoints: 1 })).toThrow(/gridPoints: invalid number of candidate kinks/);
    const call = () => fitSegmentedArrhenius(data, { kinkTest: { gridPoints: 2.5 } });
    expect(call).toThrow(InputError);
    expect(call).toThrow(/kinkTest\.gridPoints: invalid number of candidate kinks/);
    expect(() => testArrheniusKink({ temperature_K: [250, 260, 270, 280, 290], value: [1, 2, 3, 4, 5] })).toThrow(
      /too few points.*at least 6 points/,
    );
  });
});

describe("kinkTestSummary: Davies' test in the words every display uses", () => {
  /** The number after "p ≤ " and the ΔEa value ± stderr of a summary's text. */
  const parse = (text: string) => {
    const m = /^p ≤ ([0-9.e+-]+) at ([0-9.]+) K, ΔEa = (-?[0-9.]+) ± ([0-9.]+) eV$/.exec(text);
    expect(m).not.toBeNull();
    const [, p, kink, dEa, se] = (m as RegExpExecArray).map(Number);
    return { p, kink, dEa, se };
  };

  test('the 323 K kink: p ≤ the bound to its printed digit, at the candidate kink, ΔEa = Ea below − Ea above ≈ 0.73 eV', () => {
    const r = fitSegmentedArrhenius(kinkedSigmaT(11));
    const k = r.kinkTest as NonNullable<typeof r.kinkTest>;
    const s = kinkTestSummary(r);
    expect(s.test).toBe(k);
    expect(s.p).toMatch(/^p ≤ \d\.\de-\d+$/);
    const printed = parse(s.text);
    // one decimal of the mantissa: the printed bound is within 5 % of the computed one
    expect(Math.abs(printed.p / k.pValue - 1)).toBeLessThanOrEqual(0.05);
    expect(printed.p).toBeLessThan(1e-6);
    expect(Math.abs(printed.kink - k.kink_K)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(printed.dEa - k.energyChange_eV.value)).toBeLessThanOrEqual(printed.se / 2);
    expect(Math.abs(printed.dEa - (1.01 - 0.28))).toBeLessThan(3 * printed.se + 0.05);
    expect(s.line).toBe(`kink test (Davies): ${s.text}`);
    expect(s.report).toHaveLength(2);
    expect(s.report[0]).toMatch(/^\[\[Kink test\]\] Davies' test, one straight line vs one kink \(two-sided, 20 candidate kinks /);
    expect(s.report[1]).toContain(`: ${s.p}; Ea below - Ea above there = `);
  });

  test('no kink (a straight line): p ≥ 0.01 is printed with three decimals; the JSON of a result reads the same', () => {
    const seed = [1, 2, 3, 4, 5, 6].find((k) => testArrheniusKink(straightSigmaT(k)).pValue >= 0.01);
    expect(seed).toBeDefined();
    const r = fitSegmentedArrhenius(straightSigmaT(seed as number));
    const s = kinkTestSummary(r);
    expect(s.p).toBe(`p ≤ ${(r.kinkTest as NonNullable<typeof r.kinkTest>).pValue.toFixed(3)}`);
    expect(kinkTestSummary(JSON.parse(JSON.stringify(r)))).toEqual(s);
  });

  test('a bound that underflows to 0 is "p < 1e-300", never "p ≤ 0"', () => {
    const r = fitSegmentedArrhenius(kinkedSigmaT(11));
    const s = kinkTestSummary({ ...r, kinkTest: { ...(r.kinkTest as NonNullable<typeof r.kinkTest>), pValue: 0 } });
    expect(s.p).toBe('p < 1e-300');
    expect(s.text.startsWith('p < 1e-300 at ')).toBe(true);
  });

  test('without a test the text gives the reason: the warning of the fit, or of a relaxlab/1 result saved before the test existed', () => {
    const five = fitSegmentedArrhenius({ temperature_K: [250, 260, 270, 280, 290], value: [1, 2, 3, 4, 5] });
    const s = kinkTestSummary(five);
    expect(s).toMatchObject({ test: null, p: null, report: [] });
    expect(s.text).toBe('none: 5 points cannot hold two segments of ≥ 3 points');
    expect(s.line).toBe('kink test (Davies): none: 5 points cannot hold two segments of ≥ 3 points');
    const { kinkTest: _dropped, ...old } = { ...fitSegmentedArrhenius(kinkedSigmaT(11)), schema: 'relaxlab/1' };
    expect(kinkTestSummary(migrateResult(old) as SegmentedArrheniusResult).text).toBe(
      'none: saved by relaxlab/1, before results carried one',
    );
  });
});
