/** From an inversion to the fields both result kinds share: λ and its rules, the band, a peak's position. */
import type { Discretisation } from './basis';
import type { PenaltyOrder } from './engine';
import type { Inversion, InversionOptions, PeakSpread } from './invert';
import type { BandSummary, PeakPosition, RegularisationSummary } from './types';

export function regularisationOf(inv: Inversion, order: PenaltyOrder, discretisation: Discretisation): RegularisationSummary {
  const c = inv.choice;
  return {
    method: c.method,
    userSet: c.userSet,
    gcv: c.gcv,
    lcurve: c.lcurve,
    discrepancy: c.discrepancy,
    penaltyOrder: order,
    discretisation,
    effectiveDof: inv.solution.dof,
    chiSquare: inv.solution.chiSquare,
    scan: c.scan,
  };
}

export function bandOf(inv: Inversion, options: InversionOptions): BandSummary {
  return {
    method: options.bootstrap ?? 'residual',
    replicates: inv.replicates,
    seed: options.seed ?? 15,
    level: options.level ?? 0.95,
    unconverged: inv.unconverged,
  };
}

/** τ = 10^mode with SE(τ) = τ·ln10·SE(log10 τ) (first-order error propagation). */
export function peakPosition(p: PeakSpread, tau: Float64Array): PeakPosition {
  const c = p.log10Mode;
  const tau_s = 10 ** c.value;
  return {
    tau_s,
    tauStderr_s: c.stderr === null ? null : tau_s * Math.LN10 * c.stderr,
    tauLower_s: c.lower === null ? null : 10 ** c.lower,
    tauUpper_s: c.upper === null ? null : 10 ** c.upper,
    log10tau_s: c.value,
    log10tauStderr_s: c.stderr,
    log10Centroid_s: p.log10Centroid.value,
    log10CentroidStderr_s: p.log10Centroid.stderr,
    log10Width: p.log10Width.value,
    log10WidthStderr: p.log10Width.stderr,
    regionFrom_s: tau[p.region.from],
    regionTo_s: tau[p.region.to],
  };
}
