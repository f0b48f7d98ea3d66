/**
 * A result as a Jupyter MIME bundle: the RelaxLab payload for the JupyterLab plugin, a Vega-Lite
 * v5 chart and an HTML table for a plain JupyterLab, and the lmfit-style report as text/plain
 * for everything else (nbconvert to text, the console, a diff of the notebook).
 *
 * The payload (`application/vnd.relaxlab.result+json`) is always a JSON object with `kind`; the
 * JupyterLab plugin switches on it. It is the result as core returns it (NaN/±Infinity as null),
 * plus `sample` (string) when the user named one, plus what the chart needed and the result does
 * not keep:
 * - 'FitResult': a fit (fitTransient, curveFit).
 * - 'TransientAnalysis': { transient, best, fits (without dense curves), comparison }.
 * - 'ArrheniusResult', 'SegmentedArrheniusResult': fitArrhenius / fitSegmentedArrhenius /
 *   fitConductivityArrhenius (quantity 'sigmaT' is drawn as σT with its regimes).
 * - 'RatePeakFlanks': findRatePeakFlanks.
 * - 'RateArrheniusResult': rateSeriesArrhenius / fitRateArrhenius (its rates in `points`).
 * - 'RateAnalysis': analyzeRates — { series: RateSeries[], arrhenius: RateArrheniusResult[], bpp: JointBppResult | null, warnings }.
 * - 'JointBppResult': fitJointBpp (its points in `datasets[].points`), plus `series: RateSeries[]`
 *   when show() was given them.
 * - 'LineNarrowingResult': fitLineNarrowing (its widths in `points`, Abragam's α in
 *   `abragamAlpha`), plus `series: LinewidthSeries` when show() was given them.
 * - 'CircuitFitResult': fitCircuit.
 * - 'ImpedanceSpectrumAnalysis', 'ImpedanceSeriesAnalysis': analyzeImpedanceSpectrum / analyzeImpedanceSeries.
 * - 'JonscherResult': one fitJonscher result; 'JonscherIsotherms': { fits: JonscherResult[] } for several.
 * - 'CrossLinkResult': crossLink.
 * - 'TrajectoryTransport': analyzeTrajectory (mdBundles.ts).
 * - 'RelaxationDistribution', 'DrtResult': relaxationDistribution / distributionOfRelaxationTimes.
 */
import {
  fitLabel,
  fitReport,
  InputError,
  migrateResult,
  modelComparisonReport,
  RELAXLAB_RESULT_MIME,
  RESULT_SCHEMA,
  VEGALITE_V5_MIME,
} from '@relaxlab/core';
import type {
  AnalysisResult,
  ArrheniusResult,
  CircuitFitResult,
  CrossLinkResult,
  TrajectoryTransport,
  DrtResult,
  FitResult,
  ImpedanceSeriesAnalysis,
  ImpedanceSpectrumAnalysis,
  JointBppResult,
  JonscherResult,
  LineNarrowingResult,
  ModelComparison,
  RateAnalysis,
  RateArrheniusResult,
  RatePeakFlanks,
  RelaxationDistribution,
  SegmentedArrheniusResult,
  TransientAnalysis,
} from '@relaxlab/core';
import { transientComparisonChart, transientFitChart } from '@relaxlab/plots';
import type { VegaLiteSpec } from '@relaxlab/plots';
import type { MimeBundle } from './display';
import { comparisonTableHtml, fitHtml } from './html';
import { impedanceSeriesBundle, impedanceSpectrumBundle } from './impedanceBundles';
import { trajectoryTransportBundle } from './mdBundles';
import { drtBundle, relaxationDistributionBundle } from './inversionBundles';
import {
  arrheniusBundle,
  asJson,
  circuitBundle,
  crossLinkBundle,
  flanksBundle,
  jointBppBundle,
  jonscherBundle,
  lineNarrowingBundle,
  rateAnalysisBundle,
  rateArrheniusBundle,
  ResultShowOptions,
} from './resultBundles';

/** What show() can display: any analysis result, a model comparison, several Jonscher fits. */
export type Displayable = AnalysisResult | { fits: FitResult[]; comparison: ModelComparison } | JonscherResult[];

/**
 * sample: the sample name, shown above the result (as text, never as markup); series, spectra,
 * label: the data a result was fitted on, where its chart needs them (see ResultShowOptions).
 */
export interface ShowOptions extends ResultShowOptions {
  /**
   * Also send the chart as image/png (toPNG, 2× density, shown at its SVG size), a second output
   * for viewers that do not draw Vega-Lite; show() then returns a Promise to await. Off by
   * default: a PNG adds 100–200 kB (base64) to the saved notebook for every output.
   */
  png?: boolean;
}

function fitBundle(fit: FitResult, sample: string | undefined): MimeBundle {
  const spec: VegaLiteSpec = transientFitChart(fit, { title: sample });
  const text = sample !== undefined ? `${sample}\n${fitReport(fit)}` : fitReport(fit);
  const payload = sample !== undefined ? { ...fit, sample } : fit;
  return {
    [RELAXLAB_RESULT_MIME]: asJson(payload),
    [VEGALITE_V5_MIME]: asJson(spec),
    'text/html': fitHtml(fit, sample),
    'text/plain': text,
  };
}

function analysisBundle(analysis: TransientAnalysis, sample: string | undefined): MimeBundle {
  const { best, comparison } = analysis;
  const spec = transientComparisonChart(best, comparison, { title: sample });
  const html = fitHtml(best, sample, comparison.verdict) + comparisonTableHtml(comparison);
  const text = [sample, `Preferred: ${comparison.preferred}`, fitReport(best), modelComparisonReport(comparison)]
    .filter((s) => s !== undefined)
    .join('\n');
  // the candidates go without their dense curves (the preferred one keeps its curve in `best`):
  // five curves of 200 points would multiply the size of every saved notebook
  const fits = analysis.fits.map(({ curve: _curve, ...fit }) => fit);
  const payload = { ...analysis, fits, ...(sample !== undefined ? { sample } : {}) };
  return { [RELAXLAB_RESULT_MIME]: asJson(payload), [VEGALITE_V5_MIME]: asJson(spec), 'text/html': html, 'text/plain': text };
}

const isFit = (r: Displayable): r is FitResult => (r as FitResult).kind === 'FitResult';
const isAnalysis = (r: Displayable): r is TransientAnalysis => (r as TransientAnalysis).kind === 'TransientAnalysis';
const isComparison = (r: Displayable): r is { fits: FitResult[]; comparison: ModelComparison } =>
  Array.isArray((r as { fits?: unknown }).fits) && typeof (r as { comparison?: unknown }).comparison === 'object';

/** The bundle of every result kind that carries its own chart: one entry per kind (its payload type in core). */
const BUNDLE_OF_KIND: Record<string, (result: never, options: ResultShowOptions) => MimeBundle> = {
  ArrheniusResult: (r: ArrheniusResult, o) => arrheniusBundle(r, o),
  SegmentedArrheniusResult: (r: SegmentedArrheniusResult, o) => arrheniusBundle(r, o),
  RatePeakFlanks: (r: RatePeakFlanks, o) => flanksBundle(r, o),
  RateArrheniusResult: (r: RateArrheniusResult, o) => rateArrheniusBundle(r, o),
  RateAnalysis: (r: RateAnalysis, o) => rateAnalysisBundle(r, o),
  JointBppResult: (r: JointBppResult, o) => jointBppBundle(r, o),
  LineNarrowingResult: (r: LineNarrowingResult, o) => lineNarrowingBundle(r, o),
  CircuitFitResult: (r: CircuitFitResult, o) => circuitBundle(r, o),
  ImpedanceSpectrumAnalysis: (r: ImpedanceSpectrumAnalysis, o) => impedanceSpectrumBundle(r, o),
  ImpedanceSeriesAnalysis: (r: ImpedanceSeriesAnalysis, o) => impedanceSeriesBundle(r, o),
  JonscherResult: (r: JonscherResult, o) => jonscherBundle([r], o),
  CrossLinkResult: (r: CrossLinkResult, o) => crossLinkBundle(r, o),
  TrajectoryTransport: (r: TrajectoryTransport, o) => trajectoryTransportBundle(r, o),
  RelaxationDistribution: (r: RelaxationDistribution, o) => relaxationDistributionBundle(r, o),
  DrtResult: (r: DrtResult, o) => drtBundle(r, o),
};

/** The MIME bundle of a result (one saved by an older RelaxLab migrated first); every bundle has all four MIME types. */
export function mimeBundle(given: Displayable, options: ResultShowOptions = {}): MimeBundle {
  const result = migrateResult(given);
  if (options.sample !== undefined && typeof options.sample !== 'string') {
    throw new InputError('sample name must be text', { field: 'sample', expected: 'a string', found: typeof options.sample });
  }
  if (Array.isArray(result)) {
    if (result.length > 0 && result.every((r) => r && r.kind === 'JonscherResult')) return jonscherBundle(result, options);
  } else if (result && typeof result === 'object') {
    const kind = (result as { kind?: unknown }).kind;
    const bundle =
      typeof kind === 'string' && Object.prototype.hasOwnProperty.call(BUNDLE_OF_KIND, kind) ? BUNDLE_OF_KIND[kind] : undefined;
    if (bundle) return bundle(result as never, options);
    if (isFit(result)) return fitBundle(result, options.sample);
    if (isAnalysis(result)) return analysisBundle(result, options.sample ?? result.sample);
    if (isComparison(result)) {
      // compareTransientModels returns no kind and no "best": shown as the analysis it is
      const { fits, comparison } = result;
      const best = fits.find((f) => fitLabel(f) === comparison.preferred) ?? fits[0];
      const transient = { delay_s: best.data.x as number[], signal: best.data.y };
      return analysisBundle({ schema: RESULT_SCHEMA, kind: 'TransientAnalysis', transient, best, fits, comparison }, options.sample);
    }
  }
  const found =
    result && typeof result === 'object' && 'kind' in result ? `kind ${String((result as { kind: unknown }).kind)}` : typeof result;
  throw new InputError('cannot display this value', {
    field: 'result',
    expected:
      'a RelaxLab result: FitResult, TransientAnalysis, { fits, comparison }, an Arrhenius/σT fit, RatePeakFlanks, RateArrheniusResult, RateAnalysis, JointBppResult, LineNarrowingResult, CircuitFitResult, ImpedanceSpectrumAnalysis, ImpedanceSeriesAnalysis, JonscherResult(s), CrossLinkResult, TrajectoryTransport, RelaxationDistribution or DrtResult',
    found,
  });
}
