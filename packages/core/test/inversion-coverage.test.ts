/**
 * Coverage of the bootstrap errors of an ILT (issue 15), over 200 seeded draws (seed 1501, fixed
 * beforehand): two well-separated T1 populations (2 ms and 60 ms log-normals, 0.15 decades wide,
 * 35:65, SNR 300, 64 delays). The quantities are those a regularised inversion estimates without
 * a smoothing bias: each peak's area fraction and the position (log10 τ of its maximum). Pointwise
 * coverage of the density band is not tested: the regulariser biases g(ln τ) on the peaks' flanks,
 * and a bootstrap around a biased estimate has no coverage guarantee there (invert.ts).
 *
 * z = (estimate − truth)/SE_bootstrap. Pass bands (200 draws): 2σ coverage ≥ 181/200 (the 0.5 %
 * binomial quantile at p = 0.9545), |mean z| ≤ 0.25 and |SD(z) − 1| ≤ 0.15 (3 standard errors at
 * n = 200: 3/√200 and 3/√400). A band 20 % too narrow (SD(z) 1.25) or too wide (0.83) fails them.
 *
 * MEASURED: the bootstrap errors are not calibrated, so this test is declared `failing` (it fails
 * today, and jest reports it once it passes). Seed 1501, discrepancy λ: two peaks in 199/200 draws;
 * fraction 1: 184/199 within 2σ, z mean −0.83, SD 0.91; fraction 2 the mirror image; log10 τ1:
 * 189/199, mean −0.35, SD 0.88; log10 τ2: 194/199, mean 0.10, SD 0.79. The fractions are biased
 * by ~0.8 SE (mass the regulariser moves towards the long-τ end of the grid is counted with the
 * second peak), which a bootstrap at fixed λ around the biased estimate cannot see, and the
 * position errors are 10–25 % too large. GCV instead: two peaks in 129/200 only (fraction z mean
 * −0.35); a first-difference penalty: fraction z mean −0.89. Calibrated peak errors need the λ
 * choice inside the bootstrap or a bias correction — not done.
 */
import { mulberry32 } from '../src/fit/random';
import { relaxationDistribution } from '../src/inversion/relaxation';
import { statisticsTest } from '../../../test/support/tiers';
import { delays, logNormalRecovery } from './inversionSynthetic';

const meanSd = (v: number[]) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, sd: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) };
};

function verdict(z: number[], sigmaFactor = 1) {
  const scaled = z.map((v) => v / sigmaFactor);
  const { mean, sd } = meanSd(scaled);
  const within = scaled.filter((v) => Math.abs(v) <= 2).length;
  return { coverage: within >= Math.ceil((181 / 200) * scaled.length), unbiased: Math.abs(mean) <= 0.25, scale: Math.abs(sd - 1) <= 0.15 };
}

/** Known to fail (see above): skipped in the unit tier like every statistics test. */
const knownMiscalibrated: typeof test.failing = statisticsTest === test ? test.failing : test.skip;

knownMiscalibrated('two T1 populations, 200 draws (seed 1501): peak fractions and positions have calibrated bootstrap errors', () => {
  const t = delays(1e-4, 3, 64);
  const random = mulberry32(1501);
  const truth = [
    { log10tau: Math.log10(2e-3), fraction: 0.35 },
    { log10tau: Math.log10(60e-3), fraction: 0.65 },
  ];
  const z: Record<string, number[]> = { fraction1: [], fraction2: [], log10tau1: [], log10tau2: [] };
  let twoPeaks = 0;
  for (let d = 0; d < 200; d++) {
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
  const rows = Object.entries(z).map(([name, v]) => ({ name, within2sigma: v.filter((x) => Math.abs(x) <= 2).length, ...meanSd(v) }));
  console.log(
    `two peaks in ${twoPeaks}/200 draws\n${rows.map((r) => `  ${r.name.padEnd(10)} within 2σ ${r.within2sigma}/${z[r.name].length}, z mean ${r.mean.toFixed(3)}, z sd ${r.sd.toFixed(3)}`).join('\n')}`,
  );
  expect(twoPeaks).toBeGreaterThanOrEqual(196);
  for (const [name, v] of Object.entries(z)) {
    expect({ name, ...verdict(v) }).toEqual({ name, coverage: true, unbiased: true, scale: true });
    for (const factor of [0.8, 1.2])
      expect({ name, factor, pass: Object.values(verdict(v, factor)).every(Boolean) }).toEqual({ name, factor, pass: false });
  }
});
