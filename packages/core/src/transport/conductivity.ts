/**
 * σDC(T) on the Arrhenius plot. Conductivity is analysed as σT, because for thermally activated
 * hopping σ = (σ0/T)·exp(−Ea/kBT) (Nernst–Einstein with D ∝ exp(−Ea/kBT)), so log10(σT) vs 1000/T
 * is the straight line whose slope is the activation energy; kinks between conduction regimes are
 * fitted with the segmented regression of core/arrhenius.
 */
import { InputError } from '../errors';
import { fitSegmentedArrhenius } from '../arrhenius/segmented';
import { predictArrhenius } from '../arrhenius/predict';
import type { Estimate, SegmentedArrheniusOptions, SegmentedArrheniusResult } from '../arrhenius/types';

/** DC conductivities vs temperature (a ConductivitySeries' points). */
export interface ConductivityData {
  temperature_K: ArrayLike<number>;
  conductivity_S_per_cm: ArrayLike<number>;
  /** One standard deviation of each σ, in S/cm. */
  sigma_S_per_cm?: ArrayLike<number>;
}

/** σT = σ·T in S·K/cm with σ_σT = T·σ_σ (T taken as exact), then the segmented Arrhenius fit. */
export function fitConductivityArrhenius(data: ConductivityData, options: SegmentedArrheniusOptions = {}): SegmentedArrheniusResult {
  const source = options.source ?? 'fitConductivityArrhenius';
  if (data === null || typeof data !== 'object' || !data.temperature_K || !data.conductivity_S_per_cm) {
    throw new InputError('no conductivity data', {
      field: 'data',
      expected: '{ temperature_K, conductivity_S_per_cm, sigma_S_per_cm? }',
      source,
    });
  }
  const T = data.temperature_K;
  const s = data.conductivity_S_per_cm;
  // checked here so errors name the conductivity, not the σT derived from it
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]) || s[i] <= 0) {
      throw new InputError('conductivity must be positive and finite on a log scale', {
        field: `conductivity_S_per_cm[${i}]`,
        expected: 'σ > 0 S/cm',
        found: String(s[i]),
        source,
      });
    }
  }
  const sigmaT = Array.from({ length: s.length }, (_, i) => s[i] * T[i]);
  const err = data.sigma_S_per_cm;
  return fitSegmentedArrhenius(
    {
      temperature_K: T,
      value: sigmaT,
      ...(err && { sigma: Array.from({ length: err.length }, (_, i) => err[i] * T[i]) }),
      quantity: 'sigmaT',
    },
    { ...options, source },
  );
}

/** σDC at T read off the fitted σT line(s): σ = 10^(log10 σT)/T, with the fit's 1σ band. */
export function conductivityFromArrhenius_S_per_cm(
  result: SegmentedArrheniusResult,
  temperature_K: number,
): { conductivity_S_per_cm: Estimate; extrapolated: boolean } {
  if (result.quantity !== 'sigmaT') {
    throw new InputError('not a σT Arrhenius fit', {
      field: 'quantity',
      expected: "'sigmaT'",
      found: JSON.stringify(result.quantity),
      source: 'conductivityFromArrhenius_S_per_cm',
    });
  }
  const p = predictArrhenius(result, temperature_K);
  const value = p.value.value / temperature_K;
  return {
    conductivity_S_per_cm: { value, stderr: p.value.stderr === null ? null : p.value.stderr / temperature_K },
    extrapolated: p.extrapolated,
  };
}
