import { InputError } from '@relaxlab/core';
import { parseUnit } from '@relaxlab/io';
import { expectInputError } from './support';

const si = (unit: string | undefined, v: number, hint?: Parameters<typeof parseUnit>[1]['hint']) =>
  parseUnit(unit, { field: 'x', hint }).toSI(v);

describe('parseUnit', () => {
  test.each([
    ['ns', 5, 5e-9],
    ['us', 5, 5e-6],
    ['µs', 5, 5e-6], // U+00B5 micro sign
    ['μs', 5, 5e-6], // U+03BC Greek mu
    ['ms', 0.3, 0.0003],
    ['s', 2, 2],
    ['sec', 2, 2],
    ['min', 2, 120],
    ['h', 1.5, 5400],
  ])('time %s', (unit, v, seconds) => {
    const spec = parseUnit(unit, { field: 'delay' });
    expect(spec).toMatchObject({ unit, siUnit: 's', quantity: 'time' });
    // exact: decimal inputs must give the same double a reader of the decimal in seconds would get
    expect(spec.toSI(v)).toBe(seconds);
  });

  test.each(['°C', '℃', 'degC'])('temperature %s → K', (unit) => {
    expect(parseUnit(unit, { field: 'T' })).toMatchObject({ siUnit: 'K', quantity: 'temperature' });
    expect(si(unit, 25)).toBeCloseTo(298.15, 12);
  });

  test('kelvin is unchanged', () => {
    expect(si('K', 300)).toBe(300);
  });

  test('a bare C is Celsius only for a temperature column', () => {
    expect(si('C', -20, 'temperature')).toBeCloseTo(253.15, 12);
    expect(() => si('C', 1)).toThrow(InputError);
  });

  test.each([
    ['1/s', 3, 3],
    ['s^-1', 3, 3],
    ['s-1', 3, 3],
    ['/s', 3, 3],
    ['s⁻¹', 3, 3],
    ['1/ms', 3, 3000],
    ['ms^-1', 0.5, 500],
    ['1/ns', 2, 2e9],
    ['1/min', 120, 2],
  ])('rate %s', (unit, v, perSecond) => {
    expect(parseUnit(unit, { field: 'R1' })).toMatchObject({ siUnit: '1/s', quantity: 'rate' });
    expect(si(unit, v)).toBe(perSecond);
  });

  test('Hz is a rate for a rate column and a frequency otherwise', () => {
    expect(parseUnit('Hz', { field: 'R1', hint: 'rate' })).toMatchObject({ siUnit: '1/s', quantity: 'rate' });
    expect(parseUnit('Hz', { field: 'f' })).toMatchObject({ siUnit: 'Hz', quantity: 'frequency' });
  });

  test.each([
    ['Hz', 10, 10],
    ['kHz', 20, 20e3],
    ['MHz', 67.86, 67.86e6],
  ])('frequency %s', (unit, v, hz) => {
    expect(si(unit, v)).toBeCloseTo(hz, 6);
  });

  test.each([
    ['S/cm', 1e-3, 1e-3],
    ['S/m', 0.1, 1e-3],
    ['mS/cm', 2, 2e-3],
    ['S cm^-1', 1e-3, 1e-3],
  ])('conductivity %s → S/cm', (unit, v, sPerCm) => {
    expect(parseUnit(unit, { field: 'sigma' }).siUnit).toBe('S/cm');
    expect(si(unit, v)).toBeCloseTo(sPerCm, 15);
  });

  test.each([undefined, '', 'a.u.', 'au', 'arb', 'arb. units'])('dimensionless %p', (unit) => {
    const spec = parseUnit(unit, { field: 'signal' });
    expect(spec).toMatchObject({ siUnit: '', quantity: 'dimensionless' });
    expect(spec.toSI(0.25)).toBe(0.25);
  });

  test.each([
    ['S K/cm', 2.5, 2.5],
    ['S K/m', 250, 2.5],
    ['mS K/cm', 2500, 2.5],
  ])('σT in %s → S K/cm', (unit, value, si) => {
    const spec = parseUnit(unit, { field: 'sigma_T' });
    expect(spec).toMatchObject({ siUnit: 'S K/cm', quantity: 'conductivityTemperature' });
    expect(spec.toSI(value)).toBeCloseTo(si, 14);
  });

  test.each([
    ['m^2/s', 3e-12, 3e-12],
    ['cm²/s', 3e-8, 3e-12],
    ['cm2/s', 3e-8, 3e-12],
  ])('diffusion coefficient in %s → m^2/s', (unit, value, si) => {
    const spec = parseUnit(unit, { field: 'D' });
    expect(spec).toMatchObject({ siUnit: 'm^2/s', quantity: 'diffusion' });
    expect(spec.toSI(value) / si).toBeCloseTo(1, 14);
  });

  test('an unknown unit is an InputError naming the column and the source', () => {
    const e = expectInputError(() => parseUnit('furlongs', { field: 'delay (furlongs)', source: 'a.csv' }), 'a.csv');
    expect(e.field).toBe('delay (furlongs)');
    expect(e.details.found).toBe('"furlongs"');
    expect(e.message).toMatch(/unknown unit/);
  });
});
