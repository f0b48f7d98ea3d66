/**
 * The DC side of a cross-link from what a user has at hand: a plain table of σ(T)
 * ({ temperature_K, conductivity_S_per_cm, sigma_S_per_cm? }) or the analysis of an impedance
 * series itself (`analyzeImpedanceSeries`, the JSON of `relaxlab conductivity --json`), whose
 * conductivity points — the bulk resistance of every spectrum fitted in temperature order,
 * σ = l/(R·A) with its standard error — become the table. One rule for `relaxlab crosslink`,
 * `relaxlab study` and the kernel, so a series fitted once is compared the same way everywhere.
 */
import { InputError } from '../errors';
import type { ImpedanceSeriesAnalysis } from '../impedance/series';
import { migrateResult } from '../result/migrate';
import type { ConductivityCrossLinkInput } from './crossLink';

const TABLE_SHAPE = '{ "temperature_K": [...], "conductivity_S_per_cm": [...], "sigma_S_per_cm"?: [...] } or an ImpedanceSeriesAnalysis';

/**
 * The conductivity input of `crossLink` from a parsed JSON value. An ImpedanceSeriesAnalysis gives
 * one point per temperature from its `points` (the global fit's when the series had one); its
 * Jonscher exponent and segments are not part of it and stay the caller's. Typed errors name
 * `source` and the field.
 */
export function conductivityInputOf(value: unknown, source: string): { input: ConductivityCrossLinkInput; warnings: string[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('not a JSON object', {
      source,
      field: 'conductivity',
      expected: TABLE_SHAPE,
      found: Array.isArray(value) ? 'an array' : String(value),
    });
  }
  const migrated = migrateResult(value as Record<string, unknown>, source);
  if ((migrated as { kind?: unknown }).kind === 'ImpedanceSeriesAnalysis') {
    return fromImpedanceSeries(migrated as unknown as ImpedanceSeriesAnalysis, source);
  }
  return { input: migrated as unknown as ConductivityCrossLinkInput, warnings: [] };
}

function fromImpedanceSeries(analysis: ImpedanceSeriesAnalysis, source: string): { input: ConductivityCrossLinkInput; warnings: string[] } {
  const points = Array.isArray(analysis.points) ? analysis.points : [];
  if (points.length === 0) {
    throw new InputError('the impedance series has no conductivity points', {
      source,
      field: 'points',
      expected: 'one point per spectrum',
    });
  }
  const temperature_K: number[] = [];
  const conductivity_S_per_cm: number[] = [];
  const sigma_S_per_cm: number[] = [];
  points.forEach((p, k) => {
    const sigma = p.sigma_S_per_cm;
    if (!sigma || typeof sigma.value !== 'number') {
      throw new InputError('no conductivity at this temperature: the series was analysed without the pellet geometry', {
        source,
        field: `points[${k}].sigma_S_per_cm`,
        expected: 'σ in S/cm (run `relaxlab conductivity` with --thickness and --area, or a file that states them)',
        found: `T = ${p.temperature_K} K, R = ${p.resistance_ohm?.value} Ω only`,
      });
    }
    temperature_K.push(p.temperature_K);
    conductivity_S_per_cm.push(sigma.value);
    sigma_S_per_cm.push(typeof sigma.stderr === 'number' && Number.isFinite(sigma.stderr) ? sigma.stderr : NaN);
  });
  const label = `σ(bulk) of ${analysis.circuit} fits`;
  // a point without a finite stderr (a fit whose covariance failed) leaves the whole table unweighted:
  // weights from some points only would mix two error models in one σT fit
  const unweighted = temperature_K.filter((_, k) => !(sigma_S_per_cm[k] > 0));
  if (unweighted.length === 0) return { input: { label, temperature_K, conductivity_S_per_cm, sigma_S_per_cm }, warnings: [] };
  return {
    input: { label, temperature_K, conductivity_S_per_cm },
    warnings: [
      `${source}: σ has no standard error at ${unweighted.map((T) => `${T} K`).join(', ')} (a fit without a covariance); the σT fit is unweighted`,
    ],
  };
}
