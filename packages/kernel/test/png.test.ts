/**
 * show(result, { png: true }): the usual output, then the chart as an image/png output (for
 * viewers without Vega-Lite) shown at the chart's size; never by default; sent to the cell that
 * asked for it.
 */
import { join } from 'path';
import { fitJointBpp, inverseTemperatureGrid_K, mulberry32, simulateRateSeries } from '@relaxlab/core';
import { analyzeTransient, curveFit, display, plots, readTransient, show } from '@relaxlab/kernel';
import { RESULT_MIMES } from './support';

const { mimeBundle, setDisplaySink, VEGALITE_V5_MIME } = display;
type DisplayContent = display.DisplayContent;
type VegaLiteSpec = plots.VegaLiteSpec;

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', '17O-satrec-lamox');
const PNG_SIGNATURE = '89504e470d0a1a0a';

function recorder() {
  const sent: DisplayContent[] = [];
  return { sent, sink: (content: DisplayContent) => void sent.push(content) };
}

/** Runs `run` with displays going to a recorder; the sink is restored before the result is awaited. */
function displayed<T>(run: () => T): { sent: DisplayContent[]; value: T } {
  const { sent, sink } = recorder();
  const previous = setDisplaySink(sink);
  try {
    return { sent, value: run() };
  } finally {
    setDisplaySink(previous);
  }
}

const transient = readTransient(join(EXAMPLE, 'ct1t2.txt'));

describe('show(result, { png: true }) with the 17O LAMOX saturation recovery', () => {
  const analysis = analyzeTransient(transient);

  test('the usual output unchanged, then a second one: the chart as PNG at 2× its SVG size, displayed at 1×', async () => {
    const { sent, value } = displayed(() => show(analysis, { sample: 'LAMOX', png: true }));
    // the usual output goes out at once; the PNG when it is rendered
    expect(sent).toHaveLength(1);
    expect(value).toBeInstanceOf(Promise);
    await value;
    expect(sent).toHaveLength(2);
    expect(sent[0].data).toEqual(mimeBundle(analysis, { sample: 'LAMOX' }));
    expect(sent[0].metadata).toEqual({});

    const { data, metadata } = sent[1];
    expect(Object.keys(data).sort()).toEqual(['image/png', 'text/plain']);
    expect(data['text/plain']).toContain('"LAMOX"');
    const png = Buffer.from(data['image/png'] as string, 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    const svg = await plots.toSVG(sent[0].data[VEGALITE_V5_MIME] as VegaLiteSpec);
    const root = /<svg\b[^>]*>/.exec(svg)![0];
    const width = Number(/\swidth="([0-9.]+)"/.exec(root)![1]);
    const height = Number(/\sheight="([0-9.]+)"/.exec(root)![1]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * width, 2 * height]);
    expect(metadata).toEqual({ 'image/png': { width, height } });
  });

  test('is off by default: show() returns nothing and sends no image/png', () => {
    const series = [
      simulateRateSeries({
        experiment: 'R1',
        nucleus: '7Li',
        larmor_MHz: 116.6,
        temperature_K: inverseTemperatureGrid_K(180, 450, 18),
        model: { spectralDensity: 'bpp', activationEnergy_eV: 0.3, tau0_s: 1e-13, prefactor_per_s2: 1e10 },
        relativeNoise: 0.05,
        random: mulberry32(1),
      }),
    ];
    const { sent, value } = displayed(() => show(fitJointBpp(series), { series }));
    expect(value).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0].data).sort()).toEqual(RESULT_MIMES);
    expect(sent[0].metadata).toEqual({});
  });

  test('the PNG goes to the display of the call, even when another cell has taken over the sink before it is ready', async () => {
    const result = curveFit({ x: transient.delay_s, y: transient.signal, model: 'M0*(1 - exp(-x/T1))', params: { M0: 1, T1: 0.003 } });
    const first = recorder();
    const later = recorder();
    const previous = setDisplaySink(first.sink);
    let pending: Promise<void>;
    try {
      pending = show(result, { png: true });
      setDisplaySink(later.sink);
    } finally {
      setDisplaySink(previous);
    }
    await pending;
    expect(first.sent).toHaveLength(2);
    expect(first.sent[1].data['image/png']).toEqual(expect.any(String));
    expect(later.sent).toHaveLength(0);
  });

  test('png that is not a boolean is an InputError on field png', () => {
    const bad = { png: 'yes' } as unknown as { png: true };
    const { sent } = displayed(() =>
      expect(() => show(analysis, bad)).toThrow(expect.objectContaining({ name: 'InputError', field: 'png' })),
    );
    expect(sent).toHaveLength(0);
  });
});
