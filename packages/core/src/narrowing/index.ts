export { ABRAGAM_ALPHA, LINE_NARROWING_MODELS, WAUGH_FEDIN_eV_per_K, waughFedinActivationEnergy_eV, lineWidth_Hz } from './models';
export type { LineNarrowingModelName, LineNarrowingParameters } from './models';
export { fitLineNarrowing } from './fit';
export type { LinewidthPoint, LinewidthSeries, LineNarrowingOptions, LineNarrowingPoint, LineNarrowingResult } from './fit';
export { lineNarrowingReport } from './report';
