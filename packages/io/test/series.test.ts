import { InputError } from '@relaxlab/core';
import { parseDelimitedText, tableToLinewidthSeries, tableToRateSeries } from '@relaxlab/io';

describe('temperature series from tables (shared by relaxlab bpp/narrowing and the notebook kernel)', () => {
  test('T1rho in ms with an uncertainty column named by suffix: R = 1/T and σ_R = σ_T/T²', () => {
    const table = parseDelimitedText(
      [
        '# experiment: T1rho',
        '# nucleus: 7Li',
        '# larmor_MHz: 116.6',
        '# spinlock_kHz: 20',
        'T (K), T1rho (ms), T1rho_err (ms)',
        '300, 2, 0.1',
      ].join('\n'),
      { source: 'r.csv' },
    );
    const s = tableToRateSeries(table);
    expect(s).toMatchObject({ experiment: 'R1rho', nucleus: '7Li', larmor_MHz: 116.6, spinlock_kHz: 20 });
    expect(s.points[0].rate_per_s).toBeCloseTo(500, 10);
    expect(s.points[0].sigma).toBeCloseTo(0.1e-3 / (2e-3 * 2e-3), 8);
  });

  test('options supply what the metadata lines do not say', () => {
    const table = parseDelimitedText(['T (°C), R1 (1/s)', '25, 3'].join('\n'), { source: 'r.csv' });
    const s = tableToRateSeries(table, { experiment: 'R1', nucleus: '23Na', larmor_MHz: 105.8 });
    expect(s.points[0]).toEqual({ temperature_K: 298.15, rate_per_s: 3 });
    expect(() => tableToRateSeries(table)).toThrow(/r\.csv: # experiment: missing "# experiment:" line/);
  });

  test('an R1rho table without its spin-lock frequency, and a σ in other units, are typed errors', () => {
    const noLock = parseDelimitedText(
      ['# experiment: R1rho', '# nucleus: 7Li', '# larmor_MHz: 116.6', 'T (K), R1rho (1/s)', '300, 2'].join('\n'),
      { source: 'n.csv' },
    );
    expect(() => tableToRateSeries(noLock)).toThrow(InputError);
    expect(() => tableToRateSeries(noLock)).toThrow(/# spinlock_kHz: missing/);
    const badSigma = parseDelimitedText(['T (K), linewidth (kHz), sigma (K)', '300, 5, 1'].join('\n'), { source: 'w.csv' });
    expect(() => tableToLinewidthSeries(badSigma)).toThrow(/w\.csv: sigma \(K\): uncertainty column in other units/);
  });

  test('line widths in kHz with a unitless σ taken in the same units', () => {
    const table = parseDelimitedText(['# nucleus: 7Li', 'T (K), linewidth (kHz), sd', '300, 5, 0.2'].join('\n'), { source: 'w.csv' });
    expect(tableToLinewidthSeries(table)).toEqual({ nucleus: '7Li', points: [{ temperature_K: 300, linewidth_Hz: 5000, sigma: 200 }] });
  });
});
