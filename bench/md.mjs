// MD trajectories: (1) the tracer MSD of 1,000 ions × 20,000 frames by FFT (core's trajectoryMsd)
// beside a numpy implementation of the same algorithm (bench/md_msd.py, Debian's python3-numpy),
// CPU time and peak memory of each in a process of its own, and the MSD values compared; (2) reading
// a 1 GB LAMMPS text dump with `relaxlab md` (generated in a temporary folder, deleted after):
// time and peak memory (target < 1 GB). Uses the BUILT packages. Prints tables; asserts nothing.
//   node bench/md.mjs      (MD_FRAMES=2000 MD_DUMP_MB=100 node bench/md.mjs for a quick run)
import { createRequire } from 'module';
import { execFileSync } from 'child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { table } from './table.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const core = require(join(root, 'packages/core/dist/index.js'));
const MAIN = join(root, 'packages/cli/dist/main.js');
const ATOMS = 1000;
const FRAMES = Number(process.env.MD_FRAMES ?? 20000);
const DUMP_MB = Number(process.env.MD_DUMP_MB ?? 1024);
const dir = mkdtempSync(join(tmpdir(), 'relaxlab-bench-md-'));

try {
  // ---- (1) MSD: random walks written once as float64 (frames, atoms, 3), read by both ----------
  const positions = join(dir, 'positions.f64');
  const rand = core.mulberry32(20261207);
  const fd = openSync(positions, 'w');
  const r = new Float64Array(3 * ATOMS);
  for (let f = 0; f < FRAMES; f++) {
    if (f > 0) for (let k = 0; k < r.length; k++) r[k] += 0.1 * core.gaussian(rand);
    writeSync(fd, new Uint8Array(r.buffer));
  }
  closeSync(fd);
  const child = `
const core = require(${JSON.stringify(join(root, 'packages/core/dist/index.js'))});
const fs = require('fs');
const [path, frames, atoms] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const t0 = process.cpuUsage();
const fd = fs.openSync(path, 'r');
const positions_A = [];
for (let f = 0; f < frames; f++) {
  const a = new Float64Array(3 * atoms);
  fs.readSync(fd, new Uint8Array(a.buffer), 0, a.byteLength, f * a.byteLength);
  positions_A.push(a);
}
const read = process.cpuUsage(t0);
const trajectory = { source: path, species: ['Li'], atoms, frames, frameInterval_fs: 100, positions_A, charges: Array(atoms).fill(1), volume_A3: 1e6, frameworkDrift_A: null, warnings: [] };
const t1 = process.cpuUsage();
const m = core.trajectoryMsd(trajectory);
const msd = process.cpuUsage(t1);
const lags = [1, 10, 100, 1000, Math.floor(frames / 2)].filter((l) => l < frames);
const u = process.resourceUsage();
process.stdout.write(JSON.stringify({ read_s: (read.user + read.system) / 1e6, msd_s: (msd.user + msd.system) / 1e6, maxRSS_kB: u.maxRSS,
  msd: Object.fromEntries(lags.map((l) => [l, m.tracer_A2[l]])) }));
`;
  const ours = JSON.parse(
    execFileSync(process.execPath, ['-e', child, positions, String(FRAMES), String(ATOMS)], { encoding: 'utf8', maxBuffer: 1 << 24 }),
  );
  let numpy = null;
  try {
    numpy = JSON.parse(
      execFileSync('/usr/bin/python3', [join(here, 'md_msd.py'), positions, String(FRAMES), String(ATOMS)], { encoding: 'utf8' }),
    );
  } catch (e) {
    console.log(`numpy baseline skipped: ${String(e.message ?? e).split('\n')[0]} (apt-get install python3-numpy)`);
  }
  rmSync(positions, { force: true });
  console.log(`Tracer MSD over all time origins by FFT: ${ATOMS} ions × ${FRAMES} frames (× 3 directions), one process each\n`);
  table([
    {
      engine: 'RelaxLab trajectoryMsd (fft.js)',
      'MSD CPU (s)': ours.msd_s.toFixed(2),
      'read CPU (s)': ours.read_s.toFixed(2),
      'peak memory (MB)': (ours.maxRSS_kB / 1024).toFixed(0),
    },
    ...(numpy
      ? [
          {
            engine: 'numpy (np.fft.rfft, chunks of 100 atoms)',
            'MSD CPU (s)': numpy.cpu_s.toFixed(2),
            'read CPU (s)': 'incl.',
            'peak memory (MB)': (numpy.maxRSS_kB / 1024).toFixed(0),
          },
        ]
      : []),
  ]);
  if (numpy) {
    const diffs = Object.keys(ours.msd).map((l) => Math.abs(ours.msd[l] / numpy.msd[l] - 1));
    console.log(
      `same MSD: largest relative difference at lags ${Object.keys(ours.msd).join(', ')}: ${Math.max(...diffs).toExponential(1)}\n`,
    );
  }

  // ---- (2) a 1 GB LAMMPS dump read by `relaxlab md` ---------------------------------------
  const dump = join(dir, 'bench.lammpstrj');
  const out = openSync(dump, 'w');
  const L = 30;
  const p = Float64Array.from({ length: 3 * ATOMS }, () => rand() * L);
  let bytes = 0;
  let frames = 0;
  while (bytes < DUMP_MB * 1024 * 1024) {
    const lines = [
      `ITEM: TIMESTEP\n${frames * 10}\nITEM: NUMBER OF ATOMS\n${ATOMS}\nITEM: BOX BOUNDS pp pp pp\n0 ${L}\n0 ${L}\n0 ${L}\nITEM: ATOMS id type x y z`,
    ];
    for (let i = 0; i < ATOMS; i++) {
      if (frames > 0) for (let c = 0; c < 3; c++) p[3 * i + c] += 0.05 * core.gaussian(rand);
      const w = [0, 1, 2].map((c) => (p[3 * i + c] - Math.floor(p[3 * i + c] / L) * L).toFixed(6));
      lines.push(`${i + 1} ${i < ATOMS / 2 ? 1 : 2} ${w[0]} ${w[1]} ${w[2]}`);
    }
    const text = lines.join('\n') + '\n';
    writeSync(out, text);
    bytes += Buffer.byteLength(text);
    frames++;
  }
  closeSync(out);
  const size = statSync(dump).size;
  const cli = `
const { main } = require(${JSON.stringify(MAIN)});
const log = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (s) => (log.push(String(s)), true);
const t0 = Date.now();
main(process.argv.slice(1)).then((code) => {
  const wall = (Date.now() - t0) / 1000;
  process.stdout.write = write;
  const u = process.resourceUsage();
  const r = JSON.parse(log.join(''));
  write(JSON.stringify({ code, wall_s: wall, cpu_s: (u.userCPUTime + u.systemCPUTime) / 1e6, maxRSS_kB: u.maxRSS, frames: r.frames, atoms: r.atoms, D: r.D_tracer_cm2_per_s }));
});
`;
  const run = JSON.parse(
    execFileSync(process.execPath, ['-e', cli, 'md', dump, '--species', 'type1', '--charge', '1', '--timestep-fs', '1', '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );
  console.log(
    `relaxlab md on a LAMMPS text dump: ${(size / 1024 ** 3).toFixed(2)} GB, ${frames} frames × ${ATOMS} atoms (${ATOMS / 2} selected)\n`,
  );
  table([
    { quantity: 'wall time (s)', value: run.wall_s.toFixed(1), target: '' },
    { quantity: 'CPU time (s): read, unwrap, MSD, fits', value: run.cpu_s.toFixed(1), target: '' },
    { quantity: 'MB per CPU second', value: (size / 1024 ** 2 / run.cpu_s).toFixed(0), target: '' },
    { quantity: 'peak memory, maxRSS (MB)', value: (run.maxRSS_kB / 1024).toFixed(0), target: '< 1024' },
    { quantity: 'frames read', value: String(run.frames), target: String(frames) },
    {
      quantity: 'D* (cm²/s), truth 0.05²/(2·10 fs) per direction',
      value: core.formatValueError(run.D.value, run.D.stderr),
      target: ((0.05 ** 2 / (2 * 10)) * 1e3 * 1e-4).toExponential(3),
    },
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
