/**
 * JCAMP-DX relaxation data (read with jcampconverter): a pseudo-2D NTUPLES file as TopSpin exports
 * it (one page per delay, the vdlist embedded as `##$BRUKER FILE EXP=vdlist` with `$$` lines,
 * TopSpin's intrng likewise), or a set of 1D spectra, one file per delay. The spectra are real
 * (processed by TopSpin), so only baseline and integration are ours.
 */
import { convert } from 'jcampconverter';
import { InputError } from '@relaxlab/core';
import { DelayListKind, parseDelayList } from '../bruker/delayLists';
import { experimentFromPulseProgram } from '../bruker/experimentType';
import { readSourceFile } from '../fileSource';
import type { BaselineOptions, RegionMeasure } from '../processing/integrate';
import { measureRegionSeries } from '../processing/regionSeries';
import { AutoRegionOptions, parseIntrng, PpmAxis, ppmRegion, PpmRegion } from '../processing/regions';
import { makeTransient, parseExperiment, withMetadata, withoutUndefined } from '../transient';
import type { TransientExperiment } from '@relaxlab/core';
import type { InputFile, Transient, TransientMetadata } from '../types';

export interface JcampRelaxationOptions extends TransientMetadata {
  /**
   * Regions as [from, to] ppm, or 'auto' (default: peaks picked on the strongest spectrum), or
   * 'intrng': TopSpin's regions embedded in the file. Not intrng by default: in the 1H export the
   * embedded intrng belongs to another spectrum (10 of its 13 regions hold only noise).
   */
  regions_ppm?: Array<[number, number]> | 'auto' | 'intrng';
  measure?: RegionMeasure;
  baseline?: BaselineOptions | false;
  noiseRegion_ppm?: [number, number];
  autoRegions?: AutoRegionOptions;
  /** Delays in seconds, one per spectrum: required for 1D files, overrides an embedded list. */
  delays_s?: number[];
  /** vclist loop time, if the embedded list is a vclist. */
  loopTime_s?: number;
}

export interface JcampRelaxation {
  transients: Transient[];
  regions: PpmRegion[];
  regionsFrom: 'option' | 'intrng' | 'auto';
  warnings: string[];
}

interface JcampSpectrum {
  axis: PpmAxis;
  y: Float64Array;
}

type Entry = ReturnType<typeof convert>['flatten'][number];
type Meta = Record<string, unknown>;

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function text(v: unknown): string | undefined {
  const f = first(v);
  if (f === undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a jcampconverter metadata value: text or number
  return String(f)
    .trim()
    .replace(/^<(.*)>$/, '$1');
}

/** TopSpin embeds files as `##$BRUKER FILE EXP=<name>` followed by `$$ ` lines. */
function embeddedFile(meta: Meta, label: string, name: string): string | undefined {
  const values = meta[label];
  const all = Array.isArray(values) ? values : values === undefined ? [] : [values];
  for (const v of all) {
    const s = String(v);
    const [head, ...rest] = s.split(/\r?\n/);
    if (head.trim() === name) return rest.map((l) => l.replace(/^\$\$ ?/, '')).join('\n');
  }
  return undefined;
}

function parseJcamp(path: string, inputs: InputFile[]): Entry {
  const file = readSourceFile(path);
  inputs.push({ file: path, sha256: file.sha256 });
  let entry: Entry | undefined;
  try {
    entry = convert(file.text, { keepRecordsRegExp: /.*/, keepSpectra: true, noContour: true }).flatten[0];
  } catch (e) {
    throw new InputError('cannot parse JCAMP-DX', {
      source: path,
      field: 'file',
      expected: 'a JCAMP-DX NMR spectrum',
      found: (e as Error).message,
    });
  }
  if (!entry || !entry.spectra || entry.spectra.length === 0) {
    throw new InputError('no spectrum in JCAMP-DX file', {
      source: path,
      field: '##XYDATA / ##NTUPLES',
      expected: 'NMR spectra',
      found: 'none',
    });
  }
  return entry;
}

function spectrumOf(s: Entry['spectra'][number], path: string, page: number): JcampSpectrum {
  const x = s.data.x as ArrayLike<number>;
  const y = s.data.y as ArrayLike<number>;
  const units = String(s.xUnits ?? '').toUpperCase();
  if (!units.includes('PPM') || x.length < 2) {
    throw new InputError('spectrum axis not in ppm', {
      source: path,
      field: `page ${page + 1} x axis`,
      expected: 'an NMR spectrum with a frequency axis (Hz or ppm, and the observe frequency)',
      found: units || 'none',
    });
  }
  const n = x.length;
  const step = (x[0] - x[n - 1]) / (n - 1);
  const axis: PpmAxis = step > 0 ? { offset_ppm: x[0], step_ppm: step, size: n } : { offset_ppm: x[n - 1], step_ppm: -step, size: n };
  const values = step > 0 ? Float64Array.from(y) : Float64Array.from(y).reverse();
  return { axis, y: values };
}

function sameAxis(a: PpmAxis, b: PpmAxis): boolean {
  return (
    a.size === b.size && Math.abs(a.offset_ppm - b.offset_ppm) < a.step_ppm / 2 && Math.abs(a.step_ppm - b.step_ppm) < a.step_ppm * 1e-6
  );
}

/** Metadata a TopSpin JCAMP-DX export carries: nucleus, frequency, temperature, pulse program. */
function metadataOf(entry: Entry): TransientMetadata & { pulseProgram?: string; date?: string } {
  const info = entry.info as Meta;
  const meta = entry.meta as Meta;
  const pulseProgram = text(meta.PULPROG) ?? text(info['.PULSESEQUENCE']);
  const te = Number(first(meta.TE));
  const nucleus = text(info['.OBSERVENUCLEUS'])?.replace(/^\^/, '') ?? text(meta.NUC1);
  const larmor = Number(first(info['.OBSERVEFREQUENCY']) ?? first(meta.SFO1));
  const date = Number(first(meta.DATE));
  return withoutUndefined({
    experiment: pulseProgram ? experimentFromPulseProgram(pulseProgram) : undefined,
    nucleus,
    larmor_MHz: Number.isFinite(larmor) && larmor > 0 ? larmor : undefined,
    temperature_K: Number.isFinite(te) && te > 0 ? te : undefined,
    pulseProgram,
    date: Number.isFinite(date) && date > 0 ? new Date(date * 1000).toISOString() : undefined,
  });
}

function embeddedDelays(
  entry: Entry,
  path: string,
  options: JcampRelaxationOptions,
): { delays: number[]; kind: DelayListKind } | undefined {
  for (const kind of ['vdlist', 'vplist', 'vclist'] as const) {
    const listText = embeddedFile(entry.meta, 'BRUKER FILE EXP', kind);
    if (listText !== undefined)
      return { delays: parseDelayList(listText, { kind, source: `${path} (embedded ${kind})`, loopTime_s: options.loopTime_s }), kind };
  }
  return undefined;
}

interface SeriesInput {
  spectra: JcampSpectrum[];
  delays: number[];
  metadata: ReturnType<typeof metadataOf>;
  intrng?: PpmRegion[];
  source: string;
  inputs: InputFile[];
  warnings: string[];
}

function toTransients(input: SeriesInput, options: JcampRelaxationOptions): JcampRelaxation {
  const { spectra, delays, metadata, source, inputs, warnings } = input;
  const axis = spectra[0].axis;
  spectra.forEach((s, k) => {
    if (!sameAxis(s.axis, axis)) {
      throw new InputError('spectra differ in their ppm axis', {
        source,
        field: `spectrum ${k + 1}`,
        expected: `${axis.size} points from ${axis.offset_ppm} ppm like spectrum 1`,
        found: `${s.axis.size} points from ${s.axis.offset_ppm} ppm`,
      });
    }
  });
  const regionsGiven = Array.isArray(options.regions_ppm) ? options.regions_ppm.map(([a, b]) => ppmRegion(a, b)) : undefined;
  const regions = regionsGiven ?? input.intrng;
  const measure = options.measure ?? 'integral';
  const series = measureRegionSeries(
    spectra.map((s) => s.y),
    axis,
    {
      regions,
      measure,
      phase: 'none',
      baseline: options.baseline ?? { order: 1, flankWidth: 2 },
      noiseRegion: options.noiseRegion_ppm && ppmRegion(...options.noiseRegion_ppm),
      autoRegions: options.autoRegions,
      source,
    },
  );
  const regionsFrom = regionsGiven ? 'option' : input.intrng ? 'intrng' : 'auto';
  const { pulseProgram, date, ...meta } = metadata;
  const experiment: TransientExperiment | undefined =
    options.experiment && parseExperiment(options.experiment, { source: 'options', field: 'experiment' });
  const transients = series.regions.map((region, r) =>
    withMetadata(
      makeTransient({
        ...meta,
        delay_s: [...delays],
        signal: series.values[r].map((v) => v.value),
        sigma: series.values[r].map((v) => v.sigma),
        source: withoutUndefined({
          file: source,
          format: 'jcamp-dx' as const,
          peak: r + 1,
          region: { region_ppm: [region.high_ppm, region.low_ppm] as [number, number], measure, regionFrom: regionsFrom },
          inputs,
          pulseProgram,
          date,
          warnings: warnings.length ? warnings : undefined,
        }),
      }),
      { ...options, experiment },
    ),
  );
  return { transients, regions: series.regions, regionsFrom, warnings };
}

/** A pseudo-2D JCAMP-DX file: one page per delay, the delay list embedded (or given). */
export function readJcampRelaxation(path: string, options: JcampRelaxationOptions = {}): JcampRelaxation {
  const inputs: InputFile[] = [];
  const warnings: string[] = [];
  const entry = parseJcamp(path, inputs);
  if (!entry.twoD || entry.spectra.length < 2) {
    throw new InputError('not relaxation data', {
      source: path,
      field: '##NTUPLES',
      expected: 'a pseudo-2D spectrum (one page per delay) with its delay list; for one 1D file per delay use readJcampSpectra',
      found: `${entry.spectra.length} spectrum, ${entry.dataType ?? 'no data type'}`,
    });
  }
  const list = options.delays_s ? { delays: options.delays_s, kind: 'vdlist' as const } : embeddedDelays(entry, path, options);
  if (!list) {
    throw new InputError('not relaxation data', {
      source: path,
      field: '##$BRUKER FILE EXP=vdlist',
      expected: 'an embedded vdlist/vplist/vclist (or pass delays_s)',
      found: 'no delay list',
    });
  }
  let pages = entry.spectra;
  if (pages.length !== list.delays.length) {
    const n = Math.min(pages.length, list.delays.length);
    // TopSpin pads F1 to a power of two (SI = 16 for 10 delays) with empty pages
    const padded = pages.length > list.delays.length && pages.slice(n).every((p) => p.data.y.every((v) => v === 0));
    if (!padded)
      warnings.push(`${pages.length} spectra but ${list.delays.length} delays in the ${list.kind}: using the first ${n} of each`);
    pages = pages.slice(0, n);
    list.delays = list.delays.slice(0, n);
  }
  const spectra = pages.map((p, k) => spectrumOf(p, path, k));
  const intrngText = embeddedFile(entry.meta, 'BRUKER FILE PROC', 'intrng');
  if (options.regions_ppm === 'intrng' && intrngText === undefined) {
    throw new InputError('no intrng in the file', {
      source: path,
      field: '##$BRUKER FILE PROC=intrng',
      expected: 'TopSpin integration regions embedded in the export',
      found: 'none',
    });
  }
  const intrng = options.regions_ppm === 'intrng' ? parseIntrng(intrngText as string, `${path} (embedded intrng)`) : undefined;
  return toTransients({ spectra, delays: list.delays, metadata: metadataOf(entry), intrng, source: path, inputs, warnings }, options);
}

/** A set of 1D JCAMP-DX spectra, one per delay (`delays_s` in the same order as the files). */
export function readJcampSpectra(paths: string[], options: JcampRelaxationOptions & { delays_s: number[] }): JcampRelaxation {
  const source = paths[0] ?? 'paths';
  if (paths.length < 2)
    throw new InputError('too few spectra', {
      source,
      field: 'paths',
      expected: 'one 1D spectrum per delay (at least 2)',
      found: String(paths.length),
    });
  if (!options.delays_s || options.delays_s.length !== paths.length) {
    throw new InputError('one delay per file needed', {
      source: 'delays_s',
      field: 'delays_s',
      expected: `${paths.length} delays in seconds, in the order of the files`,
      found: String(options.delays_s?.length ?? 'none'),
    });
  }
  const inputs: InputFile[] = [];
  const entries = paths.map((p) => parseJcamp(p, inputs));
  const spectra = entries.map((e, k) => {
    if (e.twoD || e.spectra.length !== 1) {
      throw new InputError('not a 1D spectrum', {
        source: paths[k],
        field: '##DATA TYPE',
        expected: 'one 1D NMR spectrum per file',
        found: `${e.spectra.length} spectra`,
      });
    }
    return spectrumOf(e.spectra[0], paths[k], 0);
  });
  return toTransients({ spectra, delays: options.delays_s, metadata: metadataOf(entries[0]), source, inputs, warnings: [] }, options);
}
