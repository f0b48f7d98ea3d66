/**
 * Files shown by the RelaxLab viewer, turned into the same MIME bundle a notebook output has, so
 * one widget renders both:
 *   - impedance files (.z ZPlot, .mpt BioLogic, .dta Gamry, CSV): Nyquist plot and data table,
 *     parsed by @relaxlab/io's text parsers (the format is recognised from the content);
 *   - relaxation tables (CSV/TSV with units in the headers, `# key: value` metadata): with a
 *     temperature column, the Arrhenius plot with brush-to-refit, read by @relaxlab/io's
 *     tableToArrheniusData as the CLI and the kernel read it; rates come with the Arrhenius lines
 *     of core's fitRateArrhenius, the lines every other face draws; otherwise the first column
 *     against the others;
 *   - RelaxLab result JSON (any payload with `kind`, or a whole saved MIME bundle).
 * Pure: text in, bundle out (@relaxlab/io's browser entry has no file or Node access).
 */
import {
  fitRateArrhenius,
  InputError,
  migrateBundle,
  migrateResult,
  RELAXLAB_RESULT_MIME,
  RESULT_SCHEMA,
  VEGALITE_V5_MIME,
} from '@relaxlab/core';
import type { ArrheniusTableView, DataTable, DataTableView, ImpedanceFileView, ImpedanceSpectrum } from '@relaxlab/core';
import { parseDelimitedText, parseImpedanceText, tableToArrheniusData } from '@relaxlab/io/browser';
import type { ArrheniusTableData, Table } from '@relaxlab/io/browser';
import { xyChartSpec } from './charts';
import type { Spec } from './charts';

export type Bundle = Record<string, unknown>;

export const IMPEDANCE_EXTENSIONS = ['.z', '.mpt', '.dta'];
export const TABLE_EXTENSIONS = ['.csv', '.tsv'];

const baseName = (path: string) => path.split('/').pop() ?? path;
const lower = (path: string) => path.toLowerCase();
const cellText = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());

function impedanceBundle(path: string, text: string): Bundle {
  const data = parseImpedanceText(text, path);
  const spectra: ImpedanceSpectrum[] = data.spectra;
  const label = (s: ImpedanceSpectrum, i: number) =>
    s.temperature_K !== undefined ? `${s.temperature_K.toFixed(1)} K` : spectra.length > 1 ? `spectrum ${i + 1}` : baseName(path);
  const spec = xyChartSpec(
    spectra.map((s, i) => ({ label: label(s, i), x: s.zReal_ohm, y: s.zImag_ohm.map((z) => -z) })),
    { title: `${baseName(path)} (Nyquist)`, xTitle: 'Z′ (Ω)', yTitle: '−Z″ (Ω)', connect: true },
  );
  const first = spectra[0];
  const table: DataTable = {
    columns: ['frequency (Hz)', 'Z′ (Ω)', '−Z″ (Ω)'],
    rows: first.frequency_Hz.map((f, i) => [cellText(f), cellText(first.zReal_ohm[i]), cellText(-first.zImag_ohm[i])]),
  };
  const fmin = Math.min(...first.frequency_Hz);
  const fmax = Math.max(...first.frequency_Hz);
  const payload: ImpedanceFileView = {
    schema: RESULT_SCHEMA,
    kind: 'ImpedanceFileView',
    sample: baseName(path),
    format: data.format,
    summary: [
      ['format', data.format],
      ['spectra', String(spectra.length)],
      ['points', String(first.frequency_Hz.length)],
      ['frequency range', `${cellText(fmin)} Hz – ${cellText(fmax)} Hz`],
    ],
    table,
    warnings: spectra.flatMap((s) => s.warnings ?? []),
  };
  return {
    [RELAXLAB_RESULT_MIME]: payload,
    [VEGALITE_V5_MIME]: spec,
    'text/plain': `${baseName(path)}: ${data.format}, ${spectra.length} spectrum(s)`,
  };
}

/** The table as Arrhenius data, or undefined when it is not one (no temperature, no positive values, nothing to tell the quantity by). */
function arrheniusData(table: Table): ArrheniusTableData | undefined {
  if (!table.columns.some((c) => c.siUnit === 'K')) return undefined;
  try {
    const read = tableToArrheniusData(table);
    return read.data.value.every((v) => v > 0) ? read : undefined;
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

function tableBundle(path: string, text: string): Bundle {
  const table = parseDelimitedText(text, { source: path });
  const { columns, metadata } = table;
  const sample = metadata.sample ?? baseName(path);
  const dataTable: DataTable = {
    columns: columns.map((c) => c.header),
    rows: columns[0].values.map((_, i) => columns.map((c) => cellText(c.values[i]))),
  };
  const summary: Array<[string, string]> = [
    ['file', baseName(path)],
    ...Object.entries(metadata),
    ['rows', String(columns[0].values.length)],
  ];
  const read = arrheniusData(table);
  if (read) {
    const label = read.label;
    const points = { label, ...read.data };
    // rates get the lines every face draws for them: the flanks of the peak, else one line
    const arrhenius = read.data.quantity === 'rate' ? fitRateArrhenius(read.data, { label }) : undefined;
    const payload: ArrheniusTableView = {
      schema: RESULT_SCHEMA,
      kind: 'ArrheniusTableView',
      sample,
      points,
      ...(arrhenius && { arrhenius }),
      summary,
      table: dataTable,
      warnings: arrhenius?.warnings ?? [],
    };
    return { [RELAXLAB_RESULT_MIME]: payload, 'text/plain': `${sample}: ${columns[0].values.length} temperatures` };
  }
  const [x, ...ys] = columns;
  const spec = xyChartSpec(
    ys.map((c) => ({ label: c.header, x: x.values, y: c.values })),
    { title: sample, xTitle: x.header, yTitle: ys.length === 1 ? ys[0].header : 'value', logX: x.siUnit === 's' },
  );
  const payload: DataTableView = { schema: RESULT_SCHEMA, kind: 'DataTableView', sample, summary, table: dataTable, warnings: [] };
  return { [RELAXLAB_RESULT_MIME]: payload, [VEGALITE_V5_MIME]: spec, 'text/plain': `${sample}: ${columns.length} columns` };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A FitResult-like payload without a chart: its data and best fit against x. */
function fitChart(payload: Record<string, unknown>, title: string): Spec | undefined {
  const fit = [payload, payload.best].find((f) => isObject(f) && isObject(f.data) && Array.isArray(f.bestFit)) as
    { data: { x: unknown; y: number[] }; bestFit: number[] } | undefined;
  if (!fit || !Array.isArray(fit.data.x)) return undefined;
  const x = fit.data.x as number[];
  return xyChartSpec(
    [
      { label: 'data', x, y: fit.data.y },
      { label: 'fit', x, y: fit.bestFit },
    ],
    { title, xTitle: 'x', yTitle: 'y' },
  );
}

const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/**
 * A distribution of relaxation times without a chart (`relaxlab ilt/drt --json` saved to a file):
 * the distribution (density of an ILT, γ of a DRT) and its band's bounds on log τ.
 */
function distributionChart(payload: Record<string, unknown>, title: string): Spec | undefined {
  const values = numbers(payload.density) ? payload.density : numbers(payload.gamma_ohm) ? payload.gamma_ohm : undefined;
  const tau = payload.tau_s;
  if (!values || !numbers(tau) || values.length !== tau.length) return undefined;
  const band = [payload.lower, payload.upper].filter((b): b is number[] => numbers(b) && b.length === tau.length);
  const yTitle = values === payload.density ? 'fraction per decade of τ' : 'γ (Ω)';
  return xyChartSpec(
    [
      { label: 'distribution', x: tau, y: values },
      ...band.map((y, k) => ({ label: k === 0 ? 'band (lower)' : 'band (upper)', x: tau, y })),
    ],
    { title, xTitle: 'τ (s)', yTitle, logX: true, connect: true },
  );
}

function resultBundle(path: string, text: string): Bundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${baseName(path)} is not JSON: ${(error as Error).message}`);
  }
  if (isObject(parsed) && isObject(parsed[RELAXLAB_RESULT_MIME])) return migrateBundle(parsed, path);
  if (!isObject(parsed) || typeof parsed.kind !== 'string') {
    throw new Error(`${baseName(path)} is not a RelaxLab result (a JSON object with "kind")`);
  }
  const payload = migrateResult(parsed, path);
  const title = typeof payload.sample === 'string' ? payload.sample : baseName(path);
  const spec = isObject(payload.spec) ? payload.spec : (fitChart(payload, title) ?? distributionChart(payload, title));
  return { [RELAXLAB_RESULT_MIME]: payload, ...(spec && { [VEGALITE_V5_MIME]: spec }), 'text/plain': JSON.stringify(payload, null, 2) };
}

/** The bundle shown for a file, chosen by its extension; throws with a readable message. */
export function fileBundle(path: string, text: string): Bundle {
  const name = lower(path);
  if (IMPEDANCE_EXTENSIONS.some((e) => name.endsWith(e))) return impedanceBundle(path, text);
  if (name.endsWith('.json')) return resultBundle(path, text);
  return tableBundle(path, text);
}
