/**
 * Impedance charts: Nyquist on equal axes beside Bode with the fitted circuit, and σ′(ν)
 * isotherms with their Jonscher fits. Valid Vega-Lite v5, rendered without warnings, and the
 * drawn fit is the circuit / power law at the fitted parameters.
 */
import { circuitImpedance, parseCircuit } from '@relaxlab/core';
import { bodeChart, conductivityIsothermChart, impedanceChart, nyquistChart } from '@relaxlab/plots';
import { inlineData, renderSVG, schemaErrors } from './support';
import { circuitFit, impedanceSpectrum, isotherms, jonscherFits, TRUTH } from './results';

type Layer = { mark: { type: string }; data: { values: Array<Record<string, any>> }; encoding: Record<string, any> };
type Panel = { width: number; height: number; layer: Layer[] };

describe('impedance with its fitted circuit', () => {
  const fit = circuitFit();
  const spec = impedanceChart(fit, { title: 'dummy cell' });
  const [nyquist, bode] = (inlineData(spec) as unknown as { hconcat: [Panel, { vconcat: Panel[] }] }).hconcat;

  test('recovers R0, R1 and C1 within 3σ', () => {
    for (const [name, truth] of [
      ['R0', TRUTH.R0_ohm],
      ['R1', TRUTH.R1_ohm],
      ['C1', TRUTH.C1_F],
    ] as const) {
      const p = fit.parameters[name];
      expect(Math.abs(p.value - truth)).toBeLessThan(3 * (p.stderr as number));
    }
  });

  test('valid, rendered, with units on every axis and the parameters in the subtitle', async () => {
    expect(schemaErrors(spec)).toBe('');
    const svg = await renderSVG(spec);
    expect(['Z′ (Ω)', '−Z″ (Ω)', '|Z| (Ω)', '−phase (°)', 'f (Hz)', 'R0 = ', 'C1 = '].filter((t) => !svg.includes(t))).toEqual([]);
    for (const s of [nyquistChart(fit), bodeChart(fit)]) {
      expect(schemaErrors(s)).toBe('');
      await renderSVG(s);
    }
  });

  test('Nyquist: a square panel with equal spans on both axes, so the RC arc is a semicircle', () => {
    expect(nyquist.width).toBe(nyquist.height);
    const [line] = nyquist.layer;
    const [x0, x1] = line.encoding.x.scale.domain;
    const [y0, y1] = line.encoding.y.scale.domain;
    expect(x1 - x0).toBeCloseTo(y1 - y0, 9);
  });

  test('the fitted curve is the circuit at the fitted parameters; −Z″ and −phase are positive for the capacitive arc', () => {
    const curve = nyquist.layer[0].data.values;
    const z = circuitImpedance(
      parseCircuit(fit.circuit),
      [curve[17].frequency],
      [fit.parameters.R0.value, fit.parameters.R1.value, fit.parameters.C1.value],
    );
    expect(curve[17].zReal).toBeCloseTo(z.zReal_ohm[0], 3);
    expect(curve[17].minusZImag).toBeCloseTo(-z.zImag_ohm[0], 3);
    const data = impedanceSpectrum();
    const points = nyquist.layer[1].data.values;
    expect(points.map((p) => p.zReal)).toEqual(data.zReal_ohm.map((v) => Number(v.toPrecision(6))));
    expect(nyquist.layer[0].data.values.every((c) => c.minusZImag > 0 && c.minusPhase > 0)).toBe(true);
    expect(bode.vconcat[0].layer[0].encoding.y.scale).toEqual({ type: 'log' });
  });
});

describe('σ′(ν) isotherms with Jonscher fits', () => {
  const fits = jonscherFits();
  const spec = conductivityIsothermChart(fits, { title: 'Li', spectra: isotherms() });
  const layers = (inlineData(spec) as unknown as Panel).layer;

  test('recovers p = 0.66 within 3σ at every temperature', () => {
    for (const f of fits) expect(Math.abs(f.exponent.value - TRUTH.jonscherExponent)).toBeLessThan(3 * (f.exponent.stderr as number));
  });

  test('valid, rendered, log–log with units, colour by temperature, p of each isotherm in the subtitle', async () => {
    expect(schemaErrors(spec)).toBe('');
    const svg = await renderSVG(spec);
    expect(
      ['ν (Hz)', 'σ′ (S/cm)', 'T (K)', `p = ${fits[0].exponent.value.toFixed(3).slice(0, 4)}`].filter((t) => !svg.includes(t)),
    ).toEqual([]);
    const points = layers[layers.length - 1];
    expect(points.encoding.x.scale).toEqual({ type: 'log' });
    expect(points.encoding.y.scale).toEqual({ type: 'log' });
    expect(points.encoding.color.field).toBe('temperature_K');
  });

  test('each curve starts at σDC·[1 + (ν/νc)^p] of its fit and its band encloses it', () => {
    const curves = layers.find((l) => l.mark.type === 'line')!.data.values;
    const first = curves[0];
    const f = fits[0];
    const expected = f.sigmaDC_S_per_cm.value * (1 + Math.pow(first.frequency / f.crossoverFrequency_Hz.value, f.exponent.value));
    expect(first.sigma / expected).toBeCloseTo(1, 5);
    expect(curves.every((c) => c.lower <= c.sigma && c.sigma <= c.upper)).toBe(true);
  });

  test('a fit list with a wrong kind is an InputError', () => {
    expect(() => conductivityIsothermChart([{ kind: 'FitResult' } as never])).toThrow(/Jonscher/);
  });
});
