/**
 * Extended XYZ (ASE / QUIP convention): per frame a line with the atom count, a comment line of
 * key=value pairs with Lattice="ax ay az bx by bz cx cy cz" and Properties=name:type:columns:…
 * (default species:S:1:pos:R:3), then one line per atom. Cartesian positions in Å; the cell is
 * required (no periodic box, no unwrapping). Charges from a `charge`/`charges` column when present.
 * Times in the comment are in the writer's units (ASE's are not fs), so the frame interval comes
 * from the options.
 */
import { InputError } from '@relaxlab/core';
import { LineReader, numbersOf } from './stream';
import type { ReadFrame } from './types';

const isKeyStart = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
const isKeyChar = (c: string): boolean => isKeyStart(c) || (c >= '0' && c <= '9') || c === '-';
const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * key=value and key="quoted value" pairs of an extended-XYZ comment line, in one pass (linear in
 * the line's length: a regex /([A-Za-z_][\w-]*)\s*=.../g rescans a run of word characters from
 * every start, quadratic on a long line without '=').
 */
function keyValues(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const n = line.length;
  let i = 0;
  while (i < n) {
    if (!isKeyStart(line[i])) {
      i++;
      continue;
    }
    const keyStart = i;
    while (i < n && isKeyChar(line[i])) i++;
    const key = line.slice(keyStart, i);
    let j = i;
    while (j < n && isBlank(line[j])) j++;
    if (line[j] !== '=') continue; // not a pair: go on after the word
    j++;
    while (j < n && isBlank(line[j])) j++;
    const close = line[j] === '"' ? line.indexOf('"', j + 1) : -1;
    if (close >= 0) {
      out.set(key.toLowerCase(), line.slice(j + 1, close));
      i = close + 1;
    } else {
      // a bare value, or an unclosed quote taken as one (as ASE's reader does)
      const valueStart = j;
      while (j < n && !isBlank(line[j])) j++;
      if (j > valueStart) out.set(key.toLowerCase(), line.slice(valueStart, j));
      i = j;
    }
  }
  return out;
}

interface Columns {
  species: number;
  pos: number;
  charge: number;
  width: number;
}

function columnsOf(spec: string | undefined, path: string, where: string): Columns {
  const parts = (spec ?? 'species:S:1:pos:R:3').split(':');
  const cols: Columns = { species: -1, pos: -1, charge: -1, width: 0 };
  for (let k = 0; k + 2 < parts.length; k += 3) {
    const name = parts[k].toLowerCase();
    const n = Number(parts[k + 2]);
    if (name === 'species') cols.species = cols.width;
    else if (name === 'pos') cols.pos = cols.width;
    else if (name === 'charge' || name === 'charges' || name === 'initial_charges') cols.charge = cols.width;
    cols.width += n;
  }
  if (cols.species < 0 || cols.pos < 0) {
    throw new InputError('Properties lacks species or pos', {
      source: path,
      field: `${where}: Properties`,
      expected: 'species:S:1:pos:R:3',
      found: spec,
    });
  }
  return cols;
}

export async function* readExtxyz(r: LineReader): AsyncGenerator<ReadFrame> {
  const path = r.path;
  let frame = 0;
  for (;;) {
    let countLine = await r.next();
    while (countLine !== null && countLine.trim() === '') countLine = await r.next();
    if (countLine === null) {
      if (frame === 0) throw new InputError('empty file', { source: path, field: 'file', expected: 'an extended XYZ trajectory' });
      return;
    }
    frame++;
    const where = `frame ${frame}`;
    const n = Number(countLine.trim());
    if (!Number.isInteger(n) || n <= 0)
      throw new InputError('not an atom count', {
        source: path,
        field: `${where} (line ${r.line})`,
        expected: 'the number of atoms',
        found: JSON.stringify(countLine.trim()),
      });
    const info = keyValues(await r.need(where, 'the comment line with Lattice="…"'));
    const lattice = info.get('lattice');
    if (lattice === undefined)
      throw new InputError('no cell', {
        source: path,
        field: `${where}: Lattice`,
        expected: 'Lattice="ax ay az bx by bz cx cy cz" (a periodic box)',
      });
    const cell = Float64Array.from(numbersOf(lattice, 9, path, `${where}: Lattice`));
    const cols = columnsOf(info.get('properties'), path, where);
    const positions = new Float64Array(3 * n);
    const elements = new Array<string>(n);
    const charges = cols.charge >= 0 ? new Array<number>(n) : undefined;
    for (let i = 0; i < n; i++) {
      const l = r.buffered() ?? (await r.need(where, `${n} atoms (found ${i})`));
      const t = l.trim().split(/\s+/);
      if (t.length < cols.width)
        throw new InputError(r.last ? 'the file ends inside a frame (truncated)' : 'too few columns', {
          source: path,
          field: `${where}: atom ${i + 1} (line ${r.line})`,
          expected: `${cols.width} columns`,
          found: JSON.stringify(l.trim()),
        });
      elements[i] = t[cols.species];
      for (let c = 0; c < 3; c++) {
        const v = Number(t[cols.pos + c]);
        if (!Number.isFinite(v))
          throw new InputError(r.last ? 'the file ends inside a frame (truncated)' : 'not a number', {
            source: path,
            field: `${where}: atom ${i + 1} (line ${r.line})`,
            expected: 'x y z in Å',
            found: JSON.stringify(l.trim()),
          });
        positions[3 * i + c] = v;
      }
      if (charges) charges[i] = Number(t[cols.charge]);
    }
    yield { positions_A: positions, cell_A: cell, unwrapped: false, elements, ...(charges ? { charges } : {}) };
  }
}
