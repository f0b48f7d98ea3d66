/**
 * Spectral densities J(ω) of diffusion-induced fluctuations of the nuclear spin interactions.
 *
 * Every density here has the form J(ω; τc) = τc·g(x), x = ωτc, with a shape parameter s for
 * some; the rate models and the joint fit need g, d ln g/d ln x and d ln g/d s, from which
 *   ∂J/∂ln τc = J·(1 + d ln g/d ln x),   ∂J/∂s = J·d ln g/d s.
 * Overall constants (2τc, 2/5, the dipolar coupling) are absorbed into the rate prefactor C.
 *
 * - BPP 3D, uncorrelated isotropic motion: g = 1/(1 + x²).
 *   N. Bloembergen, E. M. Purcell, R. V. Pound, Phys. Rev. 73, 679 (1948).
 * - Asymmetric BPP, g = 1/(1 + x^β), 1 < β ≤ 2: the low-T flank of the rate peak falls with
 *   (β − 1)·Ea and R1 ∝ ω0^(−β) there, as correlated (Coulomb, disorder) motion makes it.
 *   W. Küchler, P. Heitjans, A. Payer, R. Schöllhorn, Solid State Ionics 70/71, 434 (1994);
 *   P. Heitjans, S. Indris, J. Phys.: Condens. Matter 15, R1257 (2003); the form used by
 *   Zettl et al., Adv. Energy Mater. 2021 (MIL-121). β = 2 is BPP.
 * - Richards 2D, g = ln(1 + 1/x^β): diffusion in planes, R1 ∝ τc·ln(1/ω0τc) on the high-T side.
 *   P. M. Richards, Solid State Commun. 25, 1019 (1978) (β = 2 there; the exponent β generalises
 *   it, cf. Küchler et al. (1994) on layered LixTiS2).
 * - 1D lattice random walk: the Fourier transform of the return probability of a walker on a
 *   chain jumping with rate 1/τc, P0(t) = exp(−t/τc)·I0(t/τc) (E. W. Montroll, G. H. Weiss,
 *   J. Math. Phys. 6, 167 (1965)): J = Re[τc/√(ix(2 + ix))], in real form
 *   g = √(2x/(s + x))/(x·s), s = √(x² + 4). Its limits are the 1D ones of Sholl
 *   (C. A. Sholl, J. Phys. C 14, 447 (1981)) and Richards (Topics Curr. Phys. 15, 141 (1979)):
 *   J → ½(τc/ω)^½ for ωτc ≪ 1 (high-T rate ∝ τc^½ and ω^(−½)) and J → 1/(ω²τc) for ωτc ≫ 1.
 *   No shape parameter.
 * - Cole–Davidson, g = sin(ε·arctan x)/(x·(1 + x²)^(ε/2)), 0 < ε ≤ 1 (the shape parameter
 *   s = ε): a one-sided distribution of correlation times. D. W. Davidson, R. H. Cole,
 *   J. Chem. Phys. 19, 1484 (1951); as an NMR spectral density: P. A. Beckmann, Phys. Rep. 171,
 *   85 (1988). ε = 1 is BPP.
 */
import { InputError } from '../errors';
import type { SpectralDensityName } from './types';

export const SPECTRAL_DENSITY_NAMES: readonly SpectralDensityName[] = [
  'bpp',
  'asymmetric-bpp',
  'richards-2d',
  'lattice-1d',
  'cole-davidson',
];

/** Does the density have a shape parameter (β, or ε for Cole–Davidson)? */
export function hasShapeParameter(name: SpectralDensityName): boolean {
  return name === 'asymmetric-bpp' || name === 'richards-2d' || name === 'cole-davidson';
}

/** Is J(0) finite (needed for R2)? In 2D and 1D the long-time tail of the correlation function makes it diverge. */
export function hasFiniteZeroFrequency(name: SpectralDensityName): boolean {
  return name !== 'richards-2d' && name !== 'lattice-1d';
}

/** Default bounds of the shape parameter: β in [1, 2] (a peak needs β > 1), ε in (0, 1]. */
export function shapeBounds(name: SpectralDensityName): [number, number] {
  return name === 'cole-davidson' ? [0.05, 1] : [1, 2];
}

/**
 * g(x), d ln g/d ln x and d ln g/d s into out[0..2], for x = ωτc ≥ 0. `shape` is ignored by
 * densities without one. x = 0 gives g(0) (infinite for 2D and 1D).
 */
export function shapeFunction(name: SpectralDensityName, x: number, shape: number, out: Float64Array): void {
  switch (name) {
    case 'bpp':
      asymmetric(x, 2, out);
      out[2] = 0;
      return;
    case 'asymmetric-bpp':
      asymmetric(x, shape, out);
      return;
    case 'richards-2d':
      richards2d(x, shape, out);
      return;
    case 'lattice-1d':
      lattice1d(x, out);
      return;
    case 'cole-davidson':
      coleDavidson(x, shape, out);
      return;
  }
}

function asymmetric(x: number, beta: number, out: Float64Array): void {
  if (x === 0) {
    out[0] = 1;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const lnx = Math.log(x);
  const xb = Math.exp(beta * lnx);
  const frac = xb / (1 + xb);
  out[0] = 1 / (1 + xb);
  out[1] = -beta * frac;
  out[2] = -lnx * frac;
}

function richards2d(x: number, beta: number, out: Float64Array): void {
  if (x === 0) {
    out[0] = Infinity;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const lnx = Math.log(x);
  const xb = Math.exp(beta * lnx);
  // ln(1 + x^−β) without cancellation at large x
  const g = xb > 1e-8 ? Math.log1p(1 / xb) : -beta * lnx + Math.log1p(xb);
  const w = 1 / ((1 + xb) * g);
  out[0] = g;
  out[1] = -beta * w;
  out[2] = -lnx * w;
}

function lattice1d(x: number, out: Float64Array): void {
  if (x === 0) {
    out[0] = Infinity;
    out[1] = -0.5;
    out[2] = 0;
    return;
  }
  const s = Math.sqrt(x * x + 4);
  out[0] = Math.sqrt((2 * x) / (s + x)) / (x * s);
  // d ln g/d ln x = −½ − ½x/s − x²/s² (from ln g = ½ln 2 − ½ln x − ½ln(s + x) − ln s)
  out[1] = -0.5 - (0.5 * x) / s - (x * x) / (s * s);
  out[2] = 0;
}

function coleDavidson(x: number, eps: number, out: Float64Array): void {
  if (x === 0) {
    out[0] = eps;
    out[1] = 0;
    out[2] = 1 / eps;
    return;
  }
  const theta = Math.atan(x);
  const sinE = Math.sin(eps * theta);
  const cotE = Math.cos(eps * theta) / sinE;
  const x2 = x * x;
  out[0] = sinE / (x * Math.pow(1 + x2, eps / 2));
  out[1] = (eps * cotE * x) / (1 + x2) - 1 - (eps * x2) / (1 + x2);
  out[2] = theta * cotE - 0.5 * Math.log1p(x2);
}

/** Checks a shape parameter against what the density admits (β > 0; 0 < ε ≤ 1). */
export function checkShape(name: SpectralDensityName, shape: number, field = 'beta', source?: string): void {
  if (!hasShapeParameter(name)) return;
  const ok = name === 'cole-davidson' ? shape > 0 && shape <= 1 : shape > 0;
  if (!ok || !Number.isFinite(shape)) {
    throw new InputError(`shape parameter out of range for the ${name} spectral density`, {
      field,
      expected: name === 'cole-davidson' ? '0 < ε ≤ 1' : 'β > 0 (1 < β ≤ 2 for a rate peak)',
      found: String(shape),
      source,
    });
  }
}

/** Checks a spectral density name. */
export function checkSpectralDensityName(name: string, field = 'spectralDensity', source?: string): SpectralDensityName {
  if (!(SPECTRAL_DENSITY_NAMES as readonly string[]).includes(name)) {
    throw new InputError('unknown spectral density', {
      field,
      expected: `one of ${SPECTRAL_DENSITY_NAMES.join(', ')}`,
      found: JSON.stringify(name),
      source,
    });
  }
  return name as SpectralDensityName;
}

const scratch = new Float64Array(3);

/**
 * J(ω) = τc·g(ωτc) in s for angular frequency ω (rad/s) and correlation time τc (s).
 * `shape` is β (asymmetric BPP, Richards 2D; default 2) or ε (Cole–Davidson; default 1).
 */
export function spectralDensity(name: SpectralDensityName, omega_rad_per_s: number, correlationTime_s: number, shape?: number): number {
  checkSpectralDensityName(name);
  const s = shape ?? (name === 'cole-davidson' ? 1 : 2);
  checkShape(name, s);
  if (!(omega_rad_per_s >= 0) || !(correlationTime_s > 0)) {
    throw new InputError('spectral density needs ω ≥ 0 and τc > 0', {
      field: omega_rad_per_s >= 0 ? 'correlationTime_s' : 'omega_rad_per_s',
      expected: 'ω ≥ 0 rad/s and τc > 0 s',
      found: `ω = ${omega_rad_per_s}, τc = ${correlationTime_s}`,
    });
  }
  shapeFunction(name, omega_rad_per_s * correlationTime_s, s, scratch);
  return correlationTime_s * scratch[0];
}
