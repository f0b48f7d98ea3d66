/**
 * Compiles a model expression to plain JavaScript functions for the fitting engine's inner loop.
 *
 * The value and the analytic gradient are generated as straight-line code and built with
 * `new Function`. That is safe here because the code is printed from our own syntax tree only:
 * identifiers become `v[k]` / `p[j]`, functions `Math.*`, and numbers finite literals; no text
 * from the user's string reaches the generated source.
 */

import { ExpressionError } from '../../errors';
import { BinaryNode, CallNode, ConstantName, Expr, NegateNode, identifiersOf, isReservedName } from './ast';
import { differentiate } from './derivative';
import { formatExpression } from './format';
import { isIdentifier, parseExpression } from './parse';

export interface CompileOptions {
  /** Independent variables, in the order of `vars` in value(); default `['x']`. */
  readonly variables?: readonly string[];
  /**
   * Parameter order for `p` and `grad`. When given, an identifier that is neither a variable nor
   * listed here is an error; when absent, every such identifier is a parameter, in order of first
   * appearance.
   */
  readonly parameters?: readonly string[];
}

export interface CompiledExpression {
  readonly source: string;
  readonly variables: readonly string[];
  readonly parameters: readonly string[];
  /** Value at one point; vars[k] = value of variables[k], p[j] = value of parameters[j]. */
  value(vars: ArrayLike<number>, p: ArrayLike<number>): number;
  /** Value, and d value / d p[j] written into grad[j] for every parameter. */
  valueAndGradient(vars: ArrayLike<number>, p: ArrayLike<number>, grad: Float64Array): number;
  /** Simplified symbolic derivative per parameter, as text (for reports and debugging). */
  readonly derivatives: readonly string[];
}

const CONSTANT_CODE: Readonly<Record<ConstantName, string>> = { pi: 'Math.PI' };
/** Integer powers up to this size are emitted as products: faster than Math.pow and exact for squares. */
const MAX_UNROLLED_POWER = 4;

function optionError(field: 'variables' | 'parameters', reason: string, found: string, expected: string): ExpressionError {
  return new ExpressionError(reason, { field, found, expected, source: 'compileExpression' });
}

function checkNames(names: readonly string[], field: 'variables' | 'parameters', taken: readonly string[]): void {
  const seen = new Set<string>(taken);
  for (const name of names) {
    if (!isIdentifier(name) || isReservedName(name)) {
      throw optionError(field, `invalid name '${name}'`, name, 'a name like x or T1 that is not a function or constant');
    }
    if (seen.has(name)) throw optionError(field, `duplicate name '${name}'`, name, 'each name once across variables and parameters');
    seen.add(name);
  }
}

function resolveParameters(ast: Expr, variables: readonly string[], given: readonly string[] | undefined): string[] {
  const free = identifiersOf(ast).filter((id) => !variables.includes(id.name));
  if (!given) return free.map((id) => id.name);
  const unknown = free.find((id) => !given.includes(id.name));
  if (unknown) {
    const known = given.length ? given.join(', ') : '(none)';
    throw new ExpressionError(`unknown parameter '${unknown.name}'; known parameters: ${known}`, {
      field: 'expression',
      position: unknown.pos,
      found: unknown.name,
      expected: `a variable (${variables.join(', ') || 'none'}) or one of the parameters`,
    });
  }
  return [...given];
}

/** A finite number as a JS literal that keeps every bit (String() round-trips doubles exactly). */
function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal: non-finite literal ${value} in generated code`);
  return value < 0 || Object.is(value, -0) ? `(-${String(-value)})` : String(value);
}

/** The exponent when it is a small nonzero integer literal, else undefined. */
function unrollableExponent(e: Expr): number | undefined {
  if (e.kind !== 'number') return undefined;
  const n = e.value;
  return Number.isInteger(n) && n !== 0 && Math.abs(n) <= MAX_UNROLLED_POWER ? n : undefined;
}

/**
 * Emits straight-line code, one `const tN` per distinct non-leaf subtree. A subtree's code is
 * written in terms of its children's temporaries, so equal code strings mean structurally equal
 * subtrees: the code string itself is the CSE key.
 */
class CodeEmitter {
  readonly lines: string[] = [];
  private readonly temps = new Map<string, string>();

  constructor(private readonly slots: ReadonlyMap<string, string>) {}

  /** Returns an operand (temporary, slot or literal) holding the value of `e`. */
  emit(e: Expr): string {
    switch (e.kind) {
      case 'number':
        return numberLiteral(e.value);
      case 'constant':
        return CONSTANT_CODE[e.name];
      case 'identifier': {
        const slot = this.slots.get(e.name);
        if (slot === undefined) throw new Error(`internal: unresolved identifier '${e.name}'`);
        return slot;
      }
      default:
        return this.temp(this.code(e));
    }
  }

  private temp(code: string): string {
    let name = this.temps.get(code);
    if (name === undefined) {
      name = `t${this.temps.size}`;
      this.temps.set(code, name);
      this.lines.push(`const ${name} = ${code};`);
    }
    return name;
  }

  private code(e: NegateNode | CallNode | BinaryNode): string {
    switch (e.kind) {
      case 'negate':
        return `-${this.emit(e.operand)}`;
      case 'call':
        return `Math.${e.fn}(${this.emit(e.arg)})`;
      case 'binary': {
        const left = this.emit(e.left);
        if (e.op !== '^') return `${left} ${e.op} ${this.emit(e.right)}`;
        const n = unrollableExponent(e.right);
        if (n === undefined) return `Math.pow(${left}, ${this.emit(e.right)})`;
        const product = Array<string>(Math.abs(n)).fill(left).join(' * ');
        return n > 0 ? product : `1 / (${product})`;
      }
    }
  }
}

function slotsFor(variables: readonly string[], parameters: readonly string[]): Map<string, string> {
  const slots = new Map<string, string>();
  variables.forEach((name, k) => slots.set(name, `v[${k}]`));
  parameters.forEach((name, j) => slots.set(name, `p[${j}]`));
  return slots;
}

function valueBody(ast: Expr, slots: ReadonlyMap<string, string>): string {
  const emitter = new CodeEmitter(slots);
  const result = emitter.emit(ast);
  return ['"use strict";', ...emitter.lines, `return ${result};`].join('\n');
}

/** The value is emitted first so each derivative reuses its subterms (exp(...), a/b, a^b, ...). */
function gradientBody(ast: Expr, derivatives: readonly Expr[], slots: ReadonlyMap<string, string>): string {
  const emitter = new CodeEmitter(slots);
  const result = emitter.emit(ast);
  const assignments = derivatives.map((d, j) => `grad[${j}] = ${emitter.emit(d)};`);
  return ['"use strict";', ...emitter.lines, ...assignments, `return ${result};`].join('\n');
}

/**
 * Parses `source` and compiles its value and parameter gradient. Throws ExpressionError for bad
 * syntax, unknown functions, unknown parameters (when `parameters` is given) and invalid names.
 */
export function compileExpression(source: string, options: CompileOptions = {}): CompiledExpression {
  const ast = parseExpression(source);
  const variables = [...(options.variables ?? ['x'])];
  checkNames(variables, 'variables', []);
  if (options.parameters) checkNames(options.parameters, 'parameters', variables);
  const parameters = resolveParameters(ast, variables, options.parameters);
  const derivativeAsts = parameters.map((name) => differentiate(ast, name));
  const slots = slotsFor(variables, parameters);
  // The bodies are generated from the parsed, checked AST (numbers, slots, operators and the
  // functions of the table): no text of the source reaches them, and compiled code is what makes
  // expression models as fast as the built-in ones.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const value = new Function('v', 'p', valueBody(ast, slots)) as CompiledExpression['value'];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const valueAndGradient = new Function(
    'v',
    'p',
    'grad',
    gradientBody(ast, derivativeAsts, slots),
  ) as CompiledExpression['valueAndGradient'];
  return Object.freeze({
    source,
    variables: Object.freeze(variables),
    parameters: Object.freeze(parameters),
    value,
    valueAndGradient,
    derivatives: Object.freeze(derivativeAsts.map(formatExpression)),
  });
}
