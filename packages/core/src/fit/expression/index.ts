/** Model-expression compiler: parse, differentiate, print and compile fit models given as strings. */

export type {
  BinaryNode,
  BinaryOperator,
  CallNode,
  ConstantName,
  ConstantNode,
  Expr,
  FunctionName,
  IdentifierNode,
  NegateNode,
  NumberNode,
} from './ast';
export { compileExpression } from './compile';
export type { CompiledExpression, CompileOptions } from './compile';
export { differentiate } from './derivative';
export { formatExpression } from './format';
export { parseExpression } from './parse';
