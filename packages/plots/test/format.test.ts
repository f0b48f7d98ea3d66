import { formatQuantity, formatValueError, timeUnitFor } from '@relaxlab/plots';

describe('value ± error, rounded to the error (two significant digits of the error)', () => {
  test('the error sets the decimal place of the value', () => {
    expect(formatValueError(2.65812, 0.12345)).toBe('2.66 ± 0.12');
    expect(formatValueError(0.96183, 0.0101)).toBe('0.962 ± 0.010');
    expect(formatValueError(1234.5, 56)).toBe('1235 ± 56');
  });
  test('very small or large numbers share one power of ten', () => {
    expect(formatValueError(2.658e-5, 1.2e-6)).toBe('(2.66 ± 0.12)e-5');
    expect(formatValueError(3.1e8, 2.2e7)).toBe('(3.10 ± 0.22)e8');
  });
  test('without a usable error: four significant digits', () => {
    expect(formatValueError(2.658123)).toBe('2.658');
    expect(formatValueError(2.658123, null)).toBe('2.658');
    expect(formatValueError(2.658123, 0)).toBe('2.658');
  });
  test('times in seconds are shown in the unit that fits their size', () => {
    expect(timeUnitFor(0.3).unit).toBe('ms');
    expect(timeUnitFor(5e-6).unit).toBe('µs');
    expect(timeUnitFor(2).unit).toBe('s');
    expect(formatQuantity(2.658e-3, 1.2e-4, 's')).toBe('2.66 ± 0.12 ms');
    expect(formatQuantity(0.5, 0.01, '')).toBe('0.500 ± 0.010');
    expect(formatQuantity(0.5, 0.01, 'eV')).toBe('0.500 ± 0.010 eV');
  });
});
