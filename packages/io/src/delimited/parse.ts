/**
 * CSV / TSV / semicolon / whitespace tables with `# key: value` metadata and units in headers:
 *
 *   # experiment: T1-saturation
 *   # larmor_MHz: 67.86
 *   delay (ms), signal
 *   0.005, 0.1834
 */
import { InputError } from '@relaxlab/core';
import { DECIMAL } from '../decimal';
import { parseUnit, Quantity } from '../units';

export interface Column {
  /** Header without its unit, e.g. 'delay'. */
  name: string;
  /** Header as written, e.g. 'delay (ms)'. */
  header: string;
  unit?: string;
  /** Values as written in the file. */
  values: number[];
  /** Values converted to internal units (see units.ts). */
  si: number[];
  /** Unit of `si`: 's', 'K', '1/s', 'Hz', 'S/cm' or '' (dimensionless). */
  siUnit: string;
}

export interface Table {
  source: string;
  /** SHA-256 of the file's bytes when it was read from disk. */
  sha256?: string;
  metadata: Record<string, string>;
  /** False when the file had no header line and the columns were named col1, col2, ... */
  hasHeader: boolean;
  columns: Column[];
}

export type Delimiter = '\t' | ';' | ',' | 'whitespace';

export interface ParseDelimitedOptions {
  /** Where the text came from (file path); named in every error. */
  source: string;
}

interface Line {
  /** 1-based line number in the file. */
  lineNo: number;
  text: string;
}

/**
 * A `# key: value` line → [key, value], trimmed; undefined when it has no key before a colon.
 * Cut at the first colon rather than matched with /^#\s*([^:]+?)\s*:\s*(.*?)\s*$/, whose
 * overlapping lazy groups were cubic in the line's length (`#` + 4,000 blanks: 20 s).
 */
export function metadataLine(line: string): [string, string] | undefined {
  if (!line.startsWith('#')) return undefined;
  const colon = line.indexOf(':');
  if (colon === -1) return undefined;
  const key = line.slice(1, colon).trim();
  return key === '' ? undefined : [key, line.slice(colon + 1).trim()];
}

/** Whitespace-separated header cells keep a spaced unit with its name: `delay (ms)`, `I (arb. units)`. */
const WHITESPACE_HEADER_CELL = /[^\s()[\]]+(?:\s*(?:\([^()]*\)|\[[^[\]]*\]))?|\([^()]*\)|\[[^[\]]*\]/g;

/** Leading `# key: value` lines become metadata; everything else that is not blank is content. */
function splitLines(text: string): { metadata: Record<string, string>; content: Line[] } {
  const metadata: Record<string, string> = {};
  const content: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = content.length === 0 ? metadataLine(line) : undefined;
      if (m) metadata[m[0]] = m[1];
      return;
    }
    content.push({ lineNo: i + 1, text: line });
  });
  return { metadata, content };
}

/** Decided from the first content line: tab, then semicolon, then comma, else runs of whitespace. */
export function detectDelimiter(line: string): Delimiter {
  for (const d of ['\t', ';', ','] as const) if (line.includes(d)) return d;
  return 'whitespace';
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

function splitCells(line: string, delimiter: Delimiter, isHeader: boolean): string[] {
  if (delimiter !== 'whitespace') return line.split(delimiter).map(unquote);
  return isHeader ? (line.match(WHITESPACE_HEADER_CELL) ?? []) : line.split(/\s+/);
}

/** Column names that make an ambiguous unit unambiguous (see ParseUnitOptions.hint). */
function quantityHint(name: string): Quantity | undefined {
  if (/^(t|temp|temperature)(_|$)/i.test(name)) return 'temperature';
  if (/^(r\d|rate)/i.test(name)) return 'rate';
  return undefined;
}

/**
 * A header's trailing `(unit)` or `[unit]` (no brackets inside), split off by searching for the
 * last opening bracket: the pattern /^(.*?)\s*(?:\(([^()]*)\)|\[([^[\]]*)\])$/ was quadratic.
 */
export function splitTrailingUnit(text: string, brackets: '()' | '[]' | 'both' = 'both'): { name: string; unit?: string } {
  const last = text[text.length - 1];
  const pair = last === ')' && brackets !== '[]' ? '()' : last === ']' && brackets !== '()' ? '[]' : undefined;
  if (pair === undefined) return { name: text };
  const open = text.lastIndexOf(pair[0]);
  const inner = open === -1 ? undefined : text.slice(open + 1, -1);
  if (inner === undefined || inner.includes(pair[1]) || open === 0) return { name: text };
  const name = text.slice(0, open).trimEnd();
  return name === '' ? { name: text } : { name, unit: inner.trim() };
}

export function splitHeader(header: string): { name: string; unit?: string } {
  return splitTrailingUnit(header);
}

function parseCell(cell: string, at: { source: string; line: Line; column: number; header: string }): number {
  if (DECIMAL.test(cell)) return Number(cell);
  throw new InputError('not a number', {
    source: at.source,
    field: `line ${at.line.lineNo}, column ${at.column + 1} (${at.header})`,
    expected: 'a number such as 12, 0.5 or 2.5e-3',
    found: JSON.stringify(cell),
  });
}

/**
 * The widest table read here. Transient, rate, line-width, Arrhenius and impedance tables have a
 * handful of columns; a bound lets a 1 MB line of 262,144 numbers end in a typed error after one
 * split (≈ 0.1 s) instead of building a column per cell (1.0 s, mostly garbage collection).
 */
const MAX_COLUMNS = 1024;

export function parseDelimitedText(text: string, options: ParseDelimitedOptions): Table {
  const { source } = options;
  const { metadata, content } = splitLines(text);
  if (content.length === 0) {
    throw new InputError('no data', { source, field: 'data', expected: 'a header line and data rows', found: 'an empty file' });
  }
  const delimiter = detectDelimiter(content[0].text);
  const firstCells = splitCells(content[0].text, delimiter, true);
  if (firstCells.length > MAX_COLUMNS) {
    throw new InputError('too many columns for a table of this kind', {
      source,
      field: `line ${content[0].lineNo}`,
      expected: `at most ${MAX_COLUMNS} columns (a T1 matrix with one column per delay is read by relaxlab map)`,
      found: `${firstCells.length} cells`,
    });
  }
  const hasHeader = !firstCells.every((c) => DECIMAL.test(c));
  const headers = hasHeader ? firstCells : firstCells.map((_, i) => `col${i + 1}`);
  const rows = hasHeader ? content.slice(1) : content;
  if (rows.length === 0) {
    throw new InputError('no data', { source, field: 'data', expected: 'at least one data row after the header', found: 'a header only' });
  }
  headers.forEach((h, i) => {
    if (h === '') {
      throw new InputError('empty column header', {
        source,
        field: `line ${content[0].lineNo}, column ${i + 1}`,
        expected: 'a column name',
      });
    }
  });

  const values: number[][] = headers.map(() => []);
  for (const line of rows) {
    const cells = splitCells(line.text, delimiter, false);
    if (cells.length !== headers.length) {
      throw new InputError('ragged row', {
        source,
        field: `line ${line.lineNo}`,
        expected: `${headers.length} cells like the ${hasHeader ? 'header' : 'first row'} on line ${content[0].lineNo}`,
        found: `${cells.length} cells`,
      });
    }
    cells.forEach((cell, j) => values[j].push(parseCell(cell, { source, line, column: j, header: headers[j] })));
  }

  const columns = headers.map((header, j): Column => {
    const { name, unit } = splitHeader(header);
    const spec = parseUnit(unit, { field: header, source, hint: quantityHint(name) });
    return {
      name,
      header,
      ...(unit !== undefined && { unit }),
      values: values[j],
      si: values[j].map((v) => spec.toSI(v)),
      siUnit: spec.siUnit,
    };
  });
  return { source, metadata, hasHeader, columns };
}
