/** Checking an impedance spectrum once, before anything is computed from it. */
import { InputError } from '../errors';

/** The three arrays every impedance computation needs (an ImpedanceSpectrum has them). */
export interface SpectrumData {
  frequency_Hz: ArrayLike<number>;
  zReal_ohm: ArrayLike<number>;
  zImag_ohm: ArrayLike<number>;
}

export interface CheckedSpectrum {
  frequency_Hz: Float64Array;
  zReal_ohm: Float64Array;
  zImag_ohm: Float64Array;
}

/**
 * The range of impedances a spectrum may hold. Instruments measure from about 1e-4 Ω to 1e14 Ω;
 * past 1e±100 a value is a corrupted number, not a measurement, and the fits' sums of squares
 * (values and start values derived from them, squared) overflow: one Z' = −1e300 among 30 Ω
 * values ended as "chi-square overflows at the start values" (issue 17, case 6). The same bound
 * as curveFit's |y/σ| ≤ 1e100 (fit/validate.ts).
 */
const MAX_IMPEDANCE_OHM = 1e100;
const MIN_IMPEDANCE_OHM = 1e-100;

/**
 * Copies the spectrum into typed arrays after checking it: equal lengths, finite values within
 * 1e±100 Ω and strictly positive frequencies (a zero or negative frequency is a unit or column
 * mix-up: ω = 0 makes capacitors infinite). Optionally keeps only frequencies inside `range_Hz`.
 */
export function checkSpectrum(spectrum: SpectrumData, source: string, range_Hz?: [number, number]): CheckedSpectrum {
  if (spectrum === null || typeof spectrum !== 'object') {
    throw new InputError('no spectrum given', { field: 'spectrum', expected: '{ frequency_Hz, zReal_ohm, zImag_ohm }', source });
  }
  const { frequency_Hz: f, zReal_ohm: re, zImag_ohm: im } = spectrum;
  for (const [name, a] of [
    ['frequency_Hz', f],
    ['zReal_ohm', re],
    ['zImag_ohm', im],
  ] as const) {
    if (!a || typeof a.length !== 'number') {
      throw new InputError('missing array', { field: name, expected: 'an array of numbers', source });
    }
  }
  if (f.length === 0) throw new InputError('empty spectrum', { field: 'frequency_Hz', expected: 'at least one frequency', source });
  if (re.length !== f.length || im.length !== f.length) {
    throw new InputError('arrays of different length', {
      field: re.length !== f.length ? 'zReal_ohm' : 'zImag_ohm',
      expected: `${f.length} values, one per frequency`,
      found: `${re.length !== f.length ? re.length : im.length}`,
      source,
    });
  }
  if (range_Hz) {
    const [lo, hi] = range_Hz;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo > 0 && lo < hi)) {
      throw new InputError('invalid frequency range', {
        field: 'frequencyRange_Hz',
        expected: '[low, high] with 0 < low < high',
        found: `[${lo}, ${hi}]`,
        source,
      });
    }
  }
  const keep: number[] = [];
  for (let i = 0; i < f.length; i++) {
    if (!(Number.isFinite(f[i]) && f[i] > 0)) {
      throw new InputError('frequency must be positive and finite', {
        field: `frequency_Hz[${i}]`,
        expected: 'a frequency > 0 Hz',
        found: String(f[i]),
        source,
      });
    }
    for (const [name, a] of [
      ['zReal_ohm', re],
      ['zImag_ohm', im],
    ] as const) {
      if (!Number.isFinite(a[i])) {
        throw new InputError('impedance is not a finite number', {
          field: `${name}[${i}]`,
          expected: 'a finite number of ohms',
          found: String(a[i]),
          source,
        });
      }
      if (Math.abs(a[i]) > MAX_IMPEDANCE_OHM) {
        throw new InputError('impedance out of range', {
          field: `${name}[${i}]`,
          expected: `|Z| ≤ ${MAX_IMPEDANCE_OHM} Ω (a corrupted number: sums of squares over such values overflow)`,
          found: String(a[i]),
          source,
        });
      }
    }
    const modulus = Math.hypot(re[i], im[i]);
    if (modulus > 0 && modulus < MIN_IMPEDANCE_OHM) {
      throw new InputError('impedance out of range', {
        field: `|Z|[${i}]`,
        expected: `0 or |Z| ≥ ${MIN_IMPEDANCE_OHM} Ω (residuals weighted by 1/|Z| overflow below it)`,
        found: String(modulus),
        source,
      });
    }
    if (!range_Hz || (f[i] >= range_Hz[0] && f[i] <= range_Hz[1])) keep.push(i);
  }
  if (keep.length === 0) {
    throw new InputError('no frequencies inside the range', {
      field: 'frequencyRange_Hz',
      expected: `some of the ${f.length} frequencies inside it`,
      found: `[${range_Hz?.join(', ')}] Hz`,
      source,
    });
  }
  return {
    frequency_Hz: Float64Array.from(keep, (i) => f[i]),
    zReal_ohm: Float64Array.from(keep, (i) => re[i]),
    zImag_ohm: Float64Array.from(keep, (i) => im[i]),
  };
}
