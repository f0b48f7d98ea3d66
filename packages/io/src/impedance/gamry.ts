/**
 * Gamry Framework `.DTA` files: tab-separated `KEY<TAB>TYPE<TAB>value...` header lines, then
 * tables. The impedance is the `ZCURVE<TAB>TABLE` block: a title row (Pt, Time, Freq, Zreal,
 * Zimag, ...), a units row (#, s, Hz, ohm, ohm, ...) and one tab-indented row per frequency until
 * the next header key. Gamry stores Z″ with its sign (negative for a capacitive response), so it
 * is taken as is. A sweep stopped early (`EXPERIMENTABORTED`) keeps the rows measured so far, with
 * a warning.
 */
import { InputError } from '@relaxlab/core';
import type { ImpedanceSpectrum } from '@relaxlab/core';
import { hertzFactor, makeSpectrum, numberedLines, ohmFactor, parseNumber } from './common';

export function parseGamryDtaText(text: string, source: string, sha256?: string): ImpedanceSpectrum {
  const lines = numberedLines(text);
  const start = lines.findIndex((l) => /^ZCURVE\tTABLE/.test(l.text));
  if (start < 0) {
    throw new InputError('no impedance table', {
      source,
      field: 'ZCURVE',
      expected: 'a "ZCURVE<TAB>TABLE" block (a Gamry EIS file)',
      found: 'none',
    });
  }
  const titles = (lines[start + 1]?.text ?? '').split('\t').map((t) => t.trim());
  const units = (lines[start + 2]?.text ?? '').split('\t').map((t) => t.trim());
  const col = (name: string) => {
    const k = titles.indexOf(name);
    if (k < 0)
      throw new InputError(`no ${name} column in ZCURVE`, {
        source,
        field: `line ${start + 2}`,
        expected: `a column titled ${name}`,
        found: titles.filter(Boolean).join(', '),
      });
    return k;
  };
  const fCol = col('Freq');
  const reCol = col('Zreal');
  const imCol = col('Zimag');
  const fFactor = hertzFactor(units[fCol], 'Freq', source);
  const reFactor = ohmFactor(units[reCol], 'Zreal', source);
  const imFactor = ohmFactor(units[imCol], 'Zimag', source);
  const frequency_Hz: number[] = [];
  const zReal_ohm: number[] = [];
  const zImagStored_ohm: number[] = [];
  const rowLines: number[] = [];
  for (const l of lines.slice(start + 3)) {
    // rows are indented by a tab; the next header key (or the end) closes the table
    if (!/^\s/.test(l.text) || l.text.trim() === '') break;
    const cells = l.text.split('\t');
    const at = (column: string) => ({ source, line: l.line, column });
    frequency_Hz.push(parseNumber(cells[fCol] ?? '', at('Freq')) * fFactor);
    zReal_ohm.push(parseNumber(cells[reCol] ?? '', at('Zreal')) * reFactor);
    zImagStored_ohm.push(parseNumber(cells[imCol] ?? '', at('Zimag')) * imFactor);
    rowLines.push(l.line);
  }
  const warnings = /^EXPERIMENTABORTED/m.test(text)
    ? ['the experiment was aborted (EXPERIMENTABORTED): the spectrum holds the frequencies measured before that']
    : [];
  return makeSpectrum({
    source,
    sha256,
    format: 'gamry-dta',
    imagStoredAs: 'Z″',
    frequency_Hz,
    zReal_ohm,
    zImagStored_ohm,
    lines: rowLines,
    warnings,
  });
}

export function isGamryText(text: string): boolean {
  return /^EXPLAIN/.test(text.trimStart()) || /^ZCURVE\tTABLE/m.test(text);
}
