/**
 * Coverage of the bootstrap errors of a DRT (issue 15), over 200 seeded draws (spectrum seeds
 * 7000–7199, bootstrap seeded with the draw number, 100 replicates, fixed beforehand): two ZARCs
 * (τ 1e-6 s and 1e-3 s, 1 and 2 kΩ, n = 0.9) + R∞ = 50 Ω, 0.2 % noise, 10 MHz – 0.1 Hz at 10 per
 * decade. The quantities: each peak's resistance (its area) and position (log10 τ of its maximum).
 *
 * Why the resistances needed their own fix: a ZARC's γ has power-law tails, so the two peaks
 * overlap and where the valley between them falls moves from one spectrum to the next. With the
 * boundary held fixed in every replicate the bootstrap missed that: resistances within 2σ in 54 and
 * 64 of 100 draws, SD(z) 3.6 and 2.7; each replicate's own valley (invert.ts): 92 and 94/100, SD(z)
 * 1.06 and 1.04. R∞ (measured, not asserted): 89/100 within 2σ, z mean 0.44, SD 1.15.
 *
 * Pass bands (200 draws): 2σ coverage ≥ 183/200 (the 0.5 % binomial quantile at p = 0.9545),
 * SD(z) within [0.917, 1.125] (the midpoints to a band 20 % too wide or too narrow, which must fail),
 * |mean z| ≤ 0.25. See inversion-coverage.test.ts for the reasoning.
 *
 * MEASURED (200 draws): two peaks in 200/200; R1 188/200 within 2σ, z mean 0.170, SD 1.050; R2 190,
 * −0.015, 1.014; log10 τ1 188, 0.008, 1.015; log10 τ2 189, 0.271, 0.980. The 1 ms ZARC's position
 * is biased by +0.27 SE (≈ +2e-3 decades), not yet diagnosed (a ZARC is not Gaussian on ln τ, so
 * the three-point Gaussian estimator of peaks.ts is not exact for it; and the neighbour's tail):
 * declared failing below.
 */
import { impedanceFrequencies_Hz, simulateImpedanceSpectrum } from '../src/impedance/simulate';
import { distributionOfRelaxationTimes } from '../src/inversion/drt';
import { statisticsTest } from '../../../test/support/tiers';
import { coverageReport, verdict as bands } from './coverageBands';

const DRAWS = 200;
const COVERAGE_MIN = 183;
const F = impedanceFrequencies_Hz(1e7, 0.1, 10);
const N = 0.9;
const ZARCS = { R0: 50, R1: 1000, CPE1_Q: 1e-6 ** N / 1000, CPE1_n: N, R2: 2000, CPE2_Q: 1e-3 ** N / 2000, CPE2_n: N };

const verdict = (z: number[], sigmaFactor = 1) => bands(z, COVERAGE_MIN / DRAWS, sigmaFactor);

/** The draws, inverted once and shared by the tests below (only in the tiers that run them). */
let cached: { twoPeaks: number; z: Record<string, number[]> } | undefined;
function draws() {
  if (cached) return cached;
  const truth = [
    { log10tau: -6, R: 1000 },
    { log10tau: -3, R: 2000 },
  ];
  const z: Record<string, number[]> = { R1: [], R2: [], log10tau1: [], log10tau2: [] };
  let twoPeaks = 0;
  for (let d = 0; d < DRAWS; d++) {
    const s = simulateImpedanceSpectrum('R0-p(R1,CPE1)-p(R2,CPE2)', ZARCS, F, { relativeNoise: 0.002, seed: 7000 + d });
    const r = distributionOfRelaxationTimes(s, { replicates: 100, seed: d + 1 });
    if (r.peaks.length !== 2) continue;
    twoPeaks++;
    r.peaks.forEach((p, q) => {
      z[`R${q + 1}`].push((p.resistance_ohm.value - truth[q].R) / (p.resistance_ohm.stderr as number));
      z[`log10tau${q + 1}`].push((p.log10tau_s.value - truth[q].log10tau) / (p.log10tau_s.stderr as number));
    });
  }
  console.log(`two peaks in ${twoPeaks}/${DRAWS} draws\n${coverageReport(z)}`);
  cached = { twoPeaks, z };
  return cached;
}

statisticsTest(
  `two ZARCs, ${DRAWS} draws: peaks found; 2σ coverage and SD(z) of resistances and positions; all but the 1 ms position unbiased`,
  () => {
    const { twoPeaks, z } = draws();
    expect(twoPeaks).toBeGreaterThanOrEqual(196);
    for (const [name, v] of Object.entries(z)) {
      const { coverage, scale, unbiased } = verdict(v);
      expect({ name, coverage, scale }).toEqual({ name, coverage: true, scale: true });
      if (name !== 'log10tau2') expect({ name, unbiased }).toEqual({ name, unbiased: true });
      // a band 20 % too wide or too narrow fails
      for (const factor of [0.8, 1.2])
        expect({ name, factor, pass: Object.values(verdict(v, factor)).every(Boolean) }).toEqual({ name, factor, pass: false });
    }
  },
  900_000,
);

/** Known to fail (see above: the 1 ms ZARC's position, z mean 0.27): skipped in the unit tier like every statistics test. */
const knownBiased: typeof test.failing = statisticsTest === test ? test.failing : test.skip;

knownBiased(
  `two ZARCs, ${DRAWS} draws: the 1 ms peak's position is unbiased within 0.25 SE`,
  () => {
    const { z } = draws();
    expect(verdict(z.log10tau2).unbiased).toBe(true);
  },
  900_000,
);
