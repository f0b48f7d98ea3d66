/**
 * Impedance readers on the real instrument files in shared/data/real/impedance-dummy-cells
 * (ZPlot .z, BioLogic .mpt, Gamry .DTA), the hand-made WinDETA fixture and CSV tables: values as
 * written, the Z″ sign normalised (zImag_ohm = Z″, negative when capacitive), and typed errors
 * naming file and line.
 */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { InputError } from '@relaxlab/core';
import { detectImpedanceFormat, parseImpedanceText, readImpedanceFile } from '@relaxlab/io';
import { ROOT, expectInputError, writeTemp } from './support';

const DATA = resolve(ROOT, '../shared/data/real/impedance-dummy-cells');
const WINDETA = join(__dirname, 'impedance-fixtures', 'windeta-mil121-handmade.txt');

describe('ZPlot/ZView .z (real files)', () => {
  test.each([
    ['Circuit1_EIS_1.z', 48, [5e4, 29.036, 0.63662], [1, 75.803, -0.16244]],
    ['Circuit2_EIS_1.z', 56, undefined, undefined],
    ['Circuit3_EIS_1.z', 53, undefined, undefined],
  ] as const)('%s: all %i declared points, Z″ taken with its sign', (name, count, first, last) => {
    const data = readImpedanceFile(join(DATA, name));
    expect(data.format).toBe('zplot');
    expect(data.spectra).toHaveLength(1);
    const s = data.spectra[0];
    expect(s.frequency_Hz).toHaveLength(count);
    expect(s.source).toMatchObject({ format: 'zplot', imagStoredAs: 'Z″' });
    expect(s.source?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the capacitive arc: Z″ < 0 over most of the sweep
    expect(s.zImag_ohm.filter((v) => v < 0).length).toBeGreaterThan(count / 2);
    if (first && last) {
      expect([s.frequency_Hz[0], s.zReal_ohm[0], s.zImag_ohm[0]]).toEqual(first);
      expect([s.frequency_Hz[count - 1], s.zReal_ohm[count - 1], s.zImag_ohm[count - 1]]).toEqual(last);
    }
  });

  test('a file cut short of its "Data Points" is an InputError, not a shorter spectrum', () => {
    const text = readFileSync(join(DATA, 'Circuit1_EIS_1.z'), 'utf8').split('\n').slice(0, -6).join('\n');
    const e = expectInputError(() => parseImpedanceText(text, 'cut.z'), 'cut.z');
    expect(e.message).toMatch(/truncated/);
    expect(e.message).toContain('48');
  });
});

describe('BioLogic .mpt and Gamry .DTA (real files)', () => {
  test('EC-Lab stores −Im(Z): negated on reading', () => {
    const data = readImpedanceFile(join(DATA, 'exampleDataBioLogic.mpt'));
    expect(data.format).toBe('biologic-mpt');
    const s = data.spectra[0];
    expect(s.frequency_Hz).toHaveLength(43);
    expect(s.source?.imagStoredAs).toBe('−Z″');
    expect([s.frequency_Hz[0], s.zReal_ohm[0], s.zImag_ohm[0]]).toEqual([1000.3201, 65.470886, -0.38998979]);
    expect([s.frequency_Hz[42], s.zImag_ohm[42]]).toEqual([0.01689554, -2.3458567]);
  });

  test('Gamry ZCURVE: 72 rows from 200 kHz to 16 mHz, Zimag taken with its sign', () => {
    const data = readImpedanceFile(join(DATA, 'exampleDataGamry.DTA'));
    expect(data.format).toBe('gamry-dta');
    const s = data.spectra[0];
    expect(s.frequency_Hz).toHaveLength(72);
    expect(s.source?.imagStoredAs).toBe('Z″');
    expect([s.frequency_Hz[0], s.zReal_ohm[0], s.zImag_ohm[0]]).toEqual([200015.6, 825.8584, -1367.239]);
    expect([s.frequency_Hz[71], s.zReal_ohm[71], s.zImag_ohm[71]]).toEqual([0.0158898, 17007.49, -6635.557]);
  });

  test('EC-Lab with a decimal comma reads the same numbers', () => {
    const text = readFileSync(join(DATA, 'exampleDataBioLogic.mpt'), 'latin1');
    const lines = text.split('\n');
    const comma = [...lines.slice(0, 61), ...lines.slice(61).map((l) => l.replace(/(\d)\.(\d)/g, '$1,$2'))].join('\n');
    const a = parseImpedanceText(text, 'point.mpt').spectra[0];
    const b = parseImpedanceText(comma, 'comma.mpt').spectra[0];
    expect(b.zReal_ohm).toEqual(a.zReal_ohm);
    expect(b.zImag_ohm).toEqual(a.zImag_ohm);
  });

  test('a non-numeric cell names file, line and column', () => {
    const text = readFileSync(join(DATA, 'exampleDataGamry.DTA'), 'latin1').replace('\t825.8584\t', '\t825.85x4\t');
    const e = expectInputError(() => parseImpedanceText(text, 'bad.DTA'), 'bad.DTA');
    expect(e.field).toBe('line 449, column Zreal');
  });
});

describe('Novocontrol WinDETA ASCII export (hand-made fixture)', () => {
  const text = readFileSync(WINDETA, 'utf8');

  test('five temperature blocks of 29 frequencies, temperatures and geometry from the file', () => {
    const data = readImpedanceFile(WINDETA);
    expect(data.format).toBe('windeta');
    expect(data.spectra).toHaveLength(5);
    expect(data.conductivity).toHaveLength(5);
    expect(data.geometry?.thickness_cm).toBeCloseTo(0.1, 12);
    expect(data.geometry?.area_cm2).toBeCloseTo((Math.PI * 0.5 * 0.5) / 4, 12);
    data.spectra.forEach((s, b) => {
      expect(s.frequency_Hz).toHaveLength(29);
      expect(s.temperature_K).toBeCloseTo([-20, 0, 20, 40, 60][b] + 273.15, 1);
      expect(s.source).toMatchObject({ format: 'windeta', block: b + 1, imagStoredAs: 'Z″' });
      expect(s.geometry).toEqual(data.geometry);
    });
  });

  test("Sig' read directly equals (l/A)·Z′/|Z|² from the Zs columns of the same rows (5-digit export)", () => {
    const data = readImpedanceFile(WINDETA);
    const k = data.geometry!.thickness_cm / data.geometry!.area_cm2;
    data.spectra.forEach((s, b) => {
      s.frequency_Hz.forEach((_, i) => {
        const fromZ = (k * s.zReal_ohm[i]) / (s.zReal_ohm[i] ** 2 + s.zImag_ohm[i] ** 2);
        expect(data.conductivity[b].sigmaReal_S_per_cm[i] / fromZ).toBeCloseTo(1, 4);
      });
    });
  });

  test('blocks split the same way by blank lines, repeated title rows or a frequency restart', () => {
    const reference = parseImpedanceText(text, 'a.txt').spectra;
    const title = text.split('\r\n').find((l) => l.startsWith('Freq.'))!;
    const repeatedTitles = text.replace(/\r\n\r\n(?=\d)/g, `\r\n${title}\r\n`);
    const noSeparators = text.replace(/\r\n\r\n(?=\d)/g, '\r\n');
    for (const variant of [repeatedTitles, noSeparators]) {
      const spectra = parseImpedanceText(variant, 'b.txt').spectra;
      expect(spectra.map((s) => s.zReal_ohm)).toEqual(reference.map((s) => s.zReal_ohm));
      expect(spectra.map((s) => s.temperature_K)).toEqual(reference.map((s) => s.temperature_K));
    }
  });

  test('a truncated last block is an InputError naming the block and its temperature', () => {
    const cut = text.split('\r\n').slice(0, -10).join('\r\n');
    const e = expectInputError(() => parseImpedanceText(cut, 'cut.txt'), 'cut.txt');
    expect(e.message).toMatch(/block 5 \(T = 60\.\d\d °C\) has 20 of the 29 frequencies of block 1: the file looks truncated/);
    // cut in the middle of a row: the row itself is reported
    const midRow = text.slice(0, text.lastIndexOf('\t'));
    expect(() => parseImpedanceText(midRow, 'mid.txt')).toThrow(InputError);
  });

  test("Zs'' stored as −Z″ is recognised (with a warning) or can be stated", () => {
    const flipped = text.replace(/\t(-?)(\d\.\d+E[-+]\d\d)\r\n/g, (_, minus: string, v: string) => `\t${minus ? '' : '-'}${v}\r\n`);
    const reference = parseImpedanceText(text, 'a.txt').spectra;
    const auto = parseImpedanceText(flipped, 'flipped.txt').spectra;
    expect(auto[0].source?.imagStoredAs).toBe('−Z″');
    expect(auto[0].warnings?.join(' ')).toMatch(/read as −Z″/);
    expect(auto.map((s) => s.zImag_ohm)).toEqual(reference.map((s) => s.zImag_ohm));
    const stated = parseImpedanceText(flipped, 'flipped.txt', { imagSign: '−Z″' }).spectra;
    expect(stated[0].warnings).toBeUndefined();
    expect(stated.map((s) => s.zImag_ohm)).toEqual(reference.map((s) => s.zImag_ohm));
  });
});

describe('CSV tables', () => {
  test("units and a negated Z″ header: f (kHz), Z' (kOhm), -Z'' (kOhm) with temperature and geometry metadata", () => {
    const path = writeTemp(
      'z.csv',
      "# temperature: 25 °C\n# thickness_cm: 0.1\n# area_cm2: 0.5\nf (kHz), Z' (kOhm), -Z'' (kOhm)\n10, 1.5, 0.25\n1, 2.0, 0.5\n",
    );
    const s = readImpedanceFile(path).spectra[0];
    expect(s.frequency_Hz).toEqual([1e4, 1e3]);
    expect(s.zReal_ohm).toEqual([1500, 2000]);
    expect(s.zImag_ohm).toEqual([-250, -500]);
    expect(s.temperature_K).toBeCloseTo(298.15, 12);
    expect(s.geometry).toEqual({ thickness_cm: 0.1, area_cm2: 0.5 });
    expect(s.source).toMatchObject({ format: 'csv', imagStoredAs: '−Z″' });
  });

  test('Re(Z)/Im(Z) names, semicolons and decimal commas', () => {
    const s = parseImpedanceText('freq (Hz);Re(Z) (Ohm);Im(Z) (Ohm)\n100;12,5;-3,25\n10;14;-6\n', 'eu.csv').spectra[0];
    expect(s.zReal_ohm).toEqual([12.5, 14]);
    expect(s.zImag_ohm).toEqual([-3.25, -6]);
    expect(s.source?.imagStoredAs).toBe('Z″');
  });

  test('a spectrum round-trips through JSON unchanged (no −0 from negation)', () => {
    const s = parseImpedanceText("f (Hz), Z' (Ohm), -Z'' (Ohm)\n100, 5, 0\n10, 6, 1\n", 'zero.csv').spectra[0];
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(Object.is(s.zImag_ohm[0], -0)).toBe(false);
  });

  test('missing columns, zero frequencies, unknown units and ragged rows are InputErrors naming the line', () => {
    expect(() => parseImpedanceText("f (Hz), Z' (Ohm)\n1, 2\n", 'two.csv')).toThrow(/no Z″ column/);
    const zero = expectInputError(() => parseImpedanceText("f (Hz), Z' (Ohm), Z'' (Ohm)\n10, 1, -1\n0, 1, -1\n", 'zero.csv'), 'zero.csv');
    expect(zero.field).toBe('line 3');
    expect(zero.message).toMatch(/frequency must be positive/);
    expect(() => parseImpedanceText("f (Hz), Z' (furlong), Z'' (Ohm)\n1, 2, 3\n", 'u.csv')).toThrow(/unknown impedance unit/);
    expect(() => parseImpedanceText("f (Hz), Z' (Ohm), Z'' (Ohm)\n1, 2\n", 'r.csv')).toThrow(/ragged row/);
  });
});

test('the format is recognised from the content', () => {
  expect(detectImpedanceFormat(readFileSync(join(DATA, 'Circuit2_EIS_1.z'), 'utf8'))).toBe('zplot');
  expect(detectImpedanceFormat(readFileSync(join(DATA, 'exampleDataBioLogic.mpt'), 'latin1'))).toBe('biologic-mpt');
  expect(detectImpedanceFormat(readFileSync(join(DATA, 'exampleDataGamry.DTA'), 'latin1'))).toBe('gamry-dta');
  expect(detectImpedanceFormat(readFileSync(WINDETA, 'utf8'))).toBe('windeta');
  expect(detectImpedanceFormat("f (Hz), Z' (Ohm), Z'' (Ohm)\n1, 2, 3\n")).toBe('csv');
});
