/**
 * Coverage of the bootstrap errors of an ILT (issue 15), over 400 seeded draws (seed 1501, fixed
 * beforehand; each inversion's bootstrap seeded with its draw number, 100 replicates): two
 * well-separated T1 populations (2 ms and 60 ms log-normals, 0.15 decades wide, 35:65, SNR 300,
 * 64 delays). The quantities: each peak's area fraction and its position (log10 τ of its maximum).
 * Pointwise coverage of the density band is not tested: the regulariser biases g(ln τ) on the
 * peaks' flanks, and a bootstrap has no coverage guarantee there (invert.ts).
 *
 * z = (estimate − truth)/SE. Pass bands (400 draws):
 * - 2σ coverage ≥ 370/400, the 0.5 % binomial quantile at p = 0.9545;
 * - SD(z) within [0.917, 1.125]: the midpoints between 1 and the SD of a band 20 % too wide (1/1.2)
 *   or too narrow (1/0.8), so a 20 % error of the band fails (checked below by rescaling z), while
 *   a calibrated band passes with ≥ 99 % probability (SE of SD(z) at n = 400: 0.035);
 * - |mean z| ≤ 0.25: a bias of 0.25 SE lowers 2σ coverage from 95.4 % to 94.6 % only.
 * (Before: 200 draws and |SD(z) − 1| ≤ 0.15, with the same rescaling check, which then holds only
 * for SD(z) in [0.92, 1.02] — a calibrated band fails that 40 % of the time at n = 200.)
 *
 * MEASURED (refinements 5, deconvolved-generator bootstrap; invert.ts): two peaks in 400/400 draws;
 * fraction 1: 378/400 within 2σ, z mean −0.278, SD 0.988 (fraction 2 its mirror image);
 * log10 τ1: 384/400, mean −0.043, SD 1.001; log10 τ2: 374/400, mean 0.180, SD 1.058.
 * Before this work (plain Tikhonov, bootstrap from the estimate, 200 draws): fraction z mean −0.83,
 * SD 0.91; positions SD 0.79–0.88. The fractions' remaining bias (−0.28 SE ≈ −1.0e-3) is half the
 * noise-free smoothing bias (−0.3e-3 after 5 refinements, −2.9e-3 before) and half non-negativity:
 * noise leaves 2–5 % bumps in the empty valley and at the grid's long end, always positive, which
 * join the 60 ms peak more often than the 2 ms one. Subtracting the bootstrap's own bias estimate
 * removes it but doubles the noise (SD(z) 1.3–2.0), so it is stated here and the fractions'
 * unbiasedness is declared failing below.
 *
 * Elsewhere (200 draws, seed 1601, measured once, not asserted): the same populations at SNR 100 —
 * fraction z mean −0.48, SD 0.99, 184/198 within 2σ (plain Tikhonov with the old bootstrap: −0.92,
 * 171/200); positions z mean −0.21/−0.08, SD 0.99/0.89. 1 ms and 30 ms at 50:50, SNR 300 — fraction
 * −0.35, SD 0.94; positions −0.25/−0.10, SD 1.00/1.06. The spread is right in all three; the
 * fractions' bias grows with the noise, as the non-negativity part of it should.
 */
import { mulberry32 } from '../src/fit/random';
import { relaxationDistribution } from '../src/inversion/relaxation';
import { statisticsTest } from '../../../test/support/tiers';
import { coverageReport, verdict as bands } from './coverageBands';
import { delays, logNormalRecovery } from './inversionSynthetic';

const DRAWS = 400;
const COVERAGE_MIN = 370;

const verdict = (z: number[], sigmaFactor = 1) => bands(z, COVERAGE_MIN / DRAWS, sigmaFactor);

/** The 400 draws, inverted once and shared by the tests below (only in the tiers that run them). */
let cached: { twoPeaks: number; z: Record<string, number[]> } | undefined;
function draws() {
  if (cached) return cached;
  const t = delays(1e-4, 3, 64);
  const random = mulberry32(1501);
  const truth = [
    { log10tau: Math.log10(2e-3), fraction: 0.35 },
    { log10tau: Math.log10(60e-3), fraction: 0.65 },
  ];
  const z: Record<string, number[]> = { fraction1: [], fraction2: [], log10tau1: [], log10tau2: [] };
  let twoPeaks = 0;
  for (let d = 0; d < DRAWS; d++) {
    const y = logNormalRecovery(
      t,
      [
        [2e-3, 0.35, 0.15],
        [60e-3, 0.65, 0.15],
      ],
      1 / 300,
      random,
    );
    const r = relaxationDistribution(
      { experiment: 'T1-saturation', delay_s: t, signal: y },
      { seed: d + 1, replicates: 100, compare: false },
    );
    if (r.peaks.length !== 2) continue;
    twoPeaks++;
    r.peaks.forEach((p, q) => {
      z[`fraction${q + 1}`].push((p.fraction.value - truth[q].fraction) / (p.fraction.stderr as number));
      z[`log10tau${q + 1}`].push((p.log10tau_s.value - truth[q].log10tau) / (p.log10tau_s.stderr as number));
    });
  }
  console.log(`two peaks in ${twoPeaks}/${DRAWS} draws\n${coverageReport(z)}`);
  cached = { twoPeaks, z };
  return cached;
}

statisticsTest(
  `two T1 populations, ${DRAWS} draws (seed 1501): peaks found, 2σ coverage and SD(z) of all four, positions unbiased`,
  () => {
    const { twoPeaks, z } = draws();
    expect(twoPeaks).toBeGreaterThanOrEqual(396);
    for (const [name, v] of Object.entries(z)) {
      const { coverage, scale, unbiased } = verdict(v);
      expect({ name, coverage, scale }).toEqual({ name, coverage: true, scale: true });
      if (name.startsWith('log10tau')) expect({ name, unbiased }).toEqual({ name, unbiased: true });
      // a band 20 % too wide or too narrow fails
      for (const factor of [0.8, 1.2])
        expect({ name, factor, pass: Object.values(verdict(v, factor)).every(Boolean) }).toEqual({ name, factor, pass: false });
    }
  },
  600_000,
);

/** Known to fail (see above: mean z of the fractions −0.28): skipped in the unit tier like every statistics test. */
const knownBiased: typeof test.failing = statisticsTest === test ? test.failing : test.skip;

knownBiased(
  `two T1 populations, ${DRAWS} draws (seed 1501): the peaks' area fractions are unbiased within 0.25 SE`,
  () => {
    const { z } = draws();
    for (const name of ['fraction1', 'fraction2']) expect({ name, unbiased: verdict(z[name]).unbiased }).toEqual({ name, unbiased: true });
  },
  600_000,
);
