import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseCt1t2Text, parseT1intsText, readCt1t2File, readT1intsFile, readTransientFile } from '@relaxlab/io';
import { experimentFromModel, parseSuffixedNumber } from '../src/topspin/relaxationModule';
import { EXAMPLE_DIR, expectInputError, SHARED_LAMOX } from './support';

/** The experiment's vdlist: 15 delays in seconds, CRLF-separated, no final newline. */
const vdlist = readFileSync(join(SHARED_LAMOX, 'vdlist'), 'utf8').trim().split(/\s+/).map(Number);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('parseSuffixedNumber', () => {
  expect(parseSuffixedNumber('5.000u')).toBe(5e-6);
  expect(parseSuffixedNumber('300.000m')).toBe(0.3);
  expect(parseSuffixedNumber('2.658m')).toBe(0.002658);
  expect(parseSuffixedNumber('9.618e-01')).toBe(0.9618);
  expect(parseSuffixedNumber('-1.816e-01')).toBe(-0.1816);
  expect(parseSuffixedNumber('1.5k')).toBe(1500);
  expect(parseSuffixedNumber('12')).toBe(12);
  expect(parseSuffixedNumber('abc')).toBeUndefined();
  expect(parseSuffixedNumber('1.0x')).toBeUndefined();
});

test.each([
  ['Saturation-Recovery(T1) : I[t]=I[0](1-exp(-t/T1))', 'T1-saturation'],
  ['Inversion-Recovery(T1) : I[t]=I[0](1-2A exp(-t/T1))', 'T1-inversion'],
  ['CPMG(T2) : I[t]=I[0]exp(-t/T2)', 'T2'],
  ['Exponential-Decay : I[t]=I[0]exp(-t/T2)', 'T2'],
  ['Spin-Lock : I[t]=I[0]exp(-t/T1rho)', 'T1rho-spinlock'],
  ['Exponential-Decay : I[t]=I[0]exp(-t/T)', undefined],
])('experimentFromModel(%s)', (model, experiment) => {
  expect(experimentFromModel(model)).toBe(experiment);
});

describe.each([
  ['the real data set', join(SHARED_LAMOX, 'pdata/1/ct1t2.txt')],
  ['the examples copy', join(EXAMPLE_DIR, 'ct1t2.txt')],
])('ct1t2.txt: %s', (_, path) => {
  const peaks = readCt1t2File(path);
  const [t] = peaks;

  test('one peak of 15 points with the vdlist delays (5 µs ... 0.3 s)', () => {
    expect(peaks).toHaveLength(1);
    expect(vdlist).toHaveLength(15);
    expect(t.delay_s).toEqual(vdlist);
    expect(t.delay_s[0]).toBe(5e-6);
    expect(t.delay_s[14]).toBe(0.3);
    expect(t.signal).toHaveLength(15);
    expect(t.signal[0]).toBe(0.1834);
    expect(t.signal[11]).toBe(1);
  });

  test("TopSpin's fit: I0 = 0.9618, T1 = 2.658 ms, RSS = 0.2082", () => {
    const fit = t.topspinFit;
    expect(fit.model).toBe('Saturation-Recovery(T1)');
    expect(fit.formula).toBe('I[t]=I[0](1-exp(-t/T1))');
    expect(fit.fitted).toBe('INTENSITY');
    expect(fit.params).toEqual({ I0: 0.9618, T1: 0.002658 });
    expect(fit.rss).toBe(0.2082);
    expect(fit.sd).toBe(0.1178);
    expect(fit.sd).toBeCloseTo(Math.sqrt(fit.rss / 15), 4);
    expect(fit.iterations).toBe(73);
    expect(fit.calc).toHaveLength(15);
    expect(fit.calc[14]).toBe(0.9618);
  });

  test('experiment, peak and provenance', () => {
    expect(t.experiment).toBe('T1-saturation');
    expect(t.source).toEqual({ file: path, sha256: sha256(path), format: 'topspin-ct1t2', peak: 1, peak_ppm: 573.885 });
    expect(JSON.parse(JSON.stringify(t))).toStrictEqual(t);
  });
});

describe('t1ints.txt', () => {
  test.each([join(SHARED_LAMOX, 'pdata/1/t1ints.txt'), join(EXAMPLE_DIR, 't1ints.txt')])('%s: 15 delays equal to the vdlist', (path) => {
    const peaks = readT1intsFile(path);
    expect(peaks).toHaveLength(1);
    const [t] = peaks;
    expect(t.delay_s).toEqual(vdlist);
    expect(t.signal).toHaveLength(15);
    expect(t.signal[0]).toBe(2.85e9);
    expect(t.signal[14]).toBe(1.64116e10);
    expect(t.experiment).toBeUndefined();
    expect(t.source).toEqual({ file: path, sha256: sha256(path), format: 'topspin-t1ints', peak: 1 });
  });

  test('several peaks per delay give one transient per peak', () => {
    const text = '9\n0.001 0 0\n0 0 2\n100 5 0\n200 7 0\n0.01 0 0\n0 0 2\n100 6 0\n200 9 0\n-1 0 0\n';
    const peaks = parseT1intsText(text, { source: 'two.txt' });
    expect(peaks.map((p) => [p.source.peak, p.delay_s, p.signal])).toEqual([
      [1, [0.001, 0.01], [5, 6]],
      [2, [0.001, 0.01], [7, 9]],
    ]);
  });

  test.each([
    ['empty', ''],
    ['count does not match', '4\n0.001 0 0\n0 0 1\n100 5 0\n'],
    ['missing end marker', '3\n0.001 0 0\n0 0 1\n100 5 0\n'],
    ['non-numeric', '4\n0.001 0 0\n0 0 1\n100 five 0\n-1 0 0\n'],
    ['peak count changes', '8\n0.001 0 0\n0 0 1\n100 5 0\n0.01 0 0\n0 0 2\n100 5 0\n200 1 0\n-1 0 0\n'],
    ['no delays', '1\n-1 0 0\n'],
  ])('%s is an InputError', (_, text) => {
    expectInputError(() => parseT1intsText(text, { source: 'bad.txt' }), 'bad.txt');
  });
});

const twoPeaks = `SIMFIT RESULTS
==============

INTENSITY fit : Inversion-Recovery(T1) : I[t]=I[0](1-2A exp(-t/T1))

2 points for Peak 1,  Peak Point = 10.000 ppm

Converged after 5 iterations!

Results     Comp. 1

I[0]  =    1.000e+00
A     =    9.900e-01
T1    =       1.500

RSS   =    1.000e-03
SD    =    2.000e-02

Point       Tau          Expt          Calc       Difference

    1      10.000m    -9.000e-01    -8.900e-01    1.000e-02
    2       5.000     1.000e+00     9.900e-01   -1.000e-02

============================================================

2 points for Peak 2,  Peak Point = -3.5 ppm

Results     Comp. 1     Comp. 2

I[0]  =    6.000e-01   4.000e-01
A     =    1.000e+00   1.000e+00
T1    =     200.000u      3.000

RSS   =    2.000e-03
SD    =    3.000e-02

Point       Tau          Expt          Calc       Difference

    1      10.000m    -5.000e-01    -5.100e-01   -1.000e-02
    2       5.000     9.000e-01     9.000e-01    0.000e+00

============================================================
`;

describe('ct1t2.txt with several peaks and components', () => {
  const peaks = parseCt1t2Text(twoPeaks, { source: 'multi.txt' });

  test('one entry per peak', () => {
    expect(peaks.map((p) => [p.source.peak, p.source.peak_ppm, p.experiment])).toEqual([
      [1, 10, 'T1-inversion'],
      [2, -3.5, 'T1-inversion'],
    ]);
    expect(peaks[1].delay_s).toEqual([0.01, 5]);
    expect(peaks[1].signal).toEqual([-0.5, 0.9]);
    expect(peaks[0].topspinFit.params).toEqual({ I0: 1, A: 0.99, T1: 1.5 });
    expect(peaks[1].topspinFit.iterations).toBeUndefined();
    expect('iterations' in peaks[1].topspinFit).toBe(false);
  });

  test('several components get numbered parameter names', () => {
    expect(peaks[1].topspinFit.params).toEqual({ I0_1: 0.6, I0_2: 0.4, A_1: 1, A_2: 1, T1_1: 2e-4, T1_2: 3 });
  });

  test('incomplete results are InputErrors naming the peak', () => {
    const truncated = twoPeaks.replace(/^\s+2\s+5\.000\s+9\.000e-01.*$/m, '');
    expect(expectInputError(() => parseCt1t2Text(truncated, { source: 'cut.txt' }), 'cut.txt').field).toMatch(/^Peak 2 .*points/);
    const noRss = twoPeaks.replace('RSS   =    1.000e-03', '');
    expect(expectInputError(() => parseCt1t2Text(noRss, { source: 'cut.txt' }), 'cut.txt').field).toMatch(/^Peak 1 .*RSS/);
    const badTau = twoPeaks.replace('10.000m', '10.000x');
    expect(expectInputError(() => parseCt1t2Text(badTau, { source: 'cut.txt' }), 'cut.txt').field).toMatch(/\(Tau\)$/);
  });

  test('text that is not a SIMFIT result is an InputError', () => {
    expectInputError(() => parseCt1t2Text('', { source: 'empty.txt' }), 'empty.txt');
    expectInputError(() => parseCt1t2Text('delay,signal\n1,2\n', { source: 'x.txt' }), 'x.txt');
  });
});

test('examples/17O-satrec-lamox/transient.csv reads back to the ct1t2.txt transient', () => {
  const csv = readTransientFile(join(EXAMPLE_DIR, 'transient.csv'));
  const [ct1t2] = readCt1t2File(join(EXAMPLE_DIR, 'ct1t2.txt'));
  expect(csv.delay_s).toEqual(ct1t2.delay_s);
  expect(csv.signal).toEqual(ct1t2.signal);
  expect(csv).toMatchObject({ experiment: 'T1-saturation', nucleus: '17O', larmor_MHz: 67.86 });
});

test('the examples copies are byte-identical to the shared data set', () => {
  for (const [copy, original] of [
    ['ct1t2.txt', 'pdata/1/ct1t2.txt'],
    ['t1ints.txt', 'pdata/1/t1ints.txt'],
    ['LICENSE.md', 'LICENSE.md'],
  ]) {
    expect(sha256(join(EXAMPLE_DIR, copy))).toBe(sha256(join(SHARED_LAMOX, original)));
  }
});
