/**
 * LAMMPS text dump (`dump custom`/`atom`; LAMMPS manual, "dump" command) and data file ("read_data").
 * Dump frames: ITEM: TIMESTEP, ITEM: NUMBER OF ATOMS, ITEM: BOX BOUNDS (orthogonal, or triclinic
 * with xy xz yz), ITEM: ATOMS with the column names. Positions from x y z (wrapped; with ix iy iz
 * image flags unwrapped as r + ix·a + iy·b + iz·c), xu yu zu (unwrapped) or xs ys zs (scaled);
 * atoms are sorted by id. Names from an `element` column, else from the data file's Masses (a
 * "# Li" comment or the mass), else "type1", …; charges from a `q` column or the data file.
 * Triclinic bounds (manual, "Howto triclinic"): xlo = xlo_bound − min(0, xy, xz, xy + xz),
 * xhi = xhi_bound − max(0, xy, xz, xy + xz), ylo = ylo_bound − min(0, yz), yhi = yhi_bound − max(0, yz);
 * a = (xhi − xlo, 0, 0), b = (xy, yhi − ylo, 0), c = (xz, yz, zhi − zlo).
 * TIMESTEP is the step number: the stride is read from it; the time step (units-dependent) is an option.
 */
import { InputError } from '@relaxlab/core';
import { readSourceFile } from '../fileSource';
import { parseFields } from './numbers';
import { LineReader, numbersOf } from './stream';
import type { ReadFrame } from './types';

/** Standard atomic masses (IUPAC 2021, rounded to 0.01 u) of the elements MD of ion conductors uses, for naming LAMMPS types by mass. */
const MASSES: Array<[string, number]> = [
  ['H', 1.008],
  ['Li', 6.94],
  ['B', 10.81],
  ['C', 12.011],
  ['N', 14.007],
  ['O', 15.999],
  ['F', 18.998],
  ['Na', 22.99],
  ['Mg', 24.305],
  ['Al', 26.982],
  ['Si', 28.085],
  ['P', 30.974],
  ['S', 32.06],
  ['Cl', 35.45],
  ['K', 39.098],
  ['Ca', 40.078],
  ['Ti', 47.867],
  ['Mn', 54.938],
  ['Fe', 55.845],
  ['Co', 58.933],
  ['Ni', 58.693],
  ['Cu', 63.546],
  ['Zn', 65.38],
  ['Ge', 72.63],
  ['Br', 79.904],
  ['Zr', 91.224],
  ['Ag', 107.87],
  ['Sn', 118.71],
  ['I', 126.9],
  ['La', 138.91],
  ['Ta', 180.95],
];

export interface LammpsData {
  /** Name of every type (1-based index → name). */
  typeNames: Map<number, string>;
  /** Type and charge per atom id. */
  atomType: Map<number, number>;
  atomCharge: Map<number, number>;
}

/** Reads a LAMMPS data file: Masses (type names) and Atoms (type and charge per id). */
export function readLammpsData(path: string): LammpsData {
  const lines = readSourceFile(path).text.split(/\r?\n/);
  const typeNames = new Map<number, string>();
  const atomType = new Map<number, number>();
  const atomCharge = new Map<number, number>();
  let section = '';
  let style = '';
  lines.forEach((raw, k) => {
    const [body, comment = ''] = raw.split('#');
    const line = body.trim();
    const head = /^(Masses|Atoms|Velocities|Bonds|Angles|Dihedrals|Impropers|Pair Coeffs|Bond Coeffs|Angle Coeffs)\b/.exec(line);
    if (head) {
      section = head[1];
      style = comment.trim();
      return;
    }
    if (!line || /atoms$|types$|xlo|ylo|zlo|xy xz yz|bonds$|angles$/.test(line)) return;
    const t = line.split(/\s+/).map(Number);
    if (section === 'Masses') {
      const name = comment.trim().split(/\s+/)[0];
      const byMass = MASSES.find(([, m]) => Math.abs(m - t[1]) < 0.05)?.[0];
      typeNames.set(t[0], name && /^[A-Z][a-z]?$/.test(name) ? name : (byMass ?? `type${t[0]}`));
    } else if (section === 'Atoms') {
      // full: id mol type q x y z; charge: id type q x y z; atomic: id type x y z (± 3 image flags)
      const n = t.length;
      const kind = style || (n === 7 || n === 10 ? 'full' : n === 6 || n === 9 ? 'charge' : 'atomic');
      if (!t.every(Number.isFinite)) {
        throw new InputError('not a number', {
          source: path,
          field: `Atoms (line ${k + 1})`,
          expected: `an Atoms line of style ${kind}`,
          found: JSON.stringify(line),
        });
      }
      const [typeColumn, chargeColumn] = kind === 'full' ? [2, 3] : kind === 'charge' ? [1, 2] : [1, -1];
      atomType.set(t[0], t[typeColumn]);
      if (chargeColumn >= 0) atomCharge.set(t[0], t[chargeColumn]);
    }
  });
  if (atomType.size === 0)
    throw new InputError('no Atoms section', { source: path, field: 'Atoms', expected: 'a LAMMPS data file with an Atoms section' });
  return { typeNames, atomType, atomCharge };
}

function triclinicCell(b: number[][], path: string, where: string): Float64Array {
  if (b.length !== 3) throw new InputError('invalid box', { source: path, field: where, expected: 'three lines of bounds' });
  const [xy, xz, yz] = [b[0][2] ?? 0, b[1][2] ?? 0, b[2][2] ?? 0];
  const xlo = b[0][0] - Math.min(0, xy, xz, xy + xz);
  const xhi = b[0][1] - Math.max(0, xy, xz, xy + xz);
  const ylo = b[1][0] - Math.min(0, yz);
  const yhi = b[1][1] - Math.max(0, yz);
  return new Float64Array([xhi - xlo, 0, 0, xy, yhi - ylo, 0, xz, yz, b[2][1] - b[2][0]]);
}

export async function* readLammpsDump(r: LineReader, data?: LammpsData): AsyncGenerator<ReadFrame> {
  const path = r.path;
  let frame = 0;
  let elements: string[] = [];
  let charges: number[] | undefined;
  const order = new Map<number, number>();
  for (;;) {
    let line = await r.next();
    while (line !== null && line.trim() === '') line = await r.next();
    if (line === null) {
      if (frame === 0) throw new InputError('empty file', { source: path, field: 'file', expected: 'a LAMMPS dump' });
      return;
    }
    frame++;
    const where = `frame ${frame}`;
    if (!line.startsWith('ITEM: TIMESTEP'))
      throw new InputError('not a LAMMPS dump frame', {
        source: path,
        field: `${where} (line ${r.line})`,
        expected: 'ITEM: TIMESTEP',
        found: JSON.stringify(line),
      });
    const [step] = numbersOf(await r.need(where, 'the timestep'), 1, path, `${where}: TIMESTEP`);
    await r.need(where, 'ITEM: NUMBER OF ATOMS');
    const [n] = numbersOf(await r.need(where, 'the number of atoms'), 1, path, `${where}: NUMBER OF ATOMS`);
    const boxItem = await r.need(where, 'ITEM: BOX BOUNDS');
    const triclinic = /xy xz yz/.test(boxItem);
    const bounds = [0, 1, 2].map(() => null as unknown as number[]);
    for (let k = 0; k < 3; k++) bounds[k] = numbersOf(await r.need(where, 'box bounds'), triclinic ? 3 : 2, path, `${where}: BOX BOUNDS`);
    const H = triclinicCell(bounds, path, `${where}: BOX BOUNDS`);
    const origin = [
      bounds[0][0] - (triclinic ? Math.min(0, bounds[0][2], bounds[1][2], bounds[0][2] + bounds[1][2]) : 0),
      bounds[1][0] - (triclinic ? Math.min(0, bounds[2][2]) : 0),
      bounds[2][0],
    ];
    const atomsItem = await r.need(where, 'ITEM: ATOMS id type x y z …');
    const cols = atomsItem
      .replace(/^ITEM: ATOMS\s*/, '')
      .trim()
      .split(/\s+/);
    const col = (name: string) => cols.indexOf(name);
    const [id, type, element, q] = [col('id'), col('type'), col('element'), col('q')];
    const pos = (['x', 'xu', 'xs', 'xsu'] as const)
      .map((x) => [col(x), col(x.replace('x', 'y')), col(x.replace('x', 'z'))])
      .findIndex((c) => c.every((v) => v >= 0));
    if (id < 0 || pos < 0 || (type < 0 && element < 0)) {
      throw new InputError('missing columns', {
        source: path,
        field: `${where}: ITEM: ATOMS`,
        expected: 'id, type (or element) and x y z, xu yu zu or xs ys zs',
        found: cols.join(' '),
      });
    }
    const posName = ['x', 'xu', 'xs', 'xsu'][pos];
    const pc = [col(posName), col(posName.replace('x', 'y')), col(posName.replace('x', 'z'))];
    const image = [col('ix'), col('iy'), col('iz')];
    const hasImages = image.every((c) => c >= 0);
    const scaled = posName.startsWith('xs');
    const unwrapped = posName.endsWith('u') || hasImages;
    // atoms are stored by id order: the first frame fixes the order, later frames are placed by id
    const positions = new Float64Array(3 * n);
    const first = frame === 1;
    const firstRows: Array<{ id: number; name: string; q?: number }> = [];
    const raw = first ? new Float64Array(3 * n) : positions;
    const width = cols.length;
    const fields = new Float64Array(width);
    const needed = [id, ...pc, ...(hasImages ? image : [])];
    for (let i = 0; i < n; i++) {
      const l = r.buffered() ?? (await r.need(where, `${n} atoms (found ${i})`));
      if (l.startsWith('ITEM:')) {
        throw new InputError('the frame is truncated', {
          source: path,
          field: where,
          expected: `${n} atoms`,
          found: `${i} atoms before line ${r.line}`,
        });
      }
      // the numeric columns in place (numbers.ts); a line it cannot read goes through split + Number
      // (which also names the bad field), as does the first frame, whose names and charges are kept
      let t: string[] | null = null;
      if (first || parseFields(l, fields) !== width || !allNumbers(fields, needed)) {
        t = l.split(' ');
        if (t.length !== width) t = l.trim().split(/\s+/);
        for (const k of needed) fields[k] = numberAt(t, k, r, path, where, l, cols);
      }
      const atomId = fields[id];
      let slot: number;
      if (first) slot = i;
      else {
        const s = order.get(atomId);
        if (s === undefined) {
          throw new InputError('an atom id not in the first frame', {
            source: path,
            field: `${where}: atom line ${r.line}`,
            expected: 'the atom ids of frame 1',
            found: String(atomId),
          });
        }
        slot = s;
      }
      let x = fields[pc[0]];
      let y = fields[pc[1]];
      let z = fields[pc[2]];
      if (scaled) {
        const [fx, fy, fz] = [x, y, z];
        x = fx * H[0] + fy * H[3] + fz * H[6];
        y = fx * H[1] + fy * H[4] + fz * H[7];
        z = fx * H[2] + fy * H[5] + fz * H[8];
      } else {
        x -= origin[0];
        y -= origin[1];
        z -= origin[2];
      }
      if (hasImages) {
        const [ix, iy, iz] = [fields[image[0]], fields[image[1]], fields[image[2]]];
        x += ix * H[0] + iy * H[3] + iz * H[6];
        y += ix * H[1] + iy * H[4] + iz * H[7];
        z += ix * H[2] + iy * H[5] + iz * H[8];
      }
      raw[3 * slot] = x;
      raw[3 * slot + 1] = y;
      raw[3 * slot + 2] = z;
      if (first && t) {
        const words = t;
        const v = (k: number) => numberAt(words, k, r, path, where, l, cols);
        const typeId = type >= 0 ? v(type) : data?.atomType.get(atomId);
        const name = element >= 0 ? words[element] : (data?.typeNames.get(typeId!) ?? `type${typeId}`);
        firstRows.push({
          id: atomId,
          name,
          ...(q >= 0 ? { q: v(q) } : data?.atomCharge.has(atomId) ? { q: data.atomCharge.get(atomId) } : {}),
        });
      }
    }
    if (first) {
      // sort by id: slot i of the file → position k in id order
      const byId = firstRows.map((row, i) => ({ ...row, i })).sort((a, b) => a.id - b.id);
      byId.forEach((row, k) => {
        order.set(row.id, k);
        positions.set(raw.subarray(3 * row.i, 3 * row.i + 3), 3 * k);
      });
      elements = byId.map((a) => a.name);
      charges = byId.every((a) => a.q !== undefined) ? byId.map((a) => a.q!) : undefined;
    }
    yield { positions_A: positions, cell_A: H, unwrapped, elements, step, ...(charges ? { charges } : {}) };
  }
}

/** Column k of an atom line as a number; an InputError naming the frame and line otherwise. */
function numberAt(t: string[], k: number, r: LineReader, path: string, where: string, line: string, cols: string[]): number {
  const x = k < t.length ? Number(t[k]) : NaN;
  if (Number.isFinite(x)) return x;
  throw new InputError(r.last ? 'the file ends inside a frame (truncated)' : 'not a number', {
    source: path,
    field: `${where}: atom line ${r.line}`,
    expected: `columns ${cols.join(' ')}`,
    found: JSON.stringify(line.trim()),
  });
}

function allNumbers(fields: Float64Array, needed: readonly number[]): boolean {
  for (let k = 0; k < needed.length; k++) if (Number.isNaN(fields[needed[k]])) return false;
  return true;
}
