import { copyFileSync, readFileSync, statSync } from 'fs';
import { createHash } from 'crypto';
import { join } from 'path';
import { detectTransientFormat, readTransientFile } from '@relaxlab/io';
import { EXAMPLE_DIR, expectInputError, SHARED_LAMOX, tempDir, writeTemp } from './support';

const CT1T2 = join(EXAMPLE_DIR, 'ct1t2.txt');
const T1INTS = join(EXAMPLE_DIR, 't1ints.txt');

function fingerprint(path: string) {
  const { mtimeMs, size, mode } = statSync(path);
  return { sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs, size, mode };
}

/** A copy under a name that says nothing about the format. */
function renamedCopy(path: string, name: string): string {
  const copy = join(tempDir(), name);
  copyFileSync(path, copy);
  return copy;
}

describe('dispatch', () => {
  test.each([
    ['ct1t2.txt', CT1T2, 'topspin-ct1t2'],
    ['t1ints.txt', T1INTS, 'topspin-t1ints'],
    ['transient.csv', join(EXAMPLE_DIR, 'transient.csv'), 'delimited'],
  ])('by name: %s', (_, path, format) => {
    const t = readTransientFile(path);
    expect(t.source.format).toBe(format);
    expect(t.delay_s).toHaveLength(15);
  });

  test('by content when the name says nothing', () => {
    expect(readTransientFile(renamedCopy(CT1T2, 'results.txt')).topspinFit?.params.T1).toBe(0.002658);
    expect(readTransientFile(renamedCopy(T1INTS, 'ints.dat')).source.format).toBe('topspin-t1ints');
    expect(detectTransientFormat('data.tsv', 'delay (ms)\tsignal\n1\t2\n')).toBe('delimited');
    expect(detectTransientFormat('data.txt', '3\n1 0 0\n0 0 1\n-1 0 0\n')).toBe('topspin-t1ints');
  });

  test('delimited files honour the column options', () => {
    const path = writeTemp('t.tsv', 'a (us)\tb\tc\n5\t1\t2\n');
    expect(readTransientFile(path, { x: 'a', y: 'c' })).toMatchObject({ delay_s: [5e-6], signal: [2] });
  });
});

describe('options', () => {
  test('metadata given by the caller overrides the file', () => {
    const t = readTransientFile(T1INTS, { experiment: 'T1-saturation', nucleus: '17O', larmor_MHz: 67.86, temperature_K: 300 });
    expect(t).toMatchObject({ experiment: 'T1-saturation', nucleus: '17O', larmor_MHz: 67.86, temperature_K: 300 });
    const csv = readTransientFile(join(EXAMPLE_DIR, 'transient.csv'), { larmor_MHz: 67.8636 });
    expect(csv.larmor_MHz).toBe(67.8636);
  });

  test('an experiment option is validated and normalised', () => {
    expect(readTransientFile(CT1T2, { experiment: 't1-inversion' as never }).experiment).toBe('T1-inversion');
    const e = expectInputError(() => readTransientFile(CT1T2, { experiment: 'T3' as never }), 'options');
    expect(e.field).toBe('experiment');
  });

  test('column options on a TopSpin file are an InputError', () => {
    expect(expectInputError(() => readTransientFile(CT1T2, { x: 'Tau' }), CT1T2).field).toBe('x');
  });

  test('a file with several peaks needs a peak number', () => {
    const path = writeTemp('t1ints.txt', '9\n0.001 0 0\n0 0 2\n100 5 0\n200 7 0\n0.01 0 0\n0 0 2\n100 6 0\n200 9 0\n-1 0 0\n');
    expect(expectInputError(() => readTransientFile(path), path).details.expected).toMatch(/1, 2/);
    expect(readTransientFile(path, { peak: 2 }).signal).toEqual([7, 9]);
    expectInputError(() => readTransientFile(path, { peak: 3 }), path);
  });

  test('a missing file is an InputError naming it', () => {
    const path = join(tempDir(), 'nope.csv');
    expectInputError(() => readTransientFile(path), path);
  });
});

test('input files are never modified', () => {
  const csv = writeTemp('t.csv', '# experiment: T2\ndelay (ms),signal\n1,2\n');
  const files = [
    CT1T2,
    T1INTS,
    join(EXAMPLE_DIR, 'transient.csv'),
    join(SHARED_LAMOX, 'pdata/1/ct1t2.txt'),
    join(SHARED_LAMOX, 'pdata/1/t1ints.txt'),
    csv,
  ];
  const before = files.map(fingerprint);
  for (const f of files) {
    const t = readTransientFile(f);
    t.delay_s.push(1); // mutating the result must not reach the file either
  }
  expect(files.map(fingerprint)).toEqual(before);
});
