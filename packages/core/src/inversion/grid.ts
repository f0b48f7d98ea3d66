/** The τ grid of an inversion: the data's window widened by a margin, or the user's, checked. */
import { InputError } from '../errors';
import { logTauGrid } from './basis';
import type { LogTauGrid } from './basis';

export interface GridOptions {
  /** τ range of the grid (default: the data's window widened by `marginDecades` on each side). */
  min_s?: number;
  max_s?: number;
  /** Number of grid points (default: `pointsPerDecade` over the range). */
  points?: number;
  /** Default 10. */
  pointsPerDecade?: number;
  /** Default 0.5 decades. */
  marginDecades?: number;
}

/**
 * The grid for data that resolve time constants in [windowMin, windowMax] (delays of a transient;
 * 1/ω of a spectrum). A user's range must overlap the window: τ entirely outside it are not
 * determined by the data at all.
 */
export function resolveGrid(windowMin: number, windowMax: number, options: GridOptions, source: string, what: string): LogTauGrid {
  const margin = options.marginDecades ?? 0.5;
  const min = options.min_s ?? windowMin / 10 ** margin;
  const max = options.max_s ?? windowMax * 10 ** margin;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min > 0 && max > min)) {
    throw new InputError('invalid τ range', { field: 'grid', expected: '0 < min_s < max_s, finite', found: `[${min}, ${max}] s`, source });
  }
  if (max < windowMin || min > windowMax) {
    throw new InputError('τ range outside the data', {
      field: 'grid',
      expected: `a range overlapping ${windowMin.toPrecision(3)}–${windowMax.toPrecision(3)} s (${what})`,
      found: `${min.toPrecision(3)}–${max.toPrecision(3)} s`,
      source,
    });
  }
  const perDecade = options.pointsPerDecade ?? 10;
  const points = options.points ?? Math.max(Math.round(Math.log10(max / min) * perDecade) + 1, 3);
  if (!(Number.isInteger(points) && points >= 3 && points <= 1000)) {
    throw new InputError('invalid number of grid points', {
      field: 'grid.points',
      expected: 'an integer 3 … 1000',
      found: String(points),
      source,
    });
  }
  return logTauGrid(min, max, points);
}
