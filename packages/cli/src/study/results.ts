/**
 * results.json and rates.csv. Both are deterministic: inputs in code-point order, series and
 * points sorted, resampling seeded, no timings or output paths recorded. The only time-dependent
 * value is the one timestamp of the run, `createdAt`; the fits' own provenance timestamps are set
 * to it, so removing every `"createdAt"` line leaves byte-identical files across runs. With the
 * environment variable SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention)
 * the timestamp is fixed too.
 */
import { InputError, rateFromFit, RESULT_SCHEMA, SOFTWARE, VERSION } from '@relaxlab/core';
import type { Estimate, ResultSchema } from '@relaxlab/core';
import type { StudyConfig } from './config';
import type { BppAnalysis, CrossLinkAnalysis, SeriesArrhenius } from './analysis';
import type { FailedTransient, FittedTransient, StudySeries } from './fitting';
import type { StudyInput } from './inputs';

export interface StudyFailure {
  /** The input (file or folder) and, for spectra, the region. */
  name: string;
  /** 'read': the input could not be read; 'transient': one of its transients could not be used. */
  stage: 'read' | 'transient';
  reason: string;
}

export interface StudyTransient extends Omit<FittedTransient, 'input'> {
  input: string;
  /** Rate 1/T of the fitted time constant, σ from its standard error. */
  rate_per_s: Estimate;
}

export interface StudyResult {
  schema: ResultSchema;
  kind: 'StudyResult';
  title: string;
  /** 'partial': some inputs or transients could not be used (listed in `failed`); exit code 3. */
  status: 'complete' | 'partial';
  createdAt: string;
  software: { name: string; version: string; node: string; vega?: string; vegaLite?: string };
  /** The data folder as given and the config file used, with its SHA-256. */
  command: { data: string; config: { file: string; sha256: string } | null };
  config: StudyConfig;
  inputs: StudyInput[];
  ignored: string[];
  failed: StudyFailure[];
  transients: StudyTransient[];
  rateSeries: Array<Omit<StudySeries, 'transients'> & { transients: string[] }>;
  arrhenius: SeriesArrhenius[];
  bpp: BppAnalysis | null;
  crossLink: CrossLinkAnalysis | null;
  warnings: string[];
}

/** The run's timestamp: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
export function studyTimestamp(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date().toISOString();
  if (!/^\d+$/.test(epoch.trim()))
    throw new InputError('not a time', {
      source: 'environment',
      field: 'SOURCE_DATE_EPOCH',
      expected: 'whole seconds since 1970-01-01 UTC',
      found: JSON.stringify(epoch),
    });
  return new Date(Number(epoch) * 1000).toISOString();
}

/** Every `createdAt` in a result tree set to the study's timestamp (in place). */
export function unifyTimestamps(value: unknown, createdAt: string): void {
  if (Array.isArray(value)) {
    for (const v of value) unifyTimestamps(v, createdAt);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (key === 'createdAt' && typeof o[key] === 'string') o[key] = createdAt;
      else unifyTimestamps(o[key], createdAt);
    }
  }
}

export interface AssembleParts {
  config: StudyConfig;
  data: string;
  configFile: { file: string; sha256: string } | null;
  createdAt: string;
  renderer: { vega?: string; vegaLite?: string };
  inputs: StudyInput[];
  ignored: string[];
  fitted: FittedTransient[];
  failedTransients: FailedTransient[];
  series: StudySeries[];
  arrhenius: SeriesArrhenius[];
  bpp: BppAnalysis | null;
  crossLink: CrossLinkAnalysis | null;
  warnings: string[];
}

export function assembleResult(p: AssembleParts): StudyResult {
  const failed: StudyFailure[] = [
    ...p.inputs.filter((i) => i.status === 'failed').map((i) => ({ name: i.name, stage: 'read' as const, reason: i.reason as string })),
    ...p.failedTransients.map((f) => ({ name: f.name, stage: 'transient' as const, reason: f.reason })),
  ];
  // every fitted transient has a single time constant (fitTransients fails the others)
  const transients: StudyTransient[] = p.fitted.map((f) => ({
    ...f,
    input: p.inputs[f.input].name,
    rate_per_s: (rateFromFit(f.fit) as { rate_per_s: Estimate }).rate_per_s,
  }));
  const result: StudyResult = {
    schema: RESULT_SCHEMA,
    kind: 'StudyResult',
    title: p.config.title,
    status: failed.length ? 'partial' : 'complete',
    createdAt: p.createdAt,
    software: { name: SOFTWARE, version: VERSION, node: process.version, ...p.renderer },
    command: { data: p.data, config: p.configFile },
    config: p.config,
    inputs: p.inputs,
    ignored: p.ignored,
    failed,
    transients,
    rateSeries: p.series.map((s) => ({ ...s, transients: s.transients.map((k) => p.fitted[k].name) })),
    arrhenius: p.arrhenius,
    bpp: p.bpp,
    crossLink: p.crossLink,
    warnings: p.warnings,
  };
  // a deep copy, so unifying timestamps cannot touch objects the caller still holds
  const copy = JSON.parse(JSON.stringify(result)) as StudyResult;
  unifyTimestamps(copy, p.createdAt);
  return copy;
}

/** CSV cell: quoted when it holds a comma, quote or line break. */
function cell(v: string | number | boolean | undefined | null): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * rates.csv: `# key: value` metadata, then one row per fitted transient (in the rate series'
 * order; fits that did not converge last, marked), units in the headers.
 */
export function ratesCsv(result: StudyResult): string {
  const lines = [
    `# title: ${result.title}`,
    `# software: ${result.software.name} ${result.software.version} (relaxlab study)`,
    '# rate = 1/T of the fitted time constant; sigma = stderr/T^2',
    'series,experiment,nucleus,larmor_MHz,spinlock_kHz,T (K),rate (1/s),sigma (1/s),time constant,value (s),stderr (s),model,reduced chi-square,converged,input',
  ];
  const byName = new Map(result.transients.map((t) => [t.name, t]));
  const order = [
    ...result.rateSeries.flatMap((s) => s.transients),
    ...result.transients.filter((t) => !t.fit.converged).map((t) => t.name),
  ];
  for (const name of order) {
    const t = byName.get(name) as StudyTransient;
    const p = t.fit.params[t.timeConstant];
    lines.push(
      [
        t.series,
        t.experiment,
        t.nucleus,
        t.larmor_MHz,
        t.spinlock_kHz,
        t.temperature_K,
        t.rate_per_s.value,
        t.rate_per_s.stderr,
        t.timeConstant,
        p.value,
        p.stderr,
        t.fit.model,
        t.fit.stats.redChi,
        t.fit.converged,
        t.name,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
