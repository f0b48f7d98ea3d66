/**
 * Brush-to-refit: the Ea shown for a brushed window is the one @relaxlab/core computes for it,
 * whatever shape the payload carries its points in, and the inserted cell records the window.
 */
import { fitArrhenius, fitSegmentedArrhenius, migrateResult } from '@relaxlab/core';
import { brushSource, refitWindow, windowCellCode, windowFromInverseT } from '../src/arrheniusWindow';
import { kinkedSigmaT } from './synthetic';

const TRUTH = { ea1_eV: 1.0, ea2_eV: 0.3, kink_K: 330, from_K: 250, to_K: 420, count: 35, noise: 0.03, seed: 121 };
const data = kinkedSigmaT(TRUTH);
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('brushSource: the points of a payload', () => {
  test('columns (ArrheniusData) in `points` give one series with its σ and quantity', () => {
    const source = brushSource({ kind: 'ArrheniusTableView', sample: 'MIL-121', points: data })!;
    expect(source.mode).toBe('line');
    expect(source.series).toHaveLength(1);
    expect(source.series[0]).toMatchObject({
      label: 'MIL-121',
      quantity: 'sigmaT',
      temperature_K: data.temperature_K,
      value: data.value,
      sigma: data.sigma,
    });
  });

  test('rows (plots ArrheniusPoint) with two labels give two series', () => {
    const rows = data.temperature_K.map((t, i) => ({
      temperature_K: t,
      value: data.value[i],
      sigma: data.sigma[i],
      label: i % 2 ? 'odd' : 'even',
    }));
    const source = brushSource({ kind: 'X', quantity: 'sigmaT', points: rows })!;
    expect(source.series.map((s) => [s.label, s.value.length])).toEqual([
      ['even', 18],
      ['odd', 17],
    ]);
    expect(source.series[1].sigma).toEqual(data.sigma.filter((_, i) => i % 2));
  });

  test('an ArrheniusResult payload brings every point it was given, also outside the fitted window', () => {
    const result = json({ ...fitArrhenius(data, { window_K: [300, 400] }), sample: 'LAMOX' });
    const s = brushSource(result)!.series[0];
    expect(s.temperature_K).toEqual(Array.from(data.temperature_K));
    expect(s.value).toEqual(Array.from(data.value));
    expect(s.sigma).toEqual(Array.from(data.sigma));
    expect(s.quantity).toBe('sigmaT');
  });

  test('a relaxlab/1 payload without points, migrated, gives back the points inside its window (from fit.data)', () => {
    const window_K: [number, number] = [300, 400];
    const { points: _points, ...withoutPoints } = fitArrhenius(data, { window_K });
    const result = json({ ...withoutPoints, schema: 'relaxlab/1', sample: 'LAMOX' });
    const source = brushSource(migrateResult(result))!;
    const inside = data.temperature_K.map((_t, i) => i).filter((i) => data.temperature_K[i] >= 300 && data.temperature_K[i] <= 400);
    const s = source.series[0];
    expect(s.temperature_K).toHaveLength(inside.length);
    s.temperature_K.forEach((t, k) => {
      const i = inside[k];
      expect(Math.abs(t - data.temperature_K[i])).toBeLessThan(1e-9 * t);
      expect(Math.abs(s.value[k] - data.value[i])).toBeLessThan(1e-9 * data.value[i]);
      expect(Math.abs(s.sigma![k] - data.sigma[i])).toBeLessThan(1e-9 * data.sigma[i]);
    });
    expect(s.quantity).toBe('sigmaT');
  });

  test('a segmented result refits segmented; rate series (BPP, rate analysis) refit per series', () => {
    expect(brushSource(json(fitSegmentedArrhenius(data)))!.mode).toBe('segmented');
    const series = [
      {
        experiment: 'R1',
        nucleus: '7Li',
        larmor_MHz: 116.6,
        points: data.temperature_K.map((t, i) => ({ temperature_K: t, rate_per_s: data.value[i] })),
      },
    ];
    const source = brushSource({ kind: 'JointBppResult', series })!;
    expect(source.series[0]).toMatchObject({ label: 'R1 7Li 116.6 MHz', quantity: 'rate' });
    expect(source.series[0].sigma).toBeUndefined();
  });

  test('payloads without Arrhenius points (a transient fit, garbage) are not brushable', () => {
    expect(brushSource({ kind: 'FitResult', params: {}, stats: {} })).toBeUndefined();
    expect(brushSource({ kind: 'X', points: [{ temperature_K: 'a' }] })).toBeUndefined();
    expect(brushSource({ kind: 'X', points: { temperature_K: [300, 310], value: [1, -1] } })).toBeUndefined();
    expect(brushSource(null)).toBeUndefined();
  });
});

describe('refitWindow', () => {
  const source = brushSource({ kind: 'ArrheniusTableView', points: data })!;

  test('the Ea of a window is exactly fitArrhenius of that window, and recovers Ea2 = 0.3 eV within 3σ', () => {
    const window_K: [number, number] = [345, 420];
    const refit = refitWindow(source, window_K);
    const direct = fitArrhenius(data, { window_K });
    const [ea] = refit.series[0].activationEnergy_eV!;
    expect(ea).toEqual(direct.activationEnergy_eV);
    expect(refit.series[0].n).toBe(direct.n);
    expect(Math.abs(ea.value - TRUTH.ea2_eV)).toBeLessThan(3 * ea.stderr!);
    // the drawn line is the fit itself: at the hottest point (smallest 1000/T) it is the best fit there
    const curve = refit.series[0].curve;
    expect(curve).toHaveLength(direct.n);
    const x = direct.fit.data.x as number[];
    const hottest = x.indexOf(Math.min(...x));
    expect(curve[0].inverseT).toBe(x[hottest]);
    expect(Math.log10(curve[0].value)).toBeCloseTo(direct.fit.bestFit[hottest], 12);
  });

  test('the low-temperature window recovers Ea1 = 1.0 eV within 3σ; the window order does not matter', () => {
    const a = refitWindow(source, [320, 250]);
    const b = refitWindow(source, [250, 320]);
    expect(a).toMatchObject({ window_K: [250, 320] });
    expect(a.series[0].activationEnergy_eV).toEqual(b.series[0].activationEnergy_eV);
    const [ea] = a.series[0].activationEnergy_eV!;
    expect(Math.abs(ea.value - TRUTH.ea1_eV)).toBeLessThan(3 * ea.stderr!);
  });

  test('segmented mode finds the kink at 330 K within its 3σ over the whole range', () => {
    const segmented = brushSource(json(fitSegmentedArrhenius(data)))!;
    const refit = refitWindow(segmented, [250, 420]);
    const s = refit.series[0];
    expect(s.activationEnergy_eV).toHaveLength(2);
    expect(Math.abs(s.kinks_K[0].value - TRUTH.kink_K)).toBeLessThan(3 * s.kinks_K[0].stderr!);
    // the points come back from 1000/T and log10: equal to the last bits, not bit for bit
    const direct = fitSegmentedArrhenius(data, { window_K: [250, 420] }).segments[0].activationEnergy_eV;
    expect(Math.abs(s.activationEnergy_eV![0].value - direct.value)).toBeLessThan(1e-9 * direct.value);
  });

  test('a window with fewer than 2 points says so instead of fitting', () => {
    const refit = refitWindow(source, [250, 252]);
    expect(refit.series[0]).toMatchObject({ n: 1, activationEnergy_eV: null });
    expect(refit.series[0].problem).toMatch(/1 point in the window/);
    expect(() => refitWindow(source, [Number.NaN, 300])).toThrow(/window_K/);
  });
});

describe('windowFromInverseT and windowCellCode', () => {
  test('a brush on 1000/T maps back to temperatures in either drag direction', () => {
    expect(windowFromInverseT([2.5, 4])).toEqual([250, 400]);
    expect(windowFromInverseT([4, 2.5])).toEqual([250, 400]);
  });

  test('the cell declares the window; user text stays inside one-line comments', () => {
    const source = brushSource({ kind: 'ArrheniusTableView', points: { ...data, label: 'evil\nalert(1)\u2028alert(2)' } })!;
    const refit = refitWindow(source, [345.04, 420]);
    const code = windowCellCode(refit, 'title\nprocess.exit(1)');
    const lines = code.split(/\r\n|\r|\n|\u2028|\u2029/);
    expect(lines[lines.length - 1]).toBe('const window_K: [number, number] = [345, 420];');
    for (const line of lines.slice(0, -1)) expect(line.startsWith('//')).toBe(true);
    const [ea] = refit.series[0].activationEnergy_eV!;
    expect(code).toContain(`Ea = ${ea.value.toFixed(4)} ± ${ea.stderr!.toFixed(4)} eV`);
  });
});
