/**
 * `relaxlab study <folder> [--config study.json] -o <out>`: a whole variable-temperature study in
 * one call — every transient fitted, rate series, Arrhenius flanks, the joint BPP fit and the
 * cross-link with DC conductivity — written as results.json, rates.csv and a self-contained
 * report.html (study/pipeline.ts). `--init` writes a commented starting config. Inputs are only
 * read. Exit code 3 (EXIT_PARTIAL) says that some inputs failed and the rest were analysed.
 */
import { existsSync, writeFileSync } from 'fs';
import { basename, resolve } from 'path';
import type { Command } from 'commander';
import { formatEstimate, InputError, RESULT_SCHEMA } from '@relaxlab/core';
import { EXIT_OK, EXIT_PARTIAL, printJson, printOut, printWarning, setExitCode } from '../output';
import { CONFIG_FILE_NAME } from '../study/config';
import { initConfigText, surveyFolder } from '../study/init';
import { runStudyPipeline, StudyOutcome } from '../study/pipeline';

/** Some inputs (or transients) failed; the others were analysed and all outputs written. */

export interface StudyCommandOptions {
  config?: string;
  out?: string;
  init?: boolean;
  json?: boolean;
}

export function registerStudy(program: Command): Command {
  return program
    .command('study')
    .helpOption('-h, --help', 'show this help')
    .summary('a whole VT study: fit every transient, rates, Arrhenius, BPP, cross-link → results.json, rates.csv, report.html')
    .description(
      'Read every experiment in a folder (CSV/TSV transients with "# key: value" metadata, TopSpin relaxation-module ' +
        'files, JCAMP-DX files, TopSpin experiment folders), fit each transient with the model its experiment is ' +
        'configured for, turn the time constants into rate series (R = 1/T, one series per experiment, nucleus, frequency ' +
        'and region), fit the Arrhenius flanks of each series, fit all series jointly with a BPP model and, when the config ' +
        'names DC conductivity data, set NMR beside DC (cross-link). Writes results.json (every result with provenance; ' +
        'identical across runs apart from "createdAt", fixed too by SOURCE_DATE_EPOCH), rates.csv and a self-contained ' +
        'report.html (inline SVG plots, no scripts, opens offline). Inputs are only read. A progress bar is shown on ' +
        'stderr when it is a terminal.',
    )
    .argument('<folder>', `the study folder: the experiments, or a folder holding ${CONFIG_FILE_NAME} whose "data" names them`)
    .option(
      '-c, --config <file>',
      `study configuration, JSON with // and /* */ comments and trailing commas (default: <folder>/${CONFIG_FILE_NAME} when present, else the defaults of --init)`,
    )
    .option(
      '-o, --out <folder>',
      'output folder for results.json, rates.csv and report.html; created when missing, must lie outside the study folder (required unless --init)',
    )
    .option(
      '--init',
      "write a commented starting config from the folder's contents to --config FILE (never overwrites), or to stdout without --config",
    )
    .option('--json', 'print exactly one JSON document on stdout: {"kind": "StudySummary", status, outputs, failed, activation energies}')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab study examples/mil121 -o mil121-report',
        '  relaxlab study examples/mil121/transients --config examples/mil121/study.json -o out --json',
        '  relaxlab study my-vt-series --init > study.json',
        '',
        'Exit codes: 0 every input analysed, 1 internal error, 2 bad input or usage (one line on stderr),',
        `            ${EXIT_PARTIAL} partial success: some inputs failed (listed with the reason in report.html, results.json`,
        '            "failed" and on stderr), the others were analysed and every output was written.',
      ].join('\n'),
    )
    .action(async (folder: string, options: StudyCommandOptions) => {
      if (options.init) return runInit(folder, options);
      if (options.out === undefined)
        throw new InputError('no output folder', {
          field: '-o, --out',
          expected: 'an output folder, e.g. -o report (or --init to write a config)',
        });
      setExitCode(await runStudy(folder, options));
    });
}

function runInit(folder: string, options: StudyCommandOptions): void {
  if (options.out !== undefined)
    throw new InputError('--init writes a config, not results', { field: '--init, -o', expected: 'either --init or -o OUT' });
  if (options.config !== undefined && existsSync(options.config)) {
    throw new InputError('config file exists', {
      field: '--config',
      expected: 'a new file (--init never overwrites)',
      found: JSON.stringify(options.config),
    });
  }
  const dataDir = folder;
  const text = initConfigText(basename(resolve(folder)), surveyFolder(dataDir));
  if (options.config === undefined) return printOut(text);
  writeFileSync(options.config, text, { flag: 'wx' });
  printOut(`wrote ${options.config}`);
}

/** Runs the study and prints the summary; returns the exit code. */
export async function runStudy(folder: string, options: StudyCommandOptions): Promise<number> {
  const outcome = await runStudyPipeline({ folder, config: options.config, out: options.out as string });
  const { result } = outcome;
  for (const f of result.failed) printWarning(`${f.name}: ${f.stage === 'read' ? 'not read' : 'not used'}: ${f.reason}`);
  if (options.json) printJson(summary(outcome));
  else printOut(summaryText(outcome));
  return result.status === 'partial' ? EXIT_PARTIAL : EXIT_OK;
}

function summary({ result, files }: StudyOutcome) {
  return {
    schema: RESULT_SCHEMA,
    kind: 'StudySummary',
    title: result.title,
    status: result.status,
    outputs: files,
    inputs: { total: result.inputs.length, read: result.inputs.filter((i) => i.status === 'ok').length },
    transients: result.transients.length,
    failed: result.failed,
    activationEnergies: [
      ...result.arrhenius.flatMap((a) =>
        a.lines.map((l) => ({
          series: a.series,
          line: l.side === 'all' ? 'all points' : `${l.side}-T flank`,
          window_K: l.window_K,
          activationEnergy_eV: l.arrhenius.activationEnergy_eV,
        })),
      ),
      ...(result.bpp
        ? [{ series: result.bpp.series.join(' + '), line: 'joint BPP', activationEnergy_eV: result.bpp.result.activationEnergy_eV }]
        : []),
    ],
    bpp: result.bpp && {
      activationEnergy_eV: result.bpp.result.activationEnergy_eV,
      beta: result.bpp.result.beta,
      tau0_s: result.bpp.result.tau0_s,
      lowTemperatureFlank_eV: result.bpp.result.lowTemperatureFlank_eV,
    },
    crossLink: result.crossLink && { ngai: result.crossLink.result.ngai },
    warnings: result.warnings,
  };
}

function summaryText({ result, files }: StudyOutcome): string {
  const ok = result.inputs.filter((i) => i.status === 'ok').length;
  const lines = [
    `${result.title}: ${ok} of ${result.inputs.length} inputs read, ${result.transients.length} transients fitted, ${result.rateSeries.length} rate series (${result.status})`,
  ];
  for (const a of result.arrhenius) {
    for (const l of a.lines) {
      const what = l.side === 'all' ? 'all points' : `${l.side}-T flank`;
      lines.push(
        `    ${a.series}: ${what} ${l.window_K[0].toFixed(1)}–${l.window_K[1].toFixed(1)} K: Ea = ${formatEstimate(l.arrhenius.activationEnergy_eV, 'eV')}`,
      );
    }
  }
  const b = result.bpp?.result;
  if (b) {
    lines.push(
      `    joint BPP (${result.bpp?.series.join(' + ')}): Ea = ${formatEstimate(b.activationEnergy_eV, 'eV')}, beta = ${formatEstimate(b.beta)}, ` +
        `tau0 = ${formatEstimate(b.tau0_s, 's')}, low-T flank = ${formatEstimate(b.lowTemperatureFlank_eV, 'eV')}`,
    );
  }
  const n = result.crossLink?.result.ngai;
  if (n)
    lines.push(
      `    cross-link: n = 1 - Ea,NMR/Ea,DC = ${formatEstimate(n.fromNmrVsDc)}${n.fromConductivityKink ? `, n from the sigma*T kink = ${formatEstimate(n.fromConductivityKink)}` : ''}`,
    );
  lines.push(`wrote ${files.results}, ${files.rates}, ${files.report}`);
  return lines.join('\n');
}
