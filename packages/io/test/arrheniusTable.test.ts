/**
 * Tables → Arrhenius data (delimited/arrheniusTable.ts), the one reading of `relaxlab arrhenius`,
 * the kernel and the JupyterLab viewer: which columns, which uncertainty rule, which quantity, and
 * the conversions of relaxation times to rates and of σ to σT.
 */
import { InputError } from '@relaxlab/core';
import { parseDelimitedText, tableToArrheniusData } from '../src';
import { isUncertaintyColumn } from '../src/delimited/columns';

const table = (text: string) => parseDelimitedText(text, { source: 't.csv' });

describe('tableToArrheniusData', () => {
  test('rates in 1/s with a sigma column: as they are', () => {
    const r = tableToArrheniusData(table('T (K), R1 (1/s), sigma (1/s)\n200, 1, 0.1\n250, 4, 0.2\n'));
    expect(r.data).toEqual({ temperature_K: [200, 250], value: [1, 4], sigma: [0.1, 0.2], quantity: 'rate' });
    expect(r.conversion).toBe('none');
    expect(r.describe).toBe('t.csv: R1 (1/s) as rate vs T (K), uncertainties sigma (1/s)');
  });

  test('a relaxation time becomes its rate: R = 1/T, σ_R = σ_T/T²; °C become K', () => {
    const r = tableToArrheniusData(table('T (°C), T1rho (ms), err (ms)\n-73.15, 2, 0.1\n'));
    expect(r.data.temperature_K[0]).toBeCloseTo(200, 12);
    expect(r.data.value[0]).toBeCloseTo(500, 12);
    expect(r.data.sigma![0]).toBeCloseTo(1e-4 / 4e-6, 9);
    expect(r.data.quantity).toBe('rate');
    expect(r.conversion).toBe('rate-from-time');
  });

  test('a conductivity in S/cm becomes σT = σ·T (σ likewise); a lone "sigma (S/cm)" is the conductivity itself', () => {
    const r = tableToArrheniusData(table('T (K), sigma (S/cm), sigma_err (S/cm)\n300, 2e-3, 1e-4\n'));
    expect(r.columns.value.header).toBe('sigma (S/cm)');
    expect(r.data).toEqual({ temperature_K: [300], value: [2e-3 * 300], sigma: [1e-4 * 300], quantity: 'sigmaT' });
    expect(r.valueSigma).toEqual([1e-4]);
    expect(tableToArrheniusData(table('T (K), sigma (S/cm)\n300, 2e-3\n')).data.value).toEqual([0.6]);
  });

  test('one uncertainty rule: sigma, err, std, sd, uncertainty or such a suffix; unitless σ in the units written', () => {
    for (const name of ['sigma', 'err', 'std', 'sd', 'uncertainty', 'R1_err', 'R1 std', 'T1-sd']) {
      expect(isUncertaintyColumn({ name, header: name, values: [], si: [], siUnit: '' })).toBe(true);
    }
    expect(isUncertaintyColumn({ name: 'sigma_T', header: 'sigma_T', values: [], si: [], siUnit: 'S K/cm' })).toBe(false);
    const r = tableToArrheniusData(table('T (K), tau (ms), std\n300, 2, 0.5\n'));
    expect(r.data.sigma).toEqual([0.5e-3]);
    expect(r.data.quantity).toBe('tau');
  });

  test('the quantity from the option, else "# quantity:", else the unit; units restrict the value column', () => {
    const text = '# quantity: diffusion\nT (K), f (Hz), y\n300, 5, 1e-12\n';
    expect(tableToArrheniusData(table(text), { value: 'y' }).data.quantity).toBe('diffusion');
    expect(tableToArrheniusData(table(text), { value: 'y', quantity: 'Rate' }).data.quantity).toBe('rate');
    const r = tableToArrheniusData(table('T (K), f (Hz), sigma_T (S K/cm)\n300, 5, 0.1\n'), { units: ['S/cm', 'S K/cm'] });
    expect(r.columns.value.header).toBe('sigma_T (S K/cm)');
  });

  test('errors name the file, the column or option (as the caller calls it) and what was expected', () => {
    const plain = table('T (K), y\n300, 1\n');
    expect(() => tableToArrheniusData(plain)).toThrow(InputError);
    expect(() => tableToArrheniusData(plain)).toThrow(/^t\.csv: y: cannot tell what the y column holds \(expected quantity /);
    expect(() => tableToArrheniusData(plain, { quantity: 'x', optionNames: { quantity: '--quantity' } })).toThrow(
      /^t\.csv: --quantity: unknown quantity/,
    );
    expect(() => tableToArrheniusData(table('a, b\n1, 2\n'))).toThrow(/^t\.csv: T: no temperature column/);
    expect(() => tableToArrheniusData(table('T (K), R1 (1/s), sigma (K)\n300, 1, 2\n'))).toThrow(
      /sigma \(K\): uncertainty column in other units/,
    );
  });
});
