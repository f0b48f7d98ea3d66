/**
 * `relaxlab relax <path> --model <name> [--json]`: import (as `relaxlab import`) and fit every
 * transient with the named model: one result per region and temperature, each with its own
 * uncertainties and the input files' SHA-256 in its provenance.
 */
import type { Command } from 'commander';
import { DEFAULT_MODEL, fitLabel, fitReport, fitTransient, InputError, RESULT_SCHEMA, TRANSIENT_MODEL_NAMES } from '@relaxlab/core';
import type { FitResult, TransientModelName } from '@relaxlab/core';
import type { Transient } from '@relaxlab/io';
import { printJson, printOut, printWarning } from '../output';
import { addImportOptions, describeTransient, ImportCommandOptions, runImportOf } from './import';
import { parseModelName } from '../params';

interface RelaxCommandOptions extends ImportCommandOptions {
  model?: string;
}

function modelFor(t: Transient, name: string | undefined, path: string): TransientModelName {
  if (name !== undefined) return parseModelName(name);
  if (t.experiment) return DEFAULT_MODEL[t.experiment];
  throw new InputError('no model given and the data do not say which experiment they are', {
    source: path,
    field: '--model',
    expected: `--model NAME (${TRANSIENT_MODEL_NAMES.join(', ')}) or --experiment`,
  });
}

export function registerRelax(program: Command): Command {
  const command = program
    .command('relax')
    .helpOption('-h, --help', 'show this help')
    .summary('import spectrometer data and fit every transient (one result per region and temperature)')
    .description(
      'Import as `relaxlab import` does, then fit each transient with --model (default: from the experiment, ' +
        'e.g. saturation-recovery for a satrect1 pulse program) and print one lmfit-style report per region and ' +
        'temperature, with a summary table. Inputs are only read.',
    )
    .argument('<path>', 'a TopSpin experiment folder, a folder of numbered experiments, a .dx/.jdx file, ct1t2.txt/t1ints.txt or a table')
    .option('--model <name>', `transient model: ${TRANSIENT_MODEL_NAMES.join(', ')}`);
  return addImportOptions(command)
    .option('--json', 'print exactly one JSON document: {"schema","kind":"RelaxResults","results":[{transient, fit}],"warnings"}')
    .action((path: string, options: RelaxCommandOptions) => {
      const imported = runImportOf(path, options);
      const results = imported.transients.map((transient) => ({
        transient,
        fit: fitTransient(transient, { model: modelFor(transient, options.model, path) }),
      }));
      for (const { fit } of results) if (!fit.converged) printWarning(`${fitLabel(fit)}: the fit did not converge (${fit.message})`);
      if (options.json)
        return printJson({ schema: RESULT_SCHEMA, kind: 'RelaxResults', format: imported.format, results, warnings: imported.warnings });
      const blocks = results.map(({ transient, fit }, k) => `### ${describeTransient(transient, k)}\n${fitReport(fit)}`);
      blocks.push(summary(results));
      printOut(blocks.join('\n\n'));
    });
}

/** The time constant of each fit in one table (T1, T1rho or T2, whichever the model has). */
function summary(results: { transient: Transient; fit: FitResult }[]): string {
  const lines = ['[[Summary]]', `    ${'#'.padEnd(4)}${'region / ppm'.padEnd(24)}${'T / K'.padEnd(9)}time constant`];
  results.forEach(({ transient, fit }, k) => {
    const name = ['T1', 'T1rho', 'T2'].find((n) => fit.params[n] !== undefined) ?? Object.keys(fit.params)[0];
    const p = fit.params[name];
    const region = transient.source.region?.region_ppm.map((v) => v.toFixed(2)).join('…') ?? `peak ${transient.source.peak ?? 1}`;
    const err = p.stderr !== null && p.stderr !== undefined ? ` ± ${p.stderr.toPrecision(2)}` : '';
    lines.push(
      `    ${String(k + 1).padEnd(4)}${region.padEnd(24)}${String(transient.temperature_K ?? '-').padEnd(9)}${name} = ${p.value.toPrecision(4)}${err} s`,
    );
  });
  return lines.join('\n');
}
