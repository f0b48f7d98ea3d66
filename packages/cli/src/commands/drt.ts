/**
 * `relaxlab drt <impedance file> [options]`: the distribution of relaxation times of each spectrum
 * in an impedance file (core distributionOfRelaxationTimes): γ(ln τ) with its bootstrap band, R∞
 * (L, series C), peaks with their resistance and τ, and the Lin-KK residual level beside the DRT's.
 */
import type { Command } from 'commander';
import { drtReport, distributionOfRelaxationTimes, InputError } from '@relaxlab/core';
import type { DrtPart } from '@relaxlab/core';
import { printJson, printOut, printWarning } from '../output';
import { readSpectra } from './impedance';
import { inversionOptions, INVERSION_OPTION_HELP } from './inversionOptions';
import type { InversionCommandOptions } from './inversionOptions';

export interface DrtCommandOptions extends InversionCommandOptions {
  part?: string;
  inductance?: boolean;
  capacitance?: boolean;
  fmin?: string;
  fmax?: string;
  format?: string;
}

export function registerDrt(program: Command): Command {
  const command = program
    .command('drt')
    .helpOption('-h, --help', 'show this help')
    .summary('distribution of relaxation times (DRT) of impedance spectra')
    .description(
      'Invert each impedance spectrum in a file into a distribution of relaxation times gamma(ln tau): ' +
        'Z = R_inf + jwL + 1/(jwC) + integral gamma/(1 + jw tau) d ln tau, by non-negative Tikhonov least squares ' +
        '(weights 1/|Z|), with a bootstrap band, peaks (tau, resistance, C = tau/R) and the Lin-KK residual level.',
    )
    .argument('<file>', 'impedance file: ZPlot .z, BioLogic .mpt, Gamry .DTA, WinDETA, CSV')
    .option('--part <part>', "fit both parts (default), real (Z') or imag (Z'')")
    .option('--inductance', 'fit a series inductance')
    .option('--capacitance', 'fit a series capacitance (blocking electrodes: the low-frequency spike)')
    .option('--fmin <Hz>', 'use frequencies from this one up')
    .option('--fmax <Hz>', 'use frequencies up to this one')
    .option('--format <name>', 'file format, if not detected');
  return INVERSION_OPTION_HELP(command)
    .option('--json', 'print one JSON document: the DrtResult (an array of them for several spectra)')
    .action((file: string, options: DrtCommandOptions) => runDrt(file, options));
}

export function runDrt(file: string, options: DrtCommandOptions): void {
  const part = options.part ?? 'both';
  if (!['both', 'real', 'imag'].includes(part)) {
    throw new InputError('unknown part', { field: '--part', expected: 'both, real or imag', found: JSON.stringify(part) });
  }
  let range: [number, number] | undefined;
  if (options.fmin !== undefined || options.fmax !== undefined) range = [Number(options.fmin ?? 0), Number(options.fmax ?? Infinity)];
  if (range && !(range[0] >= 0 && range[1] > range[0])) {
    throw new InputError('invalid frequency range', {
      field: '--fmin/--fmax',
      expected: '0 ≤ fmin < fmax (Hz)',
      found: `${options.fmin}, ${options.fmax}`,
    });
  }
  const { spectra } = readSpectra(file, { format: options.format });
  const results = spectra.map((s) =>
    distributionOfRelaxationTimes(s, {
      ...inversionOptions(options),
      part: part as DrtPart,
      ...(options.inductance && { inductance: true }),
      ...(options.capacitance && { capacitance: true }),
      ...(range && { frequencyRange_Hz: [Math.max(range[0], 1e-300), Math.min(range[1], 1e300)] as [number, number] }),
      source: file,
    }),
  );
  if (options.json) return printJson(results.length === 1 ? results[0] : results);
  printOut(results.map(drtReport).join('\n\n'));
  for (const r of results) for (const w of r.warnings) printWarning(w);
}
