/**
 * From a collected trajectory to transport coefficients with uncertainties (the third leg beside
 * NMR jump rates and DC conductivity; Hou et al., JACS 144 (2022) compare the same three levels):
 * - D* from the tracer MSD, D_σ from the collective (charge-weighted centre-of-displacement) MSD,
 *   both by the GLS fit of fitMsd.ts (Einstein: MSD = 2d·D·t + c);
 * - σ_NE = (N/V)·z²e²·D* / (kB·T) (Nernst–Einstein, dilute: no ion–ion correlation) and
 *   σ_coll = (N/V)·z²e²·D_σ/(kB·T) (the collective-displacement / Green–Kubo conductivity:
 *   σ = e²/(6V kB T)·d/dt⟨|Σ z_i Δr_i|²⟩, e.g. Marcolongo & Marzari, J. Phys. Chem. Lett. 8, 3708 (2017)),
 *   via nernstEinsteinConductivity_S_per_cm (transport/relations.ts);
 * - the Haven ratio H_R = D* / D_σ (Murch 1982) with first-order σ and, because σ(D_σ) from a few ps
 *   is often comparable with D_σ, the interval D* / (D_σ ± σ_Dσ), unbounded above when D_σ − σ ≤ 0;
 * - a jump rate Γ = 2d·D* / a² from a given jump length a (Einstein–Smoluchowski inverted).
 */
import type { Estimate } from '../arrhenius/types';
import { InputError } from '../errors';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';
import { havenRatio, nernstEinsteinConductivity_S_per_cm } from '../transport/relations';
import { productOfPowers } from '../transport/estimate';
import { fitMsd, MsdFit } from './fitMsd';
import { MsdCurves, trajectoryMsd } from './msd';
import type { Trajectory } from './types';

export interface TrajectoryAnalysisOptions {
  /** Temperature of the run, K (not in XDATCAR or DCD files): needed for σ. */
  temperature_K?: number;
  /** Fit window [start, end], ps; default automatic (fitMsd.ts diffusiveWindow), the same for tracer and collective. */
  window_ps?: [number, number];
  /** Jump length a for Γ = 6D* / a², Å. */
  jumpLength_A?: number;
  /** Also D* per Cartesian direction. */
  perDimension?: boolean;
  /** Points of the MSD curves kept in the result (evenly spaced lags; default 1000). */
  curvePoints?: number;
  source?: string;
}

export interface TrajectoryTransport {
  schema: ResultSchema;
  kind: 'TrajectoryTransport';
  source: string;
  species: string;
  atoms: number;
  frames: number;
  frameInterval_fs: number;
  duration_ps: number;
  volume_A3: number;
  numberDensity_per_cm3: number;
  chargeNumber: number | null;
  temperature_K: number | null;
  D_tracer_cm2_per_s: Estimate;
  D_sigma_cm2_per_s: Estimate;
  /** Nernst–Einstein σ from D*; null without a temperature or charge. */
  sigma_NE_S_per_cm: Estimate | null;
  /** σ from the collective MSD; null without a temperature or charge. */
  sigma_collective_S_per_cm: Estimate | null;
  /** D* / D_σ; value null when D̂_σ ≤ 0. */
  havenRatio: Estimate;
  /** D* / (D_σ + σ), D* / (D_σ − σ); upper null (unbounded) when D_σ − σ ≤ 0. */
  havenRatioInterval: { lower: number | null; upper: number | null };
  /** D* per direction x, y, z (when asked for). */
  D_tracerPerDimension_cm2_per_s?: Estimate[];
  jumpLength_A?: number;
  jumpRate_per_s?: Estimate;
  tracerFit: Omit<MsdFit, 'D_cm2_per_s'>;
  collectiveFit: Omit<MsdFit, 'D_cm2_per_s'>;
  /** The MSD curves (sampled to at most curvePoints lags). */
  msd: MsdCurves;
  frameworkDrift_A: number | null;
  uncertaintyMethod: string;
  warnings: string[];
}

export const UNCERTAINTY_METHOD =
  'GLS fit with the random-walk covariance between time lags (after kinisi: McCluskey, Coles & Morgan, JCTC 2024), atoms taken as independent';

const A3_IN_CM3 = 1e-24;

export function analyzeTrajectory(trajectory: Trajectory, options: TrajectoryAnalysisOptions = {}): TrajectoryTransport {
  const source = options.source ?? trajectory.source;
  const T = options.temperature_K;
  if (T !== undefined && !(Number.isFinite(T) && T > 0)) {
    throw new InputError('invalid temperature', { field: 'temperature_K', expected: 'a temperature > 0 K', found: String(T), source });
  }
  if (options.jumpLength_A !== undefined && !(options.jumpLength_A > 0)) {
    throw new InputError('invalid jump length', {
      field: 'jumpLength_A',
      expected: 'a length > 0 Å',
      found: String(options.jumpLength_A),
      source,
    });
  }
  const warnings = [...trajectory.warnings];
  const curves = trajectoryMsd(trajectory, { perDimension: options.perDimension });
  const fitOptions = { window_ps: options.window_ps, source, dimensions: 3 };
  const tracer = fitMsd(curves.time_ps, curves.tracer_A2, { ...fitOptions, walkers: trajectory.atoms });
  // the collective MSD is fitted over the tracer's window (one window for both, so H_R compares like with like)
  const collective = fitMsd(curves.time_ps, curves.collective_A2, { ...fitOptions, window_ps: tracer.window_ps, walkers: 1 });
  const D = tracer.D_cm2_per_s;
  const Dsigma = collective.D_cm2_per_s;
  const n_per_cm3 = trajectory.atoms / (trajectory.volume_A3 * A3_IN_CM3);
  const z = trajectory.charges.every((q) => q === trajectory.charges[0] && Number.isFinite(q)) ? trajectory.charges[0] : null;
  if (z === null && trajectory.charges.every(Number.isFinite)) warnings.push('the selected ions carry different charges: σ not computed');
  if (T === undefined) warnings.push('no temperature given (--temperature): no conductivity');

  // σ is linear in D: σ = f·D with f = (N/V)z²e²/(kB·T) per cm²/s (exact propagation of σ_D; T, N, V exact)
  const perD = T !== undefined && z !== null ? nernstEinstein(n_per_cm3, T, z) : null;
  const conductivity = (d: Estimate): Estimate | null =>
    perD === null ? null : { value: perD * d.value, stderr: d.stderr === null ? null : perD * d.stderr };

  let haven: Estimate = { value: NaN, stderr: null };
  let interval: { lower: number | null; upper: number | null } = { lower: null, upper: null };
  if (D.value > 0 && Dsigma.value > 0) {
    haven = havenRatio({ tracerDiffusion_m2_per_s: D, conductivityDiffusion_m2_per_s: Dsigma });
    const s = Dsigma.stderr ?? 0;
    interval = { lower: D.value / (Dsigma.value + s), upper: Dsigma.value - s > 0 ? D.value / (Dsigma.value - s) : null };
  } else {
    warnings.push(`D_σ = ${Dsigma.value.toExponential(2)} cm²/s is not positive: no Haven ratio`);
    if (D.value > 0) interval = { lower: Dsigma.stderr ? D.value / (Dsigma.value + Dsigma.stderr) : null, upper: null };
  }
  if (Dsigma.stderr !== null && Dsigma.stderr > 0.5 * Math.abs(Dsigma.value)) {
    warnings.push(
      `the collective MSD does not pin D_σ down: ±${Math.round((100 * Dsigma.stderr) / Math.abs(Dsigma.value))} % — the run is too short for σ_collective and H_R`,
    );
  }
  for (const [what, fit] of [
    ['tracer', tracer],
    ['collective', collective],
  ] as const) {
    if (fit.errorScale > 1) {
      warnings.push(
        `${what} MSD: χ²_red ${fit.chi2Reduced.toFixed(1)} against the random-walk covariance (correlated ions, vibrations or a window that is not diffusive): errors widened ×${fit.errorScale.toFixed(2)}`,
      );
    }
  }
  let perDimension: Estimate[] | undefined;
  if (curves.tracerPerDimension_A2) {
    perDimension = curves.tracerPerDimension_A2.map(
      (msd) =>
        fitMsd(curves.time_ps, msd, { ...fitOptions, window_ps: tracer.window_ps, dimensions: 1, walkers: trajectory.atoms }).D_cm2_per_s,
    );
  }
  let jumpRate: Estimate | undefined;
  if (options.jumpLength_A !== undefined && D.value > 0) {
    // Γ = 2d·D* / a² (Einstein–Smoluchowski D = a²Γ/(2d), relations.ts), D in Å²/s: 1 cm²/s = 1e16 Å²/s
    jumpRate = productOfPowers(6 / options.jumpLength_A ** 2, [
      [{ value: D.value * 1e16, stderr: D.stderr === null ? null : D.stderr * 1e16 }, 1],
    ]);
  }
  const { D_cm2_per_s: _t, ...tracerFit } = tracer;
  const { D_cm2_per_s: _c, ...collectiveFit } = collective;
  return {
    schema: RESULT_SCHEMA,
    kind: 'TrajectoryTransport',
    source,
    species: trajectory.species.join('+'),
    atoms: trajectory.atoms,
    frames: trajectory.frames,
    frameInterval_fs: trajectory.frameInterval_fs,
    duration_ps: ((trajectory.frames - 1) * trajectory.frameInterval_fs) / 1000,
    volume_A3: trajectory.volume_A3,
    numberDensity_per_cm3: n_per_cm3,
    chargeNumber: z,
    temperature_K: T ?? null,
    D_tracer_cm2_per_s: D,
    D_sigma_cm2_per_s: Dsigma,
    sigma_NE_S_per_cm: conductivity(D),
    sigma_collective_S_per_cm: conductivity(Dsigma),
    havenRatio: haven,
    havenRatioInterval: interval,
    ...(perDimension ? { D_tracerPerDimension_cm2_per_s: perDimension } : {}),
    ...(jumpRate ? { jumpLength_A: options.jumpLength_A, jumpRate_per_s: jumpRate } : {}),
    tracerFit,
    collectiveFit,
    msd: sampleCurves(curves, options.curvePoints ?? 1000),
    frameworkDrift_A: trajectory.frameworkDrift_A,
    uncertaintyMethod: UNCERTAINTY_METHOD,
    warnings,
  };
}

/** σ in S/cm of D = 1 cm²/s by Nernst–Einstein (relations.ts). */
function nernstEinstein(n_per_cm3: number, T: number, z: number): number {
  return nernstEinsteinConductivity_S_per_cm({
    numberDensity_per_cm3: n_per_cm3,
    diffusionCoefficient_m2_per_s: 1e-4,
    temperature_K: T,
    chargeNumber: Math.abs(z),
  }).value;
}

function sampleCurves(curves: MsdCurves, points: number): MsdCurves {
  const F = curves.time_ps.length;
  if (F <= points) return curves;
  const idx = [...new Set(Array.from({ length: points }, (_, j) => Math.round((j * (F - 1)) / (points - 1))))];
  const pick = (a: number[]) => idx.map((i) => a[i]);
  return {
    time_ps: pick(curves.time_ps),
    tracer_A2: pick(curves.tracer_A2),
    ...(curves.tracerPerDimension_A2
      ? { tracerPerDimension_A2: curves.tracerPerDimension_A2.map(pick) as [number[], number[], number[]] }
      : {}),
    collective_A2: pick(curves.collective_A2),
  };
}
