import {
  BOLTZMANN_eV_per_K,
  KJ_PER_MOL_PER_EV,
  GAS_CONSTANT_J_per_mol_K,
  eVToKJPerMol,
  kJPerMolToEV,
  celsiusToKelvin,
  kelvinToCelsius,
  getNucleus,
  larmorFrequency_MHz,
  fieldFromLarmor_T,
  larmorAngularFrequency_rad_per_s,
  spinLockAngularFrequency_rad_per_s,
  InputError,
} from '@relaxlab/core';
import { normalizeNucleusSymbol } from '../src/physics/nuclei';

describe('physical constants (CODATA 2018)', () => {
  it('k_B = 8.617333262e-5 eV/K and R = 8.314462618 J/(mol K)', () => {
    expect(BOLTZMANN_eV_per_K).toBeCloseTo(8.617333262e-5, 14);
    expect(GAS_CONSTANT_J_per_mol_K).toBeCloseTo(8.314462618, 8);
  });
  it('1 eV = 96.485 kJ/mol and the conversions invert each other', () => {
    expect(KJ_PER_MOL_PER_EV).toBeCloseTo(96.4853321, 6);
    expect(kJPerMolToEV(eVToKJPerMol(0.44))).toBeCloseTo(0.44, 14);
    expect(kelvinToCelsius(celsiusToKelvin(120))).toBeCloseTo(120, 12);
    expect(celsiusToKelvin(0)).toBe(273.15);
  });
});

describe('nuclei table (IUPAC 2001)', () => {
  it('7Li at 7.05 T has its Larmor frequency at 116.6 MHz (the MIL-121 spectrometer)', () => {
    // γ/2π(7Li) = 16.548 MHz/T
    expect(larmorFrequency_MHz('7Li', 7.0463)).toBeCloseTo(116.6, 1);
    expect(fieldFromLarmor_T('7Li', larmorFrequency_MHz('7Li', 7.0463))).toBeCloseTo(7.0463, 10);
  });
  it('ratios of Larmor frequencies equal ratios of |γ| (23Na and 17O on a 400 MHz magnet)', () => {
    const B = fieldFromLarmor_T('1H', 400);
    const ratio = (n: string) => Math.abs(getNucleus(n).gamma_rad_per_s_per_T) / getNucleus('1H').gamma_rad_per_s_per_T;
    expect(larmorFrequency_MHz('23Na', B) / 400).toBeCloseTo(ratio('23Na'), 12);
    // bare-nucleus γ ratios are within 0.1 % of the IUPAC Ξ values of the reference compounds
    expect(larmorFrequency_MHz('23Na', B) / 400).toBeCloseTo(0.264519, 3);
    expect(larmorFrequency_MHz('17O', B) / 400).toBeCloseTo(0.135565, 3);
  });
  it('spins and abundances of the ion-conductor nuclei', () => {
    expect(getNucleus('7Li').spin).toBe(1.5);
    expect(getNucleus('23Na').naturalAbundance_pct).toBe(100);
    expect(getNucleus('1H').spin).toBe(0.5);
    expect(getNucleus('6Li').spin).toBe(1);
  });
  it('accepts common spellings and rejects unknown nuclei with a typed error', () => {
    expect(normalizeNucleusSymbol('Li7')).toBe('7Li');
    expect(normalizeNucleusSymbol('na-23')).toBe('23Na');
    expect(normalizeNucleusSymbol('7li')).toBe('7Li');
    expect(() => getNucleus('8Li')).toThrow(InputError);
    expect(() => getNucleus('8Li')).toThrow(/nucleus: unknown nucleus.*expected one of 1H/);
  });
  it('ω0 = 2π·ν0 and ω1 = 2π·ν1', () => {
    expect(larmorAngularFrequency_rad_per_s(116.6)).toBeCloseTo(2 * Math.PI * 116.6e6, 3);
    expect(spinLockAngularFrequency_rad_per_s(20)).toBeCloseTo(2 * Math.PI * 2e4, 8);
  });
});
