/**
 * The lab's view of the distributions of relaxation times, from the bundle the kernel's show()
 * sends: the chart as sent, each peak's values ± errors in the value table with their units, a
 * statistics line of the inversion (it has no FitResult), the warnings and the report.
 */
import { formatNumber, RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME } from '@relaxlab/core';
import { display } from '@relaxlab/kernel';
import { resultView } from '../src/payload';
import { drtResult, iltResult } from '../../plots/test/results';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe.each([
  ['RelaxationDistribution', iltResult(), 'delay_s'],
  ['DrtResult', drtResult(), 'frequency_Hz'],
] as const)('resultView(%s)', (kind, result, points) => {
  const bundle = json(display.mimeBundle(result, { sample: 'cell' })) as Record<string, unknown>;
  const view = resultView(bundle);

  test('titled with the sample and the kind; the chart is the one show() sent', () => {
    expect(view.title).toBe(`cell — ${kind}`);
    expect(view.spec).toEqual(bundle[VEGALITE_V5_MIME]);
    expect(view.report).toBe(bundle['text/plain']);
  });

  test("each peak's τ (s) and fraction are rows with the result's value and bootstrap error", () => {
    expect(result.peaks.length).toBe(2);
    result.peaks.forEach((p, k) => {
      expect(view.rows.find((r) => r.name === `peaks[${k}].tau`)).toMatchObject({
        value: p.tau_s.value,
        stderr: p.tau_s.stderr,
        unit: 's',
      });
      expect(view.rows.find((r) => r.name === `peaks[${k}].fraction`)).toMatchObject({
        value: p.fraction.value,
        stderr: p.fraction.stderr,
      });
    });
  });

  test('statistics: points, λ with its rule, effective dof, χ², the band', () => {
    const stats = new Map(view.statistics);
    const payload = bundle[RELAXLAB_RESULT_MIME] as Record<string, unknown[]>;
    expect(stats.get('points')).toBe(String(payload[points].length));
    expect(stats.get('λ')).toBe(`${formatNumber(result.lambda, 4)} (${result.regularisation.method})`);
    expect(stats.get('effective dof')).toBe(result.regularisation.effectiveDof.toFixed(1));
    expect(stats.get('χ²')).toBe(formatNumber(result.regularisation.chiSquare, 4));
    expect(stats.get('band')).toBe(`95 %, ${result.band.replicates} residual bootstrap replicates`);
  });

  test('the warnings are listed', () => {
    const warned = resultView(json(display.mimeBundle({ ...result, warnings: ['too few delays'] })));
    expect(warned.warnings).toEqual(['too few delays']);
  });
});

test("a peak at the τ grid's end is a bound: its τ rows without the degenerate error, with a note", () => {
  const result = iltResult();
  const edge = { ...result, peaks: [{ ...result.peaks[0], tau_s: { value: result.tau_s[0], stderr: 2e-21 } }, result.peaks[1]] };
  const rows = resultView({ [RELAXLAB_RESULT_MIME]: json(edge) }).rows;
  expect(rows.find((r) => r.name === 'peaks[0].tau')).toMatchObject({
    stderr: null,
    note: 'at the start of the τ grid: a bound, not a position',
  });
  expect(rows.find((r) => r.name === 'peaks[0].log10tau')).toMatchObject({ stderr: null });
  expect(rows.find((r) => r.name === 'peaks[1].tau')).toMatchObject({ stderr: result.peaks[1].tau_s.stderr, note: '' });
});

test('without bootstrap replicates the statistics say there is no band', () => {
  const result = iltResult();
  const view = resultView({ [RELAXLAB_RESULT_MIME]: json({ ...result, band: { ...result.band, replicates: 0 } }) });
  expect(new Map(view.statistics).get('band')).toBe('none (0 replicates)');
});
