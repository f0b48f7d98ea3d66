// Extra configuration merged by build-labextension (package.json "jupyterlab.webpackConfig"):
// @relaxlab/io's text parsers share modules with its Node file readers; in the browser the Node
// built-ins resolve to nothing, and `util` to the TextDecoder the parsers need.
const path = require('path');

module.exports = {
  resolve: {
    fallback: { fs: false, path: false, crypto: false, zlib: false, os: false, util: path.join(__dirname, 'shims', 'util.js') },
  },
};
