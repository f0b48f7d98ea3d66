// Node's `util` for the browser bundle, as far as @relaxlab/io's text parsers use it: a module of
// @relaxlab/io creates a TextDecoder when it loads (its file reading, which the browser never calls).
module.exports = { TextDecoder: globalThis.TextDecoder, TextEncoder: globalThis.TextEncoder };
