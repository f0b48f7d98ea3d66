/**
 * `relaxlab narrowing <csv> [--model hendrickson-bray|abragam] [--json]`: fit the motional narrowing
 * of static line widths vs temperature (@relaxlab/core fitLineNarrowing): Ea, tau0, rigid-lattice
 * and narrowed widths, the inflection point, the onset and the Waugh–Fedin estimate. The input file
 * is only read.
 */
import type { Command } from 'commander';
import { fitLineNarrowing, InputError, isInputError, LINE_NARROWING_MODELS, lineNarrowingReport } from '@relaxlab/core';
import type { LineNarrowingModelName, LineNarrowingResult } from '@relaxlab/core';
import { readDelimitedFile, tableToLinewidthSeries } from '@relaxlab/io';
import { printJson, printOut, printWarning } from '../output';

export interface NarrowingCommandOptions {
  model?: string;
  onsetFraction?: string;
  absoluteSigma?: boolean;
  json?: boolean;
}

export function registerNarrowing(program: Command): Command {
  return program
    .command('narrowing')
    .helpOption('-h, --help', 'show this help')
    .summary('fit motional line narrowing (Hendrickson-Bray or Abragam): Ea, tau0, rigid-lattice width, onset')
    .description(
      'Fit static NMR line widths vs temperature with the Hendrickson-Bray model (default) or the Abragam ' +
        'model: the width falls from the rigid-lattice value W to the narrowed value D as the jump rate ' +
        'tau_c^-1 = tau0^-1 exp(-Ea/kB T) passes 2 pi W. Reports Ea, tau0, W, D ± stderr, the temperature where ' +
        'tau_c^-1 = 2 pi W, the onset of narrowing and the Waugh-Fedin estimate Ea = 1.617e-3 eV/K * T_onset. ' +
        'The input file is only read, never modified.',
    )
    .argument(
      '<file>',
      'CSV/TSV with a temperature column "T (K)" or "T (°C)", a line-width column in Hz or kHz ("linewidth (kHz)", "FWHM (Hz)") and an optional "sigma" column (same units as the widths)',
    )
    .option('--model <name>', `${LINE_NARROWING_MODELS.join('|')}`, 'hendrickson-bray')
    .option('--onset-fraction <f>', 'the onset is where the width has fallen by this fraction of W - D', '0.1')
    .option('--absolute-sigma', 'sigma values are absolute: do not scale standard errors by sqrt(reduced chi-square)')
    .option('--json', 'print exactly one JSON document: the LineNarrowingResult, with every width and the fitted curve there (points)')
    .addHelpText(
      'after',
      [
        '',
        'Example:',
        '  relaxlab narrowing examples/mil121/nmr/li-linewidth.csv --json',
        '',
        'Exit codes: 0 success, 1 internal error, 2 bad input or usage.',
      ].join('\n'),
    )
    .action((file: string, options: NarrowingCommandOptions) => runNarrowing(file, options));
}

export function runNarrowing(file: string, options: NarrowingCommandOptions): void {
  const model = (options.model ?? 'hendrickson-bray').trim() as LineNarrowingModelName;
  if (!LINE_NARROWING_MODELS.includes(model))
    throw new InputError('unknown line-narrowing model', {
      field: '--model',
      expected: `one of ${LINE_NARROWING_MODELS.join(', ')}`,
      found: JSON.stringify(options.model),
    });
  const fractionText = options.onsetFraction ?? '0.1';
  const fraction = Number(fractionText);
  if (!(fraction > 0 && fraction < 0.5))
    throw new InputError('onset fraction out of range', {
      field: '--onset-fraction',
      expected: 'a number between 0 and 0.5, e.g. 0.1',
      found: JSON.stringify(fractionText),
    });
  const table = readDelimitedFile(file);
  const series = { ...tableToLinewidthSeries(table), label: table.source };
  let result: LineNarrowingResult;
  try {
    result = fitLineNarrowing(series, {
      model,
      onsetFraction: fraction,
      absoluteSigma: options.absoluteSigma ?? false,
      source: '',
      inputs: [{ name: file, ...(table.sha256 !== undefined && { sha256: table.sha256 }) }],
    });
  } catch (e) {
    if (!isInputError(e)) throw e;
    const m = /^points\[(\d+)\]\.?(.*)$/.exec(e.field);
    throw new InputError(e.reason, {
      ...e.details,
      field: m ? `data row ${Number(m[1]) + 1}${m[2] ? ` (${m[2]})` : ''}` : e.field,
      source: file,
    });
  }
  if (options.json) return printJson(result);
  printOut(lineNarrowingReport(result));
  for (const w of result.warnings) printWarning(w);
}
