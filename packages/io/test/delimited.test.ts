import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { parseDelimitedText, readDelimitedFile } from '@relaxlab/io';
import { detectDelimiter, splitHeader } from '../src/delimited/parse';
import { expectInputError, writeTemp } from './support';

const parse = (text: string) => parseDelimitedText(text, { source: 'mem.csv' });

describe('headers with units', () => {
  test('ms → s and °C → K, values kept as written', () => {
    const t = parse('delay (ms),T (°C),R1 (1/s)\n0.3,25,12\n5,-20.5,2.5e3\n');
    expect(t.columns.map((c) => [c.name, c.header, c.unit, c.siUnit])).toEqual([
      ['delay', 'delay (ms)', 'ms', 's'],
      ['T', 'T (°C)', '°C', 'K'],
      ['R1', 'R1 (1/s)', '1/s', '1/s'],
    ]);
    const [delay, temperature, rate] = t.columns;
    expect(delay.values).toEqual([0.3, 5]);
    expect(delay.si).toEqual([0.0003, 0.005]);
    expect(temperature.si[0]).toBeCloseTo(298.15, 12);
    expect(temperature.si[1]).toBeCloseTo(252.65, 12);
    expect(rate.si).toEqual([12, 2500]);
    expect(t.hasHeader).toBe(true);
  });

  test('units in brackets, and columns without units', () => {
    const t = parse('delay [ms]\tsignal\n1\t0.5\n');
    expect(t.columns[0]).toMatchObject({ name: 'delay', unit: 'ms', si: [0.001] });
    expect(t.columns[1]).toEqual({ name: 'signal', header: 'signal', values: [0.5], si: [0.5], siUnit: '' });
  });

  test('splitHeader', () => {
    expect(splitHeader('delay (ms)')).toEqual({ name: 'delay', unit: 'ms' });
    expect(splitHeader('I (arb. units)')).toEqual({ name: 'I', unit: 'arb. units' });
    expect(splitHeader('signal')).toEqual({ name: 'signal' });
  });
});

describe('metadata', () => {
  test('leading "# key: value" lines become metadata, other # lines are ignored', () => {
    const text = [
      '# experiment: T1-saturation',
      '# a plain comment without a colon',
      '# larmor_MHz: 67.86',
      '#date: 2024-08-30 12:30',
      '',
      'delay (s), signal',
      '# later: not metadata',
      '1, 2',
    ].join('\n');
    const t = parse(text);
    expect(t.metadata).toEqual({ experiment: 'T1-saturation', larmor_MHz: '67.86', date: '2024-08-30 12:30' });
    expect(t.columns[0].values).toEqual([1]);
  });
});

describe('delimiter detection', () => {
  test.each([
    ['tab', 'delay (ms)\tsignal\n1\t2\n3\t4\n'],
    ['comma', 'delay (ms),signal\n1,2\n3,4\n'],
    ['semicolon', 'delay (ms);signal\n1;2\n3;4\n'],
    ['whitespace', 'delay (ms)   signal\n  1    2\n3 \t 4\n'],
    ['quoted comma', '"delay (ms)","signal"\n1,2\n3,4\n'],
  ])('%s', (_, text) => {
    const t = parse(text);
    expect(t.columns.map((c) => c.header)).toEqual(['delay (ms)', 'signal']);
    expect(t.columns[1].values).toEqual([2, 4]);
  });

  test('detectDelimiter prefers tab, then semicolon, then comma', () => {
    expect(detectDelimiter('a\tb,c')).toBe('\t');
    expect(detectDelimiter('a;b,c')).toBe(';');
    expect(detectDelimiter('a,b')).toBe(',');
    expect(detectDelimiter('a b')).toBe('whitespace');
  });

  test('a header-less numeric file gets col1, col2, ...', () => {
    const t = parse('5e-6 0.18 0.01\n1e-3 0.36 0.01\n');
    expect(t.hasHeader).toBe(false);
    expect(t.columns.map((c) => c.name)).toEqual(['col1', 'col2', 'col3']);
    expect(t.columns[0].values).toEqual([5e-6, 1e-3]);
  });

  test('exponents, signs, blank lines and CRLF', () => {
    const t = parse('x,y\r\n\r\n1.5E+2,-3e-4\r\n\r\n.5,+2\r\n');
    expect(t.columns[0].values).toEqual([150, 0.5]);
    expect(t.columns[1].values).toEqual([-3e-4, 2]);
  });
});

describe('errors are InputErrors attributed to the file', () => {
  test('non-numeric cell names line and column', () => {
    const e = expectInputError(() => parse('# c: 1\ndelay (ms),signal\n1,2\n3,abc\n'), 'mem.csv');
    expect(e.field).toBe('line 4, column 2 (signal)');
    expect(e.details.found).toBe('"abc"');
  });

  test('ragged row', () => {
    const e = expectInputError(() => parse('delay (ms),signal\n1,2\n3\n'), 'mem.csv');
    expect(e.field).toBe('line 3');
    expect(e.details.found).toBe('1 cells');
  });

  test('unknown unit names the column', () => {
    const e = expectInputError(() => parse('delay (fortnights),signal\n1,2\n'), 'mem.csv');
    expect(e.field).toBe('delay (fortnights)');
  });

  test.each([
    ['empty file', ''],
    ['only comments and blank lines', '# experiment: T2\n\n# x\n'],
    ['header without data', 'delay (ms),signal\n'],
  ])('%s', (_, text) => {
    expect(expectInputError(() => parse(text), 'mem.csv').field).toBe('data');
  });

  test('an empty header cell', () => {
    expect(expectInputError(() => parse('delay,,signal\n1,2,3\n'), 'mem.csv').field).toBe('line 1, column 2');
  });
});

describe('readDelimitedFile', () => {
  test('records the path and the sha256 of the bytes read', () => {
    const path = writeTemp('t.csv', '# nucleus: 7Li\ndelay (us),signal\n10,1\n');
    const t = readDelimitedFile(path);
    expect(t.source).toBe(path);
    expect(t.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(t.metadata.nucleus).toBe('7Li');
    expect(t.columns[0].si).toEqual([1e-5]);
  });

  test('a Latin-1 degree sign (Windows export) is read as °C', () => {
    const path = writeTemp('latin1.csv', Buffer.from('T (\xb0C),R1 (1/s)\n25,3\n', 'latin1'));
    expect(readDelimitedFile(path).columns[0]).toMatchObject({ unit: '°C', siUnit: 'K' });
  });

  test('errors name the file path', () => {
    const path = writeTemp('bad.csv', 'delay (ms),signal\n1,x\n');
    expectInputError(() => readDelimitedFile(path), path);
  });

  test('a missing file is an InputError', () => {
    const path = '/nonexistent/relaxlab/missing.csv';
    expect(expectInputError(() => readDelimitedFile(path), path).details.found).toBe('ENOENT');
  });
});
