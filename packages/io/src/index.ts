/**
 * @relaxlab/io: readers for RelaxLab (Node): every text parser of the browser entry
 * (@relaxlab/io/browser, browser.ts) plus the readers of files and folders. The NIST StRD
 * reference problems are a third entry, @relaxlab/io/nist.
 */
export * from './browser';
export { readSourceFile } from './fileSource';
export type { SourceFile } from './fileSource';
export { readDelimitedFile } from './delimited/readDelimitedFile';
export { readCt1t2File, readT1intsFile } from './topspin/readRelaxationModuleFiles';
export { readTransientFile, detectTransientFormat } from './readTransientFile';
export type { ReadTransientOptions, ReadTransient } from './readTransientFile';
export { readBrukerRelaxation } from './bruker/readBrukerRelaxation';
export type { BrukerRelaxation, BrukerRelaxationOptions, FidProcessing } from './bruker/readBrukerRelaxation';
export type { BrukerExperiment, ReadBrukerExperimentOptions } from './bruker/readBrukerExperiment';
export type { BrukerParameters } from './bruker/parameters';
export type { ApodizationWindow, ApodizationKind } from './processing/apodization';
export type { PhaseChoice } from './processing/regionSeries';
export type { Phase } from './processing/phase';
export type { RegionMeasure, BaselineOptions } from './processing/integrate';
export type { AutoRegionOptions, PpmRegion } from './processing/regions';
export type { DelayListKind } from './bruker/delayLists';
export { readVtSeries } from './series/readVtSeries';
export type { VtExperiment, VtSeries } from './series/readVtSeries';
export { readJcampRelaxation } from './jcamp/readJcampRelaxation';
export type { JcampRelaxation, JcampRelaxationOptions } from './jcamp/readJcampRelaxation';
export { importRelaxationData } from './importRelaxation';
export type { ImportFormat, ImportResult, ImportOptions } from './importRelaxation';
export { readImpedanceFile } from './impedance/readImpedanceFile';
export { readTrajectory, trajectoryFormatOf, TRAJECTORY_FORMATS } from './md/readTrajectory';
export type { ReadTrajectoryOptions } from './md/readTrajectory';
export type { TrajectoryFormat } from './md/types';
export { readLammpsData } from './md/lammps';
export type { LammpsData } from './md/lammps';
