/**
 * The MD leg of the cross-link: trajectory results (md/analyze.ts) next to the NMR jump rates and
 * the DC conductivity, at each trajectory's temperature —
 * - D*(MD) beside Dσ(DC) = σDC·kB·T/((N/V)z²e²) (Nernst–Einstein inverted, relations.ts; σDC read
 *   off the σT fit at T, N/V and z from the MD cell), so H_R(MD vs DC) = D*(MD)/Dσ(DC);
 * - beside D_NMR = a²Γ/(2d) from the NMR jump rate at T (when a jump-rate function and the hopping
 *   geometry are given), and the MD's own Haven ratio D* / D_σ;
 * - with ≥ 2 temperatures, the activation energy of D*(MD) from trajectoryArrhenius, beside the
 *   NMR and DC energies.
 */
import type { Estimate, SegmentedArrheniusResult } from '../arrhenius/types';
import { InputError } from '../errors';
import type { TrajectoryTransport } from '../md/analyze';
import { trajectoryArrhenius } from '../md/arrhenius';
import { conductivityFromArrhenius_S_per_cm } from './conductivity';
import {
  einsteinSmoluchowskiDiffusion_m2_per_s,
  havenRatio,
  JumpTimeKind,
  nernstEinsteinDiffusion_m2_per_s,
  residenceJumpRate_per_s,
} from './relations';

export interface MdAtTemperature {
  temperature_K: number;
  source: string;
  tracerDiffusion_m2_per_s: Estimate;
  /** Dσ of the DC conductivity at this T with the MD's N/V and z. */
  conductivityDiffusion_m2_per_s: Estimate;
  /** D_NMR = a²Γ/(2d) at this T; null without a jump-rate function and geometry. */
  nmrDiffusion_m2_per_s: Estimate | null;
  /** D*(MD)/Dσ(DC). */
  havenRatio: Estimate;
  /** The MD's own D* / D_σ. */
  havenRatioMd: Estimate;
  /** T outside the σ data (σDC extrapolated along the fit). */
  extrapolated: boolean;
}

export interface MdCrossLink {
  atTemperatures: MdAtTemperature[];
  /** Ea of D*(MD), eV; null with fewer than 2 temperatures. */
  tracerActivationEnergy_eV: Estimate | null;
}

export interface MdNmrSettings {
  jumpRate?: (temperature_K: number) => Estimate;
  jumpDistance_m?: Estimate;
  dimensionality?: 1 | 2 | 3;
  jumpRateKind: JumpTimeKind;
  residencePerCorrelation: number;
}

export function mdCrossLink(
  md: readonly TrajectoryTransport[],
  arrhenius: SegmentedArrheniusResult,
  nmr: MdNmrSettings,
  source: string,
): MdCrossLink {
  const atTemperatures = md.map((r, k) => {
    if (r === null || typeof r !== 'object' || r.kind !== 'TrajectoryTransport') {
      throw new InputError('not an MD result', { field: `md[${k}]`, expected: 'a TrajectoryTransport (analyzeTrajectory)', source });
    }
    if (r.temperature_K === null || r.chargeNumber === null) {
      throw new InputError('the MD result lacks a temperature or charge', {
        field: `md[${k}]`,
        expected: 'analyzeTrajectory with temperature_K and a known charge',
        source: r.source,
      });
    }
    const T = r.temperature_K;
    const measured = conductivityFromArrhenius_S_per_cm(arrhenius, T);
    const dSigma = nernstEinsteinDiffusion_m2_per_s({
      conductivity_S_per_cm: measured.conductivity_S_per_cm,
      numberDensity_per_cm3: r.numberDensity_per_cm3,
      temperature_K: T,
      chargeNumber: Math.abs(r.chargeNumber),
    });
    const toM2 = (e: Estimate): Estimate => ({ value: e.value * 1e-4, stderr: e.stderr === null ? null : e.stderr * 1e-4 });
    const tracer = toM2(r.D_tracer_cm2_per_s);
    let nmrD: Estimate | null = null;
    if (nmr.jumpRate && nmr.jumpDistance_m) {
      const gamma = residenceJumpRate_per_s({
        jumpRate_per_s: nmr.jumpRate(T),
        timeKind: nmr.jumpRateKind,
        residencePerCorrelation: nmr.residencePerCorrelation,
      });
      nmrD = einsteinSmoluchowskiDiffusion_m2_per_s({
        jumpDistance_m: nmr.jumpDistance_m,
        dimensionality: nmr.dimensionality ?? 3,
        time_s: { value: 1 / gamma.value, stderr: gamma.stderr === null ? null : gamma.stderr / gamma.value ** 2 },
        timeKind: 'residence',
      });
    }
    return {
      temperature_K: T,
      source: r.source,
      tracerDiffusion_m2_per_s: tracer,
      conductivityDiffusion_m2_per_s: dSigma,
      nmrDiffusion_m2_per_s: nmrD,
      havenRatio:
        tracer.value > 0
          ? havenRatio({ tracerDiffusion_m2_per_s: tracer, conductivityDiffusion_m2_per_s: dSigma })
          : { value: NaN, stderr: null },
      havenRatioMd: r.havenRatio,
      extrapolated: measured.extrapolated,
    };
  });
  const temperatures = new Set(md.map((r) => r.temperature_K));
  const tracerActivationEnergy_eV = temperatures.size >= 2 ? trajectoryArrhenius(md, `${source}: md`).tracer.activationEnergy_eV : null;
  return { atTemperatures, tracerActivationEnergy_eV };
}
