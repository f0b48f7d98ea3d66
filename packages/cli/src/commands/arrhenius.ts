/**
 * `relaxlab arrhenius <csv> [--window Tmin:Tmax] [--segments auto|1|2|3] [--quantity ...] [--flanks] [--json]`:
 * log10(y) vs 1000/T for rates, τ, σT or D from a table with units in its headers; a straight line,
 * a segmented (kinked) line, or the two flanks of a rate peak (@relaxlab/core arrhenius).
 */
import type { Command } from 'commander';
import {
  ARRHENIUS_QUANTITIES,
  findRatePeakFlanks,
  fitArrhenius,
  fitSegmentedArrhenius,
  formatEstimate,
  InputError,
  kinkTestSummary,
} from '@relaxlab/core';
import type { ArrheniusData, ArrheniusQuantity, ArrheniusResult, RatePeakFlanks, SegmentedArrheniusResult } from '@relaxlab/core';
import { findColumn, isUncertaintyColumn, parseDelimitedText, readSourceFile } from '@relaxlab/io';
import type { Column, Table } from '@relaxlab/io';
import { printJson, printOut } from '../output';

export interface ArrheniusCommandOptions {
  window?: string;
  segments?: string;
  quantity?: string;
  flanks?: boolean;
  t?: string;
  y?: string;
  sigma?: string;
  absoluteSigma?: boolean;
  json?: boolean;
}

export function registerArrhenius(program: Command): Command {
  return program
    .command('arrhenius')
    .helpOption('-h, --help', 'show this help')
    .summary('Arrhenius analysis of rates, tau, sigma*T or D vs T: activation energy, kinks, rate-peak flanks')
    .description(
      'Fit log10(y) against 1000/T with a weighted straight line (y = A exp(-Ea/kB T) for rates, sigma*T and D; ' +
        'y = A exp(+Ea/kB T) for tau) and report Ea ± stderr in eV and kJ/mol and the prefactor. With --segments, fit ' +
        'a continuous broken line with 1-3 segments whose kink temperatures are fitted (stderr and a 95 % ' +
        'profile-likelihood interval each); "auto" picks the number of segments by BIC, and Davies\' test gives a p-value ' +
        'for one kink against one straight line. With --flanks, find the two ' +
        'flanks of a diffusion-induced rate peak and fit each. The input file is only read, never modified.',
    )
    .argument(
      '<file>',
      'CSV/TSV/whitespace table with units in the headers ("T (K)" or "T (°C)", "R1 (1/s)", "tau (s)", ' +
        '"sigma_T (S K/cm)", "sigma (S/cm)", "D (m^2/s)") and optional "# key: value" lines ("# quantity: sigmaT")',
    )
    .option('--window <Tmin:Tmax>', 'use only points with Tmin <= T <= Tmax, in K (e.g. 330:400)')
    .option('--segments <n>', "auto|1|2|3: fit a continuous broken line with that many segments (auto: by BIC) and test for a kink (Davies); default: one straight line")
    .option(
      '--quantity <q>',
      `what the y column holds: ${ARRHENIUS_QUANTITIES.join('|')} (default: the file's "# quantity:" line, else from the column's unit or name; ` +
        'a conductivity in S/cm is multiplied by T and fitted as sigmaT)',
    )
    .option('--flanks', 'find the low-T and high-T flanks of a rate peak (points at least 0.6 decades below the maximum) and fit each')
    .option('--t <col>', 'temperature column (default: the first column in K or °C)')
    .option('--y <col>', 'y column (default: the first other column that is not an uncertainty)')
    .option('--sigma <col>', 'column of 1-sigma uncertainties of y, in y units (default: a column named like sigma, err, sd, or ending in _err)')
    .option('--absolute-sigma', 'sigma values are absolute: do not scale standard errors by sqrt(reduced chi-square)')
    .option('--json', 'print exactly one JSON document: ArrheniusResult, SegmentedArrheniusResult (--segments) or RatePeakFlanks (--flanks)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab arrhenius examples/mil121/conductivity/li-sigmaT.csv --segments auto',
        '  relaxlab arrhenius rates.csv --window 330:400 --json',
        '  relaxlab arrhenius r1-vs-T.csv --flanks',
        '',
        'Exit codes: 0 success, 1 internal error, 2 bad input or usage (one line on stderr naming the file/field).',
      ].join('\n'),
    )
    .action((file: string, options: ArrheniusCommandOptions) => runArrhenius(file, options));
}

export function runArrhenius(file: string, options: ArrheniusCommandOptions): void {
  const window_K = options.window !== undefined ? parseWindow(options.window) : undefined;
  const segments = options.segments !== undefined ? parseSegments(options.segments) : undefined;
  if (options.flanks && (segments !== undefined || window_K !== undefined)) {
    throw new InputError('--flanks chooses its own windows', { field: '--flanks', expected: '--flanks without --segments or --window' });
  }
  const { data, describe } = readArrheniusTable(file, options);
  const common = { absoluteSigma: options.absoluteSigma ?? false, source: file };
  if (options.flanks) {
    const flanks = findRatePeakFlanks(data, common);
    return options.json ? printJson(flanks) : printOut(flanksText(flanks, describe));
  }
  if (segments === undefined) {
    const line = fitArrhenius(data, { ...common, window_K });
    return options.json ? printJson(line) : printOut(lineText(line, describe));
  }
  const result = fitSegmentedArrhenius(data, { ...common, window_K, segments });
  return options.json ? printJson(result) : printOut(segmentedText(result, describe));
}

function parseWindow(text: string): [number, number] {
  const m = /^\s*([-+]?[\d.]+(?:e[-+]?\d+)?)\s*:\s*([-+]?[\d.]+(?:e[-+]?\d+)?)\s*$/i.exec(text);
  const w = m ? ([Number(m[1]), Number(m[2])] as [number, number]) : undefined;
  if (!w || !w.every(Number.isFinite) || !(w[0] > 0) || !(w[1] > w[0])) {
    throw new InputError('invalid temperature window', { field: '--window', expected: 'Tmin:Tmax in K with 0 < Tmin < Tmax, e.g. 330:400', found: JSON.stringify(text) });
  }
  return w;
}

function parseSegments(text: string): 'auto' | 1 | 2 | 3 {
  const t = text.trim().toLowerCase();
  if (t === 'auto') return 'auto';
  if (t === '1' || t === '2' || t === '3') return Number(t) as 1 | 2 | 3;
  throw new InputError('invalid number of segments', { field: '--segments', expected: 'auto, 1, 2 or 3', found: JSON.stringify(text) });
}

// ---------------------------------------------------------------- reading the table

interface ArrheniusTable {
  data: ArrheniusData;
  /** One line saying what was read, for the text output. */
  describe: string;
}

function readArrheniusTable(file: string, options: ArrheniusCommandOptions): ArrheniusTable {
  const source = readSourceFile(file);
  const table: Table = parseDelimitedText(source.text, { source: file });
  const t = options.t !== undefined ? findColumn(table, options.t) : table.columns.find((c) => c.siUnit === 'K');
  if (!t || t.siUnit !== 'K') {
    throw new InputError(t ? 'temperature column has no temperature unit' : 'no temperature column', {
      source: file,
      field: t ? t.header : 'T',
      expected: 'a column with a unit of temperature, e.g. "T (K)" or "T (°C)" (choose one with --t)',
      found: `columns ${table.columns.map((c) => JSON.stringify(c.header)).join(', ')}`,
    });
  }
  const others = table.columns.filter((c) => c !== t);
  // a lone "sigma (S/cm)" beside T is the conductivity, not an uncertainty
  const y = options.y !== undefined ? findColumn(table, options.y) : others.find((c) => !isUncertaintyColumn(c)) ?? others[0];
  const sigma = options.sigma !== undefined ? findColumn(table, options.sigma) : others.find((c) => c !== y && isUncertaintyColumn(c));
  if (!y || y === t || y === sigma) {
    throw new InputError('no y column', { source: file, field: options.y ?? 'y', expected: 'a column of rates, tau, sigma*T or D besides the temperature and its uncertainty (choose with --y)' });
  }
  if (sigma && sigma.siUnit !== y.siUnit) {
    throw new InputError('uncertainty column has a different unit than y', { source: file, field: sigma.header, expected: `the unit of ${y.header}`, found: sigma.unit ?? 'none' });
  }
  let value = y.si;
  let err = sigma?.si;
  let quantity = quantityOf(y, options.quantity ?? table.metadata.quantity, file);
  let note = '';
  if (y.siUnit === 's' && RELAXATION_TIME.test(y.name.trim()) && options.quantity === undefined) {
    // a relaxation time T1, T1ρ, T2 is analysed as its rate R = 1/T (σ_R = σ_T/T²): rate peaks
    // and their flanks are rates; 'tau' is for correlation or residence times
    err = err?.map((e, i) => e / (value[i] * value[i]));
    value = value.map((v) => 1 / v);
    quantity = 'rate';
    note = ' (relaxation time converted to its rate 1/T)';
  } else if (y.siUnit === 'S/cm') {
    // σDC is analysed as σT (σ = σ0/T·exp(−Ea/kBT) for hopping); see core/transport/conductivity.ts
    value = value.map((v, i) => v * t.si[i]);
    err = err?.map((v, i) => v * t.si[i]);
    quantity = 'sigmaT';
    note = ' (sigma in S/cm multiplied by T)';
  }
  return {
    data: { temperature_K: t.si, value, ...(err && { sigma: err }), quantity },
    describe: `${file}: ${y.header} as ${quantity}${note} vs ${t.header}${sigma ? `, uncertainties ${sigma.header}` : ''}`,
  };
}

/** --quantity / "# quantity:" first, else the unit, else the column name. */
const RELAXATION_TIME = /^(t1|t1rho|t1ρ|t1_rho|t2)$/i;

function quantityOf(y: Column, given: string | undefined, file: string): ArrheniusQuantity {
  if (given !== undefined) {
    const q = ARRHENIUS_QUANTITIES.find((name) => name.toLowerCase() === given.trim().toLowerCase());
    if (!q) throw new InputError('unknown quantity', { source: file, field: '--quantity', expected: ARRHENIUS_QUANTITIES.join(', '), found: JSON.stringify(given) });
    return q;
  }
  if (y.siUnit === 'S K/cm') return 'sigmaT';
  if (y.siUnit === 'm^2/s') return 'diffusion';
  if (y.siUnit === '1/s') return 'rate';
  if (y.siUnit === 's') return 'tau';
  if (y.siUnit === 'S/cm') return 'sigmaT';
  const name = y.name.trim();
  if (/^(r1|r1rho|r1ρ|r2|rate|k|jump)/i.test(name)) return 'rate';
  if (/^(tau|τ)/i.test(name)) return 'tau';
  if (/^(sigma_?t|σ_?t)$/i.test(name)) return 'sigmaT';
  if (/^d(_|$)/i.test(name)) return 'diffusion';
  throw new InputError('cannot tell what the y column holds', {
    source: file,
    field: y.header,
    expected: `--quantity (${ARRHENIUS_QUANTITIES.join('|')}), a "# quantity:" line, or a unit in the header such as (1/s), (s), (S K/cm)`,
  });
}

// ---------------------------------------------------------------- text output

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, j) => Math.max([...h].length, ...rows.map((r) => [...r[j]].length)));
  return [header, ...rows].map((r) => `    ${r.map((c, j) => pad(c, widths[j])).join('  ').trimEnd()}`);
}

const range = ([lo, hi]: [number, number]) => `${lo.toFixed(1)}–${hi.toFixed(1)}`;

function lineText(r: ArrheniusResult, describe: string): string {
  const out = [`[[Arrhenius]] ${describe}`, `    ${r.n} points, ${range(r.window_K)} K, one straight line in 1000/T`];
  out.push(
    ...table(
      ['Ea / eV', 'Ea / kJ/mol', 'log10 A', 'A'],
      [[formatEstimate(r.activationEnergy_eV), formatEstimate(r.activationEnergy_kJ_per_mol), formatEstimate(r.log10Prefactor), formatEstimate(r.prefactor)]],
    ),
  );
  out.push(`    reduced chi-square = ${r.fit.stats.redChi.toPrecision(4)}`);
  for (const w of r.warnings) out.push(`    ## Warning: ${w}`);
  return out.join('\n');
}

const ROMAN = ['I', 'II', 'III'];

function segmentedText(r: SegmentedArrheniusResult, describe: string): string {
  const out = [`[[Arrhenius]] ${describe}`, `    ${r.n} points, ${range(r.window_K)} K, ${r.chosenSegments} segment(s) of a continuous broken line in 1000/T`];
  out.push(
    ...table(
      ['regime', 'T range / K', 'points', 'Ea / eV', 'Ea / kJ/mol', 'log10 A'],
      r.segments.map((s, k) => [ROMAN[k], range(s.temperatureRange_K), String(s.n), formatEstimate(s.activationEnergy_eV), formatEstimate(s.activationEnergy_kJ_per_mol), formatEstimate(s.log10Prefactor)]),
    ),
  );
  for (const [k, b] of r.breakpoints.entries()) {
    out.push(`    kink ${k + 1}: T = ${formatEstimate(b.temperature_K, 'K')}, 95 % CI ${range(b.ci95_K)} K (profile likelihood)`);
  }
  out.push('[[Segments by BIC]]');
  out.push(
    ...table(
      ['', 'segments', 'nvar', 'chi-square', 'BIC', 'AICc', 'dBIC'],
      r.bic.map((b) => [b.segments === r.chosenSegments ? '*' : '', String(b.segments), String(b.nvar), b.chiSquare.toPrecision(5), b.bic.toFixed(2), b.aicc === null ? '-' : b.aicc.toFixed(2), b.deltaBic.toFixed(2)]),
    ),
  );
  out.push(...kinkTestSummary(r).report);
  for (const w of r.warnings) out.push(`    ## Warning: ${w}`);
  return out.join('\n');
}

function flanksText(r: RatePeakFlanks, describe: string): string {
  const out = [`[[Rate peak flanks]] ${describe}`, `    peak at ${r.peakTemperature_K.toFixed(1)} K (rate ${r.peakRate.toPrecision(4)}); flanks: points ≥ ${r.decadesBelowPeak.toFixed(2)} decades below the peak`];
  const rows = (
    [
      ['low-T', r.lowTemperature],
      ['high-T', r.highTemperature],
    ] as const
  ).map(([side, f]) => (f ? [side, range(f.window_K), String(f.arrhenius.n), formatEstimate(f.arrhenius.activationEnergy_eV), formatEstimate(f.arrhenius.activationEnergy_kJ_per_mol)] : [side, '-', '0', 'not fitted', '-']));
  out.push(...table(['flank', 'T range / K', 'points', 'Ea / eV', 'Ea / kJ/mol'], rows));
  for (const w of r.warnings) out.push(`    ## Warning: ${w}`);
  return out.join('\n');
}
