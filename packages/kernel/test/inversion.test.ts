/**
 * The distributions of relaxation times in a notebook: rl.relaxationDistribution and
 * rl.distributionOfRelaxationTimes on files read relative to the notebook, show() of both kinds as
 * ONE display with the four MIME types, the payload being the result itself, the HTML listing
 * each peak with its errors and (ILT) the model comparison, the text being core's report.
 */
import { join } from 'path';
import {
  display,
  distributionOfRelaxationTimes,
  readImpedance,
  readTransient,
  relaxationDistribution,
  reports,
  show,
} from '@relaxlab/kernel';
import { vegaLiteSchemaErrors } from '../../../test/support/vegaLiteSchema';
import { displayed, EVIL, inDirectory, RESULT_MIMES, ROOT } from './support';

const { mimeBundle, RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME } = display;
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('ILT of the 17O LAMOX recovery (examples/17O-satrec-lamox), read from the notebook folder', () => {
  // the notebooks sit in notebooks/: the example is ../examples/…
  const transient = inDirectory(join(ROOT, 'notebooks'), () => readTransient('../examples/17O-satrec-lamox/transient.csv'));
  const ilt = relaxationDistribution(transient, { replicates: 50, seed: 15 });
  const sent = displayed(() => show(ilt, { sample: 'LAMOX' }));
  const data = sent[0].data as Record<string, unknown>;

  test('one display, four MIME types; the payload is the result as JSON with the sample, the chart valid Vega-Lite v5', () => {
    expect(sent).toHaveLength(1);
    expect(Object.keys(data).sort()).toEqual(RESULT_MIMES);
    expect(data[RELAXLAB_RESULT_MIME]).toEqual({ ...json(ilt), sample: 'LAMOX' });
    expect(vegaLiteSchemaErrors(data[VEGALITE_V5_MIME])).toBe('');
  });

  test("the main peak is the preferred usual fit's T1 and its fraction the saturation it reached (a); the rest sits below the first delay", () => {
    // the incomplete saturation (a ≈ 0.81 in template 01) is a part of M that has recovered before the
    // first delay: to an ILT a component faster than every delay, at the short end of the τ grid
    const preferred = ilt.comparison!.preferred;
    expect(preferred).toMatch(/^saturation-recovery \[M_inf, T1, a/);
    const main = ilt.peaks.reduce((a, b) => (b.fraction.value > a.fraction.value ? b : a));
    const fast = ilt.peaks[0];
    expect(fast.tau_s.value).toBeLessThan(transient.delay_s[0]);
    // measured: τ 4.58 ± 0.35 ms, fraction 0.817 ± 0.016 against T1 = 4.46 ms, a = 0.813 of the three-parameter fit
    expect(Math.abs(main.tau_s.value - 4.46e-3)).toBeLessThan(3 * main.tau_s.stderr!);
    expect(Math.abs(main.fraction.value - 0.813)).toBeLessThan(3 * main.fraction.stderr!);
  });

  test("HTML: λ and its rule, each peak's τ, fraction and width ± 1σ, the comparison table with the ILT's row; text: core's report", () => {
    const html = data['text/html'] as string;
    expect(html).toContain('λ (regularisation)');
    expect(html).toContain('discrepancy');
    for (const k of [1, 2]) for (const q of ['τ (maximum)', 'fraction', 'width']) expect(html).toContain(`peak ${k}: ${q}`);
    expect(html).toMatch(/4\.\d+ ± 0\.\d+ ms/);
    // the incomplete saturation's peak sits at the grid's first τ: a bound, without its error
    expect(ilt.peaks[0].tau_s.value / ilt.tau_s[0]).toBeCloseTo(1, 12);
    expect(html).toMatch(/≤ 1\.\d+ µs<\/td><td[^>]*>at the start of the τ grid: a bound, not a position/);
    expect(html).toContain('class="relaxlab-comparison"');
    expect(html).toContain('ILT (λ = ');
    expect(html).toContain('relaxlab-warnings');
    expect(data['text/plain']).toBe(`LAMOX\n${reports.relaxationDistributionReport(ilt)}`);
  });
});

describe('DRT of the dummy cells (examples/impedance-dummy-cells): one dominant peak at R1·C1', () => {
  // impedance.py's reference fits of R0-p(R1,C1) (shared/data/README.md)
  const reference = [
    { file: 'Circuit1_EIS_1.z', R0: 29.14, R1: 46.65, C1: 1.043e-5 },
    { file: 'Circuit2_EIS_1.z', R0: 150.3, R1: 502.5, C1: 3.11e-8 },
    { file: 'Circuit3_EIS_1.z', R0: 1506, R1: 4632, C1: 2.018e-8 },
  ];

  test.each(reference)('$file: τ within 5 % of R1·C1, R within 5 % of R1, R∞ within 1 % of R0', ({ file, R0, R1, C1 }) => {
    const spectrum = inDirectory(join(ROOT, 'notebooks'), () => readImpedance(`../examples/impedance-dummy-cells/${file}`).spectra[0]);
    const drt = distributionOfRelaxationTimes(spectrum, { replicates: 30, seed: 1 });
    const main = drt.peaks.reduce((a, b) => (b.resistance_ohm.value > a.resistance_ohm.value ? b : a));
    expect(main.fraction.value).toBeGreaterThan(0.9);
    expect(Math.abs(main.tau_s.value / (R1 * C1) - 1)).toBeLessThan(0.05);
    expect(Math.abs(main.resistance_ohm.value / R1 - 1)).toBeLessThan(0.05);
    expect(Math.abs(drt.R_inf_ohm.value / R0 - 1)).toBeLessThan(0.01);
  });

  test('show(): four MIME types, payload = the result, HTML with R∞, each peak (τ, R, C = τ/R) and the residual level beside Lin-KK', () => {
    const spectrum = inDirectory(
      join(ROOT, 'notebooks'),
      () => readImpedance('../examples/impedance-dummy-cells/Circuit2_EIS_1.z').spectra[0],
    );
    const drt = distributionOfRelaxationTimes(spectrum, { replicates: 30, seed: 1 });
    const bundle = mimeBundle(drt, { sample: EVIL });
    expect(Object.keys(bundle).sort()).toEqual(RESULT_MIMES);
    expect(bundle[RELAXLAB_RESULT_MIME]).toEqual({ ...json(drt), sample: EVIL });
    expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
    const html = bundle['text/html'] as string;
    for (const q of ['R∞', 'polarisation ∫γ', 'peak 1: τ (maximum)', 'peak 1: R', 'peak 1: C = τ/R', 'RMS of (Z − Ẑ)/|Z|', 'Lin-KK'])
      expect(html).toContain(q);
    expect(html).not.toContain('<img');
    expect(bundle['text/plain']).toBe(`${EVIL}\n${reports.drtReport(drt)}`);
    const bare = mimeBundle({ ...drt, band: { ...drt.band, replicates: 0 } })['text/html'] as string;
    expect(bare).toContain('no band and no errors (0 bootstrap replicates)');
  });
});

test('a result of another kind with a distribution kind is an InputError from the chart, naming what it expected', () => {
  expect(() => mimeBundle({ schema: 'relaxlab/2', kind: 'DrtResult' } as never)).toThrow(/distributionOfRelaxationTimes/);
});
