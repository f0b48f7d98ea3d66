/**
 * Zero- and first-order phase, in TopSpin's convention: point k (0 = high-ppm edge) is turned by
 * PHC0 + PHC1·k/SI degrees. With ml-spectra-processing's reimPhaseCorrection this reproduces
 * TopSpin's 2rr from the raw 17O LAMOX FIDs (correlation 1.0000, test/real-17O-raw.test.ts).
 */
import { reimPhaseCorrection } from 'ml-spectra-processing';
import type { Complex } from './fidToSpectrum';

export interface Phase {
  phc0_deg: number;
  phc1_deg: number;
}

const RAD = Math.PI / 180;

export function applyPhase(s: Complex, phase: Phase): Complex {
  const out = reimPhaseCorrection(s, phase.phc0_deg * RAD, phase.phc1_deg * RAD);
  return { re: Float64Array.from(out.re), im: Float64Array.from(out.im) };
}

/**
 * The zero-order phase that makes the region integral of the real part largest and positive, with
 * the first-order phase given: Σ_k S_k·exp(i·PHC1·k/SI) over the signal points is a complex number
 * whose argument PHC0 must cancel (closed form; one phase for the whole series when applied to
 * all spectra).
 *
 * The first order is not searched in the frequency domain: we tried the maximum of |Σ| over a
 * time shift τ (PHC1 = 360°·τ) and it is biased for a one-sided FID: on a clean synthetic
 * Lorentzian it found τ = 1.8 points (PHC1 = 662°) instead of 0, because band-limiting a decay
 * that starts at t = 0 moves its maximum to t > 0. See `fidTimeOrigin` for the first order.
 */
export function autoPhase(s: Complex, signalPoints: ArrayLike<number>, phc1_deg = 0): Phase {
  const size = s.re.length;
  const phi1 = phc1_deg * RAD;
  let re = 0;
  let im = 0;
  for (let j = 0; j < signalPoints.length; j++) {
    const k = signalPoints[j];
    const angle = (phi1 * k) / size;
    const c = Math.cos(angle);
    const sn = Math.sin(angle);
    re += s.re[k] * c - s.im[k] * sn;
    im += s.im[k] * c + s.re[k] * sn;
  }
  return { phc0_deg: re === 0 && im === 0 ? 0 : -Math.atan2(im, re) / RAD, phc1_deg };
}

/**
 * The time origin of a FID in points after the digital-filter delay: the point of largest
 * magnitude among the first `maxShift_points`. For a FID that is its first point (origin 0);
 * after a receiver dead time or on an echo it is the echo top, the solid-state convention for the
 * first-order phase: PHC1 = 360°·origin. Whole points only: smoothing or a parabola through the
 * maximum is biased at the FID's start, where the signal jumps from the filter's zeros (measured:
 * 1.45 points on a clean synthetic FID whose true origin is 0.015). On the 17O LAMOX data it
 * gives 17 points against TopSpin's hand-set PHC1 = 7104° (19.7 points).
 */
export function fidTimeOrigin(fid: Complex, groupDelay_points: number, maxShift_points = 64): number {
  const start = Math.max(0, Math.floor(groupDelay_points));
  const end = Math.min(fid.re.length - 1, start + maxShift_points);
  let best = start;
  let bestMagnitude = -1;
  for (let j = start; j <= end; j++) {
    const m = Math.hypot(fid.re[j], fid.im[j]);
    if (m > bestMagnitude) {
      bestMagnitude = m;
      best = j;
    }
  }
  return Math.max(0, best - groupDelay_points);
}
