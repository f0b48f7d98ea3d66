/**
 * Least-squares test problems of Moré, Garbow & Hillstrom, "Testing unconstrained optimization
 * software", ACM Trans. Math. Softw. 7, 17–41 (1981) (MGH), numbered as in the paper, with the
 * standard start x0 and the minima the paper lists (f = Σ rᵢ²). The residuals are written from the
 * paper's formulas; the data tables (Bard, Kowalik–Osborne, Meyer, Osborne 1 and 2) are the
 * paper's, as MINPACK's test driver ssqfcn carries them.
 *
 * The MINPACK protocol (Moré, Garbow & Hillstrom, MINPACK-1 user guide, ANL-80-74 (1980), §4) starts
 * every problem from x0, 10·x0 and 100·x0. Plain JavaScript (CommonJS) so that the jest tests and
 * the benchmark (bench/run.mjs, next to scipy) use the same definitions; bench/scipy_mgh.py has a
 * Python twin whose residuals the benchmark checks against these at every start.
 *
 * @typedef {{ f: number, where: string }} Minimum
 * @typedef {{
 *   number: number, name: string, m: number, x0: number[],
 *   minima: Minimum[], residuals: (x: ArrayLike<number>, r: Float64Array) => void
 * }} MghProblem
 */

const TWO_PI = 2 * Math.PI;

/** Bard (MGH 8): yᵢ, i = 1…15. */
const BARD_Y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.1, 4.39];
/** Kowalik–Osborne (MGH 15): yᵢ and uᵢ, i = 1…11. */
const KOWALIK_Y = [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
const KOWALIK_U = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];
/** Meyer (MGH 10): yᵢ, i = 1…16. */
const MEYER_Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];
/** Osborne 1 (MGH 17): yᵢ, i = 1…33. */
const OSBORNE1_Y = [
  0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.85, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.58, 0.558, 0.538, 0.522,
  0.506, 0.49, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.42, 0.414, 0.411, 0.406,
];
/** Osborne 2 (MGH 19): yᵢ, i = 1…65. */
const OSBORNE2_Y = [
  1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606, 0.602, 0.626, 0.651,
  0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.5, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428,
  0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.71, 0.729, 0.72, 0.636,
  0.581, 0.428, 0.292, 0.162, 0.098, 0.054,
];
/** Gaussian (MGH 9): yᵢ, i = 1…15 (symmetric about i = 8). */
const GAUSSIAN_Y = [0.0009, 0.0044, 0.0175, 0.054, 0.1295, 0.242, 0.3521, 0.3989, 0.3521, 0.242, 0.1295, 0.054, 0.0175, 0.0044, 0.0009];

/** @type {MghProblem[]} */
const MGH_PROBLEMS = [
  {
    number: 1,
    name: 'Rosenbrock',
    m: 2,
    x0: [-1.2, 1],
    minima: [{ f: 0, where: '(1, 1)' }],
    residuals(x, r) {
      r[0] = 10 * (x[1] - x[0] * x[0]);
      r[1] = 1 - x[0];
    },
  },
  {
    number: 2,
    name: 'Freudenstein–Roth',
    m: 2,
    x0: [0.5, -2],
    minima: [
      { f: 0, where: '(5, 4)' },
      { f: 48.9842, where: 'local minimum near (11.41, −0.8968)' },
    ],
    residuals(x, r) {
      r[0] = -13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1];
      r[1] = -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1];
    },
  },
  {
    number: 3,
    name: 'Powell badly scaled',
    m: 2,
    x0: [0, 1],
    minima: [{ f: 0, where: '(1.098e-5, 9.106)' }],
    residuals(x, r) {
      r[0] = 1e4 * x[0] * x[1] - 1;
      r[1] = Math.exp(-x[0]) + Math.exp(-x[1]) - 1.0001;
    },
  },
  {
    number: 4,
    name: 'Brown badly scaled',
    m: 3,
    x0: [1, 1],
    minima: [{ f: 0, where: '(1e6, 2e-6)' }],
    residuals(x, r) {
      r[0] = x[0] - 1e6;
      r[1] = x[1] - 2e-6;
      r[2] = x[0] * x[1] - 2;
    },
  },
  {
    number: 5,
    name: 'Beale',
    m: 3,
    x0: [1, 1],
    minima: [{ f: 0, where: '(3, 0.5)' }],
    residuals(x, r) {
      const y = [1.5, 2.25, 2.625];
      for (let i = 0; i < 3; i++) r[i] = y[i] - x[0] * (1 - Math.pow(x[1], i + 1));
    },
  },
  {
    number: 6,
    name: 'Jennrich–Sampson',
    m: 10,
    x0: [0.3, 0.4],
    minima: [{ f: 124.362, where: 'x1 = x2 = 0.2578' }],
    residuals(x, r) {
      for (let i = 1; i <= 10; i++) r[i - 1] = 2 + 2 * i - (Math.exp(i * x[0]) + Math.exp(i * x[1]));
    },
  },
  {
    number: 7,
    name: 'Helical valley',
    m: 3,
    x0: [-1, 0, 0],
    minima: [{ f: 0, where: '(1, 0, 0)' }],
    residuals(x, r) {
      // θ = arctan(x2/x1)/2π, + 1/2 for x1 < 0 (MGH's definition; ±1/4 on the x2 axis)
      let theta = x[1] < 0 ? -0.25 : 0.25;
      if (x[0] > 0) theta = Math.atan(x[1] / x[0]) / TWO_PI;
      else if (x[0] < 0) theta = Math.atan(x[1] / x[0]) / TWO_PI + 0.5;
      r[0] = 10 * (x[2] - 10 * theta);
      r[1] = 10 * (Math.hypot(x[0], x[1]) - 1);
      r[2] = x[2];
    },
  },
  {
    number: 8,
    name: 'Bard',
    m: 15,
    x0: [1, 1, 1],
    minima: [
      { f: 8.21487e-3, where: '(0.0824, 1.133, 2.344)' },
      { f: 17.4286, where: 'at infinity: (0.8406, −∞, −∞)' },
    ],
    residuals(x, r) {
      for (let i = 1; i <= 15; i++) {
        const u = i;
        const v = 16 - i;
        const w = Math.min(u, v);
        r[i - 1] = BARD_Y[i - 1] - (x[0] + u / (v * x[1] + w * x[2]));
      }
    },
  },
  {
    number: 9,
    name: 'Gaussian',
    m: 15,
    x0: [0.4, 1, 0],
    minima: [{ f: 1.12793e-8, where: '(0.3989, 1.000, 0)' }],
    residuals(x, r) {
      for (let i = 1; i <= 15; i++) {
        const t = (8 - i) / 2;
        r[i - 1] = x[0] * Math.exp((-x[1] * (t - x[2]) * (t - x[2])) / 2) - GAUSSIAN_Y[i - 1];
      }
    },
  },
  {
    number: 10,
    name: 'Meyer',
    m: 16,
    x0: [0.02, 4000, 250],
    minima: [{ f: 87.9458, where: '(0.005610, 6181, 345.2)' }],
    residuals(x, r) {
      for (let i = 1; i <= 16; i++) r[i - 1] = x[0] * Math.exp(x[1] / (45 + 5 * i + x[2])) - MEYER_Y[i - 1];
    },
  },
  {
    number: 12,
    name: 'Box 3-D',
    m: 10,
    x0: [0, 10, 20],
    minima: [{ f: 0, where: '(1, 10, 1), (10, 1, −1) and every (a, a, 0)' }],
    residuals(x, r) {
      for (let i = 1; i <= 10; i++) {
        const t = 0.1 * i;
        r[i - 1] = Math.exp(-t * x[0]) - Math.exp(-t * x[1]) - x[2] * (Math.exp(-t) - Math.exp(-10 * t));
      }
    },
  },
  {
    number: 13,
    name: 'Powell singular',
    m: 4,
    x0: [3, -1, 0, 1],
    minima: [{ f: 0, where: 'the origin (singular Jacobian there)' }],
    residuals(x, r) {
      r[0] = x[0] + 10 * x[1];
      r[1] = Math.sqrt(5) * (x[2] - x[3]);
      r[2] = (x[1] - 2 * x[2]) ** 2;
      r[3] = Math.sqrt(10) * (x[0] - x[3]) ** 2;
    },
  },
  {
    number: 14,
    name: 'Wood',
    m: 6,
    x0: [-3, -1, -3, -1],
    minima: [{ f: 0, where: '(1, 1, 1, 1)' }],
    residuals(x, r) {
      r[0] = 10 * (x[1] - x[0] * x[0]);
      r[1] = 1 - x[0];
      r[2] = Math.sqrt(90) * (x[3] - x[2] * x[2]);
      r[3] = 1 - x[2];
      r[4] = Math.sqrt(10) * (x[1] + x[3] - 2);
      r[5] = (x[1] - x[3]) / Math.sqrt(10);
    },
  },
  {
    number: 15,
    name: 'Kowalik–Osborne',
    m: 11,
    x0: [0.25, 0.39, 0.415, 0.39],
    minima: [
      { f: 3.07505e-4, where: '(0.1928, 0.1913, 0.1231, 0.1361)' },
      { f: 1.02734e-3, where: 'at infinity: (+∞, −14.07, −∞, −∞)' },
    ],
    residuals(x, r) {
      for (let i = 0; i < 11; i++) {
        const u = KOWALIK_U[i];
        r[i] = KOWALIK_Y[i] - (x[0] * (u * u + u * x[1])) / (u * u + u * x[2] + x[3]);
      }
    },
  },
  {
    number: 16,
    name: 'Brown–Dennis',
    m: 20,
    x0: [25, 5, -5, -1],
    minima: [{ f: 85822.2, where: '(−11.59, 13.20, −0.4034, 0.2368)' }],
    residuals(x, r) {
      for (let i = 1; i <= 20; i++) {
        const t = i / 5;
        const a = x[0] + t * x[1] - Math.exp(t);
        const b = x[2] + x[3] * Math.sin(t) - Math.cos(t);
        r[i - 1] = a * a + b * b;
      }
    },
  },
  {
    number: 17,
    name: 'Osborne 1',
    m: 33,
    x0: [0.5, 1.5, -1, 0.01, 0.02],
    minima: [{ f: 5.46489e-5, where: '(0.3754, 1.936, −1.465, 0.01287, 0.02212)' }],
    residuals(x, r) {
      for (let i = 1; i <= 33; i++) {
        const t = 10 * (i - 1);
        r[i - 1] = OSBORNE1_Y[i - 1] - (x[0] + x[1] * Math.exp(-t * x[3]) + x[2] * Math.exp(-t * x[4]));
      }
    },
  },
  {
    number: 18,
    name: 'Biggs EXP6',
    m: 13,
    x0: [1, 2, 1, 1, 1, 1],
    minima: [
      { f: 0, where: '(1, 10, 1, 5, 4, 3)' },
      { f: 5.65565e-3, where: 'local minimum' },
    ],
    residuals(x, r) {
      for (let i = 1; i <= 13; i++) {
        const t = 0.1 * i;
        const y = Math.exp(-t) - 5 * Math.exp(-10 * t) + 3 * Math.exp(-4 * t);
        r[i - 1] = x[2] * Math.exp(-t * x[0]) - x[3] * Math.exp(-t * x[1]) + x[5] * Math.exp(-t * x[4]) - y;
      }
    },
  },
  {
    number: 19,
    name: 'Osborne 2',
    m: 65,
    x0: [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5],
    minima: [{ f: 4.01377e-2, where: '(1.310, 0.4316, 0.6337, 0.5994, 0.7542, 0.9043, 1.366, 4.824, 2.399, 4.569, 5.675)' }],
    residuals(x, r) {
      for (let i = 1; i <= 65; i++) {
        const t = (i - 1) / 10;
        r[i - 1] =
          OSBORNE2_Y[i - 1] -
          (x[0] * Math.exp(-t * x[4]) +
            x[1] * Math.exp(-x[5] * (t - x[8]) ** 2) +
            x[2] * Math.exp(-x[6] * (t - x[9]) ** 2) +
            x[3] * Math.exp(-x[7] * (t - x[10]) ** 2));
      }
    },
  },
];

/** The MINPACK starts: x0, 10·x0, 100·x0. */
const MGH_START_FACTORS = [1, 10, 100];

/** f = Σ rᵢ² at x. */
function mghSumOfSquares(problem, x) {
  const r = new Float64Array(problem.m);
  problem.residuals(x, r);
  let f = 0;
  for (let i = 0; i < problem.m; i++) f += r[i] * r[i];
  return f;
}

module.exports = { MGH_PROBLEMS, MGH_START_FACTORS, mghSumOfSquares };
