/**
 * Complex nonlinear least squares of an equivalent circuit to an impedance spectrum.
 *
 * Real and imaginary residuals are stacked into one vector of 2N (J. R. Macdonald, Impedance
 * Spectroscopy, Wiley 1987, §3.2.2; impedance.py does the same), fitted by curveFit's
 * Levenberg–Marquardt with the exact complex Jacobian of circuit.ts. Weighting (σ of each residual):
 *
 * - 'unit':         σ = 1 for both parts — plain complex least squares, impedance.py's default
 *                   (`CustomCircuit.fit` without `weight_by_modulus`). This is what reproduces the
 *                   reference table of the dummy cells in shared/data/README.md.
 * - 'modulus':      σ_re = σ_im = |Z_i| (Boukamp, Solid State Ionics 20, 31 (1986)): every decade
 *                   of |Z| counts alike, so the small high-frequency (bulk) arc of an ion conductor
 *                   is not drowned by the large low-frequency electrode response.
 * - 'proportional': σ_re = |Z′_i|, σ_im = |Z″_i| (Orazem & Tribollet, EIS 2nd ed., ch. 19); a point
 *                   with Z″ = 0 exactly cannot be weighted this way and is refused.
 *
 * Parameters are kept positive by bounds (min 0; CPE exponents in [0, 1]), not by a log
 * transform: the solver keeps its steps inside the bounds (truncated short of them) and evaluates only there, so the Jacobian
 * and the covariance are those of the physical parameters. Standard errors come from the
 * covariance scaled by the reduced χ² (the weights above are relative), as scipy's curve_fit and
 * therefore impedance.py report them.
 *
 * Starts. A circuit with one process (one block, or elements in series) starts from the values
 * read off the spectrum (startValues.ts). With more than one block, a diffusion element, or a
 * block beside a capacitive element in series (an electrode C or CPE, whose spike can swallow
 * the block's apex) the χ² surface has several minima (one per assignment of arcs to blocks,
 * hidden arcs placed above, between or below the visible ones, a block shorted out), so the fit is
 * run from that start and from the best candidates of a global search over time constants
 * (startGrid.ts), plus any starts the caller adds (a neighbouring temperature), and the lowest χ²
 * wins; the result says how many starts were tried and what each reached.
 *
 * Canonical order. Interchangeable blocks (same structure, in series: blocks.ts) are returned
 * sorted by time constant, fastest first, whatever order the start or the optimiser produced;
 * names keep the written order, values and their covariance are permuted.
 */
import { InputError } from '../errors';
import { curveFit } from '../fit/curveFit';
import type { LevenbergMarquardtOptions } from '../fit/levenbergMarquardt';
import type { FitResult, ParamInput, VectorModel } from '../fit/types';
import { canonicalBlockPermutation, circuitBlocks } from './blocks';
import { Circuit, circuitImpedance, circuitImpedanceWithDerivatives, parseCircuit } from './circuit';
import { residualStructure, ResidualStructure } from './residualChecks';
import { CheckedSpectrum, checkSpectrum, SpectrumData } from './spectrum';
import { gridStarts } from './startGrid';
import { estimateStartValues } from './startValues';
import type { Estimate, ImpedanceSpectrum } from './types';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

export type ImpedanceWeighting = 'unit' | 'modulus' | 'proportional';

export const IMPEDANCE_WEIGHTINGS: readonly ImpedanceWeighting[] = ['modulus', 'proportional', 'unit'];

export interface CircuitFitOptions {
  /** Default 'modulus' (see above); 'unit' reproduces impedance.py's default fits. */
  weighting?: ImpedanceWeighting;
  /**
   * Per-parameter overrides: a start value, or {value?, min?, max?, vary?}. Parameters not given
   * start from the spectrum (startValues.ts) with the default bounds.
   */
  params?: Record<string, number | Partial<ParamInput>>;
  /** Fit only frequencies inside [low, high] Hz. */
  frequencyRange_Hz?: [number, number];
  /** Named in error messages (a file path, a CLI flag). */
  source?: string;
  solver?: LevenbergMarquardtOptions;
  /**
   * 'auto' (default): several starts when the circuit has more than one parallel block or a
   * diffusion element (see the file comment); 'single': only the start read off the spectrum.
   */
  starts?: 'auto' | 'single';
  /** Further starts, tried in addition (e.g. the result at a neighbouring temperature). */
  extraStarts?: LabelledStart[];
}

export interface LabelledStart {
  /** Shown in the result, e.g. 'continuation from 413.15 K'. */
  label: string;
  /** Start value by parameter name; parameters not given take the spectrum's own start. */
  values: Record<string, number>;
}

/** How one start ended. */
export interface StartOutcome {
  label: string;
  chiSquare: number;
  converged: boolean;
}

export interface StartsSummary {
  /** Every start fitted, in the order tried. */
  outcomes: StartOutcome[];
  /** Label of the start whose fit is returned (the lowest χ²). */
  chosen: string;
  /** Starts whose χ² is within 1e-6 (relative) of the lowest. */
  reachedBest: number;
  /** Combinations of time constants screened by the global search (0 without it). */
  screened: number;
}

export interface CircuitParameter extends Estimate {
  unit: string;
  /** Where the fit started. */
  initial: number;
}

export interface CircuitFitResult {
  schema: ResultSchema;
  kind: 'CircuitFitResult';
  circuit: string;
  weighting: ImpedanceWeighting;
  parameters: Record<string, CircuitParameter>;
  /** Fitted frequencies and the model at them. */
  frequency_Hz: number[];
  zFitReal_ohm: number[];
  zFitImag_ohm: number[];
  /** (Z − Ẑ)/|Z| per frequency, real and imaginary part: the residual plot of EIS papers. */
  relativeResiduals: { real: number[]; imag: number[] };
  temperature_K?: number;
  /**
   * The underlying least-squares result. Its data are the stacked residual vector: x holds the
   * frequencies twice (first N for Z′, next N for Z″), y = [Z′..., Z″...].
   */
  fit: FitResult;
  converged: boolean;
  /** The starts tried (one unless the circuit asks for several, see the file comment). */
  starts: StartsSummary;
  /** Interchangeable blocks whose values were put into canonical order (fastest first); empty when none moved. */
  blockOrder: string[];
  /** Runs tests of the residuals (structure the circuit misses). */
  residuals: ResidualStructure;
  warnings: string[];
}

/** Default bounds: everything positive, CPE exponents between a resistor (0) and a capacitor (1). */
function defaultBounds(name: string, circuit: Circuit): { min: number; max: number } {
  const cpe = circuit.elements.find((e) => e.type === 'CPE' && e.parameters[1] === name);
  return cpe ? { min: 0, max: 1 } : { min: 0, max: Infinity };
}

export function fitCircuit(
  spectrum: SpectrumData | ImpedanceSpectrum,
  circuitOrText: Circuit | string,
  options: CircuitFitOptions = {},
): CircuitFitResult {
  const source = options.source ?? 'fitCircuit';
  const circuit = typeof circuitOrText === 'string' ? parseCircuit(circuitOrText, source) : circuitOrText;
  const weighting = checkWeighting(options.weighting, source);
  const data = checkSpectrum(spectrum, source, options.frequencyRange_Hz);
  const n = data.frequency_Hz.length;
  const overrides = options.params ?? {};
  for (const name of Object.keys(overrides)) {
    if (!circuit.parameterNames.includes(name)) {
      throw new InputError(`unknown parameter '${name}' for circuit ${circuit.text}`, {
        field: `params.${name}`,
        expected: `one of ${circuit.parameterNames.join(', ')}`,
        source,
      });
    }
  }
  const nvar = circuit.parameterNames.filter((name) => {
    const o = overrides[name];
    return !(typeof o === 'object' && o !== null && o.vary === false);
  }).length;
  if (n < nvar) {
    throw new InputError('fewer frequencies than fitted parameters', {
      field: 'frequency_Hz',
      expected: `at least ${nvar} frequencies for the ${nvar} parameters of ${circuit.text}`,
      found: `${n}`,
      source,
    });
  }

  const sigma = residualSigma(data, weighting, source);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[i] = x[n + i] = data.frequency_Hz[i];
    y[i] = data.zReal_ohm[i];
    y[n + i] = data.zImag_ohm[i];
  }
  const model = circuitModel(circuit);
  const candidates = startCandidates(circuit, data, sigma, options);
  const runs = candidates.starts.map((candidate) => ({
    label: candidate.label,
    fit: curveFit(
      { x, y, sigma: weighting === 'unit' ? undefined : sigma, model, params: startParams(circuit, candidate.values, overrides) },
      { ...options.solver, source, name: `circuit ${circuit.text}` },
    ),
  }));
  const winner = runs.reduce((a, b) => (b.fit.stats.chiSquare < a.fit.stats.chiSquare ? b : a));
  const outcomes: StartOutcome[] = runs.map((r) => ({ label: r.label, chiSquare: r.fit.stats.chiSquare, converged: r.fit.converged }));
  const bestChi = winner.fit.stats.chiSquare;
  const reachedBest = outcomes.filter((o) => o.chiSquare <= bestChi * (1 + 1e-6)).length;
  const { fit, exchanged } = canonicalOrder(circuit, winner.fit);
  const chosen = winner.label;

  const temperature_K = 'temperature_K' in spectrum ? spectrum.temperature_K : undefined;
  return assembleCircuitFit(
    circuit,
    weighting,
    data,
    fit,
    temperature_K,
    { outcomes, chosen, reachedBest, screened: candidates.screened },
    exchanged,
  );
}

/**
 * The CircuitFitResult of a finished least-squares fit: the model at the data's frequencies, the
 * relative residuals and their runs tests, parameters by name. Used by fitCircuit and for each
 * spectrum's view of a global fit (globalFit.ts).
 */
export function assembleCircuitFit(
  circuit: Circuit,
  weighting: ImpedanceWeighting,
  data: CheckedSpectrum,
  fit: FitResult,
  temperature_K: number | undefined,
  starts: StartsSummary,
  blockOrder: string[],
): CircuitFitResult {
  const n = data.frequency_Hz.length;
  const best = circuitImpedance(
    circuit,
    data.frequency_Hz,
    circuit.parameterNames.map((name) => fit.params[name].value),
  );
  const relReal: number[] = [];
  const relImag: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = Math.hypot(data.zReal_ohm[i], data.zImag_ohm[i]);
    relReal.push((data.zReal_ohm[i] - best.zReal_ohm[i]) / m);
    relImag.push((data.zImag_ohm[i] - best.zImag_ohm[i]) / m);
  }
  const parameters: Record<string, CircuitParameter> = {};
  for (const name of circuit.parameterNames) {
    const p = fit.params[name];
    parameters[name] = { value: p.value, stderr: p.stderr, unit: p.unit, initial: p.initial };
  }
  const structure = residualStructure(data.frequency_Hz, relReal, relImag);
  return {
    schema: RESULT_SCHEMA,
    kind: 'CircuitFitResult',
    circuit: circuit.text,
    weighting,
    parameters,
    frequency_Hz: Array.from(data.frequency_Hz),
    zFitReal_ohm: Array.from(best.zReal_ohm),
    zFitImag_ohm: Array.from(best.zImag_ohm),
    relativeResiduals: { real: relReal, imag: relImag },
    ...(temperature_K !== undefined && { temperature_K }),
    fit,
    converged: fit.converged,
    starts,
    blockOrder,
    residuals: structure,
    warnings: [...fit.warnings, ...structure.warnings],
  };
}

/** The weighting asked for (default 'modulus'), or an InputError naming the field. */
export function checkWeighting(weighting: ImpedanceWeighting | undefined, source: string): ImpedanceWeighting {
  const w = weighting ?? 'modulus';
  if (!IMPEDANCE_WEIGHTINGS.includes(w)) {
    throw new InputError('unknown weighting', {
      field: 'weighting',
      expected: IMPEDANCE_WEIGHTINGS.join(', '),
      found: JSON.stringify(w),
      source,
    });
  }
  return w;
}

/** σ of each stacked residual [Z′..., Z″...] for the weighting (1 for 'unit'). */
export function residualSigma(data: CheckedSpectrum, weighting: ImpedanceWeighting, source: string): Float64Array {
  const n = data.frequency_Hz.length;
  const sigma = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const re = data.zReal_ohm[i];
    const im = data.zImag_ohm[i];
    if (weighting === 'unit') {
      sigma[i] = sigma[n + i] = 1;
    } else if (weighting === 'modulus') {
      sigma[i] = sigma[n + i] = Math.hypot(re, im);
    } else {
      sigma[i] = Math.abs(re);
      sigma[n + i] = Math.abs(im);
    }
    for (const k of [i, n + i]) {
      if (!(sigma[k] > 0)) {
        const part = weighting === 'modulus' ? '|Z|' : k < n ? 'Z′' : 'Z″';
        throw new InputError(`${weighting} weighting divides by ${part}, which is 0 here`, {
          field: `${k < n ? 'zReal_ohm' : 'zImag_ohm'}[${i}]`,
          expected: weighting === 'modulus' ? 'a nonzero impedance' : 'a nonzero value, or weighting "modulus" or "unit"',
          found: `0 at ${data.frequency_Hz[i]} Hz`,
          source,
        });
      }
    }
  }
  return sigma;
}

/** The starts to fit from: the spectrum's own, the grid's best (when the circuit needs them) and the caller's. */
function startCandidates(
  circuit: Circuit,
  data: CheckedSpectrum,
  sigma: Float64Array,
  options: CircuitFitOptions,
): { starts: LabelledStart[]; screened: number } {
  const own = estimateStartValues(circuit, data);
  const starts: LabelledStart[] = [{ label: 'read off the spectrum', values: own }];
  let screened = 0;
  const mode = options.starts ?? 'auto';
  if (mode !== 'auto' && mode !== 'single') {
    throw new InputError('unknown start mode', {
      field: 'starts',
      expected: "'auto' or 'single'",
      found: JSON.stringify(mode),
      source: options.source ?? 'fitCircuit',
    });
  }
  const blocks = circuitBlocks(circuit);
  const topLevel = circuit.root.kind === 'series' ? circuit.root.children : [circuit.root];
  const capacitiveInSeries = topLevel.some((n) => n.kind === 'element' && (n.type === 'C' || n.type === 'CPE'));
  const needsSeveral =
    blocks.length > 1 ||
    circuit.elements.some((e) => e.type === 'W' || e.type === 'Wo' || e.type === 'Ws') ||
    (blocks.length === 1 && capacitiveInSeries);
  if (mode === 'auto' && needsSeveral) {
    const grid = gridStarts(circuit, data, sigma);
    if (grid) {
      screened = grid.screened;
      grid.starts.forEach((g, k) => {
        const where = Object.entries(g.timeConstants_s)
          .map(([name, tau]) => `${name} τ ${tau.toExponential(1)} s`)
          .join(', ');
        starts.push({ label: `time-constant grid #${k + 1} (${where})`, values: { ...own, ...g.values } });
      });
    }
  }
  for (const extra of options.extraStarts ?? []) starts.push({ label: extra.label, values: { ...own, ...extra.values } });
  return { starts, screened };
}

/** ParamInputs of one start: the caller's overrides win, values are kept inside the bounds. */
function startParams(
  circuit: Circuit,
  values: Record<string, number>,
  overrides: Record<string, number | Partial<ParamInput>>,
): Record<string, ParamInput> {
  const params: Record<string, ParamInput> = {};
  for (const name of circuit.parameterNames) {
    const o = overrides[name];
    const bounds = defaultBounds(name, circuit);
    const given = typeof o === 'number' ? { value: o } : (o ?? {});
    const min = given.min === undefined ? bounds.min : given.min;
    const max = given.max === undefined ? bounds.max : given.max;
    let value = given.value ?? values[name];
    if (given.value === undefined) value = Math.min(Math.max(value, min ?? -Infinity), max ?? Infinity);
    params[name] = { value, min, max, vary: given.vary ?? true, unit: circuit.units[name] };
  }
  return params;
}

/**
 * The fit with interchangeable blocks in canonical order: each parameter takes the record
 * (value, stderr, start) of its counterpart, and the covariance and correlation are permuted alike.
 * Blocks whose parameters are bounded or fixed differently are not interchangeable and stay (held
 * at the same value, e.g. both CPE exponents fixed at 1, they still are).
 */
function canonicalOrder(circuit: Circuit, fit: FitResult): { fit: FitResult; exchanged: string[] } {
  const values: Record<string, number> = {};
  for (const [name, p] of Object.entries(fit.params)) values[name] = p.value;
  // counterparts must be free within the same bounds, or held at the same value
  const sameConstraints = (a: string, b: string): boolean => {
    const pa = fit.params[a];
    const pb = fit.params[b];
    if (pa.vary !== pb.vary) return false;
    return pa.vary ? pa.min === pb.min && pa.max === pb.max : pa.value === pb.value;
  };
  const { sources, exchanged } = canonicalBlockPermutation(circuitBlocks(circuit), values, sameConstraints);
  if (sources.size === 0) return { fit, exchanged };
  const params: FitResult['params'] = {};
  for (const name of Object.keys(fit.params)) {
    const from = sources.get(name) ?? name;
    params[name] = {
      ...fit.params[from],
      min: fit.params[name].min,
      max: fit.params[name].max,
      vary: fit.params[name].vary,
      unit: fit.params[name].unit,
    };
  }
  const index = new Map(fit.varyNames.map((name, i) => [name, i]));
  const rowOf = (name: string): number => index.get(sources.get(name) ?? name) as number;
  const permute = (m: number[][]): number[][] =>
    m.length === fit.varyNames.length ? fit.varyNames.map((a) => fit.varyNames.map((b) => m[rowOf(a)][rowOf(b)])) : m;
  return { fit: { ...fit, params, covariance: permute(fit.covariance), correlation: permute(fit.correlation) }, exchanged };
}

/**
 * The circuit as a VectorModel over the stacked frequency vector [f, f]: the first half of the
 * output is Z′, the second half Z″, with the analytic Jacobian of both.
 */
export function circuitModel(circuit: Circuit): VectorModel {
  let cache: { n: number; zRe: Float64Array; zIm: Float64Array; dRe: Float64Array; dIm: Float64Array } | undefined;
  const work = (n: number) => {
    if (!cache || cache.n !== n) {
      const np = circuit.parameterNames.length;
      cache = { n, zRe: new Float64Array(n), zIm: new Float64Array(n), dRe: new Float64Array(n * np), dIm: new Float64Array(n * np) };
    }
    return cache;
  };
  return {
    name: `circuit ${circuit.text}`,
    formula: `Z(ω) of ${circuit.text}, residuals [Z′; Z″] stacked`,
    parameterNames: circuit.parameterNames,
    units: circuit.units,
    evaluate(x, p, out) {
      const n = x.length / 2;
      const z = circuitImpedance(circuit, x.subarray(0, n), p);
      out.set(z.zReal_ohm, 0);
      out.set(z.zImag_ohm, n);
    },
    jacobian(x, p, out, jac) {
      const n = x.length / 2;
      const m = x.length;
      const w = work(n);
      circuitImpedanceWithDerivatives(circuit, x.subarray(0, n), p, w);
      out.set(w.zRe, 0);
      out.set(w.zIm, n);
      for (let j = 0; j < circuit.parameterNames.length; j++) {
        jac.set(w.dRe.subarray(j * n, j * n + n), j * m);
        jac.set(w.dIm.subarray(j * n, j * n + n), j * m + n);
      }
    },
  };
}
