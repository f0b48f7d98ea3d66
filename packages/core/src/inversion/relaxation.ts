/**
 * Distributions of T1, T1ρ or T2 from one transient: the inverse Laplace transform (ILT)
 *
 *   saturation / inversion recovery   M(t) = ∫ g(ln τ)·[1 − a·exp(−t/τ)] d ln τ      (a = 1, 2)
 *   spin-lock (T1ρ), T2 decay         M(t) = ∫ g(ln τ)·exp(−t/τ) d ln τ [+ c]
 *
 * (a distribution of mono-exponential recoveries, Fukushima & Roeder, "Experimental Pulse NMR"
 * (1981) ch. II; the ILT as in Provencher's CONTIN and the NMR "T1 distributions" of
 * Y.-Q. Song et al., J. Magn. Reson. 154, 261 (2002)), solved by the regularised NNLS of
 * engine.ts with a bootstrap band (invert.ts). The recovery is signed: inversion-recovery data
 * keep their negative start (a magnitude-mode transient is not a Laplace transform of g ≥ 0).
 *
 * Beside the ILT the transient's usual fits (mono, stretched, two-component: relaxation/) are
 * compared by AIC/BIC, the ILT entering with its effective number of parameters (engine.ts eq. 2)
 * and the same χ².
 *
 * When an ILT misleads. For a stretched exponential with β below about 0.7, or an SNR below about
 * 40, an ILT shows distinct peaks that are not in the true (single, broad) distribution
 * (arXiv:2109.03872). The rule applied here: fit the stretched model M(t) with γ (or κ) free;
 * the data are "stretched-like" when that fit's BIC is not worse than the two-component fit's;
 * warn when they are stretched-like with β̂ < 0.7, or when SNR = (max − min of the signal)/σ̂ < 40
 * (σ̂: the given σ's median, else the smallest RMS residual of the converged usual fits). Two well-separated populations
 * prefer the two-component fit and so get no β warning.
 */
import { InputError } from '../errors';
import type { ModelComparison } from '../fit/compare';
import type { FitResult } from '../fit/types';
import { compareTransientModels, defaultCandidates, transientArrays } from '../relaxation/fitTransient';
import type { TransientInput } from '../relaxation/fitTransient';
import { RESULT_SCHEMA } from '../schema';
import { designMatrix, penaltyMatrix } from './basis';
import type { Discretisation } from './basis';
import { resolveGrid } from './grid';
import type { GridOptions } from './grid';
import { invert } from './invert';
import type { Inversion, InversionOptions } from './invert';
import { bandOf, estimate, inversionWarnings, peakPosition, regularisationOf } from './summary';
import type { RelaxationDistribution, RelaxationKernel } from './types';

export interface RelaxationDistributionOptions extends InversionOptions {
  /** The kernel (default from transient.experiment). */
  kernel?: RelaxationKernel;
  /** a of 1 − a·exp(−t/τ): default 1 (saturation), 2 (inversion). */
  inversionFactor?: number;
  /** Fit a non-decaying offset c ≥ 0 (decays only). */
  offset?: boolean;
  grid?: GridOptions;
  discretisation?: Discretisation;
  /** Compare with the mono/stretched/two-component fits and apply the unreliability rule (default true). */
  compare?: boolean;
  source?: string;
}

const KERNEL_OF: Record<string, RelaxationKernel> = {
  'T1-saturation': 'saturation-recovery',
  'T1-inversion': 'inversion-recovery',
  'T1rho-spinlock': 'spin-lock',
  T2: 't2-decay',
};
const KERNELS: RelaxationKernel[] = ['saturation-recovery', 'inversion-recovery', 'spin-lock', 't2-decay'];
/** Fewest delays an ILT is attempted on. */
export const MIN_ILT_POINTS = 8;

export function relaxationDistribution(transient: TransientInput, options: RelaxationDistributionOptions = {}): RelaxationDistribution {
  const source = options.source ?? transient?.source?.file ?? 'relaxationDistribution';
  const { t, y, sigma } = transientArrays(transient, source);
  const m = t.length;
  if (m < MIN_ILT_POINTS) {
    throw new InputError('too few delays for a distribution', {
      field: 'delay_s',
      expected: `at least ${MIN_ILT_POINTS} delays`,
      found: `${m}`,
      source,
    });
  }
  if (sigma) {
    if (sigma.length !== m)
      throw new InputError('sigma and delay_s differ in length', {
        field: 'sigma',
        expected: `${m} values`,
        found: `${sigma.length}`,
        source,
      });
    const bad = sigma.findIndex((s) => !(s > 0));
    if (bad >= 0)
      throw new InputError('σ must be positive', { field: `sigma[${bad}]`, expected: 'σ > 0', found: String(sigma[bad]), source });
  }
  const kernel = options.kernel ?? (transient.experiment ? KERNEL_OF[transient.experiment] : undefined);
  if (!kernel || !KERNELS.includes(kernel)) {
    throw new InputError(kernel ? 'unknown kernel' : 'no kernel named and no experiment type to choose one from', {
      field: 'kernel',
      expected: KERNELS.join(', '),
      found: kernel ? String(kernel) : undefined,
      source,
    });
  }
  const recovery = kernel === 'saturation-recovery' || kernel === 'inversion-recovery';
  const a = options.inversionFactor ?? (kernel === 'inversion-recovery' ? 2 : 1);
  if (recovery && !(a > 0 && a <= 2.5)) {
    throw new InputError('inversion factor out of range', {
      field: 'inversionFactor',
      expected: '0 < a ≤ 2.5 (1 saturation, 2 inversion)',
      found: String(a),
      source,
    });
  }
  if (options.offset && recovery) {
    throw new InputError('an offset applies to decays only', {
      field: 'offset',
      expected: 'false for a recovery kernel',
      found: 'true',
      source,
    });
  }
  let tmin = Infinity;
  let tmax = 0;
  for (const v of t) {
    tmin = Math.min(tmin, v);
    tmax = Math.max(tmax, v);
  }
  const grid = resolveGrid(tmin, tmax, options.grid ?? {}, source, 'the delays');
  const discretisation = options.discretisation ?? 'piecewise';
  const kg = grid.tau_s.length;
  const extras = options.offset ? 1 : 0;
  const k = kg + extras;
  const Ag = designMatrix(
    (tau, out) => {
      for (let i = 0; i < m; i++) out[i] = recovery ? 1 - a * Math.exp(-t[i] / tau) : Math.exp(-t[i] / tau);
    },
    m,
    grid,
    discretisation,
  );
  const A = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < kg; j++) A[i * k + j] = Ag[i * kg + j];
    if (extras) A[i * k + kg] = 1;
  }
  const weights = sigma ? sigma.map((s) => 1 / s) : new Float64Array(m).fill(1);
  const order = options.penalty ?? 2;
  const inv = invert(
    { A, y, weights, sigmaKnown: !!sigma, m, k, grid, discretisation, penalty: penaltyMatrix(grid, order, discretisation) },
    { ...options, penalty: order },
  );
  const total = inv.total.value;
  const perDecade = total > 0 ? Math.LN10 / total : 0;
  const warnings = inversionWarnings(inv);
  edgeWarnings(inv, grid.tau_s, warnings);

  const result: RelaxationDistribution = {
    schema: RESULT_SCHEMA,
    kind: 'RelaxationDistribution',
    kernel,
    formula: recovery ? `M(t) = ∫ g(ln τ)·[1 − ${a}·exp(−t/τ)] d ln τ` : `M(t) = ∫ g(ln τ)·exp(−t/τ) d ln τ${options.offset ? ' + c' : ''}`,
    tau_s: Array.from(grid.tau_s),
    density: Array.from(inv.density, (v) => v * perDecade),
    lower: Array.from(inv.lower, (v) => v * perDecade),
    upper: Array.from(inv.upper, (v) => v * perDecade),
    lambda: inv.choice.lambda,
    regularisation: regularisationOf(inv, order, discretisation, options),
    band: bandOf(inv, options),
    amplitude: estimate(inv.total),
    log10tauMean_s: estimate(inv.log10Mean),
    log10Width: estimate(inv.log10Sd),
    peaks: inv.peaks.map((p) => ({ ...peakPosition(p, grid.tau_s), fraction: estimate(p.fraction), amplitude: estimate(p.area) })),
    delay_s: Array.from(t),
    signal: Array.from(y),
    fitted: Array.from(inv.fitted),
    residuals: Array.from(inv.residuals),
    warnings,
  };
  if (transient.experiment) result.experiment = transient.experiment;
  if (recovery) result.inversionFactor = a;
  if (options.offset) {
    result.offset = estimate(inv.extras[0]);
  }
  if (sigma) result.sigma = Array.from(sigma);
  if (transient.source) result.source = { ...transient.source };
  if (options.compare ?? true) compareWithFits(result, transient, inv, sigma, source);
  return result;
}

/** Mass at the grid's ends: the distribution runs past the τ the data resolve. */
function edgeWarnings(inv: Inversion, tau: Float64Array, warnings: string[]): void {
  const n = inv.density.length;
  const ends = (inv.density[0] + inv.density[1] + inv.density[n - 2] + inv.density[n - 1]) / 2;
  let sum = 0;
  for (const v of inv.density) sum += v;
  if (sum > 0 && ends / sum > 0.05) {
    warnings.push(
      `more than 5 % of the distribution sits at the ends of the τ grid (${tau[0].toPrecision(3)}–${tau[n - 1].toPrecision(3)} s): components outside the data's window`,
    );
  }
}

function compareWithFits(
  result: RelaxationDistribution,
  transient: TransientInput,
  inv: Inversion,
  sigma: Float64Array | undefined,
  source: string,
): void {
  const model = result.kernel;
  // the kernels are named as the transient models, so the usual candidates of that model
  const { fits, comparison } = compareTransientModels(transient, defaultCandidates(model), { source });
  result.comparison = withInversionRow(comparison, inv, result.delay_s.length);
  const stretchedName = model === 'spin-lock' || model === 't2-decay' ? 'kappa' : 'gamma';
  const stretched = fits.find((f) => f.varyNames.includes(stretchedName) && f.varyNames.length === 3 && f.converged);
  const two = fits.find((f) => f.model.endsWith('-2'));
  if (!stretched) return;
  const beta = stretched.params[stretchedName].value;
  result.stretchedBeta = beta;
  const range = Math.max(...result.signal) - Math.min(...result.signal);
  // σ̂ from the best-fitting of the usual models: a misfitting model's residuals are not noise
  const noise = sigma ? median(sigma) : Math.min(...fits.filter((f) => f.converged).map(rms));
  const snr = noise > 0 ? range / noise : Infinity;
  result.snr = snr;
  const stretchedLike = !two || !two.converged || stretched.stats.bic <= two.stats.bic;
  if (stretchedLike && beta < 0.7) {
    result.warnings.push(
      `the data look like a stretched exponential with β = ${beta.toFixed(2)} < 0.7 (its BIC is not worse than the two-component fit's): an ILT of such data shows peaks that are not there (arXiv:2109.03872); read the distribution as one broad population`,
    );
  }
  if (snr < 40) {
    result.warnings.push(
      `SNR = ${snr.toFixed(0)} < 40: separate peaks in this distribution may be artefacts of the noise (arXiv:2109.03872)`,
    );
  }
}

/** The ILT as one more row of the comparison: AIC = n·ln(χ²/n) + 2·dof, BIC with ln(n)·dof. */
function withInversionRow(c: ModelComparison, inv: Inversion, n: number): ModelComparison {
  const chi = inv.solution.chiSquare;
  const dof = inv.solution.dof;
  const lik = n * Math.log(Math.max(chi, 1e-300) / n);
  const row = {
    label: `ILT (λ = ${inv.choice.lambda.toPrecision(3)}, effective dof ${dof.toFixed(1)})`,
    model: 'ILT',
    nvar: Math.round(dof * 10) / 10,
    chiSquare: chi,
    redChi: chi / Math.max(n - dof, 1),
    aic: lik + 2 * dof,
    aicc: n - dof - 1 > 0 ? lik + 2 * dof + (2 * dof * (dof + 1)) / (n - dof - 1) : null,
    bic: lik + Math.log(n) * dof,
    deltaAic: 0,
    deltaBic: 0,
    akaikeWeight: 0,
    converged: inv.solution.converged,
  };
  const rows = [...c.rows, row];
  const minAic = Math.min(...rows.map((r) => r.aic));
  const minBic = Math.min(...rows.map((r) => r.bic));
  const rel = rows.map((r) => Math.exp(-(r.aic - minAic) / 2));
  const sum = rel.reduce((x, v) => x + v, 0);
  rows.forEach((r, i) => {
    r.deltaAic = r.aic - minAic;
    r.deltaBic = r.bic - minBic;
    r.akaikeWeight = rel[i] / sum;
  });
  const ilt = rows[rows.length - 1];
  const best = c.rows.find((r) => r.label === c.preferred);
  const verdict =
    `${c.verdict} The ILT (effective dof ${dof.toFixed(1)}) has ΔBIC = ${(ilt.bic - (best?.bic ?? ilt.bic)).toFixed(1)} and ΔAIC = ` +
    `${(ilt.aic - (best?.aic ?? ilt.aic)).toFixed(1)} to ${c.preferred} (Akaike weights here from AIC, the ILT's dof being effective).`;
  return { ...c, rows, verdict };
}

function median(v: ArrayLike<number>): number {
  const s = Float64Array.from(v).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

function rms(fit: FitResult): number {
  return Math.sqrt(fit.residuals.reduce((a, r) => a + r * r, 0) / Math.max(fit.stats.dof, 1));
}
