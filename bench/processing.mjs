// Processing speed: a pseudo-2D TopSpin experiment of 21 FIDs × 32 k complex points (TD = 65536
// int32 words), written to a temporary folder, from raw `ser` to transients with readBrukerRelaxation
// (read + DC offset + group delay + FFT to SI = 64 k + phase + baseline + integrals with σ).
// Needs the BUILT packages (npm run build). Prints a small table; target: < 0.5 s per data set.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { readBrukerRelaxation } = require('../packages/io/dist/index.js');
const { mulberry32, gaussian } = require('../packages/core/dist/index.js');

const TD = 65536;
const DELAYS = Array.from({ length: 21 }, (_, k) => 1e-5 * 10 ** (k * 0.25));
const SW = 100000;
const BF1 = 155.5;
const T1 = 0.01;

function writeExperiment(dir) {
  const param = (r) =>
    ['##TITLE= Parameter file', '##JCAMPDX= 5.0', ...Object.entries(r).map(([k, v]) => `##$${k}= ${v}`), '##END=', ''].join('\n');
  writeFileSync(
    join(dir, 'acqus'),
    param({ BF1, BYTORDA: 0, DTYPA: 0, GRPDLY: 76, NUC1: '<7Li>', PULPROG: '<satrect1>', SFO1: BF1, SW_h: SW, TD, TE: 300 }),
  );
  writeFileSync(join(dir, 'acqu2s'), param({ TD: DELAYS.length }));
  writeFileSync(join(dir, 'vdlist'), DELAYS.map((d) => `${d}`).join('\n'));
  const rng = mulberry32(1);
  const buffer = Buffer.alloc(DELAYS.length * TD * 4);
  DELAYS.forEach((d, r) => {
    const a = 1e6 * (1 - Math.exp(-d / T1));
    for (let j = 0; j < TD / 2; j++) {
      const t = (j - 76) / SW;
      const s = t >= 0 ? a * Math.exp(-Math.PI * 300 * t) : 0;
      buffer.writeInt32LE(Math.round(s * Math.cos(2 * Math.PI * 2000 * t) + 50 * gaussian(rng)), 4 * (r * TD + 2 * j));
      buffer.writeInt32LE(Math.round(s * Math.sin(2 * Math.PI * 2000 * t) + 50 * gaussian(rng)), 4 * (r * TD + 2 * j + 1));
    }
  });
  writeFileSync(join(dir, 'ser'), buffer);
}

const dir = mkdtempSync(join(tmpdir(), 'relaxlab-bench-processing-'));
try {
  writeExperiment(dir);
  const cases = [
    ['auto phase, baseline, 1 region', { regions_ppm: [[30, 0]] }],
    [
      'auto phase, baseline, 3 regions',
      {
        regions_ppm: [
          [30, 0],
          [-50, -60],
          [60, 50],
        ],
      },
    ],
    ['magnitude, 1 region', { regions_ppm: [[30, 0]], processing: { phase: 'magnitude' } }],
    ['auto regions (peak picking)', {}],
  ];
  readBrukerRelaxation(dir, cases[0][1]); // warm-up: JIT, file cache
  const rows = cases.map(([label, options]) => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      readBrukerRelaxation(dir, options);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { label, median_ms: times[2], min_ms: times[0] };
  });
  console.log(`processing: raw ser → transients, ${DELAYS.length} FIDs × ${TD / 2} complex points (SI ${TD}), target < 500 ms`);
  console.log(`${'case'.padEnd(36)} ${'median / ms'.padStart(12)} ${'min / ms'.padStart(10)}`);
  for (const r of rows) console.log(`${r.label.padEnd(36)} ${r.median_ms.toFixed(1).padStart(12)} ${r.min_ms.toFixed(1).padStart(10)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
