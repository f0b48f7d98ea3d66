export { readVtSeries } from './readVtSeries';
export type { VtExperiment, VtSeries } from './readVtSeries';
