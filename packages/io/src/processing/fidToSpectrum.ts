/**
 * One FID → one complex spectrum, the steps TopSpin's `ft` takes (TopSpin Processing Reference
 * Manual, commands em/gm/sine/qsin/trap, ft): DC offset, digital-filter group delay, apodization
 * (apodization.ts), zero filling to SI points, Fourier transform (fft.js, the radix-4 FFT
 * ml-spectra-processing's reimFFT wraps; called directly because reimFFT builds a new FFT table on
 * every call, measured at 1.9 ms per 64 k-point transform, 40 ms of a 21-row data set in
 * bench/processing.mjs).
 *
 * Checked against TopSpin on the 17O LAMOX data set: these steps, then `applyPhase` with procs'
 * PHC0/PHC1, reproduce TopSpin's pdata/1/2rr rows with correlation 1.0000 and scale 0.9998
 * (test/real-17O-raw.test.ts).
 */
import FFT = require('fft.js');
import { ApodizationWindow, emWindow, windowWeights } from './apodization';

export interface Complex {
  re: Float64Array;
  im: Float64Array;
}

export interface FidToSpectrumOptions {
  /** Points of the spectrum (TopSpin SI): zero filling; a power of two ≥ the FID's points. */
  size: number;
  /** Digital-filter group delay in points (acqus GRPDLY); the first points are the filter's delay. */
  groupDelay_points: number;
  /** Dwell time between complex points, 1/SW_h, in seconds. */
  dwell_s: number;
  /** Exponential line broadening (TopSpin LB with WDW = EM), in Hz; 0 for none. Used when no `window` is given. */
  lineBroadening_Hz?: number;
  /** The window function (TopSpin WDW and its parameters); wins over `lineBroadening_Hz`. */
  window?: ApodizationWindow;
  /** The window's AQ in seconds; default TopSpin's AQ = TD/(2·SW_h), the FID's complex points × dwell. */
  acquisitionTime_s?: number;
  /** Subtract the mean of the last eighth of the FID (the receiver's DC offset) first. */
  dcOffset: boolean;
}

/** Fraction of the FID, at its end, whose mean is taken as the DC offset (signal has decayed there). */
const DC_TAIL_FRACTION = 1 / 8;

/**
 * The complex spectrum, ordered as TopSpin orders it: point 0 is the high-frequency (high ppm)
 * edge. Bruker's quadrature convention makes that the FFT of the complex conjugate FID.
 * A non-integer group delay is removed in two steps: the whole points are dropped from the start of
 * the FID, and the remaining delay τ = frac·dwell is undone after the FFT by exp(+2πi·f·τ), f the
 * frequency of point k, (k − SI/2)/(SI·dwell): a phase −π·frac + 2π·frac·k/SI.
 */
export function fidToSpectrum(fid: Complex, options: FidToSpectrumOptions): Complex {
  const { size, groupDelay_points, dwell_s, dcOffset } = options;
  const n = fid.re.length;
  const window: ApodizationWindow = options.window ?? emWindow(options.lineBroadening_Hz ?? 0);
  const shift = Math.max(0, Math.floor(groupDelay_points));
  const fraction = Math.max(0, groupDelay_points) - shift;
  let dcRe = 0;
  let dcIm = 0;
  if (dcOffset) {
    const from = Math.floor(n * (1 - DC_TAIL_FRACTION));
    for (let j = from; j < n; j++) {
      dcRe += fid.re[j];
      dcIm += fid.im[j];
    }
    dcRe /= n - from;
    dcIm /= n - from;
  }
  const fft = fftOfSize(size);
  const input = fft.createComplexArray() as number[];
  const points = Math.min(n - shift, size);
  // t = 0 at the first point after the whole group-delay points (see apodization.ts)
  const weight = windowWeights(window, points, dwell_s, options.acquisitionTime_s ?? n * dwell_s);
  for (let j = 0; j < points; j++) {
    input[2 * j] = (fid.re[j + shift] - dcRe) * weight[j];
    input[2 * j + 1] = -(fid.im[j + shift] - dcIm) * weight[j];
  }
  const output = fft.createComplexArray() as number[];
  fft.transform(output, input);
  // zero frequency to the middle (fftshift): point k of the spectrum is FFT bin k − size/2
  const half = size / 2;
  const spectrum: Complex = { re: new Float64Array(size), im: new Float64Array(size) };
  for (let k = 0; k < size; k++) {
    const bin = k < half ? k + half : k - half;
    spectrum.re[k] = output[2 * bin];
    spectrum.im[k] = output[2 * bin + 1];
  }
  if (fraction === 0) return spectrum;
  return rotate(spectrum, -Math.PI * fraction, 2 * Math.PI * fraction);
}

let cachedFft: FFT | undefined;

/** One fft.js instance per size: building its twiddle table costs as much as a transform. */
function fftOfSize(size: number): FFT {
  if (cachedFft?.size !== size) cachedFft = new FFT(size);
  return cachedFft;
}

/** Multiply point k by exp(i(phi0 + phi1·k/size)) in place; returns the same object. */
export function rotate(s: Complex, phi0_rad: number, phi1_rad: number): Complex {
  const size = s.re.length;
  for (let k = 0; k < size; k++) {
    const angle = phi0_rad + (phi1_rad * k) / size;
    const c = Math.cos(angle);
    const sn = Math.sin(angle);
    const r = s.re[k];
    const i = s.im[k];
    s.re[k] = r * c - i * sn;
    s.im[k] = i * c + r * sn;
  }
  return s;
}

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
