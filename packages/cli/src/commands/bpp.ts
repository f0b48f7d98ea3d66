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
  fitReport,
  formatNumber,
  InputError,
  isInputError,
  JOINT_PARAMETER_KINDS,
  monteCarloJointBpp,
  RATE_CONVENTIONS,
  SPECTRAL_DENSITY_NAMES,
} from '@relaxlab/core';
import type { BackgroundName, JointBppResampling, JointBppResult, JointParameterKind, RateConvention, RateExperiment, RateSeries, SpectralDensityName } from '@relaxlab/core';
import { COLUMN_ALIASES, readDelimitedFile } from '@relaxlab/io';
import type { Column, Table } from '@relaxlab/io';
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
    .option('--share <kinds>', `comma-separated parameters shared by all series (the others are fitted per series): ${JOINT_PARAMETER_KINDS.join(',')}`, 'Ea,tau0,beta')
    .option('--convention <name>', `${RATE_CONVENTIONS.join('|')}: the full BPP sums, or only the leading term R1 = C J(w0), R1rho = C J(2w1)`, 'full')
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
    .option('--json', 'print exactly one JSON document: the JointBppResult, with "bootstrap"/"monteCarlo" when asked for')
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
  if (!allowed.includes(v)) throw new InputError(`unknown value for ${option}`, { field: option, expected: `one of ${allowed.join(', ')}`, found: JSON.stringify(value) });
  return v;
}

function count(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 2) throw new InputError('not a number of refits', { field: option, expected: 'an integer ≥ 2, e.g. 1000', found: JSON.stringify(text) });
  return Number(text);
}

export function runBpp(files: string[], options: BppCommandOptions): void {
  const share = (options.share ?? 'Ea,tau0,beta')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => oneOf(s, JOINT_PARAMETER_KINDS, 'Ea', '--share')) as JointParameterKind[];
  const convention = oneOf<RateConvention>(options.convention, RATE_CONVENTIONS, 'full', '--convention');
  const density = oneOf<SpectralDensityName>(options.density, SPECTRAL_DENSITY_NAMES, 'asymmetric-bpp', '--density');
  // one background for all files, or a comma-separated list with one per file
  const backgrounds = (options.background ?? 'none').split(',').map((b) => oneOf<BackgroundName>(b, BACKGROUND_NAMES, 'none', '--background'));
  if (backgrounds.length !== 1 && backgrounds.length !== files.length) {
    throw new InputError('one background per file, or one for all', { field: '--background', expected: `1 or ${files.length} comma-separated names`, found: `${backgrounds.length}` });
  }
  const bootstrap = count(options.bootstrap, '--bootstrap');
  const monteCarlo = count(options.monteCarlo, '--monte-carlo');
  const seedText = options.seed ?? '1';
  if (!/^\s*\d+\s*$/.test(seedText)) throw new InputError('not a seed', { field: '--seed', expected: 'a non-negative integer', found: JSON.stringify(seedText) });
  const seed = Number(seedText);

  const tables = files.map((f) => readDelimitedFile(f));
  const series = tables.map(tableToRateSeries);
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
  printOut([fitReport(result.fit), physicsText(result), ...(boot ? [resamplingText(boot)] : []), ...(mc ? [resamplingText(mc)] : [])].join('\n'));
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

const EXPERIMENTS: Record<string, RateExperiment> = { r1: 'R1', t1: 'R1', r1rho: 'R1rho', t1rho: 'R1rho', 'r1ρ': 'R1rho', 't1ρ': 'R1rho', r2: 'R2', t2: 'R2' };

function metadata(table: Table, key: string): string | undefined {
  const found = Object.keys(table.metadata).find((k) => k.trim().toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : table.metadata[found];
}

function metadataNumber(table: Table, key: string, required: boolean): number | undefined {
  const text = metadata(table, key);
  if (text === undefined) {
    if (!required) return undefined;
    throw new InputError(`missing "# ${key}:" line`, { source: table.source, field: `# ${key}`, expected: `a metadata line such as "# ${key}: ${key === 'larmor_MHz' ? '116.6' : '20'}"` });
  }
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new InputError('not a positive number', { source: table.source, field: `# ${key}`, expected: 'a frequency > 0', found: JSON.stringify(text) });
  return v;
}

/** A RateSeries from a table: metadata lines, a temperature column (K or °C), rates or times (then R = 1/T). */
export function tableToRateSeries(table: Table): RateSeries {
  const expText = metadata(table, 'experiment');
  const experiment = expText === undefined ? undefined : EXPERIMENTS[expText.trim().toLowerCase().replace(/[-_\s]/g, '')];
  if (experiment === undefined) {
    throw new InputError(expText === undefined ? 'missing "# experiment:" line' : 'unknown experiment', {
      source: table.source,
      field: '# experiment',
      expected: 'R1, R1rho or R2 (T1, T1rho, T2 also accepted)',
      ...(expText !== undefined && { found: JSON.stringify(expText) }),
    });
  }
  const nucleus = metadata(table, 'nucleus');
  if (nucleus === undefined) throw new InputError('missing "# nucleus:" line', { source: table.source, field: '# nucleus', expected: 'a line such as "# nucleus: 7Li"' });
  const larmor_MHz = metadataNumber(table, 'larmor_MHz', true) as number;
  const spinlock_kHz = metadataNumber(table, 'spinlock_kHz', experiment === 'R1rho');
  const temperature = table.columns.find((c) => c.siUnit === 'K');
  if (!temperature) {
    throw new InputError('no temperature column', { source: table.source, field: 'T', expected: 'a column with a temperature unit: "T (K)" or "T (°C)"', found: table.columns.map((c) => JSON.stringify(c.header)).join(', ') });
  }
  const sigmaNames = COLUMN_ALIASES.sigma.names;
  const isSigma = (c: Column) => sigmaNames.includes(c.name.trim().toLowerCase());
  const value = table.columns.find((c) => c !== temperature && !isSigma(c) && (c.siUnit === '1/s' || c.siUnit === 's'));
  if (!value) {
    throw new InputError('no rate or relaxation-time column', { source: table.source, field: 'R1', expected: 'a column in 1/s ("R1 (1/s)", "R1rho (Hz)") or in time units ("T1 (s)", "T1rho (ms)")', found: table.columns.map((c) => JSON.stringify(c.header)).join(', ') });
  }
  const sigma = table.columns.find(isSigma);
  if (sigma && sigma.siUnit !== '' && sigma.siUnit !== value.siUnit) {
    throw new InputError('uncertainty column in other units than the values', { source: table.source, field: sigma.header, expected: `units of "${value.header}" (or none: taken as the same)`, found: JSON.stringify(sigma.unit) });
  }
  const isTime = value.siUnit === 's';
  const points = temperature.si.map((t, i) => {
    const v = value.si[i];
    // a unitless σ is in the units the values were written in
    const s = sigma ? (sigma.siUnit === '' ? sigma.values[i] * (value.values[i] !== 0 ? v / value.values[i] : 1) : sigma.si[i]) : undefined;
    const rate = isTime ? 1 / v : v;
    // σ_R = σ_T/T² for R = 1/T
    const sigmaRate = s === undefined ? undefined : isTime ? s / (v * v) : s;
    return { temperature_K: t, rate_per_s: rate, ...(sigmaRate !== undefined && { sigma: sigmaRate }) };
  });
  return { experiment, nucleus, larmor_MHz, ...(spinlock_kHz !== undefined && { spinlock_kHz }), points, label: table.source };
}

function est(e: { value: number; stderr: number | null } | null, unit = '', digits = 5): string {
  if (!e) return 'per series';
  return `${formatNumber(e.value, digits)}${e.stderr !== null ? ` ± ${formatNumber(e.stderr, 2)}` : ''}${unit ? ` ${unit}` : ''}`;
}

function physicsText(r: JointBppResult): string {
  const out = ['[[Physics]]', `    spectral density   = ${r.spectralDensity} (${r.convention} rate expressions, fitted as ${r.weighting === 'log' ? 'ln R' : 'R'})`];
  out.push(`    Ea                 = ${est(r.activationEnergy_eV, 'eV')} (${est(r.activationEnergy_kJ_per_mol, 'kJ/mol', 4)})`);
  out.push(`    tau0               = ${est(r.tau0_s, 's', 4)}`);
  if (r.beta) out.push(`    beta               = ${est(r.beta)}`);
  if (r.lowTemperatureFlank_eV) out.push(`    low-T flank        = ${est(r.lowTemperatureFlank_eV, 'eV')} ((beta - 1) Ea)`);
  if (r.ngaiCoupling) out.push(`    Ngai n = 2 - beta  = ${est(r.ngaiCoupling, '', 4)}`);
  for (const d of r.datasets) {
    const peak = d.peak?.temperature_K ? `maximum at ${est(d.peak.temperature_K, 'K', 5)} (w tau_c = ${formatNumber(d.peak.omegaTau, 4)}, jump rate ${formatNumber(1 / d.peak.correlationTime_s, 4)} 1/s)` : 'no maximum';
    out.push(`    ${d.label}: ${d.experiment} ${d.nucleus}, C = ${est(d.prefactor_per_s2, '1/s^2', 4)}, ${peak}`);
  }
  return out.join('\n');
}

function resamplingText(r: JointBppResampling): string {
  const title = r.method === 'bootstrap-residuals' ? 'Bootstrap (residual resampling)' : 'Monte Carlo (data errors)';
  const out = [`[[${title}]]`, `    ${r.succeeded} of ${r.samples} refits converged (seed ${r.seed})`];
  for (const [name, d] of Object.entries(r.parameters)) {
    out.push(`    ${name.padEnd(14)} = ${formatNumber(d.median, 6)} (sd ${formatNumber(d.sd, 2)}; 95 % interval ${formatNumber(d.ci95[0], 6)} .. ${formatNumber(d.ci95[1], 6)})`);
  }
  return out.join('\n');
}
