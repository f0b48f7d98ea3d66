/**
 * Readers for the tables a temperature study keeps — rates, line widths, conductivities — and for
 * impedance files, JSON results and Bruker experiments, all named relative to the notebook.
 * Tables carry their metadata in `# key: value` lines and their units in the headers
 * (docs/ARCHITECTURE.md): `T (K)` or `T (°C)`, `R1 (1/s)` or `T1rho (ms)`, `linewidth (kHz)`,
 * `sigma_T (S K/cm)` or `sigma (S/cm)`; an uncertainty column is named sigma/err/sd.
 */
import { readFileSync } from 'fs';
import { InputError, migrateResult, rateSeriesLabel } from '@relaxlab/core';
import type { ConductivityData, LinewidthSeries, RateSeries } from '@relaxlab/core';
import {
  importRelaxationData,
  readDelimitedFile,
  readImpedanceFile,
  tableToArrheniusData,
  tableToLinewidthSeries,
  tableToRateSeries,
} from '@relaxlab/io';
import type {
  ArrheniusTableData,
  ArrheniusTableOptions,
  ImpedanceFileData,
  ImportOptions,
  ImportResult,
  RateSeriesTableOptions,
  ReadImpedanceOptions,
} from '@relaxlab/io';
import { notebookPath } from './files';

export interface ReadRateSeriesOptions extends RateSeriesTableOptions {
  /** Legend text (default "7Li R1 116.6 MHz"). */
  label?: string;
}

/**
 * A RateSeries from a CSV/TSV: `# experiment`, `# nucleus`, `# larmor_MHz` (and `# spinlock_kHz`
 * for R1rho) lines or options, a temperature column, and rates (1/s) or times (then R = 1/T and
 * σ_R = σ_T/T²). @relaxlab/io tableToRateSeries, with the path relative to the notebook.
 */
export function readRateSeries(path: string, options: ReadRateSeriesOptions = {}): RateSeries {
  notebookPath(path);
  const { label, ...metadata } = options;
  const series = tableToRateSeries(readDelimitedFile(path), metadata);
  return { ...series, label: label ?? rateSeriesLabel(series) };
}

/** Static line widths Δν(T) (FWHM, any frequency unit) with optional σ: @relaxlab/io tableToLinewidthSeries. */
export function readLinewidths(path: string, options: { label?: string } = {}): LinewidthSeries {
  notebookPath(path);
  const series = tableToLinewidthSeries(readDelimitedFile(path));
  return { ...series, label: options.label ?? `${series.nucleus ?? ''} line width`.trim() };
}

/**
 * Arrhenius data (temperatures, values, σ, quantity) from a table, read as `relaxlab arrhenius` and
 * the JupyterLab viewer read it (@relaxlab/io tableToArrheniusData): a relaxation time becomes its
 * rate, a conductivity in S/cm becomes σT.
 */
export function readArrheniusData(path: string, options: ArrheniusTableOptions = {}): ArrheniusTableData['data'] {
  notebookPath(path);
  return tableToArrheniusData(readDelimitedFile(path), options).data;
}

/**
 * DC conductivities σ(T) for fitConductivityArrhenius / crossLink: a σ column (S/cm) as is, or a
 * σT column (S K/cm) divided by T (σ_σ = σ_σT/T, T taken as exact); columns and uncertainties
 * chosen by tableToArrheniusData, as every reader does.
 */
export function readConductivity(
  path: string,
): ConductivityData & { temperature_K: number[]; conductivity_S_per_cm: number[]; sigma_S_per_cm?: number[] } {
  notebookPath(path);
  const { columns, valueSigma } = tableToArrheniusData(readDelimitedFile(path), { units: ['S/cm', 'S K/cm'] });
  const perT = columns.value.siUnit === 'S K/cm';
  const T = columns.temperature.si;
  return {
    temperature_K: [...T],
    conductivity_S_per_cm: columns.value.si.map((v, i) => (perT ? v / T[i] : v)),
    ...(valueSigma && { sigma_S_per_cm: valueSigma.map((s, i) => (perT ? s / T[i] : s)) }),
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

/** A saved result (results.json of a study, a result written with JSON.stringify), migrated to the current schema (migrateResult). */
export function readResult<T = unknown>(path: string): T {
  return migrateResult(readJson<T>(path), path);
}

/**
 * Relaxation transients from a TopSpin experiment folder, a VT series folder (numbered
 * experiments), a JCAMP-DX file or a table: importRelaxationData with the path relative to the notebook.
 */
export function readRelaxationData(path: string, options: ImportOptions = {}): ImportResult {
  notebookPath(path);
  return importRelaxationData(path, options);
}
