/**
 * Synthetic rate series from a BPP rate model, with seeded noise: for planning an experiment
 * (which temperatures and frequencies pin down β?), and for the recovery tests, the benchmark
 * and the worked examples, which must know the truth they fit back.
 */
import { InputError } from '../errors';
import { gaussian } from '../fit/random';
import { BppRateModel, relaxationRate_per_s } from './rates';
import type { RateExperiment, RateSeries } from './types';
import { rateSeriesLabel } from './series';

export interface SimulateRateSeriesInput {
  experiment: RateExperiment;
  nucleus: string;
  larmor_MHz: number;
  spinlock_kHz?: number;
  temperature_K: readonly number[];
  model: BppRateModel;
  /**
   * Relative noise s: each rate is R·exp(s·z), z ~ N(0, 1) (log-normal, the error model of a fit in
   * ln R), and carries σ = s·R_observed, so σ/R = s on the fitted scale. Default 0 (no noise, no σ).
   */
  relativeNoise?: number;
  /** Uniform [0, 1) generator (mulberry32(seed)); required when relativeNoise > 0. */
  random?: () => number;
  label?: string;
}

/** Temperatures evenly spaced in 1/T (as on an Arrhenius plot) from low_K to high_K. */
export function inverseTemperatureGrid_K(low_K: number, high_K: number, count: number): number[] {
  if (!(low_K > 0) || !(high_K > low_K) || !Number.isInteger(count) || count < 2) {
    throw new InputError('invalid temperature grid', {
      field: 'low_K, high_K, count',
      expected: '0 < low_K < high_K and an integer count ≥ 2',
      found: `${low_K}, ${high_K}, ${count}`,
    });
  }
  return Array.from({ length: count }, (_, i) => 1 / (1 / low_K + ((1 / high_K - 1 / low_K) * i) / (count - 1)));
}

export function simulateRateSeries(input: SimulateRateSeriesInput): RateSeries {
  const s = input.relativeNoise ?? 0;
  if (!(s >= 0) || !Number.isFinite(s))
    throw new InputError('relative noise must be ≥ 0', { field: 'relativeNoise', expected: 'a number ≥ 0 (0.05 = 5 %)', found: String(s) });
  if (s > 0 && typeof input.random !== 'function') {
    throw new InputError('noise needs a random generator', { field: 'random', expected: 'a seeded generator such as mulberry32(seed)' });
  }
  const frequencies = { experiment: input.experiment, larmor_MHz: input.larmor_MHz, spinlock_kHz: input.spinlock_kHz };
  return {
    experiment: input.experiment,
    nucleus: input.nucleus,
    larmor_MHz: input.larmor_MHz,
    ...(input.spinlock_kHz !== undefined && { spinlock_kHz: input.spinlock_kHz }),
    label: input.label ?? rateSeriesLabel(input),
    points: input.temperature_K.map((t) => {
      const truth = relaxationRate_per_s(frequencies, t, input.model);
      if (s === 0) return { temperature_K: t, rate_per_s: truth };
      const rate = truth * Math.exp(s * gaussian(input.random as () => number));
      return { temperature_K: t, rate_per_s: rate, sigma: s * rate };
    }),
  };
}
