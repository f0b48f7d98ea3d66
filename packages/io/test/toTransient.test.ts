import { RESULT_SCHEMA } from '@relaxlab/core';
import { findColumn, parseDelimitedText, tableToTransient } from '@relaxlab/io';
import { transientMetadataFrom } from '../src/transient';
import { expectInputError } from './support';

const table = (text: string) => parseDelimitedText(text, { source: 'mem.csv' });

describe('findColumn', () => {
  const t = table('T (K),tau (ms),Intensity,err\n300,1,0.5,0.01\n');

  test('matches name or raw header, case-insensitively', () => {
    expect(findColumn(t, 'TAU').header).toBe('tau (ms)');
    expect(findColumn(t, 'tau (MS)').header).toBe('tau (ms)');
    expect(findColumn(t, 't').header).toBe('T (K)');
  });

  test.each([
    ['delay', 'tau (ms)'],
    ['time', 'tau (ms)'],
    ['signal', 'Intensity'],
    ['I', 'Intensity'],
    ['sigma', 'err'],
  ])('alias %s finds %s', (alias, header) => {
    expect(findColumn(t, alias).header).toBe(header);
  });

  test('an alias never picks a column of the wrong kind (T in kelvin is not a delay)', () => {
    const rates = table('T (K),signal\n300,1\n');
    expect(() => findColumn(rates, 'delay')).toThrow(/no such column/);
  });

  test.each([['vd'], ['t'], ['time'], ['tau']])('a delay column named %s is found by "delay"', (name) => {
    expect(findColumn(table(`${name},y\n1,2\n`), 'delay').name).toBe(name);
  });

  test.each([['intensity'], ['integral'], ['I'], ['M'], ['y']])('a signal column named %s is found by "signal"', (name) => {
    expect(findColumn(table(`vd,${name}\n1,2\n`), 'signal').name).toBe(name);
  });

  test('a missing column is an InputError listing the available columns', () => {
    const e = expectInputError(() => findColumn(t, 'R1'), 'mem.csv');
    expect(e.field).toBe('R1');
    for (const header of ['T (K)', 'tau (ms)', 'Intensity', 'err']) expect(e.message).toContain(`"${header}"`);
  });
});

describe('tableToTransient', () => {
  const csv = [
    '# experiment: T1-saturation',
    '# nucleus: 17O',
    '# larmor_MHz: 67.86',
    '# temperature: 25 °C',
    'delay (ms),signal,sigma',
    '0.005,0.18,0.01',
    '1,0.36,0.02',
  ].join('\n');

  test('picks delay, signal and sigma, converts to seconds and reads the metadata', () => {
    const t = tableToTransient(table(csv));
    expect(t).toEqual({
      schema: RESULT_SCHEMA,
      kind: 'Transient',
      experiment: 'T1-saturation',
      nucleus: '17O',
      larmor_MHz: 67.86,
      temperature_K: expect.closeTo(298.15, 10),
      delay_s: [5e-6, 0.001],
      signal: [0.18, 0.36],
      sigma: [0.01, 0.02],
      source: { file: 'mem.csv', format: 'delimited', columns: { delay: 'delay (ms)', signal: 'signal', sigma: 'sigma' } },
    });
  });

  test('optional fields are left out, so it round-trips through JSON unchanged', () => {
    const t = tableToTransient(table('tau (us),intensity\n5,0.1\n'));
    expect(Object.keys(t)).toEqual(['schema', 'kind', 'delay_s', 'signal', 'source']);
    expect(JSON.parse(JSON.stringify(t))).toStrictEqual(t);
    const full = tableToTransient(table(csv));
    expect(JSON.parse(JSON.stringify(full))).toStrictEqual(full);
  });

  test('the signal defaults to the column after the delay', () => {
    const t = tableToTransient(table('T (K),vd,Mz,other\n300,1,2,3\n'));
    expect(t.source.columns).toEqual({ delay: 'vd', signal: 'Mz' });
  });

  test('explicit columns, a delay without unit taken as seconds', () => {
    const t = tableToTransient(table('a,b,c,d\n0.1,1,2,0.5\n'), { x: 'a', y: 'c', sigma: 'd' });
    expect([t.delay_s, t.signal, t.sigma]).toEqual([[0.1], [2], [0.5]]);
  });

  test('a header-less file: first column delay (s), second signal', () => {
    const t = tableToTransient(table('5e-6 0.18\n0.3 0.98\n'));
    expect(t.delay_s).toEqual([5e-6, 0.3]);
    expect(t.signal).toEqual([0.18, 0.98]);
  });

  test.each([
    ['temperature_K: 300', 300],
    ['Temperature_K: 300', 300],
    ['temperature: 300 K', 300],
    ['temperature: 25 °C', 298.15],
    ['temperature: -10.5 degC', 262.65],
  ])('# %s', (line, kelvin) => {
    expect(transientMetadataFrom({ [line.split(':')[0]]: line.split(': ')[1] }).temperature_K).toBeCloseTo(kelvin, 10);
  });

  test('larmor and spin-lock frequencies with or without unit in the key', () => {
    expect(transientMetadataFrom({ larmor: '116.6 MHz', spinlock_kHz: '20' })).toMatchObject({ larmor_MHz: 116.6, spinlock_kHz: 20 });
    expect(transientMetadataFrom({ spinlock: '20000 Hz' }).spinlock_kHz).toBeCloseTo(20, 12);
  });

  test.each([
    ['temperature', '25'],
    ['temperature', '25 ms'],
    ['temperature_K', 'warm'],
    ['experiment', 'T3'],
  ])('bad metadata # %s: %s is an InputError', (key, value) => {
    const e = expectInputError(() => transientMetadataFrom({ [key]: value }, { source: 'f.csv' }), 'f.csv');
    expect(e.field).toBe(`# ${key}`);
  });

  test('errors name the file', () => {
    expectInputError(() => tableToTransient(table('signal,other\n1,2\n')), 'mem.csv');
    const e = expectInputError(() => tableToTransient(table('T (K),signal\n1,2\n'), { x: 'T' }), 'mem.csv');
    expect(e.field).toBe('T (K)');
    expectInputError(() => tableToTransient(table('delay (s)\n1\n')), 'mem.csv');
    expectInputError(() => tableToTransient(table('delay (s),y\n1,2\n'), { sigma: 'err' }), 'mem.csv');
  });
});
