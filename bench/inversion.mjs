// Distributions of relaxation times (issue 15, item 5): an ILT of a 64-point saturation recovery on
// a 100-point τ grid, and a DRT of an 80-frequency spectrum, each timed per inversion including
// the λ search and the 5 iterated-Tikhonov refinements at the chosen λ (no bootstrap), next to scipy.optimize.nnls on the same augmented system
// [W·A; λ√κ·L] x ≈ [W·y; 0] at the same λ: its time per solve, that time × the number of solves
// our λ search made (what the same search would cost with scipy's NNLS), and the agreement of the
// solutions, max|x_RelaxLab − x_scipy| / max x. CPU time, best of 20 after 10 warm-up runs.
import { createRequire } from 'module';
import { table } from './table.mjs';
import { bestCpuTime, runScipy } from './scipy.mjs';

const require = createRequire(import.meta.url);
const core = require('@relaxlab/core');
const { RegularisedSolver } = require('../packages/core/dist/inversion/engine.js');
const { designMatrix, penaltyMatrix, logTauGrid } = require('../packages/core/dist/inversion/basis.js');
const { invert } = require('../packages/core/dist/inversion/invert.js');

const random = core.mulberry32(15);
// ILT: two log-normal-like populations (2 ms, 60 ms; 35:65) as sums of exponentials, SNR 300
const t = Array.from({ length: 64 }, (_, i) => 1e-4 * (3 / 1e-4) ** (i / 63));
const y = t.map((ti) => 0.35 * (1 - Math.exp(-ti / 2e-3)) + 0.65 * (1 - Math.exp(-ti / 60e-3)) + core.gaussian(random) / 300);
const iltGrid = { min_s: 1e-5, max_s: 10, points: 100 };
// DRT: two ZARCs (1e-6 s, 1e-3 s) + R∞, 80 frequencies 10 MHz – 0.1 Hz (log-spaced), 0.2 % noise
const f = Array.from({ length: 80 }, (_, i) => 1e7 * (0.1 / 1e7) ** (i / 79));
const n = 0.9;
const spectrum = core.simulateImpedanceSpectrum(
  'R0-p(R1,CPE1)-p(R2,CPE2)',
  { R0: 50, R1: 1000, CPE1_Q: 1e-6 ** n / 1000, CPE1_n: n, R2: 2000, CPE2_Q: 1e-3 ** n / 2000, CPE2_n: n },
  f,
  { relativeNoise: 0.002, seed: 15 },
);

// count the NNLS solves of one inversion (λ scan + refinement)
let solves = 0;
const original = RegularisedSolver.prototype.solve;
RegularisedSolver.prototype.solve = function (...a) {
  solves++;
  return original.apply(this, a);
};
const countSolves = (fn) => {
  solves = 0;
  fn();
  return solves;
};

const runIlt = () =>
  core.relaxationDistribution({ experiment: 'T1-saturation', delay_s: t, signal: y }, { grid: iltGrid, replicates: 0, compare: false });
// the whole DRT: the inversion, the reconstructed Z and the Lin-KK consistency check; the
// inversion alone is timed below on the same system (runDrtInversion)
const runDrt = () => core.distributionOfRelaxationTimes(spectrum, { replicates: 0 });

// best of 20 after 10 warm-up runs: process CPU time includes V8's background compiler threads,
// which still work through the first few runs (best of 5 after one warm-up varied 13–24 ms for the
// ILT on an idle machine)
const timed = (fn) => bestCpuTime(fn, 20, () => Array.from({ length: 10 }, fn));
const ilt = timed(runIlt);
const drt = timed(runDrt);
const iltSolves = countSolves(runIlt);
const drtSolves = countSolves(runDrt);
const drtLinKK = timed(() => core.linKK(spectrum, { inductance: true }));

/** The weighted augmented system of an inversion at λ, as our solver sees it. */
function augmented(A, b, m, k, kg, penalty, stencil, lambda) {
  const solver = new RegularisedSolver({ A, b, m, k, kg, penalty });
  const x = original.call(solver, lambda).x;
  const s = lambda * Math.sqrt(solver.kappa);
  const rows = [];
  for (let i = 0; i < m; i++) rows.push(Array.from(A.subarray(i * k, (i + 1) * k)));
  for (let r = 0; r + stencil.length <= kg; r++) {
    const row = new Array(k).fill(0);
    stencil.forEach((c, a) => (row[r + a] = c * s));
    rows.push(row);
  }
  return { A: rows, b: [...b, ...new Array(rows.length - m).fill(0)], x, solver, lambda };
}

// ILT system (piecewise basis, unit weights, 2nd difference)
const iltResult = runIlt();
const g1 = logTauGrid(iltGrid.min_s, iltGrid.max_s, iltGrid.points);
const A1 = designMatrix((tau, out) => t.forEach((ti, i) => (out[i] = 1 - Math.exp(-ti / tau))), t.length, g1, 'piecewise');
const P1 = penaltyMatrix(g1, 2, 'piecewise');
const sys1 = augmented(A1, Float64Array.from(y), t.length, 100, 100, P1, [1, -2, 1], iltResult.lambda);
// DRT system (piecewise, weights 1/|Z|, both parts, R∞ column scaled as in invert.ts)
const drtResult = runDrt();
const g2 = logTauGrid(drtResult.tau_s[0], drtResult.tau_s[drtResult.tau_s.length - 1], drtResult.tau_s.length);
const kg2 = g2.tau_s.length;
const omega = f.map((v) => 2 * Math.PI * v);
const mod = spectrum.zReal_ohm.map((r, i) => Math.hypot(r, spectrum.zImag_ohm[i]));
const Ag = designMatrix(
  (tau, out) => {
    omega.forEach((w, i) => (out[i] = 1 / (1 + (w * tau) ** 2)));
    omega.forEach((w, i) => (out[80 + i] = (-w * tau) / (1 + (w * tau) ** 2)));
  },
  160,
  g2,
  'piecewise',
);
const k2 = kg2 + 1;
const A2 = new Float64Array(160 * k2);
const b2 = new Float64Array(160);
let rNorm = 0;
let gNorm = 0;
for (let r = 0; r < 160; r++) {
  const w = 1 / mod[r % 80];
  for (let j = 0; j < kg2; j++) A2[r * k2 + j] = w * Ag[r * kg2 + j];
  A2[r * k2 + kg2] = r < 80 ? w : 0;
  rNorm += A2[r * k2 + kg2] ** 2;
  b2[r] = w * (r < 80 ? spectrum.zReal_ohm[r] : spectrum.zImag_ohm[r - 80]);
}
for (let j = 0; j < kg2; j++) {
  let s = 0;
  for (let r = 0; r < 160; r++) s += A2[r * k2 + j] ** 2;
  gNorm += Math.sqrt(s) / kg2;
}
for (let r = 0; r < 160; r++) A2[r * k2 + kg2] *= gNorm / Math.sqrt(rNorm);
const sys2 = augmented(A2, b2, 160, k2, kg2, penaltyMatrix(g2, 2, 'piecewise'), [1, -2, 1], drtResult.lambda);

// the DRT's inversion alone (λ search + refinements), as distributionOfRelaxationTimes calls it:
// unweighted [K | R∞ column], weights 1/|Z|
const Aun = new Float64Array(160 * k2);
for (let r = 0; r < 160; r++) {
  for (let j = 0; j < kg2; j++) Aun[r * k2 + j] = Ag[r * kg2 + j];
  Aun[r * k2 + kg2] = r < 80 ? 1 : 0;
}
const drtInput = {
  A: Aun,
  y: Float64Array.from([...spectrum.zReal_ohm, ...spectrum.zImag_ohm]),
  weights: Float64Array.from({ length: 160 }, (_, r) => 1 / mod[r % 80]),
  sigmaKnown: false,
  m: 160,
  k: k2,
  grid: g2,
  discretisation: 'piecewise',
  penalty: penaltyMatrix(g2, 2, 'piecewise'),
};
const runDrtInversion = () => invert(drtInput, { replicates: 0, penalty: 2, minPeakFraction: 0.05 });
if (Math.abs(runDrtInversion().choice.lambda / drtResult.lambda - 1) > 1e-12)
  throw new Error('bench: the DRT inversion timed alone is not the one distributionOfRelaxationTimes runs');
const drtInversion = timed(runDrtInversion);

const single1 = bestCpuTime(
  () => original.call(sys1.solver, sys1.lambda),
  5,
  () => original.call(sys1.solver, sys1.lambda),
);
const single2 = bestCpuTime(
  () => original.call(sys2.solver, sys2.lambda),
  5,
  () => original.call(sys2.solver, sys2.lambda),
);

const { output: scipy, note } = runScipy('scipy_nnls.py', {
  problems: [
    { A: sys1.A, b: sys1.b, repeats: 20 },
    { A: sys2.A, b: sys2.b, repeats: 20 },
  ],
});
const agreement = (ours, theirs) => {
  const max = Math.max(...ours.map(Math.abs), ...theirs.map(Math.abs));
  return Math.max(...ours.map((v, j) => Math.abs(v - theirs[j]))) / max;
};
const ms = (s) => (1e3 * s).toFixed(2);
const rows = [
  ['ILT 64 delays × 100 τ', ilt, iltSolves, single1, sys1, scipy?.problems[0]],
  ['DRT 80 frequencies × ' + kg2 + ' τ', drtInversion, drtSolves, single2, sys2, scipy?.problems[1]],
].map(([label, full, nSolves, single, sys, sp]) => ({
  problem: label,
  'RelaxLab ms/inversion (λ search)': ms(full.seconds),
  'NNLS solves': nSolves,
  'RelaxLab ms/solve (warm)': ms(single.seconds),
  'scipy ms/solve': sp ? ms(sp.secondsPerSolve) : '-',
  'scipy ms × solves': sp ? ms(sp.secondsPerSolve * nSolves) : '-',
  λ: sys.lambda.toExponential(2),
  'max|Δx|/max x': sp ? agreement(Array.from(sys.x), sp.x).toExponential(1) : '-',
}));
console.log(`Regularised inversions (CPU ms, best of 20; scipy ${scipy ? scipy.scipy : 'not measured'}: optimize.nnls on [W·A; λ√κ·L])\n`);
table(rows);
console.log(
  `The whole DRT (distributionOfRelaxationTimes: the inversion, the reconstructed Z and its Lin-KK consistency check) takes ${ms(drt.seconds)} ms; the Lin-KK check alone ${ms(drtLinKK.seconds)} ms.`,
);
if (note) console.log(note);
