/**
 * The notebook face without a kernel: MIME bundles (four types, one output), escaping of user
 * text, files relative to the working directory, the display sink. The real tslab kernel is
 * exercised by test/notebooks.test.ts.
 */
import { join } from 'path';
import { analyzeTransient, curveFit, display, fitTransient, InputError, readTransient, show } from '@relaxlab/kernel';
import type { FitResult } from '@relaxlab/kernel';
import { escapeHtml } from '../src/html';
import { vegaLiteSchemaErrors } from '../../../test/support/vegaLiteSchema';
import { ROOT, RESULT_MIMES, EVIL, inDirectory } from './support';

const { mimeBundle, setDisplaySink, RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME } = display;
type DisplayContent = display.DisplayContent;

const EXAMPLE = join(ROOT, 'examples', '17O-satrec-lamox');

const transient = inDirectory(EXAMPLE, () => readTransient('ct1t2.txt'));

describe('readTransient: paths relative to the notebook (the working directory)', () => {
  test('reads the 15 LAMOX delays and keeps the path as written (provenance reads the same everywhere)', () => {
    expect(transient.delay_s).toHaveLength(15);
    expect(transient.source.file).toBe('ct1t2.txt');
  });
  test('a missing file is an InputError that says where it looked', () => {
    const e = inDirectory(EXAMPLE, () => {
      try {
        readTransient('nope.txt');
      } catch (err) {
        return err as InputError;
      }
      throw new Error('no error');
    });
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain(join(EXAMPLE, 'nope.txt'));
    expect(e.message).toContain("the notebook's folder");
  });
});

describe('mimeBundle of a FitResult', () => {
  const fit = fitTransient(transient, { model: 'saturation-recovery' });
  const bundle = mimeBundle(fit, { sample: 'LAMOX' });

  test('carries exactly the four MIME types; the payload is the result (kind FitResult) as JSON', () => {
    expect(Object.keys(bundle).sort()).toEqual(RESULT_MIMES);
    const payload = bundle[RELAXLAB_RESULT_MIME] as FitResult & { sample: string };
    expect(payload.kind).toBe('FitResult');
    expect(payload.sample).toBe('LAMOX');
    expect(payload.params.T1.value).toBe(fit.params.T1.value);
  });

  test("the chart is valid Vega-Lite v5; the text is the lmfit-style report with TopSpin's T1 = 2.658 ms", () => {
    expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
    expect(bundle['text/plain']).toMatch(/\[\[Variables\]\][\s\S]*T1: +0\.002658\d* \+\/- /);
  });

  test('the HTML table shows T1 ± 1σ in ms and marks a and γ as fixed', () => {
    const html = bundle['text/html'] as string;
    const T1 = fit.params.T1;
    expect(html).toContain(`${(T1.value * 1e3).toFixed(2)} ± ${(T1.stderr! * 1e3).toFixed(2)} ms`);
    expect(html.match(/fixed/g)).toHaveLength(2);
  });
});

describe(`user text is escaped: a sample called ${EVIL}`, () => {
  const fit = curveFit(
    { x: transient.delay_s, y: transient.signal, model: 'I0*(1 - exp(-x/T1))', params: { I0: 1, T1: 1e-3 } },
    { name: '<script>alert(2)</script>', units: { T1: 's', I0: '<b>a.u.</b>' } },
  );
  const bundle = mimeBundle(fit, { sample: EVIL });
  const html = bundle['text/html'] as string;

  test('the HTML holds the name, model name and units as text, never as elements', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;a.u.&lt;/b&gt;');
    expect(html).not.toMatch(/<img|<script|<b>a/);
  });

  test('chart title, payload and text keep the name verbatim (text, drawn as text)', () => {
    expect((bundle[VEGALITE_V5_MIME] as { title: { text: string } }).title.text).toBe(EVIL);
    expect((bundle[RELAXLAB_RESULT_MIME] as { sample: string }).sample).toBe(EVIL);
    expect((bundle['text/plain'] as string).split('\n')[0]).toBe(EVIL);
  });

  test('escapeHtml covers the five HTML-special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('analyzeTransient on the LAMOX transient', () => {
  const analysis = analyzeTransient(transient, { sample: 'LAMOX' });
  const bundle = mimeBundle(analysis);

  test('prefers the saturation-efficiency model (incomplete saturation: 18 % signal at 5 µs)', () => {
    expect(analysis.kind).toBe('TransientAnalysis');
    expect(analysis.comparison.preferred).toBe('saturation-recovery [M_inf, T1, a]');
    expect(analysis.best.params.a.value).toBeLessThan(0.9);
    expect(analysis.best.params.a.value).toBeGreaterThan(0.7);
  });

  test('one bundle with the four types; candidates travel without their dense curves', () => {
    expect(Object.keys(bundle).sort()).toEqual(RESULT_MIMES);
    const payload = bundle[RELAXLAB_RESULT_MIME] as { kind: string; sample: string; fits: FitResult[]; best: FitResult };
    expect(payload.kind).toBe('TransientAnalysis');
    expect(payload.sample).toBe('LAMOX');
    expect(payload.fits).toHaveLength(analysis.fits.length);
    expect(payload.fits.every((f) => f.curve === undefined)).toBe(true);
    expect(payload.best.curve!.x).toHaveLength(200);
    expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
    expect(bundle['text/plain']).toContain('[[Model Comparison]]');
    expect(bundle['text/html']).toContain('(preferred)');
  });

  test('a bare { fits, comparison } from compareTransientModels shows the same way', () => {
    const again = mimeBundle({ fits: analysis.fits, comparison: analysis.comparison });
    expect((again[RELAXLAB_RESULT_MIME] as { best: FitResult }).best.varyNames).toEqual(['M_inf', 'T1', 'a']);
  });

  test('anything else is an InputError naming what can be shown', () => {
    expect(() => mimeBundle({ kind: 'Transient' } as never)).toThrow(/cannot display this value.*kind Transient/);
    expect(() => mimeBundle(analysis.best, { sample: 42 as never })).toThrow(InputError);
  });
});

describe('show: ONE display_data with every MIME type', () => {
  const fit = fitTransient(transient, { model: 'saturation-recovery' });

  test('goes to the display sink as a single message', () => {
    const sent: Array<{ content: DisplayContent; update: boolean }> = [];
    const previous = setDisplaySink((content, update) => sent.push({ content, update }));
    try {
      show(fit, { sample: 'LAMOX' });
    } finally {
      setDisplaySink(previous);
    }
    expect(sent).toHaveLength(1);
    expect(sent[0].update).toBe(false);
    expect(Object.keys(sent[0].content.data).sort()).toEqual(RESULT_MIMES);
  });

  test('outside a notebook the text report is printed', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      show(fit);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toMatch(/^\[\[Model\]\]/);
  });
});
