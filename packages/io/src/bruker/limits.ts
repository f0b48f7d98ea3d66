/**
 * Every allocation a Bruker header can ask for, checked against what the data files hold before
 * anything is allocated (issue 17: procs SI = 16777216 with `--data topspin` took 83 s and 9.6 GB,
 * SI = 67108864 ended in a RangeError, SI = 2³² in fft.js's "FFT size must be a power of two").
 *
 * - SI (spectrum points) is bounded by the FID it is computed from: zero filling past 2·TD/2
 *   points adds no information (Bartholdi & Ernst, J. Magn. Reson. 11, 9 (1973)), and a factor
 *   of 16 over the FID's points rounded up to a power of two still leaves room for smoother plots.
 *   The LAMOX example (TD = 10,000 words, SI = 16,384) uses a factor of 2.
 * - All spectra are held at once (the phase is fitted over the series), about 40 bytes per point
 *   (complex spectrum, its envelope, the phased copy): rows × SI ≤ 2²⁴ keeps that under ~700 MB.
 *   Measured on the LAMOX example (15 rows): SI = 2²⁰ (15.7 M points) took 10 s and 728 MB before
 *   this check.
 * - TD (words per FID) cannot exceed the ser file; GRPDLY must leave points of the FID; SW_h and
 *   SFO1 must be positive and finite (they make the dwell time and the ppm axis).
 */
import { InputError } from '@relaxlab/core';
import { nextPowerOfTwo } from '../processing/fidToSpectrum';

/** Largest zero-filling factor over the FID's complex points (rounded up to a power of two). */
export const MAX_ZERO_FILLING = 16;
/** Largest number of spectrum points held at once (rows × SI). */
export const MAX_SPECTRUM_POINTS = 2 ** 24;

/** Where a spectrum size came from, for the error: procs' SI, or a processing option. */
export interface SizeSource {
  source: string;
  field: string;
}

/** Throws a typed error unless `size` is a power of two within the limits above for `points` complex FID points and `rows` FIDs. */
export function checkSpectrumSize(size: number, points: number, rows: number, from: SizeSource): void {
  if (!(Number.isInteger(size) && size >= 2 && (size & (size - 1)) === 0 && size <= 2 ** 30)) {
    throw new InputError('bad spectrum size', { ...from, expected: 'a power of two ≥ 2 (TopSpin SI)', found: String(size) });
  }
  const largest = MAX_ZERO_FILLING * nextPowerOfTwo(Math.max(1, points));
  if (size > largest) {
    throw new InputError('spectrum size out of proportion to the FID', {
      ...from,
      expected: `at most ${largest} points (${MAX_ZERO_FILLING} × the FID's ${points} complex points rounded up to a power of two; zero filling past 2× adds no information)`,
      found: String(size),
    });
  }
  if (rows * size > MAX_SPECTRUM_POINTS) {
    throw new InputError('spectra too large to hold', {
      ...from,
      expected: `rows × SI ≤ ${MAX_SPECTRUM_POINTS} (about 700 MB); ${rows} rows allow SI ≤ ${nextPowerOfTwo(Math.floor(MAX_SPECTRUM_POINTS / rows) + 1) / 2}`,
      found: String(size),
    });
  }
}

/** Throws a typed error unless a positive, finite acquisition parameter is. */
export function checkPositive(value: number, source: string, field: string, meaning: string): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InputError(`bad ${field}`, { source, field, expected: `a positive number (${meaning})`, found: String(value) });
  }
}

/** Throws a typed error when the digital filter's group delay leaves no point of the FID. */
export function checkGroupDelay(groupDelay_points: number, points: number, source: string): void {
  if (groupDelay_points >= points) {
    throw new InputError('group delay longer than the FID', {
      source,
      field: 'GRPDLY',
      expected: `fewer points than the FID's ${points} complex points`,
      found: String(groupDelay_points),
    });
  }
}
