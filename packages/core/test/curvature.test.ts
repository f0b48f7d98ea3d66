/**
 * The straightness test of an Arrhenius window (arrhenius/curvature.ts): a quadratic term in
 * 1000/T against the straight line, χ²(1) with σ, F(1, n − 3) without. On straight data it
 * rejects at its nominal rate; on a bent one it finds the bend and its sign.
 */
import { gaussian, mulberry32 } from '../src';
import { testCurvature } from '../src/arrhenius/curvature';

const x = Array.from({ length: 8 }, (_, i) => 2.5 + 0.25 * i);

describe('testCurvature', () => {
  test('straight lines with noise: rejected at p < 0.05 in 5 % of 2000 data sets (within ±1.5 %), with and without σ', () => {
    const random = mulberry32(5);
    let withSigma = 0;
    let without = 0;
    const trials = 2000;
    for (let k = 0; k < trials; k++) {
      const y = x.map((v) => 3 - 1.2 * v + 0.02 * gaussian(random));
      if (
        (
          testCurvature(
            x,
            y,
            x.map(() => 0.02),
          ) as { pValue: number }
        ).pValue < 0.05
      )
        withSigma++;
      if ((testCurvature(x, y) as { pValue: number }).pValue < 0.05) without++;
    }
    expect(Math.abs(withSigma / trials - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(without / trials - 0.05)).toBeLessThan(0.015);
  });

  test('a bend of 0.08 decade at the ends of the window, in 0.01-decade noise: found (p < 0.001), concave (c < 0) or convex (c > 0)', () => {
    const random = mulberry32(6);
    const bend = (c: number) => x.map((v) => 3 - 1.2 * v + c * (v - 3.375) ** 2 + 0.01 * gaussian(random));
    const concave = testCurvature(
      x,
      bend(-0.1),
      x.map(() => 0.01),
    )!;
    const convex = testCurvature(
      x,
      bend(0.1),
      x.map(() => 0.01),
    )!;
    expect(concave.pValue).toBeLessThan(1e-3);
    expect(convex.pValue).toBeLessThan(1e-3);
    expect(concave.curvature).toBeCloseTo(-0.1, 1);
    expect(convex.curvature).toBeCloseTo(0.1, 1);
  });

  test('too few points to judge: null (3 with σ, 4 without, where F(1, 1) would have next to no power)', () => {
    expect(testCurvature([1, 2, 3], [1, 2, 4], [0.1, 0.1, 0.1])).toBeNull();
    expect(testCurvature([1, 2, 3, 4], [1, 2, 4, 8])).toBeNull();
    expect(testCurvature([1, 2, 3, 4], [1, 2, 4, 8], [0.1, 0.1, 0.1, 0.1])).not.toBeNull();
  });
});
