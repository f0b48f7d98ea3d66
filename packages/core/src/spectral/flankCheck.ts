/**
 * A flank's straight line against the asymptotes of a BPP fit of the same series. A straight-line
 * flank measures the asymptotic slope only where the data reach the asymptote: next to the maximum
 * the peak still bends, far from it other contributions bend it the other way, and some series never
 * show it at all (the high-T flank of R1ρ, whose J(ω0) and J(2ω0) terms rise toward the R1 peak
 * before the J(2ω1) term has straightened). The fitted model knows the asymptote
 * (JointBppDatasetSummary.flankAsymptotes_eV), so a flank that differs from it by more than
 * `sigmas` combined standard errors is flagged: its Ea describes the window, not the asymptote.
 */
import type { Estimate } from '../arrhenius/types';
import type { RateArrheniusResult } from '../arrhenius/rateArrhenius';
import { formatEstimate } from '../fit/format';
import type { JointBppResult } from './types';

/** Differences beyond this many combined standard errors are reported. */
export const FLANK_ASYMPTOTE_SIGMAS = 2;

/**
 * One warning per flank line (low or high; not configured windows or all-points lines) that misses
 * the asymptote of the BPP dataset with the same label; series without a dataset are skipped.
 */
export function flankAsymptoteWarnings(
  arrhenius: readonly RateArrheniusResult[],
  bpp: JointBppResult,
  sigmas = FLANK_ASYMPTOTE_SIGMAS,
): string[] {
  const warnings: string[] = [];
  for (const series of arrhenius) {
    const dataset = bpp.datasets.find((d) => d.label === series.series);
    if (!dataset) continue;
    for (const line of series.lines) {
      if (line.from !== 'flank' || line.side === 'all') continue;
      const asymptote: Estimate | null = dataset.flankAsymptotes_eV[line.side];
      const flank = line.arrhenius.activationEnergy_eV;
      if (!asymptote || flank.stderr === null || asymptote.stderr === null) continue;
      const combined = Math.hypot(flank.stderr, asymptote.stderr);
      const z = Math.abs(flank.value - asymptote.value) / combined;
      if (!(z > sigmas)) continue;
      warnings.push(
        `${series.series}: the ${line.side}-T flank over ${line.window_K[0]}–${line.window_K[1]} K gives Ea = ${formatEstimate(flank, 'eV')}, ` +
          `${z.toFixed(1)}σ from the asymptote of the ${bpp.spectralDensity} fit, ${formatEstimate(asymptote, 'eV')}: the window is not on the asymptote (the fit's value is the slope far from the peak)`,
      );
    }
  }
  return warnings;
}
