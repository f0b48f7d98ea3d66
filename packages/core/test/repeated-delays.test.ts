/**
 * Repeated delays (issue 17, case 9) are fitted as they are, each repeat one observation
 * (checkDelays, relaxation/fitTransient.ts): the estimates equal a fit to the means with σ/√k,
 * and T1 is recovered from noisy repeats with uncertainties that cover it.
 */
import { fitTransient, fitTransientBatch, TRANSIENT_MODELS } from '../src';
import { gaussian, mulberry32 } from '../../../test/support/random';

const T1 = 0.01;
const M_INF = 1;
const DISTINCT = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];
const REPEATS = 3;
const NOISE = 0.02;

/** M∞(1 − exp(−t/T1)), the saturation-recovery model with a = γ = 1. */
function recovery(t: number): number {
  const m = TRANSIENT_MODELS['saturation-recovery'].model;
  const out = new Float64Array(1);
  m.evaluate(Float64Array.of(t), Float64Array.of(M_INF, T1, 1, 1), out);
  return out[0];
}

/** REPEATS measurements at each delay, in measurement order (delay by delay, then the next repeat). */
function repeats(seed: number): { delay_s: number[]; signal: number[] } {
  const rand = mulberry32(seed);
  const delay_s: number[] = [];
  const signal: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const t of DISTINCT) {
      delay_s.push(t);
      signal.push(recovery(t) + NOISE * gaussian(rand));
    }
  }
  return { delay_s, signal };
}

test('repeats fitted as they are = the means fitted with σ/√k (same estimates and covariance)', () => {
  const data = repeats(17);
  const all = fitTransient(
    { ...data, sigma: data.delay_s.map(() => NOISE) },
    { model: 'saturation-recovery', absoluteSigma: true, source: 'repeats' },
  );
  const means = DISTINCT.map((t) => {
    const ys = data.signal.filter((_, i) => data.delay_s[i] === t);
    return ys.reduce((a, b) => a + b, 0) / ys.length;
  });
  const averaged = fitTransient(
    { delay_s: DISTINCT, signal: means, sigma: DISTINCT.map(() => NOISE / Math.sqrt(REPEATS)) },
    { model: 'saturation-recovery', absoluteSigma: true, source: 'means' },
  );
  expect(all.converged).toBe(true);
  expect(all.warnings).toEqual([]);
  for (const name of ['M_inf', 'T1']) {
    expect(all.params[name].value / averaged.params[name].value).toBeCloseTo(1, 6);
    expect((all.params[name].stderr as number) / (averaged.params[name].stderr as number)).toBeCloseTo(1, 5);
  }
  // χ² of the repeats = χ² of the means + the repeats' pure-error sum Σ(y − ȳ)²/σ²
  const pureError = data.signal.reduce((s, y, i) => s + ((y - means[DISTINCT.indexOf(data.delay_s[i])]) / NOISE) ** 2, 0);
  expect(all.stats.chiSquare / (averaged.stats.chiSquare + pureError)).toBeCloseTo(1, 6);
});

test('T1 from 8 delays × 3 repeats, 200 seeded data sets: unbiased, and ±2 stderr covers it as often as t(22) says', () => {
  const estimates: number[] = [];
  let covered = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const fit = fitTransient(repeats(seed), { model: 'saturation-recovery', source: `seed ${seed}` });
    expect(fit.converged).toBe(true);
    const { value, stderr } = fit.params.T1;
    estimates.push(value);
    if (Math.abs(value - T1) <= 2 * (stderr as number)) covered++;
  }
  const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
  const sd = Math.sqrt(estimates.reduce((s, v) => s + (v - mean) ** 2, 0) / (estimates.length - 1));
  expect(Math.abs(mean - T1)).toBeLessThan((4 * sd) / Math.sqrt(estimates.length));
  // P(|t22| ≤ 2) = 0.942; binomial sd over 200 fits 0.017: bounds at about ±3 sd
  expect(covered / 200).toBeGreaterThan(0.89);
  expect(covered / 200).toBeLessThan(0.995);
});

test('the batch path (map) fits repeats as the single fit does', () => {
  const data = repeats(5);
  const single = fitTransient(data, { model: 'saturation-recovery', source: 'single' });
  const batch = fitTransientBatch({ delay_s: data.delay_s, signals: [data.signal] }, { model: 'saturation-recovery' });
  expect(batch.converged[0]).toBe(1);
  expect(batch.values[1] / single.params.T1.value).toBeCloseTo(1, 6);
});

test('all repeats at one delay: T1 is not determined, and the fit says so', () => {
  const signal = [0.5, 0.52, 0.49, 0.51];
  const fit = fitTransient({ delay_s: [0.01, 0.01, 0.01, 0.01], signal }, { model: 'saturation-recovery', source: 'one delay' });
  expect(fit.params.T1.stderr).toBeNull();
  expect(fit.warnings.join(' ')).toMatch(/rank 1 < 2 varied parameters/);
});
