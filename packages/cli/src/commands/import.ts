/**
 * `relaxlab import <path> [--region FROM:TO]... [--json | --csv]`: spectrometer data (a TopSpin
 * experiment folder, a folder of experiments, a JCAMP-DX file) or a table → transients, one per
 * region and experiment. Inputs are only read; the transients carry their files' SHA-256.
 * Shared with `relaxlab relax` (commands/relax.ts): the import options and their parsing.
 */
import type { Command } from 'commander';
import { InputError, RESULT_SCHEMA, TRANSIENT_EXPERIMENTS } from '@relaxlab/core';
import { importRelaxationData, parseExperiment } from '@relaxlab/io';
import type { ImportOptions, ImportResult, Transient } from '@relaxlab/io';
import { printJson, printOut, printWarning } from '../output';

export interface ImportCommandOptions {
  region?: string[];
  regions?: string;
  data?: string;
  measure?: string;
  experiment?: string;
  noise?: string;
  json?: boolean;
  csv?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const NUMBER = /^\s*[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** `FROM:TO` in ppm, either order. */
export function parseRegion(text: string, option: string): [number, number] {
  const parts = text.split(':');
  if (parts.length !== 2 || !parts.every((p) => NUMBER.test(p)) || Number(parts[0]) === Number(parts[1])) {
    throw new InputError('not a ppm region', { field: option, expected: 'FROM:TO in ppm, e.g. 631:515', found: JSON.stringify(text) });
  }
  return [Number(parts[0]), Number(parts[1])];
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`unknown ${option.slice(2)}`, {
    field: option,
    expected: `one of ${allowed.join(', ')}`,
    found: JSON.stringify(value),
  });
}

/** Options every command that imports spectra accepts. */
export function addImportOptions(command: Command): Command {
  return command
    .option(
      '--region <from:to>',
      "a ppm region to integrate, e.g. 631:515; repeat for several peaks (default: TopSpin's intrng, else peaks picked automatically)",
      collect,
    )
    .option('--regions <intrng|auto>', "where regions come from when no --region is given: TopSpin's intrng or automatic peak picking")
    .option(
      '--data <ser|topspin|2rr>',
      "Bruker folders: 'ser' RelaxLab processes the raw FIDs (default), 'topspin' the raw FIDs with procs' LB/SI/PHC0/PHC1, '2rr' TopSpin's processed spectra",
    )
    .option('--measure <integral|height>', 'per region and delay: the integral (default) or the peak height')
    .option('--noise <from:to>', 'ppm region without signal for the noise σ (default: the outer tenth of the spectrum at each end)')
    .option('--experiment <name>', `override the experiment from the pulse program: ${TRANSIENT_EXPERIMENTS.join(', ')}`);
}

export function importOptions(options: ImportCommandOptions): ImportOptions {
  if (options.region?.length && options.regions !== undefined) {
    throw new InputError('both given', {
      field: '--region, --regions',
      expected: 'either explicit --region FROM:TO or --regions intrng|auto',
    });
  }
  const regions = options.region?.length
    ? options.region.map((r) => parseRegion(r, '--region'))
    : oneOf(options.regions, ['intrng', 'auto'] as const, '--regions');
  return {
    regions_ppm: regions,
    data: oneOf(options.data, ['ser', 'topspin', '2rr'] as const, '--data'),
    measure: oneOf(options.measure, ['integral', 'height'] as const, '--measure'),
    noiseRegion_ppm: options.noise !== undefined ? parseRegion(options.noise, '--noise') : undefined,
    experiment:
      options.experiment !== undefined ? parseExperiment(options.experiment, { source: '--experiment', field: '--experiment' }) : undefined,
  };
}

/** Import, with the reader's warnings on stderr (also with --json: stdout stays one document). */
export function runImportOf(path: string, options: ImportCommandOptions): ImportResult {
  const result = importRelaxationData(path, importOptions(options));
  for (const w of result.warnings) printWarning(w);
  return result;
}

/** What a transient is, in one line: region, temperature, experiment. */
export function describeTransient(t: Transient, k: number): string {
  const ppm = (v: number) => String(Number(v.toFixed(3)));
  const region = t.source.region
    ? `${ppm(t.source.region.region_ppm[0])}…${ppm(t.source.region.region_ppm[1])} ppm (${t.source.region.measure})`
    : `peak ${t.source.peak ?? 1}`;
  const temperature = t.temperature_K !== undefined ? `, ${t.temperature_K} K` : '';
  return `#${k + 1}: ${t.experiment ?? 'experiment unknown'}, ${t.nucleus ?? '?'}${t.larmor_MHz !== undefined ? ` at ${t.larmor_MHz} MHz` : ''}, ${region}${temperature}`;
}

/** One long CSV: metadata comments, then transient, region, temperature, delay, signal, sigma. */
function toCsv(transients: Transient[]): string {
  const first = transients[0];
  const meta = [
    first?.experiment && `# experiment: ${first.experiment}`,
    first?.nucleus && `# nucleus: ${first.nucleus}`,
    first?.larmor_MHz !== undefined && `# larmor_MHz: ${first.larmor_MHz}`,
  ].filter(Boolean) as string[];
  const rows = ['delay (s),signal,sigma,transient,region from (ppm),region to (ppm),T (K)'];
  transients.forEach((t, k) => {
    const [from, to] = t.source.region?.region_ppm ?? ['', ''];
    t.delay_s.forEach((d, i) => rows.push([d, t.signal[i], t.sigma?.[i] ?? '', k + 1, from, to, t.temperature_K ?? ''].join(',')));
  });
  return [...meta, ...rows].join('\n');
}

function toText(result: ImportResult): string {
  return result.transients
    .map((t, k) => {
      const lines = [describeTransient(t, k), `    ${'delay / s'.padEnd(12)} ${'signal'.padStart(14)} ${'sigma'.padStart(12)}`];
      t.delay_s.forEach((d, i) =>
        lines.push(
          `    ${String(d).padEnd(12)} ${t.signal[i].toPrecision(6).padStart(14)} ${(t.sigma?.[i]?.toPrecision(3) ?? '-').padStart(12)}`,
        ),
      );
      return lines.join('\n');
    })
    .join('\n\n');
}

export function registerImport(program: Command): Command {
  const command = program
    .command('import')
    .helpOption('-h, --help', 'show this help')
    .summary('spectrometer data → transients (TopSpin folder, VT series, JCAMP-DX, table)')
    .description(
      'Read what the spectrometer wrote and print one magnetisation transient per region (and per ' +
        'experiment of a variable-temperature series): TopSpin pseudo-2D folders (raw ser + acqus + vdlist/vplist/vclist, ' +
        "processed by RelaxLab or with TopSpin's own parameters), folders of such experiments, JCAMP-DX pseudo-2D files, " +
        'TopSpin relaxation-module files and tables. Delays in seconds; each point has a noise sigma. Inputs are only read.',
    )
    .argument('<path>', 'a TopSpin experiment folder, a folder of numbered experiments, a .dx/.jdx file, ct1t2.txt/t1ints.txt or a table');
  return addImportOptions(command)
    .option('--json', 'print exactly one JSON document: {"schema","kind":"ImportResult","format","transients","warnings"}')
    .option('--csv', 'print the transients as one CSV table (delay (s), signal, sigma, transient, region, T (K))')
    .action((path: string, options: ImportCommandOptions) => {
      if (options.json && options.csv) throw new InputError('both given', { field: '--json, --csv', expected: 'one output format' });
      const result = runImportOf(path, options);
      if (options.json)
        return printJson({
          schema: RESULT_SCHEMA,
          kind: 'ImportResult',
          format: result.format,
          transients: result.transients,
          warnings: result.warnings,
        });
      printOut(options.csv ? toCsv(result.transients) : toText(result));
    });
}
