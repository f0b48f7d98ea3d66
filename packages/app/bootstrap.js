// The RelaxLab lab: JupyterLab 4.6.3's own plugins, the Vega renderer and the RelaxLab plugins,
// bundled once by rspack (rspack.config.js) and served by jupyter_server (main.py), plus the
// prebuilt (federated) extensions the server lists, whose containers index.js has loaded. The
// lists here match "jupyterlab" in package.json, from which the build copies settings schemas and
// themes. Registration follows JupyterLab's examples/federated/core_package/index.template.js.
import { PageConfig } from '@jupyterlab/coreutils';

// build/style.js imports every extension's CSS; Build.ensureAssets writes it (rspack.config.js)
const styles = import('./build/style.js');

/** The bundled plugin packages, by name: a prebuilt extension of the same name replaces one. */
const EXTENSIONS = {
  '@jupyterlab/application-extension': () => import('@jupyterlab/application-extension'),
  '@jupyterlab/apputils-extension': () => import('@jupyterlab/apputils-extension'),
  '@jupyterlab/cell-toolbar-extension': () => import('@jupyterlab/cell-toolbar-extension'),
  '@jupyterlab/celltags-extension': () => import('@jupyterlab/celltags-extension'),
  '@jupyterlab/codemirror-extension': () => import('@jupyterlab/codemirror-extension'),
  '@jupyterlab/completer-extension': () => import('@jupyterlab/completer-extension'),
  '@jupyterlab/console-extension': () => import('@jupyterlab/console-extension'),
  '@jupyterlab/csvviewer-extension': () => import('@jupyterlab/csvviewer-extension'),
  '@jupyterlab/docmanager-extension': () => import('@jupyterlab/docmanager-extension'),
  '@jupyterlab/documentsearch-extension': () => import('@jupyterlab/documentsearch-extension'),
  '@jupyterlab/filebrowser-extension': () => import('@jupyterlab/filebrowser-extension'),
  '@jupyterlab/fileeditor-extension': () => import('@jupyterlab/fileeditor-extension'),
  '@jupyterlab/help-extension': () => import('@jupyterlab/help-extension'),
  '@jupyterlab/imageviewer-extension': () => import('@jupyterlab/imageviewer-extension'),
  '@jupyterlab/inspector-extension': () => import('@jupyterlab/inspector-extension'),
  '@jupyterlab/launcher-extension': () => import('@jupyterlab/launcher-extension'),
  '@jupyterlab/mainmenu-extension': () => import('@jupyterlab/mainmenu-extension'),
  '@jupyterlab/markdownviewer-extension': () => import('@jupyterlab/markdownviewer-extension'),
  '@jupyterlab/markedparser-extension': () => import('@jupyterlab/markedparser-extension'),
  '@jupyterlab/mathjax-extension': () => import('@jupyterlab/mathjax-extension'),
  '@jupyterlab/metadataform-extension': () => import('@jupyterlab/metadataform-extension'),
  '@jupyterlab/notebook-extension': () => import('@jupyterlab/notebook-extension'),
  '@jupyterlab/rendermime-extension': () => import('@jupyterlab/rendermime-extension'),
  '@jupyterlab/running-extension': () => import('@jupyterlab/running-extension'),
  '@jupyterlab/services-extension': () => import('@jupyterlab/services-extension'),
  '@jupyterlab/settingeditor-extension': () => import('@jupyterlab/settingeditor-extension'),
  '@jupyterlab/shortcuts-extension': () => import('@jupyterlab/shortcuts-extension'),
  '@jupyterlab/statusbar-extension': () => import('@jupyterlab/statusbar-extension'),
  '@jupyterlab/theme-dark-extension': () => import('@jupyterlab/theme-dark-extension'),
  '@jupyterlab/theme-light-extension': () => import('@jupyterlab/theme-light-extension'),
  '@jupyterlab/toc-extension': () => import('@jupyterlab/toc-extension'),
  '@jupyterlab/tooltip-extension': () => import('@jupyterlab/tooltip-extension'),
  '@jupyterlab/translation-extension': () => import('@jupyterlab/translation-extension'),
  '@jupyterlab/ui-components-extension': () => import('@jupyterlab/ui-components-extension'),
  '@relaxlab/jupyterlab': () => import('@relaxlab/jupyterlab'),
};
const MIME_EXTENSIONS = {
  '@jupyterlab/json-extension': () => import('@jupyterlab/json-extension'),
  '@jupyterlab/vega5-extension': () => import('@jupyterlab/vega5-extension'),
};

// the language-server plugins need jupyter-lsp on the server, which Debian's stack does not ship
const manuallyDisabled = (id) => id.includes(':language-server');

/** A module a prebuilt extension's container exposes ('./extension', './mimeExtension', './style'). */
async function federatedModule(name, module) {
  const container = window._JUPYTERLAB?.[name];
  if (!container) throw new Error(`prebuilt extension ${name}: its container did not load, so ${module} cannot`);
  const factory = await container.get(module);
  return factory();
}

export async function main() {
  performance.mark('relaxlab:load');
  // what the server found in its labextensions path (main.py): [{ name, load, extension?, mimeExtension?, style? }]
  const federated = JSON.parse(PageConfig.getOption('federated_extensions') || '[]');
  const federatedNames = new Set(federated.filter((e) => e.extension || e.mimeExtension).map((e) => e.name));
  const disabled = [];
  const deferred = [];

  /** The plugins of a module to register (its default export: one plugin or a list), minus the disabled ones. */
  function activePlugins(module) {
    const exported = module.default ?? module;
    return (Array.isArray(exported) ? exported : [exported]).filter(({ id }) => {
      if (PageConfig.Extension.isDisabled(id) || manuallyDisabled(id)) {
        disabled.push(id);
        return false;
      }
      if (PageConfig.Extension.isDeferred(id)) deferred.push(id);
      return true;
    });
  }
  /** Modules in order; one that fails to load is reported and left out, as JupyterLab does. */
  async function settled(loads, what) {
    const outcomes = await Promise.allSettled(loads);
    outcomes.filter((o) => o.status === 'rejected').forEach((o) => console.error(`${what} not loaded:`, o.reason));
    return outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value);
  }
  // a prebuilt extension replaces the bundled package of its name (@relaxlab/jupyterlab installed
  // with pip): registering both would register every plugin id twice, which throws
  const bundled = (table) =>
    Object.entries(table)
      .filter(([name]) => !federatedNames.has(name))
      .map(([, load]) => load());
  const withFederated = (kind) => federated.filter((e) => e[kind]).map((e) => federatedModule(e.name, e[kind]));

  await styles;
  const { JupyterLab } = await import('@jupyterlab/application');
  const [extensions, mimeExtensions] = await Promise.all([
    settled([...bundled(EXTENSIONS), ...withFederated('extension')], 'plugin module'),
    settled([...bundled(MIME_EXTENSIONS), ...withFederated('mimeExtension')], 'MIME renderer module'),
    // the prebuilt extensions' CSS: not for one the user disabled by its package name
    settled(
      federated.filter((e) => e.style && !PageConfig.Extension.isDisabled(e.name)).map((e) => federatedModule(e.name, e.style)),
      'extension style',
    ),
  ]);

  const plugins = extensions.flatMap(activePlugins);
  const lab = new JupyterLab({
    mimeExtensions: mimeExtensions.flatMap(activePlugins),
    disabled: { matches: disabled, patterns: PageConfig.Extension.disabled.map((pattern) => pattern.raw) },
    deferred: { matches: deferred, patterns: PageConfig.Extension.deferred.map((pattern) => pattern.raw) },
  });
  lab.registerPlugins(plugins);
  // tests and users' devtools reach the app here; set before start() so a page can wait for it
  window.jupyterapp = lab;
  performance.mark('relaxlab:plugins-registered');
  await lab.start({ ignorePlugins: deferred });
  performance.mark('relaxlab:started');
  await lab.restored;
  performance.mark('relaxlab:restored');
  document.body.dataset.relaxlabStarted = 'true';
}
