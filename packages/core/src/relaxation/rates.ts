/**
 * Transient fits → relaxation rates → rate series, written once for the study, the notebook kernel
 * and every other caller. The fitted time constant T (T1, T1ρ or T2) becomes the rate R = 1/T with
 * σ_R = σ_T/T² (first-order propagation, |dR/dT| = 1/T²), and rates of one experiment, nucleus,
 * frequency (and spectral region) form one series, sorted by temperature.
 *
 * What cannot join a series is left out with a warning, not thrown: a fit that did not converge, a
 * fit with no single time constant (two-component models), a time constant that is not positive.
 * When one member has no standard error the whole series goes without σ (weights must mean the
 * same for every point). Missing metadata (experiment, nucleus, frequencies, temperature) is an
 * InputError naming the entry and the field.
 */
import { InputError } from '../errors';
import type { Estimate } from '../arrhenius/types';
import type { FitResult } from '../fit/types';
import { rateSeriesLabel } from '../spectral/series';
import type { RateExperiment, RateSeries } from '../spectral/types';
import type { TransientExperiment } from './catalogue';

/** The rate each transient experiment measures: T1 (saturation or inversion recovery) → R1, T1ρ → R1ρ, T2 → R2. */
export const RATE_OF_EXPERIMENT: Readonly<Record<TransientExperiment, RateExperiment>> = {
  'T1-saturation': 'R1',
  'T1-inversion': 'R1',
  'T1rho-spinlock': 'R1rho',
  T2: 'R2',
};

/** Names a single-component transient fit gives its time constant. */
const TIME_CONSTANTS = ['T1', 'T1rho', 'T2'] as const;

/** The rate of a transient fit: which parameter is its time constant, and R = 1/T ± σ_T/T²; null without a single one. */
export function rateFromFit(fit: FitResult): { timeConstant: string; rate_per_s: Estimate } | null {
  const name = TIME_CONSTANTS.find((p) => fit.params[p] !== undefined);
  if (!name) return null;
  const t = fit.params[name];
  return { timeConstant: name, rate_per_s: { value: 1 / t.value, stderr: t.stderr === null ? null : t.stderr / (t.value * t.value) } };
}

/** A fitted transient with what a rate series needs to know about it (a Transient with its fit). */
export interface FittedTransientRate {
  fit: FitResult;
  experiment?: TransientExperiment;
  nucleus?: string;
  larmor_MHz?: number;
  /** Required for T1ρ. */
  spinlock_kHz?: number;
  temperature_K?: number;
  /** How warnings name it (default fits[k]). */
  name?: string;
  /** Which series within its experiment, when inputs hold several spectral regions ("region 2"); part of the label. */
  region?: string;
}

export interface FittedRateSeries extends RateSeries {
  label: string;
  /** Indices into the entries, one per point, in the points' order. */
  members: number[];
}

interface Member {
  index: number;
  name: string;
  temperature_K: number;
  rate: Estimate;
}

function checked(
  e: FittedTransientRate,
  k: number,
): Required<Pick<FittedTransientRate, 'experiment' | 'nucleus' | 'larmor_MHz' | 'temperature_K'>> {
  const at = `fits[${k}]`;
  const missing = (field: string, expected: string) => new InputError('missing', { field: `${at}.${field}`, expected, source: e.name });
  if (!e || typeof e !== 'object' || !e.fit || typeof e.fit !== 'object' || !e.fit.params) {
    throw new InputError('not a fitted transient', {
      field: at,
      expected: '{ fit (fitTransient), experiment, nucleus, larmor_MHz, spinlock_kHz?, temperature_K }',
    });
  }
  if (!e.experiment || !(e.experiment in RATE_OF_EXPERIMENT))
    throw missing('experiment', `one of ${Object.keys(RATE_OF_EXPERIMENT).join(', ')}`);
  if (typeof e.nucleus !== 'string' || !e.nucleus) throw missing('nucleus', "the nucleus, e.g. '7Li'");
  if (!(typeof e.larmor_MHz === 'number' && e.larmor_MHz > 0)) throw missing('larmor_MHz', 'the Larmor frequency in MHz, > 0');
  if (e.experiment === 'T1rho-spinlock' && !(typeof e.spinlock_kHz === 'number' && e.spinlock_kHz > 0))
    throw missing('spinlock_kHz', 'the spin-lock frequency in kHz, > 0 (T1ρ)');
  if (!(typeof e.temperature_K === 'number' && Number.isFinite(e.temperature_K) && e.temperature_K > 0))
    throw missing('temperature_K', 'the sample temperature in K, > 0');
  return e as Required<Pick<FittedTransientRate, 'experiment' | 'nucleus' | 'larmor_MHz' | 'temperature_K'>>;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One series per label (rateSeriesLabel plus " [region]"), in code-point order of the labels;
 * points sorted by temperature, then by name.
 */
export function rateSeriesFromFits(entries: readonly FittedTransientRate[]): { series: FittedRateSeries[]; warnings: string[] } {
  // checked through an `unknown` alias: Array.isArray(entries) would narrow the readonly array to any[]
  const list: unknown = entries;
  if (!Array.isArray(list))
    throw new InputError('not a list of fits', {
      field: 'fits',
      expected: 'an array of { fit, experiment, nucleus, larmor_MHz, spinlock_kHz?, temperature_K }',
    });
  const warnings: string[] = [];
  const groups = new Map<string, { first: FittedTransientRate; members: Member[] }>();
  entries.forEach((entry, k) => {
    const e = checked(entry, k);
    const rate = RATE_OF_EXPERIMENT[e.experiment];
    const name = entry.name ?? `fits[${k}]`;
    const label =
      rateSeriesLabel({ experiment: rate, nucleus: e.nucleus, larmor_MHz: e.larmor_MHz, spinlock_kHz: entry.spinlock_kHz }) +
      (entry.region ? ` [${entry.region}]` : '');
    const fit = entry.fit;
    if (!fit.converged) {
      warnings.push(`${name}: the ${fit.model} fit did not converge (${fit.message}); left out of the rate series ${label}`);
      return;
    }
    const r = rateFromFit(fit);
    if (!r) {
      warnings.push(`${name}: the ${fit.model} fit has no single time constant (T1, T1rho or T2); left out of the rate series ${label}`);
      return;
    }
    if (!(r.rate_per_s.value > 0) || !Number.isFinite(r.rate_per_s.value)) {
      warnings.push(
        `${name}: ${r.timeConstant} = ${fit.params[r.timeConstant].value} is not a positive time; left out of the rate series ${label}`,
      );
      return;
    }
    const group = groups.get(label) ?? { first: entry, members: [] as Member[] };
    group.members.push({ index: k, name, temperature_K: e.temperature_K, rate: r.rate_per_s });
    groups.set(label, group);
  });
  const series = [...groups.keys()].sort(byCodePoint).map((label): FittedRateSeries => {
    const { first, members } = groups.get(label) as { first: FittedTransientRate; members: Member[] };
    members.sort((a, b) => a.temperature_K - b.temperature_K || byCodePoint(a.name, b.name));
    const withSigma = members.every((m) => m.rate.stderr !== null);
    if (!withSigma) warnings.push(`${label}: some time constants have no standard error; the series is fitted without weights`);
    const experiment = RATE_OF_EXPERIMENT[first.experiment as TransientExperiment];
    return {
      label,
      experiment,
      nucleus: first.nucleus as string,
      larmor_MHz: first.larmor_MHz as number,
      ...(experiment === 'R1rho' && { spinlock_kHz: first.spinlock_kHz }),
      points: members.map((m) => ({
        temperature_K: m.temperature_K,
        rate_per_s: m.rate.value,
        ...(withSigma && { sigma: m.rate.stderr as number }),
      })),
      members: members.map((m) => m.index),
    };
  });
  return { series, warnings };
}
