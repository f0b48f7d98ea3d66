/** Physical constants (CODATA 2018), unit conversions, the nuclei table with Larmor and spin-lock frequencies, and units read from names. */
export {
  BOLTZMANN_J_per_K,
  ELEMENTARY_CHARGE_C,
  BOLTZMANN_eV_per_K,
  AVOGADRO_per_mol,
  GAS_CONSTANT_J_per_mol_K,
  PLANCK_J_s,
  KJ_PER_MOL_PER_EV,
  VACUUM_PERMITTIVITY_F_per_m,
  VACUUM_PERMITTIVITY_F_per_cm,
  ZERO_CELSIUS_K,
  eVToKJPerMol,
  kJPerMolToEV,
  celsiusToKelvin,
  kelvinToCelsius,
} from './constants';
export {
  NUCLEI,
  getNucleus,
  larmorFrequency_MHz,
  fieldFromLarmor_T,
  larmorAngularFrequency_rad_per_s,
  spinLockAngularFrequency_rad_per_s,
} from './nuclei';
export type { Nucleus } from './nuclei';
export { unitOfName } from './unitNames';
export { MIN_TEMPERATURE_K, MAX_TEMPERATURE_K, TEMPERATURE_EXPECTED, temperatureProblem } from './temperature';
