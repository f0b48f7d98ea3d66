/**
 * `relaxlab impedance <file> --circuit "<string>" [options]`: fit an equivalent circuit to each
 * impedance spectrum in a file (ZPlot .z, BioLogic .mpt, Gamry .DTA, WinDETA ASCII, CSV) with
 * start values read off the spectrum (several starts where the circuit has several minima), and
 * report parameters ± stderr, what each block is (core impedance/blockAssignment.ts), CPE capacitances, the
 * Lin–KK validity check and — with a pellet geometry — the conductivity σ = l/(R·A).
 */
import type { Command } from 'commander';
import {
  IMPEDANCE_WEIGHTINGS,
  InputError,
  RESULT_SCHEMA,
  analyzeImpedanceSpectrum,
  checkResistanceChoice,
  impedanceSpectrumReport,
  parseCircuit,
} from '@relaxlab/core';
import type {
  Circuit,
  ImpedanceFileFormat,
  ImpedanceSpectrum,
  ImpedanceSpectrumAnalysis,
  ImpedanceWeighting,
  ParamInput,
  PelletGeometry,
} from '@relaxlab/core';
import { IMPEDANCE_FORMATS, readImpedanceFile } from '@relaxlab/io';
import { printJson, printOut, printWarning } from '../output';
import { parseParam } from '../params';

/** Options shared by `impedance` and `conductivity`. */
export interface CircuitCommandOptions {
  circuit?: string;
  weighting?: string;
  thickness?: string;
  area?: string;
  resistance?: string;
  param?: string[];
  format?: string;
  starts?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** What --help says about block order and the bulk resistance (one wording for both commands). */
export const BLOCK_ORDER_HELP =
  'Interchangeable blocks (the same structure in series, e.g. p(R1,CPE1)-p(R2,CPE2)) are returned sorted by time constant, ' +
  'fastest first (tau = R*C, or (R*Q)^(1/n) for a CPE), whatever order the fit ended in: names follow the order you wrote, values ' +
  '(and their covariance) are exchanged. Each block is reported with tau, apex frequency, effective capacitance and, with the ' +
  'geometry, C*l/A and eps_r with the assignment of Irvine, Sinclair & West (bulk ~1e-12 F/cm, grain boundary 1e-11-1e-8, ' +
  'surface layer, electrode 1e-7-1e-5); --resistance auto (the default) takes the bulk-like block, the one with the smallest capacitance. ' +
  'With more than one block or a diffusion element the fit is started several times (the arcs read off the spectrum, and the best ' +
  'candidates of a search over time constants, so a hidden arc is found) and the lowest chi-square is kept.';

/** The options both commands take, added to `command`. */
export function addCircuitOptions(command: Command): Command {
  return command
    .requiredOption(
      '--circuit <string>',
      'equivalent circuit in impedance.py notation: elements R, C, L, CPE, W, Wo, Ws with labels, "-" for series, p(a,b) for parallel, e.g. "R0-p(R1,CPE1)-CPE2"',
    )
    .option(
      '--weighting <w>',
      `residual weights: ${IMPEDANCE_WEIGHTINGS.join(', ')} (default modulus: sigma = |Z|; unit = plain complex least squares, as impedance.py; proportional: sigma = |Z'|, |Z''|)`,
    )
    .option('--thickness <cm>', 'pellet thickness l in cm (with --area: conductivity sigma = l/(R*A))')
    .option('--area <cm2>', 'electrode area A in cm^2')
    .option(
      '--resistance <name>',
      'the circuit resistance that gives the conductivity: auto (default: the R of the bulk-like block, see below) or a name such as R1 (a warning says when it is not the bulk-like one)',
    )
    .option(
      '--param <spec>',
      'start value/bounds for a circuit parameter: NAME=VALUE, NAME=VALUE:MIN:MAX or NAME=VALUE:fixed (default: read off the spectrum); repeatable',
      collect,
    )
    .option(
      '--starts <mode>',
      'auto (default: several starts for circuits with more than one block or a diffusion element) or single (only the start read off the spectrum)',
    )
    .option('--format <name>', `input format (default: recognised from the content): ${IMPEDANCE_FORMATS.join(', ')}`);
}

export function registerImpedance(program: Command): Command {
  const command = program
    .command('impedance')
    .helpOption('-h, --help', 'show this help')
    .summary(
      'fit an equivalent circuit to impedance spectra (several starts, blocks in canonical order and assigned, stderr, CPE capacitance, Lin-KK, conductivity)',
    )
    .description(
      'Fit an equivalent circuit to every impedance spectrum in a file by complex nonlinear least squares ' +
        '(Levenberg-Marquardt on stacked real and imaginary residuals), from start values read off the spectrum ' +
        '(high-frequency intercept, arc diameters, apex frequencies) and, where the circuit has several minima, from further starts. ' +
        'Prints parameters with standard errors, what each block is, the effective capacitance of each CPE (Hsu-Mansfeld; Brug when a ' +
        'series resistance exists), the Lin-KK validity test and whether the residuals still show structure, and with --thickness/--area ' +
        'the conductivity sigma = l/(R*A). Z″ is negative for a capacitive response; files storing -Z″ are converted on reading. ' +
        BLOCK_ORDER_HELP,
    )
    .argument(
      '<file>',
      "impedance file: ZPlot/ZView .z, BioLogic .mpt, Gamry .DTA, Novocontrol WinDETA ASCII export, or CSV (f, Z', Z'' with units in the headers)",
    );
  addCircuitOptions(command)
    .option('--json', 'print exactly one JSON document on stdout: {kind: "ImpedanceAnalysis", results: [...]}')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab impedance Circuit3_EIS_1.z --circuit "R0-p(R1,C1)" --weighting unit',
        '  relaxlab impedance pellet.csv --circuit "p(R1,CPE1)-p(R2,CPE2)-CPE3" --thickness 0.1 --area 0.785 --json',
        '',
        'Exit codes: 0 success (also when a fit did not converge), 1 internal error, 2 bad input or usage.',
      ].join('\n'),
    )
    .action((file: string, options: CircuitCommandOptions) => runImpedance(file, options));
  return command;
}

export function runImpedance(file: string, options: CircuitCommandOptions): void {
  const settings = circuitSettings(options);
  const data = readSpectra(file, options);
  const results = data.spectra.map((s) =>
    analyzeImpedanceSpectrum(s, settings.circuit, analysisOptions(settings, settings.geometry ?? s.geometry)),
  );
  if (options.json) {
    printJson({
      schema: RESULT_SCHEMA,
      kind: 'ImpedanceAnalysis',
      file,
      format: data.format,
      circuit: settings.circuit.text,
      weighting: settings.weighting,
      results,
    });
    return;
  }
  printOut(results.map((r) => (results.length > 1 ? `### ${label(r)}\n` : '') + impedanceSpectrumReport(r)).join('\n\n'));
  for (const r of results) for (const w of r.warnings) printWarning(`${label(r)}: ${w}`);
}

export interface CircuitSettings {
  circuit: Circuit;
  weighting: ImpedanceWeighting;
  params: Record<string, ParamInput>;
  geometry?: PelletGeometry;
  resistance: string;
  starts: 'auto' | 'single';
}

/** The analysis options of core from the checked command options. */
export function analysisOptions(settings: CircuitSettings, geometry: PelletGeometry | undefined) {
  return {
    weighting: settings.weighting,
    params: settings.params,
    resistance: settings.resistance,
    starts: settings.starts,
    ...(geometry && { geometry }),
  };
}

/** Parses and checks the shared options once, before any file is read. */
export function circuitSettings(options: CircuitCommandOptions): CircuitSettings {
  let circuit: Circuit;
  try {
    circuit = parseCircuit(options.circuit ?? '', '--circuit');
  } catch (e) {
    if (e instanceof InputError) throw e.withSource('--circuit');
    throw e;
  }
  const weighting = (options.weighting ?? 'modulus') as ImpedanceWeighting;
  if (!IMPEDANCE_WEIGHTINGS.includes(weighting)) {
    throw new InputError('unknown weighting', {
      source: '--weighting',
      field: 'weighting',
      expected: IMPEDANCE_WEIGHTINGS.join(', '),
      found: JSON.stringify(options.weighting),
    });
  }
  const params: Record<string, ParamInput> = {};
  for (const text of options.param ?? []) {
    const p = parseParam(text);
    if (!circuit.parameterNames.includes(p.name)) {
      throw new InputError(`unknown parameter '${p.name}' for circuit ${circuit.text}`, {
        source: '--param',
        field: p.name,
        expected: `one of ${circuit.parameterNames.join(', ')}`,
      });
    }
    params[p.name] = p.fixed
      ? { value: p.value, vary: false }
      : { value: p.value, ...(p.min !== undefined && { min: p.min }), ...(p.max !== undefined && { max: p.max }) };
  }
  const geometry = geometryOption(options);
  const resistance = options.resistance ?? 'auto';
  checkResistanceChoice(circuit, resistance, '--resistance');
  const starts = options.starts ?? 'auto';
  if (starts !== 'auto' && starts !== 'single') {
    throw new InputError('unknown start mode', {
      source: '--starts',
      field: 'starts',
      expected: 'auto or single',
      found: JSON.stringify(starts),
    });
  }
  return { circuit, weighting, params, ...(geometry && { geometry }), resistance, starts };
}

function positiveNumber(text: string, flag: string, unit: string): number {
  const v = /^\s*[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!(v > 0))
    throw new InputError('must be a positive number', {
      source: flag,
      field: flag,
      expected: `a number > 0 in ${unit}`,
      found: JSON.stringify(text),
    });
  return v;
}

function geometryOption(options: CircuitCommandOptions): PelletGeometry | undefined {
  if (options.thickness === undefined && options.area === undefined) return undefined;
  if (options.thickness === undefined || options.area === undefined) {
    const missing = options.thickness === undefined ? '--thickness' : '--area';
    throw new InputError('geometry incomplete: a conductivity needs both the pellet thickness and the electrode area', {
      source: missing,
      field: missing,
      expected: '--thickness CM and --area CM2 together',
    });
  }
  return { thickness_cm: positiveNumber(options.thickness, '--thickness', 'cm'), area_cm2: positiveNumber(options.area, '--area', 'cm^2') };
}

export function readSpectra(file: string, options: CircuitCommandOptions): { format: ImpedanceFileFormat; spectra: ImpedanceSpectrum[] } {
  if (options.format !== undefined && !IMPEDANCE_FORMATS.includes(options.format as ImpedanceFileFormat)) {
    throw new InputError('unknown format', {
      source: '--format',
      field: 'format',
      expected: IMPEDANCE_FORMATS.join(', '),
      found: JSON.stringify(options.format),
    });
  }
  const data = readImpedanceFile(file, { ...(options.format && { format: options.format as ImpedanceFileFormat }) });
  if (data.spectra.length === 0) {
    throw new InputError('no impedance spectra in the file', {
      source: file,
      field: 'data',
      expected: "Z' and Z'' columns (a WinDETA export with only Sig' cannot be fitted with a circuit)",
    });
  }
  return { format: data.format, spectra: data.spectra };
}

function label(r: ImpedanceSpectrumAnalysis): string {
  const parts = [r.file ?? 'spectrum'];
  if (r.block !== undefined) parts.push(`block ${r.block}`);
  if (r.temperature_K !== undefined) parts.push(`T = ${r.temperature_K.toFixed(2)} K`);
  return parts.join(', ');
}
