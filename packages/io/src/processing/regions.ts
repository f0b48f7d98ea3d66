/**
 * Spectral regions in ppm: TopSpin's integration-region file (pdata/N/intrng), conversion to point
 * ranges, and automatic peak regions for when the user gives none.
 */
import { InputError } from '@relaxlab/core';

/** A ppm axis as TopSpin defines it: point i is at offset_ppm − i·step_ppm (high ppm first). */
export interface PpmAxis {
  offset_ppm: number;
  /** Point spacing in ppm, positive. */
  step_ppm: number;
  size: number;
}

/** A region of the spectrum, high_ppm > low_ppm. */
export interface PpmRegion {
  high_ppm: number;
  low_ppm: number;
}

export function ppmAt(axis: PpmAxis, i: number): number {
  return axis.offset_ppm - i * axis.step_ppm;
}

/** A region from two limits given in either order. */
export function ppmRegion(a: number, b: number): PpmRegion {
  return { high_ppm: Math.max(a, b), low_ppm: Math.min(a, b) };
}

/** First and last point inside the region (inclusive), clipped to the spectrum; undefined if none. */
export function regionPoints(axis: PpmAxis, region: PpmRegion): [number, number] | undefined {
  const first = Math.max(0, Math.ceil((axis.offset_ppm - region.high_ppm) / axis.step_ppm - 1e-9));
  const last = Math.min(axis.size - 1, Math.floor((axis.offset_ppm - region.low_ppm) / axis.step_ppm + 1e-9));
  return first <= last ? [first, last] : undefined;
}

/** The region's points, checked: a region outside the spectrum is an input error. */
export function requireRegionPoints(axis: PpmAxis, region: PpmRegion, source: string): [number, number] {
  const points = regionPoints(axis, region);
  if (!points) {
    throw new InputError('region outside the spectrum', {
      source,
      field: 'region',
      expected: `ppm limits within ${ppmAt(axis, axis.size - 1).toFixed(3)} … ${axis.offset_ppm.toFixed(3)} ppm`,
      found: `${region.high_ppm} … ${region.low_ppm} ppm`,
    });
  }
  return points;
}

/**
 * TopSpin's intrng: a header line ("A 1.0 #regions in PPM"), comment lines, then one region per
 * line: `low-field high-field bias slope  # for region k` in ppm. Lines may carry the `$$ ` prefix
 * TopSpin adds when it embeds the file in a JCAMP-DX export.
 */
export function parseIntrng(text: string, source: string): PpmRegion[] {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.replace(/^\s*\$\$\s?/, '').trim());
  const header = lines.find((l) => l !== '');
  if (!header || !/^A\s/.test(header)) {
    throw new InputError('not a TopSpin intrng file', {
      source,
      field: 'line 1',
      expected: 'a header "A 1.0 #regions in PPM"',
      found: JSON.stringify(header ?? ''),
    });
  }
  if (!/ppm/i.test(header)) {
    throw new InputError('intrng regions not in ppm', {
      source,
      field: 'line 1',
      expected: 'regions in PPM',
      found: JSON.stringify(header),
    });
  }
  const regions: PpmRegion[] = [];
  lines.slice(lines.indexOf(header) + 1).forEach((line, i) => {
    const content = line.replace(/#[\s\S]*$/, '').trim();
    if (content === '') return;
    const cells = content.split(/\s+/).map(Number);
    if (cells.length < 2 || !Number.isFinite(cells[0]) || !Number.isFinite(cells[1])) {
      throw new InputError('not a region line', {
        source,
        field: `region line ${i + 1}`,
        expected: '"<low field ppm> <high field ppm> <bias> <slope>"',
        found: JSON.stringify(line),
      });
    }
    regions.push(ppmRegion(cells[0], cells[1]));
  });
  if (regions.length === 0)
    throw new InputError('no regions', { source, field: 'regions', expected: 'at least one region line', found: 'none' });
  return regions;
}

export interface AutoRegionOptions {
  /** A peak must exceed this fraction of the largest peak (default 0.05). */
  minRelativeHeight?: number;
  /** ... and this many noise standard deviations (default 10). */
  minSignalToNoise?: number;
  /** The region ends where the signal falls below this fraction of its peak (default 0.02) or below 3 σ. */
  edgeFraction?: number;
  /** At most this many regions, strongest first (default 16). */
  maxRegions?: number;
}

/**
 * Peak regions picked from one spectrum (|y|, so inverted peaks count): every local maximum above
 * the thresholds, widened until the signal falls to the edge level, overlapping regions merged.
 * Returned from high to low ppm.
 */
export function pickPeakRegions(y: ArrayLike<number>, axis: PpmAxis, noiseSigma: number, options: AutoRegionOptions = {}): PpmRegion[] {
  const { minRelativeHeight = 0.05, minSignalToNoise = 10, edgeFraction = 0.02, maxRegions = 16 } = options;
  const n = y.length;
  const a = Float64Array.from({ length: n }, (_, i) => Math.abs(y[i]));
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, a[i]);
  const threshold = Math.max(minRelativeHeight * largest, minSignalToNoise * noiseSigma);
  const peaks: number[] = [];
  for (let i = 1; i < n - 1; i++) if (a[i] >= threshold && a[i] >= a[i - 1] && a[i] > a[i + 1]) peaks.push(i);
  peaks.sort((p, q) => a[q] - a[p]);
  const spans: Array<[number, number]> = [];
  for (const p of peaks) {
    if (spans.some(([lo, hi]) => p >= lo && p <= hi)) continue;
    const edge = Math.max(edgeFraction * a[p], 3 * noiseSigma);
    let lo = p;
    let hi = p;
    while (lo > 0 && a[lo - 1] > edge) lo--;
    while (hi < n - 1 && a[hi + 1] > edge) hi++;
    spans.push([lo, hi]);
    if (spans.length === maxRegions) break;
  }
  spans.sort((p, q) => p[0] - q[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged.map(([lo, hi]) => ppmRegion(ppmAt(axis, lo), ppmAt(axis, hi)));
}
