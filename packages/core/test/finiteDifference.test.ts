/**
 * The one finite-difference Jacobian (fit/finiteDifference.ts) that the solver and the dense
 * curve's 1σ band share: accuracy against analytic derivatives, bounds, and the band of a model
 * without a Jacobian against the same model with its analytic one.
 */
import { curveFit } from '../src';
import { finiteDifferenceJacobian, MACHINE_EPSILON } from '../src/fit/finiteDifference';

// f_i(p) = p0·exp(−x_i/p1) + p2·x_i², analytic ∂f/∂p known
const X = [0.1, 0.5, 1, 2, 4];
const f = (p: Float64Array, out: Float64Array) => X.forEach((x, i) => (out[i] = p[0] * Math.exp(-x / p[1]) + p[2] * x * x));
const analytic = (p: ArrayLike<number>) => [
  X.map((x) => Math.exp(-x / p[1])),
  X.map((x) => ((p[0] * x) / (p[1] * p[1])) * Math.exp(-x / p[1])),
  X.map((x) => x * x),
];

function jacobianOf(p0: number[], options: Parameters<typeof finiteDifferenceJacobian>[7] = {}, vary = [true, true, true]) {
  const m = X.length;
  const p = Float64Array.from(p0);
  const f0 = new Float64Array(m);
  f(p, f0);
  const jac = new Float64Array(m * p0.length).fill(NaN);
  const evaluations = finiteDifferenceJacobian(f, p, f0, jac, m, vary, { plus: new Float64Array(m), minus: new Float64Array(m) }, options);
  return { jac, evaluations, p };
}

/**
 * Largest error of the varied columns, each element relative to its natural scale
 * max(|∂f_i/∂p_j|, |f_i|/|p_j|): the rounding part of a difference quotient is ~ε·|f_i|/h, so a
 * small derivative of a large function value cannot be had to better than that.
 */
function maxScaledError(jac: Float64Array, p: number[], columns = [0, 1, 2]): number {
  const values = new Float64Array(X.length);
  f(Float64Array.from(p), values);
  return Math.max(
    ...columns.flatMap((j) =>
      analytic(p)[j].map(
        (d, i) => Math.abs(jac[j * X.length + i] - d) / Math.max(Math.abs(d), p[j] !== 0 ? Math.abs(values[i] / p[j]) : 0, 1e-300),
      ),
    ),
  );
}

test('forward differences are accurate to ~√ε, central ones to ~ε^⅔, and p is restored', () => {
  const p0 = [2, 1.5, 0.3];
  const forward = jacobianOf(p0);
  const central = jacobianOf(p0, { central: true });
  expect(forward.evaluations).toBe(3);
  expect(central.evaluations).toBe(6);
  expect(Array.from(forward.p)).toEqual(p0);
  expect(Array.from(central.p)).toEqual(p0);
  const eForward = maxScaledError(forward.jac, p0);
  const eCentral = maxScaledError(central.jac, p0);
  expect(eForward).toBeLessThan(100 * Math.sqrt(MACHINE_EPSILON));
  expect(eCentral).toBeLessThan(100 * Math.cbrt(MACHINE_EPSILON) ** 2);
  expect(eCentral).toBeLessThan(eForward);
});

test('fixed parameters get no column and cost no evaluation; a parameter at 0 gets an absolute step', () => {
  const { jac, evaluations } = jacobianOf([2, 1.5, 0], {}, [false, true, true]);
  expect(evaluations).toBe(2);
  expect(jac.slice(0, X.length).every(Number.isNaN)).toBe(true); // column 0 untouched
  expect(maxScaledError(jac, [2, 1.5, 0], [1, 2])).toBeLessThan(1e-6);
});

test('at an upper bound it steps backwards; central falls back to forward when p ± h leaves the bounds', () => {
  const p0 = [2, 1.5, 0.3];
  const seen: number[] = [];
  const g = (p: Float64Array, out: Float64Array) => (seen.push(p[1]), f(p, out));
  const m = X.length;
  const p = Float64Array.from(p0);
  const f0 = new Float64Array(m);
  f(p, f0);
  const jac = new Float64Array(m * 3);
  const evaluations = finiteDifferenceJacobian(
    g,
    p,
    f0,
    jac,
    m,
    [false, true, false],
    { plus: new Float64Array(m), minus: new Float64Array(m) },
    { central: true, upper: [Infinity, 1.5, Infinity] },
  );
  expect(evaluations).toBe(1);
  expect(seen).toHaveLength(1);
  expect(seen[0]).toBeLessThan(1.5);
  expect(maxScaledError(jac, p0, [1])).toBeLessThan(1e-6);
});

test("the curve band of a model without a Jacobian equals the analytic model's band", () => {
  const x = Array.from({ length: 12 }, (_, i) => 0.002 * 1.6 ** i);
  const y = x.map((t, i) => 1.2 * Math.exp(-t / 0.01) + 0.01 * Math.sin(3 * i));
  const expressionFit = curveFit({ x, y, model: 'A*exp(-x/tau)', params: { A: 1, tau: 0.02 } }, { curvePoints: 40 });
  const functionFit = curveFit(
    { x, y, model: (t: number, p: Record<string, number>) => p.A * Math.exp(-t / p.tau), params: { A: 1, tau: 0.02 } },
    { curvePoints: 40 },
  );
  const a = expressionFit.curve!;
  const b = functionFit.curve!;
  expect(b.x).toEqual(a.x);
  const peak = Math.max(...a.sigma);
  expect(peak).toBeGreaterThan(0);
  a.sigma.forEach((s, i) => expect(Math.abs(b.sigma[i] - s) / peak).toBeLessThan(1e-5));
});
