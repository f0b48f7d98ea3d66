/**
 * Distribution functions for model comparison and tests: the F distribution's and Student's t
 * upper tails through the regularized incomplete beta function (continued fraction, Numerical
 * Recipes 3rd ed. §6.4), the normal tail through erfc, and ln Γ (Stirling's series after the
 * recurrence, below).
 */

/**
 * Coefficients B_2k / (2k(2k − 1)) of Stirling's series
 * ln Γ(x) = (x − ½)·ln x − x + ½·ln 2π + Σ_k B_2k / (2k(2k − 1)·x^(2k−1))
 * (Abramowitz & Stegun 6.1.40), k = 1 … 8: 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360,
 * 1/156, −3617/122400.
 */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (and the reflection formula below ½). For x < 10 the recurrence
 * ln Γ(x) = ln Γ(x + n) − ln(x·(x + 1)·…·(x + n − 1)) moves the argument to ≥ 10, where the first
 * omitted term of the series, 43867/(244188·x^17), is below 2e-18: the result is good to a few
 * units in the last place (tested against ln (n−1)! and ln Γ(½) = ln √π). It replaces a Lanczos
 * (g = 7, n = 9) form whose published coefficients gave only ~1e-8 (ln Γ(3) off by 4e-8).
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  let shift = 0;
  let product = 1;
  while (x < 10) {
    product *= x;
    x += 1;
    shift++;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) series = series * inv2 + STIRLING[k];
  const stirling = (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series * inv;
  return shift > 0 ? stirling - Math.log(product) : stirling;
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(F > f) for the F distribution with (d1, d2) degrees of freedom. */
export function fDistributionSurvival(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/** P(Z > z) for a standard normal: ½·erfc(z/√2). */
export function normalSurvival(z: number): number {
  if (z < 0) return 1 - normalSurvival(-z);
  return 0.5 * erfcPositive(z / Math.SQRT2);
}

/** P(T > t) for Student's t with ν degrees of freedom: ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0. */
export function studentTSurvival(t: number, dof: number): number {
  const half = 0.5 * regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
  return t >= 0 ? half : 1 - half;
}

/**
 * erfc(z) for z ≥ 0 as the regularized upper incomplete gamma Q(½, z²), with Γ(½) = √π exactly:
 * the series for P below z² = 1.5, the continued fraction (modified Lentz) above, which keeps
 * the far tail to full relative precision (Numerical Recipes 3rd ed. §6.2, §6.2.2).
 */
function erfcPositive(z: number): number {
  const x = z * z;
  if (x === 0) return 1;
  const a = 0.5;
  // e^(−x)·x^a/Γ(a)
  const front = (Math.exp(-x) * z) / Math.sqrt(Math.PI);
  if (x < a + 1) {
    let term = 1 / a;
    let total = term;
    for (let k = 1; k < 200; k++) {
      term *= x / (a + k);
      total += term;
      if (term < total * 1e-17) break;
    }
    return 1 - total * front;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return front * h;
}
