/**
 * Real data: 1H inversion recovery exported by TopSpin 3.6 as one pseudo-2D JCAMP-DX file with the
 * vdlist inside (../shared/data/real/1H-t1ir-pseudo2d-jcamp, MIT): 10 delays, 10 s … 0.01 s,
 * signed (inverted) intensities.
 */
import { join } from 'path';
import { fitTransient } from '@relaxlab/core';
import { readJcampRelaxation } from '@relaxlab/io';

const FILE = join(__dirname, '..', '..', 'shared', 'data', 'real', '1H-t1ir-pseudo2d-jcamp', '1H_T1_2D.dx');
const result = readJcampRelaxation(FILE);

test('one signed transient of 10 delays per picked peak, delays in seconds from the embedded vdlist', () => {
  expect(result.regionsFrom).toBe('auto');
  expect(result.transients.length).toBeGreaterThanOrEqual(3);
  for (const t of result.transients) {
    expect(t.delay_s).toEqual([10, 5, 4, 3, 2, 1, 0.5, 0.25, 0.1, 0.01]);
    expect(t).toMatchObject({ experiment: 'T1-inversion', nucleus: '1H', larmor_MHz: 600.20152017, temperature_K: 298 });
    // inverted at 10 ms, recovered at 10 s: the sign flips
    expect(Math.sign(t.signal[9])).toBe(-Math.sign(t.signal[0]));
  }
  // TopSpin pads F1 to 16 pages; the 6 empty ones are dropped without a warning
  expect(result.warnings).toEqual([]);
});

test('the signed inversion-recovery fit converges for every peak', () => {
  const lines: string[] = [];
  for (const t of result.transients) {
    const fit = fitTransient(t, { model: 'inversion-recovery' });
    expect(fit.converged).toBe(true);
    expect(fit.params.T1.value).toBeGreaterThan(0.01);
    expect(fit.params.T1.value).toBeLessThan(10);
    lines.push(
      `${t.source.region?.region_ppm.map((v) => v.toFixed(3)).join(' … ')} ppm: T1 = ${fit.params.T1.value.toFixed(4)} ± ${(fit.params.T1.stderr as number).toFixed(4)} s`,
    );
  }
  console.log(`1H t1ir JCAMP-DX, one fit per auto-picked peak:\n${lines.join('\n')}`);
});

test("TopSpin's embedded intrng can be used instead: 13 regions", () => {
  expect(readJcampRelaxation(FILE, { regions_ppm: 'intrng' }).transients).toHaveLength(13);
});
