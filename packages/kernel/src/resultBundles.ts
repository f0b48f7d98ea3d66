/**
 * MIME bundles of the temperature and impedance results: each is the result's JSON with its
 * `kind` (the RelaxLab payload), its chart, the physics as an escaped HTML table and as text.
 * Payload shapes are documented in mime.ts.
 */
import {
  ARRHENIUS_QUANTITY_SYMBOLS,
  ARRHENIUS_QUANTITY_UNITS,
  crossLinkReport,
  rateArrheniusReport,
  ratePeakFlanksReport,
  crossLinkRows,
  fitReport,
  formatNumber,
  InputError,
  KINK_TEST_NOTE,
  kinkTestSummary,
  RELAXLAB_RESULT_MIME,
  RESULT_SCHEMA,
  VEGALITE_V5_MIME,
} from '@relaxlab/core';
import type {
  ArrheniusResult,
  CircuitFitResult,
  ConductivitySpectrum,
  CrossLinkResult,
  JointBppResult,
  JonscherIsotherms,
  JonscherResult,
  LinewidthSeries,
  LineNarrowingResult,
  RateAnalysis,
  RateArrheniusResult,
  RatePeakFlanks,
  RateSeries,
  SegmentedArrheniusResult,
} from '@relaxlab/core';
import {
  arrheniusChart,
  arrheniusFitLine,
  arrheniusFitPoints,
  conductivityIsothermChart,
  crossLinkChart,
  flankLines,
  impedanceChart,
  jointBppChart,
  lineNarrowingChart,
  rateArrheniusChart,
  rateArrheniusLines,
  rateLineName,
  segmentedArrheniusChart,
  sigmaTArrheniusChart,
} from '@relaxlab/plots';
import type { VegaLiteSpec } from '@relaxlab/plots';
import type { MimeBundle } from './display';
import { escapeHtml } from './html';
import { SummaryRow, summaryHtml, summaryText } from './summary';

export interface ResultShowOptions {
  sample?: string;
  /**
   * The data a result was fitted on: RateSeries for flanks (which keep only their windows); for a
   * BPP or line-narrowing fit, RateSeries / LinewidthSeries drawn instead of the result's own
   * points, and kept in the payload beside it.
   */
  series?: RateSeries | RateSeries[] | LinewidthSeries;
  /** Whole measured σ′(ν) spectra beside Jonscher fits (same order). */
  spectra?: Array<Pick<ConductivitySpectrum, 'frequency_Hz' | 'sigmaReal_S_per_cm'> | null>;
  /** Legend text of the data (Arrhenius and σT charts). */
  label?: string;
}

/** JSON exactly as the notebook stores it (NaN and ±Infinity become null). */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function bundle(payload: object, spec: VegaLiteSpec, html: string, text: string, sample: string | undefined): MimeBundle {
  const withSample = sample !== undefined ? { ...payload, sample } : payload;
  return {
    [RELAXLAB_RESULT_MIME]: asJson(withSample),
    [VEGALITE_V5_MIME]: asJson(spec),
    'text/html': html,
    'text/plain': sample !== undefined ? `${sample}\n${text}` : text,
  };
}

function energyRows(
  prefix: string,
  e: {
    activationEnergy_eV: { value: number; stderr: number | null };
    activationEnergy_kJ_per_mol: { value: number; stderr: number | null };
  },
): SummaryRow[] {
  return [{ quantity: `${prefix}Ea`, value: e.activationEnergy_eV, unit: 'eV', note: `${kJText(e.activationEnergy_kJ_per_mol)} kJ/mol` }];
}

const kJText = (e: { value: number; stderr: number | null }) =>
  e.stderr === null ? `${e.value.toPrecision(4)}` : `${e.value.toFixed(1)} ± ${e.stderr.toFixed(1)}`;

function seriesList(series: ResultShowOptions['series'], field: string): RateSeries[] | undefined {
  if (series === undefined) return undefined;
  const list = Array.isArray(series) ? series : [series];
  if (list.some((s) => !Array.isArray((s as RateSeries).points) || !('experiment' in s))) {
    throw new InputError('not rate series', { field, expected: 'the RateSeries the result was fitted on (readRateSeries)' });
  }
  return list as RateSeries[];
}

export function arrheniusBundle(result: ArrheniusResult | SegmentedArrheniusResult, options: ResultShowOptions): MimeBundle {
  const [quantity, unit] = [ARRHENIUS_QUANTITY_SYMBOLS[result.quantity], ARRHENIUS_QUANTITY_UNITS[result.quantity]];
  const label = options.label ?? quantity;
  const spec =
    result.quantity === 'sigmaT'
      ? sigmaTArrheniusChart([{ result, label }], { title: options.sample })
      : result.kind === 'ArrheniusResult'
        ? arrheniusChart(
            { points: arrheniusFitPoints(result, label), lines: [arrheniusFitLine(result, label)] },
            { title: options.sample, quantity, unit },
          )
        : segmentedArrheniusChart(result, label, { title: options.sample, quantity, unit });
  const rows: SummaryRow[] = [];
  if (result.kind === 'ArrheniusResult') {
    rows.push(
      ...energyRows('', result),
      { quantity: 'log10 A', value: result.log10Prefactor, note: `A in ${unit}` },
      { quantity: 'window', value: `${result.window_K[0].toFixed(1)}–${result.window_K[1].toFixed(1)} K`, note: `${result.n} points` },
    );
  } else {
    const roman = ['I', 'II', 'III'];
    result.segments.forEach((s, k) =>
      rows.push({
        quantity: `Ea regime ${roman[k]}`,
        value: s.activationEnergy_eV,
        unit: 'eV',
        note: `${s.temperatureRange_K[0].toFixed(0)}–${s.temperatureRange_K[1].toFixed(0)} K, ${s.n} points`,
      }),
    );
    result.breakpoints.forEach((b, k) =>
      rows.push({
        quantity: `kink ${k + 1}`,
        value: b.temperature_K,
        unit: 'K',
        note: `95 % CI ${b.ci95_K[0].toFixed(1)}–${b.ci95_K[1].toFixed(1)} K`,
      }),
    );
    rows.push({
      quantity: 'segments',
      value: String(result.chosenSegments),
      note: `by BIC among ${result.bic.map((b) => b.segments).join(', ')}`,
    });
    rows.push(kinkTestRow(result));
  }
  const title = `Arrhenius fit of ${quantity}${result.kind === 'SegmentedArrheniusResult' ? ` (${result.chosenSegments} segment${result.chosenSegments > 1 ? 's' : ''})` : ''}`;
  return bundle(
    result,
    spec,
    summaryHtml({ sample: options.sample, title, rows, fit: result.fit, warnings: result.warnings }),
    `${summaryText('Arrhenius', rows)}\n${fitReport(result.fit)}`,
    options.sample,
  );
}

/** Davies' test of one kink against one straight line: BIC lets spurious kinks through, this p is calibrated. */
function kinkTestRow(result: SegmentedArrheniusResult): SummaryRow {
  const summary = kinkTestSummary(result);
  return { quantity: 'kink test (Davies)', value: summary.text, ...(summary.test && { note: KINK_TEST_NOTE }) };
}

function flankRows(flanks: RatePeakFlanks, prefix = ''): SummaryRow[] {
  const rows: SummaryRow[] = [
    { quantity: `${prefix}rate maximum`, value: `${flanks.peakRate_per_s.toPrecision(4)} s⁻¹ at ${flanks.peakTemperature_K.toFixed(1)} K` },
  ];
  for (const [name, flank] of [
    ['low-T flank', flanks.lowTemperature],
    ['high-T flank', flanks.highTemperature],
  ] as const) {
    if (flank)
      rows.push({
        quantity: `${prefix}${name} Ea`,
        value: flank.arrhenius.activationEnergy_eV,
        unit: 'eV',
        note: `${flank.window_K[0].toFixed(0)}–${flank.window_K[1].toFixed(0)} K, ${flank.arrhenius.n} points`,
      });
  }
  return rows;
}

export function flanksBundle(flanks: RatePeakFlanks, options: ResultShowOptions): MimeBundle {
  const series = seriesList(options.series, 'series');
  const label = options.label ?? series?.[0]?.label ?? 'rate';
  const spec = series
    ? rateArrheniusChart({ series: series.slice(0, 1).map((s) => ({ ...s, label })), flanks: [flanks] }, { title: options.sample })
    : arrheniusChart(
        {
          points: [flanks.lowTemperature, flanks.highTemperature].flatMap((f) => (f ? arrheniusFitPoints(f.arrhenius, label) : [])),
          lines: flankLines(flanks, label),
        },
        { title: options.sample, quantity: 'relaxation rate', unit: 's⁻¹' },
      );
  const rows = flankRows(flanks);
  return bundle(
    flanks,
    spec,
    summaryHtml({ sample: options.sample, title: 'Rate-peak flanks', rows, warnings: flanks.warnings }),
    `${summaryText('Rate-peak flanks', rows)}\n${ratePeakFlanksReport(flanks)}`,
    options.sample,
  );
}

function bppRows(result: JointBppResult): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (result.activationEnergy_eV && result.activationEnergy_kJ_per_mol)
    rows.push(
      ...energyRows('', {
        activationEnergy_eV: result.activationEnergy_eV,
        activationEnergy_kJ_per_mol: result.activationEnergy_kJ_per_mol,
      }),
    );
  if (result.tau0_s) rows.push({ quantity: 'τ0', value: result.tau0_s, unit: 's' });
  if (result.beta) rows.push({ quantity: 'β', value: result.beta });
  if (result.lowTemperatureFlank_eV) rows.push({ quantity: 'low-T flank (β − 1)·Ea', value: result.lowTemperatureFlank_eV, unit: 'eV' });
  if (result.ngaiCoupling) rows.push({ quantity: 'Ngai n = 2 − β', value: result.ngaiCoupling });
  for (const d of result.datasets) {
    if (d.peak?.temperature_K)
      rows.push({
        quantity: `${d.label}: rate maximum`,
        value: d.peak.temperature_K,
        unit: 'K',
        note: `ωτc = ${d.peak.omegaTau.toFixed(3)}`,
      });
  }
  return rows;
}

export function jointBppBundle(result: JointBppResult, options: ResultShowOptions): MimeBundle {
  const series = seriesList(options.series, 'series');
  const spec = jointBppChart(result, series, { title: options.sample });
  const rows = bppRows(result);
  const payload = series ? { ...result, series } : result;
  const title = `Joint BPP fit: ${result.spectralDensity}, ${result.convention} rate expressions, shared ${result.share.join(', ')}`;
  return bundle(
    payload,
    spec,
    summaryHtml({ sample: options.sample, title, rows, fit: result.fit, warnings: result.warnings }),
    `${fitReport(result.fit)}\n${summaryText('Physics', rows)}`,
    options.sample,
  );
}

/** One row per Arrhenius line of a rate series: its Ea, window and number of points. */
function rateLineRows(result: RateArrheniusResult, prefix: string): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (result.peak)
    rows.push({
      quantity: `${prefix}rate maximum`,
      value: `${result.peak.rate_per_s.toPrecision(4)} s⁻¹ at ${result.peak.temperature_K.toFixed(1)} K`,
    });
  for (const line of result.lines) {
    rows.push({
      quantity: `${prefix}${rateLineName(line)} Ea`,
      value: line.arrhenius.activationEnergy_eV,
      unit: 'eV',
      note: `${line.window_K[0].toFixed(0)}–${line.window_K[1].toFixed(0)} K, ${line.arrhenius.n} points`,
    });
  }
  return rows;
}

export function rateArrheniusBundle(result: RateArrheniusResult, options: ResultShowOptions): MimeBundle {
  const label = options.label ?? result.series;
  const p = result.points;
  const points = p.temperature_K.map((t, i) => ({ temperature_K: t, value: p.value[i], sigma: p.sigma ? p.sigma[i] : null, label }));
  const spec = arrheniusChart(
    { points, lines: rateArrheniusLines(result, label) },
    { title: options.sample, quantity: 'relaxation rate', unit: 's⁻¹' },
  );
  const rows = rateLineRows(result, '');
  return bundle(
    result,
    spec,
    summaryHtml({ sample: options.sample, title: `Arrhenius lines of ${result.series}`, rows, warnings: result.warnings }),
    `${summaryText('Rate Arrhenius', rows)}\n${rateArrheniusReport(result)}`,
    options.sample,
  );
}

export function rateAnalysisBundle(analysis: RateAnalysis, options: ResultShowOptions): MimeBundle {
  const sample = options.sample ?? analysis.sample;
  const spec = analysis.bpp
    ? jointBppChart(analysis.bpp, analysis.series, { title: sample })
    : rateArrheniusChart({ series: analysis.series, arrhenius: analysis.arrhenius }, { title: sample });
  const rows = analysis.arrhenius.flatMap((a) => rateLineRows(a, `${a.series}: `));
  if (analysis.bpp) rows.push(...bppRows(analysis.bpp));
  const warnings = [
    ...analysis.arrhenius.flatMap((a) => a.warnings.map((w) => `${a.series}: ${w}`)),
    ...analysis.warnings,
    ...(analysis.bpp?.warnings ?? []),
  ];
  const text = [
    summaryText('Rates', rows),
    ...analysis.arrhenius.map((a) => rateArrheniusReport(a)),
    ...(analysis.bpp ? [fitReport(analysis.bpp.fit)] : []),
  ].join('\n');
  const title = `${analysis.series.length} rate series${analysis.bpp ? `, joint ${analysis.bpp.spectralDensity} fit` : ''}`;
  return bundle(analysis, spec, summaryHtml({ sample, title, rows, fit: analysis.bpp?.fit, warnings }), text, sample);
}

/**
 * The widths come from the result (fitLineNarrowing keeps them); `series`, the LinewidthSeries the
 * fit was made on, is drawn instead when given, and rides in the payload.
 */
export function lineNarrowingBundle(result: LineNarrowingResult, options: ResultShowOptions): MimeBundle {
  const series = options.series as LinewidthSeries | undefined;
  if (series !== undefined && (Array.isArray(series) || !Array.isArray(series.points))) {
    throw new InputError('not a line-width series', {
      field: 'series',
      expected: 'the LinewidthSeries given to fitLineNarrowing (readLinewidths), or no series',
      found: Array.isArray(series) ? `an array of ${series.length}` : typeof series,
    });
  }
  const spec = lineNarrowingChart(result, series, { title: options.sample });
  const rows: SummaryRow[] = [...energyRows('', result), { quantity: 'τ0', value: result.tau0_s, unit: 's' }];
  if (result.abragamAlpha) rows.push(abragamAlphaRow(result.abragamAlpha));
  rows.push(
    { quantity: 'rigid-lattice width W', value: result.rigidLatticeWidth_Hz, unit: 'Hz' },
    { quantity: 'narrowed width D', value: result.narrowedWidth_Hz, unit: 'Hz' },
  );
  if (result.inflection) rows.push({ quantity: 'τc⁻¹ = 2πW at', value: result.inflection.temperature_K, unit: 'K', note: 'inflection' });
  if (result.onset)
    rows.push({ quantity: 'onset', value: result.onset.temperature_K, unit: 'K', note: `width down by ${result.onset.fraction} of W − D` });
  if (result.waughFedin)
    rows.push({ quantity: 'Waugh–Fedin Ea', value: result.waughFedin.activationEnergy_eV, unit: 'eV', note: '1.617e-3 eV/K · T_onset' });
  const payload = series ? { ...result, series } : result;
  return bundle(
    payload,
    spec,
    summaryHtml({ sample: options.sample, title: `Line narrowing (${result.model})`, rows, fit: result.fit, warnings: result.warnings }),
    `${fitReport(result.fit)}\n${summaryText('Physics', rows)}`,
    options.sample,
  );
}

/** Abragam's α as used: "1 (fixed)" when held, "x ± σ" when fitted (with τ0 fixed), and where it came from. */
function abragamAlphaRow(alpha: NonNullable<LineNarrowingResult['abragamAlpha']>): SummaryRow {
  return {
    quantity: 'Abragam α',
    value: alpha.vary ? { value: alpha.value, stderr: alpha.stderr } : `${formatNumber(alpha.value, 6)} (fixed)`,
    note: alpha.note,
  };
}

export function circuitBundle(fit: CircuitFitResult, options: ResultShowOptions): MimeBundle {
  const spec = impedanceChart(fit, { title: options.sample });
  const rows: SummaryRow[] = Object.entries(fit.parameters).map(([name, p]) => ({
    quantity: name,
    value: { value: p.value, stderr: p.stderr },
    unit: p.unit,
  }));
  const title = `Circuit ${fit.circuit}, ${fit.weighting} weighting${fit.temperature_K !== undefined ? `, ${fit.temperature_K.toFixed(1)} K` : ''}`;
  return bundle(
    fit,
    spec,
    summaryHtml({ sample: options.sample, title, rows, fit: fit.fit, warnings: fit.warnings }),
    `${fitReport(fit.fit)}`,
    options.sample,
  );
}

function jonscherRows(fit: JonscherResult, prefix = ''): SummaryRow[] {
  return [
    { quantity: `${prefix}σDC`, value: fit.sigmaDC_S_per_cm, unit: 'S/cm' },
    { quantity: `${prefix}νc`, value: fit.crossoverFrequency_Hz, unit: 'Hz' },
    { quantity: `${prefix}p`, value: fit.exponent },
  ];
}

export function jonscherBundle(fits: JonscherResult[], options: ResultShowOptions): MimeBundle {
  const spec = conductivityIsothermChart(fits, { title: options.sample, ...(options.spectra && { spectra: options.spectra }) });
  const rows = fits.flatMap((f, k) =>
    jonscherRows(f, fits.length > 1 ? `${f.temperature_K !== undefined ? `${f.temperature_K.toFixed(1)} K` : `#${k + 1}`}: ` : ''),
  );
  const isotherms: JonscherIsotherms = { schema: RESULT_SCHEMA, kind: 'JonscherIsotherms', fits };
  const payload = fits.length === 1 ? fits[0] : isotherms;
  const warnings = fits.flatMap((f) => f.warnings);
  const title = 'Jonscher σ′ = σDC[1 + (ν/νc)^p]';
  return bundle(
    payload,
    spec,
    summaryHtml({ sample: options.sample, title, rows, fit: fits.length === 1 ? fits[0].fit : undefined, warnings }),
    summaryText('Jonscher', rows),
    options.sample,
  );
}

export function crossLinkBundle(result: CrossLinkResult, options: ResultShowOptions): MimeBundle {
  const spec = crossLinkChart(result, { title: options.sample });
  const cell = (text: string, tag = 'td') => `<${tag}>${escapeHtml(text)}</${tag}>`;
  // crossLinkRows: the table with the σT kinks and Davies' test of them, the rows every face shows
  const table = `<table class="relaxlab-crosslink"><thead><tr>${['quantity', result.nmrLabel, result.conductivityLabel, 'note'].map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>${crossLinkRows(
    result,
  )
    .map((r) => `<tr>${[r.quantity, r.nmr, r.conductivity, r.note].map((t) => cell(t)).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const html = summaryHtml({ sample: options.sample, title: 'NMR ↔ DC cross-link', rows: [], extra: table, warnings: result.warnings });
  return bundle(result, spec, html, crossLinkReport(result), options.sample);
}
