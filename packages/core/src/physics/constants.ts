/**
 * Physical constants in SI (CODATA 2018; the SI 2019 defining constants are exact).
 * Source: NIST CODATA 2018, https://physics.nist.gov/cuu/Constants/
 */

/** Boltzmann constant k_B in J/K (exact since SI 2019). */
export const BOLTZMANN_J_per_K = 1.380649e-23;
/** Elementary charge e in C (exact since SI 2019). */
export const ELEMENTARY_CHARGE_C = 1.602176634e-19;
/** Boltzmann constant in eV/K: k_B / e = 8.617333262…e-5 eV/K. */
export const BOLTZMANN_eV_per_K = BOLTZMANN_J_per_K / ELEMENTARY_CHARGE_C;
/** Avogadro constant N_A in 1/mol (exact). */
export const AVOGADRO_per_mol = 6.02214076e23;
/** Molar gas constant R = N_A k_B in J/(mol K). */
export const GAS_CONSTANT_J_per_mol_K = AVOGADRO_per_mol * BOLTZMANN_J_per_K;
/** Planck constant h in J s (exact). */
export const PLANCK_J_s = 6.62607015e-34;
/** 1 eV per particle in kJ/mol: e·N_A/1000 = 96.485 332 12… kJ/mol. */
export const KJ_PER_MOL_PER_EV = (ELEMENTARY_CHARGE_C * AVOGADRO_per_mol) / 1000;
/** Vacuum permittivity ε0 in F/m (CODATA 2018: 8.8541878128(13)e-12). */
export const VACUUM_PERMITTIVITY_F_per_m = 8.8541878128e-12;
/** ε0 in F/cm, the unit of capacitance × cell constant l/A in impedance work. */
export const VACUUM_PERMITTIVITY_F_per_cm = VACUUM_PERMITTIVITY_F_per_m / 100;
/** 0 °C in kelvin. */
export const ZERO_CELSIUS_K = 273.15;

/** Activation energy conversion eV → kJ/mol. */
export function eVToKJPerMol(energy_eV: number): number {
  return energy_eV * KJ_PER_MOL_PER_EV;
}

/** Activation energy conversion kJ/mol → eV. */
export function kJPerMolToEV(energy_kJ_per_mol: number): number {
  return energy_kJ_per_mol / KJ_PER_MOL_PER_EV;
}

/** Temperature conversion °C → K. */
export function celsiusToKelvin(temperature_C: number): number {
  return temperature_C + ZERO_CELSIUS_K;
}

/** Temperature conversion K → °C. */
export function kelvinToCelsius(temperature_K: number): number {
  return temperature_K - ZERO_CELSIUS_K;
}
