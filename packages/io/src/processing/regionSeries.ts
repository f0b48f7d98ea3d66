/**
 * A pseudo-2D series of spectra (one per delay) → one value ± σ per delay and region: choose the
 * regions, phase the whole series with one phase, then baseline and integrate every spectrum.
 */
import type { Complex } from './fidToSpectrum';
import { BaselineOptions, detrendedRuns, measureRegion, noisePointsOf, RegionMeasure, RegionValues } from './integrate';
import { applyPhase, autoPhase, Phase } from './phase';
import { AutoRegionOptions, pickPeakRegions, PpmAxis, PpmRegion, requireRegionPoints } from './regions';

/**
 * 'auto': the zero-order phase fitted on the strongest spectrum, no first order (readBrukerRelaxation
 * adds the first order from the FID's time origin); 'magnitude': |S|; 'none': the real part as it
 * is; given degrees: applied, and a missing phc0_deg is fitted with the given phc1_deg (default 0).
 */
export type PhaseChoice = 'auto' | 'magnitude' | 'none' | Partial<Phase>;

export interface RegionSeriesOptions {
  /** Regions to measure; none: picked automatically on the strongest spectrum. */
  regions?: PpmRegion[];
  measure: RegionMeasure;
  phase: PhaseChoice;
  baseline: BaselineOptions | false;
  /** Where the noise is measured; default the outer tenth of the spectrum at each end. */
  noiseRegion?: PpmRegion;
  autoRegions?: AutoRegionOptions;
  /** Named in errors. */
  source: string;
}

export interface RegionSeries {
  regions: PpmRegion[];
  regionsFrom: 'option' | 'auto';
  /** values[r][d]: region r, spectrum (delay) d. */
  values: RegionValues[][];
  /** The phase applied (auto or given); absent for magnitude and real spectra. */
  phase?: Phase;
  /** Index of the strongest spectrum (reference for automatic phase and regions). */
  reference: number;
}

function magnitude(s: Complex): Float64Array {
  const out = new Float64Array(s.re.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(s.re[i] * s.re[i] + s.im[i] * s.im[i]);
  return out;
}

function strongest(rows: ArrayLike<number>[]): number {
  let best = 0;
  let bestSum = -1;
  rows.forEach((row, d) => {
    let sum = 0;
    for (let i = 0; i < row.length; i++) sum += Math.abs(row[i]);
    if (sum > bestSum) {
      bestSum = sum;
      best = d;
    }
  });
  return best;
}

function pointSigma(y: ArrayLike<number>, points: number[]): number {
  if (points.length < 2) return 0;
  let mean = 0;
  for (const p of points) mean += y[p];
  mean /= points.length;
  let v = 0;
  for (const p of points) v += (y[p] - mean) ** 2;
  return Math.sqrt(v / (points.length - 1));
}

/** Spectra are complex (raw FIDs, transformed) or real (TopSpin 2rr, JCAMP-DX). */
export function measureRegionSeries(spectra: Complex[] | Float64Array[], axis: PpmAxis, options: RegionSeriesOptions): RegionSeries {
  const complex = spectra.length > 0 && !(spectra[0] instanceof Float64Array);
  const size = axis.size;
  const envelopes: Float64Array[] = complex ? (spectra as Complex[]).map(magnitude) : (spectra as Float64Array[]);
  const reference = strongest(envelopes);
  const noiseRange = options.noiseRegion ? requireRegionPoints(axis, options.noiseRegion, options.source) : undefined;

  let regions = options.regions;
  const regionsFrom = regions ? 'option' : 'auto';
  if (!regions) {
    const sigma = pointSigma(envelopes[reference], noisePointsOf(size, new Uint8Array(size), noiseRange));
    regions = pickPeakRegions(envelopes[reference], axis, sigma, options.autoRegions);
  }
  const spans = regions.map((r) => requireRegionPoints(axis, r, options.source));
  const signalMask = new Uint8Array(size);
  const signalPoints: number[] = [];
  for (const [first, last] of spans) {
    for (let i = first; i <= last; i++) {
      if (!signalMask[i]) signalPoints.push(i);
      signalMask[i] = 1;
    }
  }

  let phase: Phase | undefined;
  let rows: ArrayLike<number>[];
  if (!complex) {
    rows = spectra as Float64Array[];
  } else if (options.phase === 'magnitude') {
    rows = envelopes;
  } else if (options.phase === 'none') {
    rows = (spectra as Complex[]).map((s) => s.re);
  } else {
    const choice = options.phase;
    const ref = (spectra as Complex[])[reference];
    phase =
      choice === 'auto' || choice.phc0_deg === undefined
        ? autoPhase(ref, signalPoints, choice === 'auto' ? 0 : (choice.phc1_deg ?? 0))
        : { phc0_deg: choice.phc0_deg, phc1_deg: choice.phc1_deg ?? 0 };
    const p = phase;
    rows = (spectra as Complex[]).map((s) => applyPhase(s, p).re);
  }

  const noisePoints = noisePointsOf(size, signalMask, noiseRange);
  const measure = { measure: options.measure, baseline: options.baseline, signalMask, noisePoints };
  const residuals = rows.map((y) => detrendedRuns(y, noisePoints));
  const values = spans.map((span) => rows.map((y, d) => measureRegion(y, axis, span, { ...measure, noiseResiduals: residuals[d] })));
  return { regions, regionsFrom, values, ...(phase && { phase }), reference };
}
