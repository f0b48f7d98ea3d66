/**
 * Conductivity from impedance and pellet geometry (thickness l, electrode area A, cell constant
 * l/A):
 *
 *   σ_DC = l/(R·A)                                   from a fitted (bulk) resistance R
 *   σ*(ω) = (l/A)/Z*(ω),  σ′ = (l/A)·Z′/|Z|²,  σ″ = −(l/A)·Z″/|Z|²
 *
 * (e.g. J. R. Macdonald, Impedance Spectroscopy, Wiley 1987, §1.3; σ″ > 0 for a capacitive
 * sample with Z″ < 0). Uncertainties of R, l and A are independent and add in relative
 * quadrature: (δσ/σ)² = (δR/R)² + (δl/l)² + (δA/A)².
 */
import { InputError } from '../errors';
import { checkSpectrum, SpectrumData } from './spectrum';
import type { ConductivitySpectrum, Estimate, ImpedanceSpectrum, PelletGeometry } from './types';
import { RESULT_SCHEMA } from '../schema';

const GEOMETRY_HINT = 'pellet geometry { thickness_cm, area_cm2 } (CLI: --thickness CM --area CM2)';

/** Checks the geometry (present, positive, finite) and returns it; missing geometry is an InputError. */
export function checkGeometry(geometry: PelletGeometry | undefined, source: string): PelletGeometry {
  if (geometry === undefined || geometry === null) {
    throw new InputError('geometry missing: a conductivity needs the pellet thickness and electrode area', {
      field: 'geometry',
      expected: GEOMETRY_HINT,
      source,
    });
  }
  for (const [field, v] of [
    ['thickness_cm', geometry.thickness_cm],
    ['area_cm2', geometry.area_cm2],
  ] as const) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      throw new InputError(v === undefined ? `geometry.${field} missing` : 'must be a positive number', {
        field: `geometry.${field}`,
        expected: `a number > 0 (${GEOMETRY_HINT})`,
        found: String(v),
        source,
      });
    }
  }
  for (const [field, v] of [
    ['thicknessStderr_cm', geometry.thicknessStderr_cm],
    ['areaStderr_cm2', geometry.areaStderr_cm2],
  ] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      throw new InputError('must be a non-negative number', {
        field: `geometry.${field}`,
        expected: 'an uncertainty ≥ 0',
        found: String(v),
        source,
      });
    }
  }
  return geometry;
}

/** Cell constant l/A in 1/cm. */
export function cellConstant_per_cm(geometry: PelletGeometry): number {
  return geometry.thickness_cm / geometry.area_cm2;
}

/** σ = l/(R·A) in S/cm with its propagated stderr (null if R has none). */
export function conductivityFromResistance(
  resistance_ohm: number | Estimate,
  geometry: PelletGeometry | undefined,
  source = 'conductivityFromResistance',
): Estimate {
  const g = checkGeometry(geometry, source);
  const R = typeof resistance_ohm === 'number' ? { value: resistance_ohm, stderr: 0 } : resistance_ohm;
  if (!(Number.isFinite(R.value) && R.value > 0)) {
    throw new InputError('resistance must be positive', { field: 'resistance_ohm', expected: 'R > 0 Ω', found: String(R.value), source });
  }
  const sigma = cellConstant_per_cm(g) / R.value;
  if (R.stderr === null) return { value: sigma, stderr: null };
  const rel2 =
    (R.stderr / R.value) ** 2 + ((g.thicknessStderr_cm ?? 0) / g.thickness_cm) ** 2 + ((g.areaStderr_cm2 ?? 0) / g.area_cm2) ** 2;
  return { value: sigma, stderr: sigma * Math.sqrt(rel2) };
}

/** σ′(ν) and σ″(ν) of a spectrum: σ* = (l/A)/Z*. Geometry from the argument or the spectrum. */
export function conductivitySpectrum(
  spectrum: SpectrumData & { geometry?: PelletGeometry; temperature_K?: number; source?: ImpedanceSpectrum['source'] },
  geometry?: PelletGeometry,
  source = 'conductivitySpectrum',
): ConductivitySpectrum & { sigmaImag_S_per_cm: number[] } {
  const g = checkGeometry(geometry ?? spectrum.geometry, source);
  const data = checkSpectrum(spectrum, source);
  const k = cellConstant_per_cm(g);
  const sigmaReal_S_per_cm: number[] = [];
  const sigmaImag_S_per_cm: number[] = [];
  for (let i = 0; i < data.frequency_Hz.length; i++) {
    const m2 = data.zReal_ohm[i] ** 2 + data.zImag_ohm[i] ** 2;
    if (m2 === 0)
      throw new InputError('|Z| = 0: no conductivity', { field: `zReal_ohm[${i}]`, expected: 'a nonzero impedance', found: '0', source });
    sigmaReal_S_per_cm.push((k * data.zReal_ohm[i]) / m2);
    sigmaImag_S_per_cm.push((-k * data.zImag_ohm[i]) / m2);
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'ConductivitySpectrum',
    frequency_Hz: Array.from(data.frequency_Hz),
    sigmaReal_S_per_cm,
    sigmaImag_S_per_cm,
    ...(spectrum.temperature_K !== undefined && { temperature_K: spectrum.temperature_K }),
    ...(spectrum.source && {
      source: { file: spectrum.source.file, sha256: spectrum.source.sha256, format: spectrum.source.format, block: spectrum.source.block },
    }),
  };
}

export interface DcPlateauOptions {
  /** Largest |d log σ′ / d log ν| still counted as flat (default 0.05). */
  maxSlope?: number;
  /** Fewest consecutive flat points that make a plateau (default 4). */
  minPoints?: number;
}

export interface DcPlateau {
  sigmaDC_S_per_cm: Estimate;
  /** Frequency range of the plateau. */
  frequencyRange_Hz: [number, number];
  points: number;
}

/**
 * The frequency-independent part of σ′(ν) between electrode polarisation (σ′ falling at low ν)
 * and the dispersive regime (σ′ rising at high ν): the longest run of consecutive points whose
 * local log–log slope stays below maxSlope. σ_DC is the geometric mean over the run, its stderr
 * the standard error of that mean (from the scatter of ln σ′). Null when σ′ has no such run.
 */
export function dcPlateau(
  spectrum: Pick<ConductivitySpectrum, 'frequency_Hz' | 'sigmaReal_S_per_cm'>,
  options: DcPlateauOptions = {},
): DcPlateau | null {
  const source = 'dcPlateau';
  const maxSlope = options.maxSlope ?? 0.05;
  const minPoints = options.minPoints ?? 4;
  const points = sortedPositive(spectrum.frequency_Hz, spectrum.sigmaReal_S_per_cm, source);
  const n = points.length;
  // slope between neighbours i and i+1; a point is flat if both adjoining slopes are
  const slope = (i: number) => Math.log(points[i + 1].s / points[i].s) / Math.log(points[i + 1].f / points[i].f);
  let best: [number, number] | null = null;
  let runStart = -1;
  for (let i = 0; i < n - 1; i++) {
    const flat = Math.abs(slope(i)) <= maxSlope;
    if (flat && runStart < 0) runStart = i;
    if ((!flat || i === n - 2) && runStart >= 0) {
      const end = flat ? i + 1 : i;
      if (!best || end - runStart > best[1] - best[0]) best = [runStart, end];
      runStart = -1;
    }
  }
  if (!best || best[1] - best[0] + 1 < minPoints) return null;
  const logs = points.slice(best[0], best[1] + 1).map((p) => Math.log(p.s));
  const k = logs.length;
  const mean = logs.reduce((a, b) => a + b, 0) / k;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
  const value = Math.exp(mean);
  return {
    sigmaDC_S_per_cm: { value, stderr: (value * sd) / Math.sqrt(k) },
    frequencyRange_Hz: [points[best[0]].f, points[best[1]].f],
    points: k,
  };
}

/** (ν, σ′) pairs sorted by ascending frequency, after checking both are positive and finite. */
export function sortedPositive(frequency_Hz: ArrayLike<number>, sigma: ArrayLike<number>, source: string): { f: number; s: number }[] {
  if (!frequency_Hz || !sigma || frequency_Hz.length !== sigma.length || frequency_Hz.length === 0) {
    throw new InputError('frequency and σ′ arrays must be non-empty and of equal length', {
      field: 'sigmaReal_S_per_cm',
      expected: `${frequency_Hz?.length ?? 0} values`,
      found: `${sigma?.length ?? 0}`,
      source,
    });
  }
  const out: { f: number; s: number }[] = [];
  for (let i = 0; i < frequency_Hz.length; i++) {
    if (!(Number.isFinite(frequency_Hz[i]) && frequency_Hz[i] > 0)) {
      throw new InputError('frequency must be positive and finite', {
        field: `frequency_Hz[${i}]`,
        expected: 'a frequency > 0 Hz',
        found: String(frequency_Hz[i]),
        source,
      });
    }
    if (!(Number.isFinite(sigma[i]) && sigma[i] > 0)) {
      throw new InputError('σ′ must be positive and finite', {
        field: `sigmaReal_S_per_cm[${i}]`,
        expected: 'a conductivity > 0 S/cm',
        found: String(sigma[i]),
        source,
      });
    }
    out.push({ f: frequency_Hz[i], s: sigma[i] });
  }
  return out.sort((a, b) => a.f - b.f);
}
