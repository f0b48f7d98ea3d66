#!/usr/bin/env node
/**
 * How often can a CORRECT estimator meet "within 2σ for every parameter in ≥ 95 of 100 seeded
 * noise draws" (issue 4)? Runs B blocks of 100 joint-BPP fits of the synthetic sets that
 * packages/core/test/jointBpp.test.ts uses (7Li T1 at 116.6 MHz + T1ρ at 20 kHz, and the
 * three-dataset set with 38.9 MHz added; Ea 0.20 eV, β 1.7, τ0 1e-13 s, T² background, 5 %
 * noise with the true σ, absolute covariance) and prints, per set:
 *   - the 2σ coverage of every parameter over all B·100 draws (a correct covariance gives 95.45 %),
 *   - in how many blocks of 100 every parameter reached ≥ 95 hits (the literal criterion),
 *   - what the binomial law says for one parameter: P(X ≥ 95 | n = 100, p = 0.9545) = 0.70,
 *   - how often the criterion would pass if every σ were overstated by 20 % (it rewards that).
 *
 *   npm run build && node scripts/bpp-coverage-study.mjs [blocks = 200] [seed = 10000]
 *
 * The settings below mirror the test's (keep them in step). Uses the built @relaxlab/core.
 */
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const { fitJointBpp, inverseTemperatureGrid_K, mulberry32, simulateRateSeries } = require('@relaxlab/core');

const TRUTH = { Ea: 0.2, tau0: 1e-13, beta: 1.7, C_R1: 1e10, C_R1rho: 1.2e10, bgA_per_s: 0.02, bgTref_K: 300, bgKappa: 2 };
const NOISE = 0.05;
const R1_GRID = inverseTemperatureGrid_K(70, 420, 20);
const R1RHO_GRID = inverseTemperatureGrid_K(70, 300, 20);
const model = (prefactor, background) => ({
  spectralDensity: 'asymmetric-bpp',
  convention: 'full',
  activationEnergy_eV: TRUTH.Ea,
  tau0_s: TRUTH.tau0,
  beta: TRUTH.beta,
  prefactor_per_s2: prefactor,
  ...(background && {
    background: { model: 'power-law', amplitude_per_s: TRUTH.bgA_per_s, exponent: TRUTH.bgKappa, referenceTemperature_K: TRUTH.bgTref_K },
  }),
});
const t1 = (larmor_MHz, random) =>
  simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz,
    temperature_K: R1_GRID,
    model: model(TRUTH.C_R1, true),
    relativeNoise: NOISE,
    random,
  });
const t1rho = (random) =>
  simulateRateSeries({
    experiment: 'R1rho',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    spinlock_kHz: 20,
    temperature_K: R1RHO_GRID,
    model: model(TRUTH.C_R1rho, false),
    relativeNoise: NOISE,
    random,
  });

const SETS = {
  'T1 + T1ρ pair': {
    make: (random) => [t1(116.6, random), t1rho(random)],
    options: { background: 'power-law', datasets: [{}, { background: 'none' }], absoluteSigma: true },
    prefactors: { log10C_1_per_s2: Math.log10(TRUTH.C_R1), log10C_2_per_s2: Math.log10(TRUTH.C_R1rho) },
  },
  'three datasets': {
    make: (random) => [t1(116.6, random), t1(38.9, random), t1rho(random)],
    options: {
      background: 'power-law',
      share: ['Ea', 'tau0', 'beta', 'bgA', 'bgKappa'],
      datasets: [{}, {}, { background: 'none' }],
      absoluteSigma: true,
    },
    prefactors: {
      log10C_1_per_s2: Math.log10(TRUTH.C_R1),
      log10C_2_per_s2: Math.log10(TRUTH.C_R1),
      log10C_3_per_s2: Math.log10(TRUTH.C_R1rho),
    },
  },
};

/** True value of a fitted parameter; bgA is the background rate at the fit's reference temperature. */
function truthFor(name, tref_K) {
  const table = {
    Ea_eV: TRUTH.Ea,
    log10tau0_s: Math.log10(TRUTH.tau0),
    beta: TRUTH.beta,
    bgA_per_s: TRUTH.bgA_per_s * (tref_K / TRUTH.bgTref_K) ** TRUTH.bgKappa,
    bgKappa: TRUTH.bgKappa,
  };
  return table[name.replace(/_\d+(?=_|$)/, '')]; // a dataset's own parameter (bgA_1_per_s) has the shared one's truth
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
function binomialTail(n, p, k) {
  let sum = 0;
  let logC = 0; // log C(n, j), built up from j = 0
  for (let j = 0; j <= n; j++) {
    if (j > 0) logC += Math.log((n - j + 1) / j);
    if (j >= k) sum += Math.exp(logC + j * Math.log(p) + (n - j) * Math.log1p(-p));
  }
  return sum;
}

const blocks = Number(process.argv[2] ?? 200);
const seed0 = Number(process.argv[3] ?? 10000);
const P2 = 0.9545; // P(|z| ≤ 2) for a normal error
console.log(`one parameter with exact 2σ coverage ${P2}: P(≥ 95 of 100 within 2σ) = ${binomialTail(100, P2, 95).toFixed(3)}`);
for (const [label, set] of Object.entries(SETS)) {
  const hits = {};
  const blocksPassed = {};
  let allPassed = 0;
  let allPassedInflated = 0;
  for (let b = 0; b < blocks; b++) {
    const random = mulberry32(seed0 + b);
    const within = {};
    const withinInflated = {};
    for (let d = 0; d < 100; d++) {
      const result = fitJointBpp(set.make(random), set.options);
      for (const [name, p] of Object.entries(result.fit.params)) {
        const truth = set.prefactors[name] ?? truthFor(name, result.referenceTemperature_K);
        const ok = p.stderr !== null && Math.abs(p.value - truth) <= 2 * p.stderr;
        within[name] = (within[name] ?? 0) + (ok ? 1 : 0);
        const okInflated = p.stderr !== null && Math.abs(p.value - truth) <= 2 * 1.2 * p.stderr;
        withinInflated[name] = (withinInflated[name] ?? 0) + (okInflated ? 1 : 0);
      }
    }
    for (const [name, count] of Object.entries(within)) {
      hits[name] = (hits[name] ?? 0) + count;
      blocksPassed[name] = (blocksPassed[name] ?? 0) + (count >= 95 ? 1 : 0);
    }
    if (Object.values(within).every((count) => count >= 95)) allPassed++;
    if (Object.values(withinInflated).every((count) => count >= 95)) allPassedInflated++;
  }
  console.log(`\n${label}: ${blocks} blocks of 100 draws (seeds ${seed0}…${seed0 + blocks - 1})`);
  console.log(`  ${'parameter'.padEnd(16)} ${'2σ coverage'.padStart(12)} ${'blocks with ≥ 95/100'.padStart(22)}`);
  for (const name of Object.keys(hits)) {
    console.log(
      `  ${name.padEnd(16)} ${`${((100 * hits[name]) / (100 * blocks)).toFixed(2)} %`.padStart(12)} ${`${blocksPassed[name]}/${blocks}`.padStart(22)}`,
    );
  }
  console.log(`  every parameter ≥ 95/100 in the same block: ${allPassed}/${blocks} blocks`);
  console.log(`  the same with every σ overstated by 20 % (a wrong covariance): ${allPassedInflated}/${blocks} blocks`);
}
