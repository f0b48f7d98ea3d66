/**
 * A plain decimal number as written in data files: optional sign, digits with an optional point,
 * optional exponent. Stricter than Number(), which would also accept '0x1F', '' and 'Infinity'.
 */
export const DECIMAL = /^[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
