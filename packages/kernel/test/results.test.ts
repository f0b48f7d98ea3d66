/**
 * show() for the temperature and impedance results: one bundle with the four MIME types, a payload
 * with `kind` (and the data the chart needed), a valid Vega-Lite v5 chart, the physics as escaped
 * HTML and as text. The readers take paths relative to the notebook (the working directory).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  analyzeRates,
  analyzeTrajectory,
  collectTrajectory,
  display,
  fitConductivityArrhenius,
  fitSegmentedArrhenius,
  fitJointBpp,
  fitLineNarrowing,
  InputError,
  physics,
  readConductivity,
  readLinewidths,
  readRateSeries,
  readResult,
  simulate,
} from '@relaxlab/kernel';
import type { Displayable, ShowOptions } from '@relaxlab/kernel';
import { vegaLiteSchemaErrors } from '../../../test/support/vegaLiteSchema';
import {
  bpp,
  circuitFit,
  impedanceAnalysis,
  impedanceSeries,
  crossLinkResult,
  drtResult,
  flanksOf,
  iltResult,
  jonscherFits,
  linewidths,
  narrowing,
  rateSeries,
  sigmaT,
} from '../../plots/test/results';
import { ROOT, RESULT_MIMES, EVIL, inDirectory } from './support';

const { mimeBundle, RELAXLAB_RESULT_MIME, RESULT_SCHEMA, VEGALITE_V5_MIME } = display;
const { gaussian, mulberry32 } = simulate;
const { BOLTZMANN_eV_per_K } = physics;

const MIL121 = join(ROOT, 'examples', 'mil121');

const series = rateSeries();
const cases: Array<[string, Displayable, ShowOptions, string[]]> = [
  ['SegmentedArrheniusResult', sigmaT(), { label: 'Li' }, ['Ea regime I', 'Ea regime II', 'kink 1', 'kink test (Davies)']],
  ['RatePeakFlanks', flanksOf(series[1]), { series: series[1] }, ['low-T flank Ea', 'high-T flank Ea']],
  ['JointBppResult', bpp(series), { series }, ['Ea', 'τ0', 'β', 'low-T flank (β − 1)·Ea', 'Ngai n = 2 − β']],
  ['RateAnalysis', analyzeRates(series, { bpp: {} }), {}, ['low-T flank Ea', 'Ngai n = 2 − β']],
  ['LineNarrowingResult', narrowing(), { series: linewidths() }, ['rigid-lattice width W', 'onset', 'Waugh–Fedin Ea']],
  ['CircuitFitResult', circuitFit(), {}, ['R0', 'R1', 'C1']],
  ['ImpedanceSpectrumAnalysis', impedanceAnalysis(), {}, ['R1', 'CPE2_n', 'τ', 'C·l/A', 'ε_r', 'σ = l/(R1·A)', 'bulk', 'grain boundary']],
  ['ImpedanceSeriesAnalysis', impedanceSeries(), {}, ['p(R1,CPE1) (bulk): Ea', 'p(R2,CPE2) (grain boundary): Ea', 'σ']],
  ['JonscherResult', jonscherFits()[0], {}, ['σDC', 'νc', 'p']],
  ['JonscherIsotherms', jonscherFits(), {}, ['313.0 K: p', '373.0 K: p']],
  ['CrossLinkResult', crossLinkResult(), {}, ['Ngai n = 1 − Ea,NMR/Ea,DC', 'kink 1 temperature', 'kink test (Davies)']],
  ['TrajectoryTransport', trajectoryResult(), {}, ['D*', 'D_σ', 'σ_NE', 'σ_coll', 'H_R']],
  ['RelaxationDistribution', iltResult(), {}, ['λ', 'mean log10(τ/s)', 'fraction', 'width', 'ILT (λ']],
  ['DrtResult', drtResult(), {}, ['λ', 'R∞', 'polarisation ∫γ', 'C = τ/R', 'Lin-KK']],
];

/** An MD result of seeded walkers (rl.simulate), with a temperature so σ is shown. */
function trajectoryResult() {
  const sim = simulate.simulateWalkers({
    walkers: 16,
    frames: 200,
    D_cm2_per_s: 1e-5,
    frameInterval_fs: 100,
    box_A: 10,
    frameworkAtoms: 4,
    seed: 7,
  });
  return analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'] }), { temperature_K: 600 });
}

describe.each(cases)('show(%s)', (kind, result, options, quantities) => {
  const bundle = mimeBundle(result, { ...options, sample: EVIL });
  const html = bundle['text/html'] as string;

  test('one bundle, four MIME types, the payload carries the kind and the sample', () => {
    expect(Object.keys(bundle).sort()).toEqual(RESULT_MIMES);
    const payload = bundle[RELAXLAB_RESULT_MIME] as { kind: string; sample: string };
    expect(payload.kind).toBe(kind);
    expect(payload.sample).toBe(EVIL);
  });

  test('the chart is valid Vega-Lite v5 titled with the sample', () => {
    expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
    expect((bundle[VEGALITE_V5_MIME] as { title: { text: string } }).title.text).toBe(EVIL);
  });

  test('HTML and text name every physical quantity; the sample is escaped in HTML', () => {
    for (const q of quantities) {
      expect(html).toContain(q.replace(/</g, '&lt;'));
      expect(bundle['text/plain']).toContain(q);
    }
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

describe("Davies' kink test in the segmented-Arrhenius display", () => {
  /** "kink test (Davies) = p ≤ P at T K, ΔEa = V ± S eV" in the text report, as numbers. */
  function kinkLine(text: string) {
    const m = /kink test \(Davies\) += p ≤ ([0-9.]+(?:e-\d+)?) at ([0-9.]+) K, ΔEa = (-?[0-9.]+) ± ([0-9.]+) eV/.exec(text);
    expect(m).not.toBeNull();
    const [, p, kink_K, value, stderr] = (m as RegExpExecArray).map(Number);
    return { p, kink_K, value, stderr };
  }

  test('σT with the 1.01 → 0.28 eV kink: text and HTML say p ≤ the bound (to its printed digit) at the candidate kink, ΔEa ≈ 0.73 eV', () => {
    const result = sigmaT();
    const k = result.kinkTest!;
    const bundle = mimeBundle(result, { label: 'Li', sample: 'Li' });
    const printed = kinkLine(bundle['text/plain'] as string);
    expect(k.pValue).toBeLessThan(1e-6);
    expect(Math.abs(printed.p / k.pValue - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(printed.kink_K - k.kink_K)).toBeLessThanOrEqual(0.05 + 1e-9);
    // ΔEa = Ea below − Ea above the kink: the drop 1.01 → 0.28 eV within 3σ (and the grid's offset from 323 K)
    expect(Math.abs(printed.value - (1.01 - 0.28))).toBeLessThan(3 * printed.stderr + 0.05);
    const html = bundle['text/html'] as string;
    expect(html).toMatch(/<td[^>]*>kink test \(Davies\)<\/td><td[^>]*>p ≤ \d\.\de-\d+ at \d{3}\.\d K, ΔEa = 0\.\d+ ± 0\.\d+ eV<\/td>/);
    const subtitle = (bundle[VEGALITE_V5_MIME] as { title: { subtitle: string[] } }).title.subtitle[0];
    expect(subtitle).toMatch(/^Li: kink at .* K \(Davies p ≤ \d\.\de-\d+\)$/);
  });

  test('a segmented fit of rates: the same row, and its chart has the kink and Davies p in the subtitle (valid Vega-Lite)', () => {
    const rand = mulberry32(8);
    const T = Array.from({ length: 30 }, (_, i) => 220 + 6 * i);
    const value = T.map(
      (t) => Math.pow(10, 6 - ((t < 300 ? 0.6 : 0.2) / (BOLTZMANN_eV_per_K * Math.LN10)) * (1 / t - 1 / 300)) * (1 + 0.03 * gaussian(rand)),
    );
    const result = fitSegmentedArrhenius({ temperature_K: T, value, sigma: value.map((v) => 0.03 * v), quantity: 'rate' }, { segments: 2 });
    const bundle = mimeBundle(result, { label: '7Li R1ρ', sample: 'rates' });
    expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
    const spec = bundle[VEGALITE_V5_MIME] as { title: { subtitle: string[] } };
    const m = /^7Li R1ρ: kink at (\d{3}\.\d+) ± (\d\.\d+) K \(Davies p ≤ \d\.\de-\d+\)$/.exec(spec.title.subtitle[0]);
    expect(m).not.toBeNull();
    // the kink the rates were made with, 300 K, within 3σ
    expect(Math.abs(Number(m![1]) - 300)).toBeLessThan(3 * Number(m![2]));
    expect(Math.abs(kinkLine(bundle['text/plain'] as string).value - 0.4)).toBeLessThan(0.1);
  });

  test('too few points for a test: the row gives the reason instead of a p-value', () => {
    const five = fitSegmentedArrhenius({ temperature_K: [250, 260, 270, 280, 290], value: [1, 2.2, 3.9, 6.1, 9], quantity: 'rate' });
    expect(five.kinkTest).toBeNull();
    const bundle = mimeBundle(five);
    expect(bundle['text/plain']).toMatch(/kink test \(Davies\) += none: 5 points cannot hold two segments of ≥ 3 points/);
    expect(bundle['text/html']).toContain('none: 5 points cannot hold two segments of ≥ 3 points');
    expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
  });

  test('the cross-link shows the σT kink test in its table and its text', () => {
    const result = crossLinkResult();
    const bundle = mimeBundle(result);
    const k = result.conductivityArrhenius.kinkTest!;
    expect(bundle['text/plain']).toMatch(/\n {4}kink test \(Davies\) +- +p ≤ \S+ at \d{3}\.\d K, ΔEa = /);
    const m = /kink test \(Davies\) +- +p ≤ ([0-9.]+(?:e-\d+)?) at/.exec(bundle['text/plain'] as string)!;
    expect(Math.abs(Number(m[1]) / k.pValue - 1)).toBeLessThanOrEqual(0.05);
    expect(bundle['text/html']).toMatch(/<tr><td>kink test \(Davies\)<\/td><td>-<\/td><td>p ≤ /);
  });
});

test('a BPP payload keeps the series it was shown with; the HTML value is the fit ± its stderr', () => {
  const result = bpp(series);
  const bundle = mimeBundle(result, { series });
  const payload = bundle[RELAXLAB_RESULT_MIME] as { series: Array<{ points: unknown[] }> };
  expect(payload.series.map((s) => s.points.length)).toEqual(series.map((s) => s.points.length));
  const beta = result.beta!;
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(beta.stderr as number)));
  expect(bundle['text/html']).toContain(`${beta.value.toFixed(decimals)} ± ${(beta.stderr as number).toFixed(decimals)}`);
});

test('line narrowing saved by relaxlab/1 without its widths, shown without them, is an InputError saying what to pass', () => {
  const { points: _points, ...rest } = narrowing();
  const old = { ...rest, schema: 'relaxlab/1' };
  expect(() => mimeBundle(old as Displayable)).toThrow(InputError);
  expect(() => mimeBundle(old as Displayable)).toThrow(/series/);
});

describe('readers relative to the notebook folder (examples/mil121)', () => {
  test('readRateSeries: R1 in 1/s and R1ρ from T1ρ in ms (R = 1/T, σ_R = σ_T/T²), with their metadata', () => {
    const [r1, r1rho] = inDirectory(MIL121, () => [readRateSeries('nmr/li-soaked-R1.csv'), readRateSeries('nmr/li-soaked-R1rho.csv')]);
    // labelled as every face labels a series (core rateSeriesLabel): R1ρ by its spin-lock frequency
    expect([r1.experiment, r1.nucleus, r1.larmor_MHz, r1.label]).toEqual(['R1', '7Li', 116.6, 'R1 7Li 116.6 MHz']);
    expect([r1rho.experiment, r1rho.spinlock_kHz, r1rho.label]).toEqual(['R1rho', 20, 'R1rho 7Li 20 kHz']);
    const p = r1rho.points[0];
    // the first row of li-soaked-R1rho.csv is a time in ms with its σ in ms
    expect(p.sigma! / p.rate_per_s).toBeCloseTo(0.05, 2);
    expect(r1rho.points.every((q) => q.temperature_K > 100)).toBe(true);
  });

  test('the joint BPP fit of the soaked pair gives the published 0.20 eV low-T flank', () => {
    const pair = inDirectory(MIL121, () => [readRateSeries('nmr/li-soaked-R1.csv'), readRateSeries('nmr/li-soaked-R1rho.csv')]);
    const result = fitJointBpp(pair, { datasets: [{ background: 'power-law' }, { background: 'none' }] });
    expect(Math.abs(result.lowTemperatureFlank_eV!.value - 0.2)).toBeLessThan(0.005);
  });

  test('readConductivity: σT (S K/cm) becomes σ = σT/T; the Li fit finds the 1.01 → 0.28 eV kink within 3σ', () => {
    const data = inDirectory(MIL121, () => readConductivity('conductivity/li-sigmaT.csv'));
    expect(data.conductivity_S_per_cm[0] * data.temperature_K[0]).toBeCloseTo(2.93095e-8, 12);
    const fit = fitConductivityArrhenius(data);
    expect(fit.segments).toHaveLength(2);
    [1.01, 0.28].forEach((truth, k) => {
      const e = fit.segments[k].activationEnergy_eV;
      expect(Math.abs(e.value - truth)).toBeLessThan(3 * (e.stderr as number));
    });
  });

  test('readLinewidths: kHz and °C converted; the fit finds W = 5.0 kHz', () => {
    const widths = inDirectory(MIL121, () => readLinewidths('nmr/li-linewidth.csv'));
    expect(widths.points[0].temperature_K).toBeCloseTo(253.15, 9);
    expect(widths.points[0].linewidth_Hz).toBeCloseTo(5102, 9);
    expect(widths.points[0].sigma).toBeCloseTo(50, 9);
    expect(Math.abs(fitLineNarrowing(widths).rigidLatticeWidth_Hz.value - 5000)).toBeLessThan(50);
  });

  test('a missing column is an InputError naming the file and the field', () => {
    const e = (() => {
      try {
        inDirectory(MIL121, () => readRateSeries('conductivity/li-sigmaT.csv'));
      } catch (err) {
        return err as InputError;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain('conductivity/li-sigmaT.csv');
    expect(e.message).toContain('# experiment');
  });
});

describe('results saved by relaxlab/1 (core/test/fixtures/relaxlab-1)', () => {
  const FIXTURES = join(ROOT, 'packages', 'core', 'test', 'fixtures', 'relaxlab-1');

  test('readResult migrates them; show() of the migrated rate analysis draws each series with its flank lines', () => {
    const analysis = inDirectory(FIXTURES, () => readResult<Displayable>('rate-analysis.json'));
    expect((analysis as { schema: string }).schema).toBe(RESULT_SCHEMA);
    const bundle = mimeBundle(analysis);
    expect(Object.keys(bundle).sort()).toEqual(RESULT_MIMES);
    expect(vegaLiteSchemaErrors(bundle[VEGALITE_V5_MIME])).toBe('');
    expect(bundle['text/plain']).toMatch(/7Li R1ρ 20 kHz: high-T flank Ea += 0\.2\d+ ± /);
    expect(bundle['text/html']).toContain('saved by relaxlab/1, which made none for series under 5 points');
  });

  test('show() of a relaxlab/1 payload migrates it too: the payload sent is relaxlab/2', () => {
    const saved = JSON.parse(readFileSync(join(FIXTURES, 'segmented.json'), 'utf8')) as Displayable;
    const payload = mimeBundle(saved)[RELAXLAB_RESULT_MIME] as { schema: string; kinkTest: unknown };
    expect(payload.schema).toBe(RESULT_SCHEMA);
    expect(payload.kinkTest).not.toBeNull();
  });
});
