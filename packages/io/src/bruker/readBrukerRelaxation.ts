/**
 * A TopSpin pseudo-2D relaxation experiment → one transient per spectral region: raw `ser` →
 * spectra (RelaxLab's processing or TopSpin's parameters from procs), or TopSpin's own 2rr, then
 * integral or peak height per delay with a noise σ per point.
 */
import { InputError } from '@relaxlab/core';
import { ApodizationWindow, checkApodizationWindow, describeWindow, emWindow, TOPSPIN_WDW } from '../processing/apodization';
import { fidToSpectrum, nextPowerOfTwo } from '../processing/fidToSpectrum';
import { fidTimeOrigin } from '../processing/phase';
import type { BaselineOptions, RegionMeasure } from '../processing/integrate';
import { measureRegionSeries, PhaseChoice, RegionSeries } from '../processing/regionSeries';
import { AutoRegionOptions, PpmAxis, ppmRegion, PpmRegion } from '../processing/regions';
import { makeTransient, parseExperiment, withMetadata, withoutUndefined } from '../transient';
import type { InputFile, Transient, TransientMetadata } from '../types';
import { checkSpectrumSize } from './limits';
import { BrukerExperiment, readBrukerExperiment, ReadBrukerExperimentOptions } from './readBrukerExperiment';
import type { BrukerParameters } from './parameters';
import { readIntrng, readProcessed2rr, readProcs } from './processedData';

/** FID → spectrum settings; every field has a default (see `DEFAULT_PROCESSING`). */
export interface FidProcessing {
  /**
   * Exponential line broadening in Hz (TopSpin LB with WDW = EM): the shorthand for
   * `window: { kind: 'em', lineBroadening_Hz }`. In the processing used, TopSpin's LB of the
   * window (EM or GM), 0 for the others.
   */
  lineBroadening_Hz: number;
  /**
   * The window function (TopSpin WDW: none, em, gm, sine, qsine, trap, with LB, GB, SSB, TM1, TM2);
   * when absent, EM with `lineBroadening_Hz`. A window the caller gives wins over procs' and over
   * `lineBroadening_Hz`; a `lineBroadening_Hz` the caller gives alone wins over procs' window.
   */
  window?: ApodizationWindow;
  /** Spectrum points (TopSpin SI); 'auto': the FID's points zero-filled once to a power of two. */
  size: number | 'auto';
  phase: PhaseChoice;
  baseline: BaselineOptions | false;
  /** Subtract the receiver DC offset measured on the FID's tail. */
  dcOffset: boolean;
}

export const DEFAULT_PROCESSING: Readonly<FidProcessing> = {
  lineBroadening_Hz: 0,
  size: 'auto',
  phase: 'auto',
  baseline: { order: 1, flankWidth: 2 },
  dcOffset: true,
};

export interface BrukerRelaxationOptions extends ReadBrukerExperimentOptions, TransientMetadata {
  /**
   * 'ser' (default): RelaxLab processes the raw FIDs; 'topspin': the raw FIDs with TopSpin's own
   * processing parameters from procs (window WDW with LB/GB/SSB/TM1/TM2, SI, PHC0, PHC1); '2rr':
   * TopSpin's processed spectra.
   */
  data?: 'ser' | 'topspin' | '2rr';
  /** Overrides of the processing ('ser' and 'topspin'; e.g. another window than procs' WDW). */
  processing?: Partial<FidProcessing>;
  /** Regions as [from, to] in ppm, 'intrng' (TopSpin's) or 'auto'; default intrng if there is one, else auto. */
  regions_ppm?: Array<[number, number]> | 'intrng' | 'auto';
  measure?: RegionMeasure;
  /** Where to measure the noise, [from, to] ppm; default both outer tenths of the spectrum. */
  noiseRegion_ppm?: [number, number];
  autoRegions?: AutoRegionOptions;
  /** Processed-data number for procs, intrng and 2rr (default 1). */
  procno?: number;
}

export interface BrukerRelaxation {
  /** One transient per region. */
  transients: Transient[];
  experiment: BrukerExperiment;
  regions: PpmRegion[];
  regionsFrom: 'option' | 'intrng' | 'auto';
  /** The FID processing used (absent for 2rr). */
  processing?: FidProcessing & { size: number; window: ApodizationWindow };
  /** Phase applied to the whole series (auto-fitted or from procs). */
  phase?: { phc0_deg: number; phc1_deg: number };
  warnings: string[];
}

/** procs' names of the window parameters, for errors. */
const PROCS_WINDOW_FIELDS: Record<string, string> = {
  kind: 'WDW',
  lineBroadening_Hz: 'LB',
  gaussMaximum_fractionOfAq: 'GB',
  sineBellShift: 'SSB',
  riseEnd_fractionOfAq: 'TM1',
  fallStart_fractionOfAq: 'TM2',
};

/** TopSpin's window from procs WDW and its parameters; a WDW not implemented is a typed error. */
export function windowFromProcs(procs: BrukerParameters): ApodizationWindow {
  const wdw = procs.optionalNumber('WDW') ?? 0;
  const kind = TOPSPIN_WDW[wdw];
  if (kind === undefined) {
    throw new InputError('window function not implemented', {
      source: procs.source,
      field: 'WDW',
      expected: `one of ${Object.entries(TOPSPIN_WDW)
        .map(([code, name]) => `${code} (${name.toUpperCase()})`)
        .join(', ')}`,
      found: String(wdw),
    });
  }
  const value = (name: string) => procs.optionalNumber(name) ?? 0;
  const windows: Record<typeof kind, () => ApodizationWindow> = {
    none: () => ({ kind: 'none' }),
    em: () => ({ kind: 'em', lineBroadening_Hz: value('LB') }),
    gm: () => ({ kind: 'gm', lineBroadening_Hz: value('LB'), gaussMaximum_fractionOfAq: value('GB') }),
    sine: () => ({ kind: 'sine', sineBellShift: value('SSB') }),
    qsine: () => ({ kind: 'qsine', sineBellShift: value('SSB') }),
    trap: () => ({ kind: 'trap', riseEnd_fractionOfAq: value('TM1'), fallStart_fractionOfAq: value('TM2') }),
  };
  return checkApodizationWindow(windows[kind](), procs.source, (parameter) => PROCS_WINDOW_FIELDS[parameter] ?? parameter);
}

/** TopSpin's LB as the window uses it (EM, GM); 0 for windows without one. */
function windowLineBroadening_Hz(window: ApodizationWindow): number {
  return window.kind === 'em' || window.kind === 'gm' ? window.lineBroadening_Hz : 0;
}

/** The caller's processing over the base (RelaxLab's defaults or procs'), with one window. */
function chooseProcessing(base: FidProcessing, given: Partial<FidProcessing> = {}): FidProcessing & { window: ApodizationWindow } {
  let window: ApodizationWindow;
  if (given.window) window = checkApodizationWindow(given.window, 'processing');
  else if (given.lineBroadening_Hz !== undefined)
    window = checkApodizationWindow(emWindow(given.lineBroadening_Hz), 'processing', () => 'lineBroadening_Hz');
  else window = base.window ?? emWindow(base.lineBroadening_Hz);
  return { ...base, ...given, window, lineBroadening_Hz: windowLineBroadening_Hz(window) };
}

/** TopSpin's processing parameters from procs, as far as RelaxLab implements them. */
function topspinProcessing(procs: BrukerParameters): FidProcessing {
  const window = windowFromProcs(procs);
  const bcMod = procs.optionalNumber('BC_mod') ?? 0;
  return {
    lineBroadening_Hz: windowLineBroadening_Hz(window),
    window,
    size: procs.number('SI'),
    phase: { phc0_deg: procs.optionalNumber('PHC0') ?? 0, phc1_deg: procs.optionalNumber('PHC1') ?? 0 },
    baseline: false,
    dcOffset: bcMod !== 0,
  };
}

/**
 * The ppm axis of our own spectra: point 0 at SFO1 + SW/2, referenced with procs' SF when the
 * experiment was processed (it carries the chemical-shift calibration), else BF1.
 */
function rawAxis(exp: BrukerExperiment, procs: BrukerParameters | undefined, size: number): PpmAxis {
  const { sw_Hz, sfo1_MHz, bf1_MHz } = exp.acquisition;
  const sf = procs?.optionalNumber('SF') ?? bf1_MHz;
  return { offset_ppm: ((sfo1_MHz - sf) * 1e6 + sw_Hz / 2) / sf, step_ppm: sw_Hz / sf / size, size };
}

/** The time origin (fidTimeOrigin) of the FID with the most signal at its start. */
function strongestFidOrigin(exp: BrukerExperiment): number {
  const start = Math.floor(exp.acquisition.groupDelay_points);
  const early = (f: BrukerExperiment['fids'][number]) => {
    let sum = 0;
    for (let j = start; j < Math.min(f.re.length, start + 64); j++) sum += Math.hypot(f.re[j], f.im[j]);
    return sum;
  };
  const strongest = exp.fids.reduce((best, f) => (early(f) > early(best) ? f : best), exp.fids[0]);
  return fidTimeOrigin(strongest, exp.acquisition.groupDelay_points);
}

function checkRegions(regions: Array<[number, number]>, source: string): PpmRegion[] {
  return regions.map(([a, b], k) => {
    if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) {
      throw new InputError('bad region', {
        source,
        field: `regions_ppm[${k}]`,
        expected: 'two different finite ppm limits',
        found: `${a}:${b}`,
      });
    }
    return ppmRegion(a, b);
  });
}

export function readBrukerRelaxation(dir: string, options: BrukerRelaxationOptions = {}): BrukerRelaxation {
  const data = options.data ?? 'ser';
  const procno = options.procno ?? 1;
  const experimentOverride = options.experiment && parseExperiment(options.experiment, { source: 'options', field: 'experiment' });
  const exp = readBrukerExperiment(dir, { ...options, experiment: experimentOverride, readFids: data !== '2rr' });
  const inputs: InputFile[] = [...exp.inputs];
  const warnings = [...exp.warnings];

  const given = Array.isArray(options.regions_ppm) ? checkRegions(options.regions_ppm, 'regions_ppm') : undefined;
  const intrng = given || options.regions_ppm === 'auto' ? undefined : readIntrng(dir, procno, inputs);
  if (options.regions_ppm === 'intrng' && !intrng) {
    throw new InputError('no intrng', {
      source: dir,
      field: `pdata/${procno}/intrng`,
      expected: 'TopSpin integration regions',
      found: 'none',
    });
  }
  const regions = given ?? intrng;
  const source = dir;
  const common = {
    regions,
    measure: options.measure ?? 'integral',
    noiseRegion: options.noiseRegion_ppm && ppmRegion(...options.noiseRegion_ppm),
    autoRegions: options.autoRegions,
    source,
  };

  let series: RegionSeries;
  let processing: BrukerRelaxation['processing'];
  let axis: PpmAxis;
  if (data === '2rr') {
    const processed = readProcessed2rr(dir, procno, exp.delay_s.length, inputs);
    axis = processed.axis;
    series = measureRegionSeries(processed.rows, axis, { ...common, phase: 'none', baseline: options.processing?.baseline ?? false });
  } else {
    const procs = readProcs(dir, procno, inputs);
    if (data === 'topspin' && !procs) {
      throw new InputError('no TopSpin processing parameters', {
        source: dir,
        field: `pdata/${procno}/procs`,
        expected: 'procs of a TopSpin-processed experiment',
        found: 'none',
      });
    }
    const chosen = chooseProcessing(
      data === 'topspin' ? topspinProcessing(procs as BrukerParameters) : DEFAULT_PROCESSING,
      options.processing,
    );
    const points = exp.acquisition.td / 2;
    const size = chosen.size === 'auto' ? nextPowerOfTwo(2 * points) : chosen.size;
    const sizeFrom =
      options.processing?.size !== undefined || !procs || data !== 'topspin'
        ? { source: 'processing', field: 'size' }
        : { source: procs.source, field: 'SI' };
    checkSpectrumSize(size, points, exp.fids.length, sizeFrom);
    processing = { ...chosen, size };
    axis = rawAxis(exp, procs, size);
    const spectra = exp.fids.map((fid) =>
      fidToSpectrum(fid, {
        size,
        groupDelay_points: exp.acquisition.groupDelay_points,
        dwell_s: 1 / exp.acquisition.sw_Hz,
        window: chosen.window,
        dcOffset: chosen.dcOffset,
      }),
    );
    const phase: PhaseChoice = chosen.phase === 'auto' ? { phc1_deg: 360 * strongestFidOrigin(exp) } : chosen.phase;
    series = measureRegionSeries(spectra, axis, { ...common, phase, baseline: chosen.baseline });
  }
  const regionsFrom = given ? 'option' : intrng ? 'intrng' : 'auto';
  const format = data === '2rr' ? 'bruker-2rr' : 'bruker-ser';
  const processingRecord: Record<string, number | string | boolean> | undefined =
    processing &&
    withoutUndefined({
      data,
      lineBroadening_Hz: processing.lineBroadening_Hz,
      ...describeWindow(processing.window),
      size: processing.size,
      dcOffset: processing.dcOffset,
      groupDelay_points: exp.acquisition.groupDelay_points,
      phase: typeof processing.phase === 'string' ? processing.phase : 'given',
      ...(series.phase && { phc0_deg: series.phase.phc0_deg, phc1_deg: series.phase.phc1_deg }),
      baseline: processing.baseline ? `local polynomial of order ${processing.baseline.order}` : 'none',
    });

  const { date, spinlockPower_W, ...metadata } = exp.metadata;
  const transients = series.regions.map((region, r) =>
    withMetadata(
      makeTransient({
        ...metadata,
        delay_s: [...exp.delay_s],
        signal: series.values[r].map((v) => v.value),
        sigma: series.values[r].map((v) => v.sigma),
        source: withoutUndefined({
          file: dir,
          format,
          peak: r + 1,
          region: { region_ppm: [region.high_ppm, region.low_ppm], measure: common.measure, regionFrom: regionsFrom },
          inputs,
          pulseProgram: exp.pulseProgram,
          date,
          spinlockPower_W,
          processing: processingRecord,
          warnings: warnings.length ? warnings : undefined,
        }),
      }),
      { ...options, experiment: experimentOverride },
    ),
  );
  return withoutUndefined({ transients, experiment: exp, regions: series.regions, regionsFrom, processing, phase: series.phase, warnings });
}
