/**
 * JCAMP-DX relaxation data written by the tests: a set of 1D spectra (one file per delay) with a
 * known T1, and files that are not relaxation data.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { fitTransient } from '@relaxlab/core';
import { importRelaxationData, readJcampRelaxation } from '@relaxlab/io';
import { readJcampSpectra } from '../src/jcamp/readJcampRelaxation';
import { expectInputError, tempDir } from './support';

/** A 1D JCAMP-DX spectrum: Lorentzians (ppm, FWHM ppm, height) on a 10 … 0 ppm axis of 2001 points. */
function spectrumFile(dir: string, name: string, lines: Array<[number, number, number]>): string {
  const n = 2001;
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = 10 - (10 * i) / (n - 1);
    const y = lines.reduce((s, [c, w, h]) => s + h / (1 + ((x - c) / (w / 2)) ** 2), 0);
    rows.push(`${x.toFixed(6)} ${y.toFixed(3)}`);
  }
  const text = [
    `##TITLE= ${name}`,
    '##JCAMP-DX= 4.24',
    '##DATA TYPE= NMR SPECTRUM',
    '##.OBSERVE FREQUENCY= 400.13',
    '##.OBSERVE NUCLEUS= ^1H',
    '##$TE= 310',
    '##XUNITS= PPM',
    '##YUNITS= ARBITRARY UNITS',
    '##FIRSTX= 10',
    '##LASTX= 0',
    `##NPOINTS= ${n}`,
    '##XFACTOR= 1',
    '##YFACTOR= 1',
    '##XYDATA= (X++(Y..Y))',
    ...rows,
    '##END=',
    '',
  ].join('\n');
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('a set of 1D JCAMP-DX files, one per delay (inversion recovery, T1 = 0.8 s and 2.5 s)', () => {
  const dir = tempDir();
  const delays = [0.01, 0.05, 0.1, 0.3, 0.6, 1, 2, 4, 8, 15];
  const inv = (t: number, T1: number) => 1 - 2 * Math.exp(-t / T1);
  const files = delays.map((t, k) =>
    spectrumFile(dir, `row${k}.dx`, [
      [7.2, 0.02, 1e6 * inv(t, 0.8)],
      [2.1, 0.03, 4e5 * inv(t, 2.5)],
    ]),
  );
  const result = readJcampSpectra(files, { delays_s: delays, experiment: 'T1-inversion' });

  test('the peaks are picked automatically, one signed transient each, with the known T1', () => {
    expect(result.regionsFrom).toBe('auto');
    expect(result.transients).toHaveLength(2);
    const [a, b] = result.transients;
    expect(a.signal[0]).toBeLessThan(0);
    expect(a.signal[9]).toBeGreaterThan(0);
    for (const [t, T1] of [
      [a, 0.8],
      [b, 2.5],
    ] as const) {
      const fit = fitTransient(t, { model: 'inversion-recovery' });
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.params.T1.value / T1 - 1)).toBeLessThan(0.01);
    }
    expect(a).toMatchObject({ nucleus: '1H', larmor_MHz: 400.13, temperature_K: 310, experiment: 'T1-inversion' });
    expect(a.source.inputs).toHaveLength(10);
  });

  test('a 1D file is not relaxation data on its own: typed error naming the file', () => {
    const e = expectInputError(() => readJcampRelaxation(files[0]), files[0]);
    expect(e.message).toMatch(/not relaxation data/);
    expect(() => importRelaxationData(files[0])).toThrow(/not relaxation data/);
  });

  test('delays must be given, one per file', () => {
    expect(() => readJcampSpectra(files, { delays_s: delays.slice(1) })).toThrow(/one delay per file/);
  });
});

test('a JCAMP-DX file that is not an NMR spectrum at all', () => {
  const path = join(tempDir(), 'ir.jdx');
  writeFileSync(
    path,
    '##TITLE= IR\n##JCAMP-DX= 4.24\n##DATA TYPE= INFRARED SPECTRUM\n##XUNITS= 1/CM\n##YUNITS= TRANSMITTANCE\n##FIRSTX= 4000\n##LASTX= 400\n##NPOINTS= 3\n##XFACTOR= 1\n##YFACTOR= 1\n##XYDATA= (X++(Y..Y))\n4000 1 1 1\n##END=\n',
  );
  const e = expectInputError(() => readJcampRelaxation(path), path);
  expect(e.message).toMatch(/not relaxation data|not in ppm/);
});
