/**
 * Prints an expression tree with the fewest brackets that parse back to the same tree, so
 * derivatives shown in reports can be pasted back in as models.
 */

import { BinaryOperator, Expr } from './ast';

const BINARY_PRECEDENCE: Readonly<Record<BinaryOperator, number>> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 };
const NEGATE_PRECEDENCE = 3;
const ATOM_PRECEDENCE = 5;

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'number':
      return e.value < 0 || Object.is(e.value, -0) ? NEGATE_PRECEDENCE : ATOM_PRECEDENCE;
    case 'negate':
      return NEGATE_PRECEDENCE;
    case 'binary':
      return BINARY_PRECEDENCE[e.op];
    default:
      return ATOM_PRECEDENCE;
  }
}

function wrap(e: Expr, bracket: boolean): string {
  const text = formatExpression(e);
  return bracket ? `(${text})` : text;
}

function formatBinary(op: BinaryOperator, left: Expr, right: Expr): string {
  const p = BINARY_PRECEDENCE[op];
  const pl = precedence(left);
  const pr = precedence(right);
  if (op === '^') {
    // Right-associative: brackets go on a power in the base, not in the exponent.
    return `${wrap(left, pl <= p)}^${wrap(right, pr < p)}`;
  }
  // Left-associative: a right operand of equal precedence keeps its brackets (a - (b - c)); a
  // negated right operand gets them too, for readability (a - (-b) rather than a - -b).
  return `${wrap(left, pl < p)}${op === '+' || op === '-' ? ` ${op} ` : op}${wrap(right, pr <= p || pr === NEGATE_PRECEDENCE)}`;
}

/** Source text for `e` in the expression language (canonical spellings: `log`, `atan`, `pi`, `^`). */
export function formatExpression(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return Object.is(e.value, -0) ? '-0' : String(e.value);
    case 'constant':
      return e.name;
    case 'identifier':
      return e.name;
    case 'negate':
      return `-${wrap(e.operand, precedence(e.operand) <= NEGATE_PRECEDENCE)}`;
    case 'call':
      return `${e.fn}(${formatExpression(e.arg)})`;
    case 'binary':
      return formatBinary(e.op, e.left, e.right);
  }
}
