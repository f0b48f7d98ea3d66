/**
 * Impedance: circuit language and complex fits, CPE capacitance, Lin–KK validity test,
 * conductivity from pellet geometry, Jonscher isotherms and Summerfield scaling.
 */
export type { ImpedanceSpectrum, ConductivitySpectrum, PelletGeometry, ImpedanceSource, ImpedanceFileFormat } from './types';
export { parseCircuit, circuitImpedance, circuitImpedanceWithDerivatives, ELEMENT_PARAMETERS } from './circuit';
export type { Circuit, CircuitNode, ElementNode, ElementType, SeriesNode, ParallelNode } from './circuit';
export { checkSpectrum } from './spectrum';
export type { SpectrumData, CheckedSpectrum } from './spectrum';
export { estimateStartValues, CPE_START_EXPONENT } from './startValues';
export { fitCircuit, circuitModel, IMPEDANCE_WEIGHTINGS } from './fitCircuit';
export type { CircuitFitOptions, CircuitFitResult, CircuitParameter, ImpedanceWeighting, LabelledStart, StartOutcome, StartsSummary } from './fitCircuit';
export { circuitBlocks, interchangeableGroups, blockTimeConstant_s } from './blocks';
export type { CircuitBlock } from './blocks';
export { gridStarts } from './startGrid';
export type { GridStart, GridStartOptions, GridStartOutcome } from './startGrid';
export { runsTest, residualStructure, linKKComparison, RUNS_TEST_ALPHA, LIN_KK_RATIO_LIMIT } from './residualChecks';
export type { RunsTest, ResidualStructure } from './residualChecks';
export { assignBlocks, irvineTypicalOf, checkResistanceChoice, conductivityResistance, BULK_CAPACITANCE_LIMIT_F_per_cm } from './blockAssignment';
export type { BlockAssignment, BlockCharacter, BlockRole } from './blockAssignment';
export { analyzeImpedanceSpectrum, analyzeFittedSpectrum } from './analysis';
export type { ImpedanceAnalysisOptions, ImpedanceSpectrumAnalysis, LinKKSummary } from './analysis';
export { fitCircuitGlobal } from './globalFit';
export type { GlobalCircuitFitOptions, GlobalCircuitFitResult } from './globalFit';
export { analyzeImpedanceSeries, MIN_SERIES_ARRHENIUS_POINTS, CAPACITANCE_JUMP_FACTOR } from './series';
export type { ImpedanceSeriesOptions, ImpedanceSeriesAnalysis, ImpedanceSeriesPoint, BlockSeries } from './series';
export { hsuMansfeldCapacitance_F, brugCapacitance_F, cpeCapacitance } from './cpe';
export type { CpeCapacitance, CpeCapacitanceMethod, CpeCapacitanceOptions } from './cpe';
export { linKK } from './linKK';
export type { LinKKOptions, LinKKResult } from './linKK';
export { checkGeometry, cellConstant_per_cm, conductivityFromResistance, conductivitySpectrum, dcPlateau } from './conductivity';
export type { DcPlateau, DcPlateauOptions } from './conductivity';
export { fitJonscher, jonscherConductivity_S_per_cm, jonscherStart, summerfieldScaling } from './jonscher';
export type { JonscherOptions, JonscherResult, SummerfieldIsotherm, SummerfieldResult } from './jonscher';
export { impedanceSpectrumReport, impedanceSeriesReport } from './report';
export { impedanceFrequencies_Hz, cpeCoefficientForCapacitance, simulateImpedanceSpectrum } from './simulate';
export type { SimulateImpedanceOptions } from './simulate';
