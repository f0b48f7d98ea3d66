/**
 * What the two charts of the distributions of relaxation times share (inversion.ts): the
 * distribution panel — the distribution on log τ, its bootstrap band as an area, each peak
 * marked at its τ (numbered, with the band's interval of τ as a bar) — and the texts of the
 * subtitle (λ and the band, the peaks, wrapped warnings).
 */
import { formatEstimate, formatQuantity, formatValueError, InputError } from '@relaxlab/core';
import type { DrtResult, Estimate, PeakPosition, RelaxationDistribution, TimeUnit } from '@relaxlab/core';
import type { JsonObject } from './spec';

export const r6 = (v: number): number => Number(v.toPrecision(6));
export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const LINE_COLOR = '#1f77b4';
export const FIT_COLOR = '#d62728';
export const POINT_COLOR = '#222';
export const PEAK_COLOR = '#d62728';
export const RESIDUAL_HEIGHT = 90;
/** Width of each of the two side-by-side panels: together (~880 px with axes) they fit a notebook's output area, where two of 420 px scroll. */
export const PANEL_WIDTH = 360;
/**
 * Labels of a log τ axis at whole decades only, as Vega's own log axis, every `step`-th decade
 * when they would crowd (less than 45 px per decade); '~g' above 1e-3 of the unit (0.01, 1, 100),
 * a power of ten below it, where '~g' would write 0.00001 (`large`: another format above). Vega's
 * overlap thinning is off: it dropped labels (0.01) between the empty ones of the minor ticks; so
 * is its flush alignment of the end labels, which pushed the first into the second.
 */
export function decadeLabels(values: readonly number[], width: number, large = "format(datum.value, '~g')"): string {
  const decades = Math.log10(Math.max(...values) / Math.min(...values));
  const step = Math.max(1, Math.ceil((45 * decades) / width));
  const L = 'log(datum.value) / LN10';
  return `abs(${L} - round(${L})) > 1e-6 || round(${L}) % ${step} != 0 ? '' : datum.value < 1e-3 ? format(datum.value, '.0e') : ${large}`;
}

/**
 * τ of a peak as text: "τ = 2.01 ± 0.04 ms"; a peak whose maximum is the first or last grid
 * point is a bound, not a position (a component faster or slower than the data resolve, e.g. an
 * incomplete saturation), written "τ ≤ 1.58 µs (grid's start)" without its degenerate error.
 */
export function peakTauText(tau: Estimate, grid_s: readonly number[]): string {
  const [first, last] = [grid_s[0], grid_s[grid_s.length - 1]];
  if (Math.abs(tau.value / first - 1) < 1e-6) return `τ ≤ ${formatQuantity(tau.value, null, 's')} (grid's start)`;
  if (Math.abs(tau.value / last - 1) < 1e-6) return `τ ≥ ${formatQuantity(tau.value, null, 's')} (grid's end)`;
  return `τ = ${formatQuantity(tau.value, tau.stderr, 's')}`;
}

export function checkKind(result: unknown, kind: string, field: string, made: string): void {
  const r = result as { kind?: unknown; tau_s?: unknown } | null | undefined;
  if (!r || r.kind !== kind || !Array.isArray(r.tau_s)) {
    throw new InputError(`not a ${kind}`, {
      field,
      expected: `the result of ${made}`,
      found: r ? String(r.kind) : String(r),
    });
  }
}

/** Subtitle lines longer than `width` characters broken at spaces: a warning is a sentence, and one line of it would widen the chart. */
export function wrapped(lines: string[], width = 110): string[] {
  return lines.flatMap((line) => {
    const out: string[] = [];
    let current = '';
    // "value ± error" and "name = value" stay on one line: for the split their spaces are no-break spaces (U+00A0)
    for (const word of line.replace(/ ([±=≤≥]) /g, '\u00a0$1\u00a0').split(' ')) {
      if (current && current.length + 1 + word.length > width) {
        out.push(current);
        current = `  ${word}`;
      } else current = current ? `${current} ${word}` : word;
    }
    return [...out, current].map((l) => l.replace(/\u00a0/g, ' '));
  });
}

/** y of the distribution at τ (linear in log τ between the grid's neighbours): where a peak's mark sits. */
function valueAt(tau_s: readonly number[], value: readonly number[], at: number): number {
  const x = Math.log(at);
  for (let i = 1; i < tau_s.length; i++) {
    const x0 = Math.log(tau_s[i - 1]);
    const x1 = Math.log(tau_s[i]);
    if (x <= x1 || i === tau_s.length - 1) {
      const w = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
      return (1 - w) * (value[i - 1] ?? 0) + w * (value[i] ?? 0);
    }
  }
  return value[0] ?? 0;
}

export interface DistributionInput {
  tau_s: readonly number[];
  value: readonly number[];
  lower: readonly number[];
  upper: readonly number[];
  peaks: ReadonlyArray<PeakPosition & { note: string }>;
  /** Unit of the τ axis. */
  unit: TimeUnit;
  yTitle: string;
  /** "fraction per decade" / "Ω": the unit of value in the tooltip. */
  valueUnit: string;
  level: number;
}

/** The distribution panel: the band as an area, the distribution as a line, each peak as a numbered mark with its τ interval. */
export function distributionPanel(d: DistributionInput, width: number, height: number): JsonObject {
  const t = (s: number) => r6(s * d.unit.perSecond);
  const tauText = (s: number) => formatQuantity(s, null, 's');
  const band = `${Math.round(d.level * 100)} % band`;
  const rows = d.tau_s.flatMap((tau, i) =>
    finite(tau) && tau > 0 && finite(d.value[i])
      ? [
          {
            tau: t(tau),
            value: r6(d.value[i]),
            lower: r6(finite(d.lower[i]) ? d.lower[i] : d.value[i]),
            upper: r6(finite(d.upper[i]) ? d.upper[i] : d.value[i]),
            tauText: tauText(tau),
            valueText: `${formatValueError(d.value[i])} ${d.valueUnit} (${band} ${formatValueError(d.lower[i])}–${formatValueError(d.upper[i])})`,
          },
        ]
      : [],
  );
  const peaks = d.peaks.flatMap((p, q) => {
    const tau = p.tau_s.value;
    if (!finite(tau) || tau <= 0) return [];
    const row: JsonObject = {
      tau: t(tau),
      value: r6(valueAt(d.tau_s, d.value, tau)),
      label: String(q + 1),
      peakText: `${q + 1}: ${peakTauText(p.tau_s, d.tau_s)}`,
      noteText: p.note,
      widthText: `${formatEstimate(p.log10Width)} decades`,
    };
    if (finite(p.tauLower_s) && finite(p.tauUpper_s)) {
      row.from = t(p.tauLower_s);
      row.to = t(p.tauUpper_s);
      row.intervalText = `${tauText(p.tauLower_s)} – ${tauText(p.tauUpper_s)}`;
    }
    return [row];
  });
  const x = {
    field: 'tau',
    type: 'quantitative',
    scale: { type: 'log' },
    axis: {
      title: `τ (${d.unit.unit})`,
      labelExpr: decadeLabels(
        rows.map((r) => r.tau),
        width,
      ),
      labelOverlap: false,
    },
  };
  const y = { field: 'value', type: 'quantitative', title: d.yTitle, scale: { zero: true } };
  const peakTooltip = [
    { field: 'peakText', title: 'peak' },
    { field: 'intervalText', title: `${band} of τ` },
    { field: 'noteText', title: 'share' },
    { field: 'widthText', title: 'width (SD of log10 τ)' },
  ];
  const layer: JsonObject[] = [
    {
      data: { values: rows },
      mark: { type: 'area', color: LINE_COLOR, opacity: 0.22 },
      encoding: { x, y: { field: 'lower', type: 'quantitative', title: d.yTitle }, y2: { field: 'upper' } },
    },
    {
      data: { values: rows },
      mark: { type: 'line', color: LINE_COLOR, strokeWidth: 1.8 },
      encoding: {
        x,
        y,
        tooltip: [
          { field: 'tauText', title: 'τ' },
          { field: 'valueText', title: 'value' },
        ],
      },
    },
  ];
  if (peaks.length) {
    const withInterval = peaks.filter((p) => p.from !== undefined);
    if (withInterval.length)
      layer.push({
        data: { values: withInterval },
        mark: { type: 'rule', color: PEAK_COLOR, strokeWidth: 2, opacity: 0.7 },
        encoding: { x: { ...x, field: 'from' }, x2: { field: 'to' }, y: { field: 'value', type: 'quantitative' }, tooltip: peakTooltip },
      });
    layer.push(
      {
        data: { values: peaks },
        mark: { type: 'point', shape: 'triangle-down', filled: true, color: PEAK_COLOR, size: 60, yOffset: -7 },
        encoding: { x, y, tooltip: peakTooltip },
      },
      {
        data: { values: peaks },
        mark: { type: 'text', color: PEAK_COLOR, dy: -22, fontSize: 11 },
        encoding: { x, y, text: { field: 'label' } },
      },
    );
  }
  return { width, height, layer };
}

/** "2 peaks — 1: τ = 2.01 ± 0.04 ms (fraction 0.35 ± 0.01); 2: …". */
export function peakLine(peaks: ReadonlyArray<{ tau_s: Estimate; note: string }>, grid_s: readonly number[]): string {
  if (!peaks.length) return 'no peak';
  const items = peaks.map((p, q) => `${q + 1}: ${peakTauText(p.tau_s, grid_s)} (${p.note})`);
  return `${peaks.length} peak${peaks.length > 1 ? 's' : ''} — ${items.join('; ')}`;
}

/** λ and how it was chosen, and what made the band (none without bootstrap replicates: no errors either). */
export const lambdaText = (r: RelaxationDistribution | DrtResult) =>
  `λ = ${formatValueError(r.lambda)} (${r.regularisation.userSet ? 'set' : r.regularisation.method}), ` +
  (r.band.replicates > 0
    ? `${Math.round(r.band.level * 100)} % band from ${r.band.replicates} ${r.band.method} bootstrap replicates`
    : 'no band and no errors (0 bootstrap replicates)');
