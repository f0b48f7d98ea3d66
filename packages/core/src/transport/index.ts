/** Transport: σT Arrhenius, Nernst–Einstein, Einstein–Smoluchowski, hopping, Haven, Ngai, and the NMR ↔ DC cross-link. */
export type { EstimateInput } from './estimate';
export type { JumpTimeKind, JumpTimeConvention } from './relations';
export {
  residenceTime_s,
  residenceJumpRate_per_s,
  einsteinSmoluchowskiDiffusion_m2_per_s,
  nernstEinsteinConductivity_S_per_cm,
  nernstEinsteinDiffusion_m2_per_s,
  numberDensityFromConcentration_per_cm3,
  havenRatio,
  hoppingConductivity_S_per_cm,
  ngaiCoupling,
} from './relations';
export type { ConductivityData } from './conductivity';
export { fitConductivityArrhenius, conductivityFromArrhenius_S_per_cm } from './conductivity';
export type {
  JumpRatePoints,
  NmrCrossLinkInput,
  ConductivityCrossLinkInput,
  HoppingGeometry,
  CrossLinkOptions,
  RegimeComparison,
  ConductivityAtTemperature,
  CrossLinkResult,
} from './crossLink';
export { crossLink } from './crossLink';
export { conductivityInputOf } from './conductivityInput';
export type { MdCrossLink, MdAtTemperature } from './crossLinkMd';
export type { CrossLinkRow } from './crossLinkTable';
export { crossLinkRows, crossLinkReport } from './crossLinkTable';
