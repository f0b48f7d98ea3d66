/**
 * The two flanks of a diffusion-induced rate peak (R1 or R1ρ vs T) found automatically and fitted
 * with straight Arrhenius lines.
 *
 * Rule for leaving out the curved region near the maximum: a point belongs to a flank only when
 * its rate is at least `decadesBelowPeak` decades below the peak rate (default log10 4 ≈ 0.6:
 * a quarter of the maximum), counting outward from the maximum on each side. Why that number:
 * for BPP, R ∝ τ/(1+(ωτ)²) + 4τ/(1+(2ωτ)²), the local slope d lnR/d lnτ relative to its
 * asymptote is 0.85 at half the maximum, 0.95 at 0.3·Rmax, 0.98 at 0.2·Rmax and 0.994 at
 * 0.1·Rmax (on either side), so from a quarter of the maximum outward the flank is straight to
 * ~4 % at its innermost point and the fitted slope is biased by about 1–2 % (less with more
 * decades of flank, or a larger decadesBelowPeak).
 *
 * The peak position is the vertex of a parabola in log10 R vs 1000/T through the highest point
 * and its two neighbours. Sign convention: on the low-T flank (ωτc ≫ 1) R ∝ τc⁻¹ rises with T, on
 * the high-T flank (ωτc ≪ 1) R ∝ τc falls with T; both energies are reported positive (the high-T
 * flank is fitted as a τ-like quantity). For the asymmetric spectral density J ∝ τc/(1+(ωτc)^β)
 * the low-T flank gives Ea·(β−1) and the high-T flank Ea (Küchler et al., Solid State Ionics
 * 70/71, 434 (1994)); background relaxation on the low-T side is not removed here.
 */
import { InputError } from '../errors';
import { arrheniusPoints } from './data';
import type { ArrheniusPoints } from './data';
import { fitArrhenius } from './fitArrhenius';
import type { ArrheniusData, RatePeakFlank, RatePeakFlanks } from './types';

export interface RatePeakFlankOptions {
  /** A point is on a flank when log10(R) ≤ log10(R_peak) − this. Default log10(4). */
  decadesBelowPeak?: number;
  /** Fewest points a flank must hold to be fitted. Default 3. */
  minPoints?: number;
  absoluteSigma?: boolean;
  source?: string;
}

export function findRatePeakFlanks(data: ArrheniusData, options: RatePeakFlankOptions = {}): RatePeakFlanks {
  const source = options.source ?? 'findRatePeakFlanks';
  const decades = options.decadesBelowPeak ?? Math.log10(4);
  if (!Number.isFinite(decades) || decades < 0) {
    throw new InputError('invalid exclusion around the peak', { field: 'decadesBelowPeak', expected: 'a number of decades ≥ 0', found: String(decades), source });
  }
  const minPoints = Math.max(2, Math.floor(options.minPoints ?? 3));
  const points = arrheniusPoints({ ...data, quantity: 'rate' }, { source, minPoints: 3, what: 'a rate peak' });
  const { x, y, temperature_K: T } = points;
  const n = T.length;
  const iMax = ratePeakIndex(points) ?? (y[0] >= y[n - 1] ? 0 : n - 1);
  if (iMax === 0 || iMax === n - 1) {
    throw new InputError('no rate maximum inside the temperature range', {
      field: 'value',
      expected: 'rates that rise to a maximum and fall again (a diffusion-induced peak) within the measured temperatures',
      found: `the largest rate at the ${iMax === 0 ? 'lowest' : 'highest'} temperature, ${T[iMax]} K`,
      source,
    });
  }
  const vertex = parabolaVertex(x[iMax - 1], y[iMax - 1], x[iMax], y[iMax], x[iMax + 1], y[iMax + 1]);
  const peakX = vertex?.x ?? x[iMax];
  const peakLog10 = Math.max(vertex?.y ?? y[iMax], y[iMax]);
  const threshold = peakLog10 - decades;

  let lowEnd = -1; // flank = indices 0..lowEnd
  for (let i = iMax - 1; i >= 0; i--) {
    if (y[i] <= threshold) {
      lowEnd = i;
      break;
    }
  }
  let highStart = n; // flank = indices highStart..n−1
  for (let i = iMax + 1; i < n; i++) {
    if (y[i] <= threshold) {
      highStart = i;
      break;
    }
  }
  const warnings: string[] = [];
  const flank = (from: number, to: number, side: 'low' | 'high'): RatePeakFlank | null => {
    const count = to - from + 1;
    if (count < minPoints) {
      warnings.push(
        `${side}-T flank: ${Math.max(count, 0)} point(s) more than ${decades.toFixed(2)} decades below the peak, ${minPoints} needed; not fitted (measure further ${side === 'low' ? 'below' : 'above'} the peak or lower decadesBelowPeak)`,
      );
      return null;
    }
    const window_K: [number, number] = [T[from], T[to]];
    const idx = Array.from({ length: count }, (_, k) => from + k);
    const arrhenius = fitArrhenius(
      {
        temperature_K: idx.map((i) => T[i]),
        value: idx.map((i) => Math.pow(10, y[i])),
        ...(points.sigma && { sigma: idx.map((i) => (points.sigma as number[])[i] * Math.pow(10, y[i]) * Math.LN10) }),
        quantity: side === 'low' ? 'rate' : 'tau',
      },
      { absoluteSigma: options.absoluteSigma, source: `${source} (${side}-T flank)` },
    );
    return { window_K, arrhenius };
  };
  const lowTemperature = flank(0, lowEnd, 'low');
  const highTemperature = flank(highStart, n - 1, 'high');
  if (!lowTemperature && !highTemperature) {
    throw new InputError('neither flank of the rate peak has enough points', {
      field: 'value',
      expected: `at least ${minPoints} points more than ${decades.toFixed(2)} decades below the peak on one side`,
      found: `${lowEnd + 1} below and ${n - highStart} above the peak`,
      source,
    });
  }
  return {
    schema: 'relaxlab/1',
    kind: 'RatePeakFlanks',
    peakTemperature_K: 1000 / peakX,
    peakRate: Math.pow(10, peakLog10),
    decadesBelowPeak: decades,
    lowTemperature,
    highTemperature,
    warnings,
  };
}

/** Index of the largest rate when it lies between the outer points (a maximum inside the data), else null. */
export function ratePeakIndex(points: Pick<ArrheniusPoints, 'y'>): number | null {
  const { y } = points;
  let iMax = 0;
  for (let i = 1; i < y.length; i++) if (y[i] > y[iMax]) iMax = i;
  return iMax === 0 || iMax === y.length - 1 ? null : iMax;
}

/** Vertex of the parabola through three points, when it opens downward and lies between the outer two. */
function parabolaVertex(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): { x: number; y: number } | undefined {
  const d = (x0 - x1) * (x0 - x2) * (x1 - x2);
  const a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / d;
  const b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / d;
  const c = (x1 * x2 * (x1 - x2) * y0 + x2 * x0 * (x2 - x0) * y1 + x0 * x1 * (x0 - x1) * y2) / d;
  if (!(a < 0)) return undefined;
  const xv = -b / (2 * a);
  if (xv < Math.min(x0, x2) || xv > Math.max(x0, x2)) return undefined;
  return { x: xv, y: c - (b * b) / (4 * a) };
}
