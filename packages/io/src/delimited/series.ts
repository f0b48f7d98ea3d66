/**
 * Temperature series from tables (docs/ARCHITECTURE.md, "Data model"): metadata in `# key: value` lines, units in the
 * headers. One reader each for the CLI (`relaxlab bpp`, `relaxlab narrowing`) and the notebook
 * kernel (`readRateSeries`, `readLinewidths`); callers add the label they want.
 */
import { InputError } from '@relaxlab/core';
import type { LinewidthSeries, RateExperiment, RateSeries } from '@relaxlab/core';
import { isUncertaintyColumn } from './columns';
import type { Column, Table } from './parse';

const EXPERIMENTS: Record<string, RateExperiment> = {
  r1: 'R1',
  t1: 'R1',
  r1rho: 'R1rho',
  t1rho: 'R1rho',
  r1ρ: 'R1rho',
  t1ρ: 'R1rho',
  r2: 'R2',
  t2: 'R2',
};

/** A `# key: value` line, the key matched without regard to case. */
export function tableMetadata(table: Table, key: string): string | undefined {
  const found = Object.keys(table.metadata).find((k) => k.trim().toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : table.metadata[found].trim();
}

const columnList = (table: Table) => table.columns.map((c) => JSON.stringify(c.header)).join(', ');

function frequency(table: Table, key: 'larmor_MHz' | 'spinlock_kHz', given: number | undefined, required: boolean): number | undefined {
  if (given !== undefined) return given;
  const text = tableMetadata(table, key);
  if (text === undefined) {
    if (!required) return undefined;
    throw new InputError(`missing "# ${key}:" line`, {
      source: table.source,
      field: `# ${key}`,
      expected: `a metadata line such as "# ${key}: ${key === 'larmor_MHz' ? '116.6' : '20'}" (or the ${key} option)`,
    });
  }
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v))
    throw new InputError('not a positive number', {
      source: table.source,
      field: `# ${key}`,
      expected: 'a frequency > 0',
      found: JSON.stringify(text),
    });
  return v;
}

function temperatureColumn(table: Table): Column {
  const t = table.columns.find((c) => c.siUnit === 'K');
  if (!t)
    throw new InputError('no temperature column', {
      source: table.source,
      field: 'T',
      expected: 'a column with a temperature unit: "T (K)" or "T (°C)"',
      found: columnList(table),
    });
  return t;
}

/**
 * The one rule for uncertainty columns: σ of each value in SI from `sigma`, which is in the values'
 * unit, or unitless and then in the units the values were written in.
 */
export function columnUncertainties(table: Table, sigma: Column, value: Column): number[] {
  if (sigma.siUnit !== '' && sigma.siUnit !== value.siUnit) {
    throw new InputError('uncertainty column in other units than the values', {
      source: table.source,
      field: sigma.header,
      expected: `units of "${value.header}" (or none: taken as the same)`,
      found: JSON.stringify(sigma.unit),
    });
  }
  return sigma.si.map((s, i) => (sigma.siUnit === '' ? sigma.values[i] * (value.values[i] !== 0 ? value.si[i] / value.values[i] : 1) : s));
}

/** σ of each value in SI from the first uncertainty column besides `value` and the temperature (columnUncertainties). */
export function tableUncertainties(table: Table, value: Column, temperature: Column): number[] | undefined {
  const sigma = table.columns.find((c) => c !== value && c !== temperature && isUncertaintyColumn(c));
  return sigma ? columnUncertainties(table, sigma, value) : undefined;
}

export interface RateSeriesTableOptions {
  /** Override or supply what the `# experiment`, `# nucleus`, `# larmor_MHz`, `# spinlock_kHz` lines say. */
  experiment?: RateExperiment;
  nucleus?: string;
  larmor_MHz?: number;
  spinlock_kHz?: number;
}

/**
 * A RateSeries from a table: the experiment, nucleus and frequencies from metadata lines (or
 * options), a temperature column (K or °C), and rates (1/s) or relaxation times — then
 * R = 1/T and σ_R = σ_T/T².
 */
export function tableToRateSeries(table: Table, options: RateSeriesTableOptions = {}): RateSeries {
  const expText = tableMetadata(table, 'experiment');
  const experiment = options.experiment ?? (expText === undefined ? undefined : EXPERIMENTS[expText.toLowerCase().replace(/[-_\s]/g, '')]);
  if (experiment === undefined) {
    throw new InputError(expText === undefined ? 'missing "# experiment:" line' : 'unknown experiment', {
      source: table.source,
      field: '# experiment',
      expected: 'R1, R1rho or R2 (T1, T1rho, T2 also accepted), in a "# experiment:" line or the experiment option',
      ...(expText !== undefined && { found: JSON.stringify(expText) }),
    });
  }
  const nucleus = options.nucleus ?? tableMetadata(table, 'nucleus');
  if (nucleus === undefined)
    throw new InputError('missing "# nucleus:" line', {
      source: table.source,
      field: '# nucleus',
      expected: 'a line such as "# nucleus: 7Li" (or the nucleus option)',
    });
  const larmor_MHz = frequency(table, 'larmor_MHz', options.larmor_MHz, true) as number;
  const spinlock_kHz = frequency(table, 'spinlock_kHz', options.spinlock_kHz, experiment === 'R1rho');
  const temperature = temperatureColumn(table);
  const value = table.columns.find((c) => c !== temperature && !isUncertaintyColumn(c) && (c.siUnit === '1/s' || c.siUnit === 's'));
  if (!value) {
    throw new InputError('no rate or relaxation-time column', {
      source: table.source,
      field: 'R1',
      expected: 'a column in 1/s ("R1 (1/s)", "R1rho (Hz)") or in time units ("T1 (s)", "T1rho (ms)")',
      found: columnList(table),
    });
  }
  const sigma = tableUncertainties(table, value, temperature);
  const isTime = value.siUnit === 's';
  const points = temperature.si.map((t, i) => {
    const v = value.si[i];
    const s = sigma?.[i];
    return { temperature_K: t, rate_per_s: isTime ? 1 / v : v, ...(s !== undefined && { sigma: isTime ? s / (v * v) : s }) };
  });
  return { experiment, nucleus, larmor_MHz, ...(spinlock_kHz !== undefined && { spinlock_kHz }), points };
}

/** Static line widths Δν(T) (FWHM in any frequency unit, → Hz) with an optional σ column. */
export function tableToLinewidthSeries(table: Table): LinewidthSeries {
  const temperature = temperatureColumn(table);
  const width = table.columns.find((c) => c !== temperature && !isUncertaintyColumn(c) && c.siUnit === 'Hz');
  if (!width) {
    throw new InputError('no line-width column', {
      source: table.source,
      field: 'linewidth',
      expected: 'a column with a frequency unit: "linewidth (kHz)" or "FWHM (Hz)"',
      found: columnList(table),
    });
  }
  const sigma = tableUncertainties(table, width, temperature);
  const nucleus = tableMetadata(table, 'nucleus');
  return {
    ...(nucleus !== undefined && { nucleus }),
    points: temperature.si.map((t, i) => ({ temperature_K: t, linewidth_Hz: width.si[i], ...(sigma && { sigma: sigma[i] }) })),
  };
}
