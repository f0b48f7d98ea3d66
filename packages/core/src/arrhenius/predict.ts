/**
 * The fitted Arrhenius line (or broken line) evaluated at any temperature with its 1σ band from
 * the fit covariance (delta method, propagate.ts): how a measured σDC is read off "at the same T"
 * as an NMR jump rate.
 */
import { InputError } from '../errors';
import { arrheniusSign } from './data';
import { segmentedParameterNames, segmentedValue, segmentsOf } from './model';
import { estimateFromFit } from './propagate';
import type { ArrheniusResult, Estimate, SegmentedArrheniusResult } from './types';

export interface ArrheniusPrediction {
  temperature_K: number;
  log10Value: Estimate;
  /** 10^log10Value, stderr = value·ln10·σ(log10). */
  value: Estimate;
  /** Outside the temperature range of the fitted points. */
  extrapolated: boolean;
}

export function predictArrhenius(result: ArrheniusResult | SegmentedArrheniusResult, temperature_K: number): ArrheniusPrediction {
  if (!Number.isFinite(temperature_K) || temperature_K <= 0) {
    throw new InputError('temperature must be a finite absolute temperature', {
      field: 'temperature_K',
      expected: 'T > 0 K',
      found: String(temperature_K),
      source: 'predictArrhenius',
    });
  }
  const K = segmentsOf(Object.keys(result.fit.params));
  const names = segmentedParameterNames(K);
  const sign = arrheniusSign(result.quantity);
  const x = 1000 / temperature_K;
  const log10Value = estimateFromFit(result.fit, (p) =>
    segmentedValue(
      x,
      names.map((nm) => p[nm]),
      K,
      sign,
    ),
  );
  const value = Math.pow(10, log10Value.value);
  const temperatures = (result.fit.data.x as number[]).map((xi) => 1000 / xi);
  const lo = Math.min(...temperatures);
  const hi = Math.max(...temperatures);
  return {
    temperature_K,
    log10Value,
    value: { value, stderr: log10Value.stderr === null ? null : value * Math.LN10 * log10Value.stderr },
    extrapolated: temperature_K < lo * (1 - 1e-12) || temperature_K > hi * (1 + 1e-12),
  };
}
