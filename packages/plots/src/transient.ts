/**
 * A magnetisation transient with its fit: data (± σ), the best-fit curve with its 1σ confidence
 * band (lmfit's eval_uncertainty, computed by core on a log-spaced grid), and the residuals in a
 * panel below on the same delay axis — what a user checks first to judge a fit.
 */
import { formatQuantity } from '@relaxlab/core';
import type { FitResult } from '@relaxlab/core';
import { delayUnitOf, delaysOf, fitRows, wantsLogAxis } from './fitData';
import { ChartOptions, DEFAULT_HEIGHT, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

export interface TransientChartOptions extends ChartOptions {
  /** y-axis title. Default 'signal (a.u.)'. */
  signalTitle?: string;
  /** Log delay axis. Default: when every delay is positive and they span more than a decade. */
  logDelay?: boolean;
  /** Residual panel below the fit. Default true. */
  residuals?: boolean;
  /** Height of the residual panel in pixels. Default 90. */
  residualHeight?: number;
  /** Colour of the fit and its band. Default '#d62728'. */
  fitColor?: string;
}

const POINT_COLOR = '#222';

/** The fitted parameters in one line: "T1 = 2.66 ± 0.12 ms, a = 0.821 ± 0.011". */
export function parameterSummary(fit: FitResult): string {
  return fit.varyNames
    .map((name) => {
      const p = fit.params[name];
      return `${name} = ${formatQuantity(p.value, p.stderr, p.unit)}`;
    })
    .join(', ');
}

/** One line on the fit itself: model, what varied, reduced χ², and a warning if it did not converge. */
export function fitSummary(fit: FitResult): string {
  const status = fit.converged ? '' : ' — NOT CONVERGED';
  return `${fit.model}: ${parameterSummary(fit)}; χ²ᵣ = ${Number(fit.stats.redChi.toPrecision(3))}${status}`;
}

/** The panels (without top-level wrapper) so other charts can compose them. */
export function transientFitPanels(fit: FitResult, options: TransientChartOptions = {}): JsonObject[] {
  const delays = delaysOf(fit);
  const unit = delayUnitOf(delays);
  const rows = fitRows(fit, unit);
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const log = options.logDelay ?? wantsLogAxis(delays);
  const color = options.fitColor ?? '#d62728';
  const delayTitle = `delay τ (${unit.unit})`;
  const showResiduals = options.residuals ?? true;
  const xScale: JsonObject = log ? { type: 'log' } : { zero: false };
  const x = (withAxis: boolean): JsonObject => ({
    field: 'delay',
    type: 'quantitative',
    scale: xScale,
    // with a residual panel below, the delay title and labels go there only
    axis: withAxis ? { title: delayTitle } : { title: null, labels: false },
  });
  const axisOnMain = !showResiduals;
  const signalTitle = options.signalTitle ?? 'signal (a.u.)';

  const layers: JsonObject[] = [];
  if (rows.band) {
    layers.push({
      data: { values: rows.curve },
      mark: { type: 'area', color, opacity: 0.2 },
      encoding: { x: x(axisOnMain), y: { field: 'lower', type: 'quantitative', title: signalTitle }, y2: { field: 'upper' } },
    });
  }
  layers.push({
    data: { values: rows.curve },
    mark: { type: 'line', color, strokeWidth: 1.5 },
    encoding: {
      x: x(axisOnMain),
      y: { field: 'fit', type: 'quantitative', title: signalTitle, scale: { zero: false } },
      tooltip: [
        { field: 'delayText', title: 'delay' },
        { field: 'fitText', title: rows.band ? 'fit ± 1σ' : 'fit' },
      ],
    },
  });
  if (rows.errorBars) {
    layers.push({
      data: { values: rows.points },
      mark: { type: 'rule', color: POINT_COLOR },
      encoding: { x: x(axisOnMain), y: { field: 'signalLow', type: 'quantitative' }, y2: { field: 'signalHigh' } },
    });
  }
  layers.push({
    data: { values: rows.points },
    mark: { type: 'point', filled: true, color: POINT_COLOR },
    encoding: {
      x: x(axisOnMain),
      y: { field: 'signal', type: 'quantitative', title: signalTitle },
      tooltip: [
        { field: 'delayText', title: 'delay' },
        { field: 'signalText', title: rows.errorBars ? 'signal ± σ' : 'signal' },
        { field: 'fitText', title: 'fit' },
        { field: 'residualText', title: 'residual' },
      ],
    },
  });
  const panels: JsonObject[] = [{ width, height, layer: layers }];
  if (showResiduals) panels.push(residualPanel(rows.points, x(true), width, options.residualHeight ?? 90));
  return panels;
}

/**
 * The residual panel under a fit: a dashed zero line and `residual` of each point (data − fit) on
 * the fit's x encoding; shared with the distributions' data panels (inversion.ts).
 */
export function residualPanel(points: JsonObject[], x: JsonObject, width: number, height: number, title = 'residual'): JsonObject {
  return {
    width,
    height,
    layer: [
      {
        data: { values: [{}] },
        mark: { type: 'rule', color: '#888', strokeDash: [4, 3] },
        encoding: { y: { datum: 0, type: 'quantitative' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, color: POINT_COLOR },
        encoding: {
          x,
          y: { field: 'residual', type: 'quantitative', title },
          tooltip: [
            { field: 'delayText', title: 'delay' },
            { field: 'residualText', title: 'data − fit' },
          ],
        },
      },
    ],
  };
}

/**
 * The transient chart: `title` (e.g. the sample) on top, the model and its parameters ± 1σ as the
 * subtitle, fit panel over residual panel sharing one (log) delay axis.
 */
export function transientFitChart(fit: FitResult, options: TransientChartOptions = {}): VegaLiteSpec {
  const panels = transientFitPanels(fit, options);
  const inner: JsonObject = panels.length === 1 ? panels[0] : { vconcat: panels, spacing: 6, resolve: { scale: { x: 'shared' } } };
  return topLevel(inner, { title: options.title, subtitle: [fitSummary(fit)] });
}
