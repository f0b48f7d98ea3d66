/**
 * Charts of the distributions of relaxation times: the distribution with its band and peaks beside
 * the data with the reconstruction and the residuals. Valid Vega-Lite v5, rendered without
 * warnings, and every drawn number is the result's own (to the 6 digits the rows keep).
 */
import { formatEstimate, formatQuantity, gaussian, InputError, mulberry32, relaxationDistribution } from '@relaxlab/core';
import { drtChart, relaxationDistributionChart } from '@relaxlab/plots';
import { inlineData, layersOf as layersOfAny, renderSVG, schemaErrors } from './support';
import { blockedDrtResult, DRT_TRUTH, drtResult, ILT_TRUTH, iltResult } from './results';

type Row = Record<string, any>;
type Layer = { mark: { type: string; shape?: string }; data: { values: Row[] }; encoding: Record<string, any> };
type Panel = { width: number; height: number; layer: Layer[] };
const layersOf = (panel: Panel, mark: string) => layersOfAny(panel, mark) as unknown as Layer[];

/** Within half a unit of the 6th significant digit. */
const close6 = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(5e-6 * Math.abs(b) + 1e-300);

/** The distribution panel and the two panels stacked beside it (data or Nyquist, residuals), rows inline. */
function panelsOf(spec: object): [Panel, Panel, Panel] {
  const [distribution, right] = (inlineData(spec) as { hconcat: [Panel, { vconcat: [Panel, Panel] }] }).hconcat;
  return [distribution, ...right.vconcat];
}

/** The peak marks of a distribution panel: the triangles, their τ-interval rules, their labels. */
function peakLayers(panel: Panel) {
  return {
    marks: panel.layer.find((l) => l.mark.type === 'point' && l.mark.shape === 'triangle-down')!.data.values,
    rules: layersOf(panel, 'rule')[0]?.data.values ?? [],
    labels: layersOf(panel, 'text')[0].data.values,
  };
}

describe('relaxationDistributionChart: two T1 populations (2 ms, 60 ms; 35:65; SNR 300)', () => {
  const result = iltResult();
  const spec = relaxationDistributionChart(result, { title: 'LLZO 7Li 300 K' });
  const [distribution, data, residual] = panelsOf(spec);

  test('the result drawn is the truth: two peaks at 2 and 60 ms within 15 %, fractions within 0.05', () => {
    expect(result.peaks).toHaveLength(2);
    result.peaks.forEach((p, k) => {
      expect(Math.abs(p.tau_s.value / ILT_TRUTH.T1_s[k] - 1)).toBeLessThan(0.15);
      expect(Math.abs(p.fraction.value - ILT_TRUTH.fraction[k])).toBeLessThan(0.05);
    });
  });

  test('valid, rendered, units on every axis, the peaks and λ in the subtitle', async () => {
    expect(schemaErrors(spec)).toBe('');
    const svg = await renderSVG(spec);
    const wanted = ['τ (ms)', 'fraction per decade of τ', 'delay (ms)', 'signal (a.u.)', 'residual', 'LLZO 7Li 300 K', '2 peaks', 'λ = '];
    expect(wanted.filter((t) => !svg.includes(t))).toEqual([]);
    const subtitle = (spec.title as { subtitle: string[] }).subtitle.join('\n');
    expect(subtitle).toMatch(/1: τ = \d\.\d+ ± \d\.\d+ ms \(fraction 0\.3\d+ ± 0\.0\d+\)/);
  });

  test('the distribution line and its band are the density and the band on τ in ms, band around the line', () => {
    const line = layersOf(distribution, 'line')[0].data.values;
    const band = layersOf(distribution, 'area')[0];
    expect(band.encoding.y.field).toBe('lower');
    expect(band.encoding.y2.field).toBe('upper');
    expect(line).toHaveLength(result.tau_s.length);
    line.forEach((r, i) => {
      close6(r.tau, result.tau_s[i] * 1e3);
      close6(r.value, result.density[i]);
      close6(r.lower, result.lower[i]);
      close6(r.upper, result.upper[i]);
      expect(r.lower).toBeLessThanOrEqual(r.value + 1e-12);
      expect(r.upper).toBeGreaterThanOrEqual(r.value - 1e-12);
    });
    expect(layersOf(distribution, 'line')[0].encoding.x.scale).toEqual({ type: 'log' });
  });

  test('each peak is marked at its τ (on the curve) with its band interval of τ as a bar, numbered 1, 2', () => {
    const { marks, rules, labels } = peakLayers(distribution);
    expect(marks).toHaveLength(2);
    expect(labels.map((l) => l.label)).toEqual(['1', '2']);
    marks.forEach((m, k) => {
      const tau = result.peaks[k].tau_s.value;
      close6(m.tau, tau * 1e3);
      // on the drawn curve: between the density at the grid points either side of τ
      const j = result.tau_s.findIndex((t) => t >= tau);
      const [a, b] = [result.density[Math.max(j - 1, 0)], result.density[j]];
      expect(m.value).toBeGreaterThanOrEqual(Math.min(a, b) * (1 - 1e-5));
      expect(m.value).toBeLessThanOrEqual(Math.max(a, b) * (1 + 1e-5));
      expect(m.value).toBeGreaterThan(0);
    });
    expect(rules).toHaveLength(2);
    rules.forEach((r, k) => {
      close6(r.from, result.peaks[k].tauLower_s! * 1e3);
      close6(r.to, result.peaks[k].tauUpper_s! * 1e3);
      expect(r.from).toBeLessThanOrEqual(r.tau);
      expect(r.to).toBeGreaterThanOrEqual(r.tau);
    });
  });

  test('data panel: the signal with σ bars, the ILT reconstruction, residual = data − reconstruction below on the same log delay axis', () => {
    const points = layersOf(data, 'point')[0].data.values;
    expect(points).toHaveLength(result.delay_s.length);
    points.forEach((p, i) => {
      close6(p.delay, result.delay_s[i] * 1e3);
      close6(p.signal, result.signal[i]);
      close6(p.fit, result.fitted[i]);
      close6(p.residual, result.signal[i] - result.fitted[i]);
    });
    expect(layersOf(data, 'rule')).toHaveLength(1);
    expect(layersOf(data, 'line')[0].encoding.x.scale).toEqual({ type: 'log' });
    expect(layersOf(residual, 'point')[0].encoding.x.axis.title).toBe('delay (ms)');
    expect(layersOf(residual, 'point')[0].data.values).toBe(points);
  });

  test('the usual fits of the same data beside it: the one BIC prefers, the ILT ΔBIC, the stretched β and the SNR', () => {
    const c = result.comparison!;
    const ilt = c.rows.find((r) => r.label.startsWith('ILT'))!;
    const subtitle = (spec.title as { subtitle: string[] }).subtitle.join(' ').replace(/\s+/g, ' ');
    expect(c.preferred).toMatch(/^saturation-recovery-2/); // two populations: the two-component fit
    expect(subtitle).toContain(`beside the usual fits: ${c.preferred} preferred by BIC; ILT ΔBIC ${ilt.deltaBic.toFixed(1)}`);
    expect(subtitle).toContain(`stretched fit β = ${result.stretchedBeta!.toFixed(2)}; SNR ${result.snr!.toFixed(0)}`);
    expect(JSON.stringify(relaxationDistributionChart({ ...result, comparison: undefined }).title)).not.toMatch(/usual fits/);
  });

  test("a peak at the grid's end is written as a bound, without its degenerate error", () => {
    const edge = { ...result, peaks: [{ ...result.peaks[0], tau_s: { value: result.tau_s[0], stderr: 1e-19 } }, result.peaks[1]] };
    const text = (relaxationDistributionChart(edge).title as { text: string[] }).text.join(' ');
    expect(text).toContain(`1: τ ≤ ${formatQuantity(result.tau_s[0], null, 's')} (grid's start)`);
    expect(text).not.toContain('e-19');
  });

  test('without bootstrap replicates the subtitle says there is no band (not "95 % band from 0 replicates")', () => {
    const bare = relaxationDistributionChart({ ...result, band: { ...result.band, replicates: 0 } });
    expect(JSON.stringify(bare.title)).toContain('no band and no errors (0 bootstrap replicates)');
    expect(JSON.stringify(bare.title)).not.toContain('% band from');
  });

  test('every warning of the result is a ⚠ line of the subtitle', () => {
    const warned = relaxationDistributionChart({ ...result, warnings: ['an ILT of a stretched exponential <b>'] });
    expect((warned.title as { text: string[] }).text).toContain('⚠ an ILT of a stretched exponential <b>');
    // a long warning is broken into lines of at most 110 characters
    const long = relaxationDistributionChart({ ...result, warnings: ['word '.repeat(60).trim()] });
    const lines = (long.title as { text: string[] }).text.filter((l) => l.includes('word'));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => l.length <= 110)).toBe(true);
    expect(lines.join(' ').replace(/ +/g, ' ')).toBe(`⚠ ${'word '.repeat(60).trim()}`);
  });

  test('another kind is an InputError naming what is expected', () => {
    expect(() => relaxationDistributionChart({ kind: 'DrtResult' } as never)).toThrow(InputError);
    expect(() => relaxationDistributionChart({ kind: 'DrtResult' } as never)).toThrow(/RelaxationDistribution/);
  });
});

describe('drtChart: R0 + two RC arcs (τ = 1 µs and 1 ms)', () => {
  const result = drtResult();
  const spec = drtChart(result, { title: 'two arcs' });
  const [distribution, nyquist, residual] = panelsOf(spec);

  test('the result drawn is the truth: peaks at 1 µs and 1 ms within 10 %, R within 5 %', () => {
    expect(result.peaks).toHaveLength(2);
    result.peaks.forEach((p, k) => {
      expect(Math.abs(p.tau_s.value / DRT_TRUTH.tau_s[k] - 1)).toBeLessThan(0.1);
      expect(Math.abs(p.resistance_ohm.value / DRT_TRUTH.R_ohm[k] - 1)).toBeLessThan(0.05);
    });
  });

  test('valid, rendered, units on every axis, R∞ and the peaks in the subtitle', async () => {
    expect(schemaErrors(spec)).toBe('');
    const svg = await renderSVG(spec);
    const wanted = ['γ (Ω)', 'τ (s)', 'Z′ (Ω)', '−Z″ (Ω)', 'f (Hz)', '(Z − Ẑ)/|Z| (%)', 'R∞ = ', '2 peaks', 'Lin-KK'];
    expect(wanted.filter((t) => !svg.includes(t))).toEqual([]);
    // the first peak as value ± error with units: τ ≈ 1 µs and R ≈ 100 Ω (the generating arc, within the 5 %)
    const first = /1: τ = (\d\.\d+) ± \d\.\d+ µs \(R = (\d+\.\d+) ± \d\.\d+ Ω/.exec(
      (spec.title as { subtitle: string[] }).subtitle.join('\n'),
    );
    expect(first).not.toBeNull();
    expect(Math.abs(Number(first![1]) - 1)).toBeLessThan(0.1);
    expect(Math.abs(Number(first![2]) / 100 - 1)).toBeLessThan(0.05);
  });

  test('γ and its band on τ in s; the peaks marked at their τ', () => {
    const line = layersOf(distribution, 'line')[0].data.values;
    line.forEach((r, i) => {
      close6(r.tau, result.tau_s[i]);
      close6(r.value, result.gamma_ohm[i]);
    });
    const { marks } = peakLayers(distribution);
    marks.forEach((m, k) => close6(m.tau, result.peaks[k].tau_s.value));
  });

  test('Nyquist: data and reconstruction on equal spans in a square panel; −Z″ drawn', () => {
    expect(nyquist.width).toBe(nyquist.height);
    const [x0, x1] = nyquist.layer[0].encoding.x.scale.domain;
    const [y0, y1] = nyquist.layer[0].encoding.y.scale.domain;
    expect(x1 - x0).toBeCloseTo(y1 - y0, 9);
    const points = layersOf(nyquist, 'point')[0].data.values;
    const curve = layersOf(nyquist, 'line')[0].data.values;
    points.forEach((p, i) => {
      close6(p.zReal, result.zReal_ohm[i]);
      close6(p.minusZImag, -result.zImag_ohm[i]);
    });
    // the reconstruction at the same frequencies, in frequency order
    expect(curve).toHaveLength(result.frequency_Hz.length);
    const i = result.frequency_Hz.indexOf(Math.min(...result.frequency_Hz));
    close6(curve[0].zReal, result.zFitReal_ohm[i]);
    close6(curve[0].minusZImag, -result.zFitImag_ohm[i]);
  });

  test('residuals: (Z − Ẑ)/|Z| in % of Z′ and Z″, coloured by part, on a log frequency axis as wide as the Nyquist panel', () => {
    expect(residual.width).toBe(nyquist.width);
    const layer = layersOf(residual, 'point')[0];
    expect(layer.encoding.color.field).toBe('part');
    expect(layer.encoding.x.scale).toEqual({ type: 'log' });
    const rows = layer.data.values;
    const n = result.frequency_Hz.length;
    expect(rows).toHaveLength(2 * n);
    close6(rows[3].residual, 100 * result.residualsReal[3]);
    close6(rows[n + 3].residual, 100 * result.residualsImag[3]);
    expect(rows[n + 3].part).toBe('Z″');
  });

  test('another kind is an InputError', () => {
    expect(() => drtChart({ kind: 'RelaxationDistribution', tau_s: [] } as never)).toThrow(/DrtResult/);
  });
});

describe('drtChart of the two arcs with a blocking electrode in series (DRT with a series C)', () => {
  const result = blockedDrtResult();
  const spec = drtChart(result);
  const [distribution, spectrum, residual] = panelsOf(spec);

  test('the two peaks are unchanged by the electrode: τ within 10 %, R within 5 % (issue 15)', () => {
    const found = DRT_TRUTH.tau_s.map((tau) => result.peaks.find((p) => Math.abs(p.tau_s.value / tau - 1) < 0.1));
    found.forEach((p, k) => expect(Math.abs(p!.resistance_ohm.value / DRT_TRUTH.R_ohm[k] - 1)).toBeLessThan(0.05));
    expect(result.capacitance_F).toBeDefined();
  });

  test('the spectrum is Z′ and −Z″ against f on log–log axes (the spike would squeeze the arcs of a Nyquist plot), valid and rendered', async () => {
    expect(schemaErrors(spec)).toBe('');
    const svg = await renderSVG(spec);
    expect(['Z′, −Z″ (Ω)', 'f (Hz)', 'C = '].filter((t) => !svg.includes(t))).toEqual([]);
    const [line] = layersOf(spectrum, 'line');
    const [points] = layersOf(spectrum, 'point');
    expect(points.encoding.y.scale).toEqual({ type: 'log' });
    const positive = (v: number[]) => v.filter((x) => x > 0).length;
    const n = result.frequency_Hz.length;
    expect(points.data.values).toHaveLength(positive(result.zReal_ohm) + positive(result.zImag_ohm.map((z) => -z)));
    const i = 5;
    const at = (rows: Row[], part: string) =>
      rows.find((r) => r.part === part && Math.abs(r.frequency / result.frequency_Hz[i] - 1) < 1e-5)!;
    close6(at(points.data.values, 'Z″').value, -result.zImag_ohm[i]);
    close6(at(line.data.values, 'Z′').value, result.zFitReal_ohm[i]);
    expect(layersOf(residual, 'point')[0].data.values).toHaveLength(2 * n);
    expect(layersOf(distribution, 'line')[0].data.values).toHaveLength(result.tau_s.length);
    // asked for, the Nyquist plot instead
    const [, nyquist] = panelsOf(drtChart(result, { spectrum: 'nyquist' }));
    expect(nyquist.width).toBe(nyquist.height);
    expect(layersOf(nyquist, 'point')[0].encoding.y.title).toBe('−Z″ (Ω)');
  });

  test('τ is labelled at whole decades, every other one when more than one per 45 px would crowd', async () => {
    const svg = await renderSVG(spec);
    const [min, max] = [Math.min(...result.tau_s), Math.max(...result.tau_s)];
    const [lo, hi] = [Math.ceil(Math.log10(min)), Math.floor(Math.log10(max))];
    // more than 8 decades on 360 px, fewer than 16: every other decade
    expect(Math.log10(max / min)).toBeGreaterThan(360 / 45);
    expect(Math.log10(max / min)).toBeLessThan((2 * 360) / 45);
    const label = (d: number) => (d < -3 ? `1e${d}` : String(10 ** d));
    const labels = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
    expect(labels.filter((d) => d % 2 === 0 && !svg.includes(`>${label(d)}<`))).toEqual([]);
    expect(labels.filter((d) => d % 2 !== 0 && d < -3 && svg.includes(`>${label(d)}<`))).toEqual([]);
  });
});

describe('relaxationDistributionChart of the signed and decaying kernels', () => {
  const random = mulberry32(31);
  const t = Array.from({ length: 40 }, (_, i) => 1e-4 * Math.pow(1e4, i / 39));
  // inversion recovery 1 − 2·Σ f·e^(−t/T1): two populations 3 ms and 100 ms, 40:60, σ = 1/200
  const inversion = relaxationDistribution(
    {
      experiment: 'T1-inversion',
      delay_s: t,
      signal: t.map((x) => 1 - 2 * (0.4 * Math.exp(-x / 3e-3) + 0.6 * Math.exp(-x / 0.1)) + gaussian(random) / 200),
    },
    { replicates: 30, seed: 32, compare: false },
  );
  // spin-lock decay 0.8·e^(−t/5 ms) on an offset 0.1
  const decay = relaxationDistribution(
    { experiment: 'T1rho-spinlock', delay_s: t, signal: t.map((x) => 0.8 * Math.exp(-x / 5e-3) + 0.1 + gaussian(random) / 200) },
    { replicates: 30, seed: 33, compare: false, offset: true },
  );

  test('inversion recovery: both populations found (τ within 15 %), the signed data drawn from −1, valid and rendered', async () => {
    [3e-3, 0.1].forEach((T1, k) => expect(Math.abs(inversion.peaks[k].tau_s.value / T1 - 1)).toBeLessThan(0.15));
    const spec = relaxationDistributionChart(inversion);
    expect(schemaErrors(spec)).toBe('');
    await renderSVG(spec);
    const [, data] = panelsOf(spec);
    expect(Math.min(...layersOf(data, 'point')[0].data.values.map((r) => r.signal as number))).toBeLessThan(-0.9);
  });

  test('spin-lock decay with an offset: one peak at 5 ms within 5 %, the offset and amplitude ± 1σ in the subtitle', async () => {
    expect(decay.peaks).toHaveLength(1);
    expect(Math.abs(decay.peaks[0].tau_s.value / 5e-3 - 1)).toBeLessThan(0.05);
    const spec = relaxationDistributionChart(decay);
    expect(schemaErrors(spec)).toBe('');
    await renderSVG(spec);
    // lines are broken at spaces, never inside "value ± error" or "name = value"
    const lines = (spec.title as { text: string[] }).text;
    expect(lines.some((l) => /^ *[±=]/.test(l))).toBe(false);
    const subtitle = lines.join(' ').replace(/\s+/g, ' ');
    expect(subtitle).toContain(`offset ${formatEstimate(decay.offset)}`);
    expect(subtitle).toContain(`amplitude ${formatEstimate(decay.amplitude)}`);
    expect(Math.abs(decay.offset!.value - 0.1)).toBeLessThan(3 * decay.offset!.stderr!);
  });
});
