/**
 * TopSpin's window functions (apodization), procs WDW: 0 none, 1 EM, 2 GM, 3 SINE, 4 QSINE,
 * 5 TRAP (Bruker TopSpin Processing Reference Manual, commands em, gm, sine, qsin, trap, and the
 * processing parameters LB, GB, SSB, TM1, TM2). t runs from 0 at the first point of the FID after
 * the digital-filter group delay (the origin that reproduces TopSpin's 2rr with EM on the 17O LAMOX
 * data, test/real-17O-raw.test.ts) to AQ, TopSpin's acquisition time TD/(2·SW_h):
 *
 *   EM     exp(−π·LB·t)
 *   GM     exp(−π·LB·t + π·LB·t²/(2·GB·AQ)), LB < 0, 0 < GB ≤ 1: TopSpin's exp(−a·t − b·t²) with
 *          a = π·LB, b = −a/(2·GB·AQ); the exponent's derivative vanishes at t = GB·AQ, the
 *          Gaussian maximum. Written as NMRPipe's GMB documents it ("inspired by Bruker's Gaussian
 *          window", nmrscience.com/ref/nmrpipe/gmb.html), which is the form we followed — not
 *          nmrglue's/NMRPipe's GM, a different parametrisation (g1, g2, g3).
 *   SINE   sin((π − φ)·t/AQ + φ), φ = π/SSB for SSB ≥ 2, else 0 (pure sine); SSB = 2 is a cosine bell
 *   QSINE  the square of SINE (the form spectrochempy's `sp` implements from the TopSpin manual)
 *   TRAP   rises linearly from 0 at t = 0 to 1 at TM1·AQ, stays 1 until TM2·AQ, falls linearly to
 *          0 at AQ; TM1, TM2 as fractions of AQ (0 ≤ TM1 ≤ TM2 ≤ 1)
 * The bells and the trapezoid are defined on 0 ≤ t ≤ AQ and are 0 beyond.
 */
import { InputError } from '@relaxlab/core';

export type ApodizationWindow =
  | { kind: 'none' }
  /** EM: Lorentzian broadening LB in Hz. */
  | { kind: 'em'; lineBroadening_Hz: number }
  /** GM: LB < 0 (Hz) removes the Lorentzian decay, GB places the Gaussian maximum at GB·AQ. */
  | { kind: 'gm'; lineBroadening_Hz: number; gaussMaximum_fractionOfAq: number }
  /** SINE: SSB shifts the bell (π/SSB); SSB < 2 is a pure sine, SSB = 2 a cosine. */
  | { kind: 'sine'; sineBellShift: number }
  | { kind: 'qsine'; sineBellShift: number }
  /** TRAP: end of the rising edge (TM1) and start of the falling edge (TM2), fractions of AQ. */
  | { kind: 'trap'; riseEnd_fractionOfAq: number; fallStart_fractionOfAq: number };

export type ApodizationKind = ApodizationWindow['kind'];

/** TopSpin's procs WDW codes for the windows implemented here. */
export const TOPSPIN_WDW: Readonly<Record<number, ApodizationKind>> = { 0: 'none', 1: 'em', 2: 'gm', 3: 'sine', 4: 'qsine', 5: 'trap' };

/** Names the caller knows a window parameter by: procs LB, GB, ... or `window.lineBroadening_Hz`. */
export type WindowFieldNames = (parameter: string) => string;

/** TopSpin's EM window for a line broadening LB in Hz, or no window when LB = 0. */
export function emWindow(lineBroadening_Hz: number): ApodizationWindow {
  return lineBroadening_Hz === 0 ? { kind: 'none' } : { kind: 'em', lineBroadening_Hz };
}

/** The phase φ of TopSpin's sine bells: π/SSB for SSB ≥ 2, 0 (a pure sine) below. */
function sineBellPhase(sineBellShift: number): number {
  return sineBellShift >= 2 ? Math.PI / sineBellShift : 0;
}

/** The window's weight at time t (s) after the start of the FID, for an acquisition time AQ (s). */
export function windowWeight(window: ApodizationWindow, t_s: number, acquisitionTime_s: number): number {
  switch (window.kind) {
    case 'none':
      return 1;
    case 'em':
      return Math.exp(-Math.PI * window.lineBroadening_Hz * t_s);
    case 'gm': {
      const lb = window.lineBroadening_Hz;
      return Math.exp(-Math.PI * lb * t_s + (Math.PI * lb * t_s * t_s) / (2 * window.gaussMaximum_fractionOfAq * acquisitionTime_s));
    }
    case 'sine':
    case 'qsine': {
      if (t_s > acquisitionTime_s) return 0;
      const phi = sineBellPhase(window.sineBellShift);
      const s = Math.sin(((Math.PI - phi) * t_s) / acquisitionTime_s + phi);
      return window.kind === 'sine' ? s : s * s;
    }
    case 'trap': {
      const x = t_s / acquisitionTime_s;
      const { riseEnd_fractionOfAq: rise, fallStart_fractionOfAq: fall } = window;
      if (x > 1) return 0;
      if (x < rise) return x / rise;
      if (x <= fall) return 1;
      return (1 - x) / (1 - fall);
    }
  }
}

let cached: { key: string; weights: Float64Array } | undefined;

/** Weights of `points` samples spaced `dwell_s` apart from t = 0; the last set is cached (one per series). */
export function windowWeights(window: ApodizationWindow, points: number, dwell_s: number, acquisitionTime_s: number): Float64Array {
  const key = JSON.stringify([window, points, dwell_s, acquisitionTime_s]);
  if (cached?.key === key) return cached.weights;
  const weights = new Float64Array(points);
  for (let j = 0; j < points; j++) weights[j] = windowWeight(window, j * dwell_s, acquisitionTime_s);
  cached = { key, weights };
  return weights;
}

const DEFAULT_FIELD_NAMES: WindowFieldNames = (parameter) => `window.${parameter}`;

/**
 * Throws a typed error when the window's parameters are outside the formulas' domain: GM needs
 * LB < 0 (else it is no Lorentz-to-Gauss transformation and its Gaussian term grows) and
 * 0 < GB ≤ 1; TRAP needs 0 ≤ TM1 ≤ TM2 ≤ 1; every number finite.
 */
export function checkApodizationWindow(
  window: ApodizationWindow,
  source: string,
  fieldOf: WindowFieldNames = DEFAULT_FIELD_NAMES,
): ApodizationWindow {
  const bad = (parameter: string, expected: string, value: unknown): never => {
    throw new InputError(`bad ${window.kind.toUpperCase()} window parameter`, {
      source,
      field: fieldOf(parameter),
      expected,
      found: String(value),
    });
  };
  const finite = (parameter: string, value: number) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) bad(parameter, 'a finite number', value);
  };
  switch (window.kind) {
    case 'none':
      break;
    case 'em':
      finite('lineBroadening_Hz', window.lineBroadening_Hz);
      break;
    case 'gm':
      finite('lineBroadening_Hz', window.lineBroadening_Hz);
      finite('gaussMaximum_fractionOfAq', window.gaussMaximum_fractionOfAq);
      if (window.lineBroadening_Hz >= 0) bad('lineBroadening_Hz', 'a negative line broadening (Hz) for GM', window.lineBroadening_Hz);
      if (!(window.gaussMaximum_fractionOfAq > 0 && window.gaussMaximum_fractionOfAq <= 1)) {
        bad('gaussMaximum_fractionOfAq', 'the Gaussian maximum as a fraction of AQ, 0 < GB ≤ 1', window.gaussMaximum_fractionOfAq);
      }
      break;
    case 'sine':
    case 'qsine':
      finite('sineBellShift', window.sineBellShift);
      break;
    case 'trap': {
      const { riseEnd_fractionOfAq: rise, fallStart_fractionOfAq: fall } = window;
      finite('riseEnd_fractionOfAq', rise);
      finite('fallStart_fractionOfAq', fall);
      if (!(rise >= 0 && rise <= 1)) bad('riseEnd_fractionOfAq', 'a fraction of AQ, 0 ≤ TM1 ≤ 1', rise);
      if (!(fall >= rise && fall <= 1)) bad('fallStart_fractionOfAq', `a fraction of AQ, TM1 (${rise}) ≤ TM2 ≤ 1`, fall);
      break;
    }
    default:
      throw new InputError('unknown window function', {
        source,
        field: fieldOf('kind'),
        expected: `one of ${Object.values(TOPSPIN_WDW).join(', ')}`,
        found: JSON.stringify((window as { kind: unknown }).kind),
      });
  }
  return window;
}

/** The window's parameters as flat JSON-safe fields for a provenance record. */
export function describeWindow(window: ApodizationWindow): Record<string, number | string> {
  const { kind, ...parameters } = window;
  return { window: kind, ...parameters };
}
