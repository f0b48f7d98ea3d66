/**
 * Joint (global) BPP fit of several rate series — T1 at several Larmor frequencies, T1ρ at several
 * spin-lock frequencies, several nuclei — sharing Ea, τ0 and β (or any other parameter) with
 * separate prefactors and backgrounds, and its physics summary: Ea, τ0, β ± σ, the low-T flank
 * (β − 1)·Ea, the Ngai reading n = 2 − β, rate-peak temperatures and the jump rate τc⁻¹(T) with its
 * 1σ band. Uncertainties are the covariance ones (delta method for derived quantities); see
 * resampling.ts for bootstrap and Monte Carlo.
 */
import type { Estimate } from '../arrhenius/types';
import { InputError } from '../errors';
import { curveFit } from '../fit/curveFit';
import type { FitResult } from '../fit/types';
import { BOLTZMANN_eV_per_K, KJ_PER_MOL_PER_EV } from '../physics/constants';
import { buildJointProblem } from './jointProblem';
import { jointParameterName } from './jointModel';
import { rateSum, ratePeakOmegaTau, rateTerms, referenceAngularFrequency_rad_per_s } from './rates';
import type {
  JointBppDatasetSummary,
  JointBppOptions,
  JointBppPoint,
  JointBppResult,
  JointParameterKind,
  JumpRateBand,
  RatePeak,
  RateSeries,
} from './types';
import type { CheckedSeries } from './validate';
import { RESULT_SCHEMA } from '../schema';

/** Fits the series jointly; throws InputError on bad input, never on non-convergence (see fit.converged). */
export function fitJointBpp(series: readonly RateSeries[], options: JointBppOptions = {}): JointBppResult {
  const problem = buildJointProblem(series, options);
  const { settings, model } = problem;
  const x = Float64Array.from({ length: model.m }, (_, i) => i);
  const name = `joint BPP (${settings.spectralDensity}, ${settings.convention})`;
  const fit = curveFit(
    { x, y: problem.y, sigma: problem.sigma, model: model.vectorModel(name), params: problem.params },
    { absoluteSigma: problem.absoluteSigma, source: problem.source, name, inputs: options.inputs ?? [] },
  );
  const at = (k: number, kind: JointParameterKind): string | null => {
    const j = model.layouts[k].index[kind];
    return j >= 0 ? model.parameters[j].name : null;
  };
  const shared = (kind: JointParameterKind): string | null => {
    const names = new Set(problem.series.map((_, k) => at(k, kind)));
    return names.size === 1 ? [...names][0] : null;
  };
  const ea = shared('Ea');
  const tau0 = shared('tau0');
  const beta = shared('beta');
  const eaEst = ea ? estimate(fit, ea) : null;
  const log10tau0 = tau0 ? estimate(fit, tau0) : null;
  const betaEst = beta ? estimate(fit, beta) : null;
  const asymmetric = settings.spectralDensity === 'asymmetric-bpp';
  const warnings = [...fit.warnings, ...problem.notes.map((n) => `start values: ${n}`)];
  const jumpRate = jumpRateBand(fit, at(0, 'Ea') as string, at(0, 'tau0') as string, temperatureGrid(problem.series, 41));
  const bandValues = [...jumpRate.jumpRate_per_s, ...jumpRate.lower_per_s, ...jumpRate.upper_per_s];
  if (bandValues.some((v) => !Number.isFinite(v))) {
    // σ of ln τc⁻¹ beyond ~700 (Ea or τ0 undetermined by the data): exp overflows
    warnings.push('the jump-rate band is not finite at some temperatures: the fit leaves Ea or τ0 undetermined (see their errors)');
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'JointBppResult',
    spectralDensity: settings.spectralDensity,
    convention: settings.convention,
    weighting: settings.weighting,
    share: [...settings.share],
    backgrounds: [...settings.backgrounds],
    referenceTemperature_K: settings.referenceTemperature_K,
    absoluteSigma: problem.absoluteSigma,
    fit,
    activationEnergy_eV: eaEst,
    activationEnergy_kJ_per_mol: eaEst && scaled(eaEst, KJ_PER_MOL_PER_EV),
    tau0_s: log10tau0 && pow10(log10tau0),
    log10tau0_s: log10tau0,
    beta: betaEst,
    lowTemperatureFlank_eV: asymmetric && ea && beta ? shapeScaledEnergy(fit, ea, beta, (b) => b - 1, 1) : null,
    ngaiCoupling:
      asymmetric && betaEst
        ? {
            value: 2 - betaEst.value,
            stderr: betaEst.stderr,
            reading: 'Ngai coupling model: the low-T flank (β − 1)·Ea of the asymmetric BPP peak read as (1 − n)·Ea, so n = 2 − β',
          }
        : null,
    jumpRate,
    datasets: problem.series.map((s, k) => ({
      ...datasetSummary(fit, s, k, at, settings.spectralDensity, settings.convention, settings.backgrounds[k]),
      points: fittedPoints(fit, s, model.layouts[k].offset, settings.weighting),
    })),
    warnings,
  };
}

function estimate(fit: FitResult, name: string): Estimate {
  const p = fit.params[name];
  return { value: p.value, stderr: p.stderr };
}

function scaled(e: Estimate, factor: number): Estimate {
  return { value: e.value * factor, stderr: e.stderr === null ? null : e.stderr * factor };
}

/** 10^x ± 10^x·ln 10·σx. */
function pow10(e: Estimate): Estimate {
  const v = Math.pow(10, e.value);
  return { value: v, stderr: e.stderr === null ? null : v * Math.LN10 * e.stderr };
}

/** Covariance of two fitted parameters (0 when either is fixed). */
export function covarianceOf(fit: FitResult, a: string, b: string): number {
  const i = fit.varyNames.indexOf(a);
  const j = fit.varyNames.indexOf(b);
  return i >= 0 && j >= 0 && fit.covariance.length ? fit.covariance[i][j] : 0;
}

/** σ of Σ g_a·p_a by the delta method, null when a varied parameter has no stderr. */
function deltaSigma(fit: FitResult, gradient: Record<string, number>): number | null {
  const names = Object.keys(gradient).filter((n) => fit.params[n].vary);
  if (names.some((n) => fit.params[n].stderr === null)) return null;
  let v = 0;
  for (const a of names) for (const b of names) v += gradient[a] * gradient[b] * covarianceOf(fit, a, b);
  return Math.sqrt(Math.max(v, 0));
}

/** f(β)·Ea with its σ by the delta method (gradient f(β) in Ea, f′(β)·Ea in β). */
function shapeScaledEnergy(fit: FitResult, ea: string, beta: string, f: (b: number) => number, fPrime: number): Estimate {
  const e = fit.params[ea].value;
  const b = fit.params[beta].value;
  return { value: f(b) * e, stderr: deltaSigma(fit, ea === beta ? {} : { [ea]: f(b), [beta]: fPrime * e }) };
}

/**
 * The slopes (as activation energies) that the flanks of the diffusion-induced rate peak tend to,
 * from the shape of J(ω) far from ωτc = 1 (densities.ts): for ωτc ≪ 1, J ∝ τc for BPP, asymmetric
 * BPP and Cole–Davidson (the high-T flank gives Ea); for ωτc ≫ 1, J ∝ τc^(1−β) for asymmetric BPP
 * and Richards' 2D form, τc⁻¹ for BPP (β = 2) and τc^(−ε) for Cole–Davidson (the low-T flank gives
 * (β − 1)·Ea, Ea and ε·Ea). Null where the flank has no power-law asymptote (the logarithm of the
 * 2D density at ωτc ≪ 1, the 1D lattice walk).
 */
export function flankAsymptotes(
  fit: FitResult,
  ea: string,
  beta: string | null,
  density: JointBppResult['spectralDensity'],
): { low: Estimate | null; high: Estimate | null } {
  const energy = estimate(fit, ea);
  const scaledBy = (f: (b: number) => number, fPrime: number): Estimate | null =>
    beta ? shapeScaledEnergy(fit, ea, beta, f, fPrime) : null;
  switch (density) {
    case 'bpp':
      return { low: energy, high: energy };
    case 'asymmetric-bpp':
      return { low: scaledBy((b) => b - 1, 1), high: energy };
    case 'richards-2d':
      return { low: scaledBy((b) => b - 1, 1), high: null };
    case 'cole-davidson':
      return { low: scaledBy((b) => b, 1), high: energy };
    default:
      return { low: null, high: null };
  }
}

function temperatureGrid(series: readonly CheckedSeries[], count: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    lo = Math.min(lo, s.temperature_K[0]);
    hi = Math.max(hi, s.temperature_K[s.temperature_K.length - 1]);
  }
  // even steps in 1/T, the axis of an Arrhenius plot
  return Array.from({ length: count }, (_, i) => 1 / (1 / lo + ((1 / hi - 1 / lo) * i) / (count - 1)));
}

/**
 * τc⁻¹(T) = 10^(−log10 τ0)·exp(−Ea/kBT) with the 1σ band exp(ln τc⁻¹ ± σ), where
 * σ² = gᵀCg, g = (∂/∂Ea, ∂/∂log10τ0) ln τc⁻¹ = (−1/kBT, −ln 10).
 */
export function jumpRateBand(fit: FitResult, eaName: string, log10Tau0Name: string, temperature_K: readonly number[]): JumpRateBand {
  for (const name of [eaName, log10Tau0Name]) {
    if (!fit.params[name])
      throw new InputError('no such parameter in the fit', { field: name, expected: `one of ${Object.keys(fit.params).join(', ')}` });
  }
  const ea = fit.params[eaName].value;
  const l = fit.params[log10Tau0Name].value;
  const band: JumpRateBand = { temperature_K: [...temperature_K], jumpRate_per_s: [], lower_per_s: [], upper_per_s: [] };
  temperature_K.forEach((t, i) => {
    if (!(t > 0))
      throw new InputError('temperature must be above 0 K', { field: `temperature_K[${i}]`, expected: '> 0 K', found: String(t) });
    const lnRate = -Math.LN10 * l - ea / (BOLTZMANN_eV_per_K * t);
    const s = deltaSigma(fit, { [eaName]: -1 / (BOLTZMANN_eV_per_K * t), [log10Tau0Name]: -Math.LN10 }) ?? 0;
    band.jumpRate_per_s.push(Math.exp(lnRate));
    band.lower_per_s.push(Math.exp(lnRate - s));
    band.upper_per_s.push(Math.exp(lnRate + s));
  });
  return band;
}

/**
 * The points of dataset s (stacked from `offset` in the fit) back in the order the series gave
 * them, each with the best-fit rate and its normalised residual (y − f)/σ on the fitted scale.
 */
export function fittedPoints(fit: FitResult, s: CheckedSeries, offset: number, weighting: JointBppResult['weighting']): JointBppPoint[] {
  const points = new Array<JointBppPoint>(s.temperature_K.length);
  s.temperature_K.forEach((t, i) => {
    const j = offset + i;
    const best = fit.bestFit[j];
    points[s.inputIndex[i]] = {
      temperature_K: t,
      rate_per_s: s.rate_per_s[i],
      sigma: s.sigma_per_s ? s.sigma_per_s[i] : null,
      fit_per_s: weighting === 'log' ? Math.exp(best) : best,
      normalizedResidual: fit.residuals[j] / (fit.data.sigma?.[j] ?? 1),
    };
  });
  return points;
}

function datasetSummary(
  fit: FitResult,
  s: CheckedSeries,
  k: number,
  at: (k: number, kind: JointParameterKind) => string | null,
  spectralDensity: JointBppResult['spectralDensity'],
  convention: JointBppResult['convention'],
  background: JointBppResult['backgrounds'][number],
): Omit<JointBppDatasetSummary, 'points'> {
  const ea = at(k, 'Ea') as string;
  const tau0 = at(k, 'tau0') as string;
  const beta = at(k, 'beta');
  const bgParams: Record<string, Estimate> = {};
  for (const kind of ['bgA', 'bgKappa', 'bgEa'] as const) {
    const name = at(k, kind);
    if (name) bgParams[jointParameterName(kind)] = estimate(fit, name);
  }
  return {
    label: s.label,
    experiment: s.experiment,
    nucleus: s.nucleus,
    larmor_MHz: s.larmor_MHz,
    ...(s.spinlock_kHz !== undefined && { spinlock_kHz: s.spinlock_kHz }),
    n: s.temperature_K.length,
    activationEnergy_eV: estimate(fit, ea),
    tau0_s: pow10(estimate(fit, tau0)),
    beta: beta ? estimate(fit, beta) : null,
    prefactor_per_s2: pow10(estimate(fit, at(k, 'C') as string)),
    flankAsymptotes_eV: flankAsymptotes(fit, ea, beta, spectralDensity),
    background: { model: background, params: bgParams },
    peak: ratePeak(fit, s, { ea, tau0, beta, c: at(k, 'C') as string }, spectralDensity, convention),
  };
}

/**
 * The maximum of the diffusion-induced rate: τp from the peak condition, Tp = Ea/(kB·ln(τp/τ0)),
 * σ(Tp) by the delta method with ∂Tp/∂Ea = 1/(kB·D), ∂Tp/∂log10τ0 = Ea·ln 10/(kB·D²),
 * ∂Tp/∂β = −Ea/(kB·D²)·∂ln τp/∂β (central difference), D = ln(τp/τ0).
 */
function ratePeak(
  fit: FitResult,
  s: CheckedSeries,
  names: { ea: string; tau0: string; beta: string | null; c: string },
  spectralDensity: JointBppResult['spectralDensity'],
  convention: JointBppResult['convention'],
): RatePeak | null {
  const shape = names.beta ? fit.params[names.beta].value : 2;
  const wt = ratePeakOmegaTau(s, spectralDensity, shape, convention);
  if (wt === null) return null;
  const w = referenceAngularFrequency_rad_per_s(s);
  const tauPeak = wt / w;
  const ea = fit.params[names.ea].value;
  const lnTau0 = Math.LN10 * fit.params[names.tau0].value;
  const d = Math.log(tauPeak) - lnTau0;
  const sums = new Float64Array(3);
  rateSum(spectralDensity, rateTerms(s, convention), tauPeak, shape, sums, new Float64Array(3));
  const rate = Math.pow(10, fit.params[names.c].value) * sums[0];
  if (!(d > 0) || !(ea > 0)) return { temperature_K: null, omegaTau: wt, correlationTime_s: tauPeak, rate_per_s: rate };
  const t = ea / (BOLTZMANN_eV_per_K * d);
  const gradient: Record<string, number> = {
    [names.ea]: 1 / (BOLTZMANN_eV_per_K * d),
    [names.tau0]: (ea * Math.LN10) / (BOLTZMANN_eV_per_K * d * d),
  };
  if (names.beta && fit.params[names.beta].vary) {
    const h = 1e-5;
    const up = ratePeakOmegaTau(s, spectralDensity, shape + h, convention);
    const down = ratePeakOmegaTau(s, spectralDensity, shape - h, convention);
    if (up !== null && down !== null)
      gradient[names.beta] = (-ea / (BOLTZMANN_eV_per_K * d * d)) * ((Math.log(up) - Math.log(down)) / (2 * h));
  }
  return { temperature_K: { value: t, stderr: deltaSigma(fit, gradient) }, omegaTau: wt, correlationTime_s: tauPeak, rate_per_s: rate };
}
