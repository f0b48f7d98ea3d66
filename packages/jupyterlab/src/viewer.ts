/**
 * The RelaxLab file viewer: a document widget that shows a relaxation table, an impedance file
 * or a saved result through the same widget as notebook outputs (fileView.ts builds the bundle).
 * It re-renders when the file changes on disk or in another editor.
 */
import { ABCWidgetFactory, DocumentRegistry, DocumentWidget } from '@jupyterlab/docregistry';
import { Widget, PanelLayout } from '@lumino/widgets';
import { fileBundle } from './fileView';
import { element } from './dom';
import { RelaxLabResultWidget } from './widget';
import type { ResultWidgetOptions } from './widget';

export const VIEWER_FACTORY = 'RelaxLab Viewer';

/** File types JupyterLab does not know; CSV/TSV/JSON reuse JupyterLab's own types. */
export const FILE_TYPES: Array<Partial<DocumentRegistry.IFileType>> = [
  {
    name: 'relaxlab-impedance',
    displayName: 'Impedance data (ZPlot, BioLogic, Gamry)',
    extensions: ['.z', '.mpt', '.dta'],
    mimeTypes: ['text/plain'],
    fileFormat: 'text',
    contentType: 'file',
  },
  {
    name: 'relaxlab-result',
    displayName: 'RelaxLab result',
    extensions: ['.relaxlab.json'],
    mimeTypes: ['application/json'],
    fileFormat: 'text',
    contentType: 'file',
  },
];

class FileView extends Widget {
  private readonly result: RelaxLabResultWidget;

  constructor(
    private readonly context: DocumentRegistry.Context,
    options: ResultWidgetOptions,
  ) {
    super();
    this.addClass('jp-RelaxLab-viewer');
    const layout = (this.layout = new PanelLayout());
    this.result = new RelaxLabResultWidget(options);
    layout.addWidget(this.result);
    void context.ready.then(() => this.update());
    context.model.contentChanged.connect(() => this.update(), this);
  }

  protected override onUpdateRequest(): void {
    if (!this.context.isReady) return;
    let bundle: Record<string, unknown>;
    try {
      bundle = fileBundle(this.context.path, this.context.model.toString());
    } catch (error) {
      this.result.node.replaceChildren(element('p', 'jp-RelaxLab-error', `Cannot show ${this.context.path}: ${(error as Error).message}`));
      return;
    }
    void this.result.renderBundle(bundle);
  }
}

export class RelaxLabViewerFactory extends ABCWidgetFactory<DocumentWidget<FileView>> {
  constructor(
    options: DocumentRegistry.IWidgetFactoryOptions,
    private readonly resultOptions: ResultWidgetOptions,
  ) {
    super(options);
  }

  protected createNewWidget(context: DocumentRegistry.Context): DocumentWidget<FileView> {
    const widget = new DocumentWidget({ content: new FileView(context, this.resultOptions), context });
    widget.addClass('jp-RelaxLab-document');
    return widget;
  }
}
