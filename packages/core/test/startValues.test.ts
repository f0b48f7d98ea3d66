import { kohlrauschLinearization, relaxationGrid, timeConstantGrid } from '../src/relaxation/startValues';
import { resolveModelChoice } from '../src/relaxation/fitTransient';
import { logSpaced } from '../../../test/support/random';

describe('automatic start values', () => {
  const t = Float64Array.from(logSpaced(1e-4, 10, 16));

  it('the Kohlrausch line returns T and γ exactly for a noise-free stretched exponential', () => {
    const E = t.map((ti) => Math.exp(-Math.pow(ti / 0.02, 0.6)));
    const line = kohlrauschLinearization(t, E, undefined);
    expect(line).toBeDefined();
    expect(line!.gamma).toBeCloseTo(0.6, 12);
    expect(line!.T).toBeCloseTo(0.02, 12);
  });

  it('the Kohlrausch line declines when fewer than three points lie between 5 % and 95 % recovery', () => {
    const E = t.map((ti) => Math.exp(-Math.pow(ti / 0.02, 8)));
    expect(kohlrauschLinearization(t, E, undefined)).toBeUndefined();
  });

  it('a cached grid of relaxation functions is recomputed when a reused delay buffer changes', () => {
    const buffer = Float64Array.from(t);
    const first = relaxationGrid(buffer, 1, 9);
    expect(relaxationGrid(buffer, 1, 9)).toBe(first);
    buffer[3] *= 2;
    const second = relaxationGrid(buffer, 1, 9);
    expect(second).not.toBe(first);
    const grid = timeConstantGrid(buffer, 9);
    expect(second.E[4 * 16 + 3]).toBeCloseTo(Math.exp(-buffer[3] / grid[4]), 15);
    expect(relaxationGrid(buffer, 0.5, 9).E[4 * 16 + 3]).toBeCloseTo(Math.exp(-Math.sqrt(buffer[3] / grid[4])), 15);
  });

  it('a free stretch exponent starts near the truth, so LM has little walking to do', () => {
    const { entry, fixed } = resolveModelChoice('saturation-recovery', { vary: ['gamma'] }, 'test');
    for (const [T1, gamma] of [
      [0.003, 0.5],
      [0.05, 0.7],
      [0.4, 0.95],
    ]) {
      const y = t.map((ti) => 2 * (1 - Math.exp(-Math.pow(ti / T1, gamma))));
      const start = entry.startParams(t, y, undefined, fixed);
      // M∞ comes from the γ = 1 grid search, so the line is close, not exact
      expect(Math.abs(start.gamma.value - gamma)).toBeLessThan(0.03);
      expect(Math.abs(start.T1.value / T1 - 1)).toBeLessThan(0.1);
      expect(Math.abs(start.M_inf.value / 2 - 1)).toBeLessThan(0.05);
    }
  });
});
