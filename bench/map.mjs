// `relaxlab map` on 100,000 16-point saturation-recovery transients: fits per second on one core
// and peak memory of the whole command (targets: ≥ 50,000 fits/s, < 500 MB). Uses the BUILT
// packages (npx tsc -b, or npm run build). The command runs in a child process of its own, so its
// peak resident memory (process.resourceUsage().maxRSS) is the command's, not this script's.
// Prints a table; asserts nothing about time.
//   node bench/map.mjs            (MAP_FITS=20000 node bench/map.mjs for a quicker run)
import { createRequire } from 'module';
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = require(join(root, 'packages/core/dist/index.js'));
const npy = require(join(root, 'packages/cli/dist/map/npy.js'));
const { fDistributionSurvival } = require(join(root, 'packages/core/dist/fit/distributions.js'));
const MAIN = join(root, 'packages/cli/dist/main.js');
const COUNT = Number(process.env.MAP_FITS ?? 100000);
const POINTS = 16;
const NOISE = 0.01; // of M∞

// M(t) = M∞[1 − exp(−t/T1)], T1 log-uniform 3 ms … 1 s, M∞ 0.5 … 1.5, delays 0.1 ms … 10 s (log-spaced)
const rand = core.mulberry32(20261122);
const delay_s = Array.from({ length: POINTS }, (_, i) => 1e-4 * Math.pow(1e5, i / (POINTS - 1)));
const signals = new Float64Array(COUNT * POINTS);
const truthT1 = new Float64Array(COUNT);
for (let k = 0; k < COUNT; k++) {
  const T1 = Math.pow(10, -2.5 + 2.5 * rand());
  const M = 0.5 + rand();
  truthT1[k] = T1;
  for (let i = 0; i < POINTS; i++) signals[k * POINTS + i] = M * (1 - Math.exp(-delay_s[i] / T1)) + NOISE * M * core.gaussian(rand);
}
const dir = mkdtempSync(join(tmpdir(), 'relaxlab-bench-map-'));
const input = join(dir, 'signals.npy');
npy.writeNpy(input, { dtype: '<f8', shape: [COUNT, POINTS], data: signals });
const out = join(dir, 'map');

// the child runs the command exactly as `relaxlab map ... --json` and then reports its own resources
const child = `
const { main } = require(${JSON.stringify(MAIN)});
const log = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (s) => (log.push(String(s)), true);
main(process.argv.slice(1)).then((code) => {
  process.stdout.write = write;
  const u = process.resourceUsage();
  write(JSON.stringify({ code, summary: JSON.parse(log.join('')), maxRSS_kB: u.maxRSS, cpu_s: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
`;
const args = ['map', input, '--delays', delay_s.join(','), '-o', out, '--json'];
const run = JSON.parse(execFileSync(process.execPath, ['-e', child, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }));
if (run.code !== 0) throw new Error(`relaxlab map exited with ${run.code}`);
const s = run.summary;

// accuracy against the truth: |T1 − T1true| within 3 standard errors, median relative error
const t1 = npy.readNpy(join(out, 'T1.npy')).data;
const se = npy.readNpy(join(out, 'T1_stderr.npy')).data;
let within = 0;
const rel = [];
for (let k = 0; k < COUNT; k++) {
  if (Math.abs(t1[k] - truthT1[k]) <= 3 * se[k]) within++;
  rel.push(Math.abs(t1[k] / truthT1[k] - 1));
}
rel.sort((a, b) => a - b);
rmSync(dir, { recursive: true, force: true });

const rows = [
  { quantity: 'transients × delays', value: `${COUNT} × ${POINTS}`, target: '' },
  { quantity: 'fits/s (fit phase, one core)', value: s.timing.fitsPerSecond.toFixed(0), target: '≥ 50000' },
  { quantity: 'fits/s (whole command: read, fit, write; CPU time)', value: (COUNT / run.cpu_s).toFixed(0), target: '' },
  {
    quantity: 'read / fit / write (s)',
    value: `${s.timing.read_s.toFixed(2)} / ${s.timing.fit_s.toFixed(2)} / ${s.timing.write_s.toFixed(2)}`,
    target: '',
  },
  { quantity: 'peak memory, maxRSS (MB)', value: (run.maxRSS_kB / 1024).toFixed(0), target: '< 500' },
  { quantity: 'converged', value: `${s.converged}/${s.fitted}`, target: '' },
  // stderr is scaled by the reduced χ² (σ estimated from 16 − 2 = 14 residuals), so (T1 − T1true)/stderr
  // follows Student's t with 14 dof: P(|t| ≤ 3) = 1 − P(F(1, 14) > 9) = 99.04 %, not the normal 99.73 %
  {
    quantity: 'T1 within 3 stderr of the truth',
    value: `${((100 * within) / COUNT).toFixed(2)} %`,
    target: `${(100 * (1 - fDistributionSurvival(9, 1, POINTS - 2))).toFixed(2)} % (Student t, ${POINTS - 2} dof)`,
  },
  { quantity: 'median |T1/T1true − 1|', value: rel[Math.floor(COUNT / 2)].toExponential(2), target: '' },
];
const width = (key) => Math.max(key.length, ...rows.map((r) => String(r[key]).length));
const cols = ['quantity', 'value', 'target'];
const line = (cells) => cells.map((c, i) => String(c).padEnd(width(cols[i]))).join('  ');
console.log('relaxlab map (T1 map, saturation-recovery, M_inf and T1 varied)');
console.log(line(cols));
console.log(line(cols.map((c) => '-'.repeat(width(c)))));
for (const r of rows) console.log(line(cols.map((c) => r[c])));
