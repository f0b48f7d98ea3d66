/**
 * Numbers as a reader of a paper expects them, for every report, table and chart label of every
 * face (CLI, kernel, study report, JupyterLab): plain numbers to a number of significant digits,
 * value ± error rounded to the error, and times in the unit that fits their size.
 */

/** A number printed with `digits` significant digits, exponent form only when needed. */
export function formatNumber(v: number, digits = 7): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e7) return Number(v.toPrecision(digits)).toString();
  return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/** Significant digits of a value shown without an error. */
const PLAIN_DIGITS = 4;

function plain(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return Number(v.toPrecision(PLAIN_DIGITS)).toString();
  return v.toExponential(PLAIN_DIGITS - 1).replace(/\.?0+e/, 'e');
}

/**
 * "2.66 ± 0.12": the error rounded to two significant digits (the convention of the GUM,
 * JCGM 100:2008 §7.2.6) and the value to the same decimal place; "(2.66 ± 0.12)e-5" with one
 * power of ten when either is below 1e-3 or from 1e6 up. Without a usable error (null, 0, not
 * finite) the value is shown with four significant digits.
 */
export function formatValueError(value: number, stderr?: number | null): string {
  if (stderr === undefined || stderr === null || !Number.isFinite(stderr) || stderr <= 0 || !Number.isFinite(value)) {
    return plain(value);
  }
  const exponent = Math.floor(Math.log10(stderr)) - 1;
  const scale = Math.max(Math.max(Math.abs(value), stderr), 1e-300);
  if (scale >= 1e6 || scale < 1e-3) {
    const power = Math.floor(Math.log10(scale));
    const decimals = Math.max(0, power - exponent);
    const f = Math.pow(10, power);
    return `(${(value / f).toFixed(decimals)} ± ${(stderr / f).toFixed(decimals)})e${power}`;
  }
  const decimals = Math.max(0, -exponent);
  return `${value.toFixed(decimals)} ± ${stderr.toFixed(decimals)}`;
}

/** An Estimate as formatValueError writes it, with its unit; '-' for none. */
export function formatEstimate(e: { value: number; stderr: number | null } | null | undefined, unit = ''): string {
  if (e === null || e === undefined) return '-';
  const text = formatValueError(e.value, e.stderr);
  return unit ? `${text} ${unit}` : text;
}

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

/**
 * A quantity with its unit: relaxation times in seconds are shown in ms/µs/s as fits their size
 * ("T1 = 2.66 ± 0.12 ms"); times below 1 ns (attempt times τ0 ~ 1e-13 s) stay in seconds with a
 * power of ten, which reads better than fractions of a nanosecond; other units as given ('a.u.'
 * is left out).
 */
export function formatQuantity(value: number, stderr: number | null | undefined, unit: string): string {
  if (unit === 's' && Math.abs(value) >= 1e-9) {
    const u = timeUnitFor(value);
    const err = stderr === null || stderr === undefined ? stderr : stderr * u.perSecond;
    return `${formatValueError(value * u.perSecond, err)} ${u.unit}`;
  }
  const text = formatValueError(value, stderr);
  return unit && unit !== 'a.u.' ? `${text} ${unit}` : text;
}

/** A text table for reports: columns padded to their widest cell (in code points), indented four spaces. */
export function textTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  rightAligned: (column: number) => boolean = () => false,
): string[] {
  const length = (s: string) => [...s].length;
  const widths = header.map((h, j) => Math.max(length(h), ...rows.map((r) => length(r[j]))));
  const pad = (s: string, j: number) => {
    const fill = ' '.repeat(Math.max(0, widths[j] - length(s)));
    return rightAligned(j) ? fill + s : s + fill;
  };
  return [header, ...rows].map(
    (r) =>
      `    ${r
        .map((c, j) => pad(c, j))
        .join('  ')
        .trimEnd()}`,
  );
}
