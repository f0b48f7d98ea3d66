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

/**
 * What every inversion says about itself: NNLS iteration limits, a λ rule that found nothing in the
 * scan (GCV's λ is then used), and a λ at an end of the scan — where the rule's optimum may lie
 * beyond the range searched (at the top: the data ask for more smoothing than the scan allows, e.g.
 * a noise level σ that is too large; at the bottom: the distribution may resolve noise).
 */
export function inversionWarnings(inv: Inversion): string[] {
  const warnings: string[] = [];
  if (inv.unconverged > 0) warnings.push(`${inv.unconverged} of ${inv.replicates} bootstrap replicates hit the NNLS iteration limit`);
  if (!inv.solution.converged) warnings.push('the NNLS of the estimate hit its iteration limit: the distribution may not be the optimum');
  const { lambda, userSet, scan, method } = inv.choice;
  if (!userSet && method !== 'gcv' && inv.choice[method] === null) {
    warnings.push(
      method === 'discrepancy'
        ? 'no λ in the scan meets the discrepancy principle (χ² above its target at every λ): the GCV λ is used instead'
        : 'the L-curve of the scan has no corner: the GCV λ is used instead',
    );
  }
  if (!userSet && scan.length > 1) {
    const largest = scan[0].lambda;
    const smallest = scan[scan.length - 1].lambda;
    const range = `${smallest.toExponential(0)} … ${largest.toExponential(0)}`;
    if (lambda >= largest * (1 - 1e-12)) {
      warnings.push(
        `λ = ${lambda.toPrecision(3)} is the largest of the scan (${range}): the ${method} rule may want more smoothing than the scan allows (is σ too large?); widen the λ range or set λ`,
      );
    } else if (lambda <= smallest * (1 + 1e-12)) {
      warnings.push(
        `λ = ${lambda.toPrecision(3)} is the smallest of the scan (${range}): the optimum of the rule used may lie below it, and the distribution may resolve noise; widen the λ range or set λ`,
      );
    }
  }
  return warnings;
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
