/** The options `relaxlab ilt` and `relaxlab drt` share: λ, penalty, grid, bootstrap. */
import type { Command } from 'commander';
import { InputError } from '@relaxlab/core';
import type { GridOptions, InversionOptions, LambdaMethod, PenaltyOrder } from '@relaxlab/core';

export interface InversionCommandOptions {
  lambda?: string;
  lambdaMethod?: string;
  penalty?: string;
  tauMin?: string;
  tauMax?: string;
  perDecade?: string;
  replicates?: string;
  refinements?: string;
  seed?: string;
  json?: boolean;
}

export function INVERSION_OPTION_HELP(command: Command): Command {
  return command
    .option('--lambda <value>', 'regularisation lambda (dimensionless, see the report); default: chosen by --lambda-method')
    .option('--lambda-method <rule>', 'discrepancy (default), gcv or lcurve')
    .option('--penalty <order>', 'Tikhonov operator: 0 identity, 1 first, 2 second difference (default 2)')
    .option('--tau-min <s>', 'smallest tau of the grid in s (default: the data window / 10^0.5)')
    .option('--tau-max <s>', 'largest tau of the grid in s (default: the data window * 10^0.5)')
    .option('--per-decade <n>', 'grid points per decade (default 10)')
    .option('--replicates <n>', 'bootstrap replicates for the band and the errors (default 200; 0: none)')
    .option(
      '--refinements <n>',
      'iterated-Tikhonov steps after the lambda choice, to take out smoothing bias (default 5; 0: plain Tikhonov)',
    )
    .option('--seed <n>', 'seed of the bootstrap (default 15)');
}

function number(text: string | undefined, flag: string, check: (v: number) => boolean, expected: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(v) && check(v)))
    throw new InputError('invalid value', { field: flag, expected, found: JSON.stringify(text) });
  return v;
}

export function inversionOptions(o: InversionCommandOptions): InversionOptions & { grid: GridOptions } {
  const method = o.lambdaMethod;
  if (method !== undefined && !['discrepancy', 'gcv', 'lcurve'].includes(method)) {
    throw new InputError('unknown rule', {
      field: '--lambda-method',
      expected: 'discrepancy, gcv or lcurve',
      found: JSON.stringify(method),
    });
  }
  const lambda = number(o.lambda, '--lambda', (v) => v > 0, 'a number > 0');
  const penalty = number(o.penalty, '--penalty', (v) => v === 0 || v === 1 || v === 2, '0, 1 or 2');
  const replicates = number(o.replicates, '--replicates', (v) => Number.isInteger(v) && v >= 0 && v <= 10000, 'an integer 0 … 10000');
  const refinements = number(o.refinements, '--refinements', (v) => Number.isInteger(v) && v >= 0 && v <= 50, 'an integer 0 … 50');
  const seed = number(o.seed, '--seed', (v) => Number.isInteger(v), 'an integer');
  const grid: GridOptions = {};
  const min = number(o.tauMin, '--tau-min', (v) => v > 0, 'a time > 0 s');
  const max = number(o.tauMax, '--tau-max', (v) => v > 0, 'a time > 0 s');
  const perDecade = number(o.perDecade, '--per-decade', (v) => v >= 1 && v <= 100, 'a number 1 … 100');
  if (min !== undefined) grid.min_s = min;
  if (max !== undefined) grid.max_s = max;
  if (perDecade !== undefined) grid.pointsPerDecade = perDecade;
  return {
    grid,
    lambda: { ...(method !== undefined && { method: method as LambdaMethod }), ...(lambda !== undefined && { lambda }) },
    ...(penalty !== undefined && { penalty: penalty as PenaltyOrder }),
    ...(replicates !== undefined && { replicates }),
    ...(refinements !== undefined && { refinements }),
    ...(seed !== undefined && { seed }),
  };
}
