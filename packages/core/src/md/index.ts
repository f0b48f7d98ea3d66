/** Molecular dynamics: trajectories → tracer and collective MSD → D*, D_σ, σ, Haven ratio with uncertainties. */
export type { TrajectoryHeader, TrajectoryFrame, Trajectory } from './types';
export type { CollectOptions } from './collect';
export { TrajectoryCollector, collectTrajectory } from './collect';
export type { MsdCurves } from './msd';
export { trajectoryMsd, MsdAccumulator } from './msd';
export { randomWalkMsdCovariance } from './covariance';
export type { MsdFit, MsdFitOptions } from './fitMsd';
export { fitMsd, diffusiveWindow } from './fitMsd';
export type { TrajectoryAnalysisOptions, TrajectoryTransport } from './analyze';
export { analyzeTrajectory } from './analyze';
export type { WalkerSimulationOptions, SimulatedTrajectory } from './simulate';
export { simulateWalkers } from './simulate';
export type { TrajectoryArrhenius } from './arrhenius';
export { trajectoryArrhenius } from './arrhenius';
export { trajectoryTransportReport } from './report';
