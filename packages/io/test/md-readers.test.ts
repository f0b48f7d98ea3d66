/**
 * Trajectory readers: synthetic trajectories with known transport (core's simulateWalkers, seeds
 * fixed in advance: 1611 walkers, 1612 rigid pairs, 1613 drifting framework), wrapped into a
 * 12 Å periodic box and written by the tests in every format (mdWriters.ts); read back and analysed
 * they must give D* within 5 %, H_R within its uncertainty of 1 (walkers) or 0.5 (pairs), and the
 * drift removed. Then gzip, the real Li6PS5Cl XDATCAR against its README reference, and bad input.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { analyzeTrajectory, InputError, mulberry32, simulateWalkers } from '@relaxlab/core';
import { parseFields } from '../src/md/numbers';
import type { SimulatedTrajectory, TrajectoryTransport } from '@relaxlab/core';
import { readTrajectory } from '../src';
import type { ReadTrajectoryOptions } from '../src';
import { tempDir } from './support';
import { writeDcd, writeExtxyz, writeLammpsData, writeLammpsDump, writeXdatcar } from './mdWriters';
import { resolve } from 'path';

const D = 1e-5; // cm²/s
const base = { walkers: 64, frames: 800, D_cm2_per_s: D, frameInterval_fs: 100, box_A: 12, frameworkAtoms: 16 };

type Writer = (dir: string, sim: SimulatedTrajectory) => { path: string; options: Partial<ReadTrajectoryOptions> };
const FORMATS: Array<[string, Writer]> = [
  [
    'XDATCAR',
    (dir, sim) => (writeXdatcar(join(dir, 'XDATCAR'), sim), { path: join(dir, 'XDATCAR'), options: { timestep_fs: 2, stride: 50 } }),
  ],
  [
    'XDATCAR, variable cell',
    (dir, sim) => (writeXdatcar(join(dir, 'XDATCAR'), sim, true), { path: join(dir, 'XDATCAR'), options: { timestep_fs: 100 } }),
  ],
  [
    'extended XYZ',
    (dir, sim) => (writeExtxyz(join(dir, 'run.extxyz'), sim), { path: join(dir, 'run.extxyz'), options: { timestep_fs: 100 } }),
  ],
  [
    'LAMMPS dump, wrapped',
    (dir, sim) => (
      writeLammpsDump(join(dir, 'run.dump'), sim, { stride: 100 }),
      { path: join(dir, 'run.dump'), options: { timestep_fs: 1, species: ['type1'], charge: 1 } }
    ),
  ],
  [
    'LAMMPS dump, image flags + data file',
    (dir, sim) => {
      writeLammpsDump(join(dir, 'run.lammpstrj'), sim, { images: true, stride: 100 });
      writeLammpsData(join(dir, 'run.data'), sim, { Li: 1, S: -2 });
      return { path: join(dir, 'run.lammpstrj'), options: { timestep_fs: 1, dataFile: join(dir, 'run.data') } };
    },
  ],
  [
    'DCD + data file',
    (dir, sim) => {
      writeDcd(join(dir, 'run.dcd'), sim, 100);
      writeLammpsData(join(dir, 'run.data'), sim, { Li: 1, S: -2 });
      return { path: join(dir, 'run.dcd'), options: { timestep_fs: 1, dataFile: join(dir, 'run.data') } };
    },
  ],
];

async function analyse(writer: Writer, sim: SimulatedTrajectory, extra: Partial<ReadTrajectoryOptions> = {}): Promise<TrajectoryTransport> {
  const { path, options } = writer(tempDir(), sim);
  const trajectory = await readTrajectory(path, { species: ['Li'], ...options, ...extra });
  expect(trajectory.frameInterval_fs).toBeCloseTo(100, 9);
  expect(trajectory.frames).toBe(base.frames);
  // the window fixed (0.5–40 ps): the readers are under test here, not the automatic window (core's md.test.ts)
  return analyzeTrajectory(trajectory, { temperature_K: 500, window_ps: [0.5, 40] });
}

describe.each(FORMATS)('%s', (_label, writer) => {
  const walkers = simulateWalkers({ ...base, seed: 1611 });
  const pairs = simulateWalkers({ ...base, seed: 1612, pairs: true });
  const drifting = simulateWalkers({ ...base, seed: 1613, drift_A_per_ps: [0.05, -0.03, 0.02] });

  test('independent walkers: D* within 5 %, H_R within its uncertainty of 1', async () => {
    const r = await analyse(writer, walkers);
    expect(Math.abs(r.D_tracer_cm2_per_s.value / D - 1)).toBeLessThan(0.05);
    expect(Math.abs(r.havenRatio.value - 1)).toBeLessThan(r.havenRatio.stderr!);
    // nothing about the reading (unwrapping, charges, drift); a χ² note of a fit may appear
    expect(r.warnings.filter((w) => !/χ²_red/.test(w))).toEqual([]);
  });
  test('rigid pairs: H_R = 0.5 within its uncertainty, 1 excluded', async () => {
    const r = await analyse(writer, pairs);
    expect(Math.abs(r.havenRatio.value - 0.5)).toBeLessThan(r.havenRatio.stderr!);
    expect(Math.abs(r.havenRatio.value - 1)).toBeGreaterThan(3 * r.havenRatio.stderr!);
  });
  test('drifting framework: drift removed, D* within 5 %', async () => {
    const r = await analyse(writer, drifting);
    expect(r.frameworkDrift_A).toBeGreaterThan(4);
    expect(Math.abs(r.D_tracer_cm2_per_s.value / D - 1)).toBeLessThan(0.05);
  });
});

test('gzip is read transparently: the same numbers from XDATCAR and XDATCAR.gz', async () => {
  const dir = tempDir();
  const sim = simulateWalkers({ ...base, frames: 100, seed: 1614 });
  writeXdatcar(join(dir, 'XDATCAR'), sim);
  writeFileSync(join(dir, 'XDATCAR.gz'), gzipSync(readFileSync(join(dir, 'XDATCAR'))));
  const plain = await readTrajectory(join(dir, 'XDATCAR'), { species: ['Li'], timestep_fs: 100 });
  const gz = await readTrajectory(join(dir, 'XDATCAR.gz'), { species: ['Li'], timestep_fs: 100 });
  expect(gz.positions_A).toEqual(plain.positions_A);
});

describe('bad input: typed errors naming the file and the frame', () => {
  const sim = simulateWalkers({ ...base, walkers: 4, frameworkAtoms: 2, frames: 5, seed: 1615 });
  const fail = async (path: string, options: Partial<ReadTrajectoryOptions>) => {
    try {
      await readTrajectory(path, { species: ['Li'], timestep_fs: 1, ...options });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).message;
    }
    throw new Error('no error');
  };
  const truncate = (path: string, bytes: number) => writeFileSync(path, readFileSync(path).subarray(0, readFileSync(path).length - bytes));

  test('truncated frames, in every format', async () => {
    const dir = tempDir();
    writeXdatcar(join(dir, 'XDATCAR'), sim);
    truncate(join(dir, 'XDATCAR'), 60);
    expect(await fail(join(dir, 'XDATCAR'), {})).toMatch(
      /XDATCAR: frame 5: atom 5 \(line 41\): the file ends inside a frame \(truncated\)/,
    );
    writeExtxyz(join(dir, 'a.xyz'), sim);
    truncate(join(dir, 'a.xyz'), 40);
    expect(await fail(join(dir, 'a.xyz'), {})).toMatch(/a\.xyz: frame 5: .*truncated/);
    writeLammpsDump(join(dir, 'a.dump'), sim);
    truncate(join(dir, 'a.dump'), 40);
    expect(await fail(join(dir, 'a.dump'), { species: ['type1'] })).toMatch(/a\.dump: frame 5: .*truncated/);
    writeDcd(join(dir, 'a.dcd'), sim);
    writeLammpsData(join(dir, 'a.data'), sim, { Li: 1 });
    truncate(join(dir, 'a.dcd'), 10);
    expect(await fail(join(dir, 'a.dcd'), { dataFile: join(dir, 'a.data') })).toMatch(
      /a\.dcd: frame 5: z: the file ends inside a frame \(truncated\)/,
    );
  });

  test('an atom count that changes', async () => {
    const dir = tempDir();
    const shorter = { ...sim, frames: sim.frames.map((f, k) => (k === 3 ? { ...f, positions_A: f.positions_A.slice(3) } : f)) };
    writeExtxyz(join(dir, 'a.xyz'), { ...shorter, header: sim.header });
    expect(await fail(join(dir, 'a.xyz'), {})).toMatch(
      /a\.xyz: frame 4: the number of atoms changes \(expected 6 atoms as in the first frame; found 5 atoms\)/,
    );
  });

  test('a species not present, a zero time step, no time step at all', async () => {
    const dir = tempDir();
    writeXdatcar(join(dir, 'XDATCAR'), sim);
    expect(await fail(join(dir, 'XDATCAR'), { species: ['Na'] })).toMatch(
      /XDATCAR: species: species Na is not in the trajectory \(expected one of Li, S; found Na\)/,
    );
    expect(await fail(join(dir, 'XDATCAR'), { timestep_fs: 0 })).toMatch(/XDATCAR: timestep_fs: zero or invalid time step/);
    expect(await fail(join(dir, 'XDATCAR'), { timestep_fs: undefined })).toMatch(
      /XDATCAR: timestep_fs: the file does not give the time between frames/,
    );
    writeLammpsDump(join(dir, 'a.dump'), sim, { stride: 0 });
    expect(await fail(join(dir, 'a.dump'), { species: ['type1'] })).toMatch(/a\.dump: frame 2: time: zero or invalid time step/);
  });
});

describe('real data: VASP AIMD of Li6PS5Cl (../shared/data/real/md-li6ps5cl-aimd, README reference)', () => {
  const XDATCAR = resolve(__dirname, '../../../../shared/data/real/md-li6ps5cl-aimd/XDATCAR.gz');
  let result: TrajectoryTransport;
  let auto: TrajectoryTransport;
  beforeAll(async () => {
    const trajectory = await readTrajectory(XDATCAR, { species: ['Li'], timestep_fs: 2, stride: 50 });
    result = analyzeTrajectory(trajectory, { window_ps: [2, 7], temperature_K: 600 });
    auto = analyzeTrajectory(trajectory, { temperature_K: 600 });
  });

  test('the file as the README describes it, and the reference MSD at 1, 5 and 10 ps', () => {
    expect([result.atoms, result.frames, result.frameInterval_fs]).toEqual([192, 140, 100]);
    expect(result.volume_A3).toBeCloseTo(8380.7, 1);
    const at = (t: number) => result.msd.tracer_A2[Math.round(t / 0.1)];
    // the README gives two decimals: 1.60, 5.11, 8.93–8.94 (its MSD(10 ps) 8.93; measured here 8.9419)
    [1.6, 5.11, 8.93].forEach((v, k) => expect(Math.abs(at([1, 5, 10][k]) - v)).toBeLessThan(0.015));
  });

  test('D*(Li) = 1.45e-5 cm²/s (2–7 ps) within the stated uncertainty, with the README window and the automatic one', () => {
    for (const r of [result, auto]) {
      expect(Math.abs(r.D_tracer_cm2_per_s.value - 1.45e-5)).toBeLessThan(r.D_tracer_cm2_per_s.stderr!);
      // and the uncertainty is not so wide that anything passes: below 20 %
      expect(r.D_tracer_cm2_per_s.stderr! / r.D_tracer_cm2_per_s.value).toBeLessThan(0.2);
    }
  });

  test('σ_collective comes with an uncertainty that says 14 ps cannot pin it down', () => {
    for (const r of [result, auto]) {
      const s = r.sigma_collective_S_per_cm!;
      // the 1σ interval is wider than the value itself and holds both H_R = 1 (σ_coll = σ_NE) and the
      // "H_R near 5" of an ordinary least-squares line (README)
      expect(s.stderr!).toBeGreaterThan(Math.abs(s.value));
      expect(Math.abs(s.value - r.sigma_NE_S_per_cm!.value)).toBeLessThan(s.stderr!);
      expect(Math.abs(s.value - r.sigma_NE_S_per_cm!.value / 5)).toBeLessThan(s.stderr!);
      expect(r.havenRatioInterval.upper).toBeNull();
      expect(r.warnings.join('\n')).toMatch(/D_σ|collective/);
    }
  });
});

describe('LAMMPS dump columns: element, q, scaled coordinates in a triclinic box, atoms out of order', () => {
  // a = (10, 0, 0), b = (2, 10, 0), c = (1, 1, 10): bounds written as LAMMPS does (xlo_bound = xlo + min(0, xy, xz, xy + xz) …)
  const frame = (step: number, rows: string[]) =>
    [
      'ITEM: TIMESTEP',
      String(step),
      'ITEM: NUMBER OF ATOMS',
      '3',
      'ITEM: BOX BOUNDS xy xz yz pp pp pp',
      '0 13 2',
      '0 11 1',
      '0 10 1',
      'ITEM: ATOMS id element q xs ys zs',
      ...rows,
    ].join('\n');
  test('positions r = f·H, sorted by id, names and charges from the columns, stride from TIMESTEP', async () => {
    const path = join(tempDir(), 'tri.lammpstrj');
    writeFileSync(
      path,
      `${frame(0, ['3 S -2 0.5 0.5 0.5', '1 Li 1 0.1 0.2 0.3', '2 Li 1 0.9 0.9 0.9'])}\n${frame(20, ['1 Li 1 0.15 0.2 0.3', '2 Li 1 0.05 0.9 0.9', '3 S -2 0.5 0.5 0.5'])}\n`,
    );
    const t = await readTrajectory(path, { species: ['Li'], timestep_fs: 0.5, removeDrift: false });
    expect(t.frameInterval_fs).toBe(10);
    expect(t.charges).toEqual([1, 1]);
    const r = (f: number[]) => [10 * f[0] + 2 * f[1] + 1 * f[2], 10 * f[1] + 1 * f[2], 10 * f[2]];
    expect(Array.from(t.positions_A[0]).map((v) => Number(v.toFixed(9)))).toEqual(
      [...r([0.1, 0.2, 0.3]), ...r([0.9, 0.9, 0.9])].map((v) => Number(v.toFixed(9))),
    );
    // atom 2 crossed the a face (0.9 → 0.05 = 1.05): unwrapped by the minimum image
    expect(Array.from(t.positions_A[1]).map((v) => Number(v.toFixed(9)))).toEqual(
      [...r([0.15, 0.2, 0.3]), ...r([1.05, 0.9, 0.9])].map((v) => Number(v.toFixed(9))),
    );
  });
});

describe('parseFields: the in-place number parser of the dump reader', () => {
  test('equals Number() on decimals up to 15 digits (correctly rounded), within 2 ulp beyond, NaN for names and huge exponents', () => {
    const rand = mulberry32(1616);
    const fields = new Float64Array(4);
    for (let k = 0; k < 20000; k++) {
      const a = ((rand() - 0.5) * 200).toFixed(6);
      const b = (rand() * 1e-3).toExponential(8);
      const c = String(Math.floor(rand() * 1e6));
      const d = String((rand() - 0.5) * 50); // repr: up to 17 digits
      expect(parseFields(`${a} ${b}\t${c}  ${d}`, fields)).toBe(4);
      expect([fields[0], fields[1], fields[2]]).toEqual([Number(a), Number(b), Number(c)]);
      expect(Math.abs(fields[3] - Number(d))).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(Number(d)));
    }
    expect(parseFields('Li 1e400 nan 3', fields)).toBe(4);
    expect([...fields].map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(['NaN', 'NaN', 'NaN', 3]);
  });
});
