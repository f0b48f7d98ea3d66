/**
 * Motional narrowing of a static NMR line: the width Δν(T) falls from the rigid-lattice value W
 * to the motionally narrowed value D once the jump rate τc⁻¹ = τ0⁻¹·exp(−Ea/kBT) exceeds the
 * rigid-lattice width in angular units.
 *
 * - Hendrickson–Bray: Δν(T) = Δν_R·[1 + (Δν_R/B − 1)·exp(−Ea/kBT)]⁻¹ + D, Δν_R = W − D
 *   (J. R. Hendrickson, P. J. Bray, J. Magn. Reson. 9, 341 (1973)). Read with the usual narrowing
 *   condition that τc⁻¹ = 2π·W where the line has narrowed half-way (the inflection point of Δν
 *   against 1/T), (Δν_R/B − 1)·exp(−Ea/kBT) = τc⁻¹/(2πW), i.e. B = Δν_R/(1 + 1/(2πWτ0)), so
 *     Δν(T) = D + (W − D)/(1 + τc⁻¹(T)/(2πW)).
 * - Abragam: (Δν² − D²) = (W² − D²)·(2/π)·arctan(α·2πΔν·τc), solved for Δν at each T
 *   (A. Abragam, The Principles of Nuclear Magnetism (1961), ch. X, after Bloembergen, Purcell &
 *   Pound, Phys. Rev. 73, 679 (1948); the narrowed width D added in quadrature). α is "a constant
 *   of order unity" in both, not a measured quantity: ABRAGAM_ALPHA = 1. It enters only as the
 *   product α·τc = α·τ0·exp(Ea/kBT), so the widths determine α·τ0 and never α and τ0 apart.
 * - Waugh–Fedin: Ea ≈ 1.617e-3 eV/K · T_onset (J. S. Waugh, E. I. Fedin, Sov. Phys. Solid State
 *   4, 1633 (1963)): kB·ln(1/(2πΔν·τ0)) with τ0 ≈ 1e-13 s and Δν of a few kHz.
 */
import { InputError } from '../errors';
import { BOLTZMANN_eV_per_K } from '../physics/constants';

export type LineNarrowingModelName = 'hendrickson-bray' | 'abragam';
export const LINE_NARROWING_MODELS: readonly LineNarrowingModelName[] = ['hendrickson-bray', 'abragam'];

/** α of the Abragam model unless set: the constant of order unity of Abragam (1961) ch. X and BPP (1948), taken as 1. */
export const ABRAGAM_ALPHA = 1;

/** Waugh–Fedin: Ea ≈ 1.617e-3 eV/K · T_onset. */
export const WAUGH_FEDIN_eV_per_K = 1.617e-3;

export function waughFedinActivationEnergy_eV(onsetTemperature_K: number): number {
  if (!(onsetTemperature_K > 0) || !Number.isFinite(onsetTemperature_K)) {
    throw new InputError('onset temperature must be above 0 K', {
      field: 'onsetTemperature_K',
      expected: 'an absolute temperature > 0 K',
      found: String(onsetTemperature_K),
    });
  }
  return WAUGH_FEDIN_eV_per_K * onsetTemperature_K;
}

/** Parameters of a narrowing curve. */
export interface LineNarrowingParameters {
  activationEnergy_eV: number;
  tau0_s: number;
  /** W: the low-temperature plateau. */
  rigidLatticeWidth_Hz: number;
  /** D: the high-temperature plateau. */
  narrowedWidth_Hz: number;
  /** α of the Abragam model (default ABRAGAM_ALPHA = 1). */
  alpha?: number;
}

/**
 * Δν and its derivatives with respect to (Ea, log10 τ0, W, D) at one temperature into out[0..4].
 * `invKT` = 1/(kB·T). For Abragam, ∂Δν/∂α = (∂Δν/∂log10 τ0)/(α·ln 10), as α and τ0 enter as α·τ0.
 */
export function narrowingWidth(
  model: LineNarrowingModelName,
  invKT: number,
  ea: number,
  log10Tau0: number,
  w: number,
  d: number,
  alpha: number,
  out: Float64Array,
): void {
  const rate = Math.exp(-Math.LN10 * log10Tau0 - ea * invKT); // τc⁻¹
  if (model === 'hendrickson-bray') {
    const q = rate / (2 * Math.PI * w);
    const s = 1 / (1 + q);
    const a = w - d;
    out[0] = d + a * s;
    // ∂q/∂Ea = −q/kBT, ∂q/∂log10τ0 = −q·ln 10, ∂q/∂W = −q/W; ∂Δν/∂q = −a·s²
    const dq = -a * s * s;
    out[1] = dq * -q * invKT;
    out[2] = dq * -q * Math.LN10;
    out[3] = s + dq * (-q / w);
    out[4] = 1 - s;
    return;
  }
  // ln k = ln(2πα) + ln τc: ∂ln k/∂Ea = 1/kBT, ∂ln k/∂log10τ0 = ln 10
  const dLnK = abragam(rate, w, d, alpha, out);
  out[1] = dLnK * invKT;
  out[2] = dLnK * Math.LN10;
}

/**
 * Solves F(u) = u² − D² − (W² − D²)·(2/π)·atan(k·u) = 0, k = 2π·α·τc, on [D, W] (F(D) ≤ 0 ≤ F(W)),
 * by safeguarded Newton; derivatives by the implicit function theorem, ∂u/∂p = −(∂F/∂p)/(∂F/∂u).
 * Writes u, ∂u/∂W, ∂u/∂D into out[0], out[3], out[4] and returns ∂u/∂ln k.
 */
function abragam(rate: number, w: number, d: number, alpha: number, out: Float64Array): number {
  const k = (2 * Math.PI * alpha) / rate;
  const c = (2 / Math.PI) * (w * w - d * d);
  const F = (u: number) => u * u - d * d - c * Math.atan(k * u);
  const dF = (u: number) => 2 * u - (c * k) / (1 + k * k * u * u);
  let lo = Math.min(d, w);
  let hi = Math.max(d, w);
  let u = 0.5 * (lo + hi);
  for (let it = 0; it < 200; it++) {
    const f = F(u);
    if (f > 0) hi = u;
    else lo = u;
    let next = u - f / dF(u);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - u) <= 1e-15 * Math.abs(u) || hi - lo <= 1e-15 * hi;
    u = next;
    if (done) break;
  }
  const fu = dF(u);
  const atanKu = Math.atan(k * u);
  out[0] = u;
  out[3] = ((2 / Math.PI) * 2 * w * atanKu) / fu;
  out[4] = (2 * d - (2 / Math.PI) * 2 * d * atanKu) / fu;
  // ∂F/∂ln k = −c·k·u/(1 + k²u²)
  return (c * k * u) / (1 + k * k * u * u) / fu;
}

/** Δν(T) in Hz for a model and its parameters. */
export function lineWidth_Hz(model: LineNarrowingModelName, temperature_K: number, p: LineNarrowingParameters): number {
  if (!(temperature_K > 0))
    throw new InputError('temperature must be above 0 K', { field: 'temperature_K', expected: '> 0 K', found: String(temperature_K) });
  const out = new Float64Array(5);
  narrowingWidth(
    model,
    1 / (BOLTZMANN_eV_per_K * temperature_K),
    p.activationEnergy_eV,
    Math.log10(p.tau0_s),
    p.rigidLatticeWidth_Hz,
    p.narrowedWidth_Hz,
    p.alpha ?? ABRAGAM_ALPHA,
    out,
  );
  return out[0];
}
