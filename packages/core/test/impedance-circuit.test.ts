/**
 * The circuit language: parsing (with error positions), element impedances against their closed
 * forms and limits, series/parallel composition, and the analytic derivatives the fit relies on.
 */
import { ExpressionError, InputError, circuitImpedance, parseCircuit } from '@relaxlab/core';
import { circuitImpedanceWithDerivatives } from '../src/impedance/circuit';

const FREQS = [0.001, 1, 1000];

/** Z at each frequency as [re, im] pairs. */
function z(circuit: string, params: Record<string, number>, f: number[] = FREQS): [number, number][] {
  const r = circuitImpedance(parseCircuit(circuit), f, params);
  return f.map((_, i) => [r.zReal_ohm[i], r.zImag_ohm[i]]);
}

function expectClose(actual: [number, number], expected: [number, number], rel = 1e-12): void {
  const scale = Math.hypot(...expected);
  expect(Math.abs(actual[0] - expected[0])).toBeLessThanOrEqual(rel * scale);
  expect(Math.abs(actual[1] - expected[1])).toBeLessThanOrEqual(rel * scale);
}

function parseError(text: string): ExpressionError {
  try {
    parseCircuit(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return e as ExpressionError;
  }
  throw new Error(`"${text}" parsed without error`);
}

describe('parseCircuit', () => {
  test('reads the impedance.py notation: parameters in element order, named by physics', () => {
    const c = parseCircuit('R0-p(R1,CPE1)-Wo1-p(R2-W2, C2)-L0-Ws3');
    expect(c.parameterNames).toEqual(['R0', 'R1', 'CPE1_Q', 'CPE1_n', 'Wo1_R', 'Wo1_tau', 'R2', 'W2', 'C2', 'L0', 'Ws3_R', 'Ws3_tau']);
    expect(c.elements.map((e) => e.type)).toEqual(['R', 'R', 'CPE', 'Wo', 'R', 'W', 'C', 'L', 'Ws']);
    expect(c.units).toMatchObject({ R0: 'Ohm', C2: 'F', L0: 'H', CPE1_n: '', Wo1_tau: 's' });
    expect(c.root.kind).toBe('series');
  });

  test('labels may be words; the longest element type wins (Ws1 is a short Warburg, CPEgb a CPE)', () => {
    const c = parseCircuit('Rbulk-p(Rgb,CPEgb)-Ws1');
    expect(c.elements.map((e) => [e.name, e.type])).toEqual([
      ['Rbulk', 'R'],
      ['Rgb', 'R'],
      ['CPEgb', 'CPE'],
      ['Ws1', 'Ws'],
    ]);
  });

  test.each([
    ['R0-p(R1,,C1)', 8, "unexpected ','"],
    ['R0-X1', 3, "unknown element 'X1'"],
    ['R0-p(R1,C1', 10, 'unclosed parallel block'],
    ['R0-p(R1)', 3, 'at least two branches'],
    ['R0-R0', 3, "'R0' appears twice"],
    ['R0-', 3, 'circuit ends where an element was expected'],
    ['R0)C1', 2, "unexpected ')'"],
    ['R0-p R1', 5, "'p' must open a parallel block"],
    ['', 0, 'empty circuit'],
  ])('"%s" fails at position %i (%s)', (text, position, reason) => {
    const e = parseError(text);
    expect(e.position).toBe(position);
    expect(e.field).toBe('circuit');
    expect(e.message).toContain(reason);
    expect(e.message).toContain(`at position ${position}`);
  });
});

describe('element impedances against closed forms (ω = 2πf; parameters as in impedance.py tests)', () => {
  const omega = FREQS.map((f) => 2 * Math.PI * f);

  test('R, C, L', () => {
    z('R1', { R1: 0.1 }).forEach((v) => expectClose(v, [0.1, 0]));
    z('C1', { C1: 0.1 }).forEach((v, i) => expectClose(v, [0, -1 / (omega[i] * 0.1)]));
    z('L1', { L1: 0.1 }).forEach((v, i) => expectClose(v, [0, omega[i] * 0.1]));
  });

  test("CPE, Q = 0.1, n = 0.2 at 0.001/1/1000 Hz: |Z| = 1/(Q ω^n) at phase −nπ/2, and impedance.py's tabulated values", () => {
    const values = z('CPE1', { CPE1_Q: 0.1, CPE1_n: 0.2 });
    values.forEach((v, i) => {
      const m = 1 / (0.1 * Math.pow(omega[i], 0.2));
      expectClose(v, [m * Math.cos(0.1 * Math.PI), -m * Math.sin(0.1 * Math.PI)]);
    });
    // impedance.py tests/test_circuit_elements.py (MIT), computed independently with numpy
    const reference: [number, number][] = [
      [26.216236841407248, -8.51817171087997],
      [6.585220960717244, -2.139667994182814],
      [1.6541327179718126, -0.537460300252313],
    ];
    values.forEach((v, i) => expectClose(v, reference[i], 1e-12));
  });

  test('CPE with n = 1 is a capacitor C = Q, with n = 0 a resistor R = 1/Q', () => {
    const cpe1 = z('CPE1', { CPE1_Q: 3e-6, CPE1_n: 1 });
    const cap = z('C1', { C1: 3e-6 });
    cpe1.forEach((v, i) => expectClose(v, cap[i]));
    z('CPE1', { CPE1_Q: 0.25, CPE1_n: 0 }).forEach((v) => expectClose(v, [4, 0]));
  });

  test('semi-infinite Warburg σ_W(1 − j)/√ω: 45° line, |Z″| = σ_W/√ω, equal to A_W/√(jω) with A_W = √2 σ_W', () => {
    const sigmaW = 0.1;
    const values = z('W1', { W1: sigmaW });
    values.forEach((v, i) => {
      expectClose(v, [sigmaW / Math.sqrt(omega[i]), -sigmaW / Math.sqrt(omega[i])]);
      // A_W/√(jω) = A_W ω^(−1/2) e^(−jπ/4)
      const aW = Math.SQRT2 * sigmaW;
      expectClose(v, [(aW / Math.sqrt(omega[i])) * Math.cos(Math.PI / 4), -(aW / Math.sqrt(omega[i])) * Math.sin(Math.PI / 4)]);
    });
  });

  test('finite Warburgs: Wo → R/3 + R/(jωτ) (capacitive) and Ws → R at low ω; both → R/√(jωτ) at high ω', () => {
    const R = 50;
    const tau = 2;
    const low = [1e-7];
    const high = [1e5];
    const wLow = 2 * Math.PI * low[0];
    const wHigh = 2 * Math.PI * high[0];
    // coth(s)/s = 1/s² + 1/3 − s²/45 ...: Z_Wo → R/(jωτ) + R/3 (a capacitance τ/R in series with R/3)
    const [wo] = z('Wo1', { Wo1_R: R, Wo1_tau: tau }, low);
    expectClose(wo, [R / 3, -R / (wLow * tau)], 1e-9);
    // tanh(s)/s = 1 − s²/3 ...: Z_Ws → R − jωτR/3
    const [ws] = z('Ws1', { Ws1_R: R, Ws1_tau: tau }, low);
    expectClose(ws, [R, (-wLow * tau * R) / 3], 1e-9);
    // s = √(jωτ) with |s| = 790: tanh, coth = 1 to double precision and no overflow
    const semiInfinite: [number, number] = [R / Math.sqrt(2 * wHigh * tau), -R / Math.sqrt(2 * wHigh * tau)];
    expectClose(z('Wo1', { Wo1_R: R, Wo1_tau: tau }, high)[0], semiInfinite, 1e-12);
    expectClose(z('Ws1', { Ws1_R: R, Ws1_tau: tau }, high)[0], semiInfinite, 1e-12);
    // and that limit is the semi-infinite W with σ_W = R/√(2τ)
    expectClose(z('W1', { W1: R / Math.sqrt(2 * tau) }, high)[0], semiInfinite, 1e-12);
  });

  test("finite Warburgs at Q = 0.1, τ = 0.2 agree with impedance.py's tabulated Wo/Ws values", () => {
    const wo: [number, number][] = [
      [0.033333332999112786, -79.57747433847442],
      [0.03300437046673635, -0.08232866785870396],
      [0.0019947114020071634, -0.0019947114020071634],
    ];
    const ws: [number, number][] = [
      [0.09999998, -4.18878913e-5],
      [0.08327519, -3.33838167e-2],
      [0.00199471, -1.9947114e-3],
    ];
    z('Wo1', { Wo1_R: 0.1, Wo1_tau: 0.2 }).forEach((v, i) => expectClose(v, wo[i], 1e-10));
    // the Ws reference is printed to 6-8 significant digits
    z('Ws1', { Ws1_R: 0.1, Ws1_tau: 0.2 }).forEach((v, i) => expectClose(v, ws[i], 1e-5));
  });
});

describe('composition', () => {
  test('series adds, parallel adds admittances: R0-p(R1,C1) = R0 + R1/(1 + jωR1C1)', () => {
    const [R0, R1, C1] = [29, 47, 1e-5];
    const f = [0.1, 10, 338.6, 1e4];
    z('R0-p(R1,C1)', { R0, R1, C1 }, f).forEach((v, i) => {
      const wt = 2 * Math.PI * f[i] * R1 * C1;
      expectClose(v, [R0 + R1 / (1 + wt * wt), (-R1 * wt) / (1 + wt * wt)]);
    });
  });

  test('nested: p(R1, p(R2,C2)-R3) equals the admittance sum written out', () => {
    const p = { R1: 10, R2: 20, C2: 1e-3, R3: 5 };
    const f = [0.5, 5, 50];
    z('p(R1,p(R2,C2)-R3)', p, f).forEach((v, i) => {
      const w = 2 * Math.PI * f[i];
      // Z_inner = R2/(1 + jωR2C2) + R3;  Z = 1/(1/R1 + 1/Z_inner)
      const d = 1 + (w * p.R2 * p.C2) ** 2;
      const inner = [p.R2 / d + p.R3, (-p.R2 * w * p.R2 * p.C2) / d];
      const m2 = inner[0] ** 2 + inner[1] ** 2;
      const y = [1 / p.R1 + inner[0] / m2, -inner[1] / m2];
      const ym2 = y[0] ** 2 + y[1] ** 2;
      expectClose(v, [y[0] / ym2, -y[1] / ym2]);
    });
  });

  test('parameters given as a record must all be finite numbers', () => {
    expect(() => circuitImpedance(parseCircuit('R0-C1'), [1], { R0: 1 })).toThrow(InputError);
  });
});

test('a parallel branch that is open (C = 0, on its bound) leaves the other branch: p(R1,C1) at C1 = 0 is R1, finite', () => {
  const z = circuitImpedance(parseCircuit('R0-p(R1,C1)'), [1, 1e3, 1e6], { R0: 5, R1: 400, C1: 0 });
  expect(Array.from(z.zReal_ohm)).toEqual([405, 405, 405]);
  expect(Array.from(z.zImag_ohm).map(Math.abs)).toEqual([0, 0, 0]);
});

describe('analytic derivatives ∂Z/∂p', () => {
  test.each([
    ['R0-p(R1,CPE1)-CPE2', { R0: 20, R1: 300, CPE1_Q: 2e-7, CPE1_n: 0.85, CPE2_Q: 1e-5, CPE2_n: 0.7 }],
    ['R0-p(R1-Wo1,C1)-L1', { R0: 5, R1: 40, Wo1_R: 80, Wo1_tau: 0.3, C1: 2e-5, L1: 1e-6 }],
    ['p(R1,C1)-Ws1-W1', { R1: 100, C1: 1e-6, Ws1_R: 60, Ws1_tau: 0.05, W1: 12 }],
  ])('%s matches Richardson-extrapolated central differences', (text, params) => {
    const c = parseCircuit(text);
    const f = [1e-2, 0.3, 7, 150, 4e3, 1e5];
    const n = f.length;
    const p = Float64Array.from(c.parameterNames.map((name) => (params as Record<string, number>)[name]));
    const np = p.length;
    const out = { zRe: new Float64Array(n), zIm: new Float64Array(n), dRe: new Float64Array(n * np), dIm: new Float64Array(n * np) };
    circuitImpedanceWithDerivatives(c, f, p, out);
    const central = (j: number, h: number) => {
      const up = Float64Array.from(p);
      const down = Float64Array.from(p);
      up[j] += h;
      down[j] -= h;
      const zu = circuitImpedance(c, f, up);
      const zd = circuitImpedance(c, f, down);
      return f.map((_, i) => [(zu.zReal_ohm[i] - zd.zReal_ohm[i]) / (2 * h), (zu.zImag_ohm[i] - zd.zImag_ohm[i]) / (2 * h)]);
    };
    for (let j = 0; j < np; j++) {
      // (4·D(h/2) − D(h))/3 cancels the h² error; rounding leaves ~ε|Z|/h = 2e-13·|Z|/p
      const h = 1e-3 * p[j];
      const coarse = central(j, h);
      const fine = central(j, h / 2);
      for (let i = 0; i < n; i++) {
        const fd = [0, 1].map((k) => (4 * fine[i][k] - coarse[i][k]) / 3);
        const tolerance = 1e-7 * Math.hypot(fd[0], fd[1]) + (1e-12 * Math.hypot(out.zRe[i], out.zIm[i])) / p[j];
        expect(Math.abs(out.dRe[j * n + i] - fd[0])).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(out.dIm[j * n + i] - fd[1])).toBeLessThanOrEqual(tolerance);
      }
    }
  });
});
