/**
 * Which model do the data justify? ΔBIC and ΔAIC of every candidate to the best, on a symmetric-log
 * axis (differences range from 0 to hundreds), with Kass & Raftery's evidence thresholds
 * (J. Am. Stat. Assoc. 90, 773 (1995)): Δ > 2 positive, > 6 strong, > 10 very strong.
 */
import { InputError } from '@relaxlab/core';
import type { FitResult, ModelComparison } from '@relaxlab/core';
import { fitSummary, transientFitPanels, TransientChartOptions } from './transient';
import { ChartOptions, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

const EVIDENCE_THRESHOLDS = [2, 6, 10];

/** The panel alone, for composition with other charts. */
export function modelComparisonPanel(comparison: ModelComparison, options: ChartOptions = {}): JsonObject {
  if (!comparison || !Array.isArray(comparison.rows) || comparison.rows.length === 0) {
    throw new InputError('no model comparison rows', {
      field: 'comparison.rows',
      expected: 'the result of compareFits / compareTransientModels',
    });
  }
  const order = [...comparison.rows].sort((a, b) => a.bic - b.bic).map((r) => r.label);
  const rows = comparison.rows.flatMap((r) => {
    const common = {
      label: r.label,
      preferred: r.label === comparison.preferred,
      nvar: r.nvar,
      chiSquare: Number(r.chiSquare.toPrecision(4)),
      akaikeWeight: Number(r.akaikeWeight.toPrecision(3)),
      converged: r.converged ? 'yes' : 'NO',
    };
    return [
      { ...common, criterion: 'ΔBIC', delta: r.deltaBic },
      { ...common, criterion: 'ΔAIC', delta: r.deltaAic },
    ];
  });
  const deltaAxis = { field: 'delta', type: 'quantitative', scale: { type: 'symlog' }, title: 'Δ to the best model (dashed: 2, 6, 10)' };
  const height = options.height ?? Math.max(60, 22 * comparison.rows.length);
  return {
    // narrower than a data panel: the model labels take the room
    width: options.width ?? DEFAULT_WIDTH * 0.7,
    height,
    layer: [
      {
        data: { values: EVIDENCE_THRESHOLDS.map((delta) => ({ delta })) },
        mark: { type: 'rule', color: '#bbb', strokeDash: [3, 3] },
        encoding: { x: deltaAxis },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: deltaAxis,
          // labels on the right: under a fit panel, left labels this long would push the fit aside
          y: { field: 'label', type: 'nominal', sort: order, title: null, axis: { labelLimit: 400, orient: 'right' } },
          color: {
            field: 'criterion',
            type: 'nominal',
            title: null,
            scale: { domain: ['ΔBIC', 'ΔAIC'], range: ['#1f77b4', '#ff7f0e'] },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          shape: {
            field: 'criterion',
            type: 'nominal',
            title: null,
            scale: { domain: ['ΔBIC', 'ΔAIC'], range: ['circle', 'square'] },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          tooltip: [
            { field: 'label', title: 'model' },
            { field: 'criterion', title: 'criterion' },
            { field: 'delta', title: 'Δ', format: '.2f' },
            { field: 'akaikeWeight', title: 'Akaike weight' },
            { field: 'chiSquare', title: 'χ²' },
            { field: 'nvar', title: 'varied parameters' },
            { field: 'converged', title: 'converged' },
          ],
        },
      },
    ],
  };
}

export function modelComparisonChart(comparison: ModelComparison, options: ChartOptions = {}): VegaLiteSpec {
  const panel = modelComparisonPanel(comparison, options);
  return topLevel(panel, { title: options.title, subtitle: [`preferred: ${comparison.preferred}`] });
}

/**
 * The model-comparison view of one transient: the preferred fit with its residuals, and below it
 * ΔBIC/ΔAIC of every candidate. The fit panels share their delay axis; the comparison panel has
 * its own.
 */
export function transientComparisonChart(fit: FitResult, comparison: ModelComparison, options: TransientChartOptions = {}): VegaLiteSpec {
  const fitPanels = transientFitPanels(fit, options);
  const inner: JsonObject = {
    vconcat: [
      fitPanels.length === 1 ? fitPanels[0] : { vconcat: fitPanels, spacing: 6, resolve: { scale: { x: 'shared' } } },
      modelComparisonPanel(comparison, { width: options.width }),
    ],
    spacing: 24,
  };
  return topLevel(inner, { title: options.title, subtitle: [fitSummary(fit), `preferred of ${comparison.rows.length} candidates by BIC`] });
}
