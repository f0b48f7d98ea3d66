/**
 * Core's temperature results on charts: rates with flanks, the joint BPP fit with its curves and
 * jump-rate band, σT with shaded regimes, line narrowing and the NMR-vs-DC figure. Every spec is
 * valid Vega-Lite v5 and renders to SVG without a warning; the drawn curves are the fitted models.
 */
import {
  BOLTZMANN_eV_per_K,
  fitConductivityArrhenius,
  fitSegmentedArrhenius,
  formatValueError,
  gaussian,
  mulberry32,
  predictArrhenius,
  rateSeriesLabel,
} from '@relaxlab/core';
import {
  arrheniusFitPoints,
  bppCurves,
  crossLinkChart,
  flankLines,
  jointBppChart,
  lineNarrowingChart,
  rateArrheniusChart,
  segmentedArrheniusChart,
  sigmaTArrheniusChart,
} from '@relaxlab/plots';
import { segmentLines } from '../src/arrheniusResults';
import { inlineData, renderSVG, schemaErrors } from './support';
import { bpp, conductivityData, crossLinkResult, flanksOf, linewidths, narrowing, rateSeries, sigmaT, TRUTH } from './results';

type Layer = { mark: { type: string; opacity?: number }; data: { values: Array<Record<string, any>> }; encoding: Record<string, any> };
const layersOf = (panel: unknown) => (panel as { layer: Layer[] }).layer;

async function expectValidChart(spec: Parameters<typeof renderSVG>[0], texts: string[]): Promise<string> {
  expect(schemaErrors(spec)).toBe('');
  const svg = await renderSVG(spec);
  // one line per missing text, not the whole SVG
  expect(texts.filter((t) => !svg.includes(t))).toEqual([]);
  return svg;
}

describe('rates with their flanks', () => {
  const series = rateSeries();
  const flanks = series.map(flanksOf);
  const spec = rateArrheniusChart({ series, flanks }, { title: 'MIL-121' });

  test('valid, rendered, with both temperature axes, the unit and each flank Ea label', async () => {
    const labels = flanks.flatMap((f) => flankLines(f, 'x').map((l) => l.activationEnergy_eV as number));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    await expectValidChart(spec, [
      '1000/T (K⁻¹)',
      'T (K)',
      'relaxation rate (s⁻¹)',
      series[0].label as string,
      series[1].label as string,
      `Ea = ${labels[0].toFixed(3)}`,
    ]);
  });

  test('the low-T flank of the asymmetric peak has slope (β − 1)·Ea within 3σ of the truth', () => {
    const low = flanks[1].lowTemperature!.arrhenius.activationEnergy_eV;
    expect(Math.abs(low.value - (TRUTH.beta - 1) * TRUTH.activationEnergy_eV)).toBeLessThan(3 * (low.stderr as number) + 0.01);
  });

  test('a flank line is the fitted straight line: log10 y linear in 1/T, band symmetric in log', () => {
    const [line] = flankLines(flanks[1], rateSeriesLabel(series[1]));
    const x = line.temperature_K.map((t) => 1000 / t);
    const y = line.value.map(Math.log10);
    const slope = (y[y.length - 1] - y[0]) / (x[x.length - 1] - x[0]);
    // d log10 R / d(1000/T) = −Ea/(1000 kB ln10)
    expect(slope).toBeCloseTo(-(line.activationEnergy_eV as number) / (1000 * BOLTZMANN_eV_per_K * Math.LN10), 8);
    line.value.forEach((v, i) => {
      expect(Math.log10(line.upper![i] / v)).toBeCloseTo(Math.log10(v / line.lower![i]), 10);
      expect(line.upper![i]).toBeGreaterThan(v);
    });
  });
});

describe('joint BPP fit', () => {
  const series = rateSeries();
  const result = bpp(series);
  const spec = jointBppChart(result, series, { title: 'synthetic 7Li' });
  const [rates, jump] = inlineData(spec).vconcat as unknown[];

  test('valid, rendered: rates over the jump-rate panel, the BPP parameters in the subtitle', async () => {
    await expectValidChart(spec, ['relaxation rate (s⁻¹)', 'jump rate τc⁻¹ (s⁻¹)', 'asymmetric-bpp', 'β = ']);
  });

  test('each curve at the measured temperatures is the fitted model: exp(best-fit ln R)', () => {
    const n0 = series[0].points.length;
    series.forEach((s, k) => {
      const [curve] = bppCurves(
        result,
        s.points.map((p) => p.temperature_K),
      ).slice(k, k + 1);
      curve.value.forEach((v, i) => expect(Math.log(v)).toBeCloseTo(result.fit.bestFit[(k === 0 ? 0 : n0) + i], 8));
    });
  });

  test('bands enclose the curves; points, curves and the jump-rate band are layers of their panels', () => {
    for (const c of bppCurves(result)) c.value.forEach((v, i) => expect(c.lower![i] < v && v < c.upper![i]).toBe(true));
    const marks = layersOf(rates).map((l) => l.mark.type);
    // BPP curves carry no Ea label of their own: the shared Ea is in the subtitle
    expect(marks).toEqual(['point', 'area', 'line', 'rule', 'point']);
    const band = layersOf(jump).find((l) => l.mark.type === 'area')!;
    expect(band.data.values).toHaveLength(result.jumpRate.temperature_K.length);
  });

  test("without the series the result's own points are drawn with the curves, with their legend", async () => {
    const bare = jointBppChart(result, undefined, { jumpRate: false });
    await expectValidChart(bare, [result.datasets[0].label]);
  });

  test('the wrong number of series is an InputError naming the field', () => {
    expect(() => jointBppChart(result, [series[0]])).toThrow(/series/);
  });
});

describe('σT with its conduction regimes', () => {
  const result = sigmaT();
  const spec = sigmaTArrheniusChart([{ result, label: 'Li⁺' }], { title: 'σT' });
  const layers = layersOf(inlineData(spec));

  test('valid, rendered, with the unit S K/cm, both regime energies and the kink', async () => {
    expect(result.chosenSegments).toBe(2);
    const [I, II] = result.segments.map((s) => s.activationEnergy_eV.value.toFixed(3));
    const svg = await expectValidChart(spec, ['σT (S K/cm)', `Ea = ${I}`, `Ea = ${II}`, 'kink at']);
    // every point drawn in the series' colour: the shading must not take over the colour scale
    expect(svg.match(/aria-roledescription="point"[^>]*fill="#4c78a8"/g)).toHaveLength(conductivityData().temperature_K.length);
  });

  test('one shaded rectangle per regime, spanning exactly its temperatures; the kink rule at 1000/T_kink', () => {
    const rects = layers.filter((l) => l.mark.type === 'rect' && l.encoding.x2?.field === 'inverseT2')[0];
    expect(rects.data.values).toHaveLength(2);
    rects.data.values.forEach((r, k) => {
      const [lo, hi] = result.segments[k].temperatureRange_K;
      expect(r.inverseT).toBeCloseTo(1000 / hi, 12);
      expect(r.inverseT2).toBeCloseTo(1000 / lo, 12);
    });
    const kink = layers.find((l) => l.mark.type === 'rule' && !l.encoding.y)!;
    expect(kink.data.values[0].inverseT).toBeCloseTo(1000 / result.breakpoints[0].temperature_K.value, 12);
  });

  test('the points are σ·T of the data and the segment lines follow predictArrhenius', () => {
    const data = conductivityData();
    arrheniusFitPoints(result, 'Li').forEach((p, i) =>
      expect(p.value).toBeCloseTo(data.conductivity_S_per_cm[i] * data.temperature_K[i], 10),
    );
    const [lineI] = segmentLines(result, 'Li');
    expect(lineI.value[3]).toBeCloseTo(predictArrhenius(result, lineI.temperature_K[3]).value.value, 12);
  });

  test('a rate fit is refused with the field named', () => {
    const rates = bpp();
    expect(() => sigmaTArrheniusChart([{ result: rates as never, label: 'x' }])).toThrow(/series\[0\]\.result/);
  });
});

/** The subtitle lines of a top-level spec. */
const subtitleOf = (spec: unknown): string[] => (spec as { title: { subtitle: string[] } }).title.subtitle;

/** The bound printed after "Davies p ≤ " in a text. */
function printedP(text: string): number {
  const m = /Davies p ≤ ([0-9.]+(?:e-\d+)?)\)/.exec(text);
  expect(m).not.toBeNull();
  return Number((m as RegExpExecArray)[1]);
}

describe("Davies' kink test beside the kinks", () => {
  test('σT of two samples: one subtitle line each, the kink with the tiny p in scientific form within its printed digit; rendered', async () => {
    const li = sigmaT();
    const straight = fitConductivityArrhenius(conductivityData(7), { segments: 1 });
    const spec = sigmaTArrheniusChart(
      [
        { result: li, label: 'Li⁺' },
        { result: straight, label: 'one line' },
      ],
      { title: 'σT' },
    );
    const [first, second] = subtitleOf(spec);
    expect(first).toMatch(/^Li⁺: kink at \d{3}\.\d+ ± \d\.\d+ K \(Davies p ≤ \d\.\de-\d+\)$/);
    const p = (li.kinkTest as NonNullable<typeof li.kinkTest>).pValue;
    expect(p).toBeLessThan(1e-6);
    expect(Math.abs(printedP(first) / p - 1)).toBeLessThanOrEqual(0.05);
    // forced to one segment, the same kinked data still show the kink in Davies' p
    expect(second).toMatch(/^one line: one line \(Davies p ≤ \d\.\de-\d+\)$/);
    expect(printedP(second)).toBeLessThan(1e-6);
    await expectValidChart(spec, ['Davies p ≤', first.slice(0, 20)]);
    const kink = layersOf(inlineData(spec)).find((l) => l.mark.type === 'rule' && !l.encoding.y)!;
    expect(kink.data.values[0].text).toMatch(/kink test \(Davies\): p ≤ \d\.\de-\d+ at \d{3}\.\d K, ΔEa = 0\.\d+ ± 0\.\d+ eV$/);
  });

  test('a straight σT line: p ≥ 0.01 with three decimals; too few points: the subtitle says there is no test', () => {
    const T = Array.from({ length: 25 }, (_, i) => 253 + 6 * i);
    const rand = mulberry32(3);
    const sigma = T.map((t) => (Math.exp(-0.3 / (BOLTZMANN_eV_per_K * t)) / t) * (1 + 0.03 * gaussian(rand)));
    const line = fitConductivityArrhenius({ temperature_K: T, conductivity_S_per_cm: sigma, sigma_S_per_cm: sigma.map((s) => 0.03 * s) });
    const k = line.kinkTest as NonNullable<typeof line.kinkTest>;
    const text = subtitleOf(sigmaTArrheniusChart([{ result: line, label: 'Na⁺' }], { title: 'Na' }))[0];
    // whichever segment count BIC chose, a clean line shows no significant kink
    expect(k.pValue).toBeGreaterThan(0.01);
    expect(text.endsWith(`(Davies p ≤ ${k.pValue.toFixed(3)})`)).toBe(true);
    const five = fitConductivityArrhenius({ temperature_K: T.slice(0, 5), conductivity_S_per_cm: sigma.slice(0, 5) });
    expect(subtitleOf(sigmaTArrheniusChart([{ result: five, label: 'Na⁺' }], { title: 'Na' }))).toEqual([
      'Na⁺: one line (no Davies kink test)',
    ]);
  });

  test('a segmented fit of rates: points, one line per regime, kink and Davies p in the subtitle; valid and rendered', async () => {
    // an activated rate whose Ea drops from 0.6 to 0.2 eV at 300 K, 3 % noise
    const rand = mulberry32(5);
    const T = Array.from({ length: 30 }, (_, i) => 220 + 6 * i);
    const log10Rate = (t: number) => 6 - ((t < 300 ? 0.6 : 0.2) / (BOLTZMANN_eV_per_K * Math.LN10)) * (1 / t - 1 / 300);
    const value = T.map((t) => Math.pow(10, log10Rate(t)) * (1 + 0.03 * gaussian(rand)));
    const result = fitSegmentedArrhenius({ temperature_K: T, value, sigma: value.map((v) => 0.03 * v), quantity: 'rate' });
    expect(result.chosenSegments).toBe(2);
    const spec = segmentedArrheniusChart(result, '7Li τc⁻¹', { title: 'jump rates', quantity: 'jump rate' });
    const [subtitle] = subtitleOf(spec);
    expect(subtitle).toMatch(/^7Li τc⁻¹: kink at \d{3}\.\d+ ± \d\.\d+ K \(Davies p ≤ \d\.\de-\d+\)$/);
    expect(Math.abs(printedP(subtitle) / (result.kinkTest as NonNullable<typeof result.kinkTest>).pValue - 1)).toBeLessThanOrEqual(0.05);
    const [I, II] = result.segments.map((s) => formatValueError(s.activationEnergy_eV.value, s.activationEnergy_eV.stderr));
    await expectValidChart(spec, ['jump rate', `Ea = ${I} eV`, `Ea = ${II} eV`, 'Davies p ≤']);
    const points = layersOf(inlineData(spec)).find((l) => l.mark.type === 'point')!.data.values;
    expect(points).toHaveLength(T.length);
    points.forEach((p, i) => expect(p.inverseT).toBeCloseTo(1000 / T[i], 12));
    expect(() => segmentedArrheniusChart(fitConductivityArrhenius(conductivityData()) as never, 'x')).not.toThrow();
    expect(() => segmentedArrheniusChart(bpp() as never, 'x')).toThrow(/result: not an Arrhenius result/);
  });
});

describe('line narrowing', () => {
  const series = linewidths();
  const result = narrowing(series);
  const spec = lineNarrowingChart(result, series, { title: '7Li' });

  test('valid, rendered, with the width unit, plateaus, onset and the fitted Ea', async () => {
    await expectValidChart(spec, [
      'line width Δν (kHz)',
      'T (K)',
      'W = ',
      'D = ',
      'onset',
      `Ea = ${result.activationEnergy_eV.value.toFixed(3)}`,
    ]);
  });

  test('recovers the rigid-lattice width within 2σ and the curve passes through the best fit', () => {
    expect(Math.abs(result.rigidLatticeWidth_Hz.value - TRUTH.rigidLatticeWidth_Hz)).toBeLessThan(
      2 * (result.rigidLatticeWidth_Hz.stderr as number) + 20,
    );
    const curve = layersOf(inlineData(spec)).find((l) => l.mark.type === 'line')!.data.values;
    // the first and last curve points sit at the coldest and hottest data temperatures
    expect(curve[0].width).toBeCloseTo(result.fit.bestFit[0] / 1000, 4);
    expect(curve[curve.length - 1].width).toBeCloseTo(result.fit.bestFit[result.fit.bestFit.length - 1] / 1000, 4);
  });

  test('without the widths it was fitted on: an InputError saying what is needed', () => {
    expect(() => lineNarrowingChart(result, { points: series.points.slice(3) })).toThrow(/line widths the fit was made on/);
  });
});

describe('NMR vs DC', () => {
  const result = crossLinkResult();
  const spec = crossLinkChart(result, { title: 'Li' });

  test('valid, rendered: σT with the NMR prediction beside the activation energies; n in the subtitle', async () => {
    await expectValidChart(spec, [
      'σT (S K/cm)',
      'activation energy Ea (eV)',
      'n = 1 − Ea,NMR/Ea,DC',
      'σT from NMR jump rates (hopping model)',
      'NMR: 7Li jump rates',
    ]);
  });

  test('the energy panel holds every DC regime and the NMR energy with 1σ bars', () => {
    const [, energies] = inlineData(spec).hconcat as unknown[];
    const bars = layersOf(energies).find((l) => l.mark.type === 'rule')!.data.values;
    expect(bars).toHaveLength(result.regimes.length + 1);
    const nmr = bars[bars.length - 1];
    expect(nmr.high - nmr.low).toBeCloseTo(2 * 0.004, 12);
  });
});
