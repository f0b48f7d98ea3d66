/**
 * Readers for the tables a temperature study keeps — rates, line widths, conductivities — and for
 * impedance files, JSON results and Bruker experiments, all named relative to the notebook.
 * Tables carry their metadata in `# key: value` lines and their units in the headers
 * (DESIGN.md): `T (K)` or `T (°C)`, `R1 (1/s)` or `T1rho (ms)`, `linewidth (kHz)`,
 * `sigma_T (S K/cm)` or `sigma (S/cm)`; an uncertainty column is named sigma/err/sd.
 */
import { readFileSync } from 'fs';
import { InputError } from '@relaxlab/core';
import type { ConductivityData, LinewidthSeries, RateSeries } from '@relaxlab/core';
import {
  importRelaxationData,
  isUncertaintyColumn,
  readDelimitedFile,
  readImpedanceFile,
  tableToLinewidthSeries,
  tableToRateSeries,
  tableUncertainties,
} from '@relaxlab/io';
import type { Column, ImpedanceFileData, ImportOptions, ImportResult, RateSeriesTableOptions, ReadImpedanceOptions, Table } from '@relaxlab/io';
import { rateSeriesLabel } from '@relaxlab/plots';
import { notebookPath } from './files';

const columnList = (table: Table) => table.columns.map((c) => JSON.stringify(c.header)).join(', ');

function temperatureColumn(table: Table): Column {
  const t = table.columns.find((c) => c.siUnit === 'K');
  if (!t) throw new InputError('no temperature column', { source: table.source, field: 'T', expected: 'a column "T (K)" or "T (°C)"', found: columnList(table) });
  return t;
}

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
 * DC conductivities σ(T) for fitConductivityArrhenius / crossLink: a σ column (S/cm) as is, or a
 * σT column (S K/cm) divided by T (σ_σ = σ_σT/T, T taken as exact).
 */
export function readConductivity(path: string): ConductivityData & { temperature_K: number[]; conductivity_S_per_cm: number[]; sigma_S_per_cm?: number[] } {
  notebookPath(path);
  const table = readDelimitedFile(path);
  const temperature = temperatureColumn(table);
  const candidates = table.columns.filter((c) => c.siUnit === 'S/cm' || c.siUnit === 'S K/cm');
  // a lone "sigma (S/cm)" is the conductivity itself, not an uncertainty
  const value = candidates.find((c) => !isUncertaintyColumn(c)) ?? candidates[0];
  if (!value) throw new InputError('no conductivity column', { source: path, field: 'sigma', expected: 'a column "sigma (S/cm)" or "sigma_T (S K/cm)"', found: columnList(table) });
  const sigma = tableUncertainties(table, value, temperature);
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
