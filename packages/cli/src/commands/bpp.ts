/**
 * `relaxlab bpp <csv>... [--share Ea,tau0,beta] [--convention full|omega0-only] [--bootstrap N --seed S] [--json]`:
 * a joint (global) BPP fit of relaxation-rate peaks — T1 and T1rho at several frequencies and nuclei
 * — sharing Ea, tau0 and beta (@relaxlab/core fitJointBpp), with bootstrap or Monte Carlo
 * uncertainties on request. Each file is one RateSeries; input files are only read.
 */
import type { Command } from 'commander';
import {
  BACKGROUND_NAMES,
  bootstrapJointBpp,
  fitJointBpp,
  InputError,
  isInputError,
  JOINT_PARAMETER_KINDS,
  jointBppReport,
  monteCarloJointBpp,
  RATE_CONVENTIONS,
  SPECTRAL_DENSITY_NAMES,
} from '@relaxlab/core';
import type { BackgroundName, JointBppResampling, JointBppResult, RateConvention, SpectralDensityName } from '@relaxlab/core';
import { readDelimitedFile, tableToRateSeries } from '@relaxlab/io';
import { printJson, printOut, printWarning } from '../output';

export interface BppCommandOptions {
  share?: string;
  convention?: string;
  density?: string;
  background?: string;
  bootstrap?: string;
  monteCarlo?: string;
  seed?: string;
  absoluteSigma?: boolean;
  json?: boolean;
}

export function registerBpp(program: Command): Command {
  return program
    .command('bpp')
    .helpOption('-h, --help', 'show this help')
    .summary('joint BPP fit of T1/T1rho rate peaks: Ea, tau0, beta shared over frequencies and nuclei')
    .description(
      'Fit relaxation rates vs temperature of one or more series jointly with a BPP-type model: ' +
        'R1 = C[J(w0) + 4J(2w0)], R1rho = C[1.5J(2w1) + 2.5J(w0) + J(2w0)], tau_c = tau0 exp(Ea/kB T), ' +
        'J(w) = tau_c/(1 + (w tau_c)^beta) by default, plus an optional background rate per series. Rates are fitted ' +
        'as ln R (relative errors). Prints an lmfit-style report and the physics: Ea, tau0, beta, the low-T flank ' +
        '(beta - 1)Ea, peak temperatures, jump rates. The input files are only read, never modified.',
    )
    .argument(
      '<files...>',
      'one CSV/TSV per rate series with "# experiment: R1|R1rho|R2", "# nucleus: 7Li", "# larmor_MHz: 116.6", ' +
        '"# spinlock_kHz: 20" (R1rho) lines, a temperature column "T (K)" or "T (°C)", and a rate column "R1 (1/s)" ' +
        'or a time column "T1 (s)"/"T1rho (ms)"; optional uncertainty column "sigma" in the units of the rate/time column',
    )
    .option(
      '--share <kinds>',
      `comma-separated parameters shared by all series (the others are fitted per series): ${JOINT_PARAMETER_KINDS.join(',')}`,
      'Ea,tau0,beta',
    )
    .option(
      '--convention <name>',
      `${RATE_CONVENTIONS.join('|')}: the full BPP sums, or only the leading term R1 = C J(w0), R1rho = C J(2w1)`,
      'full',
    )
    .option('--density <name>', `spectral density: ${SPECTRAL_DENSITY_NAMES.join('|')}`, 'asymmetric-bpp')
    .option(
      '--background <names>',
      `background rate added to the series: ${BACKGROUND_NAMES.join('|')}, one for all files or a comma-separated list, one per file ` +
        '(power-law: A (T/Tref)^kappa, arrhenius: A exp(-(Eb/kB)(1/T - 1/Tref)); Tref = the lowest temperature)',
      'none',
    )
    .option('--bootstrap <n>', 'also estimate uncertainties from n residual-resampling bootstrap refits')
    .option('--monte-carlo <n>', 'also estimate uncertainties from n refits of data perturbed by their sigma')
    .option('--seed <s>', 'seed of the random generator for --bootstrap / --monte-carlo', '1')
    .option('--absolute-sigma', 'sigma values are absolute: do not scale standard errors by sqrt(reduced chi-square)')
    .option(
      '--json',
      'print exactly one JSON document: the JointBppResult (every rate with its fitted value in datasets[].points), with "bootstrap"/"monteCarlo" when asked for',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab bpp t1-116MHz.csv t1rho-20kHz.csv',
        '  relaxlab bpp t1.csv t1rho.csv --background power-law,none --bootstrap 1000 --seed 7 --json',
        '',
        'Exit codes: 0 success (also when the fit did not converge), 1 internal error, 2 bad input or usage.',
      ].join('\n'),
    )
    .action((files: string[], options: BppCommandOptions) => runBpp(files, options));
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  const v = value.trim() as T;
  if (!allowed.includes(v))
    throw new InputError(`unknown value for ${option}`, {
      field: option,
      expected: `one of ${allowed.join(', ')}`,
      found: JSON.stringify(value),
    });
  return v;
}

function count(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 2)
    throw new InputError('not a number of refits', { field: option, expected: 'an integer ≥ 2, e.g. 1000', found: JSON.stringify(text) });
  return Number(text);
}

export function runBpp(files: string[], options: BppCommandOptions): void {
  const share = (options.share ?? 'Ea,tau0,beta')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => oneOf(s, JOINT_PARAMETER_KINDS, 'Ea', '--share'));
  const convention = oneOf<RateConvention>(options.convention, RATE_CONVENTIONS, 'full', '--convention');
  const density = oneOf<SpectralDensityName>(options.density, SPECTRAL_DENSITY_NAMES, 'asymmetric-bpp', '--density');
  // one background for all files, or a comma-separated list with one per file
  const backgrounds = (options.background ?? 'none')
    .split(',')
    .map((b) => oneOf<BackgroundName>(b, BACKGROUND_NAMES, 'none', '--background'));
  if (backgrounds.length !== 1 && backgrounds.length !== files.length) {
    throw new InputError('one background per file, or one for all', {
      field: '--background',
      expected: `1 or ${files.length} comma-separated names`,
      found: `${backgrounds.length}`,
    });
  }
  const bootstrap = count(options.bootstrap, '--bootstrap');
  const monteCarlo = count(options.monteCarlo, '--monte-carlo');
  const seedText = options.seed ?? '1';
  if (!/^\s*\d+\s*$/.test(seedText))
    throw new InputError('not a seed', { field: '--seed', expected: 'a non-negative integer', found: JSON.stringify(seedText) });
  const seed = Number(seedText);

  const tables = files.map((f) => readDelimitedFile(f));
  // the file name is the legend of each series in reports
  const series = tables.map((t) => ({ ...tableToRateSeries(t), label: t.source }));
  let result: JointBppResult;
  try {
    result = fitJointBpp(series, {
      spectralDensity: density,
      convention,
      datasets: files.map((_, k) => ({ background: backgrounds[backgrounds.length === 1 ? 0 : k] })),
      share,
      absoluteSigma: options.absoluteSigma ?? false,
      source: '',
      inputs: tables.map((t) => ({ name: t.source, ...(t.sha256 !== undefined && { sha256: t.sha256 }) })),
    });
  } catch (e) {
    throw attributeToFile(e, files);
  }
  const boot = bootstrap !== undefined ? bootstrapJointBpp(series, result, { samples: bootstrap, seed }) : undefined;
  const mc = monteCarlo !== undefined ? monteCarloJointBpp(series, result, { samples: monteCarlo, seed }) : undefined;
  if (options.json) return printJson({ ...result, ...(boot && { bootstrap: boot }), ...(mc && { monteCarlo: mc }) });
  printOut(
    jointBppReport(
      result,
      [boot, mc].filter((r): r is JointBppResampling => r !== undefined),
    ),
  );
  for (const w of result.warnings) printWarning(w);
}

/** An error about `datasets[k]...` becomes an error about the k-th file (`points[i]` is data row i + 1). */
function attributeToFile(e: unknown, files: string[]): unknown {
  if (!isInputError(e)) return e;
  const m = /^datasets\[(\d+)\](?:\.points\[(\d+)\])?\.?(.*)$/.exec(e.field);
  if (!m) return e;
  const field = m[2] !== undefined ? `data row ${Number(m[2]) + 1}${m[3] ? ` (${m[3]})` : ''}` : m[3] || 'data';
  return new InputError(e.reason, { ...e.details, field, source: files[Number(m[1])] });
}
