/**
 * Lin-KK's least-squares solve (impedance/linKK.ts `solve`): back substitution on the QR factor R
 * where R is well conditioned, the pseudo-inverse through an SVD of R where it is not. The two
 * must give the same x wherever the fast path is taken, and the fast path must refuse R that are
 * singular or close to it.
 */
import { linKK, mulberry32, gaussian, simulateImpedanceSpectrum } from '@relaxlab/core';
import { householderQR } from '../src/fit/linalg';
import { pseudoInverseSolve, triangularSolve } from '../src/impedance/linKK';

/** QR of a random m × n column-major matrix whose columns are made nearly dependent by `mix`. */
function factor(m: number, n: number, mix: number, seed: number) {
  const random = mulberry32(seed);
  const a = new Float64Array(m * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < m; i++) a[j * m + i] = j > 0 ? (1 - mix) * gaussian(random) + mix * a[(j - 1) * m + i] : gaussian(random);
  const b = Float64Array.from({ length: m }, () => gaussian(random));
  householderQR(a, m, n, b);
  return { a, b };
}

/** Back substitution is taken and agrees with the pseudo-inverse to `tolerance` of max |x|. */
function expectBothPathsAgree(a: Float64Array, m: number, n: number, b: Float64Array, tolerance: number): void {
  const fast = triangularSolve(a, m, n, b);
  expect(fast).not.toBeNull();
  const svd = pseudoInverseSolve(a, m, n, b);
  const scale = Math.max(...svd.map(Math.abs));
  for (let j = 0; j < n; j++) expect(Math.abs(fast![j] - svd[j])).toBeLessThan(tolerance * scale);
}

describe('Lin-KK solve: back substitution and pseudo-inverse', () => {
  test.each([1, 2, 3])('well-conditioned R (seed %i): both paths give the same x to 1e-12', (seed) => {
    const { a, b } = factor(160, 40, 0.5, seed);
    expectBothPathsAgree(a, 160, 40, b, 1e-12);
  });

  test('a singular R (two equal columns) is left to the pseudo-inverse, which gives finite values', () => {
    const { a, b } = factor(50, 6, 0.3, 4);
    // make column 5 of R equal to column 4 (R stays upper triangular, its last pivot is 0)
    for (let i = 0; i < 6; i++) a[5 * 50 + i] = i <= 4 ? a[4 * 50 + i] : 0;
    expect(triangularSolve(a, 50, 6, b)).toBeNull();
    const x = pseudoInverseSolve(a, 50, 6, b);
    expect(x.every(Number.isFinite)).toBe(true);
    // the minimum-norm solution splits the weight of the repeated column evenly
    expect(x[4]).toBeCloseTo(x[5], 10);
  });

  test('an ill-conditioned R (κ₁ beyond the bound) is refused by the fast path', () => {
    // R with pivots 1 … 10^-14.5: κ₁ > 1e14, beyond 0.01/(n·m·ε) ≈ 1.9e10 for n = 30, m = 80
    const random = mulberry32(5);
    const a = new Float64Array(80 * 30);
    for (let j = 0; j < 30; j++) for (let i = 0; i <= j; i++) a[j * 80 + i] = i === j ? 10 ** (-j / 2) : 0.1 * gaussian(random);
    const b = Float64Array.from({ length: 80 }, () => gaussian(random));
    expect(triangularSolve(a, 80, 30, b)).toBeNull();
    // a milder one (pivots down to 1e-4, off-diagonals 1e-3: κ₁ ≈ 1.8e8) is solved directly and
    // agrees with the pseudo-inverse to κ·ε
    for (let j = 0; j < 30; j++) for (let i = 0; i <= j; i++) a[j * 80 + i] = i === j ? 10 ** ((-4 * j) / 29) : 1e-3 * gaussian(random);
    expectBothPathsAgree(a, 80, 30, b, 1e-6);
  });

  test('Lin-KK with more RC elements than the frequencies can separate stays finite (pseudo-inverse path)', () => {
    // 30 frequencies over half a decade, 40 elements: τ far closer than the data resolve
    const f = Array.from({ length: 30 }, (_, i) => 1e3 * 10 ** (0.5 * (i / 29)));
    const z = simulateImpedanceSpectrum('R0-p(R1,C1)', { R0: 10, R1: 100, C1: 1e-6 }, f, { relativeNoise: 1e-3, seed: 3 });
    const r = linKK(z, { elements: 40 });
    expect(r.elements).toBe(40);
    expect(Number.isFinite(r.rmsResidual)).toBe(true);
    expect(r.rmsResidual).toBeLessThan(3e-3);
  });
});
