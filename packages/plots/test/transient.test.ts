/**
 * The transient chart as data: layers, encodings, units in titles, the 1σ band, the residual
 * panel; valid Vega-Lite v5; and rendered to SVG by vega's headless renderer.
 */
import { compareTransientModels, InputError } from '@relaxlab/core';
import { modelComparisonChart, transientComparisonChart, transientFitChart, transientSeriesChart } from '@relaxlab/plots';
import { inlineData, layersOf, renderSVG, schemaErrors, syntheticFit, syntheticRecovery } from './support';

const T1_s = 2.5e-3;

describe('transientFitChart: a saturation recovery (T1 = 2.5 ms, 1 % noise) with its fit', () => {
  const fit = syntheticFit(T1_s, 11);
  const spec = transientFitChart(fit, { title: 'LLZO 7Li 300 K' });
  const [main, residual] = inlineData(spec).vconcat as unknown[];

  test('is valid Vega-Lite v5 (and the validator does reject a broken spec)', () => {
    expect(schemaErrors({ ...spec, vconcat: [{ mark: 'no-such-mark' }] })).not.toBe('');
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(schemaErrors(spec)).toBe('');
  });

  test('fit panel over residual panel, one shared log delay axis in ms (the unit of the longest delay)', () => {
    expect(spec.resolve).toEqual({ scale: { x: 'shared' } });
    for (const layer of layersOf(main, 'point').concat(layersOf(residual, 'point'))) {
      expect(layer.encoding.x.scale).toEqual({ type: 'log' });
    }
    expect(layersOf(residual, 'point')[0].encoding.x.axis.title).toBe('delay τ (ms)');
    expect(layersOf(main, 'point')[0].encoding.y.title).toBe('signal (a.u.)');
    expect(layersOf(residual, 'point')[0].encoding.y.title).toBe('residual');
  });

  test('data points are the fitted data (to 6 digits), delays converted s → ms; residual = data − fit', () => {
    const rows = layersOf(main, 'point')[0].data!.values;
    expect(rows).toHaveLength(fit.data.y.length);
    // 6 significant digits: within half a unit of the 6th digit
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(5e-6 * Math.abs(b));
    rows.forEach((r, i) => {
      close(r.delay as number, (fit.data.x as number[])[i] * 1e3);
      close(r.signal as number, fit.data.y[i]);
      close(r.fit as number, fit.bestFit[i]);
      close(r.residual as number, fit.data.y[i] - fit.bestFit[i]);
    });
  });

  test('shared rows are stored once: the curve (line and band) and the points (fit and residual panels)', () => {
    type Panel = { layer: Array<{ mark: { type: string }; data: { name: string } }> };
    const [fitPanel, residualPanel] = spec.vconcat as Panel[];
    const name = (panel: Panel, mark: string) => panel.layer.find((l) => l.mark.type === mark)!.data.name;
    expect(name(fitPanel, 'area')).toBe(name(fitPanel, 'line'));
    expect(name(fitPanel, 'point')).toBe(name(residualPanel, 'point'));
    // curve, points, and the one-row datum of the zero line
    expect(Object.keys(spec.datasets as object)).toHaveLength(3);
  });

  test('the band is the curve ± its 1σ from the fit covariance, and it contains the curve', () => {
    const [band] = layersOf(main, 'area');
    const curve = fit.curve!;
    expect(band.data!.values).toHaveLength(curve.x.length);
    band.data!.values.forEach((r, i) => {
      expect(Math.abs((r.upper as number) - (curve.y[i] + curve.sigma[i]))).toBeLessThanOrEqual(
        5e-6 * Math.abs(curve.y[i] + curve.sigma[i]),
      );
      expect(r.lower as number).toBeLessThanOrEqual(r.fit as number);
      expect(r.upper as number).toBeGreaterThanOrEqual(r.fit as number);
    });
    expect(curve.sigma.some((s) => s > 0)).toBe(true);
  });

  test('the subtitle states the model and T1 ± 1σ in ms; tooltips carry values ± errors', () => {
    const title = spec.title as { text: string; subtitle: string[] };
    expect(title.text).toBe('LLZO 7Li 300 K');
    const T1 = fit.params.T1;
    expect(title.subtitle[0]).toMatch(/^saturation-recovery: M_inf = [0-9.]+ ± [0-9.]+, T1 = [0-9.]+ ± [0-9.]+ ms; χ²ᵣ = /);
    const shown = Number(/T1 = ([0-9.]+) ±/.exec(title.subtitle[0])![1]);
    expect(Math.abs(shown - T1.value * 1e3)).toBeLessThan(0.01 * T1.value * 1e3);
    const tooltip = layersOf(main, 'point')[0].encoding.tooltip.map((t: { title: string }) => t.title);
    expect(tooltip).toEqual(['delay', 'signal', 'fit', 'residual']);
    expect(layersOf(main, 'line')[0].encoding.tooltip[1].title).toBe('fit ± 1σ');
  });

  test('renders to SVG with both axis titles', async () => {
    const svg = await renderSVG(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('delay τ (ms)');
    expect(svg).toContain('signal (a.u.)');
    expect(svg).toContain('LLZO 7Li 300 K');
  });
});

describe('transientFitChart variants', () => {
  test('with σ per point: error bars signal ± σ, and the tooltip says "signal ± σ"', () => {
    const fit = syntheticFit(T1_s, 12, { sigma: true });
    const spec = transientFitChart(fit);
    const [main] = inlineData(spec).vconcat as unknown[];
    const [bars] = layersOf(main, 'rule');
    bars.data!.values.forEach((r, i) => {
      expect(r.signalHigh as number).toBeCloseTo(fit.data.y[i] + fit.data.sigma![i], 5);
      expect(r.signalLow as number).toBeCloseTo(fit.data.y[i] - fit.data.sigma![i], 5);
    });
    expect(layersOf(main, 'point')[0].encoding.tooltip[1].title).toBe('signal ± σ');
    expect(schemaErrors(spec)).toBe('');
  });

  test('without a dense curve: the line joins the best fit at the delays, no band; no residual panel on request', () => {
    const fit = syntheticFit(T1_s, 13, { curvePoints: 0 });
    const original = transientFitChart(fit, { residuals: false, logDelay: false });
    const spec = inlineData(original);
    expect(spec.vconcat).toBeUndefined();
    expect(layersOf(spec, 'area')).toHaveLength(0);
    expect(layersOf(spec, 'line')[0].data!.values.map((r) => r.fit)).toEqual(fit.bestFit.map((v) => Number(v.toPrecision(6))));
    expect(layersOf(spec, 'point')[0].encoding.x.scale).toEqual({ zero: false });
    expect(layersOf(spec, 'point')[0].encoding.x.axis.title).toBe('delay τ (ms)');
    expect(schemaErrors(original)).toBe('');
  });

  test('bad input is a typed InputError naming the field', () => {
    const fit = syntheticFit(T1_s, 14);
    expect(() => transientFitChart({ ...fit, data: { x: { T: [1], f: [2] }, y: [1] } })).toThrow(InputError);
    expect(() => transientFitChart({ ...fit, data: { x: { T: [1], f: [2] }, y: [1] } })).toThrow(/data\.x/);
    expect(() => transientFitChart({ kind: 'Transient' } as never)).toThrow(/not a FitResult/);
  });

  test('a sample name with markup stays text in the SVG', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const svg = await renderSVG(transientFitChart(syntheticFit(T1_s, 15), { title: name }));
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('transientSeriesChart: recoveries at four temperatures', () => {
  // T1 shortens with temperature on the low-T flank
  const temperatures = [250, 300, 350, 400];
  const members = temperatures.map((T, k) => ({
    fit: syntheticFit(8e-3 / (k + 1), 20 + k, { amplitude: 10 * (k + 1) }),
    temperature_K: T,
  }));
  const spec = transientSeriesChart(members, { title: 'VT series' });
  const [lines, points] = inlineData(spec).layer as Array<{
    data: { values: Array<Record<string, number>> };
    encoding: Record<string, any>;
  }>;

  test('is valid Vega-Lite v5 and renders to SVG', async () => {
    expect(schemaErrors(spec)).toBe('');
    const svg = await renderSVG(spec);
    expect(svg).toContain('T (K)');
    expect(svg).toContain('signal / max(fit)');
  });

  test('colour encodes temperature; each fitted curve is normalised to a maximum of exactly 1', () => {
    expect(points.encoding.color).toMatchObject({ field: 'temperature_K', type: 'quantitative' });
    members.forEach((_, k) => {
      const curve = lines.data.values.filter((r) => r.series === k);
      expect(Math.max(...curve.map((r) => Math.abs(r.fit)))).toBe(1);
    });
  });

  test('every point keeps its transient: 4 × 16 points, each with the time constant in the tooltip', () => {
    expect(points.data.values).toHaveLength(64);
    expect(String(points.data.values[0].timeConstants)).toMatch(/^T1 = [0-9.]+ ± [0-9.]+ ms$/);
  });

  test('without temperatures: colour by label; no members is an InputError', () => {
    const s = transientSeriesChart(members.map((m, k) => ({ fit: m.fit, label: `sample ${k}` })));
    expect((s.layer as Array<{ encoding: Record<string, any> }>)[1].encoding.color).toMatchObject({ field: 'label', type: 'nominal' });
    expect(schemaErrors(s)).toBe('');
    expect(() => transientSeriesChart([])).toThrow(InputError);
    expect(() => transientSeriesChart([{ fit: members[0].fit, temperature_K: -3 }])).toThrow(/members\[0\]\.temperature_K/);
  });
});

describe('modelComparisonChart: incomplete saturation (a = 0.8) compared across the default candidates', () => {
  const { comparison } = compareTransientModels(syntheticRecovery(T1_s, 31, { a: 0.8 }));
  const spec = modelComparisonChart(comparison);
  const points = (
    inlineData(spec).layer as Array<{
      mark: { type: string };
      data: { values: Array<Record<string, unknown>> };
      encoding: Record<string, any>;
    }>
  )[1];

  test('ΔBIC and ΔAIC for every candidate, sorted by BIC, the preferred model named', async () => {
    expect(schemaErrors(spec)).toBe('');
    expect(points.data.values).toHaveLength(2 * comparison.rows.length);
    expect(points.encoding.y.sort[0]).toBe(comparison.preferred);
    expect(comparison.preferred).toContain(' a'); // the data demand the efficiency a
    // without a title of its own, the one subtitle line becomes the title
    expect((spec.title as { text: string }).text).toBe(`preferred: ${comparison.preferred}`);
    const best = points.data.values.filter((r) => r.label === comparison.preferred && r.criterion === 'ΔBIC');
    expect(best[0].delta).toBe(0);
    expect(await renderSVG(spec)).toContain('Δ to the best model');
  });

  test('the comparison view: preferred fit and residuals over the Δ panel, with independent x scales', async () => {
    const { fits } = compareTransientModels(syntheticRecovery(T1_s, 31, { a: 0.8 }));
    const best = fits.find((f) => `${f.model} [${f.varyNames.join(', ')}]` === comparison.preferred)!;
    const view = transientComparisonChart(best, comparison, { title: 'sample' });
    expect(schemaErrors(view)).toBe('');
    const [fitPart, deltaPart] = view.vconcat as Array<Record<string, unknown>>;
    expect(fitPart.resolve).toEqual({ scale: { x: 'shared' } });
    expect(deltaPart.layer).toBeDefined();
    expect(view.resolve).toBeUndefined(); // concat default: independent scales (delay vs Δ)
    expect(schemaErrors(transientComparisonChart(best, comparison))).toBe(''); // untitled: two title lines
    const svg = await renderSVG(view);
    expect(svg).toContain('delay τ (ms)');
    expect(svg).toContain('Δ to the best model');
  });
});
