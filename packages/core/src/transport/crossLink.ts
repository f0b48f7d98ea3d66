/**
 * The NMR ↔ DC cross-link: does what the nuclei see explain what the sample conducts?
 * One comparison object from plain inputs (JSON-friendly, independent of the spectral code):
 * - activation energies side by side per conduction regime (σT segments, low T first);
 * - Ngai coupling from the σT kink, n = 1 − Ea(II)/Ea(I) (regime II = highest T, I = lowest T;
 *   correlation of the two energies taken from the one segmented fit), beside the Jonscher p;
 * - Ngai n from NMR vs DC, n = 1 − Ea,NMR/Ea,DC with Ea,DC of the regime the NMR energy belongs to;
 * - σ predicted from the NMR jump rates by the hopping model (relations.ts) vs σDC measured at the
 *   same T (read off the σT fit), and the implied Haven ratio H_R = D_NMR/Dσ, where the NMR jump
 *   diffusion D_NMR = a²Γ/(2d) stands in for the tracer D* (it lacks the correlation factor f,
 *   D* = f·D_NMR, so H_R here is H_R/f of the strict definition).
 */
import { InputError } from '../errors';
import type { Estimate, SegmentedArrheniusResult } from '../arrhenius/types';
import { estimateFromFit } from '../arrhenius/propagate';
import { segmentEnergyName } from '../arrhenius/model';
import { conductivityFromArrhenius_S_per_cm, fitConductivityArrhenius } from './conductivity';
import { crossLinkRows, CrossLinkRow } from './crossLinkTable';
import { EstimateInput, toEstimate } from './estimate';
import {
  einsteinSmoluchowskiDiffusion_m2_per_s,
  havenRatio,
  hoppingConductivity_S_per_cm,
  JumpTimeKind,
  nernstEinsteinDiffusion_m2_per_s,
  ngaiCoupling,
  residenceJumpRate_per_s,
} from './relations';
import { conductivityInputOf } from './conductivityInput';
import type { ImpedanceSeriesAnalysis } from '../impedance/series';
import { MdCrossLink, mdCrossLink } from './crossLinkMd';
import type { TrajectoryTransport } from '../md/analyze';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

/** Jump rates vs T: plain arrays, or the band a BPP fit reports (lower/upper = rate·e^(∓σ_ln)). */
export interface JumpRatePoints {
  temperature_K: number[];
  jumpRate_per_s: number[];
  stderr_per_s?: number[];
  lower_per_s?: number[];
  upper_per_s?: number[];
}

export interface NmrCrossLinkInput {
  /** e.g. '7Li T1/T1rho, soaked'. */
  label?: string;
  /** The NMR activation energy compared with DC (high-T flank or a joint BPP fit). */
  activationEnergy_eV: EstimateInput;
  /** Temperatures the NMR energy describes; picks the σT regime to compare with (default: the highest-T regime). */
  temperatureRange_K?: [number, number];
  /** τc⁻¹ (or residence jump rates) vs T, for the hopping prediction of σ. */
  jumpRates?: JumpRatePoints;
  /** What the jump rates are. Default 'correlation' (τc⁻¹ from BPP). */
  jumpRateKind?: JumpTimeKind;
  /** τ_residence/τc (default 1), see JumpTimeConvention in relations.ts. */
  residencePerCorrelation?: number;
}

export interface ConductivityCrossLinkInput {
  label?: string;
  temperature_K: number[];
  conductivity_S_per_cm: number[];
  sigma_S_per_cm?: number[];
  /** A σT fit already made (must be quantity 'sigmaT'); otherwise fitted here. */
  arrhenius?: SegmentedArrheniusResult;
  /** Segments for the σT fit made here. Default 'auto'. */
  segments?: 'auto' | 1 | 2 | 3;
  /** Jonscher exponent p of σ′(ν) = σDC[1 + (ν/νc)^p]. */
  jonscherExponent?: EstimateInput;
}

/** The hopping model's geometry: needed to turn jump rates into a conductivity. */
export interface HoppingGeometry {
  numberDensity_per_cm3: EstimateInput;
  jumpDistance_m: EstimateInput;
  /** Default 3. */
  dimensionality?: 1 | 2 | 3;
  /** Default 1. */
  chargeNumber?: number;
}

export interface CrossLinkOptions {
  hopping?: HoppingGeometry;
  /** Jump rate as a function of T (e.g. from a BPP fit); used at the σ data temperatures when no jumpRates are given. */
  jumpRate?: (temperature_K: number) => Estimate;
  /** MD trajectory results (analyzeTrajectory, with temperature and charge): D* beside D_NMR and Dσ(DC). */
  md?: TrajectoryTransport[];
  source?: string;
}

export interface RegimeComparison {
  /** 'I', 'II', 'III' from low to high T. */
  regime: string;
  temperatureRange_K: [number, number];
  conductivity_eV: Estimate;
  /** The NMR energy, on the row of the regime it is compared with. */
  nmr_eV: Estimate | null;
}

export interface ConductivityAtTemperature {
  temperature_K: number;
  /** NMR jump rate as given (τc⁻¹ unless jumpRateKind says residence). */
  jumpRate_per_s: Estimate;
  /** Γ = 1/τ_residence. */
  residenceJumpRate_per_s: Estimate;
  nmrDiffusion_m2_per_s: Estimate;
  predictedConductivity_S_per_cm: Estimate;
  measuredConductivity_S_per_cm: Estimate;
  conductivityDiffusion_m2_per_s: Estimate;
  /** D_NMR/Dσ (= σ_predicted/σ_measured). */
  havenRatio: Estimate;
  /** T outside the σ data: σDC extrapolated along the fit. */
  extrapolated: boolean;
}

export interface CrossLinkResult {
  schema: ResultSchema;
  kind: 'CrossLinkResult';
  nmrLabel: string;
  conductivityLabel: string;
  regimes: RegimeComparison[];
  /** Index into regimes of the regime the NMR energy is compared with. */
  comparedRegime: number;
  ngai: {
    /** 1 − Ea(highest-T regime)/Ea(lowest-T regime); null with one segment. */
    fromConductivityKink: Estimate | null;
    jonscherExponent: Estimate | null;
    /** n(kink) − p. */
    kinkMinusJonscher: Estimate | null;
    /** 1 − Ea,NMR/Ea,DC(compared regime). */
    fromNmrVsDc: Estimate;
  };
  conductivityArrhenius: SegmentedArrheniusResult;
  hopping:
    | (Required<Pick<HoppingGeometry, 'dimensionality' | 'chargeNumber'>> & {
        numberDensity_per_cm3: Estimate;
        jumpDistance_m: Estimate;
        jumpRateKind: JumpTimeKind;
        residencePerCorrelation: number;
      })
    | null;
  atTemperatures: ConductivityAtTemperature[];
  /** The MD leg (crossLinkMd.ts); null without MD results. */
  md: MdCrossLink | null;
  /** The comparison as rows (quantity | NMR | DC | note), as the CLI prints it. */
  table: CrossLinkRow[];
  warnings: string[];
}

const ROMAN = ['I', 'II', 'III'];

export function crossLink(
  nmr: NmrCrossLinkInput,
  conductivityGiven: ConductivityCrossLinkInput | ImpedanceSeriesAnalysis,
  options: CrossLinkOptions = {},
): CrossLinkResult {
  const source = options.source ?? 'crossLink';
  if (nmr === null || typeof nmr !== 'object')
    throw new InputError('no NMR results', { field: 'nmr', expected: '{ activationEnergy_eV, jumpRates? }', source });
  if (conductivityGiven === null || typeof conductivityGiven !== 'object') {
    throw new InputError('no conductivity results', {
      field: 'conductivity',
      expected: '{ temperature_K, conductivity_S_per_cm, jonscherExponent? } or an ImpedanceSeriesAnalysis',
      source,
    });
  }
  const { input: conductivity, warnings } = conductivityInputOf(conductivityGiven, `${source}: conductivity`);
  const nmrEa = toEstimate(nmr.activationEnergy_eV, 'nmr.activationEnergy_eV', source);
  const arrhenius =
    conductivity.arrhenius ??
    fitConductivityArrhenius(conductivity, { segments: conductivity.segments ?? 'auto', source: `${source}: conductivity` });
  if (arrhenius.quantity !== 'sigmaT') {
    throw new InputError('not a σT Arrhenius fit', {
      field: 'conductivity.arrhenius.quantity',
      expected: "'sigmaT'",
      found: JSON.stringify(arrhenius.quantity),
      source,
    });
  }
  const segs = arrhenius.segments;
  const compared = comparedRegime(arrhenius, nmr.temperatureRange_K, source);
  const regimes: RegimeComparison[] = segs.map((s, k) => ({
    regime: ROMAN[k],
    temperatureRange_K: s.temperatureRange_K,
    conductivity_eV: s.activationEnergy_eV,
    nmr_eV: k === compared ? nmrEa : null,
  }));

  let fromKink: Estimate | null = null;
  if (segs.length > 1) {
    const [first, last] = [segmentEnergyName(1), segmentEnergyName(segs.length)];
    fromKink = estimateFromFit(arrhenius.fit, (p) => 1 - p[last] / p[first]);
  } else {
    warnings.push('the σT data show one regime (no kink): no Ngai n from a kink');
  }
  const jonscher =
    conductivity.jonscherExponent !== undefined ? toEstimate(conductivity.jonscherExponent, 'conductivity.jonscherExponent', source) : null;
  const kinkMinusJonscher =
    fromKink && jonscher
      ? {
          value: fromKink.value - jonscher.value,
          stderr: fromKink.stderr === null && jonscher.stderr === null ? null : Math.hypot(fromKink.stderr ?? 0, jonscher.stderr ?? 0),
        }
      : null;
  const fromNmrVsDc = ngaiCoupling({
    microscopicActivationEnergy_eV: nmrEa,
    macroscopicActivationEnergy_eV: segs[compared].activationEnergy_eV,
  });

  const hopping = hoppingSettings(nmr, options.hopping, source);
  const atTemperatures: ConductivityAtTemperature[] = [];
  const rates = jumpRatesAt(nmr, options, arrhenius, source);
  if (!rates) warnings.push('no NMR jump rates given (nmr.jumpRates): σ not predicted from NMR');
  else if (!hopping) warnings.push('no hopping geometry (numberDensity_per_cm3, jumpDistance_m): σ not predicted from the NMR jump rates');
  if (rates && hopping) {
    for (const { temperature_K, rate } of rates) {
      const convention = { timeKind: hopping.jumpRateKind, residencePerCorrelation: hopping.residencePerCorrelation };
      const gamma = residenceJumpRate_per_s({ jumpRate_per_s: rate, ...convention });
      const nmrDiffusion = einsteinSmoluchowskiDiffusion_m2_per_s({
        jumpDistance_m: hopping.jumpDistance_m,
        dimensionality: hopping.dimensionality,
        time_s: { value: 1 / gamma.value, stderr: gamma.stderr === null ? null : gamma.stderr / (gamma.value * gamma.value) },
        timeKind: 'residence',
      });
      const predicted = hoppingConductivity_S_per_cm({
        numberDensity_per_cm3: hopping.numberDensity_per_cm3,
        jumpDistance_m: hopping.jumpDistance_m,
        jumpRate_per_s: rate,
        dimensionality: hopping.dimensionality,
        temperature_K,
        chargeNumber: hopping.chargeNumber,
        ...convention,
      });
      const measured = conductivityFromArrhenius_S_per_cm(arrhenius, temperature_K);
      const dSigma = nernstEinsteinDiffusion_m2_per_s({
        conductivity_S_per_cm: measured.conductivity_S_per_cm,
        numberDensity_per_cm3: hopping.numberDensity_per_cm3,
        temperature_K,
        chargeNumber: hopping.chargeNumber,
      });
      atTemperatures.push({
        temperature_K,
        jumpRate_per_s: rate,
        residenceJumpRate_per_s: gamma,
        nmrDiffusion_m2_per_s: nmrDiffusion,
        predictedConductivity_S_per_cm: predicted,
        measuredConductivity_S_per_cm: measured.conductivity_S_per_cm,
        conductivityDiffusion_m2_per_s: dSigma,
        havenRatio: havenRatio({ tracerDiffusion_m2_per_s: nmrDiffusion, conductivityDiffusion_m2_per_s: dSigma }),
        extrapolated: measured.extrapolated,
      });
    }
    const outside = atTemperatures.filter((a) => a.extrapolated).length;
    if (outside > 0)
      warnings.push(
        `${outside} of ${atTemperatures.length} jump-rate temperatures lie outside the σDC data: σDC extrapolated along the σT fit there`,
      );
  }

  const md =
    options.md && options.md.length > 0
      ? mdCrossLink(
          options.md,
          arrhenius,
          {
            jumpRate: options.jumpRate,
            jumpDistance_m: hopping?.jumpDistance_m,
            dimensionality: hopping?.dimensionality,
            jumpRateKind: hopping?.jumpRateKind ?? nmr.jumpRateKind ?? 'correlation',
            residencePerCorrelation: hopping?.residencePerCorrelation ?? nmr.residencePerCorrelation ?? 1,
          },
          source,
        )
      : null;

  const result: CrossLinkResult = {
    schema: RESULT_SCHEMA,
    kind: 'CrossLinkResult',
    nmrLabel: nmr.label ?? 'NMR',
    conductivityLabel: conductivity.label ?? 'DC conductivity',
    regimes,
    comparedRegime: compared,
    ngai: { fromConductivityKink: fromKink, jonscherExponent: jonscher, kinkMinusJonscher, fromNmrVsDc },
    conductivityArrhenius: arrhenius,
    hopping,
    atTemperatures,
    md,
    table: [],
    warnings: [...warnings, ...arrhenius.warnings],
  };
  result.table = crossLinkRows(result);
  return result;
}

/** The σT regime overlapping the NMR temperature range most (ties and no range: the highest-T regime). */
function comparedRegime(arrhenius: SegmentedArrheniusResult, range: [number, number] | undefined, source: string): number {
  const last = arrhenius.segments.length - 1;
  if (range === undefined) return last;
  if (!Array.isArray(range) || range.length !== 2 || !(range[0] > 0) || !(range[1] > range[0])) {
    throw new InputError('invalid temperature range', {
      field: 'nmr.temperatureRange_K',
      expected: '[Tmin, Tmax] in K, 0 < Tmin < Tmax',
      found: JSON.stringify(range),
      source,
    });
  }
  let best = last;
  let bestOverlap = 0;
  arrhenius.segments.forEach((s, k) => {
    const overlap = Math.min(range[1], s.temperatureRange_K[1]) - Math.max(range[0], s.temperatureRange_K[0]);
    if (overlap > bestOverlap) [best, bestOverlap] = [k, overlap];
  });
  return best;
}

function hoppingSettings(nmr: NmrCrossLinkInput, geometry: HoppingGeometry | undefined, source: string): CrossLinkResult['hopping'] {
  if (!geometry) return null;
  const jumpRateKind = nmr.jumpRateKind ?? 'correlation';
  if (jumpRateKind !== 'correlation' && jumpRateKind !== 'residence') {
    throw new InputError('which rate is it?', {
      field: 'nmr.jumpRateKind',
      expected: "'correlation' (τc⁻¹) or 'residence'",
      found: JSON.stringify(jumpRateKind),
      source,
    });
  }
  return {
    numberDensity_per_cm3: toEstimate(geometry.numberDensity_per_cm3, 'hopping.numberDensity_per_cm3', source),
    jumpDistance_m: toEstimate(geometry.jumpDistance_m, 'hopping.jumpDistance_m', source),
    dimensionality: geometry.dimensionality ?? 3,
    chargeNumber: geometry.chargeNumber ?? 1,
    jumpRateKind,
    residencePerCorrelation: nmr.residencePerCorrelation ?? 1,
  };
}

/** Jump rates with stderr at their temperatures (or from the function at the σ data temperatures). */
function jumpRatesAt(
  nmr: NmrCrossLinkInput,
  options: CrossLinkOptions,
  arrhenius: SegmentedArrheniusResult,
  source: string,
): { temperature_K: number; rate: Estimate }[] | null {
  const points = nmr.jumpRates;
  if (points) {
    const T = points.temperature_K;
    const k = points.jumpRate_per_s;
    if (!Array.isArray(T) || !Array.isArray(k) || T.length !== k.length || T.length === 0) {
      throw new InputError('jump rates and temperatures do not match', {
        field: 'nmr.jumpRates',
        expected: '{ temperature_K: [...], jumpRate_per_s: [...] } of equal, non-zero length',
        found: `${Array.isArray(T) ? T.length : typeof T} temperatures, ${Array.isArray(k) ? k.length : typeof k} rates`,
        source,
      });
    }
    return T.map((t, i) => {
      const temperature_K = toEstimate(t, `nmr.jumpRates.temperature_K[${i}]`, source).value;
      let stderr: number | null = points.stderr_per_s?.[i] ?? null;
      if (stderr === null && points.lower_per_s && points.upper_per_s) {
        // a log-symmetric band rate·e^(±σ_ln): σ_ln = ln(upper/lower)/2, stderr ≈ rate·σ_ln
        stderr = (k[i] * Math.log(points.upper_per_s[i] / points.lower_per_s[i])) / 2;
      }
      return { temperature_K, rate: toEstimate({ value: k[i], stderr }, `nmr.jumpRates.jumpRate_per_s[${i}]`, source) };
    });
  }
  if (options.jumpRate) {
    const temperatures = (arrhenius.fit.data.x as number[]).map((x) => 1000 / x);
    return temperatures.map((temperature_K) => ({
      temperature_K,
      rate: toEstimate(options.jumpRate!(temperature_K), 'jumpRate(T)', source),
    }));
  }
  return null;
}
