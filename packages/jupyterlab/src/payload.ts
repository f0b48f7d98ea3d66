/**
 * What the renderer shows of any RelaxLab result, read generically from the MIME bundle so that
 * a new result kind (every payload has `kind`, see packages/kernel/src/mime.ts) renders without
 * changes here: a title, the Vega-Lite chart of the bundle, a table of every value ± error found
 * in the payload, the fit statistics, the warnings and the text report.
 *
 * Pure data in and out (no DOM): the widget turns a ResultView into elements with textContent
 * only, so no user text is ever parsed as HTML.
 */
import {
  ARRHENIUS_QUANTITY_UNITS,
  eVToKJPerMol,
  formatNumber,
  kinkTestSummary,
  RELAXLAB_RESULT_MIME,
  unitOfName,
  VEGALITE_V5_MIME,
  ZERO_CELSIUS_K,
} from '@relaxlab/core';
import type { ArrheniusKinkTest, ArrheniusQuantity, DataTable } from '@relaxlab/core';

export type EnergyUnit = 'eV' | 'kJ/mol';
export type TemperatureUnit = 'K' | '°C';

export interface DisplaySettings {
  /** Unit of activation energies in tables and the brush readout. */
  energyUnit: EnergyUnit;
  /** Unit of temperatures (windows, kinks) in tables and the brush readout. */
  temperatureUnit: TemperatureUnit;
}

export const DEFAULT_SETTINGS: DisplaySettings = { energyUnit: 'eV', temperatureUnit: 'K' };

export interface ValueRow {
  /** Where the value sits in the payload, readable: 'activationEnergy', 'segments[1].activationEnergy', 'T1'. */
  name: string;
  value: number;
  stderr: number | null;
  unit: string;
  note: string;
}

export interface ResultView {
  kind: string;
  title: string;
  /** The Vega-Lite v5 chart of the bundle, when it has one. */
  spec?: Record<string, unknown>;
  rows: ValueRow[];
  /** Fit statistics (or a file's summary) as label → formatted value. */
  statistics: Array<[string, string]>;
  table?: DataTable;
  warnings: string[];
  /** The lmfit-style report (text/plain of the bundle), for the copy button. */
  report: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** An Estimate ({ value, stderr }) or a fit parameter ({ value, stderr, vary, ... }). */
const isEstimate = (v: unknown): v is { value: number; stderr: number | null } =>
  isObject(v) && isNumber(v.value) && (v.stderr === null || isNumber(v.stderr) || v.stderr === undefined);

/** Parts of a payload that are data or whole sub-fits, not quantities to list. */
const SKIP_KEYS = new Set([
  'params',
  'fit',
  'best',
  'data',
  'curve',
  'points',
  'bic',
  'provenance',
  'covariance',
  'correlation',
  'stats',
  'transient',
  'comparison',
  'spectra',
  'series',
]);

/** A FitResult-like object (params + stats), the one whose parameters and statistics are shown. */
function mainFit(payload: Json): Json | undefined {
  for (const candidate of [payload, payload.best, payload.fit]) {
    if (isObject(candidate) && isObject(candidate.params) && isObject(candidate.stats)) return candidate;
  }
  return undefined;
}

type Found = { path: string; name: string; unit: string; estimate: { value: number; stderr: number | null }; kinkTest?: ArrheniusKinkTest };

/** What a value's unit is read from when its own name carries none: the name of the object holding it, and the values an Arrhenius line was fitted to. */
interface UnitContext {
  /** Unit of the enclosing object's name (flankAsymptotes_eV: { low, high } are in eV). */
  unit: string;
  /** Unit of the values of the nearest Arrhenius fit, which its prefactor A has. */
  values?: string;
  /** Inside a rate analysis the values are rates, also where a falling flank is fitted as a τ-like quantity. */
  rates?: boolean;
}

const RATE_KINDS = new Set(['RatePeakFlanks', 'RateArrheniusResult', 'RateAnalysis']);
const isQuantity = (v: unknown): v is ArrheniusQuantity => typeof v === 'string' && v in ARRHENIUS_QUANTITY_UNITS;

/** The context of an object's children. */
function contextIn(value: Json, context: UnitContext): UnitContext {
  const rates = context.rates || RATE_KINDS.has(String(value.kind));
  const values = rates
    ? ARRHENIUS_QUANTITY_UNITS.rate
    : isQuantity(value.quantity)
      ? ARRHENIUS_QUANTITY_UNITS[value.quantity]
      : context.values;
  return { ...context, rates, ...(values !== undefined && { values }) };
}

/**
 * The unit of an Estimate under `key`: its own `unit` field (fit and circuit parameters), else the
 * unit its name carries (core unitOfName), else — the prefactor A of an Arrhenius line — the unit
 * of the values fitted (a rate flank's A is in s⁻¹ though it is fitted as τ-like), else the unit of
 * the enclosing object's name.
 */
function unitOf(key: string, estimate: Json, context: UnitContext): { name: string; unit: string } {
  const { name, unit } = unitOfName(key);
  if (typeof estimate.unit === 'string' && estimate.unit) return { name, unit: estimate.unit };
  if (unit) return { name, unit };
  if (key === 'prefactor' && context.values) return { name, unit: context.values };
  return { name, unit: context.unit };
}

/** Davies' kink test of a segmented Arrhenius fit (kinkTest.ts in core), as the JSON carries it. */
const isKinkTest = (v: unknown): v is ArrheniusKinkTest =>
  isObject(v) &&
  isNumber(v.pValue) &&
  isNumber(v.kink_K) &&
  isEstimate(v.energyChange_eV) &&
  isObject(v.process) &&
  Array.isArray(v.process.kink_K) &&
  v.process.kink_K.length > 0;

/**
 * Every Estimate in the payload, depth-first, in payload order (down to the lines of a rate analysis,
 * arrhenius[].lines[].arrhenius: five levels). A
 * kink test is one row, its ΔEa, that carries the test's p-value and kink for the note.
 */
function collectEstimates(value: unknown, path: string, depth: number, out: Found[], context: UnitContext = { unit: '' }): void {
  if (depth > 5) return;
  if (Array.isArray(value)) {
    // items named by their label or temperature when they have one: fits[313.0 K] reads better than fits[2]
    value.forEach((item, i) => {
      const name =
        isObject(item) && typeof item.label === 'string'
          ? item.label
          : isObject(item) && isNumber(item.temperature_K)
            ? `${item.temperature_K.toFixed(1)} K`
            : String(i);
      collectEstimates(item, `${path}[${name}]`, depth + 1, out, context);
    });
    return;
  }
  if (!isObject(value)) return;
  const here = contextIn(value, context);
  for (const [key, child] of Object.entries(value)) {
    if (SKIP_KEYS.has(key)) continue;
    const at = path ? `${path}.${key}` : key;
    if (key === 'kinkTest' && isKinkTest(child))
      out.push({
        path: at,
        name: 'energyChange',
        unit: 'eV',
        estimate: { value: child.energyChange_eV.value, stderr: child.energyChange_eV.stderr ?? null },
        kinkTest: child,
      });
    else if (isEstimate(child))
      out.push({ path, ...unitOf(key, child, here), estimate: { value: child.value, stderr: child.stderr ?? null } });
    else if (isObject(child) || Array.isArray(child))
      collectEstimates(child, at, depth + 1, out, { ...here, unit: unitOfName(key).unit || here.unit });
  }
}

/** A temperature in the unit the user chose, to 0.1: "324.2 K" or "51.1 °C". */
export function temperatureText(temperature_K: number, settings: DisplaySettings): string {
  return settings.temperatureUnit === '°C' ? `${(temperature_K - ZERO_CELSIUS_K).toFixed(1)} °C` : `${temperature_K.toFixed(1)} K`;
}

/** "Davies p ≤ 2.1e-9 at 324.2 K (Ea below − Ea above that kink)", the kink in the unit the user chose. */
function kinkTestNote(test: ArrheniusKinkTest, settings: DisplaySettings): string {
  return `Davies ${kinkTestSummary({ kinkTest: test }).p} at ${temperatureText(test.kink_K, settings)} (Ea below − Ea above that kink)`;
}

/** A row in the units the user chose: energies in eV or kJ/mol (each payload value once). */
function estimateRow({ path, name, unit, estimate, kinkTest }: Found, settings: DisplaySettings): ValueRow | undefined {
  const row = unitRow(path, name, unit, estimate, settings);
  return row && kinkTest ? { ...row, note: kinkTestNote(kinkTest, settings) } : row;
}

function unitRow(
  path: string,
  name: string,
  unit: string,
  estimate: { value: number; stderr: number | null },
  settings: DisplaySettings,
): ValueRow | undefined {
  // the payload carries energies in both units: the eV entry is the one kept and converted
  if (unit === 'kJ/mol') return undefined;
  const label = path ? `${path}.${name}` : name;
  if (unit === 'eV' && settings.energyUnit === 'kJ/mol') {
    return {
      name: label,
      value: eVToKJPerMol(estimate.value),
      stderr: estimate.stderr === null ? null : eVToKJPerMol(estimate.stderr),
      unit: 'kJ/mol',
      note: '',
    };
  }
  if (unit === 'K' && settings.temperatureUnit === '°C') {
    return { name: label, value: estimate.value - ZERO_CELSIUS_K, stderr: estimate.stderr, unit: '°C', note: '' };
  }
  return { name: label, value: estimate.value, stderr: estimate.stderr, unit, note: '' };
}

function parameterRows(fit: Json): ValueRow[] {
  return Object.entries(fit.params as Json).flatMap(([name, p]) => {
    if (!isObject(p) || !isNumber(p.value)) return [];
    const notes: string[] = [];
    if (p.vary === false) notes.push('fixed');
    else if (p.stderr === null) notes.push('not determined by the data');
    if (typeof p.atBound === 'string') notes.push(`at ${p.atBound} bound`);
    const stderr = p.vary === false ? null : isNumber(p.stderr) ? p.stderr : null;
    return [{ name, value: p.value, stderr, unit: typeof p.unit === 'string' ? p.unit : '', note: notes.join(', ') }];
  });
}

function statistics(fit: Json): Array<[string, string]> {
  const s = fit.stats as Json;
  const entries: Array<[string, unknown, number]> = [
    ['points', s.n, 0],
    ['varied', s.nvar, 0],
    ['χ²', s.chiSquare, 4],
    ['reduced χ²', s.redChi, 4],
    ['AIC', s.aic, 5],
    ['BIC', s.bic, 5],
    ['R²', s.rSquared, 6],
  ];
  const out: Array<[string, string]> = entries
    .filter(([, v]) => isNumber(v))
    .map(([k, v, digits]) => [k, digits ? formatNumber(v as number, digits) : String(v)]);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the saved payload's message, whatever its writer put there, as text
  out.push(['status', fit.converged === false ? `NOT CONVERGED: ${String(fit.message ?? '')}` : 'converged']);
  return out;
}

/**
 * The statistics of a regularised inversion (core/inversion: a distribution of relaxation times,
 * a DRT), which has no FitResult: points, λ and the rule that chose it, the effective number of
 * parameters on the NNLS active set, χ², and the bootstrap of the band.
 */
function inversionStatistics(payload: Json): Array<[string, string]> {
  const r = payload.regularisation;
  if (!isObject(r) || !isNumber(payload.lambda)) return [];
  const points = [payload.delay_s, payload.frequency_Hz].find(Array.isArray);
  const out: Array<[string, string]> = [];
  if (points) out.push(['points', String(points.length)]);
  out.push(['λ', `${formatNumber(payload.lambda, 4)} (${r.userSet === true ? 'set' : String(r.method)})`]);
  if (isNumber(r.effectiveDof)) out.push(['effective dof', r.effectiveDof.toFixed(1)]);
  if (isNumber(r.chiSquare)) out.push(['χ²', formatNumber(r.chiSquare, 4)]);
  const band = payload.band;
  if (isObject(band) && isNumber(band.level) && isNumber(band.replicates))
    out.push([
      'band',
      band.replicates > 0
        ? `${Math.round(100 * band.level)} %, ${band.replicates} ${String(band.method)} bootstrap replicates`
        : 'none (0 replicates)',
    ]);
  return out;
}

/**
 * A peak of a distribution (core/inversion) whose maximum is the first or last point of its τ grid
 * is a bound — a component faster or slower than the data resolve — whose bootstrap error is
 * degenerate (1e-15 relative): its τ rows are shown without an error and with that note.
 */
function markGridEndPeaks(payload: Json, rows: ValueRow[]): ValueRow[] {
  const grid = payload.tau_s;
  if (!Array.isArray(grid) || !grid.length || !Array.isArray(payload.peaks)) return rows;
  const [first, last] = [grid[0] as number, grid[grid.length - 1] as number];
  const notes = new Map<string, string>();
  payload.peaks.forEach((p, k) => {
    const tau = isObject(p) && isObject(p.tau_s) && isNumber(p.tau_s.value) ? p.tau_s.value : undefined;
    if (tau === undefined) return;
    const end = Math.abs(tau / first - 1) < 1e-6 ? 'start' : Math.abs(tau / last - 1) < 1e-6 ? 'end' : undefined;
    if (end)
      for (const name of ['tau', 'log10tau']) notes.set(`peaks[${k}].${name}`, `at the ${end} of the τ grid: a bound, not a position`);
  });
  return rows.map((r) => (notes.has(r.name) ? { ...r, stderr: null, note: notes.get(r.name) as string } : r));
}

/** `summary: [[label, text], ...]` of payloads that are not fits (files, tables). */
function summaryOf(payload: Json): Array<[string, string]> {
  if (!Array.isArray(payload.summary)) return [];
  return payload.summary.filter((e): e is [unknown, unknown] => Array.isArray(e) && e.length === 2).map(([k, v]) => [String(k), String(v)]);
}

function tableOf(payload: Json): DataTable | undefined {
  const t = payload.table;
  if (!isObject(t) || !Array.isArray(t.columns) || !Array.isArray(t.rows)) return undefined;
  return { columns: t.columns.map(String), rows: t.rows.filter(Array.isArray).map((r: unknown[]) => r.map(String)) };
}

const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');

/**
 * The view of a MIME bundle carrying a RelaxLab result. Payload values the table lists: every
 * top-level (and nested, e.g. per segment) Estimate when there are any, otherwise the
 * parameters of the fit. Throws when the bundle has no RelaxLab payload object.
 */
export function resultView(bundle: Record<string, unknown>, settings: DisplaySettings = DEFAULT_SETTINGS): ResultView {
  const payload = bundle[RELAXLAB_RESULT_MIME];
  if (!isObject(payload)) throw new Error(`the output has no ${RELAXLAB_RESULT_MIME} object`);
  const kind = typeof payload.kind === 'string' ? payload.kind : 'result';
  const sample = typeof payload.sample === 'string' ? payload.sample : undefined;
  const fit = mainFit(payload);

  const found: Found[] = [];
  collectEstimates(payload, '', 0, found);
  const estimates = found.flatMap((f) => estimateRow(f, settings) ?? []);
  const rows = markGridEndPeaks(payload, estimates.length ? estimates : fit ? parameterRows(fit) : []);

  const warnings = new Set<string>();
  for (const list of [payload.warnings, fit?.warnings]) if (Array.isArray(list)) for (const w of list) warnings.add(String(w));

  const spec = bundle[VEGALITE_V5_MIME];
  const model = fit && typeof fit.model === 'string' ? ` · ${fit.model}` : '';
  return {
    kind,
    title: sample !== undefined ? `${sample} — ${kind}${model}` : `${kind}${model}`,
    ...(isObject(spec) && { spec }),
    rows,
    statistics: fit ? statistics(fit) : isObject(payload.regularisation) ? inversionStatistics(payload) : summaryOf(payload),
    ...(tableOf(payload) && { table: tableOf(payload) }),
    warnings: [...warnings],
    report: text(bundle['text/plain']),
  };
}
