/**
 * The Arrhenius lines of a rate series (arrhenius/rateArrhenius.ts): one policy for every face —
 * configured windows, else the flanks of the peak, else one line through all points — where what
 * the data cannot support is a warning, never an exception.
 */
import { fitRateArrhenius, inverseTemperatureGrid_K, InputError, mulberry32, rateSeriesArrhenius, simulateRateSeries } from '../src';

// a BPP R1 peak (β = 2, so both flanks have the slope Ea = 0.3 eV), 2 % noise
const model = { spectralDensity: 'bpp' as const, activationEnergy_eV: 0.3, tau0_s: 1e-13, prefactor_per_s2: 1e10 };
const simulated = (lo: number, hi: number, count = 24) =>
  simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    temperature_K: inverseTemperatureGrid_K(lo, hi, count),
    model,
    relativeNoise: 0.02,
    random: mulberry32(3),
  });

describe('fitRateArrhenius / rateSeriesArrhenius', () => {
  test('a peak inside the data: both flanks, named by the series, each within 3σ (+2 % bend) of Ea', () => {
    const r = rateSeriesArrhenius(simulated(150, 700));
    expect(r).toMatchObject({ kind: 'RateArrheniusResult', series: 'R1 7Li 116.6 MHz' });
    expect(r.peak!.temperature_K).toBeGreaterThan(150);
    expect(r.lines.map((l) => [l.side, l.from])).toEqual([
      ['low', 'flank'],
      ['high', 'flank'],
    ]);
    for (const l of r.lines) {
      const ea = l.arrhenius.activationEnergy_eV;
      expect(Math.abs(ea.value - 0.3)).toBeLessThan(3 * (ea.stderr as number) + 0.02 * 0.3);
      expect(l.window_K[0]).toBe(l.arrhenius.window_K[0]);
    }
    expect(r.points.temperature_K).toHaveLength(24);
  });

  test('configured windows replace the automatic flanks; a high-T window gives a positive Ea', () => {
    const r = rateSeriesArrhenius(simulated(150, 700), { windows: [{ side: 'high', window_K: [420, 700] }] });
    expect(r.lines.map((l) => [l.side, l.from])).toEqual([['high', 'config']]);
    expect(r.peak).toBeNull();
    expect(r.lines[0].arrhenius.activationEnergy_eV.value).toBeGreaterThan(0.25);
  });

  test('a configured window is never moved, but one that runs into the peak is said to be curved', () => {
    const series = simulated(150, 700);
    const peak_K = rateSeriesArrhenius(series).peak!.temperature_K;
    const r = rateSeriesArrhenius(series, { windows: [{ side: 'low', window_K: [150, peak_K] }] });
    expect(r.lines[0].window_K).toEqual([150, peak_K]);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^window 150–\d+\.\d+ K \(low-T flank\): curved \(quadratic term in 1000\/T p [<=] .*\): its Ea is an average over the window, not one slope$/,
      ),
    ]);
  });

  test('a window that cannot be fitted is a warning, not an error', () => {
    const r = rateSeriesArrhenius(simulated(150, 700), { windows: [{ side: 'low', window_K: [100, 120] }] });
    expect(r.lines).toEqual([]);
    expect(r.warnings).toEqual([expect.stringMatching(/^window 100–120 K \(low-T flank\): not fitted: .*too few points in the window/)]);
  });

  test('no maximum inside the data: one line through all points, and a warning saying so', () => {
    const r = rateSeriesArrhenius(simulated(150, 230));
    expect(r.lines.map((l) => [l.side, l.from])).toEqual([['all', 'all-points']]);
    expect(r.lines[0].arrhenius.quantity).toBe('rate');
    expect(r.warnings[0]).toMatch(/^no rate maximum inside 150–230 K: one line through all points \(a low-T flank only\)$/);
    const falling = rateSeriesArrhenius(simulated(450, 700));
    expect(falling.lines[0].arrhenius.quantity).toBe('tau');
    expect(falling.lines[0].arrhenius.activationEnergy_eV.value).toBeGreaterThan(0);
  });

  test('four points around the maximum: no flank has 3 points — a warning and no line, never a line through the peak', () => {
    const r = rateSeriesArrhenius(simulated(300, 420, 4));
    expect(r.peak).toBeNull();
    expect(r.lines).toEqual([]);
    expect(r.warnings[0]).toMatch(/^no Arrhenius line: .*neither flank of the rate peak has enough points/);
  });

  test('two points: a warning, no line', () => {
    const r = fitRateArrhenius({ temperature_K: [200, 250], value: [1, 10] }, { label: 'two' });
    expect(r.lines).toEqual([]);
    expect(r.warnings).toEqual(['no Arrhenius line: 2 points, at least 3 needed to tell a rate peak from a flank']);
  });

  test('invalid data and other quantities are InputErrors naming the field', () => {
    expect(() => fitRateArrhenius({ temperature_K: [200, 250, 300], value: [1, -1, 2] })).toThrow(InputError);
    expect(() => fitRateArrhenius({ temperature_K: [200, 250, 300], value: [1, -1, 2] })).toThrow(/value\[1\]/);
    expect(() => fitRateArrhenius({ temperature_K: [200, 250, 300], value: [1, 2, 3], quantity: 'tau' })).toThrow(/quantity: not rates/);
  });
});
