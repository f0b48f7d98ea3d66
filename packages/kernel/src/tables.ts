/**
 * Readers for the tables a temperature study keeps — rates, line widths, conductivities — and for
 * impedance files, JSON results and Bruker experiments, all named relative to the notebook.
 * Tables carry their metadata in `# key: value` lines and their units in the headers
 * (DESIGN.md): `T (K)` or `T (°C)`, `R1 (1/s)` or `T1rho (ms)`, `linewidth (kHz)`,
 * `sigma_T (S K/cm)` or `sigma (S/cm)`; an uncertainty column is named sigma/err/sd.
 */
import { readFileSync } from 'fs';
import { InputError } from '@relaxlab/core';
import type { ConductivityData, LinewidthSeries, RateExperiment, RateSeries } from '@relaxlab/core';
import { COLUMN_ALIASES, importRelaxationData, readDelimitedFile, readImpedanceFile } from '@relaxlab/io';
import type { Column, ImpedanceFileData, ImportOptions, ImportResult, ReadImpedanceOptions, Table } from '@relaxlab/io';
import { rateSeriesLabel } from '@relaxlab/plots';
import { notebookPath } from './files';

const EXPERIMENTS: Record<string, RateExperiment> = { r1: 'R1', t1: 'R1', r1rho: 'R1rho', t1rho: 'R1rho', 'r1ρ': 'R1rho', 't1ρ': 'R1rho', r2: 'R2', t2: 'R2' };
const ERROR_NAME = /^(σ|sigma|err|error|stderr|sd|dy)$|[_\s-](err|error|stderr|sd|sigma|σ)$/i;

function metadata(table: Table, key: string): string | undefined {
  const found = Object.keys(table.metadata).find((k) => k.trim().toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : table.metadata[found].trim();
}

function positiveMetadata(table: Table, key: string, given: number | undefined): number | undefined {
  if (given !== undefined) return given;
  const text = metadata(table, key);
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new InputError('not a positive number', { source: table.source, field: `# ${key}`, expected: 'a frequency > 0', found: JSON.stringify(text) });
  return v;
}

function temperatureColumn(table: Table): Column {
  const t = table.columns.find((c) => c.siUnit === 'K');
  if (!t) throw new InputError('no temperature column', { source: table.source, field: 'T', expected: 'a column "T (K)" or "T (°C)"', found: table.columns.map((c) => JSON.stringify(c.header)).join(', ') });
  return t;
}

const isSigma = (c: Column) => COLUMN_ALIASES.sigma.names.includes(c.name.trim().toLowerCase()) || ERROR_NAME.test(c.name.trim());

/** σ of each value in SI; a unitless σ column is in the units the values were written in. */
function sigmaSi(sigma: Column | undefined, value: Column, table: Table): number[] | undefined {
  if (!sigma) return undefined;
  if (sigma.siUnit !== '' && sigma.siUnit !== value.siUnit) {
    throw new InputError('uncertainty column in other units than the values', { source: table.source, field: sigma.header, expected: `the units of "${value.header}" (or none)`, found: JSON.stringify(sigma.unit) });
  }
  return sigma.si.map((s, i) => (sigma.siUnit === '' ? sigma.values[i] * (value.values[i] !== 0 ? value.si[i] / value.values[i] : 1) : s));
}

export interface ReadRateSeriesOptions {
  experiment?: RateExperiment;
  nucleus?: string;
  larmor_MHz?: number;
  spinlock_kHz?: number;
  /** Legend text (default "7Li R1 116.6 MHz"). */
  label?: string;
}

/**
 * A RateSeries from a CSV/TSV: `# experiment`, `# nucleus`, `# larmor_MHz` (and `# spinlock_kHz`
 * for R1rho) lines or options, a temperature column, and rates (1/s) or times (then R = 1/T and
 * σ_R = σ_T/T²).
 */
export function readRateSeries(path: string, options: ReadRateSeriesOptions = {}): RateSeries {
  notebookPath(path);
  const table = readDelimitedFile(path);
  const expText = metadata(table, 'experiment');
  const experiment = options.experiment ?? (expText === undefined ? undefined : EXPERIMENTS[expText.toLowerCase().replace(/[-_\s]/g, '')]);
  if (experiment === undefined) {
    throw new InputError(expText === undefined ? 'which relaxation rate is it?' : 'unknown experiment', { source: path, field: '# experiment', expected: 'R1, R1rho or R2 (a "# experiment:" line or the experiment option)', ...(expText !== undefined && { found: JSON.stringify(expText) }) });
  }
  const nucleus = options.nucleus ?? metadata(table, 'nucleus');
  if (nucleus === undefined) throw new InputError('which nucleus?', { source: path, field: '# nucleus', expected: 'a "# nucleus: 7Li" line or the nucleus option' });
  const larmor_MHz = positiveMetadata(table, 'larmor_MHz', options.larmor_MHz);
  if (larmor_MHz === undefined) throw new InputError('which Larmor frequency?', { source: path, field: '# larmor_MHz', expected: 'a "# larmor_MHz: 116.6" line or the larmor_MHz option' });
  const spinlock_kHz = positiveMetadata(table, 'spinlock_kHz', options.spinlock_kHz);
  if (experiment === 'R1rho' && spinlock_kHz === undefined) throw new InputError('an R1rho series needs its spin-lock frequency', { source: path, field: '# spinlock_kHz', expected: 'a "# spinlock_kHz: 20" line or the spinlock_kHz option' });
  const temperature = temperatureColumn(table);
  const value = table.columns.find((c) => c !== temperature && !isSigma(c) && (c.siUnit === '1/s' || c.siUnit === 's'));
  if (!value) throw new InputError('no rate or relaxation-time column', { source: path, field: 'R1', expected: 'a column "R1 (1/s)" or "T1rho (ms)"', found: table.columns.map((c) => JSON.stringify(c.header)).join(', ') });
  const sigma = sigmaSi(table.columns.find((c) => c !== value && c !== temperature && isSigma(c)), value, table);
  const isTime = value.siUnit === 's';
  const points = temperature.si.map((t, i) => {
    const v = value.si[i];
    const s = sigma?.[i];
    return { temperature_K: t, rate_per_s: isTime ? 1 / v : v, ...(s !== undefined && { sigma: isTime ? s / (v * v) : s }) };
  });
  const series: RateSeries = { experiment, nucleus, larmor_MHz, ...(spinlock_kHz !== undefined && { spinlock_kHz }), points };
  return { ...series, label: options.label ?? rateSeriesLabel(series) };
}

/** Static line widths Δν(T) (FWHM, any frequency unit) with optional σ. */
export function readLinewidths(path: string, options: { label?: string } = {}): LinewidthSeries {
  notebookPath(path);
  const table = readDelimitedFile(path);
  const temperature = temperatureColumn(table);
  const width = table.columns.find((c) => c !== temperature && !isSigma(c) && c.siUnit === 'Hz');
  if (!width) throw new InputError('no line-width column', { source: path, field: 'linewidth', expected: 'a column "linewidth (kHz)" or "FWHM (Hz)"', found: table.columns.map((c) => JSON.stringify(c.header)).join(', ') });
  const sigma = sigmaSi(table.columns.find((c) => c !== width && c !== temperature && isSigma(c)), width, table);
  const nucleus = metadata(table, 'nucleus');
  return {
    ...(nucleus !== undefined && { nucleus }),
    label: options.label ?? `${nucleus ?? ''} line width`.trim(),
    points: temperature.si.map((t, i) => ({ temperature_K: t, linewidth_Hz: width.si[i], ...(sigma && { sigma: sigma[i] }) })),
  };
}

/**
 * DC conductivities σ(T) for fitConductivityArrhenius / crossLink: a σ column (S/cm) as is, or a
 * σT column (S K/cm) divided by T (σ_σ = σ_σT/T, T taken as exact).
 */
export function readConductivity(path: string): ConductivityData & { temperature_K: number[]; conductivity_S_per_cm: number[]; sigma_S_per_cm?: number[] } {
  notebookPath(path);
  const table = readDelimitedFile(path);
  const temperature = temperatureColumn(table);
  const candidates = table.columns.filter((c) => c.siUnit === 'S/cm' || c.siUnit === 'S K/cm');
  // a lone "sigma (S/cm)" is the conductivity itself, not an uncertainty
  const value = candidates.find((c) => !isSigma(c)) ?? candidates[0];
  if (!value) throw new InputError('no conductivity column', { source: path, field: 'sigma', expected: 'a column "sigma (S/cm)" or "sigma_T (S K/cm)"', found: table.columns.map((c) => JSON.stringify(c.header)).join(', ') });
  const sigma = sigmaSi(table.columns.find((c) => c !== value && c !== temperature && isSigma(c)), value, table);
  const perT = value.siUnit === 'S K/cm';
  const T = temperature.si;
  return {
    temperature_K: [...T],
    conductivity_S_per_cm: value.si.map((v, i) => (perT ? v / T[i] : v)),
    ...(sigma && { sigma_S_per_cm: sigma.map((s, i) => (perT ? s / T[i] : s)) }),
  };
}

/** An impedance file of any supported format (ZPlot, BioLogic, Gamry, WinDETA, CSV). */
export function readImpedance(path: string, options: ReadImpedanceOptions = {}): ImpedanceFileData {
  notebookPath(path);
  return readImpedanceFile(path, options);
}

/** A JSON document (a saved result, the inputs of crossLink). */
export function readJson<T = unknown>(path: string): T {
  const absolute = notebookPath(path);
  try {
    return JSON.parse(readFileSync(absolute, 'utf8')) as T;
  } catch (e) {
    throw new InputError('not valid JSON', { source: path, field: 'file', expected: 'a JSON document', found: (e as Error).message });
  }
}

/**
 * Relaxation transients from a TopSpin experiment folder, a VT series folder (numbered
 * experiments), a JCAMP-DX file or a table: importRelaxationData with the path relative to the notebook.
 */
export function readRelaxationData(path: string, options: ImportOptions = {}): ImportResult {
  notebookPath(path);
  return importRelaxationData(path, options);
}
