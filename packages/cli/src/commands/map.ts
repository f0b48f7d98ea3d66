/**
 * `relaxlab map <matrix.npy|.csv> --delays <list|file> [--model NAME] -o <out>`: a relaxation-time
 * map — one transient per voxel or spectral point, 100,000 of them in seconds — fitted with the
 * batch fast path of the engine (@relaxlab/core fitTransientBatch: one solver and one set of work
 * arrays for every fit, results in typed arrays), written as the map of each fitted parameter and
 * its standard error (.npy with the input's leading shape, and/or one CSV). Inputs are only read.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Command } from 'commander';
import { fitTransientBatch, InputError, RESULT_SCHEMA, TRANSIENT_MODEL_NAMES } from '@relaxlab/core';
import type { TransientModelName } from '@relaxlab/core';
import { readSourceFile } from '@relaxlab/io';
import { delayUnitFactor, parseDelays, readMatrix, TransientMatrix } from '../map/matrix';
import { writeNpy } from '../map/npy';
import { printJson, printOut, printWarning } from '../output';
import { refuseOutputHoldingInputs } from '../paths';
import { progressBar } from '../progress';
import { parseModelName } from '../params';

export interface MapCommandOptions {
  delays?: string;
  delayUnit?: string;
  model?: string;
  vary?: string;
  fix?: string;
  out?: string;
  format?: string;
  json?: boolean;
}

/** Transients fitted per call of the batch: bounds the views held at once and paces the progress bar. */
const CHUNK = 8192;
const FORMATS = ['npy', 'csv', 'both'] as const;

export function registerMap(program: Command): Command {
  return program
    .command('map')
    .helpOption('-h, --help', 'show this help')
    .summary('T1/T1rho/T2 map: fit many transients with shared delays (fast batch path) → parameter and stderr maps')
    .description(
      'Fit every row of a matrix of transients (rows: voxels or spectral points; columns: delays) with one named model, ' +
        'using the batch fast path of the fitting engine (automatic start values, Levenberg-Marquardt, standard errors ' +
        'from the covariance scaled by sqrt(reduced chi-square)). Writes, for each varied parameter, its map and its ' +
        'standard-error map, plus the reduced chi-square and convergence maps. Rows holding NaN or Inf (masked points) ' +
        'are not fitted: their maps hold NaN and they are counted in the summary. The input is only read.',
    )
    .argument(
      '<matrix>',
      '.npy (float64/float32, C order; shape (..., delays): every leading axis is kept in the maps) or CSV/TSV (one row per transient; "#" comments; an optional header line)',
    )
    .option(
      '--delays <list|file>',
      'the delays, one per column: comma-separated ("0.001,0.002,5m") or a file with one per line (TopSpin vdlist style; suffixes n, u, m, s; a header "delay (ms)" sets the unit) (required)',
    )
    .option('--delay-unit <unit>', 'unit of delays given as bare numbers: s, ms or us', 's')
    .option('--model <name>', `transient model: ${TRANSIENT_MODEL_NAMES.join(', ')}`, 'saturation-recovery')
    .option(
      '--vary <names>',
      'comma-separated parameters to free that the model fixes by default, e.g. gamma (defaults: a, gamma, kappa, c fixed)',
    )
    .option('--fix <names>', 'comma-separated parameters to hold at their default value')
    .option(
      '-o, --out <folder>',
      'output folder (created when missing) for <param>.npy, <param>_stderr.npy, redchi.npy, converged.npy and/or map.csv (required)',
    )
    .option('--format <fmt>', 'npy, csv or both (default: npy for a .npy input, csv for a table)')
    .option('--json', 'print exactly one JSON document: {"kind": "MapSummary", model, count, fitted, converged, masked, outputs, timing}')
    .addHelpText(
      'after',
      [
        '',
        'Units: delays in seconds after conversion; time constants (T1, T1rho, T2) and their stderr maps in seconds;',
        '       amplitudes in the units of the signal.',
        '',
        'Examples:',
        '  relaxlab map signals.npy --delays vdlist -o t1map',
        '  relaxlab map spectra.csv --delays 0.1,0.2,0.5,1,2,5,10,20 --delay-unit ms --model spin-lock -o t1rho --format both',
        '',
        'Exit codes: 0 success (fits that did not converge are flagged in converged.npy, not errors), 1 internal error,',
        '            2 bad input or usage (one line on stderr naming the file/field).',
      ].join('\n'),
    )
    .action((file: string, options: MapCommandOptions) => runMap(file, options));
}

const names = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function readDelaysOption(text: string, unit: string): { delay_s: number[]; source: string; sha256?: string } {
  const factor = delayUnitFactor(unit, '--delay-unit');
  if (existsSync(text) && statSync(text).isFile()) {
    const file = readSourceFile(text);
    return { delay_s: parseDelays(file.text, text, factor), source: text, sha256: file.sha256 };
  }
  return { delay_s: parseDelays(text.replace(/,/g, '\n'), '--delays', factor), source: '--delays' };
}

export function runMap(file: string, options: MapCommandOptions): void {
  if (options.delays === undefined)
    throw new InputError('no delays', { field: '--delays', expected: 'the delays, e.g. --delays 0.001,0.01,0.1,1 or --delays vdlist' });
  if (options.out === undefined)
    throw new InputError('no output folder', { field: '-o, --out', expected: 'an output folder, e.g. -o t1map' });
  const model = parseModelName(options.model ?? 'saturation-recovery');
  const delays = readDelaysOption(options.delays, options.delayUnit ?? 's');
  const t0 = process.hrtime.bigint();
  const matrix = readMatrix(file);
  const format = options.format !== undefined ? parseFormat(options.format) : matrix.format;
  if (delays.delay_s.length !== matrix.columns) {
    throw new InputError('delays and matrix columns differ', {
      source: delays.source,
      field: 'delays',
      expected: `${matrix.columns} delays (the columns of ${file})`,
      found: `${delays.delay_s.length}`,
    });
  }
  if (existsSync(options.out) && !statSync(options.out).isDirectory())
    throw new InputError('not a folder', {
      field: '-o, --out',
      expected: 'a folder (created when missing)',
      found: JSON.stringify(options.out),
    });
  refuseOutputHoldingInputs(options.out, delays.source === '--delays' ? [file] : [file, delays.source]);
  const t1 = process.hrtime.bigint();
  const result = fitMatrix(matrix, delays.delay_s, model, names(options.vary), names(options.fix));
  const t2 = process.hrtime.bigint();
  mkdirSync(options.out, { recursive: true });
  const outputs = writeMaps(options.out, format, matrix, result);
  const t3 = process.hrtime.bigint();
  const seconds = (a: bigint, b: bigint) => Number(b - a) / 1e9;
  const summary = {
    schema: RESULT_SCHEMA,
    kind: 'MapSummary',
    input: { file, format: matrix.format, shape: [...matrix.mapShape, matrix.columns], ...(matrix.sha256 && { sha256: matrix.sha256 }) },
    delays: { source: delays.source, delay_s: delays.delay_s, ...(delays.sha256 && { sha256: delays.sha256 }) },
    model,
    parameters: result.parameterNames,
    varied: result.varyNames,
    count: matrix.rows,
    fitted: result.fitted,
    converged: result.convergedCount,
    masked: matrix.rows - result.fitted,
    outputs,
    timing: {
      read_s: seconds(t0, t1),
      fit_s: seconds(t1, t2),
      write_s: seconds(t2, t3),
      fitsPerSecond: result.fitted / Math.max(seconds(t1, t2), 1e-9),
    },
  };
  if (summary.masked > 0)
    printWarning(`${summary.masked} of ${matrix.rows} transients hold NaN or Inf and were not fitted (NaN in the maps)`);
  if (result.fitted - result.convergedCount > 0)
    printWarning(`${result.fitted - result.convergedCount} of ${result.fitted} fits did not converge (converged = 0 in the maps)`);
  if (options.json) return printJson(summary);
  printOut(
    [
      `${file}: ${matrix.rows} transients × ${matrix.columns} delays, model ${model} (varied: ${result.varyNames.join(', ')})`,
      `    fitted ${result.fitted}, converged ${result.convergedCount}, masked ${summary.masked}; ${Math.round(summary.timing.fitsPerSecond)} fits/s`,
      `wrote ${outputs.join(', ')}`,
    ].join('\n'),
  );
}

function parseFormat(value: string): (typeof FORMATS)[number] {
  const found = FORMATS.find((f) => f === value.trim().toLowerCase());
  if (!found)
    throw new InputError('unknown output format', { field: '--format', expected: FORMATS.join(', '), found: JSON.stringify(value) });
  return found;
}

interface MapResult {
  parameterNames: string[];
  varyNames: string[];
  /** values[k·np + j], NaN for masked rows. */
  values: Float64Array;
  stderr: Float64Array;
  redChi: Float64Array;
  converged: Uint8Array;
  fitted: number;
  convergedCount: number;
}

function fitMatrix(m: TransientMatrix, delay_s: number[], model: TransientModelName, vary: string[], fix: string[]): MapResult {
  const { rows, columns: n, values } = m;
  // rows with a non-finite value are masked points: left out, NaN in every map
  const good: number[] = [];
  for (let k = 0; k < rows; k++) {
    let finite = true;
    for (let i = k * n; i < (k + 1) * n; i++) if (!Number.isFinite(values[i])) finite = false;
    if (finite) good.push(k);
  }
  const options = { model, vary, fix, source: 'relaxlab map' };
  // a zero-row batch still resolves the model and checks the delays and parameter names
  const probe = fitTransientBatch({ delay_s, signals: [] }, options);
  const np = probe.parameterNames.length;
  const out: MapResult = {
    parameterNames: probe.parameterNames,
    varyNames: probe.varyNames,
    values: new Float64Array(rows * np).fill(NaN),
    stderr: new Float64Array(rows * np).fill(NaN),
    redChi: new Float64Array(rows).fill(NaN),
    converged: new Uint8Array(rows),
    fitted: good.length,
    convergedCount: 0,
  };
  const bar = progressBar('transients fitted', good.length);
  for (let c = 0; c < good.length; c += CHUNK) {
    const chunk = good.slice(c, c + CHUNK);
    const signals = chunk.map((k) => values.subarray(k * n, (k + 1) * n));
    const r = fitTransientBatch({ delay_s, signals }, options);
    chunk.forEach((k, q) => {
      for (let j = 0; j < np; j++) {
        out.values[k * np + j] = r.values[q * np + j];
        out.stderr[k * np + j] = r.stderr[q * np + j];
      }
      out.redChi[k] = r.redChi[q];
      out.converged[k] = r.converged[q];
      out.convergedCount += r.converged[q];
    });
    bar.update(Math.min(good.length, c + CHUNK));
  }
  bar.done();
  return out;
}

/** One parameter's column of the interleaved result. */
function column(values: Float64Array, np: number, j: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let k = 0; k < rows; k++) out[k] = values[k * np + j];
  return out;
}

const UNIT: Record<string, string> = {
  T1: 's',
  T1rho: 's',
  T2: 's',
  T1_a: 's',
  T1_b: 's',
  T1rho_a: 's',
  T1rho_b: 's',
  T2_a: 's',
  T2_b: 's',
};

function writeMaps(dir: string, format: (typeof FORMATS)[number], m: TransientMatrix, r: MapResult): string[] {
  const written: string[] = [];
  const np = r.parameterNames.length;
  const varied = r.varyNames.map((name) => ({ name, j: r.parameterNames.indexOf(name) }));
  if (format === 'npy' || format === 'both') {
    const shape = m.mapShape;
    const put = (name: string, data: Float64Array | Uint8Array, dtype: '<f8' | '|b1') => {
      const path = join(dir, `${name}.npy`);
      writeNpy(path, { dtype, shape, data });
      written.push(path);
    };
    for (const { name, j } of varied) {
      put(name, column(r.values, np, j, m.rows), '<f8');
      put(`${name}_stderr`, column(r.stderr, np, j, m.rows), '<f8');
    }
    put('redchi', r.redChi, '<f8');
    put('converged', r.converged, '|b1');
  }
  if (format === 'csv' || format === 'both') {
    const unit = (name: string) => (UNIT[name] ? ` (${UNIT[name]})` : '');
    const header = [
      'index',
      ...varied.flatMap(({ name }) => [`${name}${unit(name)}`, `${name} stderr${unit(name)}`]),
      'reduced chi-square',
      'converged',
    ];
    const lines = [header.join(',')];
    for (let k = 0; k < m.rows; k++) {
      const cells: (number | string)[] = [k];
      for (const { j } of varied) cells.push(r.values[k * np + j], r.stderr[k * np + j]);
      cells.push(r.redChi[k], r.converged[k]);
      lines.push(cells.join(','));
    }
    const path = join(dir, 'map.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    written.push(path);
  }
  return written;
}
