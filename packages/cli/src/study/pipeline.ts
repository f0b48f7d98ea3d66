/**
 * One call from a folder of experiments to a report: config → inputs → transient fits → rate
 * series → Arrhenius / BPP / cross-link → results.json, rates.csv, report.html. Inputs are only
 * read; the output folder may not lie inside the study folder or the data folder, so nothing is
 * ever written there.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { InputError } from '@relaxlab/core';
import { inside } from '../paths';
import { Progress, progressBar } from '../progress';
import { arrheniusOfSeries, bppOfSeries, crossLinkOf } from './analysis';
import { CONFIG_FILE_NAME, defaultConfig, readStudyConfig, StudyConfig } from './config';
import { buildRateSeries, fitTransients } from './fitting';
import { discoverInputs, readInputs } from './inputs';
import { writeReport } from './report/report';
import { assembleResult, ratesCsv, StudyResult, studyTimestamp } from './results';

export interface StudyOptions {
  /** The folder given on the command line. */
  folder: string;
  /** --config; default: study.json in the folder when there is one. */
  config?: string;
  /** Output folder. */
  out: string;
}

export interface StudyOutcome {
  result: StudyResult;
  files: { results: string; rates: string; report: string };
}

export interface StudyPlan {
  config: StudyConfig;
  configFile: { file: string; sha256: string } | null;
  dataDir: string;
}

/**
 * Which config and which data folder. A config found in (or given for) the folder itself may name
 * the data sub-folder (`"data": "transients"`); a config given from elsewhere applies to the
 * folder as given.
 */
export function planStudy(folder: string, configPath: string | undefined): StudyPlan {
  const candidate = configPath ?? join(folder, CONFIG_FILE_NAME);
  if (configPath === undefined && !existsSync(candidate)) return { config: defaultConfig(), configFile: null, dataDir: folder };
  const { config, sha256 } = readStudyConfig(candidate);
  const configInFolder = resolve(dirname(candidate)) === resolve(folder);
  const dataDir = configInFolder ? join(folder, config.data) : folder;
  return { config, configFile: { file: candidate, sha256 }, dataDir };
}

function checkOutput(out: string, folder: string, dataDir: string): void {
  for (const protectedDir of [folder, dataDir]) {
    if (inside(out, protectedDir)) {
      throw new InputError('output folder inside the study folder', {
        field: '-o, --out',
        expected: `a folder outside ${protectedDir} (inputs are never written to)`,
        found: JSON.stringify(out),
      });
    }
  }
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new InputError('not a folder', { field: '-o, --out', expected: 'a folder (created when missing)', found: JSON.stringify(out) });
}

export async function runStudyPipeline(options: StudyOptions): Promise<StudyOutcome> {
  const createdAt = studyTimestamp();
  const plan = planStudy(options.folder, options.config);
  const { config, dataDir } = plan;
  checkOutput(options.out, options.folder, dataDir);
  const warnings: string[] = [];

  const { names, ignored } = discoverInputs(dataDir, config.include, config.exclude);
  if (names.length === 0) {
    throw new InputError('no experiments found', {
      source: dataDir,
      field: 'data folder',
      expected:
        'CSV/TSV transients, TopSpin relaxation-module files, JCAMP-DX files or TopSpin experiment folders' +
        (config.include.join() !== '*' ? ` matching ${config.include.join(', ')}` : ''),
      found: ignored.length ? `only ${ignored.slice(0, 5).join(', ')}${ignored.length > 5 ? ', ...' : ''}` : 'an empty folder',
    });
  }
  const reading = progressBar('inputs read', names.length);
  const { inputs, transients } = readInputs(dataDir, names, config.import, (n) => reading.update(n));
  reading.done();

  const fitting = progressBar('transients fitted', transients.length);
  const { fitted, failed } = fitTransients(
    transients,
    inputs.map((i) => i.name),
    config,
    (n) => fitting.update(n),
  );
  fitting.done();

  const series = buildRateSeries(fitted, warnings);
  const arrhenius = series.map((s) => arrheniusOfSeries(s, config));
  const provenance = inputs.filter((i) => i.status === 'ok').flatMap((i) => i.files.map((f) => ({ name: f.file, sha256: f.sha256 })));
  const bpp = bppOfSeries(series, config, provenance, arrhenius, warnings);
  const crossLink = crossLinkOf(bpp, config, plan.configFile?.file ?? null, warnings);

  const result = assembleResult({
    config,
    data: dataDir,
    configFile: plan.configFile,
    createdAt,
    renderer: {},
    inputs,
    ignored,
    fitted,
    failedTransients: failed,
    series,
    arrhenius,
    bpp,
    crossLink,
    warnings,
  });

  let drawing: Progress | undefined;
  const html = await writeReport(result, {
    transientPlots: config.report.transientPlots,
    onChart: (n, total) => (drawing ??= progressBar('plots drawn', total)).update(n),
  });
  drawing?.done();

  mkdirSync(options.out, { recursive: true });
  const files = {
    results: join(options.out, 'results.json'),
    rates: join(options.out, 'rates.csv'),
    report: join(options.out, 'report.html'),
  };
  writeFileSync(files.results, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(files.rates, ratesCsv(result));
  writeFileSync(files.report, html);

  if (fitted.length === 0) {
    throw new InputError('no input could be analysed', {
      source: dataDir,
      field: 'inputs',
      expected: 'at least one readable transient',
      found: `${result.failed.length} failed (first: ${result.failed[0]?.reason ?? 'none'}); see ${files.report}`,
    });
  }
  return { result, files };
}
