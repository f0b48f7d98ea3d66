/**
 * One entry point for whatever the spectrometer or the user has: a TopSpin experiment folder, a
 * folder of experiments (VT series), a JCAMP-DX file, a TopSpin relaxation-module file or a table.
 * Every input is only read; the transients carry the SHA-256 of what was read.
 */
import { existsSync, readdirSync, statSync } from 'fs';
import { extname, join } from 'path';
import { InputError } from '@relaxlab/core';
import { BrukerRelaxationOptions, readBrukerRelaxation } from './bruker/readBrukerRelaxation';
import { readJcampRelaxation } from './jcamp/readJcampRelaxation';
import { readSourceFile } from './fileSource';
import { detectTransientFormat } from './readTransientFile';
import { readVtSeries } from './series/readVtSeries';
import { parseCt1t2Text, parseT1intsText } from './topspin/relaxationModule';
import { readTransientFile } from './readTransientFile';
import { withMetadata } from './transient';
import type { Transient } from './types';

/** What importRelaxationData found at the path. */
export type ImportFormat = 'bruker-experiment' | 'vt-series' | 'jcamp-dx' | 'topspin-relaxation-module' | 'table';

export interface ImportResult {
  format: ImportFormat;
  transients: Transient[];
  warnings: string[];
}

const JCAMP_EXTENSIONS = new Set(['.dx', '.jdx', '.jcamp', '.jcm']);

/** Options shared by all readers; those a format does not use are ignored for it. */
export type ImportOptions = BrukerRelaxationOptions;

export function importRelaxationData(path: string, options: ImportOptions = {}): ImportResult {
  if (!existsSync(path))
    throw new InputError('no such file or folder', {
      source: path,
      field: 'path',
      expected: 'a TopSpin experiment folder, a JCAMP-DX file or a data table',
      found: 'nothing there',
    });
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'acqus')) || existsSync(join(path, 'ser'))) {
      const r = readBrukerRelaxation(path, options);
      return { format: 'bruker-experiment', transients: r.transients, warnings: r.warnings };
    }
    const numbered = readdirSync(path).some((n) => /^\d+$/.test(n) && statSync(join(path, n)).isDirectory());
    if (numbered) {
      const s = readVtSeries(path, options);
      return { format: 'vt-series', transients: s.transients, warnings: s.warnings };
    }
    throw new InputError(readdirSync(path).length === 0 ? 'empty folder' : 'not a TopSpin experiment folder', {
      source: path,
      field: 'acqus',
      expected: 'acqus + ser + vdlist (one experiment) or numbered experiment folders (a VT series)',
      found: readdirSync(path).length === 0 ? 'no files' : 'neither',
    });
  }
  if (JCAMP_EXTENSIONS.has(extname(path).toLowerCase())) {
    const { regions_ppm, measure, noiseRegion_ppm, autoRegions, loopTime_s, ...metadata } = options;
    const r = readJcampRelaxation(path, { ...metadata, regions_ppm, measure, noiseRegion_ppm, autoRegions, loopTime_s });
    return { format: 'jcamp-dx', transients: r.transients, warnings: r.warnings };
  }
  const file = readSourceFile(path);
  const format = detectTransientFormat(path, file.text);
  if (format === 'delimited') return { format: 'table', transients: [readTransientFile(path, options)], warnings: [] };
  const text = { source: path, sha256: file.sha256 };
  const peaks: Transient[] = format === 'topspin-ct1t2' ? parseCt1t2Text(file.text, text) : parseT1intsText(file.text, text);
  return { format: 'topspin-relaxation-module', transients: peaks.map((t) => withMetadata(t, options)), warnings: [] };
}
