/** From an inversion to the fields both result kinds share: λ and its rules, the band, a peak's position. */
import type { Estimate } from '../arrhenius/types';
import type { Discretisation } from './basis';
import type { PenaltyOrder } from './engine';
import type { Inversion, InversionOptions, PeakSpread } from './invert';
import type { BandSummary, PeakPosition, RegularisationSummary } from './types';

export function regularisationOf(
  inv: Inversion,
  order: PenaltyOrder,
  discretisation: Discretisation,
  options: InversionOptions,
): RegularisationSummary {
  const c = inv.choice;
  return {
    method: c.method,
    userSet: c.userSet,
    gcv: c.gcv,
    lcurve: c.lcurve,
    discrepancy: c.discrepancy,
    penaltyOrder: order,
    discretisation,
    refinements: options.refinements ?? 5,
    effectiveDof: inv.solution.dof,
    chiSquare: inv.solution.chiSquare,
    scan: c.scan,
  };
}

export function bandOf(inv: Inversion, options: InversionOptions): BandSummary {
  return {
    method: options.bootstrap ?? 'residual',
    generator: 'deconvolved',
    replicates: inv.replicates,
    seed: options.seed ?? 15,
    level: options.level ?? 0.95,
    unconverged: inv.unconverged,
  };
}

/** The Estimate ({ value, stderr }) of a bootstrapped quantity, without its interval. */
export const estimate = (e: { value: number; stderr: number | null }): Estimate => ({ value: e.value, stderr: e.stderr });

/** τ = 10^mode with SE(τ) = τ·ln10·SE(log10 τ) (first-order error propagation). */
export function peakPosition(p: PeakSpread, tau: Float64Array): PeakPosition {
  const c = p.log10Mode;
  const tau_s = 10 ** c.value;
  return {
    tau_s: { value: tau_s, stderr: c.stderr === null ? null : tau_s * Math.LN10 * c.stderr },
    tauLower_s: c.lower === null ? null : 10 ** c.lower,
    tauUpper_s: c.upper === null ? null : 10 ** c.upper,
    log10tau_s: estimate(c),
    log10Centroid_s: estimate(p.log10Centroid),
    log10Width: estimate(p.log10Width),
    regionFrom_s: tau[p.region.from],
    regionTo_s: tau[p.region.to],
  };
}
