/**
 * ln Γ, the regularized incomplete beta function and the F distribution's upper tail (used by the
 * nested-model F-tests and the Student-t tail of the kink test), against closed forms.
 */
import { fDistributionSurvival, logGamma, regularizedBeta } from '../src/fit/distributions';

test('ln Γ(n) = ln (n − 1)! for n = 1 … 60, to ~1e-15 relative', () => {
  let factorial = 1;
  for (let n = 1; n <= 60; n++) {
    if (n > 1) factorial *= n - 1;
    const exact = Math.log(factorial);
    expect(Math.abs(logGamma(n) - exact)).toBeLessThan(4e-15 * Math.max(1, Math.abs(exact)));
  }
});

test('half-integer and small arguments: Γ(½) = √π, Γ(3/2) = √π/2, Γ(x) → 1/x as x → 0', () => {
  expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(4e-15);
  expect(Math.abs(logGamma(1.5) - Math.log(Math.sqrt(Math.PI) / 2))).toBeLessThan(4e-15);
  expect(Math.abs(logGamma(1e-8) - (-Math.log(1e-8) - 0.5772156649015329 * 1e-8))).toBeLessThan(4e-15 * 18.4);
  // the recurrence Γ(x + 1) = x·Γ(x) across the switch to the series at 10
  for (const x of [0.3, 2.7, 9.5, 9.999, 10.2, 37.1])
    expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-14 * Math.max(1, logGamma(x + 1)));
});

test('I_x(a, b): I_x(1, 1) = x, I_x(a, 1) = x^a, symmetry I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
  for (const x of [0.01, 0.3, 0.77]) {
    expect(regularizedBeta(x, 1, 1)).toBeCloseTo(x, 14);
    expect(regularizedBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 14);
    expect(regularizedBeta(x, 2.5, 7)).toBeCloseTo(1 - regularizedBeta(1 - x, 7, 2.5), 14);
  }
});

test('F(1, 1) is the square of a Cauchy variable: P(F > t²) = 1 − (2/π)·atan t', () => {
  for (const t of [0.5, 1, 3, 10])
    expect(Math.abs(fDistributionSurvival(t * t, 1, 1) - (1 - (2 / Math.PI) * Math.atan(t)))).toBeLessThan(1e-14);
});

test('F(2, ν): P(F > f) = (1 + 2f/ν)^(−ν/2) in closed form', () => {
  for (const [f, nu] of [
    [0.5, 4],
    [3, 10],
    [9, 30],
  ]) {
    expect(Math.abs(fDistributionSurvival(f, 2, nu) / (1 + (2 * f) / nu) ** (-nu / 2) - 1)).toBeLessThan(1e-13);
  }
});
