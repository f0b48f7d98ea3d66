/**
 * The Arrhenius straight line: log10(y) vs 1000/T, weighted by σ_log10 = σ/(y·ln10) when σ are
 * given, fitted with the LM engine (exact for a line, and it gives the FitResult, covariance and
 * report every other fit has).
 *
 *   y = A·exp(−Ea/(kB·T))   for rates, σT and D (rise with T)
 *   y = A·exp(+Ea/(kB·T))   for τ (falls with T)
 *
 * so log10 y = log10 A ∓ Ea·(1000/T)/(1000·kB·ln10) and Ea = ∓(slope)·1000·kB·ln10 in eV.
 */
import { curveFit } from '../fit/curveFit';
import { formatNumber } from '../fit/format';
import { KJ_PER_MOL_PER_EV } from '../physics/constants';
import { arrheniusPoints, arrheniusSign, energyEstimates, inputPoints, SLOPE_PER_EV } from './data';
import { segmentedModel } from './model';
import { parameterEstimate } from './propagate';
import type { ArrheniusData, ArrheniusOptions, ArrheniusResult, Estimate } from './types';
import { RESULT_SCHEMA } from '../schema';

export function fitArrhenius(data: ArrheniusData, options: ArrheniusOptions = {}): ArrheniusResult {
  const points = arrheniusPoints(data, {
    window_K: options.window_K,
    source: options.source,
    minPoints: 2,
    what: 'an Arrhenius line (2 parameters)',
  });
  const sign = arrheniusSign(points.quantity);
  const n = points.x.length;
  // start values from the two outermost points: a line has one basin, this only saves iterations
  const slope = (points.y[n - 1] - points.y[0]) / (points.x[n - 1] - points.x[0]);
  const ea0 = slope / (sign * SLOPE_PER_EV);
  const fit = curveFit(
    {
      x: points.x,
      y: points.y,
      ...(points.sigma && { sigma: points.sigma }),
      model: segmentedModel(1, sign),
      params: { log10A: points.y[0] - slope * points.x[0], Ea_eV: Number.isFinite(ea0) ? ea0 : 0 },
    },
    { absoluteSigma: options.absoluteSigma ?? false, source: points.source, name: `Arrhenius (${points.quantity})` },
  );
  const warnings = [...fit.warnings];
  if (n === 2) warnings.push('only 2 points: the line passes through both and the activation energy has no standard error');
  const energy = energyEstimates(parameterEstimate(fit, 'Ea_eV'), KJ_PER_MOL_PER_EV);
  const log10Prefactor = parameterEstimate(fit, 'log10A');
  const prefactor = prefactorFromLog10(log10Prefactor);
  if (!(Number.isFinite(prefactor.value) && prefactor.value > 0)) {
    warnings.push(
      `the prefactor A = 10^${formatNumber(log10Prefactor.value, 6)} is outside the range of a double: only log10 A is meaningful (A is written as ${prefactor.value}, null in JSON)`,
    );
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'ArrheniusResult',
    quantity: points.quantity,
    activationEnergy_eV: energy.eV,
    activationEnergy_kJ_per_mol: energy.kJ,
    log10Prefactor,
    prefactor,
    window_K: points.window_K,
    n,
    points: inputPoints(data),
    fit,
    warnings,
  };
}

/** A = 10^a with σ_A = A·ln10·σ_a. */
export function prefactorFromLog10(log10A: Estimate): Estimate {
  const value = Math.pow(10, log10A.value);
  return { value, stderr: log10A.stderr === null ? null : value * Math.LN10 * log10A.stderr };
}
