/**
 * Writers of synthetic trajectories in every format the md readers take (tests only): VASP XDATCAR
 * (fixed or variable cell), extended XYZ, LAMMPS text dump (wrapped x y z, optionally with ix iy iz
 * image flags), LAMMPS DCD (little-endian, with the unit cell) and its LAMMPS data file.
 */
import { writeFileSync } from 'fs';
import type { SimulatedTrajectory } from '@relaxlab/core';

const f6 = (v: number) => v.toFixed(6);

function speciesBlocks(elements: string[]): Array<[string, number]> {
  const blocks: Array<[string, number]> = [];
  for (const e of elements) {
    if (blocks.length && blocks[blocks.length - 1][0] === e) blocks[blocks.length - 1][1]++;
    else blocks.push([e, 1]);
  }
  return blocks;
}

/** XDATCAR; with `variableCell` the header is repeated before every frame with the cell scaled by (1 + 0.002·sin k). */
export function writeXdatcar(path: string, sim: SimulatedTrajectory, variableCell = false): void {
  const blocks = speciesBlocks(sim.header.elements);
  const out: string[] = [];
  const header = (scale: number) => {
    const H = sim.frames[0].cell_A;
    out.push('synthetic walkers', '    1.000000');
    for (let r = 0; r < 3; r++) out.push(`  ${f6(H[3 * r] * scale)} ${f6(H[3 * r + 1] * scale)} ${f6(H[3 * r + 2] * scale)}`);
    out.push(`   ${blocks.map((b) => b[0]).join('   ')}`, `   ${blocks.map((b) => b[1]).join('   ')}`);
  };
  if (!variableCell) header(1);
  sim.frames.forEach((frame, k) => {
    if (variableCell) header(1 + 0.002 * Math.sin(k));
    out.push(`Direct configuration=${String(k + 1).padStart(6)}`);
    const L = frame.cell_A[0];
    for (let i = 0; i < frame.positions_A.length; i += 3) {
      out.push(`  ${f6(frame.positions_A[i] / L)}  ${f6(frame.positions_A[i + 1] / L)}  ${f6(frame.positions_A[i + 2] / L)}`);
    }
  });
  writeFileSync(path, out.join('\n') + '\n');
}

export function writeExtxyz(path: string, sim: SimulatedTrajectory): void {
  const out: string[] = [];
  for (const frame of sim.frames) {
    const n = frame.positions_A.length / 3;
    out.push(String(n), `Lattice="${Array.from(frame.cell_A, f6).join(' ')}" Properties=species:S:1:pos:R:3 pbc="T T T"`);
    for (let i = 0; i < n; i++) {
      const p = frame.positions_A;
      out.push(`${sim.header.elements[i]} ${f6(p[3 * i])} ${f6(p[3 * i + 1])} ${f6(p[3 * i + 2])}`);
    }
  }
  writeFileSync(path, out.join('\n') + '\n');
}

/** LAMMPS dump; atoms written in reverse id order (readers must sort). With `images`, unwrapped positions are split into wrapped x and image flags. */
export function writeLammpsDump(path: string, sim: SimulatedTrajectory, options: { images?: boolean; stride?: number } = {}): void {
  const types = [...new Set(sim.header.elements)];
  const n = sim.header.elements.length;
  const L = sim.frames[0].cell_A[0];
  const stride = options.stride ?? 1;
  const out: string[] = [];
  const unwrapped = new Float64Array(3 * n);
  sim.frames.forEach((frame, k) => {
    const p = frame.positions_A;
    for (let j = 0; j < 3 * n; j++) {
      if (k === 0) unwrapped[j] = p[j];
      else {
        const prev = unwrapped[j] - Math.floor(unwrapped[j] / L) * L;
        let d = p[j] - prev;
        d -= L * Math.round(d / L);
        unwrapped[j] += d;
      }
    }
    out.push('ITEM: TIMESTEP', String(k * stride), 'ITEM: NUMBER OF ATOMS', String(n), 'ITEM: BOX BOUNDS pp pp pp');
    for (let c = 0; c < 3; c++) out.push(`0.0 ${f6(L)}`);
    out.push(options.images ? 'ITEM: ATOMS id type x y z ix iy iz' : 'ITEM: ATOMS id type x y z');
    for (let i = n - 1; i >= 0; i--) {
      const type = types.indexOf(sim.header.elements[i]) + 1;
      if (options.images) {
        const im = [0, 1, 2].map((c) => Math.floor(unwrapped[3 * i + c] / L));
        const w = [0, 1, 2].map((c) => unwrapped[3 * i + c] - im[c] * L);
        out.push(`${i + 1} ${type} ${f6(w[0])} ${f6(w[1])} ${f6(w[2])} ${im[0]} ${im[1]} ${im[2]}`);
      } else {
        out.push(`${i + 1} ${type} ${f6(p[3 * i])} ${f6(p[3 * i + 1])} ${f6(p[3 * i + 2])}`);
      }
    }
  });
  writeFileSync(path, out.join('\n') + '\n');
}

/** A LAMMPS data file (atom_style charge) naming the types in Masses comments, with charges `charge` per species. */
export function writeLammpsData(path: string, sim: SimulatedTrajectory, charge: Record<string, number>): void {
  const types = [...new Set(sim.header.elements)];
  const masses: Record<string, number> = { Li: 6.94, S: 32.06, Na: 22.99, P: 30.974 };
  const L = sim.frames[0].cell_A[0];
  const p = sim.frames[0].positions_A;
  const out = [
    'LAMMPS data file (synthetic)',
    '',
    `${sim.header.elements.length} atoms`,
    `${types.length} atom types`,
    '',
    `0.0 ${f6(L)} xlo xhi`,
    `0.0 ${f6(L)} ylo yhi`,
    `0.0 ${f6(L)} zlo zhi`,
    '',
    'Masses',
    '',
    ...types.map((t, k) => `${k + 1} ${masses[t] ?? 1} # ${t}`),
    '',
    'Atoms # charge',
    '',
    ...sim.header.elements.map(
      (e, i) => `${i + 1} ${types.indexOf(e) + 1} ${charge[e] ?? 0} ${f6(p[3 * i])} ${f6(p[3 * i + 1])} ${f6(p[3 * i + 2])}`,
    ),
  ];
  writeFileSync(path, out.join('\n') + '\n');
}

/** LAMMPS-style DCD (little-endian, CHARMM version 24, unit cell a, cos γ, b, cos β, cos α, c). */
export function writeDcd(path: string, sim: SimulatedTrajectory, stride = 1): void {
  const n = sim.header.elements.length;
  const parts: Buffer[] = [];
  const record = (body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeInt32LE(body.length, 0);
    parts.push(len, body, len);
  };
  const head = Buffer.alloc(84);
  head.write('CORD', 0, 'latin1');
  const ic = [sim.frames.length, 0, stride, sim.frames.length * stride, 0, 0, 0, 0, 0];
  ic.forEach((v, k) => head.writeInt32LE(v, 4 + 4 * k));
  head.writeFloatLE(0.001, 4 + 4 * 9);
  head.writeInt32LE(1, 4 + 4 * 10); // unit cell present
  head.writeInt32LE(24, 4 + 4 * 19); // CHARMM version
  record(head);
  const title = Buffer.alloc(4 + 80, ' ');
  title.writeInt32LE(1, 0);
  title.write('synthetic walkers', 4, 'latin1');
  record(title);
  const natom = Buffer.alloc(4);
  natom.writeInt32LE(n, 0);
  record(natom);
  for (const frame of sim.frames) {
    const cell = Buffer.alloc(48);
    [frame.cell_A[0], 0, frame.cell_A[4], 0, 0, frame.cell_A[8]].forEach((v, k) => cell.writeDoubleLE(v, 8 * k));
    record(cell);
    for (let c = 0; c < 3; c++) {
      const b = Buffer.alloc(4 * n);
      for (let i = 0; i < n; i++) b.writeFloatLE(frame.positions_A[3 * i + c], 4 * i);
      record(b);
    }
  }
  writeFileSync(path, Buffer.concat(parts));
}
