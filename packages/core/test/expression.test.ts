import { ExpressionError, InputError } from '../src/errors';
import { CompiledExpression, Expr, compileExpression, differentiate, formatExpression, parseExpression } from '../src/fit/expression';

/** Fully bracketed prefix form, so tests state the tree shape unambiguously. */
function tree(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'constant':
    case 'identifier':
      return e.name;
    case 'negate':
      return `(neg ${tree(e.operand)})`;
    case 'call':
      return `(${e.fn} ${tree(e.arg)})`;
    case 'binary':
      return `(${e.op} ${tree(e.left)} ${tree(e.right)})`;
  }
}

const parsed = (source: string): string => tree(parseExpression(source));

function thrown(f: () => unknown): ExpressionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e).toBeInstanceOf(InputError);
    return e as ExpressionError;
  }
  throw new Error('expected an ExpressionError');
}

/** Five-point central difference (error O(h^4)), so 1e-7 relative agreement is a real test. */
function finiteDifference(f: CompiledExpression, vars: number[], p: number[], j: number): number {
  const h = 1e-3 * (Math.abs(p[j]) || 1);
  const at = (k: number): number => {
    const q = p.slice();
    q[j] = p[j] + k * h;
    return f.value(vars, q);
  };
  return (at(-2) - 8 * at(-1) + 8 * at(1) - at(2)) / (12 * h);
}

function expectGradientMatches(f: CompiledExpression, vars: number[], p: number[]): void {
  const grad = new Float64Array(p.length);
  const value = f.valueAndGradient(vars, p, grad);
  expect(value).toBe(f.value(vars, p));
  for (let j = 0; j < p.length; j++) {
    const fd = finiteDifference(f, vars, p, j);
    // Where the true derivative is ~0 (e.g. log(x/T1) at x = T1) only rounding noise is left, of
    // order eps*|f|/h; the floor 1e-4*|f|/|p_j| keeps that from failing the relative test.
    const scale = Math.max(Math.abs(fd), Math.abs(grad[j]), (1e-4 * Math.abs(value)) / (Math.abs(p[j]) || 1));
    if (Math.abs(grad[j] - fd) > 1e-7 * scale) {
      throw new Error(`${f.source}: d/d${f.parameters[j]} at x=${vars.join(',')} is ${grad[j]}, finite difference ${fd}`);
    }
  }
}

describe('parseExpression', () => {
  test.each([
    ['a+b*c', '(+ a (* b c))'],
    ['a-b-c', '(- (- a b) c)'],
    ['a/b/c', '(/ (/ a b) c)'],
    ['a/b*c', '(* (/ a b) c)'],
    ['a^b^c', '(^ a (^ b c))'],
    ['a**b**c', '(^ a (^ b c))'],
    ['a*b^c', '(* a (^ b c))'],
    ['-x^2', '(neg (^ x 2))'],
    ['-2^2', '(neg (^ 2 2))'],
    ['2^-x', '(^ 2 (neg x))'],
    ['2^-x^2', '(^ 2 (neg (^ x 2)))'],
    ['a^-b*c', '(* (^ a (neg b)) c)'],
    ['-a*b', '(* (neg a) b)'],
    ['a*-b', '(* a (neg b))'],
    ['a - -b', '(- a (neg b))'],
    ['--x', '(neg (neg x))'],
    ['+x', 'x'],
    ['-2.5', '-2.5'],
    ['[a+b]*c', '(* (+ a b) c)'],
    ['(a+[b-c])', '(+ a (- b c))'],
    ['exp[-x]', '(exp (neg x))'],
    ['ln(x) + log[x] + log10(x)', '(+ (+ (log x) (log x)) (log10 x))'],
    ['arctan[x] + atan(x)', '(+ (atan x) (atan x))'],
    ['pow(a, b+1)', '(^ a (+ b 1))'],
    ['sqrt(abs(sin(cos(tan(x)))))', '(sqrt (abs (sin (cos (tan x)))))'],
    ['asin(x)+acos(x)+sinh(x)+cosh(x)+tanh(x)', '(+ (+ (+ (+ (asin x) (acos x)) (sinh x)) (cosh x)) (tanh x))'],
    ['2*pi*x', '(* (* 2 pi) x)'],
    ['π', 'pi'],
    ['e*x', '(* e x)'],
    ['τ*β_2', '(* τ β_2)'],
    ['b1 - b2*x1', '(- b1 (* b2 x1))'],
    [' a\t+\n b ', '(+ a b)'],
  ])('%s', (source, expected) => {
    expect(parsed(source)).toBe(expected);
  });

  test.each([
    ['1', 1],
    ['.5', 0.5],
    ['1.', 1],
    ['1e-3', 1e-3],
    ['2.5E+04', 2.5e4],
    ['6.02214076e23', 6.02214076e23],
  ])('number %s', (source, value) => {
    const e = parseExpression(source);
    expect(e).toMatchObject({ kind: 'number', value, pos: 0 });
  });

  test('records 0-based positions', () => {
    const e = parseExpression('a + exp(b)');
    expect(e).toMatchObject({ kind: 'binary', pos: 2, left: { pos: 0 }, right: { kind: 'call', pos: 4, arg: { pos: 8 } } });
  });
});

describe('formatExpression', () => {
  test.each([
    'M0*(1 - a*exp(-(x/T1)^g))',
    'a - (b - c)',
    'a/(b/c)',
    'a*(b*c)',
    '(a^b)^c',
    'a^b^c',
    '(-a)^2',
    '(-2)^x',
    'x^(-0.5)',
    '-(a*b)',
    '-(-x)',
    'a - (-b)',
    'a*(-b)',
    '2^(-x^2)',
    'b1 - b2*x - atan(b3/(x - b4))/pi',
  ])('round-trips %s', (source) => {
    const text = formatExpression(parseExpression(source));
    expect(text).toBe(source);
    expect(parsed(text)).toBe(parsed(source));
  });

  test('prints canonical spellings', () => {
    expect(formatExpression(parseExpression('exp[-b1*x]/(b2+b3*x)'))).toBe('exp(-b1*x)/(b2 + b3*x)');
    expect(formatExpression(parseExpression('ln(x) + arctan[x]*π + b**2'))).toBe('log(x) + atan(x)*pi + b^2');
    expect(formatExpression(parseExpression('pow(x, 2)'))).toBe('x^2');
  });
});

describe('differentiate', () => {
  const d = (source: string, name = 'x'): string => formatExpression(differentiate(parseExpression(source), name));

  test.each([
    ['x^2', '2*x'],
    ['x^3', '3*x^2'],
    ['x^1', '1'],
    ['x^0', '0'],
    ['3*x + 0*x', '3'],
    ['x*1 + 0', '1'],
    ['--x', '1'],
    ['-x', '-1'],
    ['x/2', '0.5'],
    ['0/x', '0'],
    ['y', '0'],
    ['exp(x)', 'exp(x)'],
    ['a^x', 'a^x*log(a)'],
    ['log(x)', '1/x'],
    ['sin(2*x)', '2*cos(2*x)'],
    ['abs(x)', 'sign(x)'],
    ['x^(-.5)', '-0.5*x^(-1.5)'],
  ])('d/dx %s = %s', (source, expected) => {
    expect(d(source)).toBe(expected);
  });

  test('each function derivative matches finite differences', () => {
    const functions = ['exp', 'log', 'log10', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh'];
    for (const fn of functions) expectGradientMatches(compileExpression(`${fn}(a*x)`), [0.7], [0.6]);
    expectGradientMatches(compileExpression('abs(a*x)'), [0.7], [-0.6]);
    expectGradientMatches(compileExpression('x^a + a^x + a^a + pow(x, -a)'), [1.7], [0.6]);
  });
});

interface NistCase {
  model: string;
  js: (x: number[], b: number[]) => number;
  b: number[];
  points: number[][];
  variables?: string[];
}

const NIST: NistCase[] = [
  {
    model: 'b1*(1-exp[-b2*x])',
    js: ([x], [b1, b2]) => b1 * (1 - Math.exp(-b2 * x)),
    b: [238.94212918, 5.5015643181e-4],
    points: [[77.6], [300], [790.4]],
  },
  {
    model: 'exp[-b1*x]/(b2+b3*x)',
    js: ([x], [b1, b2, b3]) => Math.exp(-b1 * x) / (b2 + b3 * x),
    // NIST's certified values with every digit it prints (Prettier would drop the trailing zeros)
    // prettier-ignore
    b: [0.19027818370, 6.1314004477e-3, 1.0530908399e-2],
    points: [[0.5], [3], [6]],
  },
  {
    model: 'b1*x**b2',
    js: ([x], [b1, b2]) => b1 * Math.pow(x, b2),
    b: [0.76886226176, 3.8604055871],
    points: [[1.309], [1.5], [2]],
  },
  {
    model: 'b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 )',
    js: ([x], [b1, b2, b3]) => b1 + b2 * Math.cos((2 * Math.PI * x) / 12) + b3 * Math.sin((2 * Math.PI * x) / 12),
    b: [10.510749193, 3.0762128085, 0.53280138227],
    points: [[1], [50], [167]],
  },
  {
    model: 'b1*exp( -b2*x ) + b3*exp( -(x-b4)**2 / b5**2 )',
    js: ([x], [b1, b2, b3, b4, b5]) => b1 * Math.exp(-b2 * x) + b3 * Math.exp(-((x - b4) ** 2) / b5 ** 2),
    // NIST's certified values with every digit it prints (Prettier would drop the trailing zeros)
    // prettier-ignore
    b: [98.778210871, 1.0497276517e-2, 100.48990633, 67.481111276, 23.129773360],
    points: [[1], [60], [120]],
  },
  {
    model: '(b1+b2*x+b3*x**2+b4*x**3) / (1+b5*x+b6*x**2+b7*x**3)',
    js: ([x], [b1, b2, b3, b4, b5, b6, b7]) => (b1 + b2 * x + b3 * x ** 2 + b4 * x ** 3) / (1 + b5 * x + b6 * x ** 2 + b7 * x ** 3),
    // NIST's certified values with every digit it prints (Prettier would drop the trailing zeros)
    // prettier-ignore
    b: [1288.139680, 1491.0792535, 583.23836877, 75.416644291, 0.96629502864, 0.39797285797, 4.9727297349e-2],
    points: [[-3.067], [-1], [0.5], [2]],
  },
  {
    model: 'b1 * (1-(1+2*b2*x)**(-.5))',
    js: ([x], [b1, b2]) => b1 * (1 - Math.pow(1 + 2 * b2 * x, -0.5)),
    b: [636.42725809, 2.0813627256e-4],
    points: [[77.6], [300], [790.4]],
  },
  {
    model: 'b1 - b2*x1 * exp[-b3*x2]',
    js: ([x1, x2], [b1, b2, b3]) => b1 - b2 * x1 * Math.exp(-b3 * x2),
    b: [2.5906836021, 5.6177717026e-9, -5.7701013174e-2],
    points: [
      [1, 180],
      [16, 275],
      [64, 300],
    ],
    variables: ['x1', 'x2'],
  },
  {
    model: 'b1 - b2*x - arctan[b3/(x-b4)]/pi',
    js: ([x], [b1, b2, b3, b4]) => b1 - b2 * x - Math.atan(b3 / (x - b4)) / Math.PI,
    b: [0.20196866396, -6.1953516256e-6, 1204.4556708, -181.34269537],
    points: [[-4868.68], [-1000], [500]],
  },
];

describe('NIST StRD models', () => {
  test.each(NIST)('$model evaluates like hand-written JS', ({ model, js, b, points, variables }) => {
    const f = compileExpression(model, { variables });
    expect(f.parameters).toEqual(b.map((_, j) => `b${j + 1}`));
    for (const x of points) {
      const expected = js(x, b);
      expect(Math.abs(f.value(x, b) - expected)).toBeLessThanOrEqual(1e-14 * Math.abs(expected));
    }
  });

  test.each(NIST)('$model gradient matches finite differences', ({ model, b, points, variables }) => {
    const f = compileExpression(model, { variables });
    for (const x of points) expectGradientMatches(f, x, b);
  });

  test.each(NIST)('$model derivative texts parse back to the same gradient', ({ model, b, points, variables }) => {
    const f = compileExpression(model, { variables });
    const grad = new Float64Array(b.length);
    for (const x of points) {
      f.valueAndGradient(x, b, grad);
      f.derivatives.forEach((text, j) => {
        const dj = compileExpression(text, { variables, parameters: f.parameters }).value(x, b);
        expect(Math.abs(dj - grad[j])).toBeLessThanOrEqual(1e-14 * Math.abs(grad[j]));
      });
    }
  });

  test('LHS transform log[y] compiles with no parameters', () => {
    const f = compileExpression('log[y]', { variables: ['y'], parameters: [] });
    expect(f.parameters).toEqual([]);
    expect(f.derivatives).toEqual([]);
    expect(f.value([Math.E ** 2], [])).toBeCloseTo(2, 15);
    expect(f.valueAndGradient([10], [], new Float64Array(0))).toBe(Math.log(10));
  });
});

describe('relaxation models', () => {
  test('inversion/saturation recovery M0*(1 - a*exp(-(x/T1)^g))', () => {
    const f = compileExpression('M0*(1 - a*exp(-(x/T1)^g))');
    expect(f.parameters).toEqual(['M0', 'a', 'T1', 'g']);
    const p = [1000, 1.9, 0.05, 0.8];
    expect(f.value([0.02], p)).toBeCloseTo(1000 * (1 - 1.9 * Math.exp(-Math.pow(0.02 / 0.05, 0.8))), 10);
    for (const x of [0.001, 0.02, 0.05, 0.3]) expectGradientMatches(f, [x], p);
  });

  test('stretched T1rho decay M0*exp(-(x/T1rho)^k) + c', () => {
    const f = compileExpression('M0*exp(-(x/T1rho)^k) + c');
    expect(f.parameters).toEqual(['M0', 'T1rho', 'k', 'c']);
    for (const x of [1e-4, 1e-3, 5e-3]) expectGradientMatches(f, [x], [1, 2e-3, 0.7, 0.01]);
  });

  test('common subexpressions are computed once', () => {
    const source = compileExpression('M0*(1 - a*exp(-(x/T1)^g))').valueAndGradient.toString();
    expect(source.match(/Math\.exp/g)).toHaveLength(1);
    expect(source.match(/v\[0\] \/ p\[2\]/g)).toHaveLength(1);
  });

  test('small integer powers are products, others Math.pow', () => {
    const f = compileExpression('a*(x-b)**2 + c*x^-2 + d*x^2.5');
    const source = f.value.toString();
    expect(source.match(/Math\.pow/g)).toHaveLength(1);
    const x = 1.3;
    const p = [2, 0.4, 3, 5];
    const expected = 2 * (x - 0.4) * (x - 0.4) + 3 / (x * x) + 5 * Math.pow(x, 2.5);
    expect(f.value([x], p)).toBeCloseTo(expected, 13);
    expectGradientMatches(f, [x], p);
  });
});

describe('variables and parameters', () => {
  test('parameters in order of first appearance, variables excluded', () => {
    expect(compileExpression('b*x + a + b*e').parameters).toEqual(['b', 'a', 'e']);
    expect(compileExpression('A*exp(-t/τ)', { variables: ['t'] }).parameters).toEqual(['A', 'τ']);
    expect(compileExpression('a*x', { variables: ['t'] }).parameters).toEqual(['a', 'x']);
  });

  test('the parameters option fixes the order of p and grad', () => {
    const f = compileExpression('a*x + b', { parameters: ['b', 'a'] });
    expect(f.parameters).toEqual(['b', 'a']);
    const grad = new Float64Array(2);
    expect(f.valueAndGradient([2], [1, 3], grad)).toBe(7);
    expect([...grad]).toEqual([1, 2]);
  });

  test('an unused declared parameter gets a zero gradient', () => {
    const f = compileExpression('a*x', { parameters: ['a', 'unused'] });
    const grad = new Float64Array([9, 9]);
    f.valueAndGradient([2], [3, 4], grad);
    expect([...grad]).toEqual([2, 0]);
    expect(f.derivatives).toEqual(['x', '0']);
  });

  test('two independent variables', () => {
    const f = compileExpression('b1 - b2*x1 * exp[-b3*x2]', { variables: ['x1', 'x2'] });
    expect(f.variables).toEqual(['x1', 'x2']);
    expect(f.value([2, 3], [1, 0.5, 0.1])).toBe(1 - 0.5 * 2 * Math.exp(-0.1 * 3));
  });

  test('unknown name with the parameters option', () => {
    const e = thrown(() => compileExpression('a*x + k', { parameters: ['a', 'b'] }));
    expect(e.reason).toBe("unknown parameter 'k'; known parameters: a, b");
    expect(e.field).toBe('expression');
    expect(e.position).toBe(6);
    expect(e.details.found).toBe('k');
  });

  test.each([
    [{ variables: ['exp'] }, 'variables', 'exp'],
    [{ variables: ['pi'] }, 'variables', 'pi'],
    [{ variables: ['2x'] }, 'variables', '2x'],
    [{ variables: ['x', 'x'] }, 'variables', 'x'],
    [{ parameters: ['a', 'x'] }, 'parameters', 'x'],
  ])('rejects bad option names %j', (options, field, found) => {
    const e = thrown(() => compileExpression('a*x', options));
    expect(e.field).toBe(field);
    expect(e.details.found).toBe(found);
  });
});

describe('syntax errors', () => {
  test.each([
    ['', 'empty expression', 0, 'end of input'],
    ['   ', 'empty expression', 3, 'end of input'],
    ['foo(x)', "unknown function 'foo'", 0, 'foo'],
    ['a + foo[x]', "unknown function 'foo'", 4, 'foo'],
    ['(x+1', 'unclosed bracket', 4, 'end of input'],
    ['exp[x', 'unclosed bracket', 5, 'end of input'],
    ['x+1)', 'unmatched closing bracket', 3, ')'],
    [')', 'unexpected token', 0, ')'],
    ['exp[x)', 'mismatched bracket', 5, ')'],
    ['(x]', 'mismatched bracket', 2, ']'],
    ['x y', 'unexpected token', 2, 'y'],
    ['2x', 'unexpected token', 1, 'x'],
    ['x + 2 3', 'unexpected token', 6, '3'],
    ['a, b', 'unexpected token', 1, ','],
    ['exp(1, 2)', 'wrong number of arguments to exp', 0, '2 arguments'],
    ['x*pow(2)', 'wrong number of arguments to pow', 2, '1 argument'],
    ['x + ', 'incomplete expression', 4, 'end of input'],
    ['x * * y', 'unexpected token', 4, '*'],
    ['()', 'unexpected token', 1, ')'],
    ['exp()', 'unexpected token', 4, ')'],
    ['x $ y', 'unexpected character', 2, '$'],
    ['exp + 1', 'function without arguments', 4, '+'],
    ['1e999*x', 'number out of range', 0, '1e999'],
  ])('%j', (source, reason, position, found) => {
    const e = thrown(() => parseExpression(source));
    expect(e.reason).toBe(reason);
    expect(e.field).toBe('expression');
    expect(e.position).toBe(position);
    expect(e.details.found).toBe(found);
    expect(e.details.expected).toEqual(expect.any(String));
  });

  test('messages say what was expected', () => {
    expect(thrown(() => parseExpression('exp[x)')).message).toBe(
      "expression: mismatched bracket (expected ',' or ']' to close '[' at position 3; found ))",
    );
    expect(thrown(() => parseExpression('exp(1, 2)')).details.expected).toBe('1 argument');
  });
});
