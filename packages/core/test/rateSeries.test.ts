/**
 * Transient fits → rate series (relaxation/rates.ts) and the series' label (spectral/series.ts):
 * R = 1/T with σ_R = σ_T/T², one series per experiment, nucleus, frequency and region, and every
 * transient that cannot join a series left out with a warning that says why.
 */
import { fitTransient, InputError, rateFromFit, rateSeriesData, rateSeriesFromFits, rateSeriesLabel } from '../src';
import type { FittedTransientRate } from '../src';
import { gaussian, logSpaced, mulberry32 } from '../../../test/support/random';

const delays = logSpaced(1e-3, 3, 16);
const random = mulberry32(14);

/** A saturation recovery with time constant T1 (or T1ρ decay) and 0.5 % noise, fitted. */
function fitted(experiment: 'T1-saturation' | 'T1rho-spinlock', T: number, temperature_K: number, name: string): FittedTransientRate {
  const signal = delays.map((t) => (experiment === 'T1-saturation' ? 1 - Math.exp(-t / T) : Math.exp(-t / T)) + 0.005 * gaussian(random));
  const fit = fitTransient({ experiment, delay_s: delays, signal });
  return {
    fit,
    experiment,
    nucleus: '7Li',
    larmor_MHz: 116.6,
    ...(experiment === 'T1rho-spinlock' && { spinlock_kHz: 20 }),
    temperature_K,
    name,
  };
}

describe('rateSeriesLabel', () => {
  test('R1 and R2 by the Larmor frequency, R1ρ by the spin-lock frequency that sets its peak', () => {
    expect(rateSeriesLabel({ experiment: 'R1', nucleus: '7Li', larmor_MHz: 116.6 })).toBe('R1 7Li 116.6 MHz');
    expect(rateSeriesLabel({ experiment: 'R1rho', nucleus: '7Li', larmor_MHz: 116.6, spinlock_kHz: 20 })).toBe('R1rho 7Li 20 kHz');
    expect(rateSeriesLabel({ experiment: 'R2', nucleus: '1H', larmor_MHz: 400 })).toBe('R2 1H 400 MHz');
  });
});

describe('rateSeriesFromFits', () => {
  const entries = [
    fitted('T1-saturation', 0.02, 300, 'b'),
    fitted('T1rho-spinlock', 0.004, 250, 'rho'),
    fitted('T1-saturation', 0.05, 250, 'a'),
    fitted('T1-saturation', 0.01, 350, 'c'),
  ];
  const { series, warnings } = rateSeriesFromFits(entries);

  test('one series per experiment and frequency, in code-point order of the labels; points sorted by temperature', () => {
    expect(series.map((s) => [s.label, s.experiment, s.points.length])).toEqual([
      ['R1 7Li 116.6 MHz', 'R1', 3],
      ['R1rho 7Li 20 kHz', 'R1rho', 1],
    ]);
    expect(series[0].points.map((p) => p.temperature_K)).toEqual([250, 300, 350]);
    expect(series[0].members).toEqual([2, 0, 3]);
    expect(series[1].spinlock_kHz).toBe(20);
    expect(warnings).toEqual([]);
  });

  test('R = 1/T and σ_R = σ_T/T² (first-order propagation), and the rates recover 1/T within 3σ', () => {
    series[0].points.forEach((p, i) => {
      const t1 = entries[series[0].members[i]].fit.params.T1;
      expect(p.rate_per_s * t1.value).toBeCloseTo(1, 14);
      expect(p.sigma).toBeCloseTo((t1.stderr as number) / (t1.value * t1.value), 14);
    });
    [1 / 0.05, 1 / 0.02, 1 / 0.01].forEach((truth, i) =>
      expect(Math.abs(series[0].points[i].rate_per_s - truth)).toBeLessThan(3 * (series[0].points[i].sigma as number)),
    );
    expect(rateFromFit(entries[1].fit)?.timeConstant).toBe('T1rho');
  });

  test('regions make separate series, named in the label', () => {
    const split = rateSeriesFromFits([
      { ...entries[0], region: 'region 1' },
      { ...entries[2], region: 'region 2' },
    ]).series;
    expect(split.map((s) => s.label)).toEqual(['R1 7Li 116.6 MHz [region 1]', 'R1 7Li 116.6 MHz [region 2]']);
  });

  test('a fit that did not converge, or has no single time constant, is left out with a warning', () => {
    const stalled = { ...entries[0], fit: { ...entries[0].fit, converged: false, message: 'maximum number of function evaluations' } };
    const two = {
      ...entries[3],
      fit: fitTransient(
        {
          experiment: 'T1-saturation',
          delay_s: delays,
          signal: delays.map((t) => 1 - 0.5 * Math.exp(-t / 0.002) - 0.5 * Math.exp(-t / 0.2)),
        },
        { model: 'saturation-recovery-2' },
      ),
    };
    const r = rateSeriesFromFits([stalled, entries[2], two]);
    expect(r.series[0].points).toHaveLength(1);
    expect(r.warnings[0]).toMatch(
      /^b: the saturation-recovery fit did not converge \(maximum number.*left out of the rate series R1 7Li 116\.6 MHz$/,
    );
    expect(r.warnings[1]).toMatch(/^c: the saturation-recovery-2 fit has no single time constant/);
  });

  test('one member without a standard error: the series goes without σ, and says so', () => {
    const fixedT1 = fitTransient(
      { experiment: 'T1-saturation', delay_s: delays, signal: delays.map((t) => 1 - Math.exp(-t / 0.03)) },
      { fix: ['T1'], params: { T1: 0.03 } },
    );
    const r = rateSeriesFromFits([entries[0], { ...entries[2], fit: fixedT1 }]);
    expect(r.series[0].points.every((p) => p.sigma === undefined)).toBe(true);
    expect(r.warnings).toEqual(['R1 7Li 116.6 MHz: some time constants have no standard error; the series is fitted without weights']);
    expect(rateSeriesData(r.series[0]).sigma).toBeUndefined();
  });

  test('metadata a series needs is an InputError naming the entry and the field', () => {
    const { temperature_K: _t, ...noTemperature } = entries[0];
    expect(() => rateSeriesFromFits([noTemperature])).toThrow(InputError);
    expect(() => rateSeriesFromFits([noTemperature])).toThrow(/fits\[0\]\.temperature_K/);
    expect(() => rateSeriesFromFits([{ ...entries[1], spinlock_kHz: undefined }])).toThrow(/fits\[0\]\.spinlock_kHz/);
  });
});
