/**
 * Impedance: circuit language and complex fits, what each block is, CPE capacitance, Lin–KK validity
 * test, temperature series, conductivity from pellet geometry, Jonscher isotherms and Summerfield scaling.
 */
export type { ImpedanceSpectrum, ConductivitySpectrum, PelletGeometry, ImpedanceSource, ImpedanceFileFormat } from './types';
export type { SpectrumData } from './spectrum';
export { parseCircuit, circuitImpedance } from './circuit';
export type { Circuit, CircuitNode, ElementNode, ElementType, SeriesNode, ParallelNode } from './circuit';
export { fitCircuit, IMPEDANCE_WEIGHTINGS } from './fitCircuit';
export type {
  CircuitFitOptions,
  CircuitFitResult,
  CircuitParameter,
  ImpedanceWeighting,
  LabelledStart,
  StartOutcome,
  StartsSummary,
} from './fitCircuit';
export type { RunsTest, ResidualStructure } from './residualChecks';
export { assignBlocks, checkResistanceChoice } from './blockAssignment';
export type { BlockAssignment, BlockCharacter, BlockRole } from './blockAssignment';
export { analyzeImpedanceSpectrum } from './analysis';
export type { ImpedanceAnalysisOptions, ImpedanceSpectrumAnalysis, LinKKSummary } from './analysis';
export { fitCircuitGlobal } from './globalFit';
export type { GlobalCircuitFitOptions, GlobalCircuitFitResult } from './globalFit';
export { analyzeImpedanceSeries } from './series';
export type { ImpedanceSeriesOptions, ImpedanceSeriesAnalysis, ImpedanceSeriesPoint, BlockSeries } from './series';
export { hsuMansfeldCapacitance_F, brugCapacitance_F, cpeCapacitance } from './cpe';
export type { CpeCapacitance, CpeCapacitanceMethod, CpeCapacitanceOptions } from './cpe';
export { linKK } from './linKK';
export type { LinKKOptions, LinKKResult } from './linKK';
export { cellConstant_per_cm, conductivityFromResistance, conductivitySpectrum, dcPlateau } from './conductivity';
export type { DcPlateau, DcPlateauOptions } from './conductivity';
export { fitJonscher, jonscherConductivity_S_per_cm, summerfieldScaling } from './jonscher';
export type { JonscherOptions, JonscherResult, SummerfieldIsotherm, SummerfieldResult } from './jonscher';
export { impedanceSpectrumReport, impedanceSeriesReport } from './report';
export { impedanceFrequencies_Hz, cpeCoefficientForCapacitance, simulateImpedanceSpectrum } from './simulate';
export type { SimulateImpedanceOptions } from './simulate';
