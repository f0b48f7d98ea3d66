/**
 * Bruker parameter files (acqus, acqu2s, procs, proc2s): JCAMP-DX "##$NAME= value" records.
 * Arrays such as `##$D= (0..63)` followed by their 64 values are expanded into D0, D1, ..., so
 * `number('D', 20)` is the d20 delay.
 *
 * Read by the parser below, not jcampconverter: on hostile files the library crashed
 * (`##END=` as the first record: "Cannot read properties of undefined (reading 'children')"),
 * expanded a declared `(0..100000000)` into 10⁸ keys whatever the file held (1.2 GB after 60 s),
 * and strips `$$` comments with /\s*\$\$.* /, quadratic in a line of blanks. This one is one pass
 * over the lines, keeps only the values a record actually holds (a shorter array than declared is
 * an InputError), and cannot allocate more than the text it reads.
 */
import { InputError } from '@relaxlab/core';
import { readSourceFile } from '../fileSource';
import type { InputFile } from '../types';

export class BrukerParameters {
  constructor(
    /** File the parameters came from; named in errors. */
    readonly source: string,
    private readonly values: Readonly<Record<string, unknown>>,
  ) {}

  has(name: string, index?: number): boolean {
    return this.raw(name, index) !== undefined;
  }

  private raw(name: string, index?: number): unknown {
    const key = index === undefined ? name : `${name}${index}`;
    return Object.prototype.hasOwnProperty.call(this.values, key) ? this.values[key] : undefined;
  }

  /** A numeric parameter; undefined when absent. */
  optionalNumber(name: string, index?: number): number | undefined {
    const v = this.raw(name, index);
    if (v === undefined) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a parsed JCAMP-DX value: text or number
    const text = String(v).trim();
    const n = typeof v === 'number' ? v : text === '' ? NaN : Number(text);
    if (!Number.isFinite(n)) {
      throw new InputError('not a number', {
        source: this.source,
        field: fieldName(name, index),
        expected: 'a finite number',
        found: JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text),
      });
    }
    return n;
  }

  /** A numeric parameter that must be present. */
  number(name: string, index?: number): number {
    const n = this.optionalNumber(name, index);
    if (n === undefined) {
      throw new InputError('missing parameter', {
        source: this.source,
        field: fieldName(name, index),
        expected: `a "##$${name}=" record`,
        found: 'none',
      });
    }
    return n;
  }

  /** A text parameter without TopSpin's angle brackets (`<satrect1nodec>` → 'satrect1nodec'). */
  text(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a parsed JCAMP-DX value: text or number
    const t = String(v).trim();
    return t.length >= 2 && t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t;
  }
}

function fieldName(name: string, index: number | undefined): string {
  return index === undefined ? name : `${name}[${index}]`;
}

/** `(0..63)`: the index range of an array record. */
const ARRAY_RANGE = /^\((\d{1,9})\.\.(\d{1,9})\)$/;

/** The value of a record without a trailing `$$` comment (searched, not matched: linear). */
function withoutComment(text: string): string {
  const at = text.indexOf('$$');
  return (at === -1 ? text : text.slice(0, at)).trim();
}

/** The entries of an array record: `<text with blanks>` kept whole, else split at blanks, commas or semicolons. */
function arrayEntries(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  const isSeparator = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === ';';
  while (i < n) {
    while (i < n && isSeparator(text[i])) i++;
    if (i >= n) break;
    let end: number;
    if (text[i] === '<') {
      const close = text.indexOf('>', i + 1);
      end = close === -1 ? n : close + 1;
    } else {
      end = i;
      while (end < n && !isSeparator(text[end])) end++;
    }
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** A scalar value: a number when the whole text is one, else the text. */
function scalar(text: string): string | number {
  const n = text === '' ? NaN : Number(text);
  return Number.isFinite(n) && !/^0x/i.test(text) ? n : text;
}

/** Parse the text of a Bruker parameter file. */
export function parseBrukerParameters(text: string, source: string): BrukerParameters {
  const meta: Record<string, string | number> = Object.create(null) as Record<string, string | number>;
  const records: { name: string; lines: string[]; lineNo: number }[] = [];
  let current: { name: string; lines: string[]; lineNo: number } | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('##')) {
      current = undefined;
      const eq = line.indexOf('=');
      if (eq === -1) continue;
      const label = line.slice(2, eq).trim();
      if (!label.startsWith('$') || label.length < 2) continue;
      current = { name: label.slice(1), lines: [line.slice(eq + 1)], lineNo: i + 1 };
      records.push(current);
    } else if (current && !line.startsWith('$$')) {
      current.lines.push(line);
    }
  }
  for (const record of records) {
    const first = withoutComment(record.lines[0]);
    const range = ARRAY_RANGE.exec(first);
    if (!range) {
      const value = [first, ...record.lines.slice(1).map(withoutComment)].filter((l) => l !== '').join('\n');
      meta[record.name] = scalar(value);
      continue;
    }
    const from = Number(range[1]);
    const to = Number(range[2]);
    const entries = arrayEntries(record.lines.slice(1).map(withoutComment).join(' '));
    if (to < from || entries.length < to - from + 1) {
      throw new InputError('array shorter than declared', {
        source,
        field: `${record.name} (line ${record.lineNo})`,
        expected: `${to - from + 1} values for the declared range ${first}`,
        found: `${to < from ? 'a descending range' : `${entries.length} values`}`,
      });
    }
    meta[record.name] = first;
    for (let k = from; k <= to; k++) meta[`${record.name}${k}`] = scalar(entries[k - from]);
  }
  if (Object.keys(meta).length === 0) {
    throw new InputError('not a Bruker parameter file', {
      source,
      field: 'file',
      expected: 'JCAMP-DX parameter records such as "##$TD= 10000"',
      found: text.trim() === '' ? 'an empty file' : 'no "##$NAME=" records',
    });
  }
  return new BrukerParameters(source, meta);
}

/** Read a parameter file; the file and its hash are added to `inputs`. */
export function readBrukerParameters(path: string, inputs: InputFile[]): BrukerParameters {
  const file = readSourceFile(path);
  inputs.push({ file: path, sha256: file.sha256 });
  return parseBrukerParameters(file.text, path);
}
