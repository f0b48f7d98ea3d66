/**
 * `relaxlab arrhenius <csv> [--window Tmin:Tmax] [--segments auto|1|2|3] [--quantity ...] [--flanks] [--json]`:
 * log10(y) vs 1000/T for rates, τ, σT or D from a table with units in its headers; a straight line,
 * a segmented (kinked) line, or the Arrhenius lines of a rate series — the flanks of its peak, else one
 * line through all points — with the policy the study and the notebook use (@relaxlab/core
 * fitRateArrhenius). The table is read by @relaxlab/io tableToArrheniusData, as everywhere else.
 */
import type { Command } from 'commander';
import {
  ARRHENIUS_QUANTITIES,
  arrheniusReport,
  fitArrhenius,
  fitRateArrhenius,
  fitSegmentedArrhenius,
  InputError,
  rateArrheniusReport,
  segmentedArrheniusReport,
} from '@relaxlab/core';
import { readDelimitedFile, tableToArrheniusData } from '@relaxlab/io';
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
        'for one kink against one straight line. With --flanks, fit the two flanks of a diffusion-induced ' +
        'rate peak (candidates at least 0.6 decades below the maximum, moved off curvature toward the asymptote; ' +
        'with no maximum inside the data, one line through all points, with a warning), as relaxlab study and the ' +
        'notebook kernel do. The input file is only read, never modified.',
    )
    .argument(
      '<file>',
      'CSV/TSV/whitespace table with units in the headers ("T (K)" or "T (°C)", "R1 (1/s)", "tau (s)", ' +
        '"sigma_T (S K/cm)", "sigma (S/cm)", "D (m^2/s)") and optional "# key: value" lines ("# quantity: sigmaT")',
    )
    .option('--window <Tmin:Tmax>', 'use only points with Tmin <= T <= Tmax, in K (e.g. 330:400)')
    .option(
      '--segments <n>',
      'auto|1|2|3: fit a continuous broken line with that many segments (auto: by BIC) and test for a kink (Davies); default: one straight line',
    )
    .option(
      '--quantity <q>',
      `what the y column holds: ${ARRHENIUS_QUANTITIES.join('|')} (default: the file's "# quantity:" line, else from the column's unit or name; ` +
        'a conductivity in S/cm is multiplied by T and fitted as sigmaT)',
    )
    .option(
      '--flanks',
      'the Arrhenius lines of a rate series: the low-T and high-T flanks of its peak (tested for curvature), else one line through all points',
    )
    .option('--t <col>', 'temperature column (default: the first column in K or °C)')
    .option('--y <col>', 'y column (default: the first other column that is not an uncertainty)')
    .option(
      '--sigma <col>',
      'column of 1-sigma uncertainties of y, in y units (default: a column named like sigma, err, sd, or ending in _err)',
    )
    .option('--absolute-sigma', 'sigma values are absolute: do not scale standard errors by sqrt(reduced chi-square)')
    .option(
      '--json',
      'print exactly one JSON document: ArrheniusResult, SegmentedArrheniusResult (--segments) or RateArrheniusResult (--flanks)',
    )
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
  const table = tableToArrheniusData(readDelimitedFile(file), {
    temperature: options.t,
    value: options.y,
    sigma: options.sigma,
    quantity: options.quantity,
    optionNames: { temperature: '--t', value: '--y', sigma: '--sigma', quantity: '--quantity' },
  });
  const { data, describe } = table;
  const common = { absoluteSigma: options.absoluteSigma ?? false, source: file };
  if (options.flanks) {
    if (data.quantity !== 'rate') {
      throw new InputError('--flanks needs relaxation rates', {
        source: file,
        field: table.columns.value.header,
        expected: 'rates (1/s) or relaxation times T1, T1rho, T2',
        found: data.quantity,
      });
    }
    const rates = fitRateArrhenius(data, { ...common, label: table.label });
    return options.json ? printJson(rates) : printOut(rateArrheniusReport(rates, describe));
  }
  if (segments === undefined) {
    const line = fitArrhenius(data, { ...common, window_K });
    return options.json ? printJson(line) : printOut(arrheniusReport(line, describe));
  }
  const result = fitSegmentedArrhenius(data, { ...common, window_K, segments });
  return options.json ? printJson(result) : printOut(segmentedArrheniusReport(result, describe));
}

function parseWindow(text: string): [number, number] {
  const m = /^\s*([-+]?[\d.]+(?:e[-+]?\d+)?)\s*:\s*([-+]?[\d.]+(?:e[-+]?\d+)?)\s*$/i.exec(text);
  const w = m ? ([Number(m[1]), Number(m[2])] as [number, number]) : undefined;
  if (!w || !w.every(Number.isFinite) || !(w[0] > 0) || !(w[1] > w[0])) {
    throw new InputError('invalid temperature window', {
      field: '--window',
      expected: 'Tmin:Tmax in K with 0 < Tmin < Tmax, e.g. 330:400',
      found: JSON.stringify(text),
    });
  }
  return w;
}

function parseSegments(text: string): 'auto' | 1 | 2 | 3 {
  const t = text.trim().toLowerCase();
  if (t === 'auto') return 'auto';
  if (t === '1' || t === '2' || t === '3') return Number(t) as 1 | 2 | 3;
  throw new InputError('invalid number of segments', { field: '--segments', expected: 'auto, 1, 2 or 3', found: JSON.stringify(text) });
}
