/**
 * The two flanks of a diffusion-induced rate peak (R1 or R1ρ vs T) found automatically and fitted
 * with straight Arrhenius lines.
 *
 * Where a flank starts: a point is a candidate only when its rate is at least `decadesBelowPeak`
 * decades below the peak (default log10 4 ≈ 0.6: a quarter of the maximum), counting outward from
 * the maximum on each side. For BPP (β = 2), R ∝ τ/(1+(ωτ)²) + 4τ/(1+(2ωτ)²), the local slope
 * d lnR/d lnτ relative to its asymptote is 0.85 at half the maximum, 0.95 at 0.3·Rmax, 0.98 at
 * 0.2·Rmax and 0.994 at 0.1·Rmax; an asymmetric peak (β < 2) approaches its asymptotes more
 * slowly, and far from the peak other contributions (a background rate; in R1ρ the Larmor-
 * frequency terms J(ω0), J(2ω0), which rise towards the R1 peak) bend the flank the other way.
 *
 * Whether the flank is straight is then tested, not assumed (curvature.ts: a quadratic term in
 * 1000/T, p < curvatureLevel). While the window is curved and holds more than minPoints points it
 * is moved toward the asymptote one point at a time: a concave window (still in the bend of the
 * peak) loses its point nearest the peak, a convex one (lifted at the far end) its farthest point.
 * A window that stays curved, or ends too short to be tested, carries a warning: its slope may not
 * be the asymptotic one. On the MIL-121 R1ρ series (examples/mil121) the high-T candidates
 * 220.8–400 K are convex (the J(ω0) terms), and the window moves to 220.8–284.6 K.
 *
 * The peak position is the vertex of a parabola in log10 R vs 1000/T through the highest point
 * and its two neighbours. Sign convention: on the low-T flank (ωτc ≫ 1) R ∝ τc⁻¹ rises with T, on
 * the high-T flank (ωτc ≪ 1) R ∝ τc falls with T; both energies are reported positive (the high-T
 * flank is fitted as a τ-like quantity). For the asymmetric spectral density J ∝ τc/(1+(ωτc)^β)
 * the low-T flank gives Ea·(β−1) and the high-T flank Ea (Küchler et al., Solid State Ionics
 * 70/71, 434 (1994)); background relaxation on the low-T side is not removed here.
 */
import { InputError } from '../errors';
import { formatNumber } from '../fit/format';
import { testCurvature } from './curvature';
import { arrheniusPoints } from './data';
import type { ArrheniusPoints } from './data';
import { fitArrhenius } from './fitArrhenius';
import type { ArrheniusData, FlankStraightness, RatePeakFlank, RatePeakFlanks } from './types';
import { RESULT_SCHEMA } from '../schema';

export interface RatePeakFlankOptions {
  /** A point is a flank candidate when log10(R) ≤ log10(R_peak) − this. Default log10(4). */
  decadesBelowPeak?: number;
  /** Fewest points a flank must hold to be fitted. Default 3. */
  minPoints?: number;
  /** A window is curved when the quadratic term's p-value is below this. Default 0.05; 0 never moves a window (every candidate is used, as before the test existed). */
  curvatureLevel?: number;
  absoluteSigma?: boolean;
  source?: string;
}

export const DEFAULT_CURVATURE_LEVEL = 0.05;

type Side = 'low' | 'high';

/** "p = 0.012", "p < 1e-15" (below the resolution of the tails in double precision). */
export const pText = (p: number): string => (p < 1e-15 ? 'p < 1e-15' : `p = ${formatNumber(p, 2)}`);

const range = (t: readonly number[]): string => `${formatNumber(Math.min(...t), 5)}–${formatNumber(Math.max(...t), 5)} K`;

/** The quadratic test of the points at `idx` (indices into `points`). */
function curvatureOf(points: ArrheniusPoints, idx: readonly number[]) {
  return testCurvature(
    idx.map((i) => points.x[i]),
    idx.map((i) => points.y[i]),
    points.sigma && idx.map((i) => (points.sigma as number[])[i]),
  );
}

/**
 * The candidates (indices ordered outward from the peak) moved toward the asymptote while curved:
 * the window used, and how straight it is.
 */
function straighten(
  points: ArrheniusPoints,
  outward: number[],
  minPoints: number,
  level: number,
): { idx: number[]; straightness: FlankStraightness } {
  let lo = 0;
  let hi = outward.length - 1;
  const first = curvatureOf(points, outward);
  let test = first;
  while (test && test.pValue < level && hi - lo + 1 > minPoints) {
    if (test.curvature < 0) lo++;
    else hi--;
    test = curvatureOf(points, outward.slice(lo, hi + 1));
  }
  const idx = outward.slice(lo, hi + 1);
  const candidates = outward.map((i) => points.temperature_K[i]);
  return {
    idx,
    straightness: {
      candidateWindow_K: [Math.min(...candidates), Math.max(...candidates)],
      candidates: outward.length,
      candidatePValue: first ? first.pValue : null,
      pValue: test ? test.pValue : null,
      curvatureLevel: level,
      moved: idx.length < outward.length,
    },
  };
}

/** What a user must know about a flank's straightness; none when it was tested and is straight. */
export function straightnessWarning(side: Side, window_K: [number, number], n: number, s: FlankStraightness): string | undefined {
  const name = `${side}-T flank`;
  const moved = s.moved
    ? `curved over the candidates ${range(s.candidateWindow_K)} (quadratic term ${pText(s.candidatePValue as number)}); moved to ${range(window_K)}, `
    : '';
  if (s.pValue === null) {
    if (!s.moved) return `${name}: ${n} points, too few to test whether the flank is straight (a quadratic term needs 4 with σ, 5 without)`;
    return `${name}: ${moved}where ${n} points cannot show whether it is straight: the Ea may not be the asymptotic slope`;
  }
  if (s.pValue < s.curvatureLevel)
    return `${name}: ${moved}still curved at ${n} points (quadratic term ${pText(s.pValue)}): the Ea is not the asymptotic slope`;
  return s.moved ? `${name}: ${moved}straight there (quadratic term ${pText(s.pValue)})` : undefined;
}

export function findRatePeakFlanks(data: ArrheniusData, options: RatePeakFlankOptions = {}): RatePeakFlanks {
  const source = options.source ?? 'findRatePeakFlanks';
  const decades = options.decadesBelowPeak ?? Math.log10(4);
  if (!Number.isFinite(decades) || decades < 0) {
    throw new InputError('invalid exclusion around the peak', {
      field: 'decadesBelowPeak',
      expected: 'a number of decades ≥ 0',
      found: String(decades),
      source,
    });
  }
  const level = options.curvatureLevel ?? DEFAULT_CURVATURE_LEVEL;
  if (!(level >= 0 && level < 1)) {
    throw new InputError('invalid significance level', {
      field: 'curvatureLevel',
      expected: 'a p-value threshold from 0 (never move) up to 1, e.g. 0.05',
      found: String(level),
      source,
    });
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

  // candidates of each flank, ordered outward from the peak: from the first point below the threshold on
  let lowFirst = -1;
  for (let i = iMax - 1; i >= 0; i--) {
    if (y[i] <= threshold) {
      lowFirst = i;
      break;
    }
  }
  let highFirst = n;
  for (let i = iMax + 1; i < n; i++) {
    if (y[i] <= threshold) {
      highFirst = i;
      break;
    }
  }
  const lowCandidates = Array.from({ length: lowFirst + 1 }, (_, k) => lowFirst - k);
  const highCandidates = Array.from({ length: n - highFirst }, (_, k) => highFirst + k);

  const warnings: string[] = [];
  const flank = (outward: number[], side: Side): RatePeakFlank | null => {
    if (outward.length < minPoints) {
      warnings.push(
        `${side}-T flank: ${outward.length} point(s) more than ${decades.toFixed(2)} decades below the peak, ${minPoints} needed; not fitted (measure further ${side === 'low' ? 'below' : 'above'} the peak or lower decadesBelowPeak)`,
      );
      return null;
    }
    const { idx, straightness } = straighten(points, outward, minPoints, level);
    const temperatures = idx.map((i) => T[i]);
    const window_K: [number, number] = [Math.min(...temperatures), Math.max(...temperatures)];
    const arrhenius = fitArrhenius(
      {
        temperature_K: temperatures,
        value: idx.map((i) => Math.pow(10, y[i])),
        ...(points.sigma && { sigma: idx.map((i) => (points.sigma as number[])[i] * Math.pow(10, y[i]) * Math.LN10) }),
        quantity: side === 'low' ? 'rate' : 'tau',
      },
      { absoluteSigma: options.absoluteSigma, source: `${source} (${side}-T flank)` },
    );
    const warning = straightnessWarning(side, window_K, idx.length, straightness);
    if (warning) warnings.push(warning);
    return { window_K, arrhenius, straightness };
  };
  const lowTemperature = flank(lowCandidates, 'low');
  const highTemperature = flank(highCandidates, 'high');
  if (!lowTemperature && !highTemperature) {
    throw new InputError('neither flank of the rate peak has enough points', {
      field: 'value',
      expected: `at least ${minPoints} points more than ${decades.toFixed(2)} decades below the peak on one side`,
      found: `${lowCandidates.length} below and ${highCandidates.length} above the peak`,
      source,
    });
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'RatePeakFlanks',
    peakTemperature_K: 1000 / peakX,
    peakRate_per_s: Math.pow(10, peakLog10),
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
