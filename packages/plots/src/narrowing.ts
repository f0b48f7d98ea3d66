/**
 * Motional line narrowing: the static line width Δν(T) with the fitted curve (fitLineNarrowing,
 * Hendrickson–Bray or Abragam, core narrowing/models.ts) and its 1σ band, the rigid-lattice and
 * narrowed plateaus W and D, and the onset temperature the Waugh–Fedin estimate is read from
 * (Ea ≈ 1.617e-3 eV/K · T_onset; J. S. Waugh, E. I. Fedin, Sov. Phys. Solid State 4, 1633 (1963)).
 */
import { ABRAGAM_ALPHA, estimateFromFit, formatValueError, InputError, lineWidth_Hz, ZERO_CELSIUS_K } from '@relaxlab/core';
import type { LineNarrowingResult, LinewidthSeries } from '@relaxlab/core';
import { ChartOptions, DEFAULT_HEIGHT, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

const CURVE_POINTS = 121;
const r6 = (v: number): number => Number(v.toPrecision(6));

/** A measured width as the chart reads it: from a LinewidthSeries or from the result's points. */
type WidthPoint = { temperature_K: number; linewidth_Hz: number; sigma?: number | null };

/** α of an Abragam fit as used (abragamAlpha); Hendrickson–Bray has none, and lineWidth_Hz ignores it there. */
function alphaOf(result: LineNarrowingResult): number {
  return result.abragamAlpha?.value ?? ABRAGAM_ALPHA;
}

/** The widths to draw: `series` when given, else the result's own points. */
function widthPoints(result: LineNarrowingResult, series: LinewidthSeries | undefined): WidthPoint[] {
  if (!result || result.kind !== 'LineNarrowingResult') {
    throw new InputError('not a line-narrowing result', {
      field: 'result',
      expected: 'the result of fitLineNarrowing',
      found: result ? String((result as { kind?: unknown }).kind) : String(result),
    });
  }
  const n = result.fit.stats.n;
  if (series === undefined && Array.isArray(result.points) && result.points.length === n) return result.points;
  if (!series || !Array.isArray(series.points) || series.points.length !== n) {
    throw new InputError(
      series === undefined
        ? 'the line widths the fit was made on are needed (this result holds none: relaxlab/1 saved it without them)'
        : 'the line widths the fit was made on are needed',
      {
        field: 'series',
        expected: `the LinewidthSeries given to fitLineNarrowing (${n} points)`,
        found: series && Array.isArray(series.points) ? `${series.points.length} points` : typeof series,
      },
    );
  }
  return series.points;
}

export interface LineNarrowingChartOptions extends ChartOptions {
  /** Width unit on the y axis. Default 'kHz'. */
  widthUnit?: 'Hz' | 'kHz';
}

/**
 * Δν(T) with the fitted curve and band, plateaus, onset and inflection. The widths come from the
 * result; `series` (the LinewidthSeries the fit was made on) gives them instead.
 */
export function lineNarrowingChart(
  result: LineNarrowingResult,
  series?: LinewidthSeries,
  options: LineNarrowingChartOptions = {},
): VegaLiteSpec {
  const measured = widthPoints(result, series);
  const unit = options.widthUnit ?? 'kHz';
  const scale = unit === 'kHz' ? 1e-3 : 1;
  const alpha = alphaOf(result);
  const celsius = (t: number) => Number((t - ZERO_CELSIUS_K).toFixed(1));
  const points = measured.map((p) => ({
    temperature: r6(p.temperature_K),
    width: r6(p.linewidth_Hz * scale),
    ...(typeof p.sigma === 'number' && { low: r6((p.linewidth_Hz - p.sigma) * scale), high: r6((p.linewidth_Hz + p.sigma) * scale) }),
    temperatureText: `${r6(p.temperature_K)} K (${celsius(p.temperature_K)} °C)`,
    widthText: `${formatValueError(p.linewidth_Hz * scale, typeof p.sigma === 'number' ? p.sigma * scale : null)} ${unit}`,
  }));
  const temperatures = measured.map((p) => p.temperature_K);
  const lo = Math.min(...temperatures);
  const hi = Math.max(...temperatures);
  const curve: JsonObject[] = [];
  for (let i = 0; i < CURVE_POINTS; i++) {
    const t = lo + ((hi - lo) * i) / (CURVE_POINTS - 1);
    const w = estimateFromFit(result.fit, (p) =>
      lineWidth_Hz(result.model, t, {
        activationEnergy_eV: p.Ea_eV,
        tau0_s: Math.pow(10, p.log10tau0_s),
        rigidLatticeWidth_Hz: p.rigidLatticeWidth_Hz,
        narrowedWidth_Hz: p.narrowedWidth_Hz,
        alpha: p.alpha ?? alpha,
      }),
    );
    const s = w.stderr ?? 0;
    curve.push({
      temperature: r6(t),
      width: r6(w.value * scale),
      lower: r6((w.value - s) * scale),
      upper: r6((w.value + s) * scale),
      temperatureText: `${r6(t)} K (${celsius(t)} °C)`,
      widthText: `${formatValueError(w.value * scale, s * scale)} ${unit}`,
    });
  }
  const x = { field: 'temperature', type: 'quantitative', scale: { zero: false, nice: false, padding: 8 }, title: 'T (K)' };
  const yTitle = `line width Δν (${unit})`;
  const y = { field: 'width', type: 'quantitative', scale: { zero: true }, title: yTitle };
  const plateaus = [
    {
      width: r6(result.rigidLatticeWidth_Hz.value * scale),
      text: `W = ${formatValueError(result.rigidLatticeWidth_Hz.value * scale, (result.rigidLatticeWidth_Hz.stderr ?? 0) * scale)} ${unit} (rigid lattice)`,
    },
    {
      width: r6(result.narrowedWidth_Hz.value * scale),
      text: `D = ${formatValueError(result.narrowedWidth_Hz.value * scale, (result.narrowedWidth_Hz.stderr ?? 0) * scale)} ${unit} (narrowed)`,
    },
  ];
  const markers: JsonObject[] = [];
  if (result.onset) {
    const t = result.onset.temperature_K;
    markers.push({
      temperature: r6(t.value),
      text: `onset ${formatValueError(t.value, t.stderr)} K (${celsius(t.value)} °C)`,
      what: 'onset',
    });
  }
  if (result.inflection) {
    const t = result.inflection.temperature_K;
    markers.push({ temperature: r6(t.value), text: `τc⁻¹ = 2πW at ${formatValueError(t.value, t.stderr)} K`, what: 'inflection' });
  }
  const color = '#d62728';
  const layer: JsonObject[] = [
    {
      data: { values: curve },
      mark: { type: 'area', color, opacity: 0.2 },
      encoding: { x, y: { field: 'lower', type: 'quantitative', title: yTitle }, y2: { field: 'upper' } },
    },
    {
      data: { values: plateaus },
      mark: { type: 'rule', color: '#888', strokeDash: [4, 3] },
      encoding: { y: { field: 'width', type: 'quantitative', title: yTitle }, tooltip: [{ field: 'text', title: 'plateau' }] },
    },
    {
      data: { values: plateaus },
      mark: { type: 'text', align: 'right', dy: -6, fontSize: 10, color: '#555' },
      encoding: {
        y: { field: 'width', type: 'quantitative', title: yTitle },
        x: { value: options.width ?? DEFAULT_WIDTH },
        text: { field: 'text' },
      },
    },
    {
      data: { values: curve },
      mark: { type: 'line', color, strokeWidth: 1.5 },
      encoding: {
        x,
        y,
        tooltip: [
          { field: 'temperatureText', title: 'T' },
          { field: 'widthText', title: 'fit ± 1σ' },
        ],
      },
    },
  ];
  if (markers.length) {
    layer.push(
      {
        data: { values: markers },
        mark: { type: 'rule', color: '#1f77b4', strokeDash: [2, 2] },
        encoding: { x, tooltip: [{ field: 'text', title: 'marker' }] },
      },
      {
        data: { values: markers },
        mark: { type: 'text', align: 'left', angle: 270, dx: 4, dy: -4, baseline: 'bottom', fontSize: 10, color: '#1f77b4' },
        encoding: { x, y: { value: (options.height ?? DEFAULT_HEIGHT) - 4 }, text: { field: 'text' } },
      },
    );
  }
  if (points.some((p) => 'low' in p)) {
    layer.push({
      data: { values: points.filter((p) => 'low' in p) },
      mark: { type: 'rule', color: '#222' },
      encoding: { x, y: { field: 'low', type: 'quantitative', title: yTitle }, y2: { field: 'high' } },
    });
  }
  layer.push({
    data: { values: points },
    mark: { type: 'point', filled: true, color: '#222' },
    encoding: {
      x,
      y,
      tooltip: [
        { field: 'temperatureText', title: 'T' },
        { field: 'widthText', title: 'Δν ± σ' },
      ],
    },
  });
  const ea = result.activationEnergy_eV;
  const subtitle = [
    `${narrowingModelText(result, alpha)}: Ea = ${formatValueError(ea.value, ea.stderr)} eV${result.waughFedin ? `; Waugh–Fedin from the onset: ${formatValueError(result.waughFedin.activationEnergy_eV.value, result.waughFedin.activationEnergy_eV.stderr)} eV` : ''}`,
  ];
  return topLevel(
    { width: options.width ?? DEFAULT_WIDTH, height: options.height ?? DEFAULT_HEIGHT, layer },
    { title: options.title, subtitle },
  );
}

/** "abragam (α = 1, fixed)", "abragam (α = 0.8 ± 0.1)", or the model name for Hendrickson–Bray. */
function narrowingModelText(result: LineNarrowingResult, alpha: number): string {
  if (result.model !== 'abragam') return result.model;
  const a = result.abragamAlpha;
  return a && a.vary ? `abragam (α = ${formatValueError(a.value, a.stderr)})` : `abragam (α = ${formatValueError(alpha, null)}, fixed)`;
}
