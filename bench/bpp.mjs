// Joint BPP fit benchmark: a 3-dataset fit (7Li T1 at 116.6 and 38.9 MHz + T1rho at 20 kHz,
// 60 points, 8 parameters) and a 1000-resample bootstrap and Monte Carlo of it, on the BUILT
// packages/core/dist. Prints times (target: bootstrap < 1 s); asserts nothing about time.
//   npx tsc -b packages/core && node bench/bpp.mjs
import { createRequire } from 'module';
import { table } from './table.mjs';

const require = createRequire(import.meta.url);
const core = require('../packages/core/dist/index.js');
const SAMPLES = Number(process.env.BENCH_BOOTSTRAP ?? 1000);

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

// the synthetic data of the recovery tests: Ea = 0.20 eV, β = 1.7, τ0 = 1e-13 s, T² background on T1
const model = (prefactor, background) => ({
  spectralDensity: 'asymmetric-bpp',
  activationEnergy_eV: 0.2,
  tau0_s: 1e-13,
  beta: 1.7,
  prefactor_per_s2: prefactor,
  ...(background && { background: { model: 'power-law', amplitude_per_s: 0.02, exponent: 2, referenceTemperature_K: 300 } }),
});
const random = core.mulberry32(2024);
const grid = (lo, hi) => core.inverseTemperatureGrid_K(lo, hi, 20);
const series = [
  core.simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    temperature_K: grid(70, 420),
    model: model(1e10, true),
    relativeNoise: 0.05,
    random,
  }),
  core.simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 38.9,
    temperature_K: grid(70, 420),
    model: model(1e10, true),
    relativeNoise: 0.05,
    random,
  }),
  core.simulateRateSeries({
    experiment: 'R1rho',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    spinlock_kHz: 20,
    temperature_K: grid(70, 300),
    model: model(1.2e10, false),
    relativeNoise: 0.05,
    random,
  }),
];
const options = {
  background: 'power-law',
  share: ['Ea', 'tau0', 'beta', 'bgA', 'bgKappa'],
  datasets: [{}, {}, { background: 'none' }],
  absoluteSigma: true,
};

// warm-up so V8 has optimised the model before the clock starts
for (let i = 0; i < 20; i++) core.fitJointBpp(series, options);
const FITS = 200;
let t0 = process.hrtime.bigint();
let result;
for (let i = 0; i < FITS; i++) result = core.fitJointBpp(series, options);
const fitTime = seconds(t0) / FITS;
core.bootstrapJointBpp(series, result, { samples: 50, seed: 1 });
t0 = process.hrtime.bigint();
const boot = core.bootstrapJointBpp(series, result, { samples: SAMPLES, seed: 1 });
const bootTime = seconds(t0);
t0 = process.hrtime.bigint();
const mc = core.monteCarloJointBpp(series, result, { samples: SAMPLES, seed: 1 });
const mcTime = seconds(t0);

console.log(
  `Joint BPP fit: ${result.fit.stats.n} points, ${result.fit.stats.nvar} parameters, 3 datasets (7Li T1 116.6 + 38.9 MHz, T1rho 20 kHz)\n`,
);
table([
  { task: 'joint fit from automatic start values', runs: FITS, 'time per run': `${(fitTime * 1e3).toFixed(2)} ms`, nfev: result.fit.nfev },
  {
    task: `bootstrap, ${SAMPLES} residual resamples`,
    runs: 1,
    'time per run': `${(bootTime * 1e3).toFixed(0)} ms (${((bootTime / SAMPLES) * 1e6).toFixed(0)} µs per refit; target < 1 s)`,
    nfev: `${boot.failed} failed`,
  },
  {
    task: `Monte Carlo, ${SAMPLES} perturbed data sets`,
    runs: 1,
    'time per run': `${(mcTime * 1e3).toFixed(0)} ms (${((mcTime / SAMPLES) * 1e6).toFixed(0)} µs per refit)`,
    nfev: `${mc.failed} failed`,
  },
]);
table(
  result.fit.varyNames.map((name) => ({
    parameter: name,
    value: core.formatNumber(result.fit.params[name].value, 6),
    'stderr (covariance)': core.formatNumber(result.fit.params[name].stderr, 3),
    'sd (bootstrap)': core.formatNumber(boot.parameters[name].sd, 3),
    'sd (Monte Carlo)': core.formatNumber(mc.parameters[name].sd, 3),
  })),
);
