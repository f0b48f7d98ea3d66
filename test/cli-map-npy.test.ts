/**
 * The .npy reader/writer and the delay and matrix parsing of `relaxlab map`: byte-for-byte what
 * NumPy writes, versions 1.0 and 2.0, and a typed error for each thing it does not read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isInputError } from '@relaxlab/core';
import { encodeNpy, parseNpy } from '../packages/cli/src/map/npy';
import { parseDelays, readMatrix } from '../packages/cli/src/map/matrix';

function inputError(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isInputError(e)) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected an InputError');
}

/** `numpy.save(f, numpy.arange(6.).reshape(2, 3))`, NumPy 2.4: a 128-byte v1.0 header, then 6 float64. */
function numpyArange6(): Buffer {
  const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
  const header = Buffer.concat([
    Buffer.from([0x93]),
    Buffer.from('NUMPY'),
    Buffer.from([1, 0, 118, 0]),
    Buffer.from(dict.padEnd(117, ' ') + '\n', 'latin1'),
  ]);
  const data = Buffer.from(new Float64Array([0, 1, 2, 3, 4, 5]).buffer);
  return Buffer.concat([header, data]);
}

function withHeader(dict: string, data: Buffer, version = 1): Buffer {
  const prefix = version === 1 ? 10 : 12;
  const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const h = Buffer.alloc(total, 0x20);
  h.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  if (version === 1) h.writeUInt16LE(total - prefix, 8);
  else h.writeUInt32LE(total - prefix, 8);
  h.write(dict, prefix, 'latin1');
  h[total - 1] = 0x0a;
  return Buffer.concat([h, data]);
}

describe('.npy', () => {
  test('reads what NumPy writes, and writes it back byte for byte', () => {
    const bytes = numpyArange6();
    expect(bytes).toHaveLength(128 + 48);
    const a = parseNpy(bytes, 'arange.npy');
    expect(a.dtype).toBe('<f8');
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(encodeNpy(a).equals(bytes)).toBe(true);
  });

  test('round-trips float32, booleans and 1-D shapes; the data start on a 64-byte boundary', () => {
    for (const a of [
      { dtype: '<f4' as const, shape: [4], data: new Float32Array([0.5, -1, 3.25, 1e-20]) },
      { dtype: '|b1' as const, shape: [2, 2], data: new Uint8Array([1, 0, 0, 1]) },
      { dtype: '<f8' as const, shape: [3, 1, 2], data: new Float64Array([Math.PI, -0, NaN, Infinity, 1e300, 5e-324]) },
    ]) {
      const bytes = encodeNpy(a);
      expect((bytes.length - a.data.byteLength) % 64).toBe(0);
      const back = parseNpy(bytes, 'x.npy');
      expect(back.dtype).toBe(a.dtype);
      expect(back.shape).toEqual(a.shape);
      expect(Array.from(back.data)).toEqual(Array.from(a.data));
    }
    expect(encodeNpy({ dtype: '<f8', shape: [4], data: new Float64Array(4) }).toString('latin1', 10, 70)).toContain("'shape': (4,)");
  });

  test('reads version 2.0 headers and unaligned data', () => {
    const data = Buffer.from(new Float64Array([7, 8]).buffer);
    const v2 = withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data, 2);
    expect(Array.from(parseNpy(v2, 'v2.npy').data)).toEqual([7, 8]);
    // the same file at an odd offset inside a larger buffer: copied, not viewed
    const shifted = Buffer.concat([Buffer.from([0]), v2]).subarray(1);
    expect(Array.from(parseNpy(shifted, 'v2.npy').data)).toEqual([7, 8]);
  });

  test.each([
    ['not a .npy file', Buffer.from('delay,signal\n1,2\n'), 'magic'],
    ['big-endian data', withHeader("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", Buffer.alloc(8)), 'descr'],
    ['integers', withHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", Buffer.alloc(8)), 'descr'],
    ['Fortran order', withHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", Buffer.alloc(32)), 'fortran_order'],
    ['a truncated data block', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", Buffer.alloc(16)), 'data'],
    ['version 9', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", Buffer.alloc(8), 9), 'version'],
  ])('%s is refused naming %s', (_, bytes, field) => {
    expect(inputError(() => parseNpy(bytes, 'bad.npy')).field).toBe(field);
  });
});

describe('delays', () => {
  test('a list, TopSpin suffixes and a unit for bare numbers', () => {
    expect(parseDelays('1\n2\n5', '--delays', 1e-3)).toEqual([1e-3, 2e-3, 5e-3]);
    expect(parseDelays('10u\n5m\n2s\n0.5', 'vdlist', 1)).toEqual([10e-6, 5e-3, 2, 0.5]);
  });

  test('a header "delay (ms)" sets the unit; comments are skipped', () => {
    expect(parseDelays('# from the spectrometer\ndelay (ms)\n0.5\n1  # one\n20\n', 'delays.txt', 1)).toEqual([0.5e-3, 1e-3, 20e-3]);
  });

  test('bad entries name the line', () => {
    expect(inputError(() => parseDelays('1\n2\nthree', 'vdlist', 1)).field).toBe('line 3');
    expect(inputError(() => parseDelays('delay (K)\n1', 'vdlist', 1)).message).toMatch(/not a time unit/);
  });
});

describe('CSV matrices', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'relaxlab-map-csv-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('rows of signals, with comments, a header and NaN for masked points', () => {
    const file = join(tmp, 'm.csv');
    writeFileSync(file, '# map\nd1,d2,d3\n1,2,3\n4,NaN,6\n');
    const m = readMatrix(file);
    expect([m.rows, m.columns, m.mapShape]).toEqual([2, 3, [2]]);
    expect(Array.from(m.values)).toEqual([1, 2, 3, 4, NaN, 6]);
  });

  test('a row of another length is refused naming its line', () => {
    const file = join(tmp, 'ragged.tsv');
    writeFileSync(file, '1\t2\t3\n4\t5\n');
    expect(inputError(() => readMatrix(file)).field).toBe('line 2');
  });
});
