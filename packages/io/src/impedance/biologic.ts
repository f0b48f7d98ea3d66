/**
 * BioLogic EC-Lab `.mpt` text exports ("EC-Lab ASCII FILE"): `Nb header lines : N` says the
 * column titles are on line N, data follow, tab-separated, with the decimal point or comma of the
 * PC's locale. Columns `freq/Hz`, `Re(Z)/Ohm` and `-Im(Z)/Ohm`: EC-Lab stores −Z″ (positive for a
 * capacitive response), negated here. Several `cycle number`s in one file become one spectrum
 * each.
 *
 * Why not `biologic-converter` (npm, cheminfo, v0.6.0; it does ship a CommonJS build): read
 * against its source, its .mpt path converts every cell with Number(), so a decimal comma becomes
 * NaN and a trailing blank line an extra row (0, NaN, ...), both silently, with no line numbers;
 * its strength is the binary .mpr, which RelaxLab does not need. Three columns of a text table
 * do not justify a dependency with those failure modes.
 */
import { InputError } from '@relaxlab/core';
import type { ImpedanceSpectrum } from '@relaxlab/core';
import { hertzFactor, makeSpectrum, numberedLines, ohmFactor, parseNumber } from './common';

/** `name/unit` as EC-Lab writes titles. */
function splitTitle(title: string): { name: string; unit: string } {
  const k = title.lastIndexOf('/');
  return k < 0 ? { name: title.trim(), unit: '' } : { name: title.slice(0, k).trim(), unit: title.slice(k + 1).trim() };
}

export function parseBioLogicMptText(text: string, source: string, sha256?: string): ImpedanceSpectrum[] {
  const lines = numberedLines(text);
  const m = /Nb header lines\s*:\s*(\d+)/i.exec(text);
  if (!m) {
    throw new InputError('not an EC-Lab text export', {
      source,
      field: 'Nb header lines',
      expected: 'a line "Nb header lines : N" near the top',
      found: 'none',
    });
  }
  const headerLine = Number(m[1]);
  const titles = (lines[headerLine - 1]?.text ?? '').split('\t').map((t) => t.trim());
  const col = (test: (name: string) => boolean, what: string) => {
    const k = titles.findIndex((t) => test(splitTitle(t).name));
    if (k < 0)
      throw new InputError(`no ${what} column`, {
        source,
        field: `line ${headerLine}`,
        expected: `a column titled ${what}`,
        found: titles.filter(Boolean).join(', ') || 'no titles',
      });
    return k;
  };
  const fCol = col((n) => n === 'freq', 'freq/Hz');
  const reCol = col((n) => n === 'Re(Z)', 'Re(Z)/Ohm');
  const imCol = col((n) => n === '-Im(Z)' || n === 'Im(Z)', '-Im(Z)/Ohm');
  const cycleCol = titles.findIndex((t) => t === 'cycle number');
  const imNegated = splitTitle(titles[imCol]).name.startsWith('-');
  const fFactor = hertzFactor(splitTitle(titles[fCol]).unit, titles[fCol], source);
  const reFactor = ohmFactor(splitTitle(titles[reCol]).unit, titles[reCol], source);
  const imFactor = ohmFactor(splitTitle(titles[imCol]).unit, titles[imCol], source);

  const cycles = new Map<number, { f: number[]; re: number[]; im: number[]; lines: number[] }>();
  for (const l of lines.slice(headerLine)) {
    if (l.text.trim() === '') continue;
    const cells = l.text.split('\t');
    if (cells.length < titles.filter(Boolean).length) {
      throw new InputError('row has too few columns', {
        source,
        field: `line ${l.line}`,
        expected: `${titles.filter(Boolean).length} tab-separated columns`,
        found: `${cells.length}`,
      });
    }
    const at = (column: string) => ({ source, line: l.line, column });
    const cycle = cycleCol >= 0 ? parseNumber(cells[cycleCol], at('cycle number')) : 1;
    const c = cycles.get(cycle) ?? { f: [], re: [], im: [], lines: [] };
    c.f.push(parseNumber(cells[fCol], at(titles[fCol])) * fFactor);
    c.re.push(parseNumber(cells[reCol], at(titles[reCol])) * reFactor);
    c.im.push(parseNumber(cells[imCol], at(titles[imCol])) * imFactor);
    c.lines.push(l.line);
    cycles.set(cycle, c);
  }
  const many = cycles.size > 1;
  return [...cycles.entries()].map(([cycle, c]) =>
    makeSpectrum({
      source,
      sha256,
      format: 'biologic-mpt',
      imagStoredAs: imNegated ? '−Z″' : 'Z″',
      frequency_Hz: c.f,
      zReal_ohm: c.re,
      zImagStored_ohm: c.im,
      lines: c.lines,
      ...(many && { block: cycle }),
    }),
  );
}

export function isBioLogicText(text: string): boolean {
  return /^\s*EC-Lab ASCII FILE/.test(text);
}
