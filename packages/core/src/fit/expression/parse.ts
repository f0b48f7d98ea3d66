/**
 * Tokenizer and precedence-climbing parser for model expressions.
 *
 * The grammar follows what people type and what the NIST StRD files contain: `^` and `**` are
 * both power, `[ ]` group and call exactly like `( )` (`exp[-b2*x]`), and unary minus binds
 * looser than power (`-x^2 = -(x^2)`) but may start an exponent (`2^-x`).
 */

import { ExpressionError } from '../../errors';
import { BinaryOperator, CONSTANT_ALIASES, Expr, FUNCTION_ALIASES, POW_FUNCTION } from './ast';

type Token =
  | { kind: 'number'; text: string; pos: number; value: number }
  | { kind: 'identifier'; text: string; pos: number }
  | { kind: 'operator'; text: string; pos: number; op: BinaryOperator }
  | { kind: 'open' | 'close' | 'comma' | 'end'; text: string; pos: number };

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
// Greek letters are accepted so physicists can name parameters τ, β, ... as in their papers.
const IDENTIFIER = /(?:[A-Za-z_]|(?=\p{L})\p{Script=Greek})(?:\w|(?=\p{L})\p{Script=Greek})*/uy;
const WHITESPACE = /\s+/y;
const OPERATORS: ReadonlyMap<string, BinaryOperator> = new Map<string, BinaryOperator>([
  ['**', '^'], // longest first, so `**` is not read as two `*`
  ['+', '+'],
  ['-', '-'],
  ['*', '*'],
  ['/', '/'],
  ['^', '^'],
]);
const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']' };
const END_TEXT = 'end of input';

const BINARY_PRECEDENCE: Readonly<Record<BinaryOperator, number>> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 };
/** Between `*` and `^`: `-a*b = (-a)*b` (same value) and `-a^b = -(a^b)`. */
const UNARY_PRECEDENCE = 3;

function fail(reason: string, pos: number, found: string, expected: string): never {
  throw new ExpressionError(reason, { field: 'expression', position: pos, found, expected });
}

function matchAt(re: RegExp, source: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(source)?.[0];
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const space = matchAt(WHITESPACE, source, pos);
    if (space) {
      pos += space.length;
      continue;
    }
    const token = readToken(source, pos);
    tokens.push(token);
    pos += token.text.length;
  }
  tokens.push({ kind: 'end', text: END_TEXT, pos: source.length });
  return tokens;
}

function readToken(source: string, pos: number): Token {
  const numberText = matchAt(NUMBER, source, pos);
  if (numberText) {
    const value = Number(numberText);
    if (!Number.isFinite(value)) fail('number out of range', pos, numberText, 'a finite number');
    return { kind: 'number', text: numberText, pos, value };
  }
  const name = matchAt(IDENTIFIER, source, pos);
  if (name) return { kind: 'identifier', text: name, pos };
  for (const [text, op] of OPERATORS) {
    if (source.startsWith(text, pos)) return { kind: 'operator', text, pos, op };
  }
  const ch = source[pos];
  if (ch === '(' || ch === '[') return { kind: 'open', text: ch, pos };
  if (ch === ')' || ch === ']') return { kind: 'close', text: ch, pos };
  if (ch === ',') return { kind: 'comma', text: ch, pos };
  const found = String.fromCodePoint(source.codePointAt(pos) ?? 0);
  return fail('unexpected character', pos, found, 'a number, a name, an operator or a bracket');
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    const first = this.peek();
    if (first.kind === 'end') fail('empty expression', first.pos, END_TEXT, 'an expression');
    const expr = this.parseBinary(0);
    const rest = this.peek();
    if (rest.kind === 'close') fail('unmatched closing bracket', rest.pos, rest.text, 'an operator or end of input');
    if (rest.kind !== 'end') fail('unexpected token', rest.pos, rest.text, 'an operator or end of input');
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  /** Precedence climbing: parses operators binding at least as tightly as `minPrecedence`. */
  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator') return left;
      const precedence = BINARY_PRECEDENCE[token.op];
      if (precedence < minPrecedence) return left;
      this.next();
      // `^` is right-associative: its right side may contain another `^` of the same precedence.
      const right = this.parseBinary(token.op === '^' ? precedence : precedence + 1);
      left = { kind: 'binary', op: token.op, left, right, pos: token.pos };
    }
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.kind === 'operator' && (token.op === '-' || token.op === '+')) {
      this.next();
      const operand = this.parseBinary(UNARY_PRECEDENCE);
      if (token.op === '+') return operand;
      // A negative literal (exact) lets the differentiator fold exponents such as `**(-.5)`.
      if (operand.kind === 'number') return { kind: 'number', value: -operand.value, pos: token.pos };
      return { kind: 'negate', operand, pos: token.pos };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value, pos: token.pos };
      case 'identifier':
        return this.parseName(token.text, token.pos);
      case 'open': {
        const inner = this.parseBinary(0);
        this.expectClose(token, false);
        return inner;
      }
      case 'end':
        return fail('incomplete expression', token.pos, token.text, 'a number, a name or a bracket');
      default:
        return fail('unexpected token', token.pos, token.text, 'a number, a name or a bracket');
    }
  }

  private parseName(name: string, pos: number): Expr {
    const isFunction = FUNCTION_ALIASES.has(name) || name === POW_FUNCTION;
    if (this.peek().kind === 'open') return this.parseCall(name, pos, isFunction);
    if (isFunction) fail('function without arguments', this.peek().pos, this.peek().text, `'(' or '[' after ${name}`);
    const constant = CONSTANT_ALIASES.get(name);
    if (constant) return { kind: 'constant', name: constant, pos };
    return { kind: 'identifier', name, pos };
  }

  private parseCall(name: string, pos: number, isFunction: boolean): Expr {
    if (!isFunction) {
      const known = [...FUNCTION_ALIASES.keys(), POW_FUNCTION].join(', ');
      fail(`unknown function '${name}'`, pos, name, `one of ${known}`);
    }
    const open = this.next();
    const args = [this.parseBinary(0)];
    while (this.peek().kind === 'comma') {
      this.next();
      args.push(this.parseBinary(0));
    }
    this.expectClose(open, true);
    const arity = name === POW_FUNCTION ? 2 : 1;
    if (args.length !== arity) {
      const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
      fail(`wrong number of arguments to ${name}`, pos, plural(args.length), plural(arity));
    }
    const fn = FUNCTION_ALIASES.get(name);
    return fn ? { kind: 'call', fn, arg: args[0], pos } : { kind: 'binary', op: '^', left: args[0], right: args[1], pos };
  }

  private expectClose(open: Token, inCall: boolean): void {
    const closer = CLOSER[open.text];
    const token = this.peek();
    const expected = `${inCall ? "',' or " : ''}'${closer}' to close '${open.text}' at position ${open.pos}`;
    if (token.kind === 'close' && token.text === closer) {
      this.next();
      return;
    }
    if (token.kind === 'close') fail('mismatched bracket', token.pos, token.text, expected);
    if (token.kind === 'end') fail('unclosed bracket', token.pos, token.text, expected);
    fail('unexpected token', token.pos, token.text, `an operator or ${expected}`);
  }
}

/** Parses a model expression; throws ExpressionError (field 'expression', with `position`) on bad syntax. */
export function parseExpression(source: string): Expr {
  return new Parser(tokenize(source)).parseAll();
}

/** Is `name` spelled like an identifier of the expression language (it may still be reserved)? */
export function isIdentifier(name: string): boolean {
  return matchAt(IDENTIFIER, name, 0) === name;
}
