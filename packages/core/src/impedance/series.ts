/**
 * A temperature series of impedance spectra, analysed as one: the policy behind `relaxlab
 * conductivity` (and any other face that fits a VT series).
 *
 * - Order and continuation: spectra are fitted in order of temperature, each from its own starts
 *   (fitCircuit) and from the result at the neighbouring temperature below; the lowest χ² wins,
 *   so continuation helps where arcs drift smoothly and costs nothing where it does not.
 * - Identity across temperatures: with interchangeable blocks in canonical order (fastest first)
 *   a position means the same process at every temperature, and the bulk is named by its
 *   capacitance (blockAssignment.ts). A block's capacitance barely depends on T (the geometric
 *   capacitance, ε_r varying slowly), so one that jumps by a decade or more between neighbouring
 *   temperatures has swapped identity with another block: that is reported.
 * - Arrhenius of every resistance: the bulk σT with kinks (transport/conductivity.ts, segmented
 *   regression) and one straight line per block of σ_block·T = (l/A)·T/R (T/R without a
 *   geometry: the same activation energy), so bulk and grain-boundary energies come side by side.
 * - Optionally a global fit with shared parameters (globalFit.ts), started from the individual
 *   fits; the conductivities then come from it.
 */
import { TEMPERATURE_EXPECTED, temperatureProblem } from '../physics/temperature';
import { fitArrhenius } from '../arrhenius/fitArrhenius';
import type { ArrheniusResult, SegmentedArrheniusResult } from '../arrhenius/types';
import { InputError } from '../errors';
import { fitConductivityArrhenius } from '../transport/conductivity';
import {
  analyzeFittedSpectrum,
  analyzeImpedanceSpectrum,
  ImpedanceAnalysisOptions,
  ImpedanceSpectrumAnalysis,
  spectrumSource,
} from './analysis';
import type { BlockRole } from './blockAssignment';
import { checkResistanceChoice } from './blockAssignment';
import { Circuit, parseCircuit } from './circuit';
import { cellConstant_per_cm } from './conductivity';
import { fitCircuitGlobal, GlobalCircuitFitResult } from './globalFit';
import type { Estimate, ImpedanceSpectrum } from './types';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';
import { kelvin } from './report';

export interface ImpedanceSeriesOptions extends ImpedanceAnalysisOptions {
  /** Also start each spectrum from the result at the temperature below. Default true. */
  continuation?: boolean;
  /** Parameters shared by all temperatures in a global fit (e.g. ['CPE1_n', 'CPE2_n']); default none. */
  shared?: string[];
  /** Segments of the bulk σT Arrhenius fit: 'auto' (BIC) or 1–3. Default 'auto'. */
  segments?: 'auto' | 1 | 2 | 3;
}

export interface ImpedanceSeriesPoint {
  temperature_K: number;
  file?: string;
  block?: number;
  /** The resistor σ is computed from at this temperature. */
  resistance: string;
  resistance_ohm: Estimate;
  /** With a geometry. */
  sigma_S_per_cm?: Estimate;
  converged: boolean;
  /** The start whose fit was kept. */
  start: string;
}

export interface BlockSeries {
  block: string;
  resistor: string;
  temperature_K: number[];
  /** What the block was taken to be at each temperature. */
  roles: BlockRole[];
  resistance_ohm: Estimate[];
  capacitance_F: Estimate[];
  /** What `arrhenius` fits: σ_block·T = (l/A)·T/R in S·K/cm with a geometry, else T/R in S·K (the same Ea). */
  arrheniusOf: 'sigmaT' | 'T/R';
  /** One line against 1000/T; null with fewer than 3 temperatures. */
  arrhenius: ArrheniusResult | null;
}

export interface ImpedanceSeriesAnalysis {
  schema: ResultSchema;
  kind: 'ImpedanceSeriesAnalysis';
  circuit: string;
  /** The spectra in temperature order, each analysed on its own. */
  spectra: ImpedanceSpectrumAnalysis[];
  /** With `shared`: the global fit, and each spectrum analysed from it. */
  global: { fit: GlobalCircuitFitResult; spectra: ImpedanceSpectrumAnalysis[] } | null;
  /** Conductivity points (from the global fit when there is one). */
  points: ImpedanceSeriesPoint[];
  /** σT Arrhenius of the bulk conductivity with kinks (needs a geometry and 3 temperatures). */
  arrhenius: SegmentedArrheniusResult | null;
  /** Every characterised block across the series. */
  blocks: BlockSeries[];
  warnings: string[];
}

/** Fewest temperatures for an Arrhenius line. */
export const MIN_SERIES_ARRHENIUS_POINTS = 3;

/** A block capacitance changing by this factor between neighbouring temperatures has swapped identity. */
export const CAPACITANCE_JUMP_FACTOR = 10;

export function analyzeImpedanceSeries(
  spectra: ImpedanceSpectrum[],
  circuitOrText: Circuit | string,
  options: ImpedanceSeriesOptions = {},
): ImpedanceSeriesAnalysis {
  const source = options.source ?? 'analyzeImpedanceSeries';
  const circuit = typeof circuitOrText === 'string' ? parseCircuit(circuitOrText, source) : circuitOrText;
  if (!Array.isArray(spectra) || spectra.length === 0) {
    throw new InputError('no spectra', { field: 'spectra', expected: 'one or more impedance spectra with temperatures', source });
  }
  checkResistanceChoice(circuit, options.resistance ?? 'auto', source);
  const seen = new Map<number, string>();
  spectra.forEach((s, k) => {
    const where = spectrumSource(s, `spectra[${k}]`);
    const T = s.temperature_K;
    const problem = temperatureProblem(T);
    if (problem !== undefined) {
      throw new InputError(T === undefined || T === null ? 'no temperature for this spectrum' : problem, {
        field: 'temperature_K',
        expected: `${TEMPERATURE_EXPECTED}, for every spectrum of a series`,
        found: String(T),
        source: where,
      });
    }
    const temperature_K = T as number; // temperatureProblem accepts numbers only
    const earlier = seen.get(temperature_K);
    if (earlier !== undefined) {
      throw new InputError(`temperature ${temperature_K} K appears twice in the series (also ${earlier})`, {
        field: 'temperature_K',
        expected: 'one spectrum per temperature',
        found: `${temperature_K} K twice`,
        source: where,
      });
    }
    seen.set(temperature_K, where);
  });
  const ordered = [...spectra].sort((a, b) => (a.temperature_K as number) - (b.temperature_K as number));

  const individual: ImpedanceSpectrumAnalysis[] = [];
  for (const s of ordered) {
    const previous = individual[individual.length - 1];
    const extraStarts = [...(options.extraStarts ?? [])];
    if ((options.continuation ?? true) && previous) {
      const values: Record<string, number> = {};
      for (const [name, p] of Object.entries(previous.fit.parameters)) values[name] = p.value;
      extraStarts.push({ label: `continuation from ${kelvin(previous.temperature_K as number)}`, values });
    }
    individual.push(analyzeImpedanceSpectrum(s, circuit, { ...options, source: spectrumSource(s, source), extraStarts }));
  }

  let global: ImpedanceSeriesAnalysis['global'] = null;
  const warnings: string[] = [];
  if (options.shared && options.shared.length) {
    const fit = fitCircuitGlobal(ordered, circuit, {
      shared: options.shared,
      starts: individual.map((a) => Object.fromEntries(Object.entries(a.fit.parameters).map(([n, p]) => [n, p.value]))),
      ...(options.weighting && { weighting: options.weighting }),
      ...(options.frequencyRange_Hz && { frequencyRange_Hz: options.frequencyRange_Hz }),
      ...(options.solver && { solver: options.solver }),
      params: Object.fromEntries(Object.entries(options.params ?? {}).map(([n, p]) => [n, typeof p === 'number' ? { value: p } : p])),
      source,
    });
    global = {
      fit,
      spectra: ordered.map((s, k) =>
        analyzeFittedSpectrum(s, circuit, fit.spectra[k], { ...options, source: spectrumSource(s, source) }, individual[k].linKK),
      ),
    };
    warnings.push(...fit.warnings.map((w) => `global fit: ${w}`));
    if (!fit.converged) warnings.push(`global fit: did not converge (${fit.fit.message})`);
  }
  const used = global ? global.spectra : individual;
  for (const a of used) for (const w of a.warnings) warnings.push(`${kelvin(a.temperature_K as number)}: ${w}`);

  const points: ImpedanceSeriesPoint[] = used.map((a, k) => {
    const resistance = a.conductivity?.resistance ?? a.blocks.bulkResistor ?? options.resistance ?? '';
    const p = a.fit.parameters[resistance];
    return {
      temperature_K: a.temperature_K as number,
      ...(a.file !== undefined && { file: a.file }),
      ...(a.block !== undefined && { block: a.block }),
      resistance,
      resistance_ohm: p ? { value: p.value, stderr: p.stderr } : { value: NaN, stderr: null },
      ...(a.conductivity && { sigma_S_per_cm: a.conductivity.sigma_S_per_cm }),
      converged: a.fit.converged,
      start: global ? 'global fit' : individual[k].fit.starts.chosen,
    };
  });
  const names = new Set(points.map((p) => p.resistance));
  if (names.size > 1) {
    warnings.push(
      `the bulk-like block is not the same at every temperature (${[...names].join(', ')}): read the block table before trusting the Arrhenius line`,
    );
  }

  let arrhenius: SegmentedArrheniusResult | null = null;
  const withSigma = points.filter((p) => p.sigma_S_per_cm !== undefined);
  if (withSigma.length === points.length && points.length >= MIN_SERIES_ARRHENIUS_POINTS) {
    const withErrors = withSigma.every((p) => p.sigma_S_per_cm!.stderr !== null && p.sigma_S_per_cm!.stderr > 0);
    arrhenius = fitConductivityArrhenius(
      {
        temperature_K: points.map((p) => p.temperature_K),
        conductivity_S_per_cm: points.map((p) => p.sigma_S_per_cm!.value),
        ...(withErrors && { sigma_S_per_cm: points.map((p) => p.sigma_S_per_cm!.stderr as number) }),
      },
      { segments: options.segments ?? 'auto', source },
    );
    if (!withErrors) warnings.push('some conductivities have no standard error: the σT Arrhenius fit is unweighted');
  } else if (withSigma.length === points.length) {
    warnings.push(`${points.length} temperature(s): the σT Arrhenius fit needs at least ${MIN_SERIES_ARRHENIUS_POINTS}`);
  }

  const blocks = blockSeries(used, options, source);
  for (const b of blocks) {
    for (let i = 1; i < b.temperature_K.length; i++) {
      const ratio = b.capacitance_F[i].value / b.capacitance_F[i - 1].value;
      if (ratio > CAPACITANCE_JUMP_FACTOR || ratio < 1 / CAPACITANCE_JUMP_FACTOR) {
        warnings.push(
          `${b.block}: the capacitance jumps from ${b.capacitance_F[i - 1].value.toExponential(2)} F at ${kelvin(b.temperature_K[i - 1])} to ` +
            `${b.capacitance_F[i].value.toExponential(2)} F at ${kelvin(b.temperature_K[i])} (${(ratio > 1 ? ratio : 1 / ratio).toFixed(0)}×): the block has probably swapped identity with another between these temperatures`,
        );
      }
    }
    const roles = new Set(b.roles);
    if (roles.size > 1) warnings.push(`${b.block} is taken for ${[...roles].join(' at some temperatures and ')} at others`);
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'ImpedanceSeriesAnalysis',
    circuit: circuit.text,
    spectra: individual,
    global,
    points,
    arrhenius,
    blocks,
    warnings,
  };
}

function blockSeries(analyses: ImpedanceSpectrumAnalysis[], options: ImpedanceSeriesOptions, source: string): BlockSeries[] {
  const geometry = options.geometry ?? analyses[0]?.conductivity?.geometry;
  const byBlock = new Map<string, BlockSeries>();
  for (const a of analyses) {
    for (const c of a.blocks.blocks) {
      const entry = byBlock.get(c.block) ?? {
        block: c.block,
        resistor: c.resistor,
        temperature_K: [],
        roles: [],
        resistance_ohm: [],
        capacitance_F: [],
        arrheniusOf: geometry ? 'sigmaT' : 'T/R',
        arrhenius: null,
      };
      entry.temperature_K.push(a.temperature_K as number);
      entry.roles.push(c.role);
      entry.resistance_ohm.push(c.resistance_ohm);
      entry.capacitance_F.push(c.capacitance_F);
      byBlock.set(c.block, entry);
    }
  }
  const k = geometry ? cellConstant_per_cm(geometry) : 1;
  for (const b of byBlock.values()) {
    if (b.temperature_K.length < MIN_SERIES_ARRHENIUS_POINTS) continue;
    const value = b.resistance_ohm.map((r, i) => (k * b.temperature_K[i]) / r.value);
    const withErrors = b.resistance_ohm.every((r) => r.stderr !== null && r.stderr > 0);
    b.arrhenius = fitArrhenius(
      {
        temperature_K: b.temperature_K,
        value,
        // σ(T/R) = (T/R)·σ_R/R
        ...(withErrors && { sigma: b.resistance_ohm.map((r, i) => (value[i] * (r.stderr as number)) / r.value) }),
        quantity: 'sigmaT',
      },
      { source: `${source}: ${b.block}` },
    );
  }
  return [...byBlock.values()];
}
