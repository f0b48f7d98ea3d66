/** Checks of RateSeries input: every problem becomes an InputError naming the dataset and field. */
import { TEMPERATURE_EXPECTED, temperatureProblem } from '../physics/temperature';
import { InputError } from '../errors';
import { getNucleus } from '../physics/nuclei';
import { rateSeriesLabel } from './series';
import type { RateExperiment, RateSeries } from './types';

export const RATE_EXPERIMENTS: readonly RateExperiment[] = ['R1', 'R1rho', 'R2'];

/** A validated series, points sorted by temperature. */
export interface CheckedSeries {
  experiment: RateExperiment;
  nucleus: string;
  larmor_MHz: number;
  spinlock_kHz?: number;
  label: string;
  temperature_K: Float64Array;
  rate_per_s: Float64Array;
  /** σ of the rates in 1/s, or undefined when the series has none. */
  sigma_per_s?: Float64Array;
  /** inputIndex[i]: where sorted point i stood in the series as given (results report points in that order). */
  inputIndex: Int32Array;
}

function fail(reason: string, field: string, expected: string, found: unknown, source?: string): never {
  throw new InputError(reason, { field, expected, found: typeof found === 'string' ? found : JSON.stringify(found), source });
}

/**
 * Validates one series (`at` is its name in messages, e.g. `datasets[1]`). `logScale`: rates
 * must be positive because they are fitted as ln R.
 */
export function checkRateSeries(series: RateSeries, at: string, logScale: boolean, source?: string): CheckedSeries {
  if (series === null || typeof series !== 'object')
    fail('not a rate series', at, '{ experiment, nucleus, larmor_MHz, points }', series, source);
  if (!RATE_EXPERIMENTS.includes(series.experiment)) {
    fail('unknown experiment', `${at}.experiment`, `one of ${RATE_EXPERIMENTS.join(', ')}`, series.experiment, source);
  }
  let nucleus: string;
  try {
    nucleus = getNucleus(String(series.nucleus), `${at}.nucleus`).symbol;
  } catch (e) {
    if (e instanceof InputError && source) throw e.withSource(source);
    throw e;
  }
  if (typeof series.larmor_MHz !== 'number' || !(series.larmor_MHz > 0) || !Number.isFinite(series.larmor_MHz)) {
    fail('Larmor frequency missing or not positive', `${at}.larmor_MHz`, 'ν0 in MHz, > 0', series.larmor_MHz, source);
  }
  if (
    series.experiment === 'R1rho' &&
    (typeof series.spinlock_kHz !== 'number' || !(series.spinlock_kHz > 0) || !Number.isFinite(series.spinlock_kHz))
  ) {
    fail('an R1rho series needs its spin-lock frequency', `${at}.spinlock_kHz`, 'ν1 in kHz, > 0', series.spinlock_kHz, source);
  }
  const points = series.points;
  if (!Array.isArray(points)) fail('points missing', `${at}.points`, 'an array of { temperature_K, rate_per_s, sigma? }', points, source);
  if (points.length < 2) {
    fail(
      'a rate series needs at least two temperatures',
      `${at}.points`,
      'at least 2 points',
      `${points.length} point${points.length === 1 ? '' : 's'}`,
      source,
    );
  }
  const withSigma = points.filter((p) => p && p.sigma !== undefined && p.sigma !== null).length;
  if (withSigma !== 0 && withSigma !== points.length) {
    fail(
      'sigma given for some points but not all',
      `${at}.points[].sigma`,
      'σ for every point or for none',
      `${withSigma} of ${points.length}`,
      source,
    );
  }
  const order = points.map((_, i) => i);
  points.forEach((p, i) => {
    const f = `${at}.points[${i}]`;
    if (p === null || typeof p !== 'object') fail('not a point', f, '{ temperature_K, rate_per_s, sigma? }', p, source);
    const temperature = temperatureProblem(p.temperature_K);
    if (temperature) fail(temperature, `${f}.temperature_K`, TEMPERATURE_EXPECTED, p.temperature_K, source);
    if (typeof p.rate_per_s !== 'number' || !Number.isFinite(p.rate_per_s)) {
      fail('rate is not a finite number', `${f}.rate_per_s`, 'a finite rate in 1/s', p.rate_per_s, source);
    }
    if (logScale && p.rate_per_s <= 0) {
      fail(
        'rates are fitted on a log scale and must be positive',
        `${f}.rate_per_s`,
        'a rate > 0 (or weighting: linear)',
        p.rate_per_s,
        source,
      );
    }
    if (withSigma && (typeof p.sigma !== 'number' || !Number.isFinite(p.sigma) || p.sigma <= 0)) {
      fail('standard deviation must be positive', `${f}.sigma`, 'σ > 0 in 1/s', p.sigma, source);
    }
  });
  order.sort((a, b) => points[a].temperature_K - points[b].temperature_K);
  return {
    experiment: series.experiment,
    nucleus,
    larmor_MHz: series.larmor_MHz,
    ...(series.experiment === 'R1rho' && { spinlock_kHz: series.spinlock_kHz }),
    label: series.label ?? rateSeriesLabel({ ...series, nucleus }),
    temperature_K: Float64Array.from(order, (i) => points[i].temperature_K),
    rate_per_s: Float64Array.from(order, (i) => points[i].rate_per_s),
    ...(withSigma > 0 && { sigma_per_s: Float64Array.from(order, (i) => points[i].sigma as number) }),
    inputIndex: Int32Array.from(order),
  };
}
