/**
 * Synthetic impedance spectra: a circuit's Z(ω) on a frequency sweep with seeded Gaussian noise,
 * for planning a measurement (will a hidden arc be resolved at this noise?) and for tests that
 * recover known parameters.
 *
 * Noise model: Z′ and Z″ each get N(0, (ε·|Z|)²) — relative noise of size ε on the modulus, the
 * usual error structure of frequency-response analysers (Orazem & Tribollet, Electrochemical
 * Impedance Spectroscopy, 2nd ed., Wiley 2017, ch. 21), and what 'modulus' weighting assumes.
 */
import { gaussian, mulberry32 } from '../fit/random';
import { Circuit, circuitImpedance, parseCircuit } from './circuit';
import type { ImpedanceSpectrum, PelletGeometry } from './types';
import { RESULT_SCHEMA } from '../schema';

/** Log-spaced frequencies from `high` down to `low` (the order instruments sweep in), `perDecade` points per decade. */
export function impedanceFrequencies_Hz(high_Hz: number, low_Hz: number, perDecade: number): number[] {
  const n = Math.round(Math.log10(high_Hz / low_Hz) * perDecade) + 1;
  return Array.from({ length: n }, (_, i) => high_Hz * Math.pow(low_Hz / high_Hz, i / (n - 1)));
}

/**
 * The CPE coefficient of an R∥CPE arc with resistance R and effective (Hsu–Mansfeld) capacitance
 * C: τ = R·C and τ = (R·Q)^(1/n), so Q = τ^n/R.
 */
export function cpeCoefficientForCapacitance(resistance_ohm: number, capacitance_F: number, n: number): number {
  return Math.pow(resistance_ohm * capacitance_F, n) / resistance_ohm;
}

export interface SimulateImpedanceOptions {
  /** ε of the noise model above. Default 0 (noise-free). */
  relativeNoise?: number;
  /** Random source in [0, 1); default mulberry32(seed). */
  random?: () => number;
  /** Seed of the default random source. Default 1. */
  seed?: number;
  temperature_K?: number;
  geometry?: PelletGeometry;
}

export function simulateImpedanceSpectrum(
  circuitOrText: Circuit | string,
  params: Record<string, number>,
  frequency_Hz: number[],
  options: SimulateImpedanceOptions = {},
): ImpedanceSpectrum {
  const circuit = typeof circuitOrText === 'string' ? parseCircuit(circuitOrText, 'simulateImpedanceSpectrum') : circuitOrText;
  const z = circuitImpedance(circuit, frequency_Hz, params);
  const eps = options.relativeNoise ?? 0;
  const random = options.random ?? mulberry32(options.seed ?? 1);
  const zReal_ohm: number[] = [];
  const zImag_ohm: number[] = [];
  frequency_Hz.forEach((_, i) => {
    const m = Math.hypot(z.zReal_ohm[i], z.zImag_ohm[i]);
    zReal_ohm.push(z.zReal_ohm[i] + (eps ? eps * m * gaussian(random) : 0));
    zImag_ohm.push(z.zImag_ohm[i] + (eps ? eps * m * gaussian(random) : 0));
  });
  return {
    schema: RESULT_SCHEMA,
    kind: 'ImpedanceSpectrum',
    frequency_Hz: [...frequency_Hz],
    zReal_ohm,
    zImag_ohm,
    ...(options.temperature_K !== undefined && { temperature_K: options.temperature_K }),
    ...(options.geometry && { geometry: options.geometry }),
  };
}
