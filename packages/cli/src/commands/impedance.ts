/**
 * `relaxlab impedance <file> --circuit "<string>" [options]`: fit an equivalent circuit to each
 * impedance spectrum in a file (ZPlot .z, BioLogic .mpt, Gamry .DTA, WinDETA ASCII, CSV) with
 * start values read off the spectrum, and report parameters ± stderr, CPE capacitances, the
 * Lin–KK validity check and — with a pellet geometry — the conductivity σ = l/(R·A).
 */
import type { Command } from 'commander';
import {
  IMPEDANCE_WEIGHTINGS,
  InputError,
  conductivityFromResistance,
  cpeCapacitance,
  fitCircuit,
  fitReport,
  formatNumber,
  linKK,
  parseCircuit,
  RESULT_SCHEMA,
} from '@relaxlab/core';
import type {
  Circuit,
  CircuitFitResult,
  CircuitNode,
  CpeCapacitance,
  ImpedanceFileFormat,
  ImpedanceSpectrum,
  ImpedanceWeighting,
  ParamInput,
  PelletGeometry,
} from '@relaxlab/core';
import { IMPEDANCE_FORMATS, readImpedanceFile } from '@relaxlab/io';
import type { Estimate } from '@relaxlab/core';
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
  json?: boolean;
}

export interface SpectrumAnalysis {
  file: string;
  block?: number;
  temperature_K?: number;
  points: number;
  fit: CircuitFitResult;
  capacitances: CpeCapacitance[];
  linKK: { elements: number; mu: number; muCriterionMet: boolean; maxAbsResidual: number; rmsResidual: number };
  conductivity?: { resistance: string; sigma_S_per_cm: Estimate; geometry: PelletGeometry };
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The options both commands take, added to `command`. */
export function addCircuitOptions(command: Command): Command {
  return command
    .requiredOption('--circuit <string>', 'equivalent circuit in impedance.py notation: elements R, C, L, CPE, W, Wo, Ws with labels, "-" for series, p(a,b) for parallel, e.g. "R0-p(R1,CPE1)-CPE2"')
    .option(
      '--weighting <w>',
      `residual weights: ${IMPEDANCE_WEIGHTINGS.join(', ')} (default modulus: sigma = |Z|; unit = plain complex least squares, as impedance.py; proportional: sigma = |Z'|, |Z''|)`,
    )
    .option('--thickness <cm>', 'pellet thickness l in cm (with --area: conductivity sigma = l/(R*A))')
    .option('--area <cm2>', 'electrode area A in cm^2')
    .option('--resistance <name>', 'the circuit resistance that gives the conductivity (default: the first R inside the first p(...), else the first R)')
    .option('--param <spec>', 'start value/bounds for a circuit parameter: NAME=VALUE, NAME=VALUE:MIN:MAX or NAME=VALUE:fixed (default: read off the spectrum); repeatable', collect)
    .option('--format <name>', `input format (default: recognised from the content): ${IMPEDANCE_FORMATS.join(', ')}`);
}

export function registerImpedance(program: Command): Command {
  const command = program
    .command('impedance')
    .helpOption('-h, --help', 'show this help')
    .summary('fit an equivalent circuit to impedance spectra (start values from the spectrum, stderr, CPE capacitance, Lin-KK, conductivity)')
    .description(
      'Fit an equivalent circuit to every impedance spectrum in a file by complex nonlinear least squares ' +
        '(Levenberg-Marquardt on stacked real and imaginary residuals), from start values read off the spectrum ' +
        '(high-frequency intercept, arc diameters, apex frequencies). Prints parameters with standard errors, ' +
        'the effective capacitance of each CPE (Hsu-Mansfeld; Brug when a series resistance exists), the Lin-KK ' +
        'validity test, and with --thickness/--area the conductivity sigma = l/(R*A). Z″ is negative for a ' +
        'capacitive response; files storing -Z″ are converted on reading.',
    )
    .argument('<file>', 'impedance file: ZPlot/ZView .z, BioLogic .mpt, Gamry .DTA, Novocontrol WinDETA ASCII export, or CSV (f, Z\', Z\'\' with units in the headers)');
  addCircuitOptions(command)
    .option('--json', 'print exactly one JSON document on stdout: {kind: "ImpedanceAnalysis", results: [...]}')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab impedance Circuit3_EIS_1.z --circuit "R0-p(R1,C1)" --weighting unit',
        '  relaxlab impedance pellet.csv --circuit "R0-p(R1,CPE1)-CPE2" --thickness 0.1 --area 0.785 --json',
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
  const results = data.spectra.map((s) => analyseSpectrum(file, s, settings, settings.geometry ?? s.geometry));
  if (options.json) {
    printJson({ schema: RESULT_SCHEMA, kind: 'ImpedanceAnalysis', file, format: data.format, circuit: settings.circuit.text, weighting: settings.weighting, results });
    return;
  }
  printOut(results.map((r) => analysisText(r, results.length > 1)).join('\n\n'));
  for (const r of results) {
    if (!r.fit.converged) printWarning(`${label(r)}: the fit did not converge (${r.fit.fit.message}); the result is the last iterate`);
  }
}

export interface CircuitSettings {
  circuit: Circuit;
  weighting: ImpedanceWeighting;
  params: Record<string, ParamInput>;
  geometry?: PelletGeometry;
  resistance?: string;
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
    throw new InputError('unknown weighting', { source: '--weighting', field: 'weighting', expected: IMPEDANCE_WEIGHTINGS.join(', '), found: JSON.stringify(options.weighting) });
  }
  const params: Record<string, ParamInput> = {};
  for (const text of options.param ?? []) {
    const p = parseParam(text);
    if (!circuit.parameterNames.includes(p.name)) {
      throw new InputError(`unknown parameter '${p.name}' for circuit ${circuit.text}`, { source: '--param', field: p.name, expected: `one of ${circuit.parameterNames.join(', ')}` });
    }
    params[p.name] = p.fixed
      ? { value: p.value, vary: false }
      : { value: p.value, ...(p.min !== undefined && { min: p.min }), ...(p.max !== undefined && { max: p.max }) };
  }
  const geometry = geometryOption(options);
  const resistance = options.resistance;
  if (resistance !== undefined && !circuit.elements.some((e) => e.type === 'R' && e.name === resistance)) {
    throw new InputError(`no resistor '${resistance}' in circuit ${circuit.text}`, {
      source: '--resistance',
      field: 'resistance',
      expected: `one of ${circuit.elements.filter((e) => e.type === 'R').map((e) => e.name).join(', ') || '(the circuit has no R)'}`,
    });
  }
  return { circuit, weighting, params, ...(geometry && { geometry }), ...(resistance && { resistance }) };
}

function positiveNumber(text: string, flag: string, unit: string): number {
  const v = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!(v > 0)) throw new InputError('must be a positive number', { source: flag, field: flag, expected: `a number > 0 in ${unit}`, found: JSON.stringify(text) });
  return v;
}

function geometryOption(options: CircuitCommandOptions): PelletGeometry | undefined {
  if (options.thickness === undefined && options.area === undefined) return undefined;
  if (options.thickness === undefined || options.area === undefined) {
    const missing = options.thickness === undefined ? '--thickness' : '--area';
    throw new InputError('geometry incomplete: a conductivity needs both the pellet thickness and the electrode area', { source: missing, field: missing, expected: '--thickness CM and --area CM2 together' });
  }
  return { thickness_cm: positiveNumber(options.thickness, '--thickness', 'cm'), area_cm2: positiveNumber(options.area, '--area', 'cm^2') };
}

export function readSpectra(file: string, options: CircuitCommandOptions): { format: ImpedanceFileFormat; spectra: ImpedanceSpectrum[] } {
  if (options.format !== undefined && !IMPEDANCE_FORMATS.includes(options.format as ImpedanceFileFormat)) {
    throw new InputError('unknown format', { source: '--format', field: 'format', expected: IMPEDANCE_FORMATS.join(', '), found: JSON.stringify(options.format) });
  }
  const data = readImpedanceFile(file, { ...(options.format && { format: options.format as ImpedanceFileFormat }) });
  if (data.spectra.length === 0) {
    throw new InputError('no impedance spectra in the file', { source: file, field: 'data', expected: "Z' and Z'' columns (a WinDETA export with only Sig' cannot be fitted with a circuit)" });
  }
  return { format: data.format, spectra: data.spectra };
}

/** The R whose conductivity is reported: the option, else the first R in the first p(...), else the first R. */
export function conductivityResistance(circuit: Circuit, chosen: string | undefined): string | undefined {
  if (chosen !== undefined) return chosen;
  const firstParallelR = (node: CircuitNode): string | undefined => {
    if (node.kind === 'element') return undefined;
    if (node.kind === 'parallel') {
      const inside = (n: CircuitNode): string | undefined =>
        n.kind === 'element' ? (n.type === 'R' ? n.name : undefined) : n.children.map(inside).find((x) => x !== undefined);
      const r = inside(node);
      if (r !== undefined) return r;
    }
    return node.children.map(firstParallelR).find((x) => x !== undefined);
  };
  return firstParallelR(circuit.root) ?? circuit.elements.find((e) => e.type === 'R')?.name;
}

export function analyseSpectrum(file: string, spectrum: ImpedanceSpectrum, settings: CircuitSettings, geometry: PelletGeometry | undefined): SpectrumAnalysis {
  const source = spectrum.source?.block !== undefined ? `${file} (block ${spectrum.source.block})` : file;
  const fit = fitCircuit(spectrum, settings.circuit, { weighting: settings.weighting, params: settings.params, source });
  const capacitances: CpeCapacitance[] = [];
  for (const e of settings.circuit.elements.filter((el) => el.type === 'CPE')) {
    for (const method of ['hsu-mansfeld', 'brug'] as const) {
      try {
        capacitances.push(cpeCapacitance(fit, { cpe: e.name, method }));
      } catch (err) {
        // a CPE without a parallel R (Hsu–Mansfeld) or without a series R (Brug) has no such capacitance
        if (!(err instanceof InputError)) throw err;
      }
    }
  }
  const kk = linKK(spectrum, { source });
  const analysis: SpectrumAnalysis = {
    file,
    ...(spectrum.source?.block !== undefined && { block: spectrum.source.block }),
    ...(spectrum.temperature_K !== undefined && { temperature_K: spectrum.temperature_K }),
    points: spectrum.frequency_Hz.length,
    fit,
    capacitances,
    linKK: { elements: kk.elements, mu: kk.mu, muCriterionMet: kk.muCriterionMet, maxAbsResidual: kk.maxAbsResidual, rmsResidual: kk.rmsResidual },
  };
  if (geometry) {
    const resistance = conductivityResistance(settings.circuit, settings.resistance);
    if (resistance === undefined) {
      throw new InputError(`circuit ${settings.circuit.text} has no resistor to compute a conductivity from`, { source: '--circuit', field: 'circuit', expected: 'a circuit with an R (e.g. the bulk R1 in R0-p(R1,CPE1))' });
    }
    const p = fit.parameters[resistance];
    analysis.conductivity = { resistance, sigma_S_per_cm: conductivityFromResistance({ value: p.value, stderr: p.stderr }, geometry, source), geometry };
  }
  return analysis;
}

function label(r: SpectrumAnalysis): string {
  const parts = [r.file];
  if (r.block !== undefined) parts.push(`block ${r.block}`);
  if (r.temperature_K !== undefined) parts.push(`T = ${r.temperature_K.toFixed(2)} K`);
  return parts.join(', ');
}

const pm = (e: Estimate, unit: string) => `${formatNumber(e.value)} ± ${e.stderr === null ? '(n/a)' : formatNumber(e.stderr)} ${unit}`.trimEnd();

function analysisText(r: SpectrumAnalysis, heading: boolean): string {
  const lines: string[] = [];
  if (heading) lines.push(`### ${label(r)}`);
  lines.push(`[[Circuit]] ${r.fit.circuit}, ${r.points} frequencies, weighting ${r.fit.weighting}`);
  lines.push(fitReport(r.fit.fit));
  if (r.capacitances.length) {
    lines.push('[[CPE capacitance]]');
    for (const c of r.capacitances) lines.push(`    ${c.cpe} (${c.method === 'brug' ? 'Brug' : 'Hsu-Mansfeld'}): C = ${pm(c.capacitance_F, 'F')}`);
  }
  lines.push('[[Lin-KK validity test]]');
  lines.push(
    `    M = ${r.linKK.elements} RC elements, mu = ${r.linKK.mu.toFixed(3)}${r.linKK.muCriterionMet ? '' : ' (mu criterion not met)'}, ` +
      `residuals (Z - Z_KK)/|Z|: rms ${formatNumber(r.linKK.rmsResidual)}, max ${formatNumber(r.linKK.maxAbsResidual)}`,
  );
  if (r.conductivity) {
    lines.push('[[Conductivity]]');
    lines.push(`    sigma = l/(${r.conductivity.resistance}*A) = ${pm(r.conductivity.sigma_S_per_cm, 'S/cm')} (l = ${r.conductivity.geometry.thickness_cm} cm, A = ${r.conductivity.geometry.area_cm2} cm^2)`);
  }
  return lines.join('\n');
}
