// The string formats the Vega-Lite v5 schema uses (ajv knows none of them without ajv-formats),
// in a module of their own so that the compiled validator (vegaLiteSchema.ts) can require them.
module.exports = {
  uri: (text) => /^[a-z][a-z0-9+.-]*:/i.test(text),
  'uri-reference': (text) => !/\s/.test(text),
  'color-hex': /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i,
};
