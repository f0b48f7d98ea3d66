/**
 * rl.physics: the formulas and constants behind the analyses, to evaluate on their own — CODATA
 * constants and unit conversions, nuclei and their frequencies, spectral densities and rate
 * models, line widths, impedance elements and CPE capacitances, and the transport relations
 * (Einstein–Smoluchowski, Nernst–Einstein, Haven, hopping, Ngai).
 */
// constants (CODATA 2018) and conversions
export {
  BOLTZMANN_eV_per_K,
  BOLTZMANN_J_per_K,
  ELEMENTARY_CHARGE_C,
  AVOGADRO_per_mol,
  GAS_CONSTANT_J_per_mol_K,
  PLANCK_J_s,
} from '@relaxlab/core';
export {
  VACUUM_PERMITTIVITY_F_per_m,
  VACUUM_PERMITTIVITY_F_per_cm,
  KJ_PER_MOL_PER_EV,
  eVToKJPerMol,
  kJPerMolToEV,
  ZERO_CELSIUS_K,
  celsiusToKelvin,
  kelvinToCelsius,
} from '@relaxlab/core';
// nuclei and their frequencies
export {
  NUCLEI,
  getNucleus,
  larmorFrequency_MHz,
  fieldFromLarmor_T,
  larmorAngularFrequency_rad_per_s,
  spinLockAngularFrequency_rad_per_s,
} from '@relaxlab/core';
// motion seen by NMR: spectral densities, rates, line widths
export {
  spectralDensity,
  correlationTime_s,
  jumpRate_per_s,
  relaxationRate_per_s,
  lineWidth_Hz,
  ABRAGAM_ALPHA,
  WAUGH_FEDIN_eV_per_K,
  waughFedinActivationEnergy_eV,
} from '@relaxlab/core';
// impedance: circuits, CPE capacitances, pellet geometry, Jonscher's power law
export {
  parseCircuit,
  circuitImpedance,
  hsuMansfeldCapacitance_F,
  brugCapacitance_F,
  cpeCapacitance,
  cellConstant_per_cm,
  conductivityFromResistance,
  jonscherConductivity_S_per_cm,
} from '@relaxlab/core';
// transport: jump rates, diffusion and conductivity
export {
  residenceTime_s,
  residenceJumpRate_per_s,
  einsteinSmoluchowskiDiffusion_m2_per_s,
  numberDensityFromConcentration_per_cm3,
  nernstEinsteinDiffusion_m2_per_s,
} from '@relaxlab/core';
export {
  nernstEinsteinConductivity_S_per_cm,
  hoppingConductivity_S_per_cm,
  conductivityFromArrhenius_S_per_cm,
  havenRatio,
  ngaiCoupling,
} from '@relaxlab/core';
export type {
  Nucleus,
  SpectralDensityName,
  RateConvention,
  RateFrequencies,
  BppRateModel,
  LineNarrowingModelName,
  LineNarrowingParameters,
  BackgroundName,
  Circuit,
  CircuitNode,
  ElementNode,
  ElementType,
  SeriesNode,
  ParallelNode,
  EstimateInput,
  CpeCapacitance,
  CpeCapacitanceMethod,
  CpeCapacitanceOptions,
  JumpTimeKind,
  JumpTimeConvention,
} from '@relaxlab/core';
