/** Numbers as a reader of a paper expects them: value ± error, rounded to the error, in a sensible unit. */

/** A time unit for display and the factor that converts seconds into it. */
export interface TimeUnit {
  unit: 's' | 'ms' | 'µs' | 'ns';
  /** Multiply seconds by this to get the unit. */
  perSecond: number;
}

const TIME_UNITS: readonly TimeUnit[] = [
  { unit: 's', perSecond: 1 },
  { unit: 'ms', perSecond: 1e3 },
  { unit: 'µs', perSecond: 1e6 },
  { unit: 'ns', perSecond: 1e9 },
];

/** The largest unit in which |t| is at least 1 (seconds for 0 or non-finite input). */
export function timeUnitFor(time_s: number): TimeUnit {
  const a = Math.abs(time_s);
  if (!Number.isFinite(a) || a === 0) return TIME_UNITS[0];
  return TIME_UNITS.find((u) => a * u.perSecond >= 1) ?? TIME_UNITS[TIME_UNITS.length - 1];
}

/** Significant digits of a value shown without an error. */
const PLAIN_DIGITS = 4;

function plain(v: number, digits = PLAIN_DIGITS): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return Number(v.toPrecision(digits)).toString();
  return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/**
 * "2.66 ± 0.12": the error rounded to two significant digits (the convention of the GUM,
 * JCGM 100:2008 §7.2.6) and the value to the same decimal place. Without a usable error the
 * value is shown with four significant digits.
 */
export function formatValueError(value: number, stderr?: number | null): string {
  if (stderr === undefined || stderr === null || !Number.isFinite(stderr) || stderr <= 0 || !Number.isFinite(value)) {
    return plain(value);
  }
  const exponent = Math.floor(Math.log10(stderr)) - 1;
  const scale = Math.max(Math.max(Math.abs(value), stderr), 1e-300);
  if (scale >= 1e6 || scale < 1e-3) {
    // exponent form with a common power of ten: (2.66 ± 0.12)e-5
    const power = Math.floor(Math.log10(scale));
    const decimals = Math.max(0, power - exponent);
    const f = Math.pow(10, power);
    return `(${(value / f).toFixed(decimals)} ± ${(stderr / f).toFixed(decimals)})e${power}`;
  }
  const decimals = Math.max(0, -exponent);
  return `${value.toFixed(decimals)} ± ${stderr.toFixed(decimals)}`;
}

/**
 * A parameter with its unit: times in seconds are shown in ms/µs/s as fits their size
 * ("T1 = 2.66 ± 0.12 ms"), other units as given.
 */
export function formatQuantity(value: number, stderr: number | null | undefined, unit: string): string {
  if (unit === 's') {
    const u = timeUnitFor(value);
    const err = stderr === null || stderr === undefined ? stderr : stderr * u.perSecond;
    return `${formatValueError(value * u.perSecond, err)} ${u.unit}`;
  }
  const text = formatValueError(value, stderr);
  return unit && unit !== 'a.u.' ? `${text} ${unit}` : text;
}
