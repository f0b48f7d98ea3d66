/**
 * One impedance spectrum, analysed the same way by every face (CLI `impedance`, `conductivity`,
 * the kernel): the circuit fit (fitCircuit: several starts, canonical block order), what each
 * block is (blockAssignment.ts), the effective capacitance of every CPE (Hsu–Mansfeld and Brug
 * where they apply), the Lin–KK test and its comparison with the fit's residuals, and — with a
 * geometry — the DC conductivity σ = l/(R·A) from the bulk resistance (or the one named).
 */
import { InputError } from '../errors';
import { assignBlocks, BlockAssignment, conductivityResistance } from './blockAssignment';
import { parseCircuit } from './circuit';
import type { Circuit } from './circuit';
import { conductivityFromResistance } from './conductivity';
import { cpeCapacitance, CpeCapacitance } from './cpe';
import { fitCircuit, CircuitFitOptions, CircuitFitResult } from './fitCircuit';
import { linKK } from './linKK';
import { linKKComparison } from './residualChecks';
import { checkSpectrum } from './spectrum';
import type { Estimate, ImpedanceSpectrum, PelletGeometry } from './types';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

export interface ImpedanceAnalysisOptions extends CircuitFitOptions {
  /** Pellet geometry; default the spectrum's own. Without one there is no conductivity. */
  geometry?: PelletGeometry;
  /** The resistance for σ: 'auto' (default, the bulk-like block) or a resistor name. */
  resistance?: string;
}

export interface LinKKSummary {
  elements: number;
  mu: number;
  muCriterionMet: boolean;
  maxAbsResidual: number;
  rmsResidual: number;
}

export interface ImpedanceSpectrumAnalysis {
  schema: ResultSchema;
  kind: 'ImpedanceSpectrumAnalysis';
  file?: string;
  /** 1-based block of a multi-spectrum file. */
  block?: number;
  temperature_K?: number;
  /** Frequencies fitted. */
  points: number;
  fit: CircuitFitResult;
  blocks: BlockAssignment;
  capacitances: CpeCapacitance[];
  linKK: LinKKSummary;
  conductivity?: { resistance: string; sigma_S_per_cm: Estimate; geometry: PelletGeometry };
  /** Everything a user should read before trusting the numbers. */
  warnings: string[];
}

export function analyzeImpedanceSpectrum(
  spectrum: ImpedanceSpectrum,
  circuitOrText: Circuit | string,
  options: ImpedanceAnalysisOptions = {},
): ImpedanceSpectrumAnalysis {
  const source = options.source ?? spectrumSource(spectrum, 'analyzeImpedanceSpectrum');
  const circuit = typeof circuitOrText === 'string' ? parseCircuit(circuitOrText, source) : circuitOrText;
  const fit = fitCircuit(spectrum, circuit, { ...options, source });
  return analyzeFittedSpectrum(spectrum, circuit, fit, { ...options, source });
}

/** Where a spectrum came from, for messages: "file (block 3)", or the fallback. */
export function spectrumSource(spectrum: ImpedanceSpectrum, fallback: string): string {
  const file = spectrum.source?.file;
  if (!file) return fallback;
  return spectrum.source?.block !== undefined ? `${file} (block ${spectrum.source.block})` : file;
}

/**
 * Everything after the fit (blocks, capacitances, Lin–KK, conductivity) for a fit already made.
 * `linKKOfSpectrum` reuses a Lin–KK test of the same spectrum and frequency range (it depends on
 * the data only, not on the fit).
 */
export function analyzeFittedSpectrum(
  spectrum: ImpedanceSpectrum,
  circuit: Circuit,
  fit: CircuitFitResult,
  options: ImpedanceAnalysisOptions = {},
  linKKOfSpectrum?: LinKKSummary,
): ImpedanceSpectrumAnalysis {
  const source = options.source ?? spectrumSource(spectrum, 'analyzeImpedanceSpectrum');
  const file = spectrum.source?.file;
  const block = spectrum.source?.block;
  const geometry = options.geometry ?? spectrum.geometry;
  const blocks = assignBlocks(fit, geometry, source);
  const capacitances: CpeCapacitance[] = [];
  for (const e of circuit.elements.filter((el) => el.type === 'CPE')) {
    for (const method of ['hsu-mansfeld', 'brug'] as const) {
      try {
        capacitances.push(cpeCapacitance(fit, { cpe: e.name, method }));
      } catch (err) {
        // a CPE without a parallel R (Hsu–Mansfeld) or without a series R (Brug) has no such capacitance
        if (!(err instanceof InputError)) throw err;
      }
    }
  }
  // Lin–KK over the frequencies the circuit was fitted to, so the two residuals compare
  const kk = linKKOfSpectrum ?? linKK(checkSpectrum(spectrum, source, options.frequencyRange_Hz), { source });
  const warnings = [...fit.warnings, ...blocks.notes];
  const kkNote = linKKComparison(fit.residuals.rmsRelative, kk.rmsResidual);
  if (kkNote) warnings.push(kkNote);
  if (!fit.converged) warnings.push(`the fit did not converge (${fit.fit.message}); the result is the last iterate`);
  const analysis: ImpedanceSpectrumAnalysis = {
    schema: RESULT_SCHEMA,
    kind: 'ImpedanceSpectrumAnalysis',
    ...(file !== undefined && { file }),
    ...(block !== undefined && { block }),
    ...(spectrum.temperature_K !== undefined && { temperature_K: spectrum.temperature_K }),
    points: fit.frequency_Hz.length,
    fit,
    blocks,
    capacitances,
    linKK: {
      elements: kk.elements,
      mu: kk.mu,
      muCriterionMet: kk.muCriterionMet,
      maxAbsResidual: kk.maxAbsResidual,
      rmsResidual: kk.rmsResidual,
    },
    warnings,
  };
  if (geometry) {
    const choice = conductivityResistance(fit, blocks, options.resistance ?? 'auto', source);
    warnings.push(...choice.notes);
    const p = fit.parameters[choice.resistor];
    analysis.conductivity = {
      resistance: choice.resistor,
      sigma_S_per_cm: conductivityFromResistance({ value: p.value, stderr: p.stderr }, geometry, source),
      geometry,
    };
  }
  return analysis;
}
