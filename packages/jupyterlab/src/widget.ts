/**
 * The RelaxLab result widget: title, plot (vega-embed, SVG), the value table with ± errors and
 * units, fit statistics, warnings, the text report with a copy button, and for results that
 * carry Arrhenius points the brush-to-refit readout and the button that writes the chosen window
 * into a code cell. Used as the MIME renderer in notebooks and inside the file viewer.
 */
import { Clipboard } from '@jupyterlab/apputils';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { eVToKJPerMol, formatValueError, migrateBundle, RELAXLAB_RESULT_MIME } from '@relaxlab/core';
import type { Result as EmbedResult } from 'vega-embed';
import { brushSource, initialRefits, refitWindow, REPLACED_KINDS, windowCellCode, windowFromInverseT } from './arrheniusWindow';
import type { BrushSource, SeriesRefit, WindowRefit } from './arrheniusWindow';
import { BRUSH, brushChartSpec, FIT_DATASET, fitRows } from './charts';
import { button, element, textTable } from './dom';
import { DEFAULT_SETTINGS, resultView, temperatureText } from './payload';
import type { DisplaySettings, ResultView } from './payload';

export const WIDGET_CLASS = 'jp-RelaxLab-result';

export interface ResultWidgetOptions {
  /** Read at each render, so changed settings apply to the next output drawn. */
  settings?: () => DisplaySettings;
  /** Writes code into a new cell below the output holding `widget`; absent outside notebooks. */
  insertCellBelow?: (widget: Widget, code: string) => Promise<void> | void;
}

/** Widgets by their node, for commands that start from the DOM of the active cell. */
const byNode = new WeakMap<HTMLElement, RelaxLabResultWidget>();

/** vega-embed is loaded on first use: JupyterLab starts without the ~1 MB of vega. */
const loadEmbed = () => import('vega-embed');

export class RelaxLabResultWidget extends Widget implements IRenderMime.IRenderer {
  private embedded: EmbedResult[] = [];
  private pendingWindow: [number, number] | undefined;
  private frame = 0;
  /** The last refit of a brushed window (what "insert cell" writes). */
  lastRefit: WindowRefit | undefined;

  constructor(private readonly options: ResultWidgetOptions = {}) {
    super();
    this.addClass(WIDGET_CLASS);
    byNode.set(this.node, this);
  }

  static forNode(node: HTMLElement): RelaxLabResultWidget | undefined {
    return byNode.get(node);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    await this.renderBundle(model.data);
  }

  /** Draw a whole MIME bundle (a notebook output, or a file turned into one); a result saved by an older RelaxLab is migrated first. */
  async renderBundle(given: Record<string, unknown>): Promise<void> {
    this.finalizeChart();
    this.node.replaceChildren();
    const settings = this.options.settings?.() ?? DEFAULT_SETTINGS;
    let view: ResultView;
    let bundle: Record<string, unknown>;
    try {
      bundle = migrateBundle(given);
      view = resultView(bundle, settings);
    } catch (error) {
      this.node.appendChild(element('p', 'jp-RelaxLab-error', String((error as Error).message)));
      return;
    }
    this.node.dataset.kind = view.kind;
    this.node.appendChild(element('h3', 'jp-RelaxLab-title', view.title));
    const plot = this.node.appendChild(element('div', 'jp-RelaxLab-plot'));
    const source = brushSource(bundle[RELAXLAB_RESULT_MIME]);
    const readout = source ? this.brushControls(source, view.title, settings) : undefined;
    if (view.rows.length) this.node.appendChild(this.valueTable(view));
    if (view.statistics.length)
      this.node.appendChild(
        textTable(
          'jp-RelaxLab-stats',
          view.statistics.map(([k]) => k),
          [view.statistics.map(([, v]) => v)],
        ),
      );
    if (view.warnings.length) {
      const list = this.node.appendChild(element('ul', 'jp-RelaxLab-warnings'));
      for (const w of view.warnings) list.appendChild(element('li', undefined, w));
    }
    if (view.report) this.node.appendChild(this.reportBlock(view.report));
    if (view.table) {
      const wrap = this.node.appendChild(element('div', 'jp-RelaxLab-dataTable'));
      wrap.appendChild(textTable('jp-RelaxLab-data', view.table.columns, view.table.rows));
    }
    // an Arrhenius plot is replaced by the brushable one (same points and line); any other chart
    // (BPP curves, Nyquist) stays, and the brushable plot of its points comes under it
    const replaced = source && REPLACED_KINDS.has(view.kind);
    if (view.spec && !replaced) await this.draw(plot, view.spec);
    if (source && readout) {
      const target = view.spec && !replaced ? plot.appendChild(element('div', 'jp-RelaxLab-brushPlot')) : plot;
      await this.drawBrushChart(target, source, view.title, readout, settings, initialRefits(bundle[RELAXLAB_RESULT_MIME], source));
    }
    if (!view.spec && !source) plot.remove();
  }

  private valueTable(view: ResultView): HTMLElement {
    const rows = view.rows.map((r) => [r.name, formatValueError(r.value, r.stderr), r.unit, r.note]);
    const table = textTable('jp-RelaxLab-params', ['quantity', 'value ± 1σ', 'unit', 'note'], rows);
    view.rows.forEach((r, i) => {
      const tr = table.tBodies[0].rows[i];
      tr.dataset.name = r.name;
      tr.dataset.value = String(r.value);
    });
    return table;
  }

  private reportBlock(report: string): HTMLElement {
    const details = element('details', 'jp-RelaxLab-report');
    details.appendChild(element('summary', undefined, 'Report'));
    details.appendChild(
      button('jp-RelaxLab-copy', 'Copy report', 'Copy the text report to the clipboard', () => {
        Clipboard.copyToSystem(report);
      }),
    );
    details.appendChild(element('pre', undefined, report));
    return details;
  }

  private async draw(target: HTMLElement, spec: Record<string, unknown>): Promise<EmbedResult> {
    const { default: embed } = await loadEmbed();
    // SVG: crisp in screenshots and exports, and the elements a test can wait for
    const result = await embed(target, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } });
    this.embedded.push(result);
    return result;
  }

  private brushControls(source: BrushSource, title: string, settings: DisplaySettings): HTMLElement {
    const box = this.node.appendChild(element('div', 'jp-RelaxLab-brush'));
    box.appendChild(
      element(
        'p',
        'jp-RelaxLab-brushHint',
        `Drag along 1000/T on the plot to refit a temperature window (${source.mode === 'segmented' ? 'segmented' : 'straight-line'} Arrhenius fit, @relaxlab/core).`,
      ),
    );
    const readout = box.appendChild(element('div', 'jp-RelaxLab-brushEa'));
    const insert = box.appendChild(
      button(
        'jp-RelaxLab-insertCell',
        'Insert window as code cell',
        'Write the chosen temperature window into a new code cell below',
        () => {
          if (this.lastRefit && this.options.insertCellBelow)
            void this.options.insertCellBelow(this, windowCellCode(this.lastRefit, title));
        },
      ),
    );
    insert.disabled = true;
    if (!this.options.insertCellBelow) insert.hidden = true;
    readout.dataset.energyUnit = settings.energyUnit;
    return readout;
  }

  /** The brushable plot, opening with `initial` lines (initialRefits); a brushed window replaces them with its refit. */
  private async drawBrushChart(
    target: HTMLElement,
    source: BrushSource,
    title: string,
    readout: HTMLElement,
    settings: DisplaySettings,
    initial: SeriesRefit[],
  ): Promise<void> {
    const result = await this.draw(target, brushChartSpec(source.series, initial, title));
    const { vega } = await loadEmbed();
    const apply = () => {
      this.frame = 0;
      const window_K = this.pendingWindow;
      if (!window_K) return;
      const refit = refitWindow(source, window_K);
      this.lastRefit = refit;
      this.showRefit(readout, refit, settings);
      result.view
        .change(
          FIT_DATASET,
          vega
            .changeset()
            .remove(() => true)
            .insert(fitRows(refit.series)),
        )
        .run();
    };
    result.view.addSignalListener(BRUSH, (_name: string, value: unknown) => {
      const range = (value as { inverseT?: [number, number] } | null)?.inverseT;
      if (!range) return;
      this.pendingWindow = windowFromInverseT(range);
      // a drag fires many signals: refit once per frame with the latest window
      if (!this.frame) this.frame = requestAnimationFrame(apply);
    });
  }

  private showRefit(readout: HTMLElement, refit: WindowRefit, settings: DisplaySettings): void {
    const [lo, hi] = refit.window_K;
    const temperature = (t: number) => temperatureText(t, settings);
    const energy = (e: { value: number; stderr: number | null }) =>
      settings.energyUnit === 'kJ/mol'
        ? `${formatValueError(eVToKJPerMol(e.value), e.stderr === null ? null : eVToKJPerMol(e.stderr))} kJ/mol`
        : `${formatValueError(e.value, e.stderr)} eV`;
    readout.replaceChildren(element('p', 'jp-RelaxLab-window', `Window ${temperature(lo)} – ${temperature(hi)}`));
    readout.dataset.windowK = `${lo},${hi}`;
    for (const s of refit.series) {
      const text = s.activationEnergy_eV
        ? `${s.label}: Ea = ${s.activationEnergy_eV.map(energy).join(', ')}${s.kinks_K.length ? `, kink at ${s.kinks_K.map((k) => temperature(k.value)).join(', ')}` : ''} (${s.n} points)`
        : `${s.label}: no refit — ${s.problem ?? ''}`;
      const line = readout.appendChild(element('p', 'jp-RelaxLab-seriesEa', text));
      line.dataset.label = s.label;
      if (s.activationEnergy_eV) line.dataset.eaEv = s.activationEnergy_eV.map((e) => e.value).join(',');
    }
    const insert = this.node.querySelector<HTMLButtonElement>('.jp-RelaxLab-insertCell');
    if (insert) insert.disabled = false;
  }

  private finalizeChart(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const result of this.embedded) result.finalize();
    this.embedded = [];
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.finalizeChart();
    super.dispose();
  }
}

/** The MIME renderer factory: `safe` because nothing it draws is interpreted as markup or code. */
export function resultRendererFactory(options: ResultWidgetOptions): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [RELAXLAB_RESULT_MIME],
    defaultRank: 10,
    createRenderer: () => new RelaxLabResultWidget(options),
  };
}
