/**
 * Transport relations between jump rates, diffusion coefficients and conductivity, each with
 * first-order uncertainty propagation (estimate.ts: for a product of powers the relative
 * variances add, weighted by the squared exponents). Units are in the names: D in m²/s, jump
 * distances in m, number densities in cm⁻³, conductivities in S/cm (docs/ARCHITECTURE.md, "Data model"), T in K.
 */
import { InputError } from '../errors';
import type { Estimate } from '../arrhenius/types';
import { AVOGADRO_per_mol, BOLTZMANN_J_per_K, ELEMENTARY_CHARGE_C } from '../physics/constants';
import { EstimateInput, productOfPowers, toEstimate } from './estimate';

/** Which time constant of the jump process a τ (or a rate 1/τ) is. */
export type JumpTimeKind = 'residence' | 'correlation';

export interface JumpTimeConvention {
  /** What the given τ or rate is: the mean residence time between jumps, or the NMR correlation time τc. */
  timeKind: JumpTimeKind;
  /**
   * τ_residence / τc, used only when timeKind is 'correlation'. Default 1: the assumption usually
   * made in BPP analyses that τc of the jump-induced field fluctuation equals the residence time
   * (e.g. Heitjans & Kärger (eds.), Diffusion in Condensed Matter, Springer 2005, ch. 9). Use 2 for
   * the dipolar coupling of a pair of like spins that both jump (τc = τ/2).
   */
  residencePerCorrelation?: number;
}

/** 1 m⁻³ = 1e-6 cm⁻³; 1 S/m = 0.01 S/cm: σ[S/cm] = 1e4·n[cm⁻³]·q²·D[m²/s]/(kB·T). */
const SI_TO_S_PER_CM = 1e6 / 100;

function dimensionalityOf(d: unknown, source: string): 1 | 2 | 3 {
  if (d !== 1 && d !== 2 && d !== 3) {
    throw new InputError('invalid dimensionality of the diffusion', {
      field: 'dimensionality',
      expected: '1, 2 or 3',
      found: String(d),
      source,
    });
  }
  return d;
}

function chargeNumberOf(z: unknown, source: string): number {
  const v = z ?? 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v === 0) {
    throw new InputError('invalid charge number', {
      field: 'chargeNumber',
      expected: 'a non-zero integer (1 for Li⁺, Na⁺)',
      found: String(z),
      source,
    });
  }
  return Math.abs(v);
}

/** τ_residence / τc from the convention (1 for a residence time). */
function residenceFactor(c: JumpTimeConvention, source: string): number {
  if (c.timeKind !== 'residence' && c.timeKind !== 'correlation') {
    throw new InputError('which time is it?', {
      field: 'timeKind',
      expected: "'residence' or 'correlation'",
      found: JSON.stringify(c.timeKind),
      source,
    });
  }
  if (c.timeKind === 'residence') return 1;
  const f = c.residencePerCorrelation ?? 1;
  if (!Number.isFinite(f) || f <= 0) {
    throw new InputError('invalid factor', {
      field: 'residencePerCorrelation',
      expected: 'τ_residence/τc > 0 (1 by convention, 2 for a pair of mobile like spins)',
      found: String(f),
      source,
    });
  }
  return f;
}

/** Residence time τ = f·τc (or τ itself), stderr scaled alike. */
export function residenceTime_s(input: { time_s: EstimateInput } & JumpTimeConvention): Estimate {
  const source = 'residenceTime_s';
  const f = residenceFactor(input, source);
  return productOfPowers(f, [[toEstimate(input.time_s, 'time_s', source), 1]]);
}

/** Jump rate Γ = 1/τ_residence from a residence rate or a correlation rate τc⁻¹ (Γ = τc⁻¹/f). */
export function residenceJumpRate_per_s(input: { jumpRate_per_s: EstimateInput } & JumpTimeConvention): Estimate {
  const source = 'residenceJumpRate_per_s';
  const f = residenceFactor(input, source);
  return productOfPowers(1 / f, [[toEstimate(input.jumpRate_per_s, 'jumpRate_per_s', source), 1]]);
}

/**
 * Einstein–Smoluchowski: D = a² / (2d·τ) with τ the mean residence time between jumps of length a
 * in d dimensions (Einstein, Ann. Phys. 17, 549 (1905); Smoluchowski, Ann. Phys. 21, 756 (1906)).
 * A correlation time is converted first: τ = f·τc (see JumpTimeConvention).
 * σ_D/D = √((2σ_a/a)² + (σ_τ/τ)²).
 */
export function einsteinSmoluchowskiDiffusion_m2_per_s(
  input: { jumpDistance_m: EstimateInput; dimensionality: 1 | 2 | 3; time_s: EstimateInput } & JumpTimeConvention,
): Estimate {
  const source = 'einsteinSmoluchowskiDiffusion_m2_per_s';
  const d = dimensionalityOf(input.dimensionality, source);
  const f = residenceFactor(input, source);
  const a = toEstimate(input.jumpDistance_m, 'jumpDistance_m', source);
  const tau = toEstimate(input.time_s, 'time_s', source);
  return productOfPowers(1 / (2 * d * f), [
    [a, 2],
    [tau, -1],
  ]);
}

/**
 * Nernst–Einstein: σ = (N/V)·(z·e)²·D / (kB·T) (e.g. Hou et al., JACS 144 (2022), MOF-688; the
 * textbook form for independent carriers). σ_σ/σ = √((σ_n/n)² + (σ_D/D)² + (σ_T/T)²).
 */
export function nernstEinsteinConductivity_S_per_cm(input: {
  numberDensity_per_cm3: EstimateInput;
  diffusionCoefficient_m2_per_s: EstimateInput;
  temperature_K: EstimateInput;
  chargeNumber?: number;
}): Estimate {
  const source = 'nernstEinsteinConductivity_S_per_cm';
  const z = chargeNumberOf(input.chargeNumber, source);
  const q = z * ELEMENTARY_CHARGE_C;
  return productOfPowers((SI_TO_S_PER_CM * q * q) / BOLTZMANN_J_per_K, [
    [toEstimate(input.numberDensity_per_cm3, 'numberDensity_per_cm3', source), 1],
    [toEstimate(input.diffusionCoefficient_m2_per_s, 'diffusionCoefficient_m2_per_s', source), 1],
    [toEstimate(input.temperature_K, 'temperature_K', source), -1],
  ]);
}

/** The inverse: the conductivity diffusion coefficient Dσ = σ·kB·T / ((N/V)·(z·e)²). */
export function nernstEinsteinDiffusion_m2_per_s(input: {
  conductivity_S_per_cm: EstimateInput;
  numberDensity_per_cm3: EstimateInput;
  temperature_K: EstimateInput;
  chargeNumber?: number;
}): Estimate {
  const source = 'nernstEinsteinDiffusion_m2_per_s';
  const z = chargeNumberOf(input.chargeNumber, source);
  const q = z * ELEMENTARY_CHARGE_C;
  return productOfPowers(BOLTZMANN_J_per_K / (SI_TO_S_PER_CM * q * q), [
    [toEstimate(input.conductivity_S_per_cm, 'conductivity_S_per_cm', source), 1],
    [toEstimate(input.numberDensity_per_cm3, 'numberDensity_per_cm3', source), -1],
    [toEstimate(input.temperature_K, 'temperature_K', source), 1],
  ]);
}

/** Number density of ions from a molar concentration: N/V [cm⁻³] = c [mol/L] · N_A / 1000. */
export function numberDensityFromConcentration_per_cm3(concentration_mol_per_L: EstimateInput): Estimate {
  const c = toEstimate(concentration_mol_per_L, 'concentration_mol_per_L', 'numberDensityFromConcentration_per_cm3');
  return productOfPowers(AVOGADRO_per_mol / 1000, [[c, 1]]);
}

/**
 * Haven ratio H_R = D* / Dσ: tracer (self) diffusion over the conductivity diffusion coefficient
 * from Nernst–Einstein (Murch, Solid State Ionics 7, 177 (1982)). H_R < 1 signals correlated
 * (collective) ion motion. σ_H/H = √((σ(D*)/D*)² + (σ(Dσ)/Dσ)²).
 */
export function havenRatio(input: { tracerDiffusion_m2_per_s: EstimateInput; conductivityDiffusion_m2_per_s: EstimateInput }): Estimate {
  const source = 'havenRatio';
  return productOfPowers(1, [
    [toEstimate(input.tracerDiffusion_m2_per_s, 'tracerDiffusion_m2_per_s', source), 1],
    [toEstimate(input.conductivityDiffusion_m2_per_s, 'conductivityDiffusion_m2_per_s', source), -1],
  ]);
}

/**
 * Random-walk hopping conductivity (the model Hou et al., JACS 144 (2022) use for MOF-688):
 *   σ = (N/V)·q²·a²·Γ / (2d·kB·T),  Γ = 1/τ_residence,
 * i.e. Nernst–Einstein σ = (N/V)q²D/(kB·T) with the Einstein–Smoluchowski D = a²Γ/(2d) of
 * uncorrelated jumps (Haven ratio 1). A correlation rate τc⁻¹ is converted to Γ = τc⁻¹/f first.
 * σ_σ/σ = √((σ_n/n)² + (2σ_a/a)² + (σ_Γ/Γ)² + (σ_T/T)²).
 */
export function hoppingConductivity_S_per_cm(
  input: {
    numberDensity_per_cm3: EstimateInput;
    jumpDistance_m: EstimateInput;
    jumpRate_per_s: EstimateInput;
    dimensionality: 1 | 2 | 3;
    temperature_K: EstimateInput;
    chargeNumber?: number;
  } & JumpTimeConvention,
): Estimate {
  const source = 'hoppingConductivity_S_per_cm';
  const d = dimensionalityOf(input.dimensionality, source);
  const f = residenceFactor(input, source);
  const z = chargeNumberOf(input.chargeNumber, source);
  const q = z * ELEMENTARY_CHARGE_C;
  return productOfPowers((SI_TO_S_PER_CM * q * q) / (2 * d * f * BOLTZMANN_J_per_K), [
    [toEstimate(input.numberDensity_per_cm3, 'numberDensity_per_cm3', source), 1],
    [toEstimate(input.jumpDistance_m, 'jumpDistance_m', source), 2],
    [toEstimate(input.jumpRate_per_s, 'jumpRate_per_s', source), 1],
    [toEstimate(input.temperature_K, 'temperature_K', source), -1],
  ]);
}

/**
 * Ngai coupling parameter n = 1 − Ea,micro / Ea,macro (coupling model: K. L. Ngai, Solid State
 * Ionics 105, 231 (1998); for NMR vs conductivity e.g. Zettl et al., Adv. Energy Mater. 2021).
 * With r = Ea,micro/Ea,macro and ρ their correlation (0 for independent measurements, from the
 * fit's correlation matrix when both energies come from one segmented fit):
 *   σ_n = r·√(ρ_mi² + ρ_ma² − 2ρ·ρ_mi·ρ_ma),  ρ_x = σ_x/Ea_x the relative errors.
 */
export function ngaiCoupling(input: {
  microscopicActivationEnergy_eV: EstimateInput;
  macroscopicActivationEnergy_eV: EstimateInput;
  correlation?: number;
}): Estimate {
  const source = 'ngaiCoupling';
  const micro = toEstimate(input.microscopicActivationEnergy_eV, 'microscopicActivationEnergy_eV', source);
  const macro = toEstimate(input.macroscopicActivationEnergy_eV, 'macroscopicActivationEnergy_eV', source);
  const rho = input.correlation ?? 0;
  if (!Number.isFinite(rho) || Math.abs(rho) > 1) {
    throw new InputError('invalid correlation', { field: 'correlation', expected: 'a number in [−1, 1]', found: String(rho), source });
  }
  const r = micro.value / macro.value;
  if (micro.stderr === null && macro.stderr === null) return { value: 1 - r, stderr: null };
  const a = (micro.stderr ?? 0) / micro.value;
  const b = (macro.stderr ?? 0) / macro.value;
  return { value: 1 - r, stderr: Math.abs(r) * Math.sqrt(Math.max(a * a + b * b - 2 * rho * a * b, 0)) };
}
