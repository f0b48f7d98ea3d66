/**
 * The absolute temperatures an analysis accepts, one rule for every input that carries them (rate
 * series, Arrhenius data, line widths, impedance series): finite, and between 1 mK (below any
 * dilution refrigerator's NMR) and 100,000 K (above any solid). A number outside is a unit mix-up
 * or a corrupted value, and lets 1/T, exp(−Ea/kBT) and grids spaced in 1/T overflow: a rate table
 * with one row at 1e308 K gave a BPP jump-rate band of Infinity (the fuzz harness, issue 17).
 */
export const MIN_TEMPERATURE_K = 1e-3;
export const MAX_TEMPERATURE_K = 1e5;

/** The `expected` of the typed error for a temperature outside the range. */
export const TEMPERATURE_EXPECTED = `an absolute temperature T > 0 K, between ${MIN_TEMPERATURE_K} K and ${MAX_TEMPERATURE_K} K`;

/** Why `t` is not an acceptable absolute temperature (the typed error's message), or undefined. */
export function temperatureProblem(t: unknown): string | undefined {
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0) return 'temperature must be above 0 K';
  if (t < MIN_TEMPERATURE_K || t > MAX_TEMPERATURE_K) return 'temperature outside the range of a measurement';
  return undefined;
}
