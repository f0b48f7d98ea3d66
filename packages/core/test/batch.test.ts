import { fitTransient, fitTransientBatch, InputError } from '../src';
import { gaussian, logSpaced, mulberry32 } from '../../../test/support/random';

const delay_s = logSpaced(1e-4, 10, 16);
const rand = mulberry32(99);
const signals = Array.from({ length: 40 }, (_, k) => {
  const T1 = 0.003 * Math.pow(100, k / 39);
  return delay_s.map((t) => 1.2 * (1 - Math.exp(-Math.pow(t / T1, 0.7))) + 0.01 * gaussian(rand));
});

test('the batch fast path gives the same values and standard errors as fitTransient, fit by fit', () => {
  const batch = fitTransientBatch({ delay_s, signals }, { model: 'saturation-recovery', vary: ['gamma'] });
  expect(batch.parameterNames).toEqual(['M_inf', 'T1', 'a', 'gamma']);
  expect(batch.varyNames).toEqual(['M_inf', 'T1', 'gamma']);
  signals.forEach((signal, k) => {
    const single = fitTransient({ delay_s, signal }, { model: 'saturation-recovery', vary: ['gamma'] });
    batch.parameterNames.forEach((name, j) => {
      expect(batch.values[k * 4 + j]).toBeCloseTo(single.params[name].value, 10);
      const se = single.params[name].stderr;
      if (se === null) expect(batch.stderr[k * 4 + j]).toBeNaN();
      else expect(batch.stderr[k * 4 + j] / se).toBeCloseTo(1, 8);
    });
    expect(batch.chiSquare[k]).toBeCloseTo(single.stats.chiSquare, 14);
    expect(batch.converged[k]).toBe(1);
  });
});

test('batch input errors name the transient and the point', () => {
  const bad = signals.map((s) => [...s]);
  bad[7][3] = NaN;
  expect(() => fitTransientBatch({ delay_s, signals: bad })).toThrow(InputError);
  expect(() => fitTransientBatch({ delay_s, signals: bad })).toThrow(/signals\[7\]\[3\]/);
  expect(() => fitTransientBatch({ delay_s, signals: [signals[0].slice(1)] })).toThrow(/signals\[0\]: signal length differs/);
  expect(() => fitTransientBatch({ delay_s: [...delay_s.slice(0, 15), -delay_s[3]], signals })).toThrow(
    /delay_s\[15\]: delay must be positive/,
  );
});
