/**
 * The Arrhenius chart over plain arrays: log rate vs 1000/T with T on top, error bars, fitted
 * lines with bands and Ea labels; valid Vega-Lite v5, rendered to SVG without warnings.
 */
import { BOLTZMANN_eV_per_K, gaussian, InputError, mulberry32 } from '@relaxlab/core';
import { arrheniusChart, toSVG } from '@relaxlab/plots';
import { activationEnergyLabel, temperatureTicks } from '../src/arrhenius';
import { VEGA_LITE_SCHEMA } from '../src/spec';
import type { ArrheniusLine, ArrheniusPoint } from '@relaxlab/plots';
import { inlineData, renderSVG, schemaErrors } from './support';

/** R = A·exp(−Ea/kB·T) with 5 % scatter: the low-temperature flank of a rate peak. */
function flank(label: string, Ea_eV: number, A_per_s: number, seed: number): { points: ArrheniusPoint[]; line: ArrheniusLine } {
  const rand = mulberry32(seed);
  const T = Array.from({ length: 9 }, (_, i) => 240 + 20 * i);
  const rate = (t: number) => A_per_s * Math.exp(-Ea_eV / (BOLTZMANN_eV_per_K * t));
  const points = T.map((t) => {
    const value = rate(t) * (1 + 0.05 * gaussian(rand));
    return { temperature_K: t, value, sigma: 0.05 * value, label };
  });
  const line = {
    label,
    name: 'low-T flank',
    temperature_K: T,
    value: T.map(rate),
    lower: T.map((t) => rate(t) * 0.95),
    upper: T.map((t) => rate(t) * 1.05),
    activationEnergy_eV: Ea_eV,
    activationEnergyStderr_eV: 0.012,
  };
  return { points, line };
}

const li = flank('7Li R1', 0.44, 1e9, 1);
const na = flank('23Na R1ρ', 0.2, 1e6, 2);
const spec = arrheniusChart({ points: [...li.points, ...na.points], lines: [li.line, na.line] }, { title: 'MIL-121 dry' });
type Layer = { mark: { type: string; opacity?: number }; data: { values: Array<Record<string, any>> }; encoding: Record<string, any> };
const layers = inlineData(spec).layer as Layer[];
const byMark = (type: string) => layers.filter((l) => l.mark.type === type);

test('is valid Vega-Lite v5 and renders to SVG with both x axes, the y unit and the Ea labels', async () => {
  expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
  expect(schemaErrors(spec)).toBe('');
  const svg = await renderSVG(spec);
  expect(svg).toContain('1000/T (K⁻¹)');
  expect(svg).toContain('T (K)');
  expect(svg).toContain('rate (s⁻¹)');
  expect(svg).toContain('Ea = 0.440 ± 0.012 eV (42.5 ± 1.2 kJ/mol)');
});

test('x is 1000/T of each point, y the value itself on a log scale', () => {
  const points = byMark('point').find((l) => l.mark.opacity === undefined)!;
  expect(points.encoding.y.scale).toEqual({ type: 'log' });
  points.data.values.forEach((r, i) => {
    const p = [...li.points, ...na.points][i];
    expect(r.inverseT).toBeCloseTo(1000 / p.temperature_K, 12);
    expect(r.value).toBe(p.value);
  });
});

test('error bars are σ propagated to log10 y to first order: log10(high/low) = 2σ/(y ln10)', () => {
  const [bars] = byMark('rule');
  for (const r of bars.data.values) {
    const p = [...li.points, ...na.points].find((q) => q.value === r.value)!;
    expect(Math.log10(r.high / r.low)).toBeCloseTo((2 * p.sigma!) / (p.value * Math.LN10), 12);
    expect(r.low).toBeGreaterThan(0);
  }
});

test('the top axis has ticks at round temperatures on the shared 1000/T scale', () => {
  const top = byMark('point').find((l) => l.mark.opacity === 0)!;
  const axis = top.encoding.x.axis;
  expect(axis.orient).toBe('top');
  const temperatures = axis.values.map((v: number) => 1000 / v);
  for (const t of temperatures) expect(Math.abs(t - Math.round(t / 50) * 50)).toBeLessThan(1e-9);
  expect(Math.min(...temperatures)).toBeGreaterThanOrEqual(240);
  expect(Math.max(...temperatures)).toBeLessThanOrEqual(400);
  expect(spec.resolve).toEqual({ axis: { x: 'independent' } });
  // every other layer hides its x axis, so there are exactly two
  const withAxis = layers.filter((l) => l.encoding.x.axis !== null);
  expect(withAxis).toHaveLength(2);
});

test('°C on top: ticks at round Celsius temperatures', async () => {
  const s = arrheniusChart({ points: li.points }, { temperatureAxis: '°C', quantity: 'R1', unit: 's⁻¹' });
  const top = (inlineData(s).layer as Layer[])[0];
  for (const v of top.encoding.x.axis.values) {
    const celsius = 1000 / v - 273.15;
    expect(Math.abs(celsius - Math.round(celsius / 25) * 25)).toBeLessThan(1e-9);
  }
  expect(schemaErrors(s)).toBe('');
  expect(await renderSVG(s)).toContain('T (°C)');
});

test('lines carry their bands and one Ea label each, at the middle of the line', () => {
  expect(byMark('line')[0].data.values).toHaveLength(18);
  expect(byMark('area')[0].data.values).toHaveLength(18);
  const labels = byMark('text')[0].data.values;
  expect(labels.map((l) => l.energy)).toEqual([activationEnergyLabel(0.44, 0.012), activationEnergyLabel(0.2, 0.012)]);
  expect(labels[0].inverseT).toBeCloseTo(1000 / 320, 12);
});

test('tick helper: 4–7 round values inside the range', () => {
  expect(temperatureTicks(240, 400)).toEqual([250, 300, 350, 400]);
  expect(temperatureTicks(293, 303)).toEqual([294, 296, 298, 300, 302]);
});

test('bad input is a typed InputError naming the field', () => {
  expect(() => arrheniusChart({ points: [] })).toThrow(InputError);
  expect(() => arrheniusChart({ points: [{ temperature_K: 300, value: 0, label: 'x' }] })).toThrow(/points\[0\]\.value/);
  expect(() => arrheniusChart({ points: [{ temperature_K: -1, value: 1, label: 'x' }] })).toThrow(/points\[0\]\.temperature_K/);
  expect(() => arrheniusChart({ points: li.points, lines: [{ ...li.line, upper: undefined }] })).toThrow(/lines\[0\]\.lower\/upper/);
  expect(() => arrheniusChart({ points: li.points, lines: [{ label: 'a', temperature_K: [300, 310], value: [1] }] })).toThrow(/lines\[0\]/);
});

test('toSVG reports compiler warnings to onWarning (how the tests above know there were none)', async () => {
  const warnings: string[] = [];
  const broken = {
    $schema: VEGA_LITE_SCHEMA,
    data: { values: [{ a: 1 }] },
    mark: 'point',
    encoding: { y: { field: 'a', type: 'quantitative', scale: { type: 'log', zero: true } } },
  };
  await toSVG(broken, { onWarning: (m) => warnings.push(m) });
  expect(warnings.join('\n')).toMatch(/"zero" is dropped/);
});
