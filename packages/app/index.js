// The entry of the RelaxLab lab (rspack.config.js): it sets the public path, loads the prebuilt
// (federated) labextensions the server lists in the page config, then imports the app
// (bootstrap.js). That dynamic import is the async boundary module federation needs: the app's
// shared @jupyterlab/*, @lumino/* and react modules are resolved only once every extension's
// container has joined the share scope. So nothing here imports a shared module (not even
// @jupyterlab/coreutils). The order is JupyterLab's own (dev_mode/bootstrap.js, examples/federated).

/** A page-config option, as the server wrote it (#jupyter-config-data); undefined when absent. */
function pageOption(name) {
  const element = document.getElementById('jupyter-config-data');
  return element ? JSON.parse(element.textContent || '{}')[name] : undefined;
}

// the public path must be set before any asset (CSS, fonts, lazy chunks) loads
// eslint-disable-next-line no-undef
__webpack_public_path__ = pageOption('fullStaticUrl') + '/';

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onerror = () => reject(new Error(`could not load ${url}`));
    script.onload = resolve;
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

/**
 * Load a prebuilt extension's remoteEntry (it defines the container `_JUPYTERLAB[name]`) and
 * initialise the container with the app's share scope: it takes the app's singletons from there
 * and offers its own shared modules (https://webpack.js.org/concepts/module-federation/#dynamic-remote-containers).
 */
async function loadContainer(url, name) {
  await loadScript(url);
  // eslint-disable-next-line no-undef
  await __webpack_init_sharing__('default');
  const container = window._JUPYTERLAB?.[name];
  if (!container) throw new Error(`${url} loaded but defined no container _JUPYTERLAB["${name}"]`);
  // eslint-disable-next-line no-undef
  await container.init(__webpack_share_scopes__.default);
}

void (async () => {
  const federated = pageOption('federated_extensions') ?? [];
  const base = pageOption('fullLabextensionsUrl');
  const loaded = await Promise.allSettled(federated.map(({ name, load }) => loadContainer(`${base}/${name}/${load}`, name)));
  loaded.forEach((outcome, i) => {
    if (outcome.status === 'rejected') console.error(`prebuilt extension ${federated[i].name} not loaded:`, outcome.reason);
  });
  const { main } = await import('./bootstrap.js');
  if (document.readyState === 'complete') await main();
  else window.addEventListener('load', () => void main(), { once: true });
})();
