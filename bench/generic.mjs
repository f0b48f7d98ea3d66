// The generic fitting path, curveFit from a user's start values, next to scipy (issue 13, item 5):
// 1. the stretched saturation recoveries of test/support/stretchedSatrec.js (10,000, or
//    BENCH_FITS) from the start values and bounds: curveFit with a function model (finite
//    differences, as the issue fitted them) and with the expression (analytic derivatives), and
//    scipy's curve_fit with the same p0 and bounds (which makes it use 'trf'): fits/s (CPU time,
//    one core) and how many end at scipy's optimum and at the best of all (χ² within 1e-6);
// 2. the Moré–Garbow–Hillstrom problems of test/support/mgh.js from x0, 10·x0 and 100·x0:
//    curveFit (forward differences, default options) beside scipy's least_squares 'lm' (MINPACK)
//    and 'trf', each marked where it reaches the global or a documented local minimum (f within
//    1e-5, relative, of MGH's value, or f ≤ 1e-12 where that is 0; as packages/core/test/mgh.test.ts).
// Prints tables; asserts nothing about time. Runs alone too: npx tsc -b && node bench/generic.mjs
import { createRequire } from 'module';
import { satrecChiSquare } from './satrecData.mjs';
import { bestCpuTime, runScipy } from './scipy.mjs';
import { table } from './table.mjs';

const require = createRequire(import.meta.url);
const core = require('@relaxlab/core');
const {
  makeStretchedSatrec,
  stretchedSatrecModel,
  stretchedSatrecParams,
  STRETCHED_SATREC_EXPRESSION,
} = require('../test/support/stretchedSatrec.js');
const { MGH_PROBLEMS, MGH_START_FACTORS, mghSumOfSquares } = require('../test/support/mgh.js');
const COUNT = Number(process.env.BENCH_FITS ?? 10000);

// ---- 1. stretched saturation recoveries from the user's start -----------------------------------
const { delay_s, sets } = makeStretchedSatrec(COUNT);
const params = sets.map((set) => stretchedSatrecParams(set.y));
const NAMES = ['M0', 'T1', 'g'];

function fitSets(model, n) {
  return sets.slice(0, n).map((set, k) => {
    const fit = core.curveFit({ x: delay_s, y: set.y, model, params: params[k] });
    return { p: NAMES.map((name) => fit.params[name].value), converged: fit.converged, nfev: fit.nfev };
  });
}
const engines = [
  { engine: 'RelaxLab curveFit, function model (finite differences), best of 3', model: stretchedSatrecModel },
  { engine: 'RelaxLab curveFit, expression (analytic derivatives), best of 3', model: STRETCHED_SATREC_EXPRESSION },
].map(({ engine, model }) => {
  const { out, seconds } = bestCpuTime(
    () => fitSets(model, COUNT),
    3,
    () => fitSets(model, Math.min(500, COUNT)),
  );
  return {
    engine,
    fitsPerSecond: COUNT / seconds,
    chi: out.map((r, k) => satrecChiSquare(delay_s, sets[k].y, r.p)),
    converged: out.filter((r) => r.converged).length,
    nfev: out.reduce((a, r) => a + r.nfev, 0) / COUNT,
  };
});

const bound = (p, key, none) => (typeof p === 'number' || p[key] === undefined ? none : p[key]);
const { output: scipy, note: scipyNote } = runScipy('scipy_satrec.py', {
  delay_s,
  signals: sets.map((set) => set.y),
  starts: params.map((p) => NAMES.map((name) => (typeof p[name] === 'number' ? p[name] : p[name].value))),
  lower: NAMES.map((name) => bound(params[0][name], 'min', '-inf')),
  upper: NAMES.map((name) => bound(params[0][name], 'max', 'inf')),
});
if (scipy) {
  engines.push({
    engine: `scipy ${scipy.scipy} curve_fit(p0, bounds) → ${scipy.method}`,
    fitsPerSecond: scipy.fitsPerSecond,
    chi: scipy.chiSquare.map((c) => (c === null ? NaN : c)),
    converged: scipy.chiSquare.filter((c) => c !== null).length,
    nfev: scipy.nfev.reduce((a, n) => a + (n ?? 0), 0) / COUNT,
  });
}
const best = sets.map((_, k) => Math.min(...engines.map((e) => (Number.isFinite(e.chi[k]) ? e.chi[k] : Infinity))));
const within = (chi, reference) => chi.filter((c, k) => Number.isFinite(c) && c <= reference[k] * (1 + 1e-6) + 1e-30).length;
const rows = engines.map((e) => ({
  engine: e.engine,
  'fits/s': e.fitsPerSecond.toFixed(0),
  'mean nfev': e.nfev.toFixed(1),
  'says converged': `${e.converged}/${COUNT}`,
  "at scipy's optimum": scipy ? `${within(e.chi, engines[engines.length - 1].chi)}/${COUNT}` : '-',
  'at the best of all': `${within(e.chi, best)}/${COUNT}`,
  'scipy ×': scipy ? (e.fitsPerSecond / scipy.fitsPerSecond).toFixed(1) : '-',
}));
console.log(
  `\n${COUNT} stretched saturation recoveries M0[1 − exp(−(t/T1)^γ)] from the user's start (M0 = max y, T1 = 0.1 s, γ = 0.8; T1 ≥ 1e-6 s, 0.1 ≤ γ ≤ 1.5), one core, CPU time; optimum: χ² within 1e-6 (relative)\n`,
);
table(rows);
if (scipyNote) console.log(`${scipyNote}\n`);

// ---- 2. Moré–Garbow–Hillstrom from x0, 10·x0, 100·x0 --------------------------------------------
const runs = [];
for (const problem of MGH_PROBLEMS) {
  for (const factor of MGH_START_FACTORS) {
    const x0 = problem.x0.map((v) => factor * v);
    const r0 = new Float64Array(problem.m);
    problem.residuals(x0, r0);
    runs.push({ problem, factor, x0, r0: Array.from(r0, (v) => (Number.isFinite(v) ? v : null)) });
  }
}
for (const run of runs) {
  const names = run.x0.map((_, j) => `x${j + 1}`);
  const model = {
    name: run.problem.name,
    formula: run.problem.name,
    parameterNames: names,
    evaluate: (_x, p, out) => run.problem.residuals(p, out),
  };
  try {
    const fit = core.curveFit({
      x: Array.from({ length: run.problem.m }, (_, i) => i),
      y: new Array(run.problem.m).fill(0),
      model,
      params: Object.fromEntries(names.map((name, j) => [name, run.x0[j]])),
    });
    run.ours = {
      f: mghSumOfSquares(
        run.problem,
        names.map((name) => fit.params[name].value),
      ),
      status: fit.status,
      nfev: fit.nfev,
    };
  } catch (e) {
    if (!core.isInputError(e)) throw e;
    run.ours = { f: null, status: 'InputError', nfev: 0 };
  }
}
const { output: mghScipy, note: mghNote } = runScipy('scipy_mgh.py', {
  runs: runs.map((r) => ({ number: r.problem.number, x0: r.x0, r0: r.r0 })),
});

/** '✓' at the global minimum, '(✓)' at a documented local one, '✗' elsewhere. */
function reached(problem, f) {
  if (f === null || !Number.isFinite(f)) return '✗';
  const k = problem.minima.findIndex((m) => (m.f === 0 ? f <= 1e-12 : Math.abs(f - m.f) <= 1e-5 * m.f));
  return k < 0 ? '✗' : k === 0 ? '✓' : '(✓)';
}
const show = (problem, f) => (f === null ? 'overflow' : `${f.toExponential(4)} ${reached(problem, f)}`);
const mghRows = runs.map((run, i) => {
  const row = {
    problem: `${run.problem.number} ${run.problem.name}`,
    start: `${run.factor}·x0`,
    RelaxLab: show(run.problem, run.ours.f),
    status: run.ours.status,
    nfev: run.ours.nfev,
  };
  if (mghScipy) {
    const s = mghScipy.runs[i];
    row['scipy lm'] = s.agree ? show(run.problem, s.lm.f) : 'definitions differ';
    row['scipy trf'] = s.agree ? show(run.problem, s.trf.f) : 'definitions differ';
  }
  return row;
});
console.log(
  `Moré, Garbow & Hillstrom (1981) from x0, 10·x0, 100·x0; f = Σr² at the end; ✓ global minimum, (✓) documented local minimum, ✗ neither\n`,
);
table(mghRows);
const count = (key) => mghRows.filter((r) => typeof r[key] === 'string' && r[key].includes('✓')).length;
const counts = [`RelaxLab ${count('RelaxLab')}/${runs.length}`];
if (mghScipy) counts.push(`scipy ${mghScipy.scipy} lm ${count('scipy lm')}/${runs.length}`, `trf ${count('scipy trf')}/${runs.length}`);
console.log(`reach a listed minimum: ${counts.join(', ')}`);
if (mghNote) console.log(mghNote);
