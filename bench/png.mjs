// Chart export speed: the joint BPP chart (the rate data of bench/bpp.mjs: 7Li T1 at 116.6 and
// 38.9 MHz + T1rho at 20 kHz, fitted jointly) to SVG with vega and to PNG with resvg at the
// default 2× density, on the BUILT packages. Best of N wall times; asserts nothing about time.
//   npx tsc -b packages/plots && node bench/png.mjs
import { createRequire } from 'module';
import { table } from './table.mjs';

const require = createRequire(import.meta.url);
const core = require('../packages/core/dist/index.js');
const plots = require('../packages/plots/dist/index.js');
const REPEATS = Number(process.env.BENCH_PNG_REPEATS ?? 5);

const model = (prefactor) => ({
  spectralDensity: 'asymmetric-bpp',
  activationEnergy_eV: 0.2,
  tau0_s: 1e-13,
  beta: 1.7,
  prefactor_per_s2: prefactor,
});
const random = core.mulberry32(2024);
const grid = (lo, hi) => core.inverseTemperatureGrid_K(lo, hi, 20);
const series = [
  core.simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    temperature_K: grid(70, 420),
    model: model(1e10),
    relativeNoise: 0.05,
    random,
  }),
  core.simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 38.9,
    temperature_K: grid(70, 420),
    model: model(1e10),
    relativeNoise: 0.05,
    random,
  }),
  core.simulateRateSeries({
    experiment: 'R1rho',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    spinlock_kHz: 20,
    temperature_K: grid(70, 300),
    model: model(1.2e10),
    relativeNoise: 0.05,
    random,
  }),
];
const spec = plots.jointBppChart(core.fitJointBpp(series), series, { title: '7Li joint BPP' });

/** Best of REPEATS wall times in ms, after one untimed warm-up run (module loading, V8). */
async function best(run) {
  let out = await run();
  let ms = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = process.hrtime.bigint();
    out = await run();
    ms = Math.min(ms, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms, out };
}

const svg = await best(() => plots.toSVG(spec));
const png = await best(() => plots.toPNG(spec));
const size = /width="(\d+)" height="(\d+)"/.exec(svg.out);
console.log(`Chart export: joint BPP chart, ${size[1]} × ${size[2]} SVG px, best of ${REPEATS} (node ${process.version})\n`);
table([
  {
    export: 'toSVG (vega-lite compile + vega headless render)',
    time: `${svg.ms.toFixed(0)} ms`,
    output: `${(svg.out.length / 1024).toFixed(0)} kB`,
  },
  {
    export: 'toPNG, scale 2 (toSVG + resvg-js raster)',
    time: `${png.ms.toFixed(0)} ms`,
    output: `${(png.out.length / 1024).toFixed(0)} kB`,
  },
]);
