/**
 * Impedance spectra with their fitted equivalent circuit (fitCircuit): the Nyquist plot −Z″ vs Z′
 * on equal axes (so an RC arc is a semicircle and a CPE's depression shows), and the Bode plots
 * |Z| and −phase against frequency. Z″ is kept signed in the data (core's convention, capacitive
 * Z″ < 0); only the plotted axis is −Z″, as EIS papers draw it.
 */
import { circuitImpedance, formatQuantity, formatValueError, InputError, parseCircuit } from '@relaxlab/core';
import type { CircuitFitResult } from '@relaxlab/core';
import { ChartOptions, DEFAULT_HEIGHT, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

const CURVE_POINTS = 120;
const r6 = (v: number): number => Number(v.toPrecision(6));
const DATA_COLOR = '#222';
const FIT_COLOR = '#d62728';

export interface ImpedanceRows {
  points: JsonObject[];
  curve: JsonObject[];
}

function checkFit(fit: CircuitFitResult): void {
  if (!fit || fit.kind !== 'CircuitFitResult' || !Array.isArray(fit.frequency_Hz) || !fit.fit) {
    throw new InputError('not a circuit fit', {
      field: 'fit',
      expected: 'the result of fitCircuit',
      found: fit ? String((fit as { kind?: unknown }).kind) : String(fit),
    });
  }
}

/** One row of a Nyquist/Bode panel: Z′, −Z″, |Z|, −phase at f, with the texts of the tooltip. */
export function impedanceRow(f: number, re: number, im: number, extra: JsonObject = {}): JsonObject {
  const modulus = Math.hypot(re, im);
  return {
    ...extra,
    frequency: r6(f),
    zReal: r6(re),
    minusZImag: r6(-im),
    modulus: r6(modulus),
    // −phase in degrees: positive for a capacitive response
    minusPhase: r6((-Math.atan2(im, re) * 180) / Math.PI),
    frequencyText: `${formatValueError(f)} Hz`,
    zText: `Z′ = ${formatValueError(re)} Ω, Z″ = ${formatValueError(im)} Ω`,
  };
}

/** Measured points (from the fit's stacked data [Z′…, Z″…]) and the fitted circuit on a dense log grid. */
function impedanceRows(fit: CircuitFitResult): ImpedanceRows {
  checkFit(fit);
  const f = fit.frequency_Hz;
  const n = f.length;
  const y = fit.fit.data.y;
  const points = f.map((fi, i) =>
    impedanceRow(fi, y[i], y[n + i], {
      residualText: `${(100 * fit.relativeResiduals.real[i]).toFixed(2)} %, ${(100 * fit.relativeResiduals.imag[i]).toFixed(2)} % of |Z|`,
    }),
  );
  const lo = Math.min(...f);
  const hi = Math.max(...f);
  const grid = Array.from({ length: CURVE_POINTS }, (_, i) => lo * Math.pow(hi / lo, i / (CURVE_POINTS - 1)));
  const circuit = parseCircuit(fit.circuit);
  const z = circuitImpedance(circuit, grid, Object.fromEntries(Object.entries(fit.parameters).map(([k, p]) => [k, p.value])));
  const curve = grid.map((fi, i) => impedanceRow(fi, z.zReal_ohm[i], z.zImag_ohm[i]));
  return { points, curve };
}

/** "R0 = 29.14 ± 0.05 Ω, R1 = …". */
export function circuitSummary(fit: CircuitFitResult): string {
  checkFit(fit);
  const params = Object.entries(fit.parameters)
    .map(([name, p]) => `${name} = ${formatQuantity(p.value, p.stderr, p.unit)}`)
    .join(', ');
  return `${fit.circuit}: ${params}${fit.converged ? '' : ' — NOT CONVERGED'}`;
}

const tooltip = [
  { field: 'frequencyText', title: 'f' },
  { field: 'zText', title: 'Z' },
];

/** The Nyquist panel: equal spans on both axes in a square panel, so lengths compare. */
export function nyquistPanel(fit: CircuitFitResult, options: ChartOptions = {}): JsonObject {
  return nyquistOf(impedanceRows(fit), options);
}

/** The Nyquist panel of measured `points` and a fitted `curve` (rows of impedanceRow; also the DRT's, inversion.ts). */
export function nyquistOf({ points, curve }: ImpedanceRows, options: ChartOptions): JsonObject {
  const all = [...points, ...curve];
  const re = all.map((r) => r.zReal as number);
  const im = all.map((r) => r.minusZImag as number);
  const x0 = Math.min(0, ...re);
  const y0 = Math.min(0, ...im);
  const span = 1.05 * Math.max(Math.max(...re) - x0, Math.max(...im) - y0);
  const size = options.height ?? options.width ?? DEFAULT_HEIGHT;
  const x = { field: 'zReal', type: 'quantitative', scale: { domain: [x0, x0 + span], nice: false }, title: 'Z′ (Ω)' };
  const y = { field: 'minusZImag', type: 'quantitative', scale: { domain: [y0, y0 + span], nice: false }, title: '−Z″ (Ω)' };
  return {
    width: size,
    height: size,
    layer: [
      {
        data: { values: curve },
        mark: { type: 'line', color: FIT_COLOR, strokeWidth: 1.5, clip: true },
        encoding: { x, y, order: { field: 'frequency', type: 'quantitative' }, tooltip },
      },
      {
        data: { values: points },
        mark: { type: 'point', color: DATA_COLOR, clip: true },
        encoding: { x, y, tooltip: [...tooltip, { field: 'residualText', title: 'residual' }] },
      },
    ],
  };
}

/** The Bode panels: |Z| (log) over −phase, sharing the log frequency axis. */
export function bodePanels(fit: CircuitFitResult, options: ChartOptions = {}): JsonObject[] {
  return bodeOf(impedanceRows(fit), options);
}

// the same row arrays in every panel: topLevel stores each array once
function bodeOf({ points, curve }: ImpedanceRows, options: ChartOptions): JsonObject[] {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = Math.round((options.height ?? DEFAULT_HEIGHT) / 2);
  const x = (axis: boolean) => ({
    field: 'frequency',
    type: 'quantitative',
    scale: { type: 'log' },
    axis: axis ? { title: 'f (Hz)', format: '~g' } : { title: null, labels: false },
  });
  const panel = (field: string, title: string, log: boolean, axis: boolean): JsonObject => {
    const y = { field, type: 'quantitative', title, scale: log ? { type: 'log' } : { zero: false } };
    return {
      width,
      height,
      layer: [
        { data: { values: curve }, mark: { type: 'line', color: FIT_COLOR, strokeWidth: 1.5 }, encoding: { x: x(axis), y, tooltip } },
        { data: { values: points }, mark: { type: 'point', color: DATA_COLOR }, encoding: { x: x(axis), y, tooltip } },
      ],
    };
  };
  return [panel('modulus', '|Z| (Ω)', true, false), panel('minusPhase', '−phase (°)', false, true)];
}

/** Nyquist beside Bode, the circuit and its parameters ± 1σ as the subtitle. */
export function impedanceChart(fit: CircuitFitResult, options: ChartOptions = {}): VegaLiteSpec {
  const rows = impedanceRows(fit);
  const inner: JsonObject = {
    hconcat: [nyquistOf(rows, options), { vconcat: bodeOf(rows, options), spacing: 6 }],
    spacing: 28,
  };
  return topLevel(inner, { title: options.title, subtitle: [circuitSummary(fit)] });
}

export function nyquistChart(fit: CircuitFitResult, options: ChartOptions = {}): VegaLiteSpec {
  return topLevel(nyquistPanel(fit, options), { title: options.title, subtitle: [circuitSummary(fit)] });
}

export function bodeChart(fit: CircuitFitResult, options: ChartOptions = {}): VegaLiteSpec {
  return topLevel({ vconcat: bodePanels(fit, options), spacing: 6 }, { title: options.title, subtitle: [circuitSummary(fit)] });
}
