/**
 * @relaxlab/jupyterlab — thin JupyterLab 4 plugins over the RelaxLab library:
 *   - the renderer of `application/vnd.relaxlab.result+json` (widget.ts), with brush-to-refit
 *     and "insert the window as a code cell" so the notebook stays the record;
 *   - the "RelaxLab" launcher section and palette commands for the notebook templates;
 *   - the file viewer for relaxation tables, impedance files and result JSON (viewer.ts);
 *   - settings: activation energies in eV or kJ/mol, temperatures in K or °C, templates folder.
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { IDocumentWidget } from '@jupyterlab/docregistry';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookTracker, NotebookActions } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { notebookIcon } from '@jupyterlab/ui-components';
import type { Widget } from '@lumino/widgets';
import { DEFAULT_SETTINGS } from './payload';
import type { DisplaySettings } from './payload';
import {
  copyTemplate,
  LAUNCHER_CATEGORY,
  listTemplates,
  TEMPLATE_KERNEL,
  workDirectoryOf,
  workedExample,
  workedExampleCopy,
} from './templates';
import { FILE_TYPES, RelaxLabViewerFactory, VIEWER_FACTORY } from './viewer';
import { RelaxLabResultWidget, resultRendererFactory, WIDGET_CLASS } from './widget';
import { windowCellCode } from './arrheniusWindow';

const PLUGIN_ID = '@relaxlab/jupyterlab:plugin';

const COMMANDS = {
  newFromTemplate: 'relaxlab:new-from-template',
  openWorkedExample: 'relaxlab:open-worked-example',
  openInViewer: 'relaxlab:open-in-viewer',
  insertWindowCell: 'relaxlab:insert-window-cell',
  energyUnit: 'relaxlab:energy-unit',
};

interface Settings extends DisplaySettings {
  templatesDirectory: string;
}

/** Write `code` into a new code cell below the cell whose output holds `widget`. */
function cellInserter(tracker: INotebookTracker) {
  return (widget: Widget, code: string): void => {
    const panel = tracker.find((p) => p.node.contains(widget.node));
    if (!panel) throw new Error('this RelaxLab output is not inside an open notebook');
    const notebook = panel.content;
    const index = notebook.widgets.findIndex((cell) => cell.node.contains(widget.node));
    if (index < 0) throw new Error('the cell of this RelaxLab output was not found');
    notebook.activeCellIndex = index;
    NotebookActions.insertBelow(notebook);
    notebook.activeCell?.model.sharedModel.setSource(code);
  };
}

/** The RelaxLab output of the active cell that has a brushed window, if any. */
function brushedOutput(tracker: INotebookTracker): RelaxLabResultWidget | undefined {
  const cell = tracker.activeCell;
  if (!cell) return undefined;
  for (const node of Array.from(cell.node.querySelectorAll<HTMLElement>(`.${WIDGET_CLASS}`))) {
    const widget = RelaxLabResultWidget.forNode(node);
    if (widget?.lastRefit) return widget;
  }
  return undefined;
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'RelaxLab results, templates and file viewer',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [INotebookTracker, ILauncher, ICommandPalette, ISettingRegistry, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    notebooks: INotebookTracker | null,
    launcher: ILauncher | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
  ) => {
    const settings: Settings = { ...DEFAULT_SETTINGS, templatesDirectory: 'notebooks' };
    const resultOptions = { settings: () => settings, ...(notebooks && { insertCellBelow: cellInserter(notebooks) }) };
    rendermime.addFactory(resultRendererFactory(resultOptions), 10);

    for (const fileType of FILE_TYPES) app.docRegistry.addFileType(fileType);
    const viewerFactory = new RelaxLabViewerFactory(
      {
        name: VIEWER_FACTORY,
        label: 'RelaxLab Viewer',
        fileTypes: ['relaxlab-impedance', 'relaxlab-result', 'csv', 'tsv', 'json'],
        defaultFor: ['relaxlab-impedance', 'relaxlab-result'],
      },
      resultOptions,
    );
    app.docRegistry.addWidgetFactory(viewerFactory);
    const viewers = new WidgetTracker<IDocumentWidget>({ namespace: 'relaxlab-viewer' });
    viewerFactory.widgetCreated.connect((_, widget) => void viewers.add(widget));
    if (restorer) {
      void restorer.restore(viewers, {
        command: 'docmanager:open',
        args: (w) => ({ path: w.context.path, factory: VIEWER_FACTORY }),
        name: (w) => w.context.path,
      });
    }

    const { commands, serviceManager } = app;
    /** A notebook copy opened with the TypeScript kernel. */
    const openNotebook = (path: string): Promise<unknown> =>
      commands.execute('docmanager:open', { path, factory: 'Notebook', kernel: { name: TEMPLATE_KERNEL } }) as Promise<unknown>;
    commands.addCommand(COMMANDS.newFromTemplate, {
      label: (args) => {
        if (!args.label) return 'RelaxLab: new notebook from a template';
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON argument from the launcher or the palette, as text
        const label = String(args.label);
        return args.isLauncher ? label : `RelaxLab: ${label}`;
      },
      caption: () => `A copy of the template in ${workDirectoryOf(settings.templatesDirectory)}/, with the TypeScript kernel`,
      icon: (args) => (args.isLauncher ? notebookIcon : undefined),
      execute: async (args) => {
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON argument, as text
        const template = String(args.path ?? '');
        if (!template) throw new Error(`${COMMANDS.newFromTemplate} needs the template's path`);
        const copy = await copyTemplate(serviceManager.contents, template, workDirectoryOf(settings.templatesDirectory));
        return openNotebook(copy);
      },
    });
    commands.addCommand(COMMANDS.openWorkedExample, {
      label: 'RelaxLab: open the worked example',
      caption: () =>
        `Your copy of the worked example in ${workDirectoryOf(settings.templatesDirectory)}/ (made from the template the first time)`,
      execute: async () => {
        const example = workedExample(await listTemplates(serviceManager.contents, settings.templatesDirectory));
        if (!example) throw new Error(`no notebook templates in ${settings.templatesDirectory}/`);
        const copy = await workedExampleCopy(serviceManager.contents, example, workDirectoryOf(settings.templatesDirectory));
        return openNotebook(copy);
      },
    });
    commands.addCommand(COMMANDS.openInViewer, {
      label: 'RelaxLab: open the current file in the RelaxLab viewer',
      execute: (args) => {
        const current = app.shell.currentWidget as Partial<IDocumentWidget> | null;
        const path = typeof args.path === 'string' ? args.path : current?.context?.path;
        if (!path) throw new Error('no file to open: give a path or focus a document');
        return commands.execute('docmanager:open', { path, factory: VIEWER_FACTORY });
      },
    });
    commands.addCommand(COMMANDS.insertWindowCell, {
      label: 'RelaxLab: insert the brushed temperature window as a code cell',
      isEnabled: () => !!notebooks && brushedOutput(notebooks) !== undefined,
      execute: () => {
        const widget = notebooks ? brushedOutput(notebooks) : undefined;
        if (!widget?.lastRefit || !notebooks) throw new Error('brush a temperature window on a RelaxLab plot of the active cell first');
        cellInserter(notebooks)(
          widget,
          windowCellCode(widget.lastRefit, widget.node.querySelector('.jp-RelaxLab-title')?.textContent ?? ''),
        );
      },
    });
    commands.addCommand(COMMANDS.energyUnit, {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON argument, as text
      label: (args) => `RelaxLab: activation energies in ${String(args.unit ?? 'eV')}`,
      isToggled: (args) => settings.energyUnit === (args.unit ?? 'eV'),
      execute: async (args) => {
        const unit = args.unit === 'kJ/mol' ? 'kJ/mol' : 'eV';
        if (settingRegistry) await settingRegistry.set(PLUGIN_ID, 'energyUnit', unit);
        else settings.energyUnit = unit;
      },
    });
    if (palette) {
      const category = 'RelaxLab';
      for (const command of [COMMANDS.openWorkedExample, COMMANDS.openInViewer, COMMANDS.insertWindowCell])
        palette.addItem({ command, category });
      for (const unit of ['eV', 'kJ/mol']) palette.addItem({ command: COMMANDS.energyUnit, category, args: { unit } });
    }

    const addTemplates = async () => {
      const templates = await listTemplates(serviceManager.contents, settings.templatesDirectory);
      for (const t of templates) {
        launcher?.add({
          command: COMMANDS.newFromTemplate,
          category: LAUNCHER_CATEGORY,
          rank: t.rank,
          args: { path: t.path, label: t.label, isLauncher: true },
        });
        palette?.addItem({
          command: COMMANDS.newFromTemplate,
          category: 'RelaxLab',
          args: { path: t.path, label: `new notebook from ${t.label}` },
        });
      }
    };

    const apply = (loaded: ISettingRegistry.ISettings) => {
      settings.energyUnit = loaded.get('energyUnit').composite === 'kJ/mol' ? 'kJ/mol' : 'eV';
      settings.temperatureUnit = loaded.get('temperatureUnit').composite === '°C' ? '°C' : 'K';
      const directory = loaded.get('templatesDirectory').composite;
      settings.templatesDirectory = typeof directory === 'string' ? directory : 'notebooks';
    };
    const settingsLoaded = settingRegistry
      ? settingRegistry.load(PLUGIN_ID).then(
          (loaded) => {
            apply(loaded);
            loaded.changed.connect(apply);
          },
          (error: unknown) => console.warn(`RelaxLab settings could not be loaded, using defaults: ${String(error)}`),
        )
      : Promise.resolve();
    void settingsLoaded.then(addTemplates);
  },
};

export default [plugin];
export { RelaxLabResultWidget, resultRendererFactory } from './widget';
export { resultView } from './payload';
export { brushSource, refitWindow, windowCellCode } from './arrheniusWindow';
export { fileBundle } from './fileView';
