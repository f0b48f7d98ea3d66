/**
 * Shared pieces of the impedance readers: number cells (with the decimal comma that European
 * instrument PCs write), the impedance and frequency units of column headers, and assembling a
 * checked ImpedanceSpectrum (sign convention: see @relaxlab/core impedance/types.ts — zImag_ohm
 * is Z″ itself, negative for a capacitive response).
 */
import { InputError, RESULT_SCHEMA } from '@relaxlab/core';
import type { ImpedanceFileFormat, ImpedanceSpectrum, PelletGeometry } from '@relaxlab/core';
import { DECIMAL } from '../decimal';

/** Where a cell came from, for error messages. */
export interface CellAt {
  source: string;
  /** 1-based line number. */
  line: number;
  column: string;
}

/** A number as written; "1,5E-3" is accepted as 1.5e-3 (decimal comma) when the cell has no point. */
export function parseNumber(cell: string, at: CellAt): number {
  const t = cell.trim();
  if (DECIMAL.test(t)) return Number(t);
  const comma = t.includes('.') ? t : t.replace(',', '.');
  if (comma !== t && DECIMAL.test(comma)) return Number(comma);
  throw new InputError('not a number', {
    source: at.source,
    field: `line ${at.line}, column ${at.column}`,
    expected: 'a number such as 12, 0.5 or 2.5E-3',
    found: JSON.stringify(cell),
  });
}

/** Ω per unit of an impedance column header; undefined for anything else. */
const OHM_PER: Record<string, number> = { ohm: 1, Ω: 1, mΩ: 1e-3, mohm: 1e-3, kohm: 1e3, kΩ: 1e3, megohm: 1e6, MΩ: 1e6 };

/** Factor to Ω for an impedance unit ('' = Ω); throws an InputError for a unit that is not one. */
export function ohmFactor(unit: string | undefined, field: string, source: string): number {
  const u = (unit ?? '').trim();
  if (u === '') return 1;
  const f = OHM_PER[u] ?? OHM_PER[u.toLowerCase()] ?? (u === 'MOhm' ? 1e6 : u === 'mOhm' ? 1e-3 : u === 'kOhm' ? 1e3 : undefined);
  if (f === undefined) {
    throw new InputError('unknown impedance unit', { source, field, expected: 'Ohm, Ω, kOhm, kΩ, MOhm or mOhm', found: JSON.stringify(u) });
  }
  return f;
}

const HZ_PER: Record<string, number> = { hz: 1, khz: 1e3, mhz: 1e6 };

/** Factor to Hz for a frequency unit ('' = Hz). "mHz" is millihertz and "MHz" megahertz, as written. */
export function hertzFactor(unit: string | undefined, field: string, source: string): number {
  const u = (unit ?? '').trim();
  if (u === '') return 1;
  if (u === 'mHz') return 1e-3;
  if (u === 'MHz') return 1e6;
  const f = HZ_PER[u.toLowerCase()];
  if (f === undefined)
    throw new InputError('unknown frequency unit', { source, field, expected: 'Hz, kHz, MHz or mHz', found: JSON.stringify(u) });
  return f;
}

export interface SpectrumParts {
  source: string;
  sha256?: string;
  format: ImpedanceFileFormat;
  imagStoredAs: 'Z″' | '−Z″';
  frequency_Hz: number[];
  zReal_ohm: number[];
  /** Z″ as stored in the file (negated here when imagStoredAs is '−Z″'). */
  zImagStored_ohm: number[];
  /** 1-based file line of each row, for error messages. */
  lines: number[];
  temperature_K?: number;
  geometry?: PelletGeometry;
  block?: number;
  warnings?: string[];
}

/** Checks each row (positive frequency, finite values) and builds the ImpedanceSpectrum. */
export function makeSpectrum(parts: SpectrumParts): ImpedanceSpectrum {
  const { source, frequency_Hz: f } = parts;
  if (f.length === 0) {
    throw new InputError('no impedance data', { source, field: 'data', expected: 'rows of frequency, Z′ and Z″', found: 'none' });
  }
  f.forEach((v, i) => {
    if (!(v > 0)) {
      throw new InputError('frequency must be positive', {
        source,
        field: `line ${parts.lines[i]}`,
        expected: 'a frequency > 0 Hz',
        found: String(v),
      });
    }
  });
  const sign = parts.imagStoredAs === '−Z″' ? -1 : 1;
  const spectrum: ImpedanceSpectrum = {
    schema: RESULT_SCHEMA,
    kind: 'ImpedanceSpectrum',
    frequency_Hz: f,
    zReal_ohm: parts.zReal_ohm,
    // 0 − x rather than −x: a stored 0 must not become −0, which JSON cannot round-trip
    zImag_ohm: parts.zImagStored_ohm.map((v) => (sign < 0 ? 0 - v : v)),
    source: {
      file: source,
      ...(parts.sha256 && { sha256: parts.sha256 }),
      format: parts.format,
      imagStoredAs: parts.imagStoredAs,
      ...(parts.block !== undefined && { block: parts.block }),
    },
  };
  if (parts.temperature_K !== undefined) spectrum.temperature_K = parts.temperature_K;
  if (parts.geometry) spectrum.geometry = parts.geometry;
  if (parts.warnings && parts.warnings.length) spectrum.warnings = parts.warnings;
  return spectrum;
}

/** Lines of a text with their 1-based numbers. */
export function numberedLines(text: string): { line: number; text: string }[] {
  return text.split(/\r\n|\r|\n/).map((t, i) => ({ line: i + 1, text: t }));
}
