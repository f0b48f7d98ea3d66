/**
 * Scribner ZPlot/ZView `.z` ASCII files ("ZPLOT2 ASCII"): a header of `Key: value` lines up to
 * `End Comments`, the column titles on the line before it (Freq(Hz), Ampl, Bias, Time(Sec),
 * Z'(a), Z''(b), GD, Err, Range), then one row per frequency. ZPlot stores Z″ with its sign
 * (negative for a capacitive response), so it is taken as is. A file without the header (the
 * "noComments" variant) is read with ZPlot's fixed column order.
 */
import { InputError } from '@relaxlab/core';
import type { ImpedanceSpectrum } from '@relaxlab/core';
import { makeSpectrum, numberedLines, parseNumber } from './common';

/** ZPlot's fixed column order: frequency first, Z′ and Z″ fifth and sixth. */
const DEFAULT_COLUMNS = { f: 0, re: 4, im: 5 };

export function parseZPlotText(text: string, source: string, sha256?: string): ImpedanceSpectrum {
  const lines = numberedLines(text);
  const end = lines.findIndex((l) => /^\s*End Comments/i.test(l.text));
  const columns = { ...DEFAULT_COLUMNS };
  const warnings: string[] = [];
  let declared: number | undefined;
  if (end >= 0) {
    const titles = lines[end - 1]?.text.split('\t').map((t) => t.trim()) ?? [];
    const find = (test: (t: string) => boolean) => titles.findIndex(test);
    const f = find((t) => /^freq/i.test(t));
    const re = find((t) => /^Z'(\(|$)/.test(t) || /^Z'\s*\(a\)/.test(t));
    const im = find((t) => /^Z''/.test(t));
    if (f >= 0 && re >= 0 && im >= 0) Object.assign(columns, { f, re, im });
    else
      warnings.push(`column titles not recognised on line ${end}: using ZPlot's fixed order (frequency, Z′ and Z″ in columns 1, 5 and 6)`);
    const count = lines.slice(0, end).find((l) => /^\s*Data Points:/i.test(l.text));
    if (count) declared = Number(count.text.split(':')[1]);
  }
  const data = lines.slice(end + 1).filter((l) => l.text.trim() !== '');
  const need = Math.max(columns.f, columns.re, columns.im) + 1;
  const frequency_Hz: number[] = [];
  const zReal_ohm: number[] = [];
  const zImagStored_ohm: number[] = [];
  const rowLines: number[] = [];
  for (const l of data) {
    const cells = l.text.trim().split(/\s+/);
    if (cells.length < need) {
      throw new InputError('row has too few columns', {
        source,
        field: `line ${l.line}`,
        expected: `at least ${need} columns (Freq, ..., Z', Z'')`,
        found: `${cells.length}`,
      });
    }
    frequency_Hz.push(parseNumber(cells[columns.f], { source, line: l.line, column: 'Freq(Hz)' }));
    zReal_ohm.push(parseNumber(cells[columns.re], { source, line: l.line, column: "Z'(a)" }));
    zImagStored_ohm.push(parseNumber(cells[columns.im], { source, line: l.line, column: "Z''(b)" }));
    rowLines.push(l.line);
  }
  if (declared !== undefined && Number.isFinite(declared) && declared !== frequency_Hz.length) {
    if (frequency_Hz.length < declared) {
      throw new InputError('fewer rows than the header declares: the file looks truncated', {
        source,
        field: 'Data Points',
        expected: `${declared} rows`,
        found: `${frequency_Hz.length}`,
      });
    }
    warnings.push(`the header declares ${declared} data points but ${frequency_Hz.length} rows follow: all rows were read`);
  }
  return makeSpectrum({
    source,
    sha256,
    format: 'zplot',
    imagStoredAs: 'Z″',
    frequency_Hz,
    zReal_ohm,
    zImagStored_ohm,
    lines: rowLines,
    warnings,
  });
}

export function isZPlotText(text: string): boolean {
  // line by line: /^\s*End Comments/im over the whole text was quadratic in long runs of blanks
  return /^\s*ZPLOT/i.test(text) || text.split(/\r\n|\r|\n/).some((line) => /^End Comments/i.test(line.trimStart()));
}
