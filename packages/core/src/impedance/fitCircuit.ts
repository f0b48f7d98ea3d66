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
 * transform: the solver projects onto the bounds and evaluates only inside them, so the Jacobian
 * and the covariance are those of the physical parameters. Standard errors come from the
 * covariance scaled by the reduced χ² (the weights above are relative), as scipy's curve_fit and
 * therefore impedance.py report them.
 */
import { InputError } from '../errors';
import { curveFit } from '../fit/curveFit';
import type { LevenbergMarquardtOptions } from '../fit/levenbergMarquardt';
import type { FitResult, ParamInput, VectorModel } from '../fit/types';
import { Circuit, circuitImpedance, circuitImpedanceWithDerivatives, parseCircuit } from './circuit';
import { checkSpectrum, SpectrumData } from './spectrum';
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
}

export interface CircuitParameter extends Estimate {
  unit: string;
  /** Where the fit started. */
  initial: number;
}

export interface CircuitFitResult {
  schema: ResultSchema;
  kind: 'CircuitFit';
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
  const weighting = options.weighting ?? 'modulus';
  if (!IMPEDANCE_WEIGHTINGS.includes(weighting)) {
    throw new InputError('unknown weighting', { field: 'weighting', expected: IMPEDANCE_WEIGHTINGS.join(', '), found: JSON.stringify(weighting), source });
  }
  const data = checkSpectrum(spectrum, source, options.frequencyRange_Hz);
  const n = data.frequency_Hz.length;
  const overrides = options.params ?? {};
  for (const name of Object.keys(overrides)) {
    if (!circuit.parameterNames.includes(name)) {
      throw new InputError(`unknown parameter '${name}' for circuit ${circuit.text}`, { field: `params.${name}`, expected: `one of ${circuit.parameterNames.join(', ')}`, source });
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

  const estimated = estimateStartValues(circuit, data);
  const params: Record<string, ParamInput> = {};
  for (const name of circuit.parameterNames) {
    const o = overrides[name];
    const bounds = defaultBounds(name, circuit);
    const given = typeof o === 'number' ? { value: o } : o ?? {};
    params[name] = {
      value: given.value ?? estimated[name],
      min: given.min === undefined ? bounds.min : given.min,
      max: given.max === undefined ? bounds.max : given.max,
      vary: given.vary ?? true,
      unit: circuit.units[name],
    };
  }

  const x = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  const sigma = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[i] = x[n + i] = data.frequency_Hz[i];
    y[i] = data.zReal_ohm[i];
    y[n + i] = data.zImag_ohm[i];
    const modulus = Math.hypot(y[i], y[n + i]);
    if (weighting === 'unit') {
      sigma[i] = sigma[n + i] = 1;
    } else if (weighting === 'modulus') {
      sigma[i] = sigma[n + i] = modulus;
    } else {
      sigma[i] = Math.abs(y[i]);
      sigma[n + i] = Math.abs(y[n + i]);
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

  const fit = curveFit(
    { x, y, sigma: weighting === 'unit' ? undefined : sigma, model: circuitModel(circuit), params },
    { ...options.solver, source, name: `circuit ${circuit.text}` },
  );

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
  const temperature_K = 'temperature_K' in spectrum ? spectrum.temperature_K : undefined;
  return {
    schema: RESULT_SCHEMA,
    kind: 'CircuitFit',
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
    warnings: [...fit.warnings],
  };
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
