/** Files in the RelaxLab viewer: the bundles built from real example files. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { RELAXLAB_RESULT_MIME, RESULT_SCHEMA, VEGALITE_V5_MIME } from '@relaxlab/core';
import { parseImpedanceText } from '@relaxlab/io';
import { brushSource } from '../src/arrheniusWindow';
import { fileBundle } from '../src/fileView';
import { resultView } from '../src/payload';
import { vegaLiteSchemaErrors } from '../../../test/support/vegaLiteSchema';
import { drtResult, iltResult } from '../../plots/test/results';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

test('a ZPlot .z file: a valid Nyquist chart of −Z″ vs Z′ with every point, and the data table', () => {
  const path = 'examples/impedance-dummy-cells/Circuit1_EIS_1.z';
  const text = read(path);
  const spectrum = parseImpedanceText(text, path).spectra[0];
  const bundle = fileBundle(path, text);
  const spec = bundle[VEGALITE_V5_MIME] as { data: { values: Array<{ x: number; y: number }> } };
  expect(vegaLiteSchemaErrors(spec)).toBe('');
  expect(spec.data.values).toHaveLength(spectrum.frequency_Hz.length);
  expect(spec.data.values[3]).toMatchObject({ x: spectrum.zReal_ohm[3], y: -spectrum.zImag_ohm[3] });
  const view = resultView(bundle);
  expect(view.kind).toBe('ImpedanceFileView');
  expect(view.table!.rows).toHaveLength(spectrum.frequency_Hz.length);
  expect(view.statistics.find(([k]) => k === 'format')).toEqual(['format', 'zplot']);
});

test('a σT table with temperatures becomes a brushable Arrhenius view in SI units', () => {
  const path = 'examples/mil121/conductivity/li-sigmaT.csv';
  const bundle = fileBundle(path, read(path));
  const payload = bundle[RELAXLAB_RESULT_MIME] as { kind: string; sample: string };
  expect(payload.kind).toBe('ArrheniusTableView');
  expect(payload.sample).toMatch(/^MIL-121 soaked/);
  const source = brushSource(payload)!;
  expect(source.series[0].quantity).toBe('sigmaT');
  expect(source.series[0].temperature_K[0]).toBe(233.15);
  expect(source.series[0].value[0]).toBe(2.93095e-8);
  expect(source.series[0].sigma![0]).toBe(8.79284e-10);
});

test('a transient table (no temperature) is drawn column against column', () => {
  const path = 'examples/17O-satrec-lamox/transient.csv';
  const bundle = fileBundle(path, read(path));
  expect((bundle[RELAXLAB_RESULT_MIME] as { kind: string }).kind).toBe('DataTableView');
  expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
  expect(brushSource(bundle[RELAXLAB_RESULT_MIME])).toBeUndefined();
});

test('a result JSON saved by relaxlab/1 is migrated before it is shown, as a bundle or as a payload', () => {
  const text = read('packages/core/test/fixtures/relaxlab-1/rate-analysis.json');
  const payload = fileBundle('r.json', text)[RELAXLAB_RESULT_MIME] as { schema: string; arrhenius: unknown[] };
  expect(payload.schema).toBe(RESULT_SCHEMA);
  expect(payload.arrhenius).toHaveLength(3);
  const bundle = fileBundle('b.json', JSON.stringify({ [RELAXLAB_RESULT_MIME]: JSON.parse(text), 'text/plain': 'x' }));
  expect((bundle[RELAXLAB_RESULT_MIME] as { schema: string }).schema).toBe(RESULT_SCHEMA);
  expect(brushSource(payload)!.series.map((s) => s.label)).toEqual(['7Li R1 116.6 MHz', '7Li R1ρ 20 kHz', '7Li R1ρ 20 kHz (4 points)']);
});

test('result JSON: a payload with kind is shown, anything else is refused with the file name', () => {
  const payload = { kind: 'ArrheniusResult', quantity: 'rate', activationEnergy_eV: { value: 0.4, stderr: 0.01 } };
  expect(fileBundle('a/r.relaxlab.json', JSON.stringify(payload))[RELAXLAB_RESULT_MIME]).toEqual(payload);
  expect(() => fileBundle('a/r.json', '{"no": "kind"}')).toThrow('r.json is not a RelaxLab result');
  expect(() => fileBundle('a/r.json', '{')).toThrow('r.json is not JSON');
});

test.each([
  ['relaxlab ilt --json', iltResult(), 'density', 'fraction per decade of τ'],
  ['relaxlab drt --json', drtResult(), 'gamma_ohm', 'γ (Ω)'],
] as const)('the JSON of %s saved to a file: its distribution and band on log τ, and its value table', (_, result, field, yTitle) => {
  const bundle = fileBundle('cell.json', JSON.stringify(result));
  const spec = bundle[VEGALITE_V5_MIME] as {
    data: { values: Array<{ label: string; x: number; y: number }> };
    layer: Array<{ encoding: any }>;
  };
  expect(vegaLiteSchemaErrors(spec)).toBe('');
  expect(spec.layer[0].encoding.x.scale).toEqual({ type: 'log' });
  expect(spec.layer[0].encoding.y.title).toBe(yTitle);
  const of = (label: string) => spec.data.values.filter((r) => r.label === label);
  expect(of('distribution').map((r) => [r.x, r.y])).toEqual(
    result.tau_s.map((t, i) => [t, (result as unknown as Record<string, number[]>)[field][i]]),
  );
  expect(of('band (lower)').map((r) => r.y)).toEqual(result.lower);
  expect(of('band (upper)').map((r) => r.y)).toEqual(result.upper);
  const rows = resultView(bundle).rows;
  expect(rows.find((r) => r.name === 'peaks[1].tau')).toMatchObject({ value: result.peaks[1].tau_s.value, unit: 's' });
});
