/**
 * Impedance as a CSV/TSV/whitespace table: frequency, Z′ and Z″ columns with units in the
 * headers, and `# key: value` metadata lines on top (as the other RelaxLab tables):
 *
 *   # temperature: 25 °C          (or # temperature_K: 298.15)
 *   # thickness_cm: 0.1
 *   # area_cm2: 0.785
 *   f (Hz), Z' (Ohm), -Z'' (Ohm)
 *
 * Columns are recognised by name: frequency `f`, `freq`, `frequency`; Z′ `Z'`, `Z′`, `Zre`,
 * `Zreal`, `Re(Z)`; Z″ `Z''`, `Z″`, `Zim`, `Zimag`, `Im(Z)`. A Z″ header with a leading minus
 * (`-Z''`, `-Im(Z)`) says the file stores −Z″, which is negated on reading.
 */
import { InputError } from '@relaxlab/core';
import type { ImpedanceSpectrum, PelletGeometry } from '@relaxlab/core';
import { detectDelimiter, metadataLine, splitHeader } from '../delimited/parse';
import { hertzFactor, makeSpectrum, numberedLines, ohmFactor, parseNumber } from './common';

const FREQUENCY = ['f', 'freq', 'frequency', 'nu', 'ν'];
const REAL = ["z'", 'z′', 'zre', 'z_re', 'zreal', 'z_real', 're(z)', 'real(z)', 'rez'];
const IMAG = ["z''", 'z″', 'z"', 'zim', 'z_im', 'zimag', 'z_imag', 'im(z)', 'imag(z)', 'imz'];

/** Header cells of a whitespace-separated line keep a spaced unit with its name: `Z' (Ohm)`. */
const WHITESPACE_CELL = /[^\s()[\]]+(?:\s*(?:\([^)]*\)|\[[^\]]*\]))?/g;

const normalise = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '');

export function parseImpedanceCsvText(text: string, source: string, sha256?: string): ImpedanceSpectrum {
  const lines = numberedLines(text);
  const metadata: Record<string, { value: string; line: number }> = {};
  const content: { line: number; text: string }[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (t === '') continue;
    if (t.startsWith('#')) {
      const m = metadataLine(t);
      if (m && content.length === 0) metadata[m[0].toLowerCase()] = { value: m[1], line: l.line };
      continue;
    }
    content.push({ line: l.line, text: t });
  }
  if (content.length < 2) {
    throw new InputError('no data', {
      source,
      field: 'data',
      expected: 'a header line (f, Z′, Z″ with units) and data rows',
      found: `${content.length} line(s)`,
    });
  }
  const delimiter = detectDelimiter(content[0].text);
  const split = (t: string, header: boolean) =>
    delimiter === 'whitespace'
      ? header
        ? (t.match(WHITESPACE_CELL) ?? [])
        : t.split(/\s+/)
      : t.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const headers = split(content[0].text, true);
  const known = [...FREQUENCY, ...REAL, ...IMAG];
  const parsed = headers.map((h) => {
    // "Re(Z)" is a name, not the name "Re" with the unit "Z"
    const whole = h.trim();
    const { name, unit } = known.includes(normalise(whole.replace(/^[-−]/, ''))) ? { name: whole, unit: undefined } : splitHeader(h);
    const negated = /^[-−]/.test(name.trim());
    return { header: h, name: normalise(negated ? name.trim().slice(1) : name), unit, negated };
  });
  const pick = (names: string[], what: string) => {
    const k = parsed.findIndex((p) => names.includes(p.name));
    if (k < 0) {
      throw new InputError(`no ${what} column`, {
        source,
        field: `line ${content[0].line}`,
        expected: `a column named ${names.slice(0, 4).join(', ')} ...`,
        found: headers.join(', '),
      });
    }
    return k;
  };
  const fCol = pick(FREQUENCY, 'frequency');
  const reCol = pick(REAL, 'Z′');
  const imCol = pick(IMAG, 'Z″');
  if (parsed[reCol].negated) {
    throw new InputError('a negated real part is not an impedance column', {
      source,
      field: headers[reCol],
      expected: "Z' (Ohm)",
      found: headers[reCol],
    });
  }
  const fFactor = hertzFactor(parsed[fCol].unit, headers[fCol], source);
  const reFactor = ohmFactor(parsed[reCol].unit, headers[reCol], source);
  const imFactor = ohmFactor(parsed[imCol].unit, headers[imCol], source);

  const frequency_Hz: number[] = [];
  const zReal_ohm: number[] = [];
  const zImagStored_ohm: number[] = [];
  const rowLines: number[] = [];
  for (const row of content.slice(1)) {
    const cells = split(row.text, false);
    if (cells.length !== headers.length) {
      throw new InputError('ragged row', {
        source,
        field: `line ${row.line}`,
        expected: `${headers.length} cells like the header on line ${content[0].line}`,
        found: `${cells.length} cells`,
      });
    }
    const at = (k: number) => ({ source, line: row.line, column: headers[k] });
    frequency_Hz.push(parseNumber(cells[fCol], at(fCol)) * fFactor);
    zReal_ohm.push(parseNumber(cells[reCol], at(reCol)) * reFactor);
    zImagStored_ohm.push(parseNumber(cells[imCol], at(imCol)) * imFactor);
    rowLines.push(row.line);
  }
  const temperature_K = metadataTemperature(metadata, source);
  const geometry = metadataGeometry(metadata, source);
  return makeSpectrum({
    source,
    sha256,
    format: 'csv',
    imagStoredAs: parsed[imCol].negated ? '−Z″' : 'Z″',
    frequency_Hz,
    zReal_ohm,
    zImagStored_ohm,
    lines: rowLines,
    ...(temperature_K !== undefined && { temperature_K }),
    ...(geometry && { geometry }),
  });
}

function metadataNumber(metadata: Record<string, { value: string; line: number }>, key: string, source: string): number | undefined {
  const entry = metadata[key];
  if (!entry) return undefined;
  return parseNumber(entry.value, { source, line: entry.line, column: `# ${key}` });
}

/** `# temperature_K: 300`, or `# temperature: 25 °C` / `300 K` (a bare number is kelvin). */
function metadataTemperature(metadata: Record<string, { value: string; line: number }>, source: string): number | undefined {
  const kelvin = metadataNumber(metadata, 'temperature_k', source);
  if (kelvin !== undefined) return kelvin;
  const entry = metadata.temperature;
  if (!entry) return undefined;
  const m = /^([-+]?[\d.,]+(?:[eE][-+]?\d+)?)\s*(K|°C|℃|C|degC)?$/.exec(entry.value.trim());
  if (!m) {
    throw new InputError('not a temperature', {
      source,
      field: `line ${entry.line} (# temperature)`,
      expected: 'a number with K or °C, e.g. "25 °C"',
      found: JSON.stringify(entry.value),
    });
  }
  const v = parseNumber(m[1], { source, line: entry.line, column: '# temperature' });
  return m[2] && m[2] !== 'K' ? v + 273.15 : v;
}

function metadataGeometry(metadata: Record<string, { value: string; line: number }>, source: string): PelletGeometry | undefined {
  const thickness_cm = metadataNumber(metadata, 'thickness_cm', source);
  const area_cm2 = metadataNumber(metadata, 'area_cm2', source);
  return thickness_cm !== undefined && area_cm2 !== undefined ? { thickness_cm, area_cm2 } : undefined;
}
