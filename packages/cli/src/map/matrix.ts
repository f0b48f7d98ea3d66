/**
 * The inputs of `relaxlab map`: a matrix of transients (one per row, one column per delay) from a
 * .npy file (any number of leading dimensions — voxels, spectral points — with the delays last) or
 * a CSV/TSV table, and the delays from a comma-separated list or a file.
 */
import { extname } from 'path';
import { InputError } from '@relaxlab/core';
import { parseUnit, readSourceFile } from '@relaxlab/io';
import { readNpy } from './npy';

export interface TransientMatrix {
  format: 'npy' | 'csv';
  /** Shape of the map: the input's shape without its last (delay) axis. */
  mapShape: number[];
  rows: number;
  columns: number;
  /** Row-major values, rows × columns. */
  values: Float64Array | Float32Array;
  sha256?: string;
}

export function readMatrix(path: string): TransientMatrix {
  if (extname(path).toLowerCase() === '.npy') {
    const a = readNpy(path);
    if (a.dtype !== '<f8' && a.dtype !== '<f4') {
      throw new InputError('not a floating-point array', {
        source: path,
        field: 'descr',
        expected: "signals as float64 '<f8' or float32 '<f4'",
        found: a.dtype,
      });
    }
    if (a.shape.length < 2) {
      throw new InputError('not a matrix', {
        source: path,
        field: 'shape',
        expected: '(transients, delays) or (..., delays): two or more dimensions',
        found: `(${a.shape.join(', ')})`,
      });
    }
    const columns = a.shape[a.shape.length - 1];
    const mapShape = a.shape.slice(0, -1);
    return { format: 'npy', mapShape, rows: mapShape.reduce((x, y) => x * y, 1), columns, values: a.data as Float64Array | Float32Array };
  }
  return readCsvMatrix(path);
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^[-+]?(?:nan|inf|infinity)$/i;

/**
 * A delimited table of numbers: `#` lines are comments, the delimiter (comma, tab, semicolon or
 * whitespace) is taken from the first data line, a first line that is not all numbers is a header.
 * NaN / Inf are read (as masked points) and reported by the caller.
 */
function readCsvMatrix(path: string): TransientMatrix {
  const file = readSourceFile(path);
  const lines = file.text.split(/\r\n|\r|\n/);
  let delimiter: RegExp | undefined;
  let columns = -1;
  let rows = 0;
  let values = new Float64Array(1024);
  let headerSeen = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    delimiter ??= line.includes('\t') ? /\t/ : line.includes(';') ? /;/ : line.includes(',') ? /,/ : /\s+/;
    const cells = line.split(delimiter).map((c) => c.trim());
    if (!headerSeen && rows === 0 && !cells.every((c) => NUMBER.test(c))) {
      headerSeen = true;
      return;
    }
    if (columns === -1) columns = cells.length;
    if (cells.length !== columns) {
      throw new InputError('row length differs', {
        source: path,
        field: `line ${i + 1}`,
        expected: `${columns} values (one per delay), as the first row`,
        found: `${cells.length}`,
      });
    }
    if (values.length < (rows + 1) * columns) {
      const grown = new Float64Array(Math.max(values.length * 2, (rows + 1) * columns));
      grown.set(values);
      values = grown;
    }
    for (let j = 0; j < columns; j++) {
      const c = cells[j];
      if (!NUMBER.test(c))
        throw new InputError('not a number', {
          source: path,
          field: `line ${i + 1}, column ${j + 1}`,
          expected: 'a number (NaN marks a masked point)',
          found: JSON.stringify(c),
        });
      values[rows * columns + j] = Number(c.replace(/^([-+]?)inf(inity)?$/i, '$1Infinity'));
    }
    rows++;
  });
  if (rows === 0) throw new InputError('no data rows', { source: path, field: 'data', expected: 'one row of signal values per transient' });
  return { format: 'csv', mapShape: [rows], rows, columns, values: values.subarray(0, rows * columns), sha256: file.sha256 };
}

const SUFFIX_S: Record<string, number> = { n: 1e-9, u: 1e-6, µ: 1e-6, m: 1e-3, s: 1 };

/**
 * text × factor; a power-of-ten factor shifts the decimal exponent instead of multiplying, so that
 * "10u" is exactly the double nearest 1e-5, as a reader of the number expects (10 × 1e-6 is not).
 */
function scaled(text: string, factor: number): number {
  const exponent = Math.round(Math.log10(factor));
  if (Math.pow(10, exponent) !== factor) return Number(text) * factor;
  const [mantissa, e = '0'] = text.toLowerCase().split('e');
  return Number(`${mantissa}e${Number(e) + exponent}`);
}
const ENTRY = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([numµs]?)$/;

/** The text in a line's trailing `(...)`, found by search (the pattern /\(([^)]+)\)\s*$/ was quadratic in a line of '('). */
function trailingParenthesis(line: string): string | undefined {
  const t = line.trimEnd();
  if (!t.endsWith(')')) return undefined;
  const open = t.lastIndexOf('(');
  const inner = open === -1 ? '' : t.slice(open + 1, -1);
  return inner === '' || inner.includes(')') ? undefined : inner;
}

/** Seconds per unit of a bare delay: s, ms, us (µs). */
export function delayUnitFactor(unit: string, field: string): number {
  const spec = parseUnit(unit, { field, hint: 'time' });
  if (spec.siUnit !== 's') throw new InputError('not a time unit', { field, expected: 's, ms or us', found: JSON.stringify(unit) });
  return spec.toSI(1);
}

/**
 * Delays in seconds from `0.001,0.002,...` or a file with one or more per line (commas or
 * whitespace between; `#` comments; an optional header such as "delay (ms)" setting the unit).
 * Each entry may carry a TopSpin suffix n, u, m or s (5u, 10m, as in a vdlist); bare numbers are in
 * `unit` seconds each.
 */
/**
 * The longest delay list read: a relaxation series has tens of delays, a map matrix one column
 * per delay. The bound turns a 1 MB line of 524,288 entries into a typed error after one split
 * instead of half a million parsed delays (0.6–1.3 s on a loaded 2-core machine).
 */
const MAX_DELAYS = 4096;

export function parseDelays(text: string, source: string, secondsPerUnit: number): number[] {
  let factor = secondsPerUnit;
  const delays: number[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#[\s\S]*$/, '').trim();
    if (line === '') return;
    const entries = line
      .split(/[,;\t]|(?<!\s)\s+(?=[-+.\d])/)
      .map((e) => e.trim())
      .filter(Boolean);
    if (delays.length === 0 && !entries.every((e) => ENTRY.test(e))) {
      const unit = trailingParenthesis(line);
      if (unit === undefined)
        throw new InputError('not a delay list', {
          source,
          field: `line ${i + 1}`,
          expected: 'delays (0.001, 5m, 20u) or a header such as "delay (ms)"',
          found: JSON.stringify(line),
        });
      factor = delayUnitFactor(unit, `${source} line ${i + 1}`);
      return;
    }
    if (delays.length + entries.length > MAX_DELAYS) {
      throw new InputError('too many delays', {
        source,
        field: `line ${i + 1}`,
        expected: `at most ${MAX_DELAYS} delays (one per column of the matrix)`,
        found: `${delays.length + entries.length} or more`,
      });
    }
    for (const e of entries) {
      const m = ENTRY.exec(e);
      if (!m)
        throw new InputError('not a delay', {
          source,
          field: `line ${i + 1}`,
          expected: 'a number with an optional suffix n, u, m or s',
          found: JSON.stringify(e),
        });
      delays.push(scaled(m[1], m[2] ? SUFFIX_S[m[2]] : factor));
    }
  });
  if (delays.length === 0) throw new InputError('no delays', { source, field: 'delays', expected: 'one delay per column of the matrix' });
  return delays;
}
