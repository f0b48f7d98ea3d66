/**
 * Transients → fits → rate series. Each transient is fitted with the model its experiment is
 * configured for (fitTransient: automatic start values, weighted Levenberg–Marquardt, standard
 * errors); core's rateSeriesFromFits turns the fits into rate series (R = 1/T, σ_R = σ_T/T², one
 * series per experiment, nucleus, frequency and spectral region), as a notebook does.
 * A transient that cannot be used (no temperature, no experiment, bad data, no single time
 * constant) fails alone, with its reason; a fit that does not converge stays in the results but
 * not in the rate series.
 */
import {
  fitTransient,
  InputError,
  isInputError,
  rateFromFit,
  rateSeriesFromFits,
  rateSeriesLabel,
  RATE_OF_EXPERIMENT,
} from '@relaxlab/core';
import type { FitResult, RateSeries, TransientExperiment } from '@relaxlab/core';
import type { Transient } from '@relaxlab/io';
import type { StudyConfig } from './config';
import type { ReadTransient } from './inputs';

/** Points of the dense best-fit curve kept per transient (plots in the report). */
const CURVE_POINTS = 100;

export interface FittedTransient {
  /** Index into the study's inputs. */
  input: number;
  /** "t1-satrec-160.0K.csv" or "3 [631…515 ppm]": the input and, for spectra, the region. */
  name: string;
  experiment: TransientExperiment;
  nucleus: string;
  larmor_MHz: number;
  spinlock_kHz?: number;
  temperature_K: number;
  /** Rate series this transient belongs to. */
  series: string;
  /** Which series within its experiment when inputs hold several regions or peaks ("region 2", "peak 3"). */
  region?: string;
  /** Which parameter is the time constant (T1, T1rho, T2). */
  timeConstant: string;
  fit: FitResult;
}

export interface FailedTransient {
  input: number;
  name: string;
  reason: string;
}

export interface StudySeries extends RateSeries {
  label: string;
  /** Transients (indices into the fitted list) of each point, in the points' order. */
  transients: number[];
}

const ppm = (v: number): string => String(Number(v.toFixed(2)));

/** How a transient is named in tables: its input and, for spectra, the region (or TopSpin peak). */
function regionText(t: Transient): string {
  const r = t.source.region?.region_ppm;
  return r ? ` [${ppm(r[0])}…${ppm(r[1])} ppm]` : t.source.peak !== undefined ? ` [peak ${t.source.peak}]` : '';
}

/**
 * Which series within an experiment type, only when inputs hold several regions or peaks:
 * spectral regions by their place among the regions of their input (automatically picked regions
 * move a little from one temperature to the next, so their ppm values cannot identify a series),
 * TopSpin relaxation-module peaks by number.
 */
function seriesRegion(t: Transient, regionIndex: number, regionsPerInput: number): string | undefined {
  if (regionsPerInput < 2) return undefined;
  return t.source.region ? `region ${regionIndex + 1}` : t.source.peak !== undefined ? `peak ${t.source.peak}` : undefined;
}

/** core's rateSeriesLabel ("R1 7Li 116.6 MHz", "R1rho 7Li 20 kHz"), plus the region or peak. */
export function seriesLabel(
  t: Required<Pick<Transient, 'experiment' | 'nucleus' | 'larmor_MHz'>> & Transient,
  regionIndex = 0,
  regionsPerInput = 1,
): string {
  const region = seriesRegion(t, regionIndex, regionsPerInput);
  return rateSeriesLabel({ ...t, experiment: RATE_OF_EXPERIMENT[t.experiment] }) + (region ? ` [${region}]` : '');
}

/** Place of each transient among those of its input, and the most transients any input holds. */
export function regionIndices(read: ReadTransient[]): { index: number[]; perInput: number } {
  const seen = new Map<number, number>();
  const index = read.map(({ input }) => {
    const k = seen.get(input) ?? 0;
    seen.set(input, k + 1);
    return k;
  });
  return { index, perInput: Math.max(0, ...seen.values()) };
}

/** What the transient must say about itself before its rate can join a series. */
function checkMetadata(
  t: Transient,
  source: string,
): asserts t is Transient & Required<Pick<Transient, 'experiment' | 'nucleus' | 'larmor_MHz' | 'temperature_K'>> {
  const missing = (field: string, what: string, example: string) =>
    new InputError(`the transient does not say its ${what}`, {
      source,
      field,
      expected: `a line "# ${example}" in a table (TopSpin folders: from acqus)${field === 'temperature_K' ? ', or the input in the config\'s "temperatures"' : ''}`,
    });
  if (!t.experiment) throw missing('experiment', 'experiment', 'experiment: T1-saturation');
  if (t.temperature_K === undefined) throw missing('temperature_K', 'temperature', 'temperature_K: 300');
  if (!t.nucleus) throw missing('nucleus', 'nucleus', 'nucleus: 7Li');
  if (t.larmor_MHz === undefined) throw missing('larmor_MHz', 'Larmor frequency', 'larmor_MHz: 116.6');
  if (t.experiment === 'T1rho-spinlock' && t.spinlock_kHz === undefined)
    throw missing('spinlock_kHz', 'spin-lock frequency', 'spinlock_kHz: 20');
}

export function fitTransients(
  read: ReadTransient[],
  inputNames: string[],
  config: StudyConfig,
  onFitted: (done: number) => void = () => undefined,
): { fitted: FittedTransient[]; failed: FailedTransient[] } {
  const fitted: FittedTransient[] = [];
  const failed: FailedTransient[] = [];
  const regions = regionIndices(read);
  read.forEach(({ input, transient: asRead }, k) => {
    const name = inputNames[input] + regionText(asRead);
    const configured = config.temperatures[inputNames[input]];
    const transient = configured !== undefined ? { ...asRead, temperature_K: configured } : asRead;
    const source = transient.source.file;
    try {
      checkMetadata(transient, source);
      const settings = config.transients[transient.experiment];
      const fit = fitTransient(transient, {
        model: settings.model,
        vary: settings.vary,
        fix: settings.fix,
        params: settings.params,
        curvePoints: CURVE_POINTS,
      });
      const rate = rateFromFit(fit);
      if (!rate) {
        throw new InputError('no single time constant to turn into a rate', {
          source,
          field: `transients.${transient.experiment}.model`,
          expected: 'a one-component model (saturation-recovery, inversion-recovery, spin-lock, t2-decay)',
          found: fit.model,
        });
      }
      const region = seriesRegion(transient, regions.index[k], regions.perInput);
      fitted.push({
        input,
        name,
        experiment: transient.experiment,
        nucleus: transient.nucleus,
        larmor_MHz: transient.larmor_MHz,
        ...(transient.spinlock_kHz !== undefined && { spinlock_kHz: transient.spinlock_kHz }),
        temperature_K: transient.temperature_K,
        series: seriesLabel(transient, regions.index[k], regions.perInput),
        ...(region && { region }),
        timeConstant: rate.timeConstant,
        fit,
      });
    } catch (e) {
      if (!isInputError(e)) throw e;
      failed.push({ input, name, reason: e.message });
    }
    onFitted(k + 1);
  });
  return { fitted, failed };
}

/** The rate series of the fits (core rateSeriesFromFits); `transients` are indices into `fitted`. */
export function buildRateSeries(fitted: FittedTransient[], warnings: string[]): StudySeries[] {
  const { series, warnings: notes } = rateSeriesFromFits(fitted);
  warnings.push(...notes);
  return series.map(({ members, ...s }) => ({ ...s, transients: members }));
}
