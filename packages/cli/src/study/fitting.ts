/**
 * Transients → fits → rate series. Each transient is fitted with the model its experiment is
 * configured for (fitTransient: automatic start values, weighted Levenberg–Marquardt, standard
 * errors). The time constant becomes a rate R = 1/T with σ_R = σ_T/T² (first-order propagation),
 * and rates are grouped into series of one experiment, nucleus, frequency and spectral region.
 * A transient that cannot be used (no temperature, no experiment, bad data) fails alone, with
 * its reason; a fit that does not converge stays in the results but not in the rate series.
 */
import { fitTransient, InputError, isInputError } from '@relaxlab/core';
import type { FitResult, RateExperiment, RateSeries } from '@relaxlab/core';
import type { Transient, TransientExperiment } from '@relaxlab/io';
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

const RATE_OF: Record<TransientExperiment, RateExperiment> = { 'T1-saturation': 'R1', 'T1-inversion': 'R1', 'T1rho-spinlock': 'R1rho', T2: 'R2' };
const TIME_CONSTANTS = ['T1', 'T1rho', 'T2'];

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
function seriesSuffix(t: Transient, regionIndex: number, regionsPerInput: number): string {
  if (regionsPerInput < 2) return '';
  return t.source.region ? ` [region ${regionIndex + 1}]` : t.source.peak !== undefined ? ` [peak ${t.source.peak}]` : '';
}

/** "R1 7Li 116.6 MHz", "R1rho 7Li 20 kHz" (the labels of @relaxlab/core's BPP fits), plus the region or peak. */
export function seriesLabel(t: Required<Pick<Transient, 'experiment' | 'nucleus' | 'larmor_MHz'>> & Transient, regionIndex = 0, regionsPerInput = 1): string {
  const rate = RATE_OF[t.experiment];
  const base = rate === 'R1rho' ? `R1rho ${t.nucleus} ${t.spinlock_kHz} kHz` : `${rate} ${t.nucleus} ${t.larmor_MHz} MHz`;
  return base + seriesSuffix(t, regionIndex, regionsPerInput);
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
function checkMetadata(t: Transient, source: string): asserts t is Transient & Required<Pick<Transient, 'experiment' | 'nucleus' | 'larmor_MHz' | 'temperature_K'>> {
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
  if (t.experiment === 'T1rho-spinlock' && t.spinlock_kHz === undefined) throw missing('spinlock_kHz', 'spin-lock frequency', 'spinlock_kHz: 20');
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
      const fit = fitTransient(transient, { model: settings.model, vary: settings.vary, fix: settings.fix, params: settings.params, curvePoints: CURVE_POINTS });
      const timeConstant = TIME_CONSTANTS.find((p) => fit.params[p] !== undefined) as string;
      fitted.push({
        input,
        name,
        experiment: transient.experiment,
        nucleus: transient.nucleus,
        larmor_MHz: transient.larmor_MHz,
        ...(transient.spinlock_kHz !== undefined && { spinlock_kHz: transient.spinlock_kHz }),
        temperature_K: transient.temperature_K,
        series: seriesLabel(transient, regions.index[k], regions.perInput),
        timeConstant,
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

/**
 * One rate series per label, points sorted by temperature (then by name), only converged fits
 * with a positive time constant. Standard errors become σ of the rates; when one point of a
 * series has none, the series carries no σ at all (weights must mean the same for all points).
 */
export function buildRateSeries(fitted: FittedTransient[], warnings: string[]): StudySeries[] {
  const groups = new Map<string, number[]>();
  fitted.forEach((f, k) => {
    if (!f.fit.converged) {
      warnings.push(`${f.name}: the ${f.fit.model} fit did not converge (${f.fit.message}); left out of the rate series ${f.series}`);
      return;
    }
    const list = groups.get(f.series) ?? [];
    list.push(k);
    groups.set(f.series, list);
  });
  const labels = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return labels.map((label) => {
    const members = (groups.get(label) as number[]).sort((a, b) => fitted[a].temperature_K - fitted[b].temperature_K || (fitted[a].name < fitted[b].name ? -1 : 1));
    const first = fitted[members[0]];
    const withSigma = members.every((k) => fitted[k].fit.params[fitted[k].timeConstant].stderr !== null);
    if (!withSigma) warnings.push(`${label}: some time constants have no standard error; the series is fitted without weights`);
    const points = members.map((k) => {
      const p = fitted[k].fit.params[fitted[k].timeConstant];
      const rate = 1 / p.value;
      return { temperature_K: fitted[k].temperature_K, rate_per_s: rate, ...(withSigma && { sigma: (p.stderr as number) / (p.value * p.value) }) };
    });
    return {
      label,
      experiment: RATE_OF[first.experiment],
      nucleus: first.nucleus,
      larmor_MHz: first.larmor_MHz,
      ...(RATE_OF[first.experiment] === 'R1rho' && { spinlock_kHz: first.spinlock_kHz }),
      points,
      transients: members,
    };
  });
}
