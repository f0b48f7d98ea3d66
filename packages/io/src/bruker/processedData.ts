/**
 * TopSpin's processed data of a pseudo-2D experiment (pdata/<procno>/): processing parameters
 * (procs, proc2s), integration regions (intrng) and the real spectra (2rr).
 *
 * 2rr layout (TopSpin manual, "Processed data files"): int32 values scaled by 2^NC_proc, byte order
 * BYTORDP, stored in submatrices of XDIM(F2) × XDIM(F1) points, submatrix rows F1-major. Checked
 * on the 17O LAMOX data: 16384 × 32 points in 4096 × 4 tiles; the untiled rows are the ones our
 * own processing reproduces (test/real-17O-raw.test.ts).
 */
import { existsSync, readFileSync } from 'fs';
import { createHash } from 'crypto';
import { join } from 'path';
import { InputError } from '@relaxlab/core';
import { readSourceFile } from '../fileSource';
import { parseIntrng, PpmAxis, PpmRegion } from '../processing/regions';
import type { InputFile } from '../types';
import { BrukerParameters, readBrukerParameters } from './parameters';

export function pdataDir(dir: string, procno: number): string {
  return join(dir, 'pdata', String(procno));
}

/** procs of pdata/<procno>, or undefined when the experiment was never processed. */
export function readProcs(dir: string, procno: number, inputs: InputFile[]): BrukerParameters | undefined {
  const path = join(pdataDir(dir, procno), 'procs');
  return existsSync(path) ? readBrukerParameters(path, inputs) : undefined;
}

/** TopSpin's integration regions, or undefined when there is no intrng. */
export function readIntrng(dir: string, procno: number, inputs: InputFile[]): PpmRegion[] | undefined {
  const path = join(pdataDir(dir, procno), 'intrng');
  if (!existsSync(path)) return undefined;
  const file = readSourceFile(path);
  inputs.push({ file: path, sha256: file.sha256 });
  return parseIntrng(file.text, path);
}

/** The F2 ppm axis of procs: point i at OFFSET − i·SW_p/(SF·SI). */
export function procsAxis(procs: BrukerParameters): PpmAxis {
  const size = procs.number('SI');
  return { offset_ppm: procs.number('OFFSET'), step_ppm: procs.number('SW_p') / procs.number('SF') / size, size };
}

export interface Processed2rr {
  axis: PpmAxis;
  rows: Float64Array[];
  procs: BrukerParameters;
}

/** The first `rows` F1 rows of pdata/<procno>/2rr, in TopSpin's intensity units. */
export function readProcessed2rr(dir: string, procno: number, rows: number, inputs: InputFile[]): Processed2rr {
  const pdata = pdataDir(dir, procno);
  const path = join(pdata, '2rr');
  if (!existsSync(path)) {
    throw new InputError('missing 2rr', {
      source: pdata,
      field: '2rr',
      expected: 'TopSpin-processed spectra (run xf2 in TopSpin first)',
      found: 'no such file',
    });
  }
  const procs = readProcs(dir, procno, inputs);
  const proc2sPath = join(pdata, 'proc2s');
  if (!procs || !existsSync(proc2sPath)) {
    throw new InputError('missing processing parameters', {
      source: pdata,
      field: procs ? 'proc2s' : 'procs',
      expected: 'procs and proc2s beside 2rr',
      found: 'none',
    });
  }
  const proc2s = readBrukerParameters(proc2sPath, inputs);
  const bytes = readFileSync(path);
  inputs.push({ file: path, sha256: createHash('sha256').update(bytes).digest('hex') });

  const si2 = procs.number('SI');
  const si1 = proc2s.number('SI');
  const x2 = procs.optionalNumber('XDIM') || si2;
  const x1 = proc2s.optionalNumber('XDIM') || si1;
  if (bytes.length !== si2 * si1 * 4) {
    throw new InputError('2rr size does not match procs/proc2s', {
      source: path,
      field: 'size',
      expected: `${si2} × ${si1} int32 values = ${si2 * si1 * 4} bytes`,
      found: `${bytes.length} bytes`,
    });
  }
  if (![x2, x1].every((x) => Number.isInteger(x) && x > 0) || si2 % x2 !== 0 || si1 % x1 !== 0) {
    throw new InputError('bad submatrix size', {
      source: path,
      field: 'XDIM',
      expected: `a positive integer XDIM dividing SI (${si2}, ${si1})`,
      found: `${x2}, ${x1}`,
    });
  }
  if (rows > si1) {
    throw new InputError('fewer processed rows than delays', {
      source: path,
      field: 'SI (F1)',
      expected: `at least ${rows} rows`,
      found: `${si1}`,
    });
  }
  const scale = 2 ** (procs.optionalNumber('NC_proc') ?? 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = (procs.optionalNumber('BYTORDP') ?? 0) === 0;
  const out = Array.from({ length: rows }, () => new Float64Array(si2));
  let k = 0;
  for (let b1 = 0; b1 < si1 / x1; b1++) {
    for (let b2 = 0; b2 < si2 / x2; b2++) {
      for (let r = 0; r < x1; r++) {
        const row = b1 * x1 + r;
        for (let c = 0; c < x2; c++, k++) {
          if (row < rows) out[row][b2 * x2 + c] = view.getInt32(4 * k, little) * scale;
        }
      }
    }
  }
  return { axis: procsAxis(procs), rows: out, procs };
}
