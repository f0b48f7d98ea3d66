/**
 * report.html: one self-contained file (inline SVG plots, inline CSS, no scripts) from a
 * StudyResult — what a user opens in the morning after an overnight VT series.
 */
import type { StudyResult } from '../results';
import { Chart, conductivityChart, jumpRateChart, ratesChart, renderChart, transientCharts } from './charts';
import { figure, page, section } from './html';
import {
  arrheniusReportsSection,
  bppSection,
  crossLinkSection,
  failuresSection,
  headerSection,
  inputsSection,
  ratesSection,
  softwareSection,
  summarySection,
  transientTableSection,
  warningsSection,
} from './sections';

export interface ReportOptions {
  /** One fit panel per transient (default true; off for very large series). */
  transientPlots: boolean;
  /** Called after each chart is rendered (progress). */
  onChart?: (done: number, total: number) => void;
}

export async function writeReport(result: StudyResult, options: ReportOptions): Promise<string> {
  const renderWarnings: string[] = [];
  const main = [ratesChart(result), jumpRateChart(result), conductivityChart(result)].filter((c): c is Chart => c !== null);
  const transients = options.transientPlots ? transientCharts(result) : [];
  const total = main.length + transients.length;
  let done = 0;
  const render = async (chart: Chart): Promise<string> => {
    const svg = await renderChart(chart, renderWarnings);
    options.onChart?.(++done, total);
    return svg;
  };
  const mainFigures: string[] = [];
  for (const chart of main) mainFigures.push(figure(await render(chart), chart.title));
  const transientFigures: string[] = [];
  for (const chart of transients) transientFigures.push(figure(await render(chart), chart.title, 'plot small'));

  const body = [
    headerSection(result),
    summarySection(result),
    failuresSection(result),
    section('plots', 'Plots', mainFigures.join('\n') || '<p>No rates to plot.</p>'),
    bppSection(result),
    crossLinkSection(result),
    ratesSection(result),
    section(
      'transients',
      `Transient fits (${result.transients.length})`,
      `${transientFigures.length ? `<div class="grid">${transientFigures.join('\n')}</div>` : ''}${transientTableSection(result)}`,
    ),
    arrheniusReportsSection(result),
    warningsSection(result, renderWarnings),
    inputsSection(result),
    softwareSection(result),
  ].filter(Boolean);
  return page(`${result.title} — RelaxLab study`, body.join('\n\n'));
}
