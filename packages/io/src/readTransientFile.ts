/** One entry point for a transient on disk, whatever the format. */
import { basename } from 'path';
import { InputError } from '@relaxlab/core';
import { parseDelimitedText } from './delimited/parse';
import { tableToTransient, TransientColumns } from './delimited/toTransient';
import { readSourceFile } from './fileSource';
import { parseCt1t2Text, parseT1intsText } from './topspin/relaxationModule';
import { parseExperiment, withMetadata } from './transient';
import type { TopspinFit, Transient, TransientFormat, TransientMetadata } from './types';

export interface ReadTransientOptions extends TransientColumns, TransientMetadata {
  /** 1-based peak of a TopSpin relaxation-module file; required only when it holds several. */
  peak?: number;
}

/** A transient; from ct1t2.txt it also carries TopSpin's own fit. */
export type ReadTransient = Transient & { topspinFit?: TopspinFit };

/** By file name first (ct1t2.txt, t1ints.txt), then by content, else delimited text. */
export function detectTransientFormat(path: string, text: string): TransientFormat {
  const name = basename(path).toLowerCase();
  if (/^ct1t2(\.txt)?$/.test(name) || /^\s*SIMFIT RESULTS/.test(text)) return 'topspin-ct1t2';
  if (/^t1ints(\.txt)?$/.test(name) || (/^\s*\d+\s*[\r\n]/.test(text) && /^[ \t]*-1[ \t]+0[ \t]+0[ \t\r]*$/m.test(text))) {
    return 'topspin-t1ints';
  }
  return 'delimited';
}

function selectPeak<T extends Transient>(peaks: T[], peak: number | undefined, source: string): T {
  const available = peaks.map((t) => t.source.peak).join(', ');
  if (peak === undefined) {
    if (peaks.length === 1) return peaks[0];
    throw new InputError('several peaks in file', { source, field: 'peak', expected: `a peak number: ${available}`, found: 'none given' });
  }
  const found = peaks.find((t) => t.source.peak === peak);
  if (!found) throw new InputError('no such peak', { source, field: 'peak', expected: `one of ${available}`, found: String(peak) });
  return found;
}

/**
 * Read a transient from ct1t2.txt / t1ints.txt (TopSpin relaxation module) or a CSV/TSV/whitespace
 * table. Metadata given in `options` (experiment, nucleus, larmor_MHz, ...) overrides the file's.
 */
export function readTransientFile(path: string, options: ReadTransientOptions = {}): ReadTransient {
  // Checked here because callers such as the CLI pass strings straight through.
  const overrides: TransientMetadata = {
    ...options,
    experiment: options.experiment && parseExperiment(options.experiment, { source: 'options', field: 'experiment' }),
  };
  const file = readSourceFile(path);
  const format = detectTransientFormat(path, file.text);
  if (format === 'delimited') {
    const table = { ...parseDelimitedText(file.text, { source: path }), sha256: file.sha256 };
    return withMetadata(tableToTransient(table, options), overrides);
  }
  const columnOption = (['x', 'y', 'sigma'] as const).find((k) => options[k] !== undefined);
  if (columnOption) {
    throw new InputError('column options apply to delimited files only', {
      source: path,
      field: columnOption,
      expected: `no column choice for a TopSpin ${format} file`,
      found: JSON.stringify(options[columnOption]),
    });
  }
  const text = { source: path, sha256: file.sha256 };
  const peaks: ReadTransient[] = format === 'topspin-ct1t2' ? parseCt1t2Text(file.text, text) : parseT1intsText(file.text, text);
  return withMetadata(selectPeak(peaks, options.peak, path), overrides);
}
