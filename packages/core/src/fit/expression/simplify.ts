/**
 * Simplifying node constructors for the differentiator. The chain rule produces many `*1`, `+0`
 * and `*0` terms; building every node through these keeps derivatives readable and the
 * generated code short, without a separate rewriting pass.
 *
 * The rules assume finite operands (`x*0 = 0`, `0/x = 0`), which is the usual convention for
 * symbolic derivatives: a term multiplied by an identically zero inner derivative contributes
 * nothing. Constants are folded only when the result is finite, so no literal is ever NaN or
 * Infinity.
 */

import { BinaryOperator, Expr, FunctionName, num } from './ast';

export const ZERO = num(0);
export const ONE = num(1);

/** Is `e` the literal `value`? (-0 counts as 0.) */
export function isNumber(e: Expr, value: number): boolean {
  return e.kind === 'number' && e.value === value;
}

function binary(op: BinaryOperator, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right };
}

/** `value` as a literal when finite, otherwise the unfolded node (e.g. keep `1/0` symbolic). */
function fold(value: number, unfolded: () => Expr): Expr {
  return Number.isFinite(value) ? num(value) : unfolded();
}

export function neg(a: Expr): Expr {
  if (a.kind === 'number') return num(-a.value);
  if (a.kind === 'negate') return a.operand;
  return { kind: 'negate', operand: a };
}

export function add(a: Expr, b: Expr): Expr {
  if (a.kind === 'number' && b.kind === 'number') return fold(a.value + b.value, () => binary('+', a, b));
  if (isNumber(a, 0)) return b;
  if (isNumber(b, 0)) return a;
  if (b.kind === 'negate') return sub(a, b.operand);
  if (b.kind === 'number' && b.value < 0) return sub(a, num(-b.value));
  if (a.kind === 'negate') return sub(b, a.operand);
  return binary('+', a, b);
}

export function sub(a: Expr, b: Expr): Expr {
  if (a.kind === 'number' && b.kind === 'number') return fold(a.value - b.value, () => binary('-', a, b));
  if (isNumber(b, 0)) return a;
  if (isNumber(a, 0)) return neg(b);
  if (b.kind === 'negate') return add(a, b.operand);
  if (b.kind === 'number' && b.value < 0) return add(a, num(-b.value));
  return binary('-', a, b);
}

export function mul(a: Expr, b: Expr): Expr {
  if (a.kind === 'number' && b.kind === 'number') return fold(a.value * b.value, () => binary('*', a, b));
  if (isNumber(a, 0) || isNumber(b, 0)) return ZERO;
  if (isNumber(a, 1)) return b;
  if (isNumber(b, 1)) return a;
  if (isNumber(a, -1)) return neg(b);
  if (isNumber(b, -1)) return neg(a);
  // Pull signs out so they cancel or surface as one leading minus.
  if (a.kind === 'negate') return neg(mul(a.operand, b));
  if (b.kind === 'negate') return neg(mul(a, b.operand));
  // Constants first (2*x, not x*2), and adjacent constants combined (2*(3*x) = 6*x).
  if (b.kind === 'number') return mul(b, a);
  if (a.kind === 'number' && b.kind === 'binary' && b.op === '*' && b.left.kind === 'number') {
    const product = a.value * b.left.value;
    if (Number.isFinite(product)) return mul(num(product), b.right);
  }
  return binary('*', a, b);
}

export function div(a: Expr, b: Expr): Expr {
  if (a.kind === 'number' && b.kind === 'number') return fold(a.value / b.value, () => binary('/', a, b));
  if (isNumber(a, 0)) return ZERO;
  if (isNumber(b, 1)) return a;
  if (isNumber(b, -1)) return neg(a);
  if (a.kind === 'negate') return neg(div(a.operand, b));
  if (b.kind === 'negate') return neg(div(a, b.operand));
  return binary('/', a, b);
}

export function pow(a: Expr, b: Expr): Expr {
  if (a.kind === 'number' && b.kind === 'number') return fold(Math.pow(a.value, b.value), () => binary('^', a, b));
  if (isNumber(b, 0)) return ONE;
  if (isNumber(b, 1)) return a;
  return binary('^', a, b);
}

export function call(fn: FunctionName, arg: Expr): Expr {
  if (arg.kind === 'number') return fold(Math[fn](arg.value), () => ({ kind: 'call', fn, arg }));
  return { kind: 'call', fn, arg };
}
