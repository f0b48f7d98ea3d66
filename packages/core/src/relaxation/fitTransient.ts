/**
 * Fitting a magnetisation transient (T1 saturation/inversion recovery, T1ρ spin-lock, T2) with a
 * named model, automatic start values, and the comparison that says which model the data justify.
 */
import { InputError } from '../errors';
import { compareFits, ModelComparison } from '../fit/compare';
import { curveFit } from '../fit/curveFit';
import type { CurveFitOptions, FitResult, ParamInput, VectorModel } from '../fit/types';
import { constantDataReason, DATA_SCALE_MAX, DATA_SCALE_MIN, finiteArray } from '../fit/validate';
import {
  DEFAULT_MODEL,
  TransientExperiment,
  TRANSIENT_MODEL_NAMES,
  TRANSIENT_MODELS,
  TransientModelEntry,
  TransientModelName,
} from './catalogue';

/** The part of a Transient (docs/ARCHITECTURE.md, "Data model") that a fit needs. */
export interface TransientInput {
  experiment?: TransientExperiment;
  delay_s: ArrayLike<number>;
  signal: ArrayLike<number>;
  sigma?: ArrayLike<number>;
  source?: { file?: string; sha256?: string };
}

export interface TransientModelChoice {
  /** Named model; default from the experiment (saturation-recovery for T1-saturation, ...). */
  model?: TransientModelName;
  /** Start values or bounds: a number sets the start value, an object is merged with the defaults. */
  params?: Record<string, number | Partial<ParamInput>>;
  /** Parameters to vary that are fixed by default, e.g. ['a', 'gamma']. */
  vary?: string[];
  /** Parameters to fix at their start value. */
  fix?: string[];
}

export type FitTransientOptions = TransientModelChoice & Omit<CurveFitOptions, 'name' | 'units'>;

export interface TransientFitSpec {
  model: VectorModel;
  modelName: TransientModelName;
  params: Record<string, ParamInput>;
  delay_s: Float64Array;
  signal: Float64Array;
  sigma?: Float64Array;
  source: string;
}

/**
 * Delays must be positive (and within 1e±100 s, as data must be: fit/validate.ts). Repeated delays (repeat measurements at one delay, normal practice)
 * are fitted as they are, each repeat one observation: the standard least-squares treatment. With
 * k_i repeats y_ir at delay t_i,
 *   Σ_i Σ_r (y_ir − f(t_i))²/σ² = Σ_i k_i·(ȳ_i − f(t_i))²/σ² + Σ_i Σ_r (y_ir − ȳ_i)²/σ²,
 * so the estimates equal those of a fit to the means ȳ_i with σ/√k_i, and the second sum (the
 * repeats' pure-error scatter) stays in χ², where the reduced χ² that scales the uncertainties
 * sees it (Bevington & Robinson, Data Reduction and Error Analysis, 3rd ed., §6.3 and §7.1).
 * Averaging the repeats with their own scatter as σ instead would weight each mean by a σ
 * estimated from 2 or 3 values (unreliable, and 0 when the repeats agree to the last digit).
 * Whether the distinct delays determine the parameters is the fit's rank check (fit/result.ts).
 * Order does not matter (a shuffled vdlist is read as it was measured).
 */
export function checkDelays(t: Float64Array, source: string): void {
  for (let i = 0; i < t.length; i++) {
    if (!(t[i] > 0))
      throw new InputError('delay must be positive', { field: `delay_s[${i}]`, expected: 'a delay > 0 s', found: String(t[i]), source });
    // the start-value grid runs from min(t)/3 to 3·max(t): past 1e±100 s it overflows and the
    // error blamed a start value the user never gave (found by the fast-check property)
    if (t[i] < DATA_SCALE_MIN || t[i] > DATA_SCALE_MAX)
      throw new InputError('delay out of the range a fit can represent', {
        field: `delay_s[${i}]`,
        expected: `a delay between ${DATA_SCALE_MIN} and ${DATA_SCALE_MAX} s (a unit mix-up or a corrupted number)`,
        found: String(t[i]),
        source,
      });
  }
}

function sourceOf(t: TransientInput, options: { source?: string }): string {
  return options.source ?? t.source?.file ?? 'transient';
}

/** The delays, signal and σ of a transient, checked (finite, one signal value per delay, delays valid): every analysis of a transient starts here. */
export function transientArrays(
  transient: TransientInput,
  source: string,
): { t: Float64Array; y: Float64Array; sigma: Float64Array | undefined } {
  if (transient === null || typeof transient !== 'object') {
    throw new InputError('no transient given', { field: 'transient', expected: '{ delay_s, signal }', source });
  }
  const t = finiteArray(transient.delay_s, 'delay_s', source);
  const y = finiteArray(transient.signal, 'signal', source);
  if (y.length !== t.length) {
    throw new InputError('signal and delay_s differ in length', {
      field: 'signal',
      expected: `${t.length} values (as delay_s)`,
      found: `${y.length}`,
      source,
    });
  }
  checkDelays(t, source);
  const sigma = transient.sigma !== undefined ? finiteArray(transient.sigma, 'sigma', source) : undefined;
  return { t, y, sigma };
}

/** Check the transient and resolve model, start values, bounds and fixed parameters. */
export function transientFitSpec(transient: TransientInput, choice: TransientModelChoice & { source?: string } = {}): TransientFitSpec {
  const source = sourceOf(transient, choice);
  const { t, y, sigma } = transientArrays(transient, source);

  const modelName = choice.model ?? (transient.experiment ? DEFAULT_MODEL[transient.experiment] : undefined);
  const resolved = resolveModelChoice(modelName, choice, source);
  const params = resolveParams(
    resolved,
    resolved.entry.startParams(
      t,
      y,
      sigma?.map((s) => 1 / s),
      resolved.fixed,
    ),
  );
  return { model: resolved.entry.model, modelName: resolved.modelName, params, delay_s: t, signal: y, sigma, source };
}

export interface ResolvedModelChoice {
  modelName: TransientModelName;
  entry: TransientModelEntry;
  vary: Set<string>;
  /** Values of the parameters that stay fixed (user's, else the model's defaults). */
  fixed: Record<string, number>;
  overrides: Record<string, number | Partial<ParamInput>>;
}

const valueOf = (o: number | Partial<ParamInput> | undefined): number | undefined => (typeof o === 'number' ? o : o?.value);

/** Which model, which parameters vary, and the values of the fixed ones; checks every name. */
export function resolveModelChoice(
  modelName: TransientModelName | undefined,
  choice: TransientModelChoice,
  source: string,
): ResolvedModelChoice {
  if (!modelName) {
    throw new InputError('no model named and no experiment type to choose one from', {
      field: 'model',
      expected: TRANSIENT_MODEL_NAMES.join(', '),
      source,
    });
  }
  const entry = TRANSIENT_MODELS[modelName];
  if (!entry)
    throw new InputError('unknown transient model', {
      field: 'model',
      expected: TRANSIENT_MODEL_NAMES.join(', '),
      found: String(modelName),
      source,
    });
  const names = entry.model.parameterNames;
  const overrides = choice.params ?? {};
  for (const name of [...Object.keys(overrides), ...(choice.vary ?? []), ...(choice.fix ?? [])]) {
    if (!names.includes(name)) {
      throw new InputError(`unknown parameter '${name}' for model ${modelName}`, {
        field: `params.${name}`,
        expected: names.join(', '),
        source,
      });
    }
  }
  const vary = new Set(entry.varyByDefault);
  for (const name of choice.vary ?? []) vary.add(name);
  for (const name of choice.fix ?? []) vary.delete(name);
  for (const [name, o] of Object.entries(overrides)) {
    if (typeof o === 'object' && o.vary !== undefined) {
      if (o.vary) vary.add(name);
      else vary.delete(name);
    }
  }
  const fixed: Record<string, number> = {};
  for (const name of names) {
    if (vary.has(name)) continue;
    const v = valueOf(overrides[name]) ?? entry.fixedDefaults[name];
    if (v !== undefined) fixed[name] = v;
  }
  return { modelName, entry, vary, fixed, overrides };
}

/** Automatic start values and bounds, overridden by what the user gave. */
export function resolveParams(resolved: ResolvedModelChoice, start: Record<string, ParamInput>): Record<string, ParamInput> {
  const params: Record<string, ParamInput> = {};
  for (const name of resolved.entry.model.parameterNames) {
    const o = resolved.overrides[name];
    const merged: ParamInput = { ...start[name], ...(typeof o === 'object' ? o : {}), vary: resolved.vary.has(name) };
    const v = valueOf(o);
    if (v !== undefined) merged.value = v;
    else if (!merged.vary && resolved.fixed[name] !== undefined) merged.value = resolved.fixed[name];
    // a user's start value outside the default bounds widens them rather than failing
    if (v !== undefined && typeof o !== 'object') {
      if (merged.min !== undefined && merged.min !== null && v < merged.min) merged.min = undefined;
      if (merged.max !== undefined && merged.max !== null && v > merged.max) merged.max = undefined;
    }
    params[name] = merged;
  }
  return params;
}

/**
 * Stopping tolerance of transient fits. Near the optimum the predicted reduction of χ² by a
 * Gauss–Newton step is ½·Σ(δ_j/σ_j)²·χ²/dof, so stopping when it falls below ftol·χ²/2 leaves every
 * parameter within √(ftol·dof) standard errors of the exact optimum: with 1e-10 and up to 100
 * delays that is 1e-4 σ, far below any statistical meaning, and measured on the benchmark set
 * χ² lies within 1e-12 (relative) of the fully converged value. The engine's own default (1e-15)
 * is meant for certified reference problems (NIST StRD) and costs two more evaluations per fit.
 */
export const TRANSIENT_FTOL = 1e-10;

/** Fit one transient; everything but the data is optional. */
export function fitTransient(transient: TransientInput, options: FitTransientOptions = {}): FitResult {
  const spec = transientFitSpec(transient, options);
  const { model: _m, params: _p, vary: _v, fix: _f, ...fitOptions } = options;
  const inputs = fitOptions.inputs ?? (transient.source?.file ? [{ name: transient.source.file, sha256: transient.source.sha256 }] : []);
  const fit = curveFit(
    { x: spec.delay_s, y: spec.signal, sigma: spec.sigma, model: spec.model, params: spec.params },
    { curvePoints: 200, ftol: TRANSIENT_FTOL, ...fitOptions, source: spec.source, name: spec.modelName, inputs },
  );
  // a signal that does not change says nothing about T1, whatever the solver reports
  const constant = constantDataReason(spec.signal);
  return constant ? { ...fit, converged: false, message: constant, warnings: [...fit.warnings, `not a result: ${constant}`] } : fit;
}

/** The candidates compared by default: nested variants of the family, and its two-component form. */
export function defaultCandidates(model: TransientModelName): TransientModelChoice[] {
  switch (model) {
    case 'saturation-recovery':
    case 'inversion-recovery':
      return [
        { model },
        { model, vary: ['a'] },
        { model, vary: ['gamma'] },
        { model, vary: ['a', 'gamma'] },
        { model: model === 'saturation-recovery' ? 'saturation-recovery-2' : 'inversion-recovery-2', vary: ['a'] },
      ];
    case 'inversion-recovery-magnitude':
      return [{ model }, { model, vary: ['a'] }, { model, vary: ['gamma'] }, { model, vary: ['a', 'gamma'] }];
    case 'spin-lock':
    case 't2-decay':
      return [
        { model },
        { model, vary: ['kappa'] },
        { model, vary: ['c'] },
        { model, vary: ['kappa', 'c'] },
        { model: model === 'spin-lock' ? 'spin-lock-2' : 't2-decay-2', vary: ['c'] },
      ];
    default:
      return [{ model }];
  }
}

export interface TransientComparison {
  fits: FitResult[];
  comparison: ModelComparison;
}

/**
 * Fit several candidate models to one transient and say which the data justify (BIC, AIC/AICc,
 * F-tests of nested variants). Default candidates: defaultCandidates(model of the experiment).
 */
export function compareTransientModels(
  transient: TransientInput,
  candidates?: TransientModelChoice[],
  options: Omit<FitTransientOptions, keyof TransientModelChoice> = {},
): TransientComparison {
  let list = candidates;
  if (!list) {
    const base = transientFitSpec(transient, { source: options.source }).modelName;
    list = defaultCandidates(base);
  }
  const fits = list.map((c) => fitTransient(transient, { ...options, ...c }));
  return { fits, comparison: compareFits(fits) };
}
