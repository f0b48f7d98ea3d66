/**
 * The few complex-number operations circuit impedances need, on plain {re, im} values.
 *
 * Why not a library: impedances are evaluated at a few hundred frequencies per fit iteration,
 * and the hyperbolic functions of the finite Warburg elements must not overflow at high ωτ
 * (tanh and coth of √(jωτ) with Re ≫ 350), which general-purpose complex libraries compute as
 * ratios of exponentials and turn into NaN.
 */

export interface Complex {
  re: number;
  im: number;
}

export const complex = (re: number, im = 0): Complex => ({ re, im });

export const add = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });

export const sub = (a: Complex, b: Complex): Complex => ({ re: a.re - b.re, im: a.im - b.im });

export const mul = (a: Complex, b: Complex): Complex => ({
  re: a.re * b.re - a.im * b.im,
  im: a.re * b.im + a.im * b.re,
});

export const scale = (a: Complex, s: number): Complex => ({ re: a.re * s, im: a.im * s });

/** a / b by Smith's algorithm (no overflow of |b|² for very large or small b). */
export function div(a: Complex, b: Complex): Complex {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return { re: (a.re + a.im * r) / d, im: (a.im - a.re * r) / d };
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return { re: (a.re * r + a.im) / d, im: (a.im * r - a.re) / d };
}

export const inv = (a: Complex): Complex => div({ re: 1, im: 0 }, a);

export const abs = (a: Complex): number => Math.hypot(a.re, a.im);

/** Principal square root (branch cut on the negative real axis). */
export function sqrt(a: Complex): Complex {
  const m = abs(a);
  if (m === 0) return { re: 0, im: 0 };
  const re = Math.sqrt((m + Math.abs(a.re)) / 2);
  if (a.re >= 0) return { re, im: a.im / (2 * re) };
  return { re: Math.abs(a.im) / (2 * re), im: a.im >= 0 ? re : -re };
}

/**
 * tanh(x + iy) = (sinh 2x + i sin 2y) / (cosh 2x + cos 2y). For |x| > 20 the real part is ±1 to
 * within 2e^(−4|x|) and the imaginary part is 2 sin(2y)·e^(−2|x|) (cosh 2x ≈ e^(2|x|)/2), written
 * so directly instead of as ∞/∞ once cosh overflows.
 */
export function tanh(a: Complex): Complex {
  const x2 = 2 * a.re;
  const y2 = 2 * a.im;
  if (Math.abs(a.re) > 20) {
    return { re: Math.sign(a.re), im: 2 * Math.sin(y2) * Math.exp(-Math.abs(x2)) };
  }
  const d = Math.cosh(x2) + Math.cos(y2);
  return { re: Math.sinh(x2) / d, im: Math.sin(y2) / d };
}
