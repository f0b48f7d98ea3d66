// The RelaxLab lab: JupyterLab 4.6.3's own plugins, the Vega renderer and the RelaxLab plugins,
// bundled once by rspack (rspack.config.js) and served by jupyter_server (main.py). The lists here
// match "jupyterlab" in package.json, from which the build copies settings schemas and themes.
import { PageConfig } from '@jupyterlab/coreutils';

// the public path must be set before any asset (CSS, fonts, lazy chunks) loads
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

// build/style.js imports every extension's CSS; Build.ensureAssets writes it (rspack.config.js)
const styles = import('./build/style.js');

/** Plugins of a module: its default export (one plugin or a list), minus the ones filtered out. */
function pluginsOf(module, keep = () => true) {
  const exported = module.default ?? module;
  return (Array.isArray(exported) ? exported : [exported]).filter(keep);
}

// the language-server plugins need jupyter-lsp on the server, which Debian's stack does not ship
const withoutLsp = ({ id }) => !id.includes(':language-server');

window.addEventListener('load', async () => {
  performance.mark('relaxlab:load');
  await styles;
  const { JupyterLab } = await import('@jupyterlab/application');
  const extensions = await Promise.all([
    import('@jupyterlab/application-extension'),
    import('@jupyterlab/apputils-extension'),
    import('@jupyterlab/cell-toolbar-extension'),
    import('@jupyterlab/celltags-extension'),
    import('@jupyterlab/codemirror-extension'),
    import('@jupyterlab/completer-extension'),
    import('@jupyterlab/console-extension'),
    import('@jupyterlab/csvviewer-extension'),
    import('@jupyterlab/docmanager-extension'),
    import('@jupyterlab/documentsearch-extension'),
    import('@jupyterlab/filebrowser-extension'),
    import('@jupyterlab/fileeditor-extension'),
    import('@jupyterlab/help-extension'),
    import('@jupyterlab/imageviewer-extension'),
    import('@jupyterlab/inspector-extension'),
    import('@jupyterlab/launcher-extension'),
    import('@jupyterlab/mainmenu-extension'),
    import('@jupyterlab/markdownviewer-extension'),
    import('@jupyterlab/markedparser-extension'),
    import('@jupyterlab/mathjax-extension'),
    import('@jupyterlab/metadataform-extension'),
    import('@jupyterlab/notebook-extension'),
    import('@jupyterlab/rendermime-extension'),
    import('@jupyterlab/running-extension'),
    import('@jupyterlab/services-extension'),
    import('@jupyterlab/settingeditor-extension'),
    import('@jupyterlab/shortcuts-extension'),
    import('@jupyterlab/statusbar-extension'),
    import('@jupyterlab/theme-dark-extension'),
    import('@jupyterlab/theme-light-extension'),
    import('@jupyterlab/toc-extension'),
    import('@jupyterlab/tooltip-extension'),
    import('@jupyterlab/translation-extension'),
    import('@jupyterlab/ui-components-extension'),
    import('@relaxlab/jupyterlab'),
  ]);
  const mimeExtensions = await Promise.all([import('@jupyterlab/json-extension'), import('@jupyterlab/vega5-extension')]);

  const lab = new JupyterLab({ mimeExtensions: mimeExtensions.map((m) => m.default ?? m) });
  lab.registerPlugins(extensions.flatMap((m) => pluginsOf(m, withoutLsp)));
  // tests and users' devtools reach the app here; set before start() so a page can wait for it
  window.jupyterapp = lab;
  performance.mark('relaxlab:plugins-registered');
  await lab.start();
  performance.mark('relaxlab:started');
  await lab.restored;
  performance.mark('relaxlab:restored');
  document.body.dataset.relaxlabStarted = 'true';
});
