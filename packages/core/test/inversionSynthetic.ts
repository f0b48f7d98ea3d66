/** Synthetic transients and spectra with known distributions, for the inversion tests. */
import { gaussian } from '../src/fit/random';

/** Log-spaced delays. */
export const delays = (from: number, to: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => from * (to / from) ** (i / (n - 1)));

/** Saturation recovery of log-normal populations [T1 (s), fraction, width (decades SD)], unit amplitude, plus σ·N(0, 1). */
export function logNormalRecovery(t: number[], pops: Array<[number, number, number]>, sigma: number, random: () => number): number[] {
  return t.map((ti) => {
    let s = 0;
    for (const [T, f, w] of pops) {
      if (w === 0) {
        s += f * (1 - Math.exp(-ti / T));
        continue;
      }
      // the log-normal integrated on 161 nodes over ±8 SD (trapezoid; exact to 1e-12 here)
      for (let q = -80; q <= 80; q++) {
        const z = q / 10;
        s += ((f * Math.exp(-0.5 * z * z)) / (10 * Math.sqrt(2 * Math.PI))) * (1 - Math.exp(-ti / (T * 10 ** (w * z))));
      }
    }
    return s + sigma * gaussian(random);
  });
}
