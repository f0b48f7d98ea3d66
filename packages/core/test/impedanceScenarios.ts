/**
 * Synthetic temperature series of a polycrystalline pellet (brick-layer model): a bulk arc and a
 * grain-boundary arc (R∥CPE each), optionally a third block, then a blocking-electrode CPE, with
 * σT of every block Arrhenius-activated — R(T) = R_ref·(T/T_ref)·exp[(Ea/kB)(1/T − 1/T_ref)], so
 * that log10(σT) against 1/T is a straight line of slope −Ea/(kB ln 10), the convention of the
 * conductivity Arrhenius plot. The issue 13 scenarios and scripts/impedance-series-study.mjs
 * use these.
 */
import {
  BOLTZMANN_eV_per_K,
  cpeCoefficientForCapacitance,
  impedanceFrequencies_Hz,
  mulberry32,
  simulateImpedanceSpectrum,
} from '@relaxlab/core';
import type { ImpedanceSpectrum, PelletGeometry } from '@relaxlab/core';

export interface BlockSpec {
  /** R at the reference temperature, Ω. */
  resistanceRef_ohm: number;
  activationEnergy_eV: number;
  /** Effective (Hsu–Mansfeld) capacitance, F, independent of T. */
  capacitance_F: number;
  n: number;
}

export interface SeriesScenario {
  /** Blocks fastest first (bulk first); the circuit names them p(R1,CPE1), p(R2,CPE2), ... */
  blocks: BlockSpec[];
  electrode: { Q: number; n: number };
  temperatures_K: number[];
  referenceTemperature_K: number;
  frequencies_Hz: number[];
  relativeNoise: number;
  geometry: PelletGeometry;
}

export const GEOMETRY: PelletGeometry = { thickness_cm: 0.1, area_cm2: 0.5 };

const TEMPERATURES_K = [413, 423, 433, 443, 453, 463, 473];

/**
 * Issue 13's hidden arc: bulk C ≈ 5e-12 F, grain boundary ~15× larger in R with C ≈ 2e-11 F
 * (τ 60× slower: a shoulder, not an apex), CPE exponents 0.85/0.80, bulk Ea 0.55 eV, grain
 * boundary 0.75 eV, 1 MHz–10 Hz at 20 points per decade, 1 % noise, 140–200 °C.
 */
export function hiddenBulkScenario(overrides: Partial<SeriesScenario> = {}): SeriesScenario {
  return {
    blocks: [
      { resistanceRef_ohm: 3e5, activationEnergy_eV: 0.55, capacitance_F: 5e-12, n: 0.85 },
      { resistanceRef_ohm: 4.5e6, activationEnergy_eV: 0.75, capacitance_F: 2e-11, n: 0.8 },
    ],
    electrode: { Q: 5e-7, n: 0.75 },
    temperatures_K: TEMPERATURES_K,
    referenceTemperature_K: 443,
    frequencies_Hz: impedanceFrequencies_Hz(1e6, 10, 20),
    relativeNoise: 0.01,
    geometry: GEOMETRY,
    ...overrides,
  };
}

/** The same pellet with the arcs clearly apart: grain-boundary capacitance 3e-10 F (τ 900× the bulk's). */
export function separatedArcsScenario(): SeriesScenario {
  const s = hiddenBulkScenario();
  return { ...s, blocks: [s.blocks[0], { ...s.blocks[1], capacitance_F: 3e-10 }] };
}

/** Three blocks: bulk, grain boundary and a surface layer (C 2e-8 F, C·l/A 4e-9 F/cm, Ea 0.65 eV). */
export function threeBlockScenario(): SeriesScenario {
  const s = hiddenBulkScenario();
  return {
    ...s,
    blocks: [s.blocks[0], s.blocks[1], { resistanceRef_ohm: 3e6, activationEnergy_eV: 0.65, capacitance_F: 2e-8, n: 0.85 }],
    frequencies_Hz: impedanceFrequencies_Hz(1e6, 0.1, 20),
  };
}

/** The circuit written with the blocks in `order` (a permutation of 0..blocks−1), then the electrode. */
export function scenarioCircuit(blocks: number, order: number[] = Array.from({ length: blocks }, (_, k) => k)): string {
  return [...order.map((k) => `p(R${k + 1},CPE${k + 1})`), `CPE${blocks + 1}`].join('-');
}

export function blockResistance_ohm(scenario: SeriesScenario, block: number, T: number): number {
  const b = scenario.blocks[block];
  const Tr = scenario.referenceTemperature_K;
  return b.resistanceRef_ohm * (T / Tr) * Math.exp((b.activationEnergy_eV / BOLTZMANN_eV_per_K) * (1 / T - 1 / Tr));
}

/** The generating parameters at T, named as scenarioCircuit names them. */
export function scenarioParameters(scenario: SeriesScenario, T: number): Record<string, number> {
  const p: Record<string, number> = {};
  scenario.blocks.forEach((b, k) => {
    const R = blockResistance_ohm(scenario, k, T);
    p[`R${k + 1}`] = R;
    p[`CPE${k + 1}_Q`] = cpeCoefficientForCapacitance(R, b.capacitance_F, b.n);
    p[`CPE${k + 1}_n`] = b.n;
  });
  const e = scenario.blocks.length + 1;
  p[`CPE${e}_Q`] = scenario.electrode.Q;
  p[`CPE${e}_n`] = scenario.electrode.n;
  return p;
}

/** The series, one spectrum per temperature, noise from one seeded stream. */
export function scenarioSpectra(scenario: SeriesScenario, seed: number): ImpedanceSpectrum[] {
  const random = mulberry32(seed);
  const circuit = scenarioCircuit(scenario.blocks.length);
  return scenario.temperatures_K.map((T) =>
    simulateImpedanceSpectrum(circuit, scenarioParameters(scenario, T), scenario.frequencies_Hz, {
      relativeNoise: scenario.relativeNoise,
      random,
      temperature_K: T,
      geometry: scenario.geometry,
    }),
  );
}

/** The bulk conductivity σ = (l/A)/R_bulk at T. */
export function bulkConductivity_S_per_cm(scenario: SeriesScenario, T: number): number {
  return scenario.geometry.thickness_cm / (scenario.geometry.area_cm2 * blockResistance_ohm(scenario, 0, T));
}

/** Every CPE exponent of a scenario's circuit (blocks and electrode): what a global fit shares across temperature. */
export function sharedExponents(blocks: number): string[] {
  return Array.from({ length: blocks + 1 }, (_, k) => `CPE${k + 1}_n`);
}
