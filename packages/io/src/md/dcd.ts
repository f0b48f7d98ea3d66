/**
 * CHARMM/LAMMPS binary DCD: Fortran unformatted records (a 4-byte length before and after each),
 * little- or big-endian (told by the first length, 84). Record 1: "CORD" and 20 int32 — NSET,
 * ISTART, NSAVC (steps between frames), …, DELTA (float32, index 9), the unit-cell flag (10), the
 * CHARMM version (19); record 2: titles; record 3: the number of atoms. Per frame: the cell
 * (6 float64: a, cos γ, b, cos β, cos α, c — LAMMPS's dump dcd and CHARMM ≥ 25 write cosines; values
 * beyond ±1 are read as degrees) and the x, y, z records (float32, Å). Atom names and charges are
 * not in the file: they come from a LAMMPS data file (atoms in id order, as dump dcd writes them).
 * DELTA is in the writer's time units (AKMA for CHARMM, LAMMPS units otherwise), so the time step
 * is an option; the stride NSAVC is read from the file.
 */
import { InputError } from '@relaxlab/core';
import type { ByteSource } from './stream';
import type { LammpsData } from './lammps';
import type { ReadFrame } from './types';

/** Exact byte reads from a chunk stream. */
class Bytes {
  private readonly it: AsyncIterator<Buffer>;
  private buf = Buffer.alloc(0);
  private done = false;
  constructor(source: ByteSource) {
    this.it = source.chunks[Symbol.asyncIterator]();
  }
  /** n bytes, or fewer at the end of the file. */
  async read(n: number): Promise<Buffer> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(out.length);
    return out;
  }
}

/** Lattice vectors (rows) from lengths and angles. */
export function cellFromParameters(a: number, b: number, c: number, cosAlpha: number, cosBeta: number, cosGamma: number): Float64Array {
  const sinGamma = Math.sqrt(1 - cosGamma * cosGamma);
  const cy = (cosAlpha - cosBeta * cosGamma) / sinGamma;
  const cz = Math.sqrt(Math.max(1 - cosBeta * cosBeta - cy * cy, 0));
  return new Float64Array([a, 0, 0, b * cosGamma, b * sinGamma, 0, c * cosBeta, c * cy, c * cz]);
}

export async function* readDcd(source: ByteSource, data: LammpsData | undefined): AsyncGenerator<ReadFrame> {
  const path = source.path;
  const bytes = new Bytes(source);
  const first = await bytes.read(4);
  if (first.length < 4) throw new InputError('empty file', { source: path, field: 'file', expected: 'a DCD trajectory' });
  const little = first.readInt32LE(0) === 84;
  if (!little && first.readInt32BE(0) !== 84)
    throw new InputError('not a DCD file', { source: path, field: 'header', expected: 'a first record of 84 bytes starting "CORD"' });
  const int = (b: Buffer, o: number) => (little ? b.readInt32LE(o) : b.readInt32BE(o));
  const record = async (where: string, expected?: number): Promise<Buffer> => {
    const head = await bytes.read(4);
    if (head.length < 4)
      throw new InputError('the file ends inside a frame (truncated)', {
        source: path,
        field: where,
        expected: 'a Fortran record',
        found: 'end of file',
      });
    const n = int(head, 0);
    if (expected !== undefined && n !== expected)
      throw new InputError('unexpected record length', { source: path, field: where, expected: `${expected} bytes`, found: `${n} bytes` });
    const body = await bytes.read(n + 4);
    if (body.length < n + 4)
      throw new InputError('the file ends inside a frame (truncated)', {
        source: path,
        field: where,
        expected: `${n} bytes`,
        found: `${body.length - 4 < 0 ? 0 : body.length - 4} bytes`,
      });
    return body.subarray(0, n);
  };
  const h = await bytes.read(88);
  if (h.length < 88 || h.toString('latin1', 0, 4) !== 'CORD')
    throw new InputError('not a DCD file', { source: path, field: 'header', expected: '"CORD"' });
  const icntrl = (k: number) => int(h, 4 + 4 * k);
  const istart = icntrl(1);
  const nsavc = icntrl(2) > 0 ? icntrl(2) : 1;
  const fixed = icntrl(8);
  const hasCell = icntrl(10) !== 0 && icntrl(19) !== 0;
  if (fixed > 0)
    throw new InputError('fixed atoms are not supported', { source: path, field: 'header: NAMNF', expected: '0', found: String(fixed) });
  await record('titles');
  const natomRec = await record('number of atoms', 4);
  const n = int(natomRec, 0);
  if (!data)
    throw new InputError('a DCD file does not name its atoms', {
      source: path,
      field: 'data file',
      expected: 'a LAMMPS data file (--data) with the atom types and charges',
    });
  const ids = [...data.atomType.keys()].sort((a, b) => a - b);
  if (ids.length !== n)
    throw new InputError('the data file has another number of atoms', {
      source: path,
      field: 'data file: Atoms',
      expected: `${n} atoms as in the DCD file`,
      found: String(ids.length),
    });
  const elements = ids.map((id) => data.typeNames.get(data.atomType.get(id)!) ?? `type${data.atomType.get(id)}`);
  const charges = ids.every((id) => data.atomCharge.has(id)) ? ids.map((id) => data.atomCharge.get(id)!) : undefined;
  let cell = new Float64Array(9);
  const float = (b: Buffer, o: number) => (little ? b.readFloatLE(o) : b.readFloatBE(o));
  const double = (b: Buffer, o: number) => (little ? b.readDoubleLE(o) : b.readDoubleBE(o));
  for (let frame = 1; ; frame++) {
    const where = `frame ${frame}`;
    if (hasCell) {
      const head = await bytes.read(4);
      if (head.length === 0) return;
      if (head.length < 4 || int(head, 0) !== 48)
        throw new InputError('the file ends inside a frame (truncated)', { source: path, field: `${where}: cell`, expected: '48 bytes' });
      const c = await bytes.read(52);
      if (c.length < 52)
        throw new InputError('the file ends inside a frame (truncated)', { source: path, field: `${where}: cell`, expected: '48 bytes' });
      const v = [0, 1, 2, 3, 4, 5].map((k) => double(c, 8 * k));
      const cos = (x: number) => (Math.abs(x) <= 1 ? x : Math.cos((x * Math.PI) / 180));
      cell = cellFromParameters(v[0], v[2], v[5], cos(v[4]), cos(v[3]), cos(v[1]));
    }
    const xyz: Buffer[] = [];
    for (const axis of ['x', 'y', 'z']) {
      if (!hasCell && axis === 'x') {
        const head = await bytes.read(1);
        if (head.length === 0) return;
        throw new InputError('a DCD without unit cell has no periodic box', {
          source: path,
          field: `${where}: cell`,
          expected: 'a DCD written with the unit cell (LAMMPS dump dcd writes it)',
        });
      }
      xyz.push(await record(`${where}: ${axis}`, 4 * n));
    }
    const positions = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) positions[3 * i + c] = float(xyz[c], 4 * i);
    yield {
      positions_A: positions,
      cell_A: cell,
      unwrapped: false,
      elements,
      step: istart + (frame - 1) * nsavc,
      ...(charges ? { charges } : {}),
    };
  }
}
