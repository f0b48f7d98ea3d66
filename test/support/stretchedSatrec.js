/**
 * The data-set family of issue 13 on which the generic curveFit path stalled: stretched
 * saturation recoveries M(t) = M0[1 − exp(−(t/T1)^γ)], 16 delays log-spaced 1 ms … 10 s,
 * T1 = 10^U(−2, 0) s, γ = U(0.6, 1), M0 = 1, Gaussian noise of 1 % of M0, seeded; with the start
 * values and bounds a user would give: M0 = max y, T1 = 0.1 s, γ = 0.8; T1 ≥ 1e-6 s,
 * 0.1 ≤ γ ≤ 1.5, M0 free. Plain JavaScript (CommonJS) so that the jest tests and the benchmark
 * (bench/run.mjs, next to scipy) fit the same sets.
 */
const { gaussian, mulberry32 } = require('@relaxlab/core');

const STRETCHED_SATREC_EXPRESSION = 'M0*(1 - exp(-(x/T1)^g))';

/** The same model as a function of one delay, as a user would write it (no Jacobian: finite differences). */
function stretchedSatrecModel(t, p) {
  return p.M0 * (1 - Math.exp(-Math.pow(t / p.T1, p.g)));
}

/** `count` data sets on shared delays; set k is the same for every count (one seeded stream). */
function makeStretchedSatrec(count, { seed = 13, points = 16, noise = 0.01 } = {}) {
  const rand = mulberry32(seed);
  const delay_s = Array.from({ length: points }, (_, i) => 1e-3 * Math.pow(1e4, i / (points - 1)));
  const sets = [];
  for (let k = 0; k < count; k++) {
    const T1_s = Math.pow(10, -2 + 2 * rand());
    const gamma = 0.6 + 0.4 * rand();
    const y = delay_s.map((t) => 1 - Math.exp(-Math.pow(t / T1_s, gamma)) + noise * gaussian(rand));
    sets.push({ y, truth: { M0: 1, T1_s, gamma } });
  }
  return { delay_s, sets };
}

/** The start values and bounds for one data set, as curveFit params. */
function stretchedSatrecParams(y) {
  return {
    M0: Math.max(...y),
    T1: { value: 0.1, min: 1e-6 },
    g: { value: 0.8, min: 0.1, max: 1.5 },
  };
}

module.exports = { STRETCHED_SATREC_EXPRESSION, stretchedSatrecModel, makeStretchedSatrec, stretchedSatrecParams };
