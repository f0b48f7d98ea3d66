/** An Estimate (value ± stderr) as text, for reports and tables. */
import type { Estimate } from './types';

/** value ± stderr with the stderr to 2 significant digits and the value to the same decimal. */
export function formatEstimate(e: Estimate | null, unit = ''): string {
  if (e === null) return '-';
  const u = unit ? ` ${unit}` : '';
  const a = Math.abs(e.value);
  const exp = a !== 0 && (a < 1e-3 || a >= 1e5);
  if (e.stderr === null || e.stderr === 0 || !Number.isFinite(e.stderr)) {
    return `${exp ? e.value.toExponential(3) : Number(e.value.toPrecision(4)).toString()}${u}`;
  }
  if (exp) {
    const p = Math.floor(Math.log10(a));
    const scale = Math.pow(10, p);
    const digits = Math.max(0, 1 - Math.floor(Math.log10(e.stderr / scale)));
    return `(${(e.value / scale).toFixed(digits)} ± ${(e.stderr / scale).toFixed(digits)})e${p}${u}`;
  }
  const digits = Math.max(0, 1 - Math.floor(Math.log10(e.stderr)));
  return `${e.value.toFixed(digits)} ± ${e.stderr.toFixed(digits)}${u}`;
}
