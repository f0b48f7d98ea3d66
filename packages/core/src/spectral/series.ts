/**
 * What every face calls a rate series, and how its rates go onto the Arrhenius axes: one label
 * rule and one conversion, so the study, the kernel, the CLI and the JupyterLab renderer name and
 * fit the same series the same way.
 */
import { fitRateArrhenius } from '../arrhenius/rateArrhenius';
import type { RateArrheniusOptions, RateArrheniusResult } from '../arrhenius/rateArrhenius';
import type { ArrheniusData } from '../arrhenius/types';
import type { RateSeries } from './types';

/**
 * "R1 7Li 116.6 MHz", "R1rho 7Li 20 kHz": the experiment, the nucleus and the frequency that sets
 * the peak — the Larmor frequency for R1 and R2, the spin-lock frequency for R1ρ (its rate peak
 * sits where 2ω1·τc ≈ 1). Plain ASCII, so a study configuration can name the series.
 */
export function rateSeriesLabel(series: Pick<RateSeries, 'experiment' | 'nucleus' | 'larmor_MHz' | 'spinlock_kHz'>): string {
  if (series.experiment === 'R1rho') {
    return `R1rho ${series.nucleus} ${series.spinlock_kHz !== undefined ? `${series.spinlock_kHz} kHz` : '(spin-lock frequency not given)'}`;
  }
  return `${series.experiment} ${series.nucleus} ${series.larmor_MHz} MHz`;
}

/**
 * The rates of a series as Arrhenius data (quantity 'rate'), in the series' order; σ only when
 * every point has one (weights must mean the same for all points).
 */
export function rateSeriesData(series: RateSeries): ArrheniusData & { quantity: 'rate' } {
  const points = series.points;
  return {
    temperature_K: points.map((p) => p.temperature_K),
    value: points.map((p) => p.rate_per_s),
    ...(points.length > 0 &&
      points.every((p) => p.sigma !== undefined && p.sigma !== null) && { sigma: points.map((p) => p.sigma as number) }),
    quantity: 'rate',
  };
}

/** The Arrhenius lines of a rate series (fitRateArrhenius), named by its label. */
export function rateSeriesArrhenius(series: RateSeries, options: RateArrheniusOptions = {}): RateArrheniusResult {
  return fitRateArrhenius(rateSeriesData(series), { ...options, label: series.label ?? rateSeriesLabel(series) });
}
