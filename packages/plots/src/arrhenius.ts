/**
 * The Arrhenius plot over plain arrays: log10 of a temperature-activated quantity (relaxation
 * rates R1, R1ρ; σT; diffusion coefficients) against 1000/T, with T itself on a secondary axis on
 * top, several series (nuclei, frequencies), and optional fitted lines with their 1σ bands and
 * activation-energy labels. Any later result (flank fits, BPP curves, σT segments) is mapped onto
 * these arrays, so this builder knows nothing of how they were computed.
 *
 * A straight line here is y = A·exp(−Ea/kB·T): log10 y = log10 A − Ea/(kB ln10) · 1/T.
 */
import { eVToKJPerMol, formatValueError, InputError, ZERO_CELSIUS_K } from '@relaxlab/core';
import { ChartOptions, DEFAULT_HEIGHT, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

export interface ArrheniusPoint {
  temperature_K: number;
  /** The quantity itself (not its logarithm), > 0. */
  value: number;
  /** One standard deviation of `value`, in its units. */
  sigma?: number | null;
  /** Series the point belongs to (colour and legend), e.g. '7Li R1 116 MHz'. */
  label: string;
}

export interface ArrheniusLine {
  /** Series the line belongs to (same colour as its points). */
  label: string;
  /** What the line is, for the tooltip: 'high-T flank', 'BPP fit'. */
  name?: string;
  temperature_K: number[];
  value: number[];
  /** 1σ confidence band of the line (same length as value). */
  lower?: number[];
  upper?: number[];
  /** When given, the line is labelled "Ea = 0.44 ± 0.02 eV (42 ± 2 kJ/mol)". */
  activationEnergy_eV?: number;
  activationEnergyStderr_eV?: number | null;
}

export interface ArrheniusChartInput {
  points: ArrheniusPoint[];
  lines?: ArrheniusLine[];
}

export interface ArrheniusChartOptions extends ChartOptions {
  /** y-axis quantity. Default 'rate'. */
  quantity?: string;
  /** Its unit. Default 's⁻¹'. */
  unit?: string;
  /** Secondary axis on top: temperature in K, in °C, or none. Default 'K'. */
  temperatureAxis?: 'K' | '°C' | 'none';
}

const NICE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/** Round temperatures (in the top axis' unit) inside [lo, hi], about 4–7 of them. */
export function temperatureTicks(lo: number, hi: number): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [Math.round(lo)];
  const step = NICE_STEPS.find((s) => span / s <= 6) ?? NICE_STEPS[NICE_STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** "Ea = 0.44 ± 0.02 eV (42 ± 2 kJ/mol)". */
export function activationEnergyLabel(energy_eV: number, stderr_eV?: number | null): string {
  const kJ = formatValueError(eVToKJPerMol(energy_eV), stderr_eV ? eVToKJPerMol(stderr_eV) : null);
  return `Ea = ${formatValueError(energy_eV, stderr_eV)} eV (${kJ} kJ/mol)`;
}

function checkPositive(v: number, field: string, what: string): void {
  if (!(Number.isFinite(v) && v > 0)) {
    throw new InputError(`${what} must be a positive finite number (log axis)`, { field, expected: `${what} > 0`, found: String(v) });
  }
}

/**
 * Error bars on a log axis: σ of log10 y to first order, σ_log = σ/(y ln 10), drawn as
 * y·10^(±σ_log). Always positive, unlike y ± σ when σ ≥ y.
 */
function logErrorBar(value: number, sigma: number): [number, number] {
  const s = sigma / (value * Math.LN10);
  return [value * Math.pow(10, -s), value * Math.pow(10, s)];
}

/**
 * Labels at powers of ten only (1, 10, 100, ...) when the data span two decades or more, as
 * Arrhenius plots are printed; vega's default also labels 2 and 5 times each power.
 */
function decadeAxis(values: number[]): JsonObject {
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.ceil(Math.log10(Math.max(...values)));
  if (hi - lo < 2) return {};
  const decades: number[] = [];
  for (let e = lo; e <= hi; e++) decades.push(Math.pow(10, e));
  return { values: decades, format: '~g' };
}

export function arrheniusChart(input: ArrheniusChartInput, options: ArrheniusChartOptions = {}): VegaLiteSpec {
  return topLevel(arrheniusPanel(input, options), { title: options.title });
}

/**
 * The Arrhenius panel without the top-level wrapper, for composition (a jump-rate panel under the
 * rates, regimes shaded behind σT): `layer` holds the layers in drawing order.
 */
export function arrheniusPanel(input: ArrheniusChartInput, options: ArrheniusChartOptions = {}): JsonObject & { layer: JsonObject[] } {
  const points = input?.points;
  const lines = input?.lines ?? [];
  if (!Array.isArray(points) || (points.length === 0 && lines.length === 0)) {
    throw new InputError('nothing to draw', { field: 'points', expected: 'one or more { temperature_K, value, sigma?, label }, or lines' });
  }
  const quantity = options.quantity ?? 'rate';
  const unit = options.unit ?? 's⁻¹';
  const temperatures: number[] = [];

  const pointRows = points.map((p, i) => {
    checkPositive(p.temperature_K, `points[${i}].temperature_K`, 'temperature');
    checkPositive(p.value, `points[${i}].value`, quantity);
    temperatures.push(p.temperature_K);
    const row: JsonObject = {
      label: p.label,
      inverseT: 1000 / p.temperature_K,
      value: p.value,
      temperatureText: `${Number(p.temperature_K.toFixed(2))} K (${Number((p.temperature_K - ZERO_CELSIUS_K).toFixed(2))} °C)`,
      valueText: `${formatValueError(p.value, p.sigma ?? null)} ${unit}`,
    };
    if (p.sigma !== undefined && p.sigma !== null) {
      if (!(Number.isFinite(p.sigma) && p.sigma >= 0)) {
        throw new InputError('sigma must be a non-negative finite number', {
          field: `points[${i}].sigma`,
          expected: 'σ ≥ 0',
          found: String(p.sigma),
        });
      }
      [row.low, row.high] = logErrorBar(p.value, p.sigma);
    }
    return row;
  });

  const lineRows: JsonObject[] = [];
  const labelRows: JsonObject[] = [];
  const bandRows: JsonObject[] = [];
  lines.forEach((line, k) => {
    const n = line.temperature_K.length;
    if (n < 2 || line.value.length !== n) {
      throw new InputError('a line needs two or more temperatures and one value per temperature', {
        field: `lines[${k}]`,
        expected: `value.length = temperature_K.length ≥ 2`,
        found: `${n} temperatures, ${line.value.length} values`,
      });
    }
    const hasBand = line.lower !== undefined || line.upper !== undefined;
    if (hasBand && (line.lower?.length !== n || line.upper?.length !== n)) {
      throw new InputError('a band needs both lower and upper, one value per temperature', {
        field: `lines[${k}].lower/upper`,
        expected: `${n} values each`,
        found: `${line.lower?.length ?? 0} and ${line.upper?.length ?? 0}`,
      });
    }
    const energy =
      line.activationEnergy_eV !== undefined ? activationEnergyLabel(line.activationEnergy_eV, line.activationEnergyStderr_eV) : '';
    const name = line.name ?? 'fit';
    for (let i = 0; i < n; i++) {
      checkPositive(line.temperature_K[i], `lines[${k}].temperature_K[${i}]`, 'temperature');
      checkPositive(line.value[i], `lines[${k}].value[${i}]`, quantity);
      temperatures.push(line.temperature_K[i]);
      const inverseT = 1000 / line.temperature_K[i];
      lineRows.push({ label: line.label, line: k, name, energy, inverseT, value: line.value[i] });
      if (hasBand) {
        const lo = (line.lower as number[])[i];
        const hi = (line.upper as number[])[i];
        checkPositive(lo, `lines[${k}].lower[${i}]`, 'band');
        checkPositive(hi, `lines[${k}].upper[${i}]`, 'band');
        bandRows.push({ label: line.label, line: k, inverseT, lower: lo, upper: hi });
      }
    }
    if (energy) {
      const mid = Math.floor(n / 2);
      labelRows.push({ label: line.label, inverseT: 1000 / line.temperature_K[mid], value: line.value[mid], energy });
    }
  });

  const xTitle = '1000/T (K⁻¹)';
  const xField = { field: 'inverseT', type: 'quantitative', scale: { zero: false, nice: false, padding: 12 } };
  const xBottom = { ...xField, axis: { title: xTitle } };
  const xHidden = { ...xField, axis: null };
  const yAxis = decadeAxis([
    ...pointRows.flatMap((r) => [r.value, r.low ?? r.value, r.high ?? r.value]),
    ...lineRows.map((r) => r.value),
    ...bandRows.flatMap((r) => [r.lower, r.upper]),
  ] as number[]);
  const yTitle = `${quantity} (${unit})`;
  const y = { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: yTitle, axis: yAxis };
  const color = { field: 'label', type: 'nominal', title: null };
  // one legend, from the points (colour and shape merged); the other layers only reuse the colours
  const colorNoLegend = { ...color, legend: null };

  // without points (fitted curves alone) the lines carry the bottom axis and the legend
  const linesOnly = pointRows.length === 0;
  const layer: JsonObject[] = [];
  const topAxis = options.temperatureAxis ?? 'K';
  if (topAxis !== 'none') {
    const offset = topAxis === 'K' ? 0 : ZERO_CELSIUS_K;
    const lo = Math.min(...temperatures) - offset;
    const hi = Math.max(...temperatures) - offset;
    const ticks = temperatureTicks(lo, hi).map((t) => 1000 / (t + offset));
    // an invisible copy of the points carries the top axis: same x scale, ticks at round temperatures
    layer.push({
      data: { values: linesOnly ? lineRows : pointRows },
      mark: { type: 'point', opacity: 0 },
      encoding: {
        x: {
          ...xField,
          axis: { orient: 'top', values: ticks, title: `T (${topAxis})`, labelExpr: `format(1000 / datum.value - ${offset}, '.0f')` },
        },
        y,
      },
    });
  }
  if (bandRows.length) {
    layer.push({
      data: { values: bandRows },
      mark: { type: 'area', opacity: 0.18 },
      encoding: {
        x: xHidden,
        y: { field: 'lower', type: 'quantitative', scale: { type: 'log' }, title: yTitle, axis: yAxis },
        y2: { field: 'upper' },
        color: colorNoLegend,
        detail: { field: 'line', type: 'nominal' },
      },
    });
  }
  if (lineRows.length) {
    layer.push({
      data: { values: lineRows },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: linesOnly ? xBottom : xHidden,
        y,
        color: linesOnly ? color : colorNoLegend,
        detail: { field: 'line', type: 'nominal' },
        tooltip: [
          { field: 'label', title: 'series' },
          { field: 'name', title: 'line' },
          { field: 'energy', title: 'activation energy' },
        ],
      },
    });
  }
  if (pointRows.some((r) => r.low !== undefined)) {
    layer.push({
      data: { values: pointRows.filter((r) => r.low !== undefined) },
      mark: { type: 'rule' },
      encoding: {
        x: xHidden,
        y: { field: 'low', type: 'quantitative', scale: { type: 'log' }, title: yTitle, axis: yAxis },
        y2: { field: 'high' },
        color: colorNoLegend,
      },
    });
  }
  if (!linesOnly)
    layer.push({
      data: { values: pointRows },
      mark: { type: 'point', filled: true },
      encoding: {
        x: xBottom,
        y,
        color,
        shape: { field: 'label', type: 'nominal', title: null },
        tooltip: [
          { field: 'label', title: 'series' },
          { field: 'temperatureText', title: 'T' },
          { field: 'valueText', title: `${quantity} ± σ` },
        ],
      },
    });
  if (labelRows.length) {
    layer.push({
      data: { values: labelRows },
      mark: { type: 'text', align: 'left', dx: 6, dy: -8, fontSize: 11 },
      encoding: { x: xHidden, y, text: { field: 'energy' }, color: colorNoLegend },
    });
  }
  return {
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
    layer,
    // one shared x scale, but each layer may draw its own axis: the points at the bottom (1000/T),
    // the invisible layer on top (T)
    resolve: { axis: { x: 'independent' } },
  };
}
