/**
 * Symbolic differentiation. Results are built through the simplifying constructors from the
 * original subtrees; where f' contains f (exp, a/b, a^b, sqrt) f is rebuilt from the same
 * children, so the code generator's common-subexpression elimination shares it with the value.
 */

import { Expr, FunctionName, num } from './ast';
import { ONE, ZERO, add, call, div, isNumber, mul, neg, pow, sub } from './simplify';

/** Chain rule for f(a): f'(a)*a', with 1/g(a) factors written as a'/g(a) to save a division. */
function callDerivative(fn: FunctionName, a: Expr, da: Expr): Expr {
  const TWO = num(2);
  switch (fn) {
    case 'exp':
      return mul(call('exp', a), da);
    case 'log':
      return div(da, a);
    case 'log10':
      return div(da, mul(num(Math.LN10), a));
    case 'sqrt':
      return div(da, mul(TWO, call('sqrt', a)));
    case 'abs':
      return mul(call('sign', a), da);
    case 'sign':
      return ZERO;
    case 'sin':
      return mul(call('cos', a), da);
    case 'cos':
      return neg(mul(call('sin', a), da));
    case 'tan':
      return div(da, pow(call('cos', a), TWO));
    case 'asin':
      return div(da, call('sqrt', sub(ONE, pow(a, TWO))));
    case 'acos':
      return neg(div(da, call('sqrt', sub(ONE, pow(a, TWO)))));
    case 'atan':
      return div(da, add(ONE, pow(a, TWO)));
    case 'sinh':
      return mul(call('cosh', a), da);
    case 'cosh':
      return mul(call('sinh', a), da);
    case 'tanh':
      return div(da, pow(call('cosh', a), TWO));
  }
}

/** d(a^b): b*a^(b-1)*a' when b does not depend on the variable, else a^b*(b'*ln a + b*a'/a). */
function powerDerivative(a: Expr, b: Expr, da: Expr, db: Expr): Expr {
  if (isNumber(db, 0)) return mul(mul(b, pow(a, sub(b, ONE))), da);
  return mul(pow(a, b), add(mul(db, call('log', a)), div(mul(b, da), a)));
}

/**
 * The simplified derivative of `expr` with respect to the identifier `name`; every other
 * identifier is held constant.
 */
export function differentiate(expr: Expr, name: string): Expr {
  const d = (e: Expr): Expr => {
    switch (e.kind) {
      case 'number':
      case 'constant':
        return ZERO;
      case 'identifier':
        return e.name === name ? ONE : ZERO;
      case 'negate':
        return neg(d(e.operand));
      case 'call': {
        const da = d(e.arg);
        return isNumber(da, 0) ? ZERO : callDerivative(e.fn, e.arg, da);
      }
      case 'binary': {
        const { left: a, right: b } = e;
        const da = d(a);
        const db = d(b);
        switch (e.op) {
          case '+':
            return add(da, db);
          case '-':
            return sub(da, db);
          case '*':
            return add(mul(da, b), mul(a, db));
          case '/':
            // (a' - (a/b)*b')/b: reuses the quotient a/b and never forms b^2, which could overflow.
            return isNumber(db, 0) ? div(da, b) : div(sub(da, mul(div(a, b), db)), b);
          case '^':
            return powerDerivative(a, b, da, db);
        }
      }
    }
  };
  return d(expr);
}
