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
export type { CircuitFitOptions, CircuitFitResult, CircuitParameter, ImpedanceWeighting } from './fitCircuit';
export { hsuMansfeldCapacitance_F, brugCapacitance_F, cpeCapacitance } from './cpe';
export type { CpeCapacitance, CpeCapacitanceMethod, CpeCapacitanceOptions } from './cpe';
export { linKK } from './linKK';
export type { LinKKOptions, LinKKResult } from './linKK';
export { checkGeometry, cellConstant_per_cm, conductivityFromResistance, conductivitySpectrum, dcPlateau } from './conductivity';
export type { DcPlateau, DcPlateauOptions } from './conductivity';
export { fitJonscher, jonscherConductivity_S_per_cm, jonscherStart, summerfieldScaling } from './jonscher';
export type { JonscherOptions, JonscherResult, SummerfieldIsotherm, SummerfieldResult } from './jonscher';
