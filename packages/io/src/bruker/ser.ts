/**
 * The raw FIDs of a Bruker pseudo-2D experiment (`ser`): one FID per row, each TD words of
 * interleaved real/imaginary points, int32 (DTYPA = 0) or float64 (DTYPA = 2), little-endian when
 * BYTORDA = 0. TopSpin pads every row to a multiple of 1024 bytes (256 int32 or 128 float64
 * words), so the 17O LAMOX rows of TD = 10,000 words occupy 10,240 (TopSpin manual, "Acquisition
 * data files"; checked against the real file: 614,400 bytes = 15 rows × 10,240 × 4).
 */
import { InputError } from '@relaxlab/core';

export interface SerLayout {
  /** acqus TD: words per FID (real + imaginary). */
  td: number;
  /** acqus DTYPA: 0 int32, 2 float64. */
  dtypa: number;
  /** acqus BYTORDA: 0 little-endian, 1 big-endian. */
  bytorda: number;
}

export interface SerRows {
  /** One complex FID per row, TD/2 points each (padding removed). */
  re: Float64Array[];
  im: Float64Array[];
  /** Complete rows in the file. */
  rows: number;
  /** Words per row on disk, padding included. */
  rowWords: number;
}

export function serRowWords(layout: SerLayout): number {
  const block = layout.dtypa === 2 ? 128 : 256;
  return Math.ceil(layout.td / block) * block;
}

/** Split `ser` into complex FIDs; a file that ends inside a row is refused (a truncated copy). */
export function readSerRows(bytes: Uint8Array, layout: SerLayout, source: string): SerRows {
  const { td, dtypa, bytorda } = layout;
  if (dtypa !== 0 && dtypa !== 2) {
    throw new InputError('unsupported data type', { source, field: 'DTYPA', expected: '0 (int32) or 2 (float64)', found: String(dtypa) });
  }
  if (!(Number.isInteger(td) && td >= 2 && td % 2 === 0)) {
    throw new InputError('bad TD', {
      source,
      field: 'TD',
      expected: 'an even number of words ≥ 2 (real, imaginary pairs)',
      found: String(td),
    });
  }
  const wordBytes = dtypa === 2 ? 8 : 4;
  const rowWords = serRowWords(layout);
  const rowBytes = rowWords * wordBytes;
  if (bytes.length > 0 && rowBytes > bytes.length) {
    // TD asks for more than the whole file: a wrong header, not a truncated copy (checked before any allocation)
    throw new InputError('TD larger than the ser file', {
      source,
      field: 'TD',
      expected: `at most ${Math.floor(bytes.length / wordBytes)} words (the ser file holds ${bytes.length} bytes of ${wordBytes}-byte words)`,
      found: String(td),
    });
  }
  if (bytes.length === 0 || bytes.length % rowBytes !== 0) {
    throw new InputError(bytes.length === 0 ? 'empty ser file' : 'truncated ser file', {
      source,
      field: 'size',
      expected: `a whole number of FIDs of ${rowBytes} bytes (TD = ${td} ${dtypa === 2 ? 'float64' : 'int32'} words padded to ${rowWords})`,
      found: `${bytes.length} bytes`,
    });
  }
  const rows = bytes.length / rowBytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytorda === 0;
  const points = td / 2;
  const re: Float64Array[] = [];
  const im: Float64Array[] = [];
  for (let r = 0; r < rows; r++) {
    const rowRe = new Float64Array(points);
    const rowIm = new Float64Array(points);
    let offset = r * rowBytes;
    for (let j = 0; j < points; j++) {
      if (dtypa === 2) {
        rowRe[j] = view.getFloat64(offset, little);
        rowIm[j] = view.getFloat64(offset + 8, little);
      } else {
        rowRe[j] = view.getInt32(offset, little);
        rowIm[j] = view.getInt32(offset + 4, little);
      }
      offset += 2 * wordBytes;
    }
    re.push(rowRe);
    im.push(rowIm);
  }
  return { re, im, rows, rowWords };
}
