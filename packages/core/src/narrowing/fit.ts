/**
 * Fitting a line-narrowing curve Δν(T) (Hendrickson–Bray or Abragam, see models.ts) to static line
 * widths: Ea, τ0, the rigid-lattice and narrowed widths with standard errors, the inflection point
 * (τc⁻¹ = 2π·W) with its temperature, the onset temperature and the Waugh–Fedin estimate from it,
 * Abragam's α as used, and the widths themselves with the fitted curve there.
 */
import { TEMPERATURE_EXPECTED, temperatureProblem } from '../physics/temperature';
import type { Estimate } from '../arrhenius/types';
import { InputError } from '../errors';
import { curveFit } from '../fit/curveFit';
import type { FitResult, ParamInput, ProvenanceInput, VectorModel } from '../fit/types';
import { BOLTZMANN_eV_per_K, KJ_PER_MOL_PER_EV } from '../physics/constants';
import { ABRAGAM_ALPHA, LINE_NARROWING_MODELS, LineNarrowingModelName, narrowingWidth, WAUGH_FEDIN_eV_per_K } from './models';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

export interface LinewidthPoint {
  temperature_K: number;
  /** Full width at half maximum of the static line, Hz. */
  linewidth_Hz: number;
  /** One standard deviation of the width, Hz. */
  sigma?: number;
}

export interface LinewidthSeries {
  nucleus?: string;
  points: LinewidthPoint[];
  label?: string;
}

type Setting = { value?: number; min?: number; max?: number; vary?: boolean };

export interface LineNarrowingOptions {
  /** Default 'hendrickson-bray'. */
  model?: LineNarrowingModelName;
  /** α of the Abragam model, held fixed. Default ABRAGAM_ALPHA = 1 (the same as params.alpha.value). */
  alpha?: number;
  /**
   * Start values/bounds: Ea (eV), tau0 (s), rigidLatticeWidth_Hz, narrowedWidth_Hz, and for the
   * Abragam model alpha (default { value: 1, vary: false, min: 0.01, max: 100 }). α can vary only
   * with τ0 fixed: the model holds them as the product α·τ0 (see models.ts).
   */
  params?: Partial<Record<'Ea' | 'tau0' | 'rigidLatticeWidth_Hz' | 'narrowedWidth_Hz' | 'alpha', Setting>>;
  /** The onset is where the width has fallen by this fraction of W − D. Default 0.1. */
  onsetFraction?: number;
  absoluteSigma?: boolean;
  source?: string;
  /** Files the widths were read from (name, sha256), recorded in the fit's provenance. */
  inputs?: ProvenanceInput[];
}

/** One fitted line width with the best-fit curve there (the fields of LinewidthPoint, σ null when absent). */
export interface LineNarrowingPoint {
  temperature_K: number;
  linewidth_Hz: number;
  /** One standard deviation of the width in Hz; null when the series gave none. */
  sigma: number | null;
  /** The fitted width at this temperature in Hz. */
  fit_Hz: number;
  /** (Δν − fit)/σ, or Δν − fit in Hz without σ: the squares sum to fit.stats.chiSquare. */
  normalizedResidual: number;
}

export interface LineNarrowingResult {
  schema: ResultSchema;
  kind: 'LineNarrowingResult';
  model: LineNarrowingModelName;
  fit: FitResult;
  /** Every line width given, in the order the series gave them. */
  points: LineNarrowingPoint[];
  /**
   * α of the Abragam model as used (fit parameter `alpha`, fixed unless params.alpha.vary), with
   * where its value came from; null for Hendrickson–Bray, which has no α.
   */
  abragamAlpha: { value: number; stderr: number | null; vary: boolean; note: string } | null;
  activationEnergy_eV: Estimate;
  activationEnergy_kJ_per_mol: Estimate;
  tau0_s: Estimate;
  /** log10 of τ0 in s, as fitted (tau0_s is 10^ of it). */
  log10tau0_s: Estimate;
  rigidLatticeWidth_Hz: Estimate;
  narrowedWidth_Hz: Estimate;
  /** Hendrickson–Bray's B = (W − D)/(1 + 1/(2πWτ0)) in Hz (null for Abragam). */
  hendricksonBrayB_Hz: Estimate | null;
  /**
   * Where τc⁻¹ = 2π·W, T = Ea/(kB·ln(1/(2πWτ0))): for Hendrickson–Bray the half-narrowed point and
   * the inflection of Δν against 1/T. Null when the curve does not narrow.
   */
  inflection: { temperature_K: Estimate; jumpRate_per_s: Estimate } | null;
  /** Where the fitted width has fallen by `fraction`·(W − D). */
  onset: { fraction: number; temperature_K: Estimate } | null;
  /** Ea ≈ 1.617e-3 eV/K · T_onset (Waugh–Fedin), to set beside the fitted Ea. */
  waughFedin: { activationEnergy_eV: Estimate } | null;
  warnings: string[];
}

const NAMES = ['Ea_eV', 'log10tau0_s', 'rigidLatticeWidth_Hz', 'narrowedWidth_Hz'] as const;
/** The fitted parameters of a model, in the order of p: NAMES, then alpha for Abragam. */
const parameterNames = (model: LineNarrowingModelName): string[] => (model === 'abragam' ? [...NAMES, 'alpha'] : [...NAMES]);
/** α from a parameter vector in that order (ABRAGAM_ALPHA for Hendrickson–Bray, where it is unused). */
const alphaIn = (p: ArrayLike<number>): number => (p.length > NAMES.length ? p[NAMES.length] : ABRAGAM_ALPHA);

interface CheckedWidths {
  t: Float64Array;
  w: Float64Array;
  sigma?: Float64Array;
  /** inputIndex[i]: where sorted width i stood in the series as given. */
  inputIndex: Int32Array;
}

export function checkSeries(series: LinewidthSeries, source: string): CheckedWidths {
  const pts = series?.points;
  if (!Array.isArray(pts))
    throw new InputError('points missing', { field: 'points', expected: 'an array of { temperature_K, linewidth_Hz, sigma? }', source });
  if (pts.length < 5)
    throw new InputError('fewer data points than parameters', {
      field: 'points',
      expected: 'at least 5 line widths (4 parameters)',
      found: `${pts.length}`,
      source,
    });
  const withSigma = pts.filter((p) => p.sigma !== undefined && p.sigma !== null).length;
  if (withSigma && withSigma !== pts.length)
    throw new InputError('sigma given for some points but not all', {
      field: 'points[].sigma',
      expected: 'σ for every point or none',
      found: `${withSigma} of ${pts.length}`,
      source,
    });
  const order = pts.map((_, i) => i).sort((a, b) => pts[a].temperature_K - pts[b].temperature_K);
  pts.forEach((p, i) => {
    const temperature = temperatureProblem(p.temperature_K);
    if (temperature) {
      throw new InputError(temperature, {
        field: `points[${i}].temperature_K`,
        expected: TEMPERATURE_EXPECTED,
        found: String(p.temperature_K),
        source,
      });
    }
    if (!(typeof p.linewidth_Hz === 'number' && p.linewidth_Hz > 0 && Number.isFinite(p.linewidth_Hz))) {
      throw new InputError('line width must be positive', {
        field: `points[${i}].linewidth_Hz`,
        expected: 'a width > 0 Hz',
        found: String(p.linewidth_Hz),
        source,
      });
    }
    if (withSigma && !(typeof p.sigma === 'number' && p.sigma > 0 && Number.isFinite(p.sigma))) {
      throw new InputError('standard deviation must be positive', {
        field: `points[${i}].sigma`,
        expected: 'σ > 0 Hz',
        found: String(p.sigma),
        source,
      });
    }
  });
  return {
    t: Float64Array.from(order, (i) => pts[i].temperature_K),
    w: Float64Array.from(order, (i) => pts[i].linewidth_Hz),
    ...(withSigma && { sigma: Float64Array.from(order, (i) => pts[i].sigma as number) }),
    inputIndex: Int32Array.from(order),
  };
}

/**
 * Start values read off the step: W and D from the plateaus (mean of the 2 coldest / hottest
 * widths), the half-way temperature T½ by interpolation in 1/T, Ea from the steepness there
 * (for the HB logistic in 1/T, dΔν/d(1/T) = (W − D)·Ea/(4kB) at T½), τ0 from α·τc⁻¹(T½) = 2πW
 * (α = 1 but for Abragam). With τ0 given (`givenLog10Tau0`), Ea from that same condition
 * instead: a steepness Ea far from it would leave only α to reach the step, and a false minimum.
 */
function startValues(t: Float64Array, w: Float64Array, alpha: number, givenLog10Tau0?: number): Record<(typeof NAMES)[number], number> {
  const n = t.length;
  const rigid = 0.5 * (w[0] + w[1]);
  const narrowed = 0.5 * (w[n - 1] + w[n - 2]);
  const half = 0.5 * (rigid + narrowed);
  let k = 0;
  while (k < n - 2 && w[k + 1] > half) k++;
  const u0 = 1 / t[k];
  const u1 = 1 / t[k + 1];
  const f = w[k] === w[k + 1] ? 0.5 : (w[k] - half) / (w[k] - w[k + 1]);
  const tHalf = 1 / (u0 + f * (u1 - u0));
  const steep = Math.abs((w[k] - w[k + 1]) / (u0 - u1));
  // ln(2πW/α) = −ln τc(T½) = −ln τ0 − Ea/kBT½
  const lnRate = Math.log((2 * Math.PI * rigid) / alpha);
  const fromTau0 = givenLog10Tau0 === undefined ? NaN : BOLTZMANN_eV_per_K * tHalf * (-Math.LN10 * givenLog10Tau0 - lnRate);
  let ea = fromTau0 > 0 ? fromTau0 : (4 * BOLTZMANN_eV_per_K * steep) / Math.max(rigid - narrowed, 1e-9);
  if (!(ea > 0.02 && ea < 3)) ea = WAUGH_FEDIN_eV_per_K * tHalf;
  const log10Tau0 = (-ea / (BOLTZMANN_eV_per_K * tHalf) - lnRate) / Math.LN10;
  return {
    Ea_eV: ea,
    log10tau0_s: Math.min(Math.max(log10Tau0, -19.5), -6.5),
    rigidLatticeWidth_Hz: rigid,
    narrowedWidth_Hz: Math.max(narrowed, 1e-3 * rigid),
  };
}

function narrowingModel(model: LineNarrowingModelName, t: Float64Array): VectorModel {
  const out = new Float64Array(5);
  const invKT = t.map((v) => 1 / (BOLTZMANN_eV_per_K * v));
  const names = parameterNames(model);
  return {
    name: model,
    formula:
      model === 'hendrickson-bray'
        ? 'dnu = D + (W - D)/(1 + exp(-Ea/(kB*T))/(tau0*2*pi*W))'
        : 'dnu^2 = D^2 + (W^2 - D^2)*(2/pi)*atan(alpha*2*pi*dnu*tau0*exp(Ea/(kB*T)))',
    parameterNames: names,
    units: {
      Ea_eV: 'eV',
      log10tau0_s: 'log10(s)',
      rigidLatticeWidth_Hz: 'Hz',
      narrowedWidth_Hz: 'Hz',
      ...(model === 'abragam' && { alpha: '' }),
    },
    evaluate(x, p, f) {
      const alpha = alphaIn(p);
      for (let i = 0; i < x.length; i++) {
        narrowingWidth(model, invKT[x[i]], p[0], p[1], p[2], p[3], alpha, out);
        f[i] = out[0];
      }
    },
    jacobian(x, p, f, jac) {
      const n = x.length;
      const alpha = alphaIn(p);
      for (let i = 0; i < n; i++) {
        narrowingWidth(model, invKT[x[i]], p[0], p[1], p[2], p[3], alpha, out);
        f[i] = out[0];
        for (let j = 0; j < 4; j++) jac[j * n + i] = out[j + 1];
        // α·τ0 is what the model holds: ∂Δν/∂α = (∂Δν/∂log10 τ0)/(α·ln 10)
        if (names.length > NAMES.length) jac[4 * n + i] = out[2] / (alpha * Math.LN10);
      }
    },
  };
}

/**
 * The α parameter of an Abragam fit (null for Hendrickson–Bray): ABRAGAM_ALPHA, or `alpha`, or
 * params.alpha, fixed unless params.alpha.vary, which needs τ0 fixed (only α·τ0 is determined).
 */
function alphaParameter(
  model: LineNarrowingModelName,
  options: LineNarrowingOptions,
  source: string,
): (ParamInput & { note: string }) | null {
  const setting = options.params?.alpha;
  if (options.alpha !== undefined && !(options.alpha > 0 && Number.isFinite(options.alpha))) {
    throw new InputError('α must be positive', { field: 'alpha', expected: 'α > 0 (of order 1)', found: String(options.alpha), source });
  }
  if (model !== 'abragam') {
    if (setting !== undefined)
      throw new InputError('the Hendrickson–Bray model has no α', {
        field: 'params.alpha',
        expected: "model: 'abragam', or no params.alpha",
        found: JSON.stringify(setting),
        source,
      });
    return null;
  }
  if (options.alpha !== undefined && setting?.value !== undefined && setting.value !== options.alpha) {
    throw new InputError('α given twice with different values', {
      field: 'params.alpha.value',
      expected: `one value: alpha (${options.alpha}) or params.alpha.value`,
      found: String(setting.value),
      source,
    });
  }
  const value = setting?.value ?? options.alpha ?? ABRAGAM_ALPHA;
  const lo = setting?.min ?? 0.01;
  const hi = setting?.max ?? 100;
  for (const [key, v] of [
    ['value', value],
    ['min', lo],
    ['max', hi],
  ] as const) {
    if (!(v > 0) || !Number.isFinite(v))
      throw new InputError('α must be positive', {
        field: `params.alpha.${key}`,
        expected: 'α > 0 (of order 1)',
        found: String(v),
        source,
      });
  }
  if (!(lo <= value && value <= hi))
    throw new InputError('α outside its bounds', {
      field: 'params.alpha',
      expected: `min ≤ value ≤ max`,
      found: `${lo} ≤ ${value} ≤ ${hi}`,
      source,
    });
  const vary = setting?.vary ?? false;
  const tau0 = options.params?.tau0;
  if (vary && (tau0?.vary ?? true)) {
    throw new InputError('α and τ0 enter the Abragam model only as the product α·τ0 and cannot both vary', {
      field: 'params.alpha.vary',
      expected: 'τ0 held fixed (params.tau0: { value, vary: false }, e.g. from a BPP rate fit) to fit α, or α fixed',
      found: 'alpha and tau0 both varied',
      source,
    });
  }
  const note = vary
    ? 'α fitted with τ0 held fixed (the widths determine α·τ0 only)'
    : value === ABRAGAM_ALPHA
      ? 'α held at 1: a constant of order unity in Abragam (1961) ch. X and Bloembergen, Purcell & Pound (1948); only α·τ0 enters the model'
      : `α held at ${value} as given; only α·τ0 enters the model`;
  return { value, min: lo, max: hi, vary, unit: '', note };
}

export function fitLineNarrowing(series: LinewidthSeries, options: LineNarrowingOptions = {}): LineNarrowingResult {
  const source = options.source ?? 'fitLineNarrowing';
  const model = options.model ?? 'hendrickson-bray';
  if (!LINE_NARROWING_MODELS.includes(model))
    throw new InputError('unknown line-narrowing model', {
      field: 'model',
      expected: `one of ${LINE_NARROWING_MODELS.join(', ')}`,
      found: JSON.stringify(model),
      source,
    });
  const alpha = alphaParameter(model, options, source);
  const fraction = options.onsetFraction ?? 0.1;
  if (!(fraction > 0 && fraction < 0.5))
    throw new InputError('onset fraction out of range', {
      field: 'onsetFraction',
      expected: '0 < fraction < 0.5',
      found: String(fraction),
      source,
    });
  const { t, w, sigma, inputIndex } = checkSeries(series, source);
  const givenTau0 = options.params?.tau0?.value;
  const start = startValues(
    t,
    w,
    alpha?.value ?? ABRAGAM_ALPHA,
    givenTau0 !== undefined && givenTau0 > 0 ? Math.log10(givenTau0) : undefined,
  );
  const user = options.params ?? {};
  const spec = (
    name: (typeof NAMES)[number],
    key: keyof NonNullable<LineNarrowingOptions['params']>,
    bounds: [number, number],
  ): ParamInput => {
    const s = user[key] ?? {};
    const conv = (v: number | undefined) => (v === undefined ? undefined : key === 'tau0' ? Math.log10(v) : v);
    if (key === 'tau0') {
      for (const f of ['value', 'min', 'max'] as const) {
        const v = s[f];
        if (v !== undefined && !(v > 0))
          throw new InputError('τ0 must be positive', { field: `params.tau0.${f}`, expected: 'τ0 > 0 in s', found: String(v), source });
      }
    }
    const lo = conv(s.min) ?? bounds[0];
    const hi = conv(s.max) ?? bounds[1];
    return { value: conv(s.value) ?? Math.min(Math.max(start[name], lo), hi), min: lo, max: hi, vary: s.vary ?? true };
  };
  const wMax = Math.max(...w);
  const params: Record<string, ParamInput> = {
    Ea_eV: spec('Ea_eV', 'Ea', [0, 5]),
    log10tau0_s: spec('log10tau0_s', 'tau0', [-20, -6]),
    rigidLatticeWidth_Hz: spec('rigidLatticeWidth_Hz', 'rigidLatticeWidth_Hz', [0, 100 * wMax]),
    narrowedWidth_Hz: spec('narrowedWidth_Hz', 'narrowedWidth_Hz', [0, 100 * wMax]),
  };
  if (alpha) params.alpha = { value: alpha.value, min: alpha.min, max: alpha.max, vary: alpha.vary, unit: alpha.unit };
  const fit = curveFit(
    { x: Float64Array.from(t, (_, i) => i), y: w, sigma, model: narrowingModel(model, t), params },
    { absoluteSigma: options.absoluteSigma ?? false, source, name: `line narrowing (${model})`, inputs: options.inputs ?? [] },
  );
  const est = (name: string): Estimate => ({ value: fit.params[name].value, stderr: fit.params[name].stderr });
  const ea = est('Ea_eV');
  const l = est('log10tau0_s');
  const rigid = est('rigidLatticeWidth_Hz');
  const narrowed = est('narrowedWidth_Hz');
  const tau0 = { value: Math.pow(10, l.value), stderr: l.stderr === null ? null : Math.pow(10, l.value) * Math.LN10 * l.stderr };
  // τc⁻¹(T) = 2πW at T = Ea/(kB·ln(1/(2πWτ0))); the onset is where the fitted curve crosses W − f·(W − D)
  const inflectionT = (p: ArrayLike<number>) => p[0] / (BOLTZMANN_eV_per_K * -(Math.LN10 * p[1] + Math.log(2 * Math.PI * p[2])));
  const onsetT = (p: ArrayLike<number>) => crossingTemperature(model, p, p[2] - fraction * (p[2] - p[3]));
  const names = parameterNames(model);
  const best = names.map((n) => fit.params[n].value);
  const onset = withDelta(fit, names, best, onsetT);
  const inflection = withDelta(fit, names, best, inflectionT);
  const warnings = [...fit.warnings];
  if (onset === null || inflection === null)
    warnings.push('the fitted curve does not narrow (W ≤ D, or τc⁻¹ never reaches 2πW): no onset or inflection temperature');
  return {
    schema: RESULT_SCHEMA,
    kind: 'LineNarrowingResult',
    model,
    fit,
    points: fittedPoints(fit, t, w, sigma, inputIndex),
    abragamAlpha: alpha && {
      value: fit.params.alpha.value,
      stderr: fit.params.alpha.stderr,
      vary: fit.params.alpha.vary,
      note: alpha.note,
    },
    activationEnergy_eV: ea,
    activationEnergy_kJ_per_mol: { value: ea.value * KJ_PER_MOL_PER_EV, stderr: ea.stderr === null ? null : ea.stderr * KJ_PER_MOL_PER_EV },
    tau0_s: tau0,
    log10tau0_s: l,
    rigidLatticeWidth_Hz: rigid,
    narrowedWidth_Hz: narrowed,
    hendricksonBrayB_Hz:
      model === 'hendrickson-bray'
        ? withDelta(fit, names, best, (p) => (p[2] - p[3]) / (1 + 1 / (2 * Math.PI * p[2] * Math.pow(10, p[1]))))
        : null,
    inflection: inflection && {
      temperature_K: inflection,
      jumpRate_per_s: { value: 2 * Math.PI * rigid.value, stderr: rigid.stderr === null ? null : 2 * Math.PI * rigid.stderr },
    },
    onset: onset && { fraction, temperature_K: onset },
    waughFedin: onset && {
      activationEnergy_eV: {
        value: WAUGH_FEDIN_eV_per_K * onset.value,
        stderr: onset.stderr === null ? null : WAUGH_FEDIN_eV_per_K * onset.stderr,
      },
    },
    warnings,
  };
}

/** The widths back in the order the series gave them, each with the fitted width and its normalised residual. */
export function fittedPoints(
  fit: FitResult,
  t: Float64Array,
  w: Float64Array,
  sigma: Float64Array | undefined,
  inputIndex: Int32Array,
): LineNarrowingPoint[] {
  const points = new Array<LineNarrowingPoint>(t.length);
  t.forEach((temperature_K, i) => {
    points[inputIndex[i]] = {
      temperature_K,
      linewidth_Hz: w[i],
      sigma: sigma ? sigma[i] : null,
      fit_Hz: fit.bestFit[i],
      normalizedResidual: fit.residuals[i] / (sigma ? sigma[i] : 1),
    };
  });
  return points;
}

/** The temperature where the fitted width equals level(p), by bisection in 1/T (Δν rises with 1/T). */
function crossingTemperature(model: LineNarrowingModelName, p: ArrayLike<number>, target: number): number {
  const out = new Float64Array(5);
  const alpha = alphaIn(p);
  const width = (u: number) => {
    narrowingWidth(model, u / BOLTZMANN_eV_per_K, p[0], p[1], p[2], p[3], alpha, out);
    return out[0];
  };
  let lo = 1e-6; // 1/T in 1/K: from 1e6 K ...
  let hi = 1; // ... to 1 K
  if (!(width(lo) < target && width(hi) > target)) return NaN;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const mid = Math.sqrt(lo * hi);
    if (width(mid) < target) lo = mid;
    else hi = mid;
  }
  return 1 / Math.sqrt(lo * hi);
}

/** g(p̂) with σ by the delta method (central-difference gradient, covariance of the varied parameters); null when g(p̂) is not finite. */
function withDelta(fit: FitResult, names: readonly string[], best: number[], g: (p: ArrayLike<number>) => number): Estimate | null {
  const value = g(best);
  if (!Number.isFinite(value) || !(value > 0)) return null;
  const grad: number[] = [];
  for (const name of fit.varyNames) {
    const j = names.indexOf(name);
    const h = 1e-6 * Math.max(Math.abs(best[j]), 1e-3);
    const up = [...best];
    const down = [...best];
    up[j] += h;
    down[j] -= h;
    grad.push((g(up) - g(down)) / (2 * h));
  }
  if (fit.varyNames.some((n) => fit.params[n].stderr === null) || fit.covariance.length !== grad.length) return { value, stderr: null };
  let v = 0;
  for (let a = 0; a < grad.length; a++) for (let b = 0; b < grad.length; b++) v += grad[a] * grad[b] * fit.covariance[a][b];
  return { value, stderr: Number.isFinite(v) ? Math.sqrt(Math.max(v, 0)) : null };
}
