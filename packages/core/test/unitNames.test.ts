/** Units read from names (physics/unitNames.ts): the naming convention every result key follows. */
import { unitOfName } from '../src';

describe('unitOfName', () => {
  test.each([
    ['activationEnergy_eV', 'activationEnergy', 'eV'],
    ['activationEnergy_kJ_per_mol', 'activationEnergy', 'kJ/mol'],
    ['temperature_K', 'temperature', 'K'],
    ['jumpRate_per_s', 'jumpRate', 's⁻¹'],
    ['prefactor_per_s2', 'prefactor', 's⁻²'],
    ['numberDensity_per_cm3', 'numberDensity', 'cm⁻³'],
    // the longest suffix that parses: m²/s, not a name "…_m2" in s⁻¹ (what the lab showed)
    ['conductivityDiffusion_m2_per_s', 'conductivityDiffusion', 'm²/s'],
    ['sigmaDC_S_per_cm', 'sigmaDC', 'S/cm'],
    ['sigmaT_S_K_per_cm', 'sigmaT', 'S K/cm'],
    ['jumpDistance_m', 'jumpDistance', 'm'],
    ['zFitReal_ohm', 'zFitReal', 'Ω'],
    ['spinlock_kHz', 'spinlock', 'kHz'],
    ['Ea_1_eV', 'Ea_1', 'eV'],
    // a decimal logarithm of the quantity in that unit
    ['log10tau0_s', 'log10tau0', 'log10(s)'],
    ['log10C_2_per_s2', 'log10C_2', 'log10(s⁻²)'],
  ])('%s: %s in %s', (key, name, unit) => {
    expect(unitOfName(key)).toEqual({ name, unit });
  });

  test('names without a unit stay whole: no unit, not a piece of the name taken for one', () => {
    for (const key of ['beta', 'havenRatio', 'log10y_kink_1', 'M_inf', 'T1_a', 'per_s_x', 'rate_per'])
      expect(unitOfName(key)).toEqual({ name: key, unit: '' });
  });
});
