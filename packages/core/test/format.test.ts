import { formatEstimate, formatQuantity, formatValueError, timeUnitFor } from '../src';

describe('value ± error, rounded to the error (two significant digits of the error)', () => {
  test('the error sets the decimal place of the value', () => {
    expect(formatValueError(2.65812, 0.12345)).toBe('2.66 ± 0.12');
    expect(formatValueError(0.96183, 0.0101)).toBe('0.962 ± 0.010');
    expect(formatValueError(1234.5, 56)).toBe('1235 ± 56');
    expect(formatValueError(0.41234, 0.0103)).toBe('0.412 ± 0.010');
    expect(formatValueError(331.27, 2.44)).toBe('331.3 ± 2.4');
  });
  test('very small or large numbers share one power of ten', () => {
    expect(formatValueError(2.658e-5, 1.2e-6)).toBe('(2.66 ± 0.12)e-5');
    expect(formatValueError(3.1e8, 2.2e7)).toBe('(3.10 ± 0.22)e8');
  });
  test('without a usable error: four significant digits', () => {
    expect(formatValueError(2.658123)).toBe('2.658');
    expect(formatValueError(2.658123, null)).toBe('2.658');
    expect(formatValueError(2.658123, 0)).toBe('2.658');
    expect(formatValueError(2.5, null)).toBe('2.5');
  });
  test('an Estimate with its unit, and "-" for none (every report and table uses this one rule)', () => {
    expect(formatEstimate({ value: 0.19969, stderr: 0.00041 }, 'eV')).toBe('0.19969 ± 0.00041 eV');
    expect(formatEstimate({ value: 6.02214e20, stderr: 1.2e20 }, 'cm^-3')).toBe('(6.0 ± 1.2)e20 cm^-3');
    expect(formatEstimate(null, 'eV')).toBe('-');
  });
  test('times in seconds are shown in the unit that fits their size', () => {
    expect(timeUnitFor(0.3).unit).toBe('ms');
    expect(timeUnitFor(5e-6).unit).toBe('µs');
    expect(timeUnitFor(2).unit).toBe('s');
    expect(formatQuantity(2.658e-3, 1.2e-4, 's')).toBe('2.66 ± 0.12 ms');
    expect(formatQuantity(0.5, 0.01, '')).toBe('0.500 ± 0.010');
    expect(formatQuantity(0.5, 0.01, 'eV')).toBe('0.500 ± 0.010 eV');
    // attempt times below a nanosecond stay in seconds, with one power of ten
    expect(formatQuantity(1.02e-13, 3.1e-15, 's')).toBe('(1.020 ± 0.031)e-13 s');
  });
});
