/**
 * `relaxlab fit <file> (--model NAME | --expr EXPRESSION) [options]`: fit a magnetisation transient
 * with a named model (@relaxlab/core fitTransient / compareTransientModels) or any curve y = f(x)
 * given as an expression (curveFit). Input files are only read, never written.
 */
import type { Command } from 'commander';
import {
  compileExpression,
  fitLabel,
  curveFit,
  compareTransientModels,
  defaultCandidates,
  DEFAULT_MODEL,
  fitReport,
  fitTransient,
  formatNumber,
  modelComparisonReport,
  InputError,
  isInputError,
  TRANSIENT_MODEL_NAMES,
  TRANSIENT_MODELS,
} from '@relaxlab/core';
import type { FitResult, ParamInput, ParamsInput, TransientModelName } from '@relaxlab/core';
import { detectTransientFormat, findColumn, parseDelimitedText, readSourceFile, readTransientFile } from '@relaxlab/io';
import type { Column, ReadTransient, Table, TopspinFit } from '@relaxlab/io';
import { printJson, printOut, printWarning } from '../output';
import { checkKnownNames, ParameterChoices, parameterChoices, parseModelName } from '../params';

export interface FitCommandOptions {
  model?: string;
  expr?: string;
  x?: string;
  y?: string;
  sigma?: string;
  peak?: string;
  param?: string[];
  vary?: string[];
  fix?: string[];
  compare?: boolean;
  absoluteSigma?: boolean;
  json?: boolean;
}

/** Points of the dense best-fit curve (with its 1σ band) recorded in the result. */
const CURVE_POINTS = 200;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const DEFAULT_MODELS = Object.entries(DEFAULT_MODEL)
  .map(([experiment, model]) => `${experiment} → ${model}`)
  .join(', ');

export function registerFit(program: Command): Command {
  return program
    .command('fit')
    .helpOption('-h, --help', 'show this help')
    .summary('fit a relaxation transient (T1, T1rho, T2) with a named model or an expression')
    .description(
      'Fit a magnetisation transient with a named relaxation model (weighted least squares, ' +
        'Levenberg-Marquardt) or fit any curve y = f(x) given as an expression, and print an ' +
        'lmfit-style report: fit statistics, parameters ± standard error, correlations. ' +
        'All columns are converted to SI units before fitting (delays in us/ms → s, °C → K), so ' +
        'start values and results are in SI units (seconds for time constants). Repeated delays ' +
        '(repeat measurements at one delay) are fitted as they are, each repeat one observation: the ' +
        "same estimates as a fit to their means with sigma/sqrt(k), with the repeats' scatter in " +
        'chi-square. The input file is only read, never modified.',
    )
    .argument(
      '<file>',
      'data file: CSV/TSV/whitespace table with units in the headers ("delay (ms)") and "# key: value" ' +
        'metadata lines ("# experiment: T1-saturation"), or a TopSpin relaxation-module ct1t2.txt / t1ints.txt',
    )
    .option(
      '--model <name>',
      `named transient model, one of: ${TRANSIENT_MODEL_NAMES.join(', ')} ` +
        `(default: from the file's "# experiment:" metadata: ${DEFAULT_MODELS})`,
    )
    .option(
      '--expr <expression>',
      'fit y = f(x) given as an expression of x, e.g. "I0*(1 - exp(-x/T1))" (x in SI units: seconds for ' +
        'delays); every parameter needs a --param start value. Exclusive with --model',
    )
    .option(
      '--x <col>',
      'x column by name or header, converted to SI (default: --model: the delay column (delay, tau, t, time, vd; ' +
        'no unit = seconds); --expr: the first column; TopSpin files: the delays)',
    )
    .option(
      '--y <col>',
      'y column by name or header (default: --model: signal/intensity/integral, else the column after x; --expr: the first other column)',
    )
    .option(
      '--sigma <col>',
      'column of one-standard-deviation uncertainties of y, in y units; weights 1/sigma^2 (default: --model: a column ' +
        'named sigma/err/error/stderr/sd if present; --expr: none, unweighted)',
    )
    .option('--peak <n>', 'peak number (1-based) in a TopSpin file that holds several peaks (default: the only peak)')
    .option(
      '--param <spec>',
      'NAME=VALUE[:MIN:MAX] | NAME=VALUE:fixed: start value in SI units (seconds for time constants, signal in file units), optional bounds (empty or inf: ' +
        'none), or ":fixed" to hold it; the parameter varies unless fixed; repeat for each parameter ' +
        '(default: --model: start values and bounds estimated from the data; --expr: required for every parameter)',
      collect,
    )
    .option(
      '--vary <names>',
      'comma-separated parameters to vary that the model fixes by default, e.g. a,gamma (defaults: a = 1 (saturation) ' +
        'or 2 (inversion), gamma = 1, kappa = 1, c = 0)',
      collect,
    )
    .option('--fix <names>', 'comma-separated parameters to hold at their start value (--param value or default start)', collect)
    .option(
      '--compare',
      "fit the model's nested variants (a, gamma / kappa, c freed) and its two-component form; print each report, a " +
        'table of chi-square, AIC, AICc, BIC, delta BIC and Akaike weights, and which model the data justify ' +
        '(not with --expr, --param, --vary or --fix)',
    )
    .option('--absolute-sigma', 'sigma values are absolute: do not scale standard errors by sqrt(reduced chi-square) (default: scaled)')
    .option('--json', 'print exactly one JSON document on stdout: the FitResult, or {"fits": [...], "comparison": {...}} with --compare')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab fit ct1t2.txt --model saturation-recovery --compare',
        '  relaxlab fit transient.csv --model saturation-recovery --vary a --param T1=0.003:0.0001:1',
        '  relaxlab fit ct1t2.txt --expr "I0*(1 - exp(-x/T1))" --param I0=1 --param T1=0.003 --json',
        '',
        'Exit codes: 0 success (also when the fit did not converge: the result says converged: false),',
        '            1 internal error, 2 bad input or usage (one line on stderr naming the file/field).',
      ].join('\n'),
    )
    .action((file: string, options: FitCommandOptions) => runFit(file, options));
}

export function runFit(file: string, options: FitCommandOptions): void {
  if (options.model !== undefined && options.expr !== undefined) {
    throw new InputError('both given', { field: '--model, --expr', expected: 'either --model NAME or --expr "EXPRESSION", not both' });
  }
  const choices = parameterChoices(options.param ?? [], options.vary ?? [], options.fix ?? []);
  const peak = options.peak !== undefined ? parsePeak(options.peak) : undefined;
  if (options.compare && (options.expr !== undefined || choices.params.length || choices.vary.length || choices.fix.length)) {
    const other = options.expr !== undefined ? '--expr' : choices.params.length ? '--param' : choices.vary.length ? '--vary' : '--fix';
    throw new InputError(`${other} cannot be combined with --compare`, {
      field: '--compare',
      expected: '--compare with a named model (--model or the file\'s "# experiment:"), which fits its own set of variants',
      found: other,
    });
  }
  if (options.expr !== undefined) return runExpressionFit(file, options.expr, choices, options, peak);
  const model = options.model !== undefined ? parseModelName(options.model, '--expr "EXPRESSION"') : undefined;
  const transient = readTransientFile(file, { x: options.x, y: options.y, sigma: options.sigma, peak });
  if (peak !== undefined && transient.source.format === 'delimited') throw peakNotApplicable(file);
  const modelName = model ?? defaultModel(file, transient);
  if (options.compare) return runComparison(transient, modelName, options);
  runModelFit(transient, modelName, choices, options);
}

function parsePeak(text: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new InputError('not a peak number', {
      field: '--peak',
      expected: 'a positive integer (1 = first peak)',
      found: JSON.stringify(text),
    });
  }
  return Number(text);
}

function peakNotApplicable(file: string): InputError {
  return new InputError('--peak applies to TopSpin relaxation-module files only', {
    source: file,
    field: '--peak',
    expected: 'no --peak for a delimited table',
  });
}

function defaultModel(file: string, transient: ReadTransient): TransientModelName {
  if (transient.experiment) return DEFAULT_MODEL[transient.experiment];
  const delimited = transient.source.format === 'delimited';
  throw new InputError('no model given and the file does not say which experiment it is', {
    source: file,
    field: delimited ? '# experiment' : 'experiment',
    expected:
      `--model NAME (${TRANSIENT_MODEL_NAMES.join(', ')}) or --expr "EXPRESSION"` +
      (delimited ? ', or a line "# experiment: T1-saturation" (T1-inversion, T1rho-spinlock, T2) in the file' : ''),
  });
}

// ---------------------------------------------------------------- named models

function runModelFit(transient: ReadTransient, modelName: TransientModelName, choices: ParameterChoices, options: FitCommandOptions): void {
  checkKnownNames(choices, TRANSIENT_MODELS[modelName].model.parameterNames, `model ${modelName}`);
  const params: Record<string, number | Partial<ParamInput>> = {};
  const vary = [...choices.vary];
  for (const p of choices.params) {
    const fixed = p.fixed || choices.fix.includes(p.name);
    if (p.fixed) {
      // bounds do not apply to a fixed parameter; keeps the model's default bounds from refusing the value
      params[p.name] = { value: p.value, min: null, max: null, vary: false };
    } else if (p.min !== undefined || p.max !== undefined) {
      params[p.name] = { value: p.value, min: p.min ?? null, max: p.max ?? null, vary: !fixed };
    } else {
      // a bare number: core widens the model's default bounds to admit a start value outside them
      params[p.name] = p.value;
      if (!fixed && !vary.includes(p.name)) vary.push(p.name);
    }
  }
  const result = fitTransient(transient, {
    model: modelName,
    params,
    vary,
    fix: choices.fix,
    absoluteSigma: options.absoluteSigma ?? false,
  });
  if (options.json) return printJson(result);
  printOut(fitReport(result));
  if (transient.topspinFit) printOut(topspinSection(result, transient.topspinFit));
  warnIfNotConverged(result);
}

function runComparison(transient: ReadTransient, modelName: TransientModelName, options: FitCommandOptions): void {
  const { fits, comparison } = compareTransientModels(transient, defaultCandidates(modelName), {
    absoluteSigma: options.absoluteSigma ?? false,
  });
  if (options.json) return printJson({ fits, comparison });
  const blocks = fits.map((fit, k) => `### Fit ${k + 1} of ${fits.length}: ${fitLabel(fit)}\n${fitReport(fit)}`);
  blocks.push(modelComparisonReport(comparison));
  if (transient.topspinFit) blocks.push(topspinSection(fits[0], transient.topspinFit));
  printOut(blocks.join('\n\n'));
  fits.forEach(warnIfNotConverged);
}

// ---------------------------------------------------------------- expressions

interface XYData {
  x: number[];
  y: number[];
  sigma?: number[];
  sha256?: string;
  topspinFit?: TopspinFit;
}

function runExpressionFit(
  file: string,
  expr: string,
  choices: ParameterChoices,
  options: FitCommandOptions,
  peak: number | undefined,
): void {
  let used: readonly string[];
  try {
    used = compileExpression(expr, { variables: ['x'] }).parameters;
  } catch (e) {
    if (isInputError(e)) throw e.withSource('--expr');
    throw e;
  }
  const given = choices.params.map((p) => p.name);
  const missing = used.find((name) => !given.includes(name));
  if (missing !== undefined) {
    throw new InputError(`parameter '${missing}' of the expression has no start value`, {
      source: '--expr',
      field: missing,
      expected: `--param ${missing}=VALUE for every parameter (${used.join(', ')}); the independent variable is x`,
    });
  }
  checkKnownNames(choices, used, `--expr "${expr}"`);
  const params: ParamsInput = {};
  for (const p of choices.params) {
    params[p.name] = {
      value: p.value,
      ...(p.min !== undefined && { min: p.min }),
      ...(p.max !== undefined && { max: p.max }),
      vary: !p.fixed && !choices.fix.includes(p.name),
    };
  }
  const data = readXY(file, options, peak);
  const result = curveFit(
    { x: data.x, y: data.y, sigma: data.sigma, model: expr, params },
    {
      absoluteSigma: options.absoluteSigma ?? false,
      source: file,
      curvePoints: CURVE_POINTS,
      inputs: [{ name: file, ...(data.sha256 !== undefined && { sha256: data.sha256 }) }],
    },
  );
  if (options.json) return printJson(result);
  printOut(fitReport(result));
  if (data.topspinFit) printOut(topspinSection(result, data.topspinFit));
  warnIfNotConverged(result);
}

/** x, y and sigma in SI units from a table (chosen columns) or a TopSpin file (delays, signal). */
function readXY(file: string, options: FitCommandOptions, peak: number | undefined): XYData {
  const source = readSourceFile(file);
  if (detectTransientFormat(file, source.text) !== 'delimited') {
    // column options are refused by readTransientFile for TopSpin files, with a message saying so
    const t = readTransientFile(file, { x: options.x, y: options.y, sigma: options.sigma, peak });
    return { x: t.delay_s, y: t.signal, sigma: t.sigma, sha256: t.source.sha256, topspinFit: t.topspinFit };
  }
  if (peak !== undefined) throw peakNotApplicable(file);
  const table: Table = parseDelimitedText(source.text, { source: file });
  const x = options.x !== undefined ? findColumn(table, options.x) : table.columns[0];
  const sigma = options.sigma !== undefined ? findColumn(table, options.sigma) : undefined;
  const y = options.y !== undefined ? findColumn(table, options.y) : table.columns.find((c) => c !== x && c !== sigma);
  if (!y) {
    throw new InputError('no y column', {
      source: file,
      field: 'y',
      expected: `a second column besides ${JSON.stringify(x.header)} (choose one with --y)`,
      found: `only ${table.columns.map((c) => JSON.stringify(c.header)).join(', ')}`,
    });
  }
  const distinct = (a: Column, b: Column | undefined, what: string) => {
    if (a === b) throw new InputError(`${what} are the same column`, { source: file, field: a.header, expected: 'different columns' });
  };
  distinct(x, y, 'x and y');
  distinct(y, sigma, 'y and sigma');
  distinct(x, sigma, 'x and sigma');
  return { x: x.si, y: y.si, sigma: sigma?.si, sha256: source.sha256 };
}

// ---------------------------------------------------------------- text output

function warnIfNotConverged(fit: FitResult): void {
  if (!fit.converged) printWarning(`${fitLabel(fit)}: the fit did not converge (${fit.message}); the result is the last iterate`);
}

const TOPSPIN_AMPLITUDE = ['M_inf', 'M0', 'I0'];
const TOPSPIN_TIME = ['T1', 'T1rho', 'T2'];

/** Our parameter that corresponds to TopSpin's `name` (I0 ↔ M_inf/M0, T1 ↔ T1/T1rho/T2). */
function matchParameter(fit: FitResult, name: string): string | undefined {
  if (fit.params[name]) return name;
  const group = TOPSPIN_AMPLITUDE.includes(name) ? TOPSPIN_AMPLITUDE : TOPSPIN_TIME.includes(name) ? TOPSPIN_TIME : [];
  return group.find((n) => fit.params[n] !== undefined);
}

/** One line setting TopSpin's own fit (from ct1t2.txt) beside ours. */
export function topspinSection(fit: FitResult, ts: TopspinFit): string {
  const parts: string[] = [];
  for (const [name, theirs] of Object.entries(ts.params)) {
    const unit = /^T\d|^T1rho/i.test(name) ? ' s' : '';
    const ours = matchParameter(fit, name);
    if (ours === undefined) {
      parts.push(`${name} = ${formatNumber(theirs, 4)}${unit}`);
      continue;
    }
    const value = fit.params[ours].value;
    // the relative difference only where it is a number (TopSpin's value 0 or so small, e.g. 1e-320, that it overflows: none)
    const percent = ((value - theirs) / Math.abs(theirs)) * 100;
    const rel = Number.isFinite(percent) ? ` (${value >= theirs ? '+' : ''}${percent.toFixed(2)}%)` : '';
    parts.push(`${name} = ${formatNumber(theirs, 4)}${unit} vs ${ours === name ? '' : `${ours} = `}${formatNumber(value, 7)}${unit}${rel}`);
  }
  parts.push(`RSS = ${formatNumber(ts.rss, 4)} vs chi-square = ${formatNumber(fit.stats.chiSquare, 7)}`);
  const what = [ts.fitted && `${ts.fitted} fit`, ts.formula].filter(Boolean).join(': ');
  return `[[TopSpin]]\n    ${ts.model}${what ? ` (${what})` : ''} vs RelaxLab ${fitLabel(fit)}: ${parts.join(', ')}`;
}
