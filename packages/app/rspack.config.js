// Bundles index.js and the app it loads (bootstrap.js: JupyterLab core plugins + RelaxLab) into
// build/, and copies the extensions' settings schemas and themes there (Build.ensureAssets from
// @jupyter/builder), as JupyterLab's own examples/app does. `npm run build -w @relaxlab/app`; main.py serves build/.
//
// The bundle is also a module-federation host, as JupyterLab's examples/federated/core_package is:
// it shares JupyterLab's core packages, so prebuilt (federated) labextensions, which are built
// against those packages without bundling them, load into it (index.js).
const { existsSync } = require('fs');
const path = require('path');
const rspack = require('@rspack/core');
const { Build } = require('@jupyter/builder');
const miniSVGDataURI = require('mini-svg-data-uri');
const data = require('./package.json');
// the core package file `npm run build:labextension` passes as --core-package-file: what a prebuilt
// extension was told the host shares (a dependency of @jupyter/builder, so always installed)
const core = require('@jupyterlab/core-meta/core.package.json');

const extensionPackages = [...data.jupyterlab.extensions, ...data.jupyterlab.mimeExtensions];
const assets = Build.ensureAssets({ packageNames: data.jupyterlab.extensions, output: path.join(__dirname, 'build') });

/** The folder of an installed package, looked up the way Node resolves it from here; undefined when absent. */
function installedPackage(name) {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return path.join(dir, 'node_modules', name);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The share scope the app offers, as examples/federated/core_package/rspack.config.js builds it:
 * JupyterLab's core packages (core.package.json `resolutions`, the ranges a prebuilt extension
 * requires), then the app's extension packages and their dependencies; `singleton` for the
 * packages core.package.json lists in `singletonPackages` (one @lumino/widgets, one
 * @jupyterlab/application: a second copy would mint tokens no plugin provides). Core packages this
 * app does not install (debugger, terminal, ...) are left out: an extension that needs one does
 * not load here, with an error in the console naming it.
 */
function sharedPackages() {
  const shared = {};
  for (const [name, requiredVersion] of Object.entries(core.resolutions)) {
    if (installedPackage(name)) shared[name] = { requiredVersion };
  }
  for (const name of extensionPackages) {
    const { version, dependencies = {} } = require(path.join(installedPackage(name) ?? name, 'package.json'));
    shared[name] ??= { requiredVersion: version };
    for (const [dependency, requiredVersion] of Object.entries(dependencies)) {
      if (!shared[dependency] && installedPackage(dependency)) shared[dependency] = { requiredVersion };
    }
  }
  for (const name of core.jupyterlab.singletonPackages) if (shared[name]) shared[name].singleton = true;
  // eager: the app's copies go into its own startup chunks instead of one async chunk per shared
  // package negotiated after start-up. Measured on the worked-example browser test (2 runs each,
  // same machine): lab ready 3.3–3.5 s and first plot 7.5–7.7 s lazy; 2.7–2.9 s and 6.6–6.7 s
  // eager; 2.6–2.8 s and 7.2–7.8 s for the app before it shared anything. Prebuilt extensions
  // still take the app's singletons from the share scope (test/browser-prebuilt.test.ts). Not
  // @relaxlab/jupyterlab: a prebuilt copy replaces it, and then the app's copy is never fetched.
  for (const name of Object.keys(shared)) shared[name].eager = name !== '@relaxlab/jupyterlab';
  return shared;
}
// production (minified) by default: a third of the bytes to parse at every page load; RELAXLAB_APP_MODE=development for readable bundles
const production = process.env.RELAXLAB_APP_MODE !== 'development';

module.exports = [
  {
    entry: ['./index.js'],
    output: { path: path.join(__dirname, 'build'), filename: 'bundle.js', chunkFilename: '[name].[contenthash].js', clean: false },
    mode: production ? 'production' : 'development',
    devtool: false,
    bail: true,
    module: {
      rules: [
        // jp-toolbar's derived fill colour can form a design-token cycle (jupyterlab#17877)
        {
          test: /@jupyter[\\/]web-components[\\/]dist[\\/]esm[\\/]toolbar[\\/]index\.js$/,
          use: [path.join(__dirname, 'loaders', 'toolbar-fill.js')],
        },
        { test: /\.css$/, use: ['style-loader', 'css-loader'], type: 'javascript/auto' },
        { test: /\.raw\.css$/, type: 'asset/source' },
        { test: /\.html$/, type: 'asset/resource' },
        { test: /\.md$/, type: 'asset/source' },
        { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
        { test: /\.js\.map$/, type: 'asset/resource' },
        { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
        {
          // in CSS, SVGs are data URIs; in JS they are the raw source (LabIcon reads them)
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          type: 'asset/inline',
          generator: { dataUrl: { content: (content) => miniSVGDataURI(content.toString()), mimetype: 'image/svg+xml' } },
        },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' },
      ],
    },
    plugins: [
      new rspack.DefinePlugin({ process: { cwd: () => '/', env: {} } }),
      // the webpack-compatible (V1) runtime, the one @jupyter/builder builds prebuilt extensions with
      // and JupyterLab 4's own webpack host uses: init(shareScope) on an extension's container
      new rspack.container.ModuleFederationPluginV1({ name: 'relaxlab_app', shared: sharedPackages() }),
    ],
    performance: { hints: false },
  },
]
  .concat(assets)
  .map((config) => ({
    ...config,
    stats: 'errors-warnings',
    // mathjax-full's loader mentions __dirname for Node; the lab loads MathJax the browser way
    ignoreWarnings: [{ module: /mathjax-full/, message: /__dirname/ }],
  }));
