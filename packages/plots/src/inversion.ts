/**
 * Distributions of relaxation times (core/inversion): the distribution on log τ with its bootstrap
 * band and its peaks marked, beside the data it was inverted from with the reconstruction and the
 * residuals — what a reader needs to judge whether a peak is in the data or in the regulariser.
 *
 *   relaxationDistributionChart  density (fraction per decade of τ, ∫ density d log10 τ = 1) on
 *                                log τ | the transient on log delay with the ILT's fit, residuals below
 *   drtChart                     γ(ln τ) in Ω on log τ | Nyquist of Z with the DRT's reconstruction
 *                                (or Z′ and −Z″ against frequency, log–log, where a Nyquist plot
 *                                would hide the arcs), (Z − Ẑ)/|Z| of Z′ and Z″ against frequency below
 *
 * The reconstruction drawn is core's own (`fitted`, `zFitReal_ohm`/`zFitImag_ohm`) at the measured
 * delays and frequencies, joined by lines: the chart evaluates no model of its own. Each peak is
 * marked at its maximum (`tau_s`) with the band's central interval of that position as a
 * horizontal bar, and labelled with its number; its τ, fraction (R for the DRT) and width ± 1σ are
 * in the tooltip and, for all peaks, in the subtitle.
 */
import { formatEstimate, formatQuantity, formatValueError, timeUnitFor } from '@relaxlab/core';
import type { DrtResult, RelaxationDistribution, TimeUnit } from '@relaxlab/core';
import {
  checkKind,
  decadeLabels,
  distributionPanel,
  FIT_COLOR,
  lambdaText,
  PANEL_WIDTH,
  peakLine,
  POINT_COLOR,
  r6,
  RESIDUAL_HEIGHT,
  wrapped,
} from './distribution';
import { delayUnitOf, wantsLogAxis } from './fitData';
import { impedanceRow, nyquistOf } from './impedance';
import { ChartOptions, DEFAULT_HEIGHT, JsonObject, topLevel, VegaLiteSpec } from './spec';
import { residualPanel } from './transient';

export interface DistributionChartOptions extends ChartOptions {
  /** y title of the data panel (relaxationDistributionChart). Default 'signal (a.u.)'. */
  signalTitle?: string;
}

export interface DrtChartOptions extends ChartOptions {
  /**
   * The spectrum beside γ: 'nyquist' (−Z″ vs Z′ on equal axes) or 'frequency' (Z′ and −Z″ against
   * f, log–log). Default: 'frequency' when a series capacitance was fitted or |Z| spans more than
   * two decades (a blocking electrode's spike or a large low-frequency arc squeezes the other
   * arcs of a Nyquist plot into its corner), else 'nyquist'.
   */
  spectrum?: 'nyquist' | 'frequency';
}

/** Z′ and Z″ told apart by colour in the spectrum and residual panels (one legend). */
const PART_COLOR = {
  field: 'part',
  type: 'nominal',
  scale: { domain: ['Z′', 'Z″'], range: [POINT_COLOR, '#ff7f0e'] },
  legend: { title: null },
};

/** Z′ and −Z″ of the data (points) and of the reconstruction (lines) against frequency, log–log; −Z″ ≤ 0 (inductive points) cannot be drawn there and is left out of this panel only. */
function frequencyPanel(r: DrtResult, size: number): JsonObject {
  const rows = (part: 'Z′' | 'Z″', re: number[], im: number[]) =>
    r.frequency_Hz.flatMap((f, i) => {
      const v = part === 'Z′' ? re[i] : -im[i];
      return v > 0
        ? [{ frequency: r6(f), value: r6(v), part, frequencyText: `${formatValueError(f)} Hz`, valueText: `${formatValueError(v)} Ω` }]
        : [];
    });
  const data = [...rows('Z′', r.zReal_ohm, r.zImag_ohm), ...rows('Z″', r.zReal_ohm, r.zImag_ohm)];
  const fit = [...rows('Z′', r.zFitReal_ohm, r.zFitImag_ohm), ...rows('Z″', r.zFitReal_ohm, r.zFitImag_ohm)];
  const x = { field: 'frequency', type: 'quantitative', scale: { type: 'log' }, axis: { title: null, labels: false } };
  // decades labelled with SI prefixes: 100, 1k, 10k, 1M (Ω)
  const labelExpr = decadeLabels(
    data.map((d) => d.value),
    2 * size,
    "format(datum.value, '~s')",
  );
  const y = {
    field: 'value',
    type: 'quantitative',
    scale: { type: 'log' },
    title: 'Z′, −Z″ (Ω)',
    axis: { labelExpr, labelOverlap: false },
  };
  const tooltip = [
    { field: 'frequencyText', title: 'f' },
    { field: 'part', title: 'part' },
    { field: 'valueText', title: 'value (−Z″ for Z″)' },
  ];
  return {
    width: size,
    height: size,
    layer: [
      {
        data: { values: fit },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y, color: PART_COLOR, detail: { field: 'part' }, order: { field: 'frequency', type: 'quantitative' } },
      },
      { data: { values: data }, mark: { type: 'point', size: 24 }, encoding: { x, y, color: PART_COLOR, tooltip } },
    ],
  };
}

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
 * The ILT beside the usual fits of the same data (core's comparison, the ILT entering with its
 * effective dof): the fit BIC prefers, the ILT's ΔBIC to it, and the stretched fit's β and the SNR
 * the unreliability rule used — one line, none without a comparison.
 */
function comparisonLine(r: RelaxationDistribution): string[] {
  const c = r.comparison;
  if (!c) return [];
  const ilt = c.rows.find((row) => row.label.startsWith('ILT'));
  const parts = [`beside the usual fits: ${c.preferred} preferred by BIC`];
  if (ilt && ilt.label !== c.preferred) parts.push(`ILT ΔBIC ${ilt.deltaBic.toFixed(1)}`);
  if (r.stretchedBeta !== undefined) parts.push(`stretched fit β = ${r.stretchedBeta.toFixed(2)}`);
  if (r.snr !== undefined) parts.push(`SNR ${r.snr.toFixed(0)}`);
  return [parts.join('; ')];
}

/**
 * A relaxation-time distribution (core relaxationDistribution) beside its transient: the density
 * on log τ with its band and numbered peaks, the data with the ILT's reconstruction and residuals.
 * Title: `options.title` (the sample); subtitle: λ and the band, the peaks (τ ± 1σ, fraction ± 1σ),
 * the mean log τ, the comparison with the usual fits, and every warning (the unreliable-ILT regime
 * among them) marked ⚠.
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
    peakLine(peaks, result.tau_s),
    `mean log10(τ/s) = ${formatEstimate(mean)} (τ = ${formatQuantity(10 ** mean.value, null, 's')}), SD ${formatEstimate(result.log10Width)} decades; amplitude ${formatEstimate(result.amplitude)}${result.offset ? `, offset ${formatEstimate(result.offset)}` : ''}`,
    ...comparisonLine(result),
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
 * numbered peaks; the data with the reconstruction Ẑ (Nyquist on equal axes, or Z′ and −Z″
 * against f: DrtChartOptions.spectrum); the
 * relative residuals (Z − Ẑ)/|Z| of Z′ and Z″ in % against frequency. Subtitle: λ and the band, R∞
 * (and L, C when fitted), the peaks (τ, R ± 1σ), the residual level beside Lin-KK's, the warnings.
 */
export function drtChart(result: DrtResult, options: DrtChartOptions = {}): VegaLiteSpec {
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
  const moduli = f.map((_, i) => Math.hypot(result.zReal_ohm[i], result.zImag_ohm[i]));
  const view =
    options.spectrum ?? (result.capacitance_F !== undefined || Math.max(...moduli) > 100 * Math.min(...moduli) ? 'frequency' : 'nyquist');
  const spectrum = view === 'nyquist' ? nyquistOf({ points, curve }, { height: size }) : frequencyPanel(result, size);
  const residualRows = (['Z′', 'Z″'] as const).flatMap((part) =>
    f.map((fi, i) => {
      const v = part === 'Z′' ? result.residualsReal[i] : result.residualsImag[i];
      return { frequency: r6(fi), residual: r6(100 * v), part, delayText: `${formatValueError(fi)} Hz`, residualText: percent(v) };
    }),
  );
  const residuals = residualPanel(
    residualRows,
    {
      field: 'frequency',
      type: 'quantitative',
      scale: { type: 'log' },
      axis: { title: 'f (Hz)', labelExpr: decadeLabels(f, size, "format(datum.value, '~s')"), labelOverlap: false },
    },
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
    color: PART_COLOR,
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
    peakLine(peaks, result.tau_s),
    ...result.warnings.map((w) => `⚠ ${w}`),
  ];
  const right: JsonObject =
    view === 'nyquist'
      ? { vconcat: [spectrum, residuals], spacing: 10 }
      : { vconcat: [spectrum, residuals], spacing: 6, resolve: { scale: { x: 'shared' } } };
  const inner: JsonObject = { hconcat: [panel, right], spacing: 28 };
  return topLevel(inner, { title: options.title, subtitle: wrapped(subtitle) });
}
