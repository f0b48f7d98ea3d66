/**
 * VASP XDATCAR (VASP wiki, "XDATCAR"): a POSCAR-like header (comment, scale, three lattice vectors,
 * species names (VASP 5), counts), then per frame "Direct configuration= k" (or "Cartesian …")
 * and one line per atom. A variable-cell run (ISIF ≥ 3) repeats the header before every frame.
 * The scale multiplies the lattice (a negative scale is the cell volume in Å³). Direct
 * coordinates are fractional, r = f·H; positions are wrapped into the cell. The file gives no
 * time step: frames are POTIM × NBLOCK fs apart (options timestep_fs and stride).
 */
import { InputError } from '@relaxlab/core';
import { LineReader, numbersOf } from './stream';
import type { ReadFrame } from './types';

interface Header {
  cell: Float64Array;
  elements: string[];
  /** The scale of the lattice, also applied to Cartesian coordinates. */
  factor: number;
}

async function readHeader(r: LineReader, first: string, frame: number): Promise<Header> {
  const where = `frame ${frame}: header`;
  void first; // the comment line
  const path = r.path;
  const [scale] = numbersOf(await r.need(where, 'the scale factor'), 1, path, `${where} (line ${r.line}, scale)`);
  const rows: number[] = [];
  for (let k = 0; k < 3; k++)
    rows.push(...numbersOf(await r.need(where, 'a lattice vector'), 3, path, `${where} (line ${r.line}, lattice vector)`));
  let names = (await r.need(where, 'species names')).trim().split(/\s+/);
  let countsLine: string;
  if (names.every((t) => /^\d+$/.test(t))) {
    countsLine = names.join(' ');
    names = names.map((_, k) => `type${k + 1}`); // VASP 4: no names line
  } else {
    countsLine = await r.need(where, 'atom counts');
  }
  const counts = countsLine.trim().split(/\s+/).map(Number);
  if (counts.length !== names.length || !counts.every((c) => Number.isInteger(c) && c >= 0)) {
    throw new InputError('species and counts do not match', {
      source: path,
      field: `${where} (line ${r.line})`,
      expected: `${names.length} atom counts for ${names.join(' ')}`,
      found: JSON.stringify(countsLine.trim()),
    });
  }
  let factor = scale;
  if (scale < 0) {
    const det = Math.abs(
      rows[0] * (rows[4] * rows[8] - rows[5] * rows[7]) -
        rows[1] * (rows[3] * rows[8] - rows[5] * rows[6]) +
        rows[2] * (rows[3] * rows[7] - rows[4] * rows[6]),
    );
    factor = Math.cbrt(-scale / det);
  }
  const elements = names.flatMap((n, k) => Array<string>(counts[k]).fill(n));
  return { cell: Float64Array.from(rows, (v) => v * factor), elements, factor };
}

export async function* readXdatcar(r: LineReader): AsyncGenerator<ReadFrame> {
  const path = r.path;
  const firstLine = await r.next();
  if (firstLine === null) throw new InputError('empty file', { source: path, field: 'file', expected: 'a VASP XDATCAR' });
  let header = await readHeader(r, firstLine, 1);
  let frame = 0;
  for (;;) {
    let line = await r.next();
    while (line !== null && line.trim() === '') line = await r.next();
    if (line === null) return;
    frame++;
    if (!/^\s*(direct|cartesian)/i.test(line)) {
      // a variable-cell run: a new header before the frame
      header = await readHeader(r, line, frame);
      line = await r.need(`frame ${frame}`, '"Direct configuration=" after the header');
    }
    const cartesian = /^\s*cartesian/i.test(line);
    const n = header.elements.length;
    const H = header.cell;
    const positions = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const l = r.buffered() ?? (await r.need(`frame ${frame}`, `${n} atoms (found ${i})`));
      if (/^\s*(direct|cartesian)/i.test(l)) {
        throw new InputError('the frame is truncated', {
          source: path,
          field: `frame ${frame}`,
          expected: `${n} atoms`,
          found: `${i} atoms before line ${r.line}`,
        });
      }
      const f = r.numbers(l, 3, `frame ${frame}: atom ${i + 1} (line ${r.line})`);
      if (cartesian) positions.set([f[0] * header.factor, f[1] * header.factor, f[2] * header.factor], 3 * i);
      else for (let c = 0; c < 3; c++) positions[3 * i + c] = f[0] * H[c] + f[1] * H[3 + c] + f[2] * H[6 + c];
    }
    yield { positions_A: positions, cell_A: H, unwrapped: false, elements: header.elements };
  }
}
