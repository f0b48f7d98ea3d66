// Bundles index.js (JupyterLab core plugins + RelaxLab) into build/, and copies the extensions'
// settings schemas and themes there (Build.ensureAssets from @jupyter/builder), as JupyterLab's
// own examples/app does. `npm run build -w @relaxlab/app`; main.py serves build/.
const path = require('path');
const rspack = require('@rspack/core');
const { Build } = require('@jupyter/builder');
const miniSVGDataURI = require('mini-svg-data-uri');
const data = require('./package.json');

const assets = Build.ensureAssets({ packageNames: data.jupyterlab.extensions, output: path.join(__dirname, 'build') });
// production (minified) by default: a third of the bytes to parse at every page load; RELAXLAB_APP_MODE=development for readable bundles
const production = process.env.RELAXLAB_APP_MODE !== 'development';

module.exports = [
  {
    entry: ['./index.js'],
    output: { path: path.join(__dirname, 'build'), filename: 'bundle.js', chunkFilename: '[name].[contenthash].js', clean: false },
    mode: production ? 'production' : 'development',
    devtool: false,
    bail: true,
    // @relaxlab/io's text parsers sit in modules that also read files in Node; the browser only
    // calls the parsers, so the Node built-ins resolve to nothing here
    resolve: require('../jupyterlab/rspack.extension.js').resolve,
    module: {
      rules: [
        // jp-toolbar's derived fill colour can form a design-token cycle (jupyterlab#17877)
        { test: /@jupyter[\\/]web-components[\\/]dist[\\/]esm[\\/]toolbar[\\/]index\.js$/, use: [path.join(__dirname, 'loaders', 'toolbar-fill.js')] },
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
    plugins: [new rspack.DefinePlugin({ process: { cwd: () => '/', env: {} } })],
    performance: { hints: false },
  },
].concat(assets).map((config) => ({
  ...config,
  stats: 'errors-warnings',
  // mathjax-full's loader mentions __dirname for Node; the lab loads MathJax the browser way
  ignoreWarnings: [{ module: /mathjax-full/, message: /__dirname/ }],
}));
