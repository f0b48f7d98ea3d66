/**
 * NumPy's .npy format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html),
 * the part RelaxLab needs: versions 1.0, 2.0 and 3.0, C order, little-endian float64 / float32,
 * and booleans / uint8 (masks, convergence flags). Layout: the magic "\x93NUMPY", major and minor
 * version bytes, the header length (uint16 LE in 1.0, uint32 LE in 2.0/3.0), an ASCII (3.0: UTF-8)
 * Python dict literal {'descr': '<f8', 'fortran_order': False, 'shape': (100000, 16), } padded
 * with spaces and a newline so that the data start on a multiple of 64 bytes, then the raw data.
 */
import { readFileSync, writeFileSync } from 'fs';
import { InputError } from '@relaxlab/core';

export type NpyDtype = '<f8' | '<f4' | '|b1' | '|u1';
export type NpyData = Float64Array | Float32Array | Uint8Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ITEM_SIZE: Record<NpyDtype, number> = { '<f8': 8, '<f4': 4, '|b1': 1, '|u1': 1 };
const ALIGN = 64;

function fail(source: string, field: string, reason: string, expected: string, found?: string): never {
  throw new InputError(reason, { source, field, expected, ...(found !== undefined && { found }) });
}

/** The header dict's three entries, read with patterns (it is a Python literal, not JSON). */
function parseHeader(header: string, source: string): { dtype: NpyDtype; fortran: boolean; shape: number[] } {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]+)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^()]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    fail(
      source,
      'header',
      'not a .npy header',
      "a dict with 'descr', 'fortran_order' and 'shape'",
      JSON.stringify(header.trim().slice(0, 120)),
    );
  }
  // '=' is native order; only little-endian machines are supported, so it means '<'
  const normalized = descr.replace(/^=/, '<').replace(/^<(b1|u1)$/, '|$1');
  if (!(normalized in ITEM_SIZE)) {
    const hint = descr.startsWith('>') ? ' (big-endian: convert with arr.astype("<f8"))' : '';
    fail(
      source,
      'descr',
      'unsupported data type',
      `little-endian float64 '<f8' or float32 '<f4' (or bool/uint8)${hint}`,
      JSON.stringify(descr),
    );
  }
  const parts = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.every((p) => /^\d+L?$/.test(p))) fail(source, 'shape', 'invalid shape', 'a tuple of non-negative integers', `(${shapeText})`);
  return { dtype: normalized as NpyDtype, fortran: fortran === 'True', shape: parts.map((p) => Number(p.replace('L', ''))) };
}

export function parseNpy(bytes: Uint8Array, source: string): NpyArray {
  if (bytes.length < 10 || !MAGIC.every((b, i) => bytes[i] === b)) {
    fail(
      source,
      'magic',
      'not a .npy file',
      'a file starting with "\\x93NUMPY" (numpy.save)',
      bytes.length < 10 ? `${bytes.length} bytes` : undefined,
    );
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail(source, 'header', 'truncated file', 'a complete .npy header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    return fail(source, 'version', 'unsupported .npy version', '1.0, 2.0 or 3.0', `${major}.${bytes[7]}`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length)
    fail(source, 'header', 'truncated file', `a header of ${headerLength} bytes`, `${bytes.length - headerStart} bytes`);
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + headerStart, headerLength).toString(major === 3 ? 'utf8' : 'latin1');
  const { dtype, fortran, shape } = parseHeader(header, source);
  if (fortran)
    fail(source, 'fortran_order', 'Fortran (column-major) order', 'C order (numpy.ascontiguousarray(a) before numpy.save)', 'True');
  const count = shape.reduce((a, b) => a * b, 1);
  const size = ITEM_SIZE[dtype];
  const expected = count * size;
  if (bytes.length - dataStart !== expected) {
    fail(
      source,
      'data',
      'data length does not match the shape',
      `${expected} bytes for shape (${shape.join(', ')}) of ${dtype}`,
      `${bytes.length - dataStart} bytes`,
    );
  }
  const offset = bytes.byteOffset + dataStart;
  // a typed-array view needs an aligned offset; otherwise copy the bytes once
  const aligned = offset % size === 0;
  let buffer = bytes.buffer;
  let start = offset;
  if (!aligned) {
    const copy = new Uint8Array(expected);
    copy.set(bytes.subarray(dataStart, dataStart + expected));
    buffer = copy.buffer;
    start = 0;
  }
  const data =
    dtype === '<f8'
      ? new Float64Array(buffer, start, count)
      : dtype === '<f4'
        ? new Float32Array(buffer, start, count)
        : new Uint8Array(buffer, start, count);
  return { dtype, shape, data };
}

export function readNpy(path: string): NpyArray {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return fail(path, 'file', 'cannot read file', 'a readable .npy file', (e as NodeJS.ErrnoException).code ?? String(e));
  }
  return parseNpy(bytes, path);
}

/** A .npy file (version 1.0, or 2.0 when the header does not fit in 64 KiB) of C-ordered data. */
export function encodeNpy(array: NpyArray): Buffer {
  const { dtype, shape, data } = array;
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count)
    throw new InputError('data length does not match the shape', {
      field: 'data',
      expected: `${count} values for shape (${shape.join(', ')})`,
      found: String(data.length),
      source: 'encodeNpy',
    });
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const version = dict.length + 11 < 65536 ? 1 : 2;
  const prefix = version === 1 ? 10 : 12;
  const padded = Math.ceil((prefix + dict.length + 1) / ALIGN) * ALIGN;
  const headerLength = padded - prefix;
  const out = Buffer.alloc(padded + count * ITEM_SIZE[dtype]);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  if (version === 1) out.writeUInt16LE(headerLength, 8);
  else out.writeUInt32LE(headerLength, 8);
  out.write(dict.padEnd(headerLength - 1, ' ') + '\n', prefix, 'latin1');
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), padded);
  return out;
}

export function writeNpy(path: string, array: NpyArray): void {
  writeFileSync(path, encodeNpy(array));
}
