/**
 * `relaxlab ilt <transient> [options]`: the distribution of T1, T1ρ or T2 of one magnetisation
 * transient by a regularised inverse Laplace transform (core relaxationDistribution), with its
 * bootstrap band, peaks, and the comparison with the usual fits. The input file is only read.
 */
import type { Command } from 'commander';
import { InputError, relaxationDistribution, relaxationDistributionReport } from '@relaxlab/core';
import type { RelaxationKernel } from '@relaxlab/core';
import { readTransientFile } from '@relaxlab/io';
import { printJson, printOut, printWarning } from '../output';
import { inversionOptions, INVERSION_OPTION_HELP } from './inversionOptions';
import type { InversionCommandOptions } from './inversionOptions';

const KERNELS: RelaxationKernel[] = ['saturation-recovery', 'inversion-recovery', 'spin-lock', 't2-decay'];

export interface IltCommandOptions extends InversionCommandOptions {
  kernel?: string;
  offset?: boolean;
  x?: string;
  y?: string;
  sigma?: string;
}

export function registerIlt(program: Command): Command {
  const command = program
    .command('ilt')
    .helpOption('-h, --help', 'show this help')
    .summary('distribution of T1/T1rho/T2 of a transient (regularised inverse Laplace transform)')
    .description(
      'Invert a magnetisation transient into a distribution of relaxation times (non-negative Tikhonov ' +
        'least squares on a log-spaced tau grid, lambda by the discrepancy principle, GCV or the L-curve), ' +
        'with a bootstrap band, peaks (tau, fraction, width with errors), the mean log tau, and the ' +
        'mono/stretched/two-component fits of the same data beside it (AIC/BIC). Warns where an ILT is ' +
        'known to show peaks that are not there (stretched-exponential data with beta < 0.7, SNR < 40).',
    )
    .argument('<file>', 'transient file (as for relaxlab fit: a table with "# experiment:" metadata, or a TopSpin ct1t2.txt)')
    .option('--kernel <name>', `kernel: ${KERNELS.join(', ')} (default: from the file's "# experiment:")`)
    .option('--offset', 'fit a non-decaying offset (decays only)')
    .option('--x <col>', 'delay column (default: as relaxlab fit)')
    .option('--y <col>', 'signal column (default: as relaxlab fit)')
    .option('--sigma <col>', 'column of sigma of the signal (default: a sigma/err column if present; else unweighted)');
  return INVERSION_OPTION_HELP(command)
    .option('--json', 'print one JSON document: the RelaxationDistribution')
    .action((file: string, options: IltCommandOptions) => runIlt(file, options));
}

export function runIlt(file: string, options: IltCommandOptions): void {
  if (options.kernel !== undefined && !KERNELS.includes(options.kernel as RelaxationKernel)) {
    throw new InputError('unknown kernel', { field: '--kernel', expected: KERNELS.join(', '), found: JSON.stringify(options.kernel) });
  }
  const transient = readTransientFile(file, { x: options.x, y: options.y, sigma: options.sigma });
  const result = relaxationDistribution(transient, {
    ...inversionOptions(options),
    ...(options.kernel !== undefined && { kernel: options.kernel as RelaxationKernel }),
    ...(options.offset && { offset: true }),
    source: file,
  });
  if (options.json) return printJson(result);
  printOut(relaxationDistributionReport(result));
  for (const w of result.warnings) printWarning(w);
}
