/**
 * Arrhenius of MD transport over several trajectories at different temperatures, through the one
 * Arrhenius fit of the repository (arrhenius/fitArrhenius.ts): D*(T) = D0·exp(−Ea/kB·T) on the
 * 'diffusion' axis (D in m²/s), and σ_NE·T and σ_coll·T on the 'sigmaT' axis (σT = A·exp(−Ea/kB·T),
 * the form transport/conductivity.ts fits to DC data), each weighted by its stderr.
 */
import type { ArrheniusResult } from '../arrhenius/types';
import { fitArrhenius } from '../arrhenius/fitArrhenius';
import { InputError } from '../errors';
import type { TrajectoryTransport } from './analyze';

export interface TrajectoryArrhenius {
  tracer: ArrheniusResult;
  /** σ_NE·T; null without temperatures and charges. */
  nernstEinstein: ArrheniusResult | null;
  /** σ_coll·T; null when any σ_coll is ≤ 0 or missing. */
  collective: ArrheniusResult | null;
}

export function trajectoryArrhenius(results: readonly TrajectoryTransport[], source = 'trajectoryArrhenius'): TrajectoryArrhenius {
  if (!(results?.length >= 2)) {
    throw new InputError('too few trajectories', {
      field: 'results',
      expected: 'TrajectoryTransport results at ≥ 2 temperatures',
      found: String(results?.length),
      source,
    });
  }
  const T = results.map((r, k) => {
    if (r.temperature_K === null)
      throw new InputError('no temperature', {
        field: `results[${k}].temperature_K`,
        expected: 'the temperature of each run (--temperature)',
        source: r.source,
      });
    return r.temperature_K;
  });
  const fit = (value: number[], sigma: Array<number | null>, quantity: 'diffusion' | 'sigmaT', what: string) =>
    fitArrhenius(
      { temperature_K: T, value, quantity, ...(sigma.every((s) => s !== null && s > 0) ? { sigma: sigma as number[] } : {}) },
      { source: `${source}: ${what}` },
    );
  const tracer = fit(
    results.map((r) => r.D_tracer_cm2_per_s.value * 1e-4),
    results.map((r) => (r.D_tracer_cm2_per_s.stderr === null ? null : r.D_tracer_cm2_per_s.stderr * 1e-4)),
    'diffusion',
    'D*',
  );
  const sigmaFit = (pick: (r: TrajectoryTransport) => TrajectoryTransport['sigma_NE_S_per_cm'], what: string) => {
    const s = results.map(pick);
    if (s.some((x) => x === null || !(x.value > 0))) return null;
    return fit(
      s.map((x, k) => x!.value * T[k]),
      s.map((x, k) => (x!.stderr === null ? null : x!.stderr * T[k])),
      'sigmaT',
      what,
    );
  };
  return {
    tracer,
    nernstEinstein: sigmaFit((r) => r.sigma_NE_S_per_cm, 'σ_NE·T'),
    collective: sigmaFit((r) => r.sigma_collective_S_per_cm, 'σ_coll·T'),
  };
}
