/**
 * Equivalent circuits in the notation of impedance.py (M. D. Murbach et al., J. Open Source Softw.
 * 5, 2349 (2020)): elements joined in series with `-`, parallel branches as `p(a, b, ...)`:
 *
 *   R0-p(R1,CPE1)-CPE2        R0-p(R1-Wo1,C1)        p(R1,C1)-p(R2,C2)-W1
 *
 * An element is its type followed by a label that makes its name unique (R0, CPE1, Cdl, Wo_gb).
 * The type is the longest of R, C, L, CPE, W, Wo, Ws that the name starts with ("Ws1" is a
 * finite-length short Warburg, not a W labelled "s1"). Elements and their parameters
 * (Z(ω) with the e^(jωt) convention, ω = 2πf, see types.ts for the sign of Z″):
 *
 *   R    Z = R                                   R [Ω]
 *   C    Z = 1/(jωC)                             C [F]
 *   L    Z = jωL                                 L [H]
 *   CPE  Z = 1/(Q (jω)^n)                        <name>_Q [F·s^(n−1) = Ω⁻¹·sⁿ], <name>_n [0..1]
 *   W    Z = σ_W (1 − j)/√ω                      σ_W [Ω·s^(−1/2)], the Warburg coefficient
 *        (semi-infinite diffusion, A. J. Bard & L. R. Faulkner, Electrochemical Methods, 2nd ed.,
 *        Wiley 2001, eq. 10.3.33; the same as A_W/√(jω) with A_W = √2·σ_W, and as impedance.py's W)
 *   Wo   Z = R coth(√(jωτ))/√(jωτ)               <name>_R [Ω], <name>_tau [s] = l²/D
 *        (finite-length, reflective "open" boundary: capacitive at low ω)
 *   Ws   Z = R tanh(√(jωτ))/√(jωτ)               <name>_R [Ω], <name>_tau [s] = l²/D
 *        (finite-length, transmissive "short" boundary: Z → R at low ω)
 *        (both: J. Bisquert, Phys. Chem. Chem. Phys. 2, 4185 (2000); impedance.py's Wo and Ws)
 *
 * Evaluation returns Z and its exact derivatives ∂Z/∂p (complex), which the complex fit uses as
 * its Jacobian: through a series connection derivatives add, through a parallel one
 * ∂Z/∂p = (Z/Z_i)²·∂Z_i/∂p for a parameter of branch i (from Z = 1/ΣY_i).
 */
import { ExpressionError, InputError } from '../errors';
import { Complex, add, complex, div, inv, mul, scale, sqrt, sub, tanh } from './complex';

export type ElementType = 'R' | 'C' | 'L' | 'CPE' | 'W' | 'Wo' | 'Ws';

/** Longest first, so that a name is matched against CPE before C and Wo/Ws before W. */
const ELEMENT_TYPES: readonly ElementType[] = ['CPE', 'Wo', 'Ws', 'R', 'C', 'L', 'W'];

/** Parameter suffixes and units per element type ('' suffix: the parameter is the element name). */
export const ELEMENT_PARAMETERS: Readonly<Record<ElementType, ReadonlyArray<{ suffix: string; unit: string }>>> = {
  R: [{ suffix: '', unit: 'Ohm' }],
  C: [{ suffix: '', unit: 'F' }],
  L: [{ suffix: '', unit: 'H' }],
  CPE: [
    { suffix: '_Q', unit: 'F s^(n-1)' },
    { suffix: '_n', unit: '' },
  ],
  W: [{ suffix: '', unit: 'Ohm s^-1/2' }],
  Wo: [
    { suffix: '_R', unit: 'Ohm' },
    { suffix: '_tau', unit: 's' },
  ],
  Ws: [
    { suffix: '_R', unit: 'Ohm' },
    { suffix: '_tau', unit: 's' },
  ],
};

export interface ElementNode {
  kind: 'element';
  type: ElementType;
  name: string;
  /** 0-based character offset of the name in the circuit string. */
  position: number;
  /** Full parameter names, e.g. ['CPE1_Q', 'CPE1_n']. */
  parameters: string[];
  /** Index of the first parameter in Circuit.parameterNames. */
  offset: number;
}

export interface SeriesNode {
  kind: 'series';
  children: CircuitNode[];
}

export interface ParallelNode {
  kind: 'parallel';
  position: number;
  children: CircuitNode[];
}

export type CircuitNode = ElementNode | SeriesNode | ParallelNode;

export interface Circuit {
  /** The circuit string as given. */
  text: string;
  root: CircuitNode;
  /** Elements in the order they appear in the string. */
  elements: ElementNode[];
  /** All parameters in the order of the elements. */
  parameterNames: string[];
  units: Record<string, string>;
}

/** Parse a circuit string; syntax errors are ExpressionErrors with the 0-based `position`. */
export function parseCircuit(text: string, source = 'circuit'): Circuit {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ExpressionError('empty circuit string at position 0', {
      field: 'circuit',
      expected: 'a circuit such as "R0-p(R1,CPE1)"',
      found: JSON.stringify(text),
      position: 0,
      source,
    });
  }
  const parser = new CircuitParser(text, source);
  const root = parser.parseSeries();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail(`unexpected '${text[parser.pos]}'`, "'-' between elements, ',' between branches or the end");
  const parameterNames = parser.elements.flatMap((e) => e.parameters);
  const units: Record<string, string> = {};
  for (const e of parser.elements) {
    ELEMENT_PARAMETERS[e.type].forEach((spec, k) => {
      units[e.parameters[k]] = spec.unit;
    });
  }
  return { text, root, elements: parser.elements, parameterNames, units };
}

class CircuitParser {
  pos = 0;
  readonly elements: ElementNode[] = [];
  private readonly names = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos])) this.pos++;
  }

  fail(reason: string, expected: string, at = this.pos): never {
    const shown = `${this.text.slice(0, at)}⟨${this.text.slice(at, at + 1) || 'end'}⟩${this.text.slice(at + 1)}`;
    throw new ExpressionError(`${reason} at position ${at}`, {
      field: 'circuit',
      expected,
      found: JSON.stringify(shown),
      position: at,
      source: this.source,
    });
  }

  /** series := term ('-' term)* */
  parseSeries(): CircuitNode {
    const children = [this.parseTerm()];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '-') break;
      this.pos++;
      children.push(this.parseTerm());
    }
    return children.length === 1 ? children[0] : { kind: 'series', children };
  }

  /** term := 'p(' series (',' series)+ ')' | element */
  private parseTerm(): CircuitNode {
    this.skipSpace();
    const start = this.pos;
    const m = /^[A-Za-z][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) {
      this.fail(
        this.atEnd() ? 'circuit ends where an element was expected' : `unexpected '${this.text[this.pos]}'`,
        'an element (R, C, L, CPE, W, Wo, Ws with a label, e.g. R1) or p(...)',
      );
    }
    const word = m[0];
    if (word === 'p') {
      this.pos += 1;
      this.skipSpace();
      if (this.text[this.pos] !== '(') this.fail("'p' must open a parallel block", "'(' after p, as in p(R1,C1)");
      this.pos++;
      const children = [this.parseSeries()];
      for (;;) {
        this.skipSpace();
        const c = this.text[this.pos];
        if (c === ',') {
          this.pos++;
          children.push(this.parseSeries());
        } else if (c === ')') {
          this.pos++;
          break;
        } else {
          this.fail(this.atEnd() ? 'unclosed parallel block' : `unexpected '${c}'`, "',' between branches or ')' closing p(");
        }
      }
      if (children.length < 2) this.fail('a parallel block needs at least two branches', 'p(A, B) with two or more branches', start);
      return { kind: 'parallel', position: start, children };
    }
    const type = ELEMENT_TYPES.find((t) => word.startsWith(t));
    if (!type)
      this.fail(`unknown element '${word}'`, 'an element name starting with R, C, L, CPE, W, Wo or Ws (e.g. R0, CPE1, Wo1)', start);
    if (this.names.has(word)) this.fail(`element '${word}' appears twice`, 'unique element names (R0, R1, ...)', start);
    this.names.add(word);
    this.pos += word.length;
    const offset = this.elements.reduce((s, e) => s + e.parameters.length, 0);
    const node: ElementNode = {
      kind: 'element',
      type,
      name: word,
      position: start,
      parameters: ELEMENT_PARAMETERS[type].map((p) => word + p.suffix),
      offset,
    };
    this.elements.push(node);
    return node;
  }
}

/**
 * A circuit compiled for evaluation: every node keeps its Z and the ∂Z/∂p of the parameters below
 * it in arrays of its own, reused at every frequency, so a fit's thousands of evaluations allocate
 * nothing (the earlier version built small complex objects per node and frequency, and spent half
 * its time in the garbage collector).
 */
interface Evaluator {
  /** Indices (into the full parameter vector) of the parameters below this node. */
  readonly index: Int32Array;
  /** Z at the last evaluation. */
  zr: number;
  zi: number;
  /** ∂Z/∂p for `index`, at the last evaluation with derivatives. */
  readonly dr: Float64Array;
  readonly di: Float64Array;
  evaluate(omega: number, p: ArrayLike<number>, derivatives: boolean): void;
}

function compile(node: CircuitNode): Evaluator {
  if (node.kind === 'element') return elementEvaluator(node);
  const children = node.children.map(compile);
  const index = Int32Array.from(children.flatMap((c) => Array.from(c.index)));
  const self: Evaluator = {
    index,
    zr: 0,
    zi: 0,
    dr: new Float64Array(index.length),
    di: new Float64Array(index.length),
    evaluate: node.kind === 'series' ? seriesEvaluate : parallelEvaluate,
  };
  function seriesEvaluate(omega: number, p: ArrayLike<number>, derivatives: boolean): void {
    let zr = 0;
    let zi = 0;
    let k = 0;
    for (const c of children) {
      c.evaluate(omega, p, derivatives);
      zr += c.zr;
      zi += c.zi;
      if (derivatives) {
        for (let t = 0; t < c.index.length; t++, k++) {
          self.dr[k] = c.dr[t];
          self.di[k] = c.di[t];
        }
      }
    }
    self.zr = zr;
    self.zi = zi;
  }
  // Z = 1/ΣY_i, and ∂Z/∂p = (Z/Z_i)²·∂Z_i/∂p for a parameter of branch i. Inverses and ratios by
  // Smith's algorithm (complex.ts): a branch that is open (C = 0 on its bound: Z_i = −j∞) then
  // adds Y_i = 0 instead of NaN, as a parallel connection with an open branch should.
  function parallelEvaluate(omega: number, p: ArrayLike<number>, derivatives: boolean): void {
    let yr = 0;
    let yi = 0;
    for (const c of children) {
      c.evaluate(omega, p, derivatives);
      smithDivide(1, 0, c.zr, c.zi);
      yr += quotient.re;
      yi += quotient.im;
    }
    smithDivide(1, 0, yr, yi);
    const zr = quotient.re;
    const zi = quotient.im;
    self.zr = zr;
    self.zi = zi;
    if (!derivatives) return;
    let k = 0;
    for (const c of children) {
      // ratio = Z/Z_i, factor = ratio²
      smithDivide(zr, zi, c.zr, c.zi);
      const rr = quotient.re;
      const ri = quotient.im;
      const fr = rr * rr - ri * ri;
      const fi = 2 * rr * ri;
      for (let t = 0; t < c.index.length; t++, k++) {
        const a = c.dr[t];
        const b = c.di[t];
        self.dr[k] = fr * a - fi * b;
        self.di[k] = fr * b + fi * a;
      }
    }
  }
  return self;
}

/** The last smithDivide result (one shared scratch: evaluation is single-threaded and not re-entrant within a node). */
const quotient = { re: 0, im: 0 };

/** (ar + j·ai)/(br + j·bi) into `quotient`, by Smith's algorithm as complex.ts's div (no overflow of |b|², ∞ handled). */
function smithDivide(ar: number, ai: number, br: number, bi: number): void {
  if (Math.abs(br) >= Math.abs(bi)) {
    const r = bi / br;
    const d = br + bi * r;
    quotient.re = (ar + ai * r) / d;
    quotient.im = (ai - ar * r) / d;
  } else {
    const r = br / bi;
    const d = br * r + bi;
    quotient.re = (ar * r + ai) / d;
    quotient.im = (ai * r - ar) / d;
  }
}

function elementEvaluator(e: ElementNode): Evaluator {
  const count = ELEMENT_PARAMETERS[e.type].length;
  const self: Evaluator = {
    index: Int32Array.from({ length: count }, (_, k) => e.offset + k),
    zr: 0,
    zi: 0,
    dr: new Float64Array(count),
    di: new Float64Array(count),
    evaluate(omega, p, derivatives) {
      const a = p[e.offset];
      switch (e.type) {
        case 'R':
          self.zr = a;
          self.zi = 0;
          self.dr[0] = 1;
          self.di[0] = 0;
          return;
        case 'C':
          self.zr = 0;
          self.zi = -1 / (omega * a);
          self.dr[0] = 0;
          self.di[0] = 1 / (omega * a * a);
          return;
        case 'L':
          self.zr = 0;
          self.zi = omega * a;
          self.dr[0] = 0;
          self.di[0] = omega;
          return;
        case 'CPE': {
          // Z = ω^(−n)·e^(−jnπ/2)/Q;  ∂Z/∂Q = −Z/Q;  ∂Z/∂n = −Z·ln(jω) = −Z·(ln ω + jπ/2)
          const n = p[e.offset + 1];
          const m = Math.pow(omega, -n) / a;
          const phase = (Math.PI / 2) * n;
          const zr = m * Math.cos(phase);
          const zi = -m * Math.sin(phase);
          self.zr = zr;
          self.zi = zi;
          if (derivatives) {
            self.dr[0] = -zr / a;
            self.di[0] = -zi / a;
            const lr = Math.log(omega);
            const li = Math.PI / 2;
            self.dr[1] = -(zr * lr - zi * li);
            self.di[1] = -(zr * li + zi * lr);
          }
          return;
        }
        case 'W': {
          const f = 1 / Math.sqrt(omega);
          self.zr = a * f;
          self.zi = -a * f;
          self.dr[0] = f;
          self.di[0] = -f;
          return;
        }
        case 'Wo':
        case 'Ws': {
          const tau = p[e.offset + 1];
          const s = sqrt(complex(0, omega * tau));
          const t = tanh(s);
          let z: Complex;
          let dz: Complex[] = [];
          if (e.type === 'Wo') {
            // Z = R coth(s)/s;  ∂Z/∂τ = −R/(2τ)·(csch²s + coth(s)/s),  csch² = coth² − 1
            const coth = inv(t);
            const g = div(coth, s);
            z = scale(g, a);
            if (derivatives) dz = [g, scale(add(sub(mul(coth, coth), complex(1)), g), -a / (2 * tau))];
          } else {
            // Z = R tanh(s)/s;  ∂Z/∂τ = R/(2τ)·(sech²s − tanh(s)/s),  sech² = 1 − tanh²
            const g = div(t, s);
            z = scale(g, a);
            if (derivatives) dz = [g, scale(sub(sub(complex(1), mul(t, t)), g), a / (2 * tau))];
          }
          self.zr = z.re;
          self.zi = z.im;
          for (let k = 0; k < dz.length; k++) {
            self.dr[k] = dz[k].re;
            self.di[k] = dz[k].im;
          }
          return;
        }
      }
    },
  };
  return self;
}

/** One compiled evaluator per parsed circuit (a circuit object is immutable once parsed). */
const evaluators = new WeakMap<Circuit, Evaluator>();

function evaluatorOf(circuit: Circuit): Evaluator {
  let e = evaluators.get(circuit);
  if (!e) {
    e = compile(circuit.root);
    evaluators.set(circuit, e);
  }
  return e;
}

/** Z(2πf) of the circuit at each frequency; `p` in the order of circuit.parameterNames. */
export function circuitImpedance(
  circuit: Circuit,
  frequency_Hz: ArrayLike<number>,
  p: ArrayLike<number> | Record<string, number>,
): { zReal_ohm: Float64Array; zImag_ohm: Float64Array } {
  const vector = parameterVector(circuit, p);
  const n = frequency_Hz.length;
  const zReal_ohm = new Float64Array(n);
  const zImag_ohm = new Float64Array(n);
  const root = evaluatorOf(circuit);
  for (let i = 0; i < n; i++) {
    root.evaluate(2 * Math.PI * frequency_Hz[i], vector, false);
    zReal_ohm[i] = root.zr;
    zImag_ohm[i] = root.zi;
  }
  return { zReal_ohm, zImag_ohm };
}

/**
 * Z at each frequency and ∂Z/∂p_j (column-major: dRe[j*n + i], dIm[j*n + i]); columns of
 * parameters are written in full (zero where an element does not depend on them).
 */
export function circuitImpedanceWithDerivatives(
  circuit: Circuit,
  frequency_Hz: ArrayLike<number>,
  p: ArrayLike<number>,
  out: { zRe: Float64Array; zIm: Float64Array; dRe: Float64Array; dIm: Float64Array },
): void {
  const n = frequency_Hz.length;
  out.dRe.fill(0);
  out.dIm.fill(0);
  const root = evaluatorOf(circuit);
  const index = root.index;
  for (let i = 0; i < n; i++) {
    root.evaluate(2 * Math.PI * frequency_Hz[i], p, true);
    out.zRe[i] = root.zr;
    out.zIm[i] = root.zi;
    for (let k = 0; k < index.length; k++) {
      out.dRe[index[k] * n + i] = root.dr[k];
      out.dIm[index[k] * n + i] = root.di[k];
    }
  }
}

function parameterVector(circuit: Circuit, p: ArrayLike<number> | Record<string, number>): ArrayLike<number> {
  if (isArrayLike(p)) {
    if (p.length !== circuit.parameterNames.length) {
      throw new InputError(`circuit ${circuit.text} has ${circuit.parameterNames.length} parameters but ${p.length} values were given`, {
        field: 'params',
        expected: circuit.parameterNames.join(', '),
      });
    }
    return p;
  }
  return circuit.parameterNames.map((name) => {
    const v = p[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(`no finite value for parameter '${name}' of circuit ${circuit.text}`, {
        field: `params.${name}`,
        expected: 'a finite number',
        found: String(v),
      });
    }
    return v;
  });
}

function isArrayLike(p: ArrayLike<number> | Record<string, number>): p is ArrayLike<number> {
  return typeof (p as ArrayLike<number>).length === 'number';
}
