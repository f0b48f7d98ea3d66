/**
 * Brush-to-refit: the points of an Arrhenius-type result (Arrhenius line, segmented/kink fit,
 * rate-peak flanks, BPP), a temperature window chosen on the plot, and the refit of that window
 * with @relaxlab/core in the browser — the same fitArrhenius / fitSegmentedArrhenius a notebook
 * calls, so the Ea shown is the one the kernel would compute (rates falling with T fitted τ-like,
 * as fitRateArrhenius fits a high-T flank):
 *
 *   y = A·exp(∓Ea/(kB·T))  →  log10 y = log10 A ∓ Ea·(1000/T)/(1000·kB·ln10)
 *   (Arrhenius, Z. Phys. Chem. 4, 226 (1889); the straight line on the 1000/T axis).
 *
 * Where the points come from (payloads at RESULT_SCHEMA: the widget migrates older ones first),
 * first found wins:
 *   - `points` of the payload, as rows (@relaxlab/plots' ArrheniusPoint: [{ temperature_K,
 *     value, sigma?, label }]) or columns (@relaxlab/core's ArrheniusData / ArrheniusInputPoints
 *     of Arrhenius and rate results: { temperature_K: [], value: [], sigma?, quantity? }) — the
 *     whole data set, so any window can be chosen;
 *   - `datasets[].points` of a joint BPP result (JointBppDatasetSummary: label and every
 *     { temperature_K, rate_per_s, sigma | null } the fit was given): rates per dataset;
 *   - `series` of the payload (RateSeries[] of a rate analysis): rates per series.
 * Several labels (R1 and R1ρ, two nuclei) are refitted series by series.
 */
import { fitArrhenius, fitSegmentedArrhenius, InputError, rateSeriesLabel } from '@relaxlab/core';
import type { ArrheniusQuantity, ArrheniusResult, Estimate, RateArrheniusResult, RateSeries } from '@relaxlab/core';

export interface ArrheniusSeries {
  label: string;
  quantity: ArrheniusQuantity;
  temperature_K: number[];
  value: number[];
  sigma?: number[];
}

export type RefitMode = 'line' | 'segmented';

export interface BrushSource {
  series: ArrheniusSeries[];
  /** 'segmented' for kink results (fitSegmentedArrhenius), 'line' otherwise. */
  mode: RefitMode;
}

export interface SeriesRefit {
  label: string;
  /** Points of this series inside the window. */
  n: number;
  /** One entry per segment (one for a line); null when the window holds too few points. */
  activationEnergy_eV: Estimate[] | null;
  /** Kink temperatures of a segmented refit. */
  kinks_K: Estimate[];
  /** log10 of the prefactor of the (first) segment, for drawing the line. */
  log10Prefactor: number | null;
  /** The refitted line on the plot's axes: 1000/T and the value (not its logarithm). */
  curve: Array<{ inverseT: number; value: number }>;
  /** Why there is no refit (too few points, a fit error), as text. */
  problem?: string;
}

export interface WindowRefit {
  window_K: [number, number];
  series: SeriesRefit[];
  /** Milliseconds spent in @relaxlab/core. */
  elapsed_ms: number;
}

const QUANTITIES: readonly ArrheniusQuantity[] = ['rate', 'sigmaT', 'tau', 'diffusion'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: unknown): number[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? v : undefined);

function quantityOf(v: unknown): ArrheniusQuantity {
  return QUANTITIES.includes(v as ArrheniusQuantity) ? (v as ArrheniusQuantity) : 'rate';
}

type Json = Record<string, unknown>;

function fromColumns(points: Json, label: string, quantity: ArrheniusQuantity): ArrheniusSeries | undefined {
  const temperature_K = numbers(points.temperature_K);
  const value = numbers(points.value);
  if (!temperature_K || !value || temperature_K.length !== value.length || temperature_K.length < 2) return undefined;
  const sigma = numbers(points.sigma);
  return {
    label: typeof points.label === 'string' ? points.label : label,
    quantity: quantityOf(points.quantity ?? quantity),
    temperature_K,
    value,
    ...(sigma && sigma.length === value.length && { sigma }),
  };
}

function fromRows(points: unknown[], quantity: ArrheniusQuantity): ArrheniusSeries[] | undefined {
  const byLabel = new Map<string, ArrheniusSeries & { sigmas: unknown[] }>();
  for (const p of points) {
    if (!isObject(p) || typeof p.temperature_K !== 'number' || typeof p.value !== 'number') return undefined;
    const label = typeof p.label === 'string' ? p.label : 'data';
    const series = byLabel.get(label) ?? { label, quantity: quantityOf(p.quantity ?? quantity), temperature_K: [], value: [], sigmas: [] };
    series.temperature_K.push(p.temperature_K);
    series.value.push(p.value);
    series.sigmas.push(p.sigma);
    byLabel.set(label, series);
  }
  // σ only when every point of a series has one: a partial σ list would weight the wrong points
  for (const series of byLabel.values()) {
    if (series.sigmas.every((s) => typeof s === 'number' && s > 0)) series.sigma = series.sigmas as number[];
  }
  return [...byLabel.values()].map(({ sigmas: _sigmas, ...s }) => s);
}

/**
 * RateSeries (core spectral types): { experiment, nucleus, larmor_MHz, points: [{ temperature_K,
 * rate_per_s, sigma? }], label? }; joint BPP datasets have the same fields (σ null when absent).
 */
function fromRateSeries(list: unknown[]): ArrheniusSeries[] | undefined {
  const out: ArrheniusSeries[] = [];
  for (const s of list) {
    if (!isObject(s) || !Array.isArray(s.points)) return undefined;
    const label = typeof s.label === 'string' ? s.label : rateSeriesLabel(s as unknown as RateSeries);
    const rows = (s.points as unknown[]).map((p) =>
      isObject(p) ? { temperature_K: p.temperature_K, value: p.rate_per_s, sigma: p.sigma, label } : p,
    );
    const series = fromRows(rows, 'rate');
    if (!series) return undefined;
    out.push(...series);
  }
  return out;
}

/** Datasets that each carry their points (a joint BPP result). */
function datasetsWithPoints(v: unknown): v is Json[] {
  return Array.isArray(v) && v.length > 0 && v.every((d) => isObject(d) && Array.isArray(d.points));
}

/** Results whose own chart is an Arrhenius plot of the same points: the brushable chart replaces it. */
export const REPLACED_KINDS = new Set(['ArrheniusResult', 'SegmentedArrheniusResult', 'ArrheniusTableView', 'RateArrheniusResult']);

/** The series a brush can refit, or undefined when the payload carries no Arrhenius points. */
export function brushSource(payload: unknown): BrushSource | undefined {
  if (!isObject(payload)) return undefined;
  const quantity = quantityOf(payload.quantity);
  const mode: RefitMode = payload.kind === 'SegmentedArrheniusResult' ? 'segmented' : 'line';
  const label =
    typeof payload.sample === 'string'
      ? payload.sample
      : typeof payload.series === 'string'
        ? payload.series
        : typeof payload.quantity === 'string'
          ? payload.quantity
          : 'data';
  let series: ArrheniusSeries[] | undefined;
  if (isObject(payload.points))
    series = [fromColumns(payload.points, label, quantity)].filter((s): s is ArrheniusSeries => s !== undefined);
  else if (Array.isArray(payload.points)) series = fromRows(payload.points, quantity);
  else if (datasetsWithPoints(payload.datasets)) series = fromRateSeries(payload.datasets);
  else if (Array.isArray(payload.series)) series = fromRateSeries(payload.series);
  const usable = (series ?? []).filter((s) => s.value.length >= 2 && s.value.every((v) => v > 0) && s.temperature_K.every((t) => t > 0));
  return usable.length ? { mode, series: usable } : undefined;
}

function inside(series: ArrheniusSeries, window_K: [number, number]): number {
  return series.temperature_K.filter((t) => t >= window_K[0] && t <= window_K[1]).length;
}

/** The line of a refit over the window, on the plot's axes, from its FitResult's best fit. */
function curveOf(fit: { data: { x: unknown }; bestFit: number[] }): Array<{ inverseT: number; value: number }> {
  const x = fit.data.x as number[];
  return x.map((inverseT, i) => ({ inverseT, value: Math.pow(10, fit.bestFit[i]) })).sort((a, b) => a.inverseT - b.inverseT);
}

function refitSeries(series: ArrheniusSeries, window_K: [number, number], mode: RefitMode): SeriesRefit {
  const n = inside(series, window_K);
  const empty = { label: series.label, n, activationEnergy_eV: null, kinks_K: [], log10Prefactor: null, curve: [] };
  if (n < 2) return { ...empty, problem: `${n} point${n === 1 ? '' : 's'} in the window (an Arrhenius line needs 2)` };
  const data = {
    temperature_K: series.temperature_K,
    value: series.value,
    quantity: series.quantity,
    ...(series.sigma && { sigma: series.sigma }),
  };
  const source = `brushed window of ${series.label}`;
  try {
    if (mode === 'segmented' && n >= 6) {
      const r = fitSegmentedArrhenius(data, { window_K, source });
      return {
        label: series.label,
        n,
        activationEnergy_eV: r.segments.map((s) => s.activationEnergy_eV),
        kinks_K: r.breakpoints.map((b) => b.temperature_K),
        log10Prefactor: r.segments[0].log10Prefactor.value,
        curve: curveOf(r.fit),
      };
    }
    const line = fitArrhenius(data, { window_K, source });
    // rates that fall with T (a high-T flank) are fitted τ-like, as every face fits that flank, so Ea comes out positive
    const r =
      series.quantity === 'rate' && line.activationEnergy_eV.value < 0
        ? fitArrhenius({ ...data, quantity: 'tau' }, { window_K, source })
        : line;
    return lineOf(series.label, r);
  } catch (error) {
    if (error instanceof InputError) return { ...empty, problem: error.message };
    throw error;
  }
}

const isRateArrhenius = (v: unknown): v is RateArrheniusResult => isObject(v) && v.kind === 'RateArrheniusResult' && Array.isArray(v.lines);

/** One drawn line of a fit core made (a flank, the line through all points), as the refit of its window. */
function lineOf(label: string, arrhenius: ArrheniusResult): SeriesRefit {
  return {
    label,
    n: arrhenius.n,
    activationEnergy_eV: [arrhenius.activationEnergy_eV],
    kinks_K: [],
    log10Prefactor: arrhenius.log10Prefactor.value,
    curve: curveOf(arrhenius.fit),
  };
}

/**
 * The lines the plot opens with. Rates carry the Arrhenius lines core's fitRateArrhenius gave them
 * (`arrhenius` of a table or rate analysis, or the payload itself): those, exactly as every other
 * face draws them. An Arrhenius result whose own chart this plot replaces: its line, refitted over
 * all points. Anything else opens without a line; the first brushed window draws one.
 */
export function initialRefits(payload: unknown, source: BrushSource): SeriesRefit[] {
  if (!isObject(payload)) return [];
  const analyses = isRateArrhenius(payload) ? [payload] : [payload.arrhenius].flat().filter(isRateArrhenius);
  if (analyses.length) return analyses.flatMap((a) => a.lines.map((l) => lineOf(a.series, l.arrhenius)));
  if (!REPLACED_KINDS.has(String(payload.kind))) return [];
  const all = source.series.flatMap((s) => s.temperature_K);
  return refitWindow(source, [Math.min(...all), Math.max(...all)]).series;
}

/** Refit every series of `source` inside window_K (inclusive, in K). */
export function refitWindow(source: BrushSource, window_K: [number, number]): WindowRefit {
  const lo = Math.min(window_K[0], window_K[1]);
  const hi = Math.max(window_K[0], window_K[1]);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo > 0)) {
    throw new InputError('a temperature window needs two positive finite temperatures', {
      field: 'window_K',
      expected: '[T_low, T_high] in K, > 0',
      found: JSON.stringify(window_K),
    });
  }
  const started = performance.now();
  const series = source.series.map((s) => refitSeries(s, [lo, hi], source.mode));
  return { window_K: [lo, hi], series, elapsed_ms: performance.now() - started };
}

/** The window of a brush on the 1000/T axis (K⁻¹), as temperatures [low, high] in K. */
export function windowFromInverseT(inverseT: [number, number]): [number, number] {
  const a = 1000 / inverseT[0];
  const b = 1000 / inverseT[1];
  return [Math.min(a, b), Math.max(a, b)];
}

/** A string literal on one line: JSON.stringify leaves U+2028/U+2029, which end a // comment. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * The code cell that records a brushed window in the notebook: the window as a typed constant
 * (rounded to 0.1 K, which never moves a point across the edge unless it sits within 0.05 K of
 * it) and, as a comment, what the plot showed for it.
 */
export function windowCellCode(refit: WindowRefit, title: string): string {
  const round = (t: number) => Number(t.toFixed(1));
  const [lo, hi] = refit.window_K;
  // user text goes into comments on one line each (quoted): a line break in a sample name must
  // not turn the rest of the name into code
  const lines = [`// Temperature window chosen on the plot of ${quoted(title)} (RelaxLab brush)`];
  for (const s of refit.series) {
    const energies = s.activationEnergy_eV
      ?.map((e) => `${e.value.toFixed(4)}${e.stderr !== null ? ` ± ${e.stderr.toFixed(4)}` : ''} eV`)
      .join(', ');
    lines.push(`// ${quoted(s.label)}: ${s.n} points, Ea = ${energies ?? `no fit (${quoted(s.problem ?? '')})`}`);
  }
  lines.push(`const window_K: [number, number] = [${round(lo)}, ${round(hi)}];`);
  return lines.join('\n');
}
