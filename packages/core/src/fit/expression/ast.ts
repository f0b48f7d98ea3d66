/**
 * Syntax tree of a model expression, the shared currency of the parser, the differentiator, the
 * printer and the code generator. Nodes are immutable plain objects so subtrees can be shared
 * freely (the derivative of `f` reuses subtrees of `f`, which is what makes CSE pay off).
 */

/** Functions of one argument; every name is also a member of `Math`, which the code generator relies on. */
export type FunctionName =
  'exp' | 'log' | 'log10' | 'sqrt' | 'abs' | 'sign' | 'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan' | 'sinh' | 'cosh' | 'tanh';

export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

/** Named mathematical constants; `e` is deliberately absent (NIST files use it for the error term). */
export type ConstantName = 'pi';

/** `pos` is the 0-based offset in the source text; absent on nodes made by the differentiator. */
export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly pos?: number;
}

export interface ConstantNode {
  readonly kind: 'constant';
  readonly name: ConstantName;
  readonly pos?: number;
}

/** A variable or a parameter: which one is decided by `compileExpression`, not by the parser. */
export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly name: string;
  readonly pos?: number;
}

export interface NegateNode {
  readonly kind: 'negate';
  readonly operand: Expr;
  readonly pos?: number;
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly pos?: number;
}

export interface CallNode {
  readonly kind: 'call';
  readonly fn: FunctionName;
  readonly arg: Expr;
  readonly pos?: number;
}

export type Expr = NumberNode | ConstantNode | IdentifierNode | NegateNode | BinaryNode | CallNode;

export const CONSTANT_VALUES: Readonly<Record<ConstantName, number>> = { pi: Math.PI };

/**
 * Spellings accepted in source text, mapped to the canonical node they build. Aliases (`ln`,
 * `arctan`, `π`) are resolved here so nothing downstream has to know about them.
 */
export const FUNCTION_ALIASES: ReadonlyMap<string, FunctionName> = new Map<string, FunctionName>([
  ['exp', 'exp'],
  ['log', 'log'],
  ['ln', 'log'],
  ['log10', 'log10'],
  ['sqrt', 'sqrt'],
  ['abs', 'abs'],
  ['sign', 'sign'],
  ['sin', 'sin'],
  ['cos', 'cos'],
  ['tan', 'tan'],
  ['asin', 'asin'],
  ['acos', 'acos'],
  ['atan', 'atan'],
  ['arctan', 'atan'],
  ['sinh', 'sinh'],
  ['cosh', 'cosh'],
  ['tanh', 'tanh'],
]);

/** `pow(a, b)` is accepted as a spelling of `a^b`; it is the only two-argument function. */
export const POW_FUNCTION = 'pow';

export const CONSTANT_ALIASES: ReadonlyMap<string, ConstantName> = new Map<string, ConstantName>([
  ['pi', 'pi'],
  ['π', 'pi'],
]);

/** Names a variable or parameter may not take, because the parser gives them another meaning. */
export function isReservedName(name: string): boolean {
  return FUNCTION_ALIASES.has(name) || CONSTANT_ALIASES.has(name) || name === POW_FUNCTION;
}

export function num(value: number): NumberNode {
  return { kind: 'number', value };
}

/** Identifier names in first-appearance order (left to right in the source). */
export function identifiersOf(expr: Expr): IdentifierNode[] {
  const seen = new Map<string, IdentifierNode>();
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'identifier':
        if (!seen.has(e.name)) seen.set(e.name, e);
        return;
      case 'negate':
        return walk(e.operand);
      case 'binary':
        walk(e.left);
        return walk(e.right);
      case 'call':
        return walk(e.arg);
      default:
        return;
    }
  };
  walk(expr);
  return [...seen.values()];
}
