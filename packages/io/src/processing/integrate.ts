/**
 * Per spectrum (one per delay) and per region: a local baseline, then the region integral or the
 * peak height, with its noise standard deviation measured on a signal-free part of the spectrum.
 */
import type { PpmAxis } from './regions';

export type RegionMeasure = 'integral' | 'height';

export interface BaselineOptions {
  /** Polynomial order of the local baseline under each region: 0 (offset) or 1 (offset + slope). */
  order: 0 | 1;
  /** Width of the flank fitted on each side of a region, as a multiple of the region's width. */
  flankWidth: number;
}

export interface MeasureOptions {
  measure: RegionMeasure;
  /** A local baseline under each region; false for none. */
  baseline: BaselineOptions | false;
  /** Points known to carry no signal: flanks skip them, the noise is measured on `noisePoints`. */
  signalMask: Uint8Array;
  /** Signal-free points (ascending) on which the noise is measured. */
  noisePoints: number[];
  /** `detrendedRuns(y, noisePoints)` when already computed for this spectrum (several regions). */
  noiseResiduals?: number[][];
}

export interface RegionValues {
  value: number;
  sigma: number;
}

/**
 * Least-squares line (or constant) through the flank points of [first, last], evaluated on the
 * region. Flanks exclude every point of `signalMask`, so a neighbouring peak does not lift it.
 */
function localBaseline(
  y: ArrayLike<number>,
  first: number,
  last: number,
  options: MeasureOptions & { baseline: BaselineOptions },
): (i: number) => number {
  const width = last - first + 1;
  const flank = Math.max(8, Math.round(options.baseline.flankWidth * width));
  const n = y.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let sy = 0;
  let sxy = 0;
  const centre = (first + last) / 2;
  const add = (i: number) => {
    if (options.signalMask[i]) return;
    const x = (i - centre) / width;
    s0 += 1;
    s1 += x;
    s2 += x * x;
    sy += y[i];
    sxy += x * y[i];
  };
  for (let i = Math.max(0, first - flank); i < first; i++) add(i);
  for (let i = last + 1; i <= Math.min(n - 1, last + flank); i++) add(i);
  if (s0 === 0) return () => 0;
  const det = s0 * s2 - s1 * s1;
  if (options.baseline.order === 0 || s0 < 2 || Math.abs(det) < 1e-12 * s0 * s0) {
    const mean = sy / s0;
    return () => mean;
  }
  const slope = (s0 * sxy - s1 * sy) / det;
  const intercept = (sy - slope * s1) / s0;
  return (i) => intercept + (slope * (i - centre)) / width;
}

/** The points split into contiguous runs, each minus its own straight-line fit (a baseline roll is not noise). */
export function detrendedRuns(y: ArrayLike<number>, points: number[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  points.forEach((p, k) => {
    if (k > 0 && p !== points[k - 1] + 1) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  });
  if (run.length) runs.push(run);
  return runs.map((r) => {
    const m = r.length;
    const xm = (m - 1) / 2;
    let ym = 0;
    for (const p of r) ym += y[p];
    ym /= m;
    let sxy = 0;
    let sxx = 0;
    r.forEach((p, j) => {
      sxy += (j - xm) * (y[p] - ym);
      sxx += (j - xm) ** 2;
    });
    const slope = sxx > 0 ? sxy / sxx : 0;
    return r.map((p, j) => y[p] - ym - slope * (j - xm));
  });
}

/**
 * Standard deviation of one measurement over `width` points. For an integral it is measured
 * directly: the spread of sums over consecutive windows of the same width in the noise, which
 * carries the point-to-point correlation that zero filling and apodization introduce. With fewer
 * than 4 such windows it falls back to σ_point·√width (uncorrelated points, an underestimate).
 */
function measurementNoise(residuals: number[][], width: number, measure: RegionMeasure): number {
  let count = 0;
  let squares = 0;
  for (const r of residuals) {
    count += r.length;
    for (const v of r) squares += v * v;
  }
  if (count < 2) return 0;
  const pointVar = squares / (count - 1);
  if (measure === 'height') return Math.sqrt(pointVar);
  const sums: number[] = [];
  for (const r of residuals) {
    for (let start = 0; start + width <= r.length; start += width) {
      let s = 0;
      for (let j = start; j < start + width; j++) s += r[j];
      sums.push(s);
    }
  }
  if (sums.length < 4) return Math.sqrt(pointVar * width);
  const mean = sums.reduce((s, v) => s + v, 0) / sums.length;
  return Math.sqrt(sums.reduce((s, v) => s + (v - mean) ** 2, 0) / (sums.length - 1));
}

/**
 * The value of one region in one spectrum: integral = Σ (y − baseline) · step_ppm (TopSpin's
 * integral unit: intensity × ppm), or height = the baseline-corrected point of largest magnitude
 * (signed, so inverted peaks stay negative).
 */
export function measureRegion(y: ArrayLike<number>, axis: PpmAxis, points: [number, number], options: MeasureOptions): RegionValues {
  const [first, last] = points;
  const base = options.baseline ? localBaseline(y, first, last, { ...options, baseline: options.baseline }) : () => 0;
  const width = last - first + 1;
  const noise = measurementNoise(options.noiseResiduals ?? detrendedRuns(y, options.noisePoints), width, options.measure);
  if (options.measure === 'height') {
    let extreme = 0;
    for (let i = first; i <= last; i++) {
      const v = y[i] - base(i);
      if (Math.abs(v) > Math.abs(extreme)) extreme = v;
    }
    return { value: extreme, sigma: noise };
  }
  let sum = 0;
  for (let i = first; i <= last; i++) sum += y[i] - base(i);
  return { value: sum * axis.step_ppm, sigma: noise * axis.step_ppm };
}

/** Fraction of the spectrum at each end used for the noise by default (TopSpin's sino uses a similar edge strip). */
export const DEFAULT_NOISE_EDGE = 0.1;

/** Signal-free points: the given range, else both outer tenths of the spectrum; signal points excluded. */
export function noisePointsOf(size: number, signalMask: Uint8Array, range?: [number, number]): number[] {
  const keep = (i: number) => !signalMask[i];
  if (range) {
    const out: number[] = [];
    for (let i = range[0]; i <= range[1]; i++) if (keep(i)) out.push(i);
    return out;
  }
  const edge = Math.max(1, Math.floor(size * DEFAULT_NOISE_EDGE));
  const out: number[] = [];
  for (let i = 0; i < edge; i++) if (keep(i)) out.push(i);
  for (let i = size - edge; i < size; i++) if (keep(i)) out.push(i);
  return out;
}
