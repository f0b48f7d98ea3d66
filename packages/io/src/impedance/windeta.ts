/**
 * Novocontrol WinDETA ASCII exports of broadband dielectric/impedance measurements: one table of
 * tab-separated columns with WinDETA's bracketed units — `Freq. [Hz]`, `Temp. [°C]` (or [K]),
 * `Eps'`, `Eps''`, `Sig' [S/cm]` (or [S/m]), `Zs' [Ohm]`, `Zs'' [Ohm]` — holding one frequency
 * sweep per temperature, stacked. A block ends at a blank line, a repeated title row, or where
 * the frequency jumps back to the start of a sweep. Free-text lines before the first title row
 * may give the geometry: `Thickness [mm]: 1.0`, `Diameter [mm]: 5.0` or `Area [cm2]: 0.196`.
 *
 * Every block must hold the same sweep as the first: a shorter block (an export cut off, a run
 * stopped mid-sweep) is an InputError naming the block and its temperature rather than a silently
 * short isotherm. The block temperature is the mean of its Temp. column.
 *
 * Sign of Zs″: WinDETA writes the imaginary part with the sign convention chosen in the software.
 * With `imagSign: 'auto'` (default) a block whose Zs″ is mostly positive is taken to hold −Z″ —
 * a solid electrolyte between blocking electrodes is capacitive (Z″ ≤ 0) at all frequencies — and
 * a warning says so; pass 'Z″' or '−Z″' to state it.
 */
import { splitTrailingUnit } from '../delimited/parse';
import { InputError, RESULT_SCHEMA } from '@relaxlab/core';
import type { ConductivitySpectrum, ImpedanceSpectrum, PelletGeometry } from '@relaxlab/core';
import { hertzFactor, makeSpectrum, numberedLines, ohmFactor, parseNumber } from './common';

export interface WinDetaOptions {
  imagSign?: 'auto' | 'Z″' | '−Z″';
}

export interface WinDetaData {
  /** One spectrum per temperature block (empty when the export has no Zs′/Zs″ columns). */
  impedance: ImpedanceSpectrum[];
  /** σ′(ν) per block, when the export has a Sig′ column. */
  conductivity: ConductivitySpectrum[];
  geometry?: PelletGeometry;
}

interface Block {
  rows: { line: number; cells: string[] }[];
}

const TITLE = /(?:^|\t)[^\S\t]*Freq\.?\s*\[/i;

/** Column title → name and unit, e.g. "Sig' [S/cm]" → ["Sig'", "S/cm"]. */
function splitTitle(title: string): { name: string; unit: string } {
  const { name, unit } = splitTrailingUnit(title.trim(), '[]');
  return { name: name.trim(), unit: unit ?? '' };
}

export function isWinDetaText(text: string): boolean {
  return text.split(/\r\n|\r|\n/, 60).some((l) => TITLE.test(l) && /\t/.test(l));
}

export function parseWinDetaText(text: string, source: string, sha256?: string, options: WinDetaOptions = {}): WinDetaData {
  const lines = numberedLines(text);
  const titleIndex = lines.findIndex((l) => TITLE.test(l.text));
  if (titleIndex < 0) {
    throw new InputError('no WinDETA title row', {
      source,
      field: 'Freq. [Hz]',
      expected: 'a tab-separated title row with a "Freq. [Hz]" column',
      found: 'none',
    });
  }
  const geometry = preambleGeometry(lines.slice(0, titleIndex), source);
  const titles = lines[titleIndex].text.split('\t').map((t) => t.trim());
  const find = (test: RegExp) => titles.findIndex((t) => test.test(splitTitle(t).name));
  const fCol = find(/^Freq\.?$/i);
  const tCol = find(/^Temp\.?$/i);
  const reCol = find(/^Zs?'$/);
  const imCol = find(/^Zs?''$/);
  const sigCol = find(/^Sig'$/);
  if (fCol < 0) {
    // the title row was found by its "Freq. [" but no column title reads Freq. [unit] (a corrupted byte in it)
    throw new InputError('no frequency column', {
      source,
      field: `line ${titleIndex + 1}`,
      expected: 'a column titled "Freq. [Hz]"',
      found: titles.join(', '),
    });
  }
  if (reCol < 0 !== imCol < 0) {
    throw new InputError('only one of the impedance columns', {
      source,
      field: `line ${titleIndex + 1}`,
      expected: "both Zs' and Zs'' columns",
      found: titles.join(', '),
    });
  }
  if (reCol < 0 && sigCol < 0) {
    throw new InputError('neither impedance nor conductivity columns', {
      source,
      field: `line ${titleIndex + 1}`,
      expected: "Zs' [Ohm] and Zs'' [Ohm], or Sig' [S/cm]",
      found: titles.join(', '),
    });
  }
  const fFactor = hertzFactor(splitTitle(titles[fCol]).unit, titles[fCol], source);
  const tUnit = tCol >= 0 ? splitTitle(titles[tCol]).unit : '';
  const toKelvin = (v: number) => (/^K$/i.test(tUnit) ? v : v + 273.15);
  if (tCol >= 0 && !/^(K|°C|C|deg C|℃)$/i.test(tUnit)) {
    throw new InputError('unknown temperature unit', {
      source,
      field: titles[tCol],
      expected: '[°C] or [K]',
      found: JSON.stringify(tUnit),
    });
  }
  const sigUnit = sigCol >= 0 ? splitTitle(titles[sigCol]).unit : '';
  const sigFactor = sigUnit === 'S/m' ? 1e-2 : sigUnit === 'S/cm' || sigUnit === '' ? 1 : NaN;
  if (sigCol >= 0 && Number.isNaN(sigFactor)) {
    throw new InputError('unknown conductivity unit', {
      source,
      field: titles[sigCol],
      expected: '[S/cm] or [S/m]',
      found: JSON.stringify(sigUnit),
    });
  }
  const reFactor = reCol >= 0 ? ohmFactor(splitTitle(titles[reCol]).unit, titles[reCol], source) : 1;
  const imFactor = imCol >= 0 ? ohmFactor(splitTitle(titles[imCol]).unit, titles[imCol], source) : 1;

  const blocks = splitBlocks(lines.slice(titleIndex + 1), titles.length, fCol, fFactor, source);
  const expected = blocks[0].rows.length;
  const impedance: ImpedanceSpectrum[] = [];
  const conductivity: ConductivitySpectrum[] = [];
  blocks.forEach((block, b) => {
    const at = (line: number, column: string) => ({ source, line, column });
    const num = (row: { line: number; cells: string[] }, k: number) => parseNumber(row.cells[k], at(row.line, titles[k]));
    const temps = tCol >= 0 ? block.rows.map((r) => toKelvin(num(r, tCol))) : [];
    const temperature_K = temps.length ? temps.reduce((a, v) => a + v, 0) / temps.length : undefined;
    if (block.rows.length !== expected) {
      const where = temperature_K !== undefined ? ` (T = ${(temperature_K - 273.15).toFixed(2)} °C)` : '';
      throw new InputError(
        `block ${b + 1}${where} has ${block.rows.length} of the ${expected} frequencies of block 1: the file looks truncated`,
        {
          source,
          field: `lines ${block.rows[0].line}-${block.rows[block.rows.length - 1].line}`,
          expected: `${expected} rows per temperature block`,
          found: `${block.rows.length}`,
        },
      );
    }
    const warnings: string[] = [];
    if (temps.length && Math.max(...temps) - Math.min(...temps) > 1) {
      warnings.push(`temperature drifted by ${(Math.max(...temps) - Math.min(...temps)).toFixed(2)} K during the sweep of block ${b + 1}`);
    }
    const frequency_Hz = block.rows.map((r) => num(r, fCol) * fFactor);
    const lineNumbers = block.rows.map((r) => r.line);
    if (reCol >= 0) {
      const zImagStored = block.rows.map((r) => num(r, imCol) * imFactor);
      const imagStoredAs = imagConvention(zImagStored, options.imagSign ?? 'auto', b + 1, warnings);
      impedance.push(
        makeSpectrum({
          source,
          sha256,
          format: 'windeta',
          imagStoredAs,
          frequency_Hz,
          zReal_ohm: block.rows.map((r) => num(r, reCol) * reFactor),
          zImagStored_ohm: zImagStored,
          lines: lineNumbers,
          ...(temperature_K !== undefined && { temperature_K }),
          ...(geometry && { geometry }),
          block: b + 1,
          warnings,
        }),
      );
    }
    if (sigCol >= 0) {
      conductivity.push({
        schema: RESULT_SCHEMA,
        kind: 'ConductivitySpectrum',
        frequency_Hz,
        sigmaReal_S_per_cm: block.rows.map((r) => num(r, sigCol) * sigFactor),
        ...(temperature_K !== undefined && { temperature_K }),
        source: { file: source, ...(sha256 && { sha256 }), format: 'windeta', block: b + 1 },
      });
    }
  });
  return { impedance, conductivity, ...(geometry && { geometry }) };
}

/** Rows grouped into temperature blocks (see the file comment for what ends a block). */
function splitBlocks(lines: { line: number; text: string }[], width: number, fCol: number, fFactor: number, source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block = { rows: [] };
  let previousF: number | undefined;
  let sweepDown: boolean | undefined;
  const close = () => {
    if (current.rows.length) blocks.push(current);
    current = { rows: [] };
    previousF = undefined;
  };
  for (const l of lines) {
    if (l.text.trim() === '' || TITLE.test(l.text)) {
      close();
      continue;
    }
    const cells = l.text.split('\t');
    if (cells.length < width) {
      throw new InputError('row has too few columns: the file looks truncated', {
        source,
        field: `line ${l.line}`,
        expected: `${width} tab-separated columns like the title row`,
        found: `${cells.length}`,
      });
    }
    const f = parseNumber(cells[fCol], { source, line: l.line, column: 'Freq.' }) * fFactor;
    if (previousF !== undefined) {
      const down = f < previousF;
      if (sweepDown === undefined && current.rows.length === 1) sweepDown = down;
      // a frequency that moves against the sweep direction starts the next temperature
      else if (sweepDown !== undefined && down !== sweepDown) close();
    }
    current.rows.push({ line: l.line, cells });
    previousF = f;
  }
  close();
  if (blocks.length === 0)
    throw new InputError('no data rows', { source, field: 'data', expected: 'rows after the title row', found: 'none' });
  return blocks;
}

function imagConvention(stored: number[], choice: 'auto' | 'Z″' | '−Z″', block: number, warnings: string[]): 'Z″' | '−Z″' {
  if (choice !== 'auto') return choice;
  const positive = stored.filter((v) => v > 0).length;
  if (positive > stored.length / 2) {
    warnings.push(
      `block ${block}: Zs'' is positive at ${positive} of ${stored.length} frequencies, so it was read as −Z″ (capacitive sample); pass imagSign to state the convention`,
    );
    return '−Z″';
  }
  return 'Z″';
}

/** Geometry from preamble lines such as "Thickness [mm]: 1.0" and "Diameter [mm]: 5.0". */
function preambleGeometry(lines: { line: number; text: string }[], source: string): PelletGeometry | undefined {
  const values: Record<string, number> = {};
  for (const l of lines) {
    const m = /^\s*(Thickness|Diameter|Area)\s*\[([^\]]+)\]\s*[:=]\s*(\S+)/i.exec(l.text);
    if (!m) continue;
    const v = parseNumber(m[3], { source, line: l.line, column: m[1] });
    const unit = m[2].trim().toLowerCase();
    const key = m[1].toLowerCase();
    const toCm =
      unit === 'mm'
        ? 0.1
        : unit === 'cm'
          ? 1
          : unit === 'um' || unit === 'µm'
            ? 1e-4
            : unit === 'cm2' || unit === 'cm²'
              ? 1
              : unit === 'mm2' || unit === 'mm²'
                ? 1e-2
                : NaN;
    if (Number.isNaN(toCm)) {
      throw new InputError(`unknown unit for ${m[1]}`, {
        source,
        field: `line ${l.line}`,
        expected: key === 'area' ? '[cm2] or [mm2]' : '[mm], [cm] or [um]',
        found: JSON.stringify(m[2]),
      });
    }
    values[key] = v * toCm;
  }
  const thickness = values.thickness;
  const area = values.area ?? (values.diameter !== undefined ? (Math.PI * values.diameter * values.diameter) / 4 : undefined);
  return thickness !== undefined && area !== undefined ? { thickness_cm: thickness, area_cm2: area } : undefined;
}
