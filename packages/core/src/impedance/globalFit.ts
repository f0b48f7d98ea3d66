/**
 * A global fit of one circuit to several spectra (a temperature series) with some parameters
 * shared by all of them — the CPE exponents, or capacitances that should not depend on T — and
 * the rest per spectrum, by one complex nonlinear least-squares problem (the approach of
 * EISFitpython's global fitting, and of global analysis in spectroscopy generally). Sharing what
 * physics says is common removes the strong R–Q–n correlations of each single fit, so the
 * resistances come out with smaller, honest uncertainties.
 *
 * The stacked residual vector is [Z′₁, Z″₁, Z′₂, Z″₂, ...], each spectrum weighted as fitCircuit
 * weights it; the Jacobian is block-sparse (a spectrum's rows depend on its own parameters and the
 * shared ones). Per-spectrum parameters are named `<name>__<k>` (k = 1, 2, ... in the order given).
 *
 * Each spectrum also gets a CircuitFitResult of its own, a view of the global fit: its parameter
 * values, the rows and columns of the global covariance that belong to them (so quantities
 * derived from one spectrum — τ, C_eff, σ — propagate the right, correlated uncertainties) and
 * its own residuals and χ².
 */
import { InputError } from '../errors';
import { curveFit } from '../fit/curveFit';
import type { LevenbergMarquardtOptions } from '../fit/levenbergMarquardt';
import { fitStatistics } from '../fit/result';
import type { FitParameter, FitResult, ParamInput, VectorModel } from '../fit/types';
import { blockTimeConstant_s, circuitBlocks, interchangeableGroups } from './blocks';
import { Circuit, circuitImpedance, circuitImpedanceWithDerivatives, parseCircuit } from './circuit';
import { assembleCircuitFit, checkWeighting, CircuitFitResult, ImpedanceWeighting, residualSigma } from './fitCircuit';
import { CheckedSpectrum, checkSpectrum, SpectrumData } from './spectrum';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';
import { kelvin } from './report';

export interface GlobalCircuitFitOptions {
  weighting?: ImpedanceWeighting;
  /** Parameters with one value for all spectra, e.g. ['CPE1_n', 'CPE2_n']. */
  shared: string[];
  /** Start values per spectrum (e.g. the spectra's own fits), by parameter name; shared ones start at their median. */
  starts: Array<Record<string, number>>;
  /** Bounds or fixed values by parameter name, applied to every spectrum. */
  params?: Record<string, Partial<ParamInput>>;
  frequencyRange_Hz?: [number, number];
  source?: string;
  solver?: LevenbergMarquardtOptions;
}

export interface GlobalCircuitFitResult {
  schema: ResultSchema;
  kind: 'GlobalCircuitFitResult';
  circuit: string;
  weighting: ImpedanceWeighting;
  shared: string[];
  /** One view per spectrum, in the order given (see the file comment). */
  spectra: CircuitFitResult[];
  /** The global least-squares result (per-spectrum parameters named <name>__<k>). */
  fit: FitResult;
  converged: boolean;
  warnings: string[];
}

export function fitCircuitGlobal(
  spectra: ReadonlyArray<SpectrumData & { temperature_K?: number }>,
  circuitOrText: Circuit | string,
  options: GlobalCircuitFitOptions,
): GlobalCircuitFitResult {
  const source = options.source ?? 'fitCircuitGlobal';
  const circuit = typeof circuitOrText === 'string' ? parseCircuit(circuitOrText, source) : circuitOrText;
  const weighting = checkWeighting(options.weighting, source);
  if (spectra.length < 2) {
    throw new InputError('a global fit needs at least two spectra', {
      field: 'spectra',
      expected: '2 or more spectra',
      found: `${spectra.length}`,
      source,
    });
  }
  if (options.starts.length !== spectra.length) {
    throw new InputError('one set of start values per spectrum', {
      field: 'starts',
      expected: `${spectra.length} entries`,
      found: `${options.starts.length}`,
      source,
    });
  }
  const shared = [...new Set(options.shared)];
  for (const name of [...shared, ...Object.keys(options.params ?? {})]) {
    if (!circuit.parameterNames.includes(name)) {
      throw new InputError(`unknown parameter '${name}' for circuit ${circuit.text}`, {
        field: 'shared',
        expected: `one of ${circuit.parameterNames.join(', ')}`,
        found: JSON.stringify(name),
        source,
      });
    }
  }
  const data: CheckedSpectrum[] = spectra.map((s, k) => checkSpectrum(s, `${source} (spectrum ${k + 1})`, options.frequencyRange_Hz));
  const names = globalNames(circuit, shared, spectra.length);
  const index = spectra.map((_, k) =>
    circuit.parameterNames.map((name) => names.indexOf(shared.includes(name) ? name : `${name}__${k + 1}`)),
  );

  const offsets: number[] = [];
  let m = 0;
  for (const d of data) {
    offsets.push(m);
    m += 2 * d.frequency_Hz.length;
  }
  const y = new Float64Array(m);
  const sigma = new Float64Array(m);
  data.forEach((d, k) => {
    const n = d.frequency_Hz.length;
    y.set(d.zReal_ohm, offsets[k]);
    y.set(d.zImag_ohm, offsets[k] + n);
    sigma.set(residualSigma(d, weighting, `${source} (spectrum ${k + 1})`), offsets[k]);
  });
  const starts = sharedStarts(circuit, shared, options.starts, data);
  const params: Record<string, ParamInput> = {};
  for (const name of names) {
    const [base, which] = name.split('__');
    const fixed = options.params?.[base] ?? {};
    const isCpeExponent = circuit.elements.some((e) => e.type === 'CPE' && e.parameters[1] === base);
    const value = which === undefined ? starts[0][base] : starts[Number(which) - 1][base];
    if (!Number.isFinite(value)) {
      throw new InputError(`no start value for ${base}`, {
        field: `starts[${which === undefined ? 0 : Number(which) - 1}].${base}`,
        expected: 'a finite number',
        found: String(value),
        source,
      });
    }
    params[name] = {
      value: fixed.value ?? value,
      min: fixed.min ?? 0,
      max: fixed.max ?? (isCpeExponent ? 1 : Infinity),
      vary: fixed.vary ?? true,
      unit: circuit.units[base],
    };
  }
  const model = globalModel(circuit, data, index, offsets, names);
  const fit = curveFit(
    { x: new Float64Array(m), y, sigma: weighting === 'unit' ? undefined : sigma, model, params },
    { ...options.solver, source, name: `global circuit ${circuit.text} over ${spectra.length} spectra` },
  );
  const views = data.map((d, k) => spectrumView(circuit, weighting, d, k, fit, index[k], names, spectra[k].temperature_K));
  const warnings = [...fit.warnings];
  views.forEach((v, k) => {
    const order = canonicalOrderBroken(circuit, v);
    if (order) warnings.push(`spectrum ${k + 1}${v.temperature_K !== undefined ? ` (${kelvin(v.temperature_K)})` : ''}: ${order}`);
  });
  return {
    schema: RESULT_SCHEMA,
    kind: 'GlobalCircuitFitResult',
    circuit: circuit.text,
    weighting,
    shared,
    spectra: views,
    fit,
    converged: fit.converged,
    warnings,
  };
}

function globalNames(circuit: Circuit, shared: string[], count: number): string[] {
  const names = circuit.parameterNames.filter((n) => shared.includes(n));
  for (let k = 1; k <= count; k++) for (const n of circuit.parameterNames) if (!shared.includes(n)) names.push(`${n}__${k}`);
  return names;
}

/**
 * Per-spectrum starts with every shared parameter at the median of its starts. A CPE exponent
 * that moves takes its Q along, so that each arc stays where it was: in a block, the time
 * constant is kept (Q = τ^n/R); a CPE outside a block keeps |Z| at the lowest frequency, where
 * such an electrode CPE shows (Q·ω^n constant).
 */
function sharedStarts(
  circuit: Circuit,
  shared: string[],
  given: Array<Record<string, number>>,
  data: CheckedSpectrum[],
): Array<Record<string, number>> {
  const common: Record<string, number> = {};
  for (const name of shared) common[name] = median(given.map((s) => s[name]));
  const blocks = circuitBlocks(circuit);
  return given.map((start, k) => {
    const out = { ...start, ...common };
    const omegaMin = 2 * Math.PI * Math.min(...data[k].frequency_Hz);
    for (const e of circuit.elements) {
      if (e.type !== 'CPE' || !shared.includes(e.parameters[1]) || shared.includes(e.parameters[0])) continue;
      const [qName, nName] = e.parameters;
      const block = blocks.find((b) => b.capacitor === e && b.resistor !== undefined);
      if (block) {
        const tau = blockTimeConstant_s(block, start);
        if (tau > 0) out[qName] = Math.pow(tau, out[nName]) / start[block.resistor!.name];
      } else {
        out[qName] = start[qName] * Math.pow(omegaMin, start[nName] - out[nName]);
      }
    }
    return out;
  });
}

function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function globalModel(circuit: Circuit, data: CheckedSpectrum[], index: number[][], offsets: number[], names: string[]): VectorModel {
  const np = circuit.parameterNames.length;
  const local = new Float64Array(np);
  const work = data.map((d) => {
    const n = d.frequency_Hz.length;
    return { zRe: new Float64Array(n), zIm: new Float64Array(n), dRe: new Float64Array(n * np), dIm: new Float64Array(n * np) };
  });
  const gather = (p: Float64Array, k: number): Float64Array => {
    for (let j = 0; j < np; j++) local[j] = p[index[k][j]];
    return local;
  };
  return {
    name: `global circuit ${circuit.text}`,
    formula: `Z(ω) of ${circuit.text} for each spectrum, [Z′; Z″] stacked spectrum by spectrum`,
    parameterNames: names,
    evaluate(_x, p, out) {
      data.forEach((d, k) => {
        const n = d.frequency_Hz.length;
        const z = circuitImpedance(circuit, d.frequency_Hz, gather(p, k));
        out.set(z.zReal_ohm, offsets[k]);
        out.set(z.zImag_ohm, offsets[k] + n);
      });
    },
    jacobian(x, p, out, jac) {
      const m = x.length;
      jac.fill(0);
      data.forEach((d, k) => {
        const n = d.frequency_Hz.length;
        const w = work[k];
        circuitImpedanceWithDerivatives(circuit, d.frequency_Hz, gather(p, k), w);
        out.set(w.zRe, offsets[k]);
        out.set(w.zIm, offsets[k] + n);
        for (let j = 0; j < np; j++) {
          const col = index[k][j] * m + offsets[k];
          jac.set(w.dRe.subarray(j * n, j * n + n), col);
          jac.set(w.dIm.subarray(j * n, j * n + n), col + n);
        }
      });
    },
  };
}

/** One spectrum's share of the global fit as a CircuitFitResult (see the file comment). */
function spectrumView(
  circuit: Circuit,
  weighting: ImpedanceWeighting,
  d: CheckedSpectrum,
  k: number,
  global: FitResult,
  index: number[],
  names: string[],
  temperature_K: number | undefined,
): CircuitFitResult {
  const n = d.frequency_Hz.length;
  const globalName = (j: number) => names[index[j]];
  const params: Record<string, FitParameter> = {};
  circuit.parameterNames.forEach((name, j) => {
    params[name] = { ...global.params[globalName(j)] };
  });
  const varyNames = circuit.parameterNames.filter((_, j) => global.varyNames.includes(globalName(j)));
  const rows = varyNames.map((name) => global.varyNames.indexOf(globalName(circuit.parameterNames.indexOf(name))));
  const sub = (mat: number[][]) => (mat.length === global.varyNames.length ? rows.map((a) => rows.map((b) => mat[a][b])) : []);
  const z = circuitImpedance(
    circuit,
    d.frequency_Hz,
    circuit.parameterNames.map((name) => params[name].value),
  );
  const sigma = residualSigma(d, weighting, 'fitCircuitGlobal');
  const bestFit = [...Array.from(z.zReal_ohm), ...Array.from(z.zImag_ohm)];
  const measured = [...Array.from(d.zReal_ohm), ...Array.from(d.zImag_ohm)];
  const residuals = bestFit.map((f, i) => (f - measured[i]) / (weighting === 'unit' ? 1 : sigma[i]));
  const chi = residuals.reduce((s, r) => s + r * r, 0);
  const fit: FitResult = {
    ...global,
    model: `circuit ${circuit.text} (spectrum ${k + 1} of a global fit)`,
    params,
    varyNames,
    stats: fitStatistics(chi, 2 * n, varyNames.length, global.stats.rSquared),
    covariance: sub(global.covariance),
    correlation: sub(global.correlation),
    data: { x: [...Array.from(d.frequency_Hz), ...Array.from(d.frequency_Hz)], y: measured },
    bestFit,
    residuals,
    // the global fit's own warnings are the series' (reported once there, not per spectrum)
    warnings: [],
  };
  return assembleCircuitFit(
    circuit,
    weighting,
    d,
    fit,
    temperature_K,
    { outcomes: [], chosen: 'global fit', reachedBest: 0, screened: 0 },
    [],
  );
}

/** A note when interchangeable blocks are not in canonical order (a global fit may not reorder them). */
function canonicalOrderBroken(circuit: Circuit, view: CircuitFitResult): string | null {
  const values: Record<string, number> = {};
  for (const [name, p] of Object.entries(view.parameters)) values[name] = p.value;
  for (const group of interchangeableGroups(circuitBlocks(circuit))) {
    const taus = group.map((b) => blockTimeConstant_s(b, values));
    for (let i = 1; i < taus.length; i++) {
      if (taus[i] < taus[i - 1]) {
        return `${group.map((b) => b.text).join(', ')} are not in order of increasing τ (${taus.map((t) => t.toExponential(2)).join(', ')} s): the shared parameters tie the blocks to their identity across the series`;
      }
    }
  }
  return null;
}
