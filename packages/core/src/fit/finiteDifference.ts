/**
 * Finite-difference Jacobian of a vector function f: ℝ^np → ℝ^m, for the solver (residuals of a
 * model without an analytic Jacobian) and for the 1σ band of a fitted curve (model values on a
 * dense grid). One implementation, so both use the same steps.
 *
 * Column j (stored column-major at jac[j·m … j·m + m − 1]) is computed for the parameters with
 * vary[j] only:
 *   forward  ∂f/∂p_j ≈ (f(p + h e_j) − f(p)) / h, h = rel·|p_j| (rel at p_j = 0), rel = √ε;
 *            it steps backwards from an upper bound, dividing by the step actually taken;
 *   central  ∂f/∂p_j ≈ (f(p + h e_j) − f(p − h e_j)) / 2h, rel = ε^⅓, where both points lie inside
 *            the bounds (otherwise forward, with the forward step).
 * The step sizes balance truncation and rounding error (Nocedal & Wright, Numerical Optimization,
 * 2nd ed., §8.1; MINPACK fdjac2 uses √ε likewise).
 */

export const MACHINE_EPSILON = 2.220446049250313e-16;

export interface FiniteDifferenceOptions {
  /** Central differences (two evaluations per column, error O(h²)). Default forward. */
  central?: boolean;
  /** Relative step. Default √ε (forward) or ε^⅓ (central). */
  relativeStep?: number;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

/**
 * Fills the varied columns of `jac` (m × np, column-major). `f0` must hold f(p); `plus` and
 * `minus` are work arrays of length m. `p` is changed during the call and restored on return.
 * Returns the number of evaluations of f.
 */
export function finiteDifferenceJacobian(
  f: (p: Float64Array, out: Float64Array) => void,
  p: Float64Array,
  f0: ArrayLike<number>,
  jac: Float64Array,
  m: number,
  vary: ArrayLike<boolean>,
  work: { plus: Float64Array; minus: Float64Array },
  options: FiniteDifferenceOptions = {},
): number {
  const central = options.central === true;
  const relForward = options.relativeStep ?? Math.sqrt(MACHINE_EPSILON);
  const relCentral = options.relativeStep ?? Math.cbrt(MACHINE_EPSILON);
  const { plus, minus } = work;
  let evaluations = 0;
  for (let j = 0; j < p.length; j++) {
    if (!vary[j]) continue;
    const pj = p[j];
    const lower = options.lower ? options.lower[j] : -Infinity;
    const upper = options.upper ? options.upper[j] : Infinity;
    const scale = pj === 0 ? 1 : Math.abs(pj);
    const cj = j * m;
    const hCentral = relCentral * scale;
    if (central && pj - hCentral >= lower && pj + hCentral <= upper) {
      const h = hCentral;
      p[j] = pj + h;
      f(p, plus);
      p[j] = pj - h;
      f(p, minus);
      evaluations += 2;
      for (let i = 0; i < m; i++) jac[cj + i] = (plus[i] - minus[i]) / (2 * h);
    } else {
      // a forward quotient gets the forward step even when central was asked for (ε^⅓ would
      // leave an O(ε^⅓) truncation error)
      let h = relForward * scale;
      if (pj + h > upper) h = -h; // step backwards from an upper bound
      p[j] = pj + h;
      const step = p[j] - pj; // the step actually taken, after rounding
      f(p, plus);
      evaluations++;
      for (let i = 0; i < m; i++) jac[cj + i] = (plus[i] - f0[i]) / step;
    }
    p[j] = pj;
  }
  return evaluations;
}
