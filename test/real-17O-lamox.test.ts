/**
 * Real data: 17O saturation recovery of an oxide-ion conductor (LAMOX), TopSpin relaxation-module
 * integrals (../shared/data/real/17O-satrec-lamox, MIT). TopSpin's own fit of I(t) = I0(1 − e^(−t/T1)):
 * I0 = 0.9618, T1 = 2.658 ms, RSS = 0.2082.
 */
import { join } from 'path';
import { compareTransientModels, curveFit, fitReport, fitTransient } from '@relaxlab/core';
import { readCt1t2File } from '@relaxlab/io';

const file = join(__dirname, '..', '..', 'shared', 'data', 'real', '17O-satrec-lamox', 'pdata', '1', 'ct1t2.txt');
const [transient] = readCt1t2File(file);

const significant = (v: number, digits: number) => Number(v.toPrecision(digits));

test('I0(1 − exp(−t/T1)) reproduces TopSpin: I0 = 0.9618, T1 = 2.658 ms, RSS = 0.2082', () => {
  const fit = curveFit({ x: transient.delay_s, y: transient.signal, model: 'I0*(1 - exp(-x/T1))', params: { I0: 1, T1: 1e-3 } });
  expect(fit.converged).toBe(true);
  expect(significant(fit.params.I0.value, 4)).toBe(0.9618);
  expect(significant(fit.params.T1.value * 1e3, 4)).toBe(2.658);
  expect(significant(fit.stats.chiSquare, 4)).toBe(0.2082);
  // TopSpin reports no per-parameter errors; we do
  expect(fit.params.T1.stderr).toBeGreaterThan(0);
});

test('the named saturation-recovery model (a = 1, γ = 1 fixed) finds the same optimum without start values', () => {
  const fit = fitTransient(transient, { model: 'saturation-recovery' });
  expect(significant(fit.params.M_inf.value, 4)).toBe(0.9618);
  expect(significant(fit.params.T1.value * 1e3, 4)).toBe(2.658);
});

describe('which saturation model the data justify (AIC, BIC, F-test)', () => {
  const { fits, comparison } = compareTransientModels({ ...transient, experiment: 'T1-saturation' });
  const byVary = (names: string) => fits.find((f) => f.varyNames.join() === names)!;
  const row = (names: string) => comparison.rows.find((r) => r.label === `saturation-recovery [${names}]`)!;

  test('a stretch alone reproduces relaxometrynmr on this dataset: T1* in 3.4–4.2 ms, exponent ≈ 0.46', () => {
    const stretched = byVary('M_inf,T1,gamma');
    expect(stretched.params.T1.value).toBeGreaterThan(3.4e-3);
    expect(stretched.params.T1.value).toBeLessThan(4.2e-3);
    expect(Math.abs(stretched.params.gamma.value - 0.46)).toBeLessThan(2 * (stretched.params.gamma.stderr as number));
  });

  test('with the efficiency a free (incomplete saturation: 18 % signal at 5 µs), the stretch is not needed', () => {
    const full = byVary('M_inf,T1,a,gamma');
    for (const name of full.varyNames) expect(full.params[name].stderr).toBeGreaterThan(0);
    expect(full.params.a.value).toBeLessThan(0.9);
    expect(Math.abs(full.params.gamma.value - 1)).toBeLessThan(2 * (full.params.gamma.stderr as number));
    expect(fitReport(full)).toMatch(/gamma: +0\.\d+ \+\/- [0-9.e-]+ \(\d+\.\d\d%\)/);
    // both information criteria prefer the efficiency model, by a weak margin over efficiency + stretch
    expect(comparison.preferred).toBe('saturation-recovery [M_inf, T1, a]');
    expect(row('M_inf, T1, a, gamma').deltaBic).toBeLessThan(2);
    expect(row('M_inf, T1, a, gamma').deltaAic).toBeLessThan(2);
    const f = comparison.fTests.find(
      (t) => t.simpler === 'saturation-recovery [M_inf, T1, a]' && t.fuller === 'saturation-recovery [M_inf, T1, a, gamma]',
    )!;
    expect(f.pValue).toBeGreaterThan(0.05);
  });

  test("every model with efficiency or stretch beats TopSpin's forced-through-zero model by very strong evidence", () => {
    expect(row('M_inf, T1').deltaBic).toBeGreaterThan(60);
    expect(row('M_inf, T1, a').chiSquare).toBeLessThan(0.2082 / 100);
    expect(comparison.verdict).toMatch(/preferred by BIC .*AIC agrees/);
  });
});
