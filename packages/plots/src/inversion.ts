/**
 * Distributions of relaxation times (core/inversion): the distribution on log τ with its bootstrap
 * band and its peaks marked, beside the data it was inverted from with the reconstruction and the
 * residuals — what a reader needs to judge whether a peak is in the data or in the regulariser.
 *
 *   relaxationDistributionChart  density (fraction per decade of τ, ∫ density d log10 τ = 1) on
 *                                log τ | the transient on log delay with the ILT's fit, residuals below
 *   drtChart                     γ(ln τ) in Ω on log τ | Nyquist of Z with the DRT's reconstruction,
 *                                (Z − Ẑ)/|Z| of Z′ and Z″ against frequency below
 *
 * The reconstruction drawn is core's own (`fitted`, `zFitReal_ohm`/`zFitImag_ohm`) at the measured
 * delays and frequencies, joined by lines: the chart evaluates no model of its own. Each peak is
 * marked at its maximum (`tau_s`) with the band's central interval of that position as a
 * horizontal bar, and labelled with its number; its τ, fraction (R for the DRT) and width ± 1σ are
 * in the tooltip and, for all peaks, in the subtitle.
 */
import { formatEstimate, formatQuantity, formatValueError, InputError, timeUnitFor } from '@relaxlab/core';
import type { DrtResult, PeakPosition, RelaxationDistribution, TimeUnit } from '@relaxlab/core';
import { delayUnitOf, wantsLogAxis } from './fitData';
import { impedanceRow, nyquistOf } from './impedance';
import { ChartOptions, DEFAULT_HEIGHT, JsonObject, topLevel, VegaLiteSpec } from './spec';
import { residualPanel } from './transient';

const r6 = (v: number): number => Number(v.toPrecision(6));
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const LINE_COLOR = '#1f77b4';
const FIT_COLOR = '#d62728';
const POINT_COLOR = '#222';
const PEAK_COLOR = '#d62728';
const RESIDUAL_HEIGHT = 90;
/** Width of each of the two side-by-side panels: together (~880 px with axes) they fit a notebook's output area, where two of 420 px scroll. */
const PANEL_WIDTH = 360;
/**
 * Labels of a log τ axis at whole decades only (as Vega's own log axis), '~g' above 1e-3 of the
 * unit (0.01, 1, 100) and a power of ten below it, where '~g' would write 0.00001.
 */
const DECADE_LABELS =
  "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) > 1e-6 ? '' : datum.value < 1e-3 ? format(datum.value, '.0e') : format(datum.value, '~g')";

export interface DistributionChartOptions extends ChartOptions {
  /** y title of the data panel (relaxationDistributionChart). Default 'signal (a.u.)'. */
  signalTitle?: string;
}

function checkKind(result: unknown, kind: string, field: string, made: string): void {
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
function wrapped(lines: string[], width = 110): string[] {
  return lines.flatMap((line) => {
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (current && current.length + 1 + word.length > width) {
        out.push(current);
        current = `  ${word}`;
      } else current = current ? `${current} ${word}` : word;
    }
    return [...out, current];
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

interface DistributionInput {
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
function distributionPanel(d: DistributionInput, width: number, height: number): JsonObject {
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
      peakText: `${q + 1}: τ = ${formatQuantity(tau, p.tau_s.stderr, 's')}`,
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
    axis: { title: `τ (${d.unit.unit})`, labelExpr: DECADE_LABELS, labelOverlap: false },
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

/** "2 peaks: 1 τ = 2.01 ± 0.04 ms (fraction 0.35 ± 0.01), 2 …". */
function peakLine(peaks: ReadonlyArray<{ tau_s: { value: number; stderr: number | null }; note: string }>): string {
  if (!peaks.length) return 'no peak';
  const items = peaks.map((p, q) => `${q + 1}: τ = ${formatQuantity(p.tau_s.value, p.tau_s.stderr, 's')} (${p.note})`);
  return `${peaks.length} peak${peaks.length > 1 ? 's' : ''} — ${items.join('; ')}`;
}

const lambdaText = (r: RelaxationDistribution | DrtResult) =>
  `λ = ${formatValueError(r.lambda)} (${r.regularisation.userSet ? 'set' : r.regularisation.method}), ` +
  `${Math.round(r.band.level * 100)} % band from ${r.band.replicates} ${r.band.method} bootstrap replicates`;

/** The transient with the ILT's reconstruction (log delay axis when it spans more than a decade) over its residuals. */
function transientPanels(r: RelaxationDistribution, unit: TimeUnit, options: DistributionChartOptions): JsonObject[] {
  const width = options.width ?? PANEL_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const delayText = (s: number) => `${Number((s * unit.perSecond).toPrecision(4))} ${unit.unit}`;
  const points = r.delay_s.map((t, i) => {
    const row: JsonObject = {
      delay: r6(t * unit.perSecond),
      signal: r6(r.signal[i]),
      fit: r6(r.fitted[i]),
      residual: r6(r.residuals[i]),
      delayText: delayText(t),
      signalText: formatValueError(r.signal[i], r.sigma ? r.sigma[i] : null),
      fitText: formatValueError(r.fitted[i]),
      residualText: formatValueError(r.residuals[i]),
    };
    if (r.sigma) {
      row.signalLow = r6(r.signal[i] - r.sigma[i]);
      row.signalHigh = r6(r.signal[i] + r.sigma[i]);
    }
    return row;
  });
  const curve = [...points].sort((a, b) => (a.delay as number) - (b.delay as number));
  const x = (axis: boolean): JsonObject => ({
    field: 'delay',
    type: 'quantitative',
    scale: wantsLogAxis(r.delay_s) ? { type: 'log' } : { zero: false },
    axis: axis ? { title: `delay (${unit.unit})`, format: '~g' } : { title: null, labels: false },
  });
  const signalTitle = options.signalTitle ?? 'signal (a.u.)';
  const tooltip = [
    { field: 'delayText', title: 'delay' },
    { field: 'signalText', title: r.sigma ? 'signal ± σ' : 'signal' },
    { field: 'fitText', title: 'ILT fit' },
    { field: 'residualText', title: 'residual' },
  ];
  const layer: JsonObject[] = [
    {
      data: { values: curve },
      mark: { type: 'line', color: FIT_COLOR, strokeWidth: 1.5 },
      encoding: { x: x(false), y: { field: 'fit', type: 'quantitative', title: signalTitle, scale: { zero: false } } },
    },
  ];
  if (r.sigma)
    layer.push({
      data: { values: points },
      mark: { type: 'rule', color: POINT_COLOR },
      encoding: { x: x(false), y: { field: 'signalLow', type: 'quantitative' }, y2: { field: 'signalHigh' } },
    });
  layer.push({
    data: { values: points },
    mark: { type: 'point', filled: true, color: POINT_COLOR },
    encoding: { x: x(false), y: { field: 'signal', type: 'quantitative', title: signalTitle }, tooltip },
  });
  return [{ width, height, layer }, residualPanel(points, x(true), width, RESIDUAL_HEIGHT)];
}

/**
 * A relaxation-time distribution (core relaxationDistribution) beside its transient: the density
 * on log τ with its band and numbered peaks, the data with the ILT's reconstruction and residuals.
 * Title: `options.title` (the sample); subtitle: λ and the band, the peaks (τ ± 1σ, fraction ± 1σ),
 * the mean log τ, and every warning (the unreliable-ILT regime among them) marked ⚠.
 */
export function relaxationDistributionChart(result: RelaxationDistribution, options: DistributionChartOptions = {}): VegaLiteSpec {
  checkKind(result, 'RelaxationDistribution', 'distribution', 'relaxationDistribution');
  const unit = delayUnitOf(result.delay_s);
  const peaks = result.peaks.map((p) => ({ ...p, note: `fraction ${formatEstimate(p.fraction)}` }));
  const panel = distributionPanel(
    {
      tau_s: result.tau_s,
      value: result.density,
      lower: result.lower,
      upper: result.upper,
      peaks,
      unit,
      yTitle: 'fraction per decade of τ',
      valueUnit: 'per decade',
      level: result.band.level,
    },
    options.width ?? PANEL_WIDTH,
    (options.height ?? DEFAULT_HEIGHT) + RESIDUAL_HEIGHT,
  );
  const mean = result.log10tauMean_s;
  const subtitle = [
    `${result.kernel}: ${lambdaText(result)}`,
    peakLine(peaks),
    `mean log10(τ/s) = ${formatEstimate(mean)} (τ = ${formatQuantity(10 ** mean.value, null, 's')}), SD ${formatEstimate(result.log10Width)} decades`,
    ...result.warnings.map((w) => `⚠ ${w}`),
  ];
  const inner: JsonObject = {
    hconcat: [panel, { vconcat: transientPanels(result, unit, options), spacing: 6, resolve: { scale: { x: 'shared' } } }],
    spacing: 28,
  };
  return topLevel(inner, { title: options.title, subtitle: wrapped(subtitle) });
}

/**
 * A DRT (core distributionOfRelaxationTimes) beside its spectrum: γ(ln τ) in Ω with its band and
 * numbered peaks; the Nyquist plot of the data with the reconstruction Ẑ on equal axes; the
 * relative residuals (Z − Ẑ)/|Z| of Z′ and Z″ in % against frequency. Subtitle: λ and the band, R∞
 * (and L, C when fitted), the peaks (τ, R ± 1σ), the residual level beside Lin-KK's, the warnings.
 */
export function drtChart(result: DrtResult, options: ChartOptions = {}): VegaLiteSpec {
  checkKind(result, 'DrtResult', 'drt', 'distributionOfRelaxationTimes');
  const peaks = result.peaks.map((p) => ({
    ...p,
    note: `R = ${formatEstimate(p.resistance_ohm, 'Ω')}, C = τ/R = ${formatValueError(p.capacitance_F)} F`,
  }));
  const size = options.height ?? DEFAULT_HEIGHT;
  const panel = distributionPanel(
    {
      tau_s: result.tau_s,
      value: result.gamma_ohm,
      lower: result.lower,
      upper: result.upper,
      peaks,
      unit: timeUnitFor(1),
      yTitle: 'γ (Ω)',
      valueUnit: 'Ω',
      level: result.band.level,
    },
    options.width ?? PANEL_WIDTH,
    size + RESIDUAL_HEIGHT,
  );
  const f = result.frequency_Hz;
  const percent = (v: number) => `${(100 * v).toFixed(2)} %`;
  const points = f.map((fi, i) =>
    impedanceRow(fi, result.zReal_ohm[i], result.zImag_ohm[i], {
      residualText: `${percent(result.residualsReal[i])}, ${percent(result.residualsImag[i])} of |Z|`,
    }),
  );
  const curve = f
    .map((fi, i) => impedanceRow(fi, result.zFitReal_ohm[i], result.zFitImag_ohm[i]))
    .sort((a, b) => (a.frequency as number) - (b.frequency as number));
  const nyquist = nyquistOf({ points, curve }, { height: size });
  const residualRows = (['Z′', 'Z″'] as const).flatMap((part) =>
    f.map((fi, i) => {
      const v = part === 'Z′' ? result.residualsReal[i] : result.residualsImag[i];
      return { frequency: r6(fi), residual: r6(100 * v), part, delayText: `${formatValueError(fi)} Hz`, residualText: percent(v) };
    }),
  );
  const residuals = residualPanel(
    residualRows,
    { field: 'frequency', type: 'quantitative', scale: { type: 'log' }, axis: { title: 'f (Hz)', format: '~g' } },
    size,
    RESIDUAL_HEIGHT,
    '(Z − Ẑ)/|Z| (%)',
  );
  // the two parts told apart by colour (the shared panel draws one colour)
  const residualLayers = residuals.layer as JsonObject[];
  const pointLayer = residualLayers[1] as { mark: JsonObject; encoding: JsonObject };
  pointLayer.mark = { type: 'point', filled: true, size: 24 };
  pointLayer.encoding = {
    ...pointLayer.encoding,
    color: { field: 'part', type: 'nominal', scale: { domain: ['Z′', 'Z″'], range: [POINT_COLOR, '#ff7f0e'] }, legend: { title: null } },
    tooltip: [
      { field: 'delayText', title: 'f' },
      { field: 'part', title: 'part' },
      { field: 'residualText', title: '(Z − Ẑ)/|Z|' },
    ],
  };
  const series = [`R∞ = ${formatEstimate(result.R_inf_ohm, 'Ω')}`];
  if (result.inductance_H) series.push(`L = ${formatEstimate(result.inductance_H, 'H')}`);
  if (result.capacitance_F) series.push(`C = ${formatEstimate(result.capacitance_F, 'F')}`);
  series.push(`∫γ = ${formatEstimate(result.polarisation_ohm, 'Ω')}`);
  const subtitle = [
    `DRT of ${result.part === 'both' ? 'Z′ and Z″' : result.part === 'real' ? 'Z′' : 'Z″'}: ${lambdaText(result)}`,
    `${series.join(', ')}; RMS (Z − Ẑ)/|Z| ${percent(result.rmsResidual)} (Lin-KK ${percent(result.linKKRmsResidual)})`,
    peakLine(peaks),
    ...result.warnings.map((w) => `⚠ ${w}`),
  ];
  const inner: JsonObject = { hconcat: [panel, { vconcat: [nyquist, residuals], spacing: 10 }], spacing: 28 };
  return topLevel(inner, { title: options.title, subtitle: wrapped(subtitle) });
}
