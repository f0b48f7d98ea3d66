/**
 * Bruker parameter files (acqus, acqu2s, procs, proc2s): JCAMP-DX "##$NAME= value" records, read
 * with jcampconverter. Arrays such as `##$D= (0..63)` are expanded by jcampconverter into D0, D1,
 * ..., so `number('D', 20)` is the d20 delay.
 */
import { convert } from 'jcampconverter';
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
    return this.values[index === undefined ? name : `${name}${index}`];
  }

  /** A numeric parameter; undefined when absent. */
  optionalNumber(name: string, index?: number): number | undefined {
    const v = this.raw(name, index);
    if (v === undefined) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a parsed JCAMP-DX value: text or number
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isFinite(n)) {
      throw new InputError('not a number', {
        source: this.source,
        field: fieldName(name, index),
        expected: 'a number',
        found: JSON.stringify(v),
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
    return String(v)
      .trim()
      .replace(/^<(.*)>$/, '$1');
  }
}

function fieldName(name: string, index: number | undefined): string {
  return index === undefined ? name : `${name}[${index}]`;
}

/** Parse the text of a Bruker parameter file. */
export function parseBrukerParameters(text: string, source: string): BrukerParameters {
  const entry = convert(text, { keepRecordsRegExp: /.*/, withoutXY: true }).flatten[0];
  const meta = (entry?.meta ?? {}) as Record<string, unknown>;
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
