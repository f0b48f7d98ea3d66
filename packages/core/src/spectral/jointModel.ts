/**
 * The stacked model of a joint (global) BPP fit: several rate series, each parameter either
 * shared by all datasets that use it or free per dataset, evaluated over the stacked point index
 * with its analytic Jacobian.
 *
 * Parameters as fitted (natural units in the settings, see JointParameterKind), named
 * symbol_unit by the project's convention: Ea_eV, log10tau0_s (log10 of τ0 in s), beta,
 * log10C_per_s2 (log10 of C in 1/s²), bgA_per_s, bgKappa, bgEa_eV; a per-dataset parameter
 * carries the 1-based dataset number before its unit: log10C_2_per_s2, beta_2 (jointParameterName).
 * τ0 and C are fitted as decimal logarithms: they span decades and, on the ln R scale, log10 C
 * is an additive constant per dataset, which keeps the problem close to linear.
 *
 * For point i of dataset k, τ = 10^log10tau0·exp(Ea/kBT), S = Σ a·J(ω; τ), R = 10^log10C·S + R_bg:
 *   ∂R/∂Ea = C·∂S/∂ln τ /(kBT),  ∂R/∂log10tau0 = C·∂S/∂ln τ·ln 10,  ∂R/∂beta = C·∂S/∂β,
 *   ∂R/∂log10C = C·S·ln 10,  ∂R/∂bgA = h(T),  ∂R/∂bgKappa = R_bg·ln(T/Tref),
 *   ∂R/∂bgEa = −R_bg·(1/T − 1/Tref)/kB;  on the log scale every column is divided by R.
 */
import { BOLTZMANN_eV_per_K } from '../physics/constants';
import type { FitResult, VectorModel } from '../fit/types';
import { hasShapeParameter } from './densities';
import { rateSum, rateTerms, RateTerm } from './rates';
import type { BackgroundName, JointParameterKind, RateConvention, SpectralDensityName } from './types';
import type { CheckedSeries } from './validate';

export const JOINT_PARAMETER_KINDS: readonly JointParameterKind[] = ['Ea', 'tau0', 'beta', 'C', 'bgA', 'bgKappa', 'bgEa'];

/** Symbol and unit suffix of a kind's fitted parameter ('' for a dimensionless one). */
const FITTED_SYMBOL: Record<JointParameterKind, readonly [string, string]> = {
  Ea: ['Ea', 'eV'],
  tau0: ['log10tau0', 's'],
  beta: ['beta', ''],
  C: ['log10C', 'per_s2'],
  bgA: ['bgA', 'per_s'],
  bgKappa: ['bgKappa', ''],
  bgEa: ['bgEa', 'eV'],
};

/**
 * The name of a kind's fitted parameter: shared by all datasets (no `dataset`), or dataset k's own
 * (0-based k, named with k + 1 before the unit): jointParameterName('Ea') = 'Ea_eV',
 * jointParameterName('C', 1) = 'log10C_2_per_s2'.
 */
export function jointParameterName(kind: JointParameterKind, dataset?: number): string {
  const [symbol, unit] = FITTED_SYMBOL[kind];
  return [symbol, ...(dataset === undefined ? [] : [String(dataset + 1)]), ...(unit ? [unit] : [])].join('_');
}

/** The fitted parameter of `kind` that dataset k (0-based) uses: the shared one, its own, or null when the model has none. */
export function jointParameterOf(fit: Pick<FitResult, 'params'>, kind: JointParameterKind, dataset: number): string | null {
  const shared = jointParameterName(kind);
  if (fit.params[shared]) return shared;
  const own = jointParameterName(kind, dataset);
  return fit.params[own] ? own : null;
}

export const FITTED_UNIT: Record<JointParameterKind, string> = {
  Ea: 'eV',
  tau0: 'log10(s)',
  beta: '',
  C: 'log10(1/s^2)',
  bgA: '1/s',
  bgKappa: '',
  bgEa: 'eV',
};

export interface JointParameter {
  name: string;
  kind: JointParameterKind;
  /** Datasets (0-based) that use it. */
  datasets: number[];
}

export interface DatasetLayout {
  terms: RateTerm[];
  background: BackgroundName;
  /** First stacked index and number of points. */
  offset: number;
  n: number;
  /** Parameter index per kind, −1 when the dataset does not have that parameter. */
  index: Record<JointParameterKind, number>;
}

export interface JointModelSettings {
  spectralDensity: SpectralDensityName;
  convention: RateConvention;
  weighting: 'log' | 'linear';
  share: readonly JointParameterKind[];
  backgrounds: readonly BackgroundName[];
  referenceTemperature_K: number;
}

/** The kinds a dataset has under the model settings. */
export function datasetKinds(spectralDensity: SpectralDensityName, background: BackgroundName): JointParameterKind[] {
  const kinds: JointParameterKind[] = ['Ea', 'tau0'];
  if (hasShapeParameter(spectralDensity)) kinds.push('beta');
  kinds.push('C');
  if (background === 'power-law') kinds.push('bgA', 'bgKappa');
  if (background === 'arrhenius') kinds.push('bgA', 'bgEa');
  return kinds;
}

export class JointBppModel {
  readonly settings: JointModelSettings;
  readonly series: readonly CheckedSeries[];
  readonly parameters: JointParameter[] = [];
  readonly layouts: DatasetLayout[] = [];
  /** Stacked temperatures, 1/(kB·T) and dataset of each point. */
  readonly temperature_K: Float64Array;
  private readonly invKT: Float64Array;
  private readonly lnTOverTref: Float64Array;
  private readonly arrheniusArg: Float64Array;
  readonly m: number;
  private readonly sums = new Float64Array(3);
  private readonly g = new Float64Array(3);

  constructor(series: readonly CheckedSeries[], settings: JointModelSettings) {
    this.settings = settings;
    this.series = series;
    const sharedIndex = new Map<JointParameterKind, number>();
    let offset = 0;
    series.forEach((s, k) => {
      const background = settings.backgrounds[k];
      const index = Object.fromEntries(JOINT_PARAMETER_KINDS.map((q) => [q, -1])) as Record<JointParameterKind, number>;
      for (const kind of datasetKinds(settings.spectralDensity, background)) {
        if (settings.share.includes(kind)) {
          let j = sharedIndex.get(kind);
          if (j === undefined) {
            j = this.parameters.length;
            sharedIndex.set(kind, j);
            this.parameters.push({ name: jointParameterName(kind), kind, datasets: [] });
          }
          this.parameters[j].datasets.push(k);
          index[kind] = j;
        } else {
          index[kind] = this.parameters.length;
          this.parameters.push({ name: jointParameterName(kind, k), kind, datasets: [k] });
        }
      }
      this.layouts.push({ terms: rateTerms(s, settings.convention), background, offset, n: s.temperature_K.length, index });
      offset += s.temperature_K.length;
    });
    this.m = offset;
    this.temperature_K = new Float64Array(this.m);
    this.invKT = new Float64Array(this.m);
    this.lnTOverTref = new Float64Array(this.m);
    this.arrheniusArg = new Float64Array(this.m);
    const tref = settings.referenceTemperature_K;
    series.forEach((s, k) => {
      const o = this.layouts[k].offset;
      s.temperature_K.forEach((t, i) => {
        this.temperature_K[o + i] = t;
        this.invKT[o + i] = 1 / (BOLTZMANN_eV_per_K * t);
        this.lnTOverTref[o + i] = Math.log(t / tref);
        this.arrheniusArg[o + i] = -(1 / t - 1 / tref) / BOLTZMANN_eV_per_K;
      });
    });
  }

  get np(): number {
    return this.parameters.length;
  }

  /** Model values (ln R or R by the weighting) into out, and the Jacobian (column-major, m × np) when jac is given. */
  evaluate(p: ArrayLike<number>, out: Float64Array, jac?: Float64Array): void {
    const { m, layouts, invKT, sums, g } = this;
    const { spectralDensity, weighting } = this.settings;
    const log = weighting === 'log';
    if (jac) jac.fill(0, 0, m * this.np);
    for (const L of layouts) {
      const ix = L.index;
      const ea = p[ix.Ea];
      const tau0 = Math.pow(10, p[ix.tau0]);
      const shape = ix.beta >= 0 ? p[ix.beta] : 2;
      const c = Math.pow(10, p[ix.C]);
      const bgA = ix.bgA >= 0 ? p[ix.bgA] : 0;
      const bgExp = ix.bgKappa >= 0 ? p[ix.bgKappa] : ix.bgEa >= 0 ? p[ix.bgEa] : 0;
      for (let i = L.offset; i < L.offset + L.n; i++) {
        const tau = tau0 * Math.exp(ea * invKT[i]);
        rateSum(spectralDensity, L.terms, tau, shape, sums, g);
        const rDiff = c * sums[0];
        let h = 0;
        if (L.background === 'power-law') h = Math.exp(bgExp * this.lnTOverTref[i]);
        else if (L.background === 'arrhenius') h = Math.exp(bgExp * this.arrheniusArg[i]);
        const rBg = bgA * h;
        const r = rDiff + rBg;
        out[i] = log ? Math.log(r) : r;
        if (!jac) continue;
        const scale = log ? 1 / r : 1;
        const dLnTau = c * sums[1] * scale;
        jac[ix.Ea * m + i] = dLnTau * invKT[i];
        jac[ix.tau0 * m + i] = dLnTau * Math.LN10;
        if (ix.beta >= 0) jac[ix.beta * m + i] = c * sums[2] * scale;
        jac[ix.C * m + i] = rDiff * Math.LN10 * scale;
        if (ix.bgA >= 0) jac[ix.bgA * m + i] = h * scale;
        if (ix.bgKappa >= 0) jac[ix.bgKappa * m + i] = rBg * this.lnTOverTref[i] * scale;
        if (ix.bgEa >= 0) jac[ix.bgEa * m + i] = rBg * this.arrheniusArg[i] * scale;
      }
    }
  }

  /** The model as a VectorModel over x = stacked point index, for curveFit. */
  vectorModel(name: string): VectorModel {
    const np = this.np;
    const m = this.m;
    const full = new Float64Array(m);
    const fullJac = new Float64Array(m * np);
    const gather = (x: Float64Array, src: Float64Array, out: Float64Array, rows: number, cols: number): void => {
      for (let c = 0; c < cols; c++) for (let i = 0; i < rows; i++) out[c * rows + i] = src[c * m + x[i]];
    };
    const identity = (x: Float64Array): boolean => x.length === m && x[0] === 0 && x[m - 1] === m - 1;
    return {
      name,
      formula: formulaText(this.settings),
      parameterNames: this.parameters.map((q) => q.name),
      units: Object.fromEntries(this.parameters.map((q) => [q.name, FITTED_UNIT[q.kind]])),
      evaluate: (x, p, out) => {
        if (identity(x)) return this.evaluate(p, out);
        this.evaluate(p, full);
        gather(x, full, out, x.length, 1);
      },
      jacobian: (x, p, out, jac) => {
        if (identity(x)) return this.evaluate(p, out, jac);
        this.evaluate(p, full, fullJac);
        gather(x, full, out, x.length, 1);
        gather(x, fullJac, jac, x.length, np);
      },
    };
  }
}

function formulaText(s: JointModelSettings): string {
  const j: Record<SpectralDensityName, string> = {
    bpp: 'J = tau/(1 + (w*tau)^2)',
    'asymmetric-bpp': 'J = tau/(1 + (w*tau)^beta)',
    'richards-2d': 'J = tau*ln(1 + 1/(w*tau)^beta)',
    'lattice-1d': 'J = Re[tau/sqrt(i*w*tau*(2 + i*w*tau))]',
    'cole-davidson': 'J = sin(beta*atan(w*tau))/(w*(1 + (w*tau)^2)^(beta/2))',
  };
  const rates =
    s.convention === 'full'
      ? 'R1 = C[J(w0) + 4J(2w0)], R1rho = C[1.5J(2w1) + 2.5J(w0) + J(2w0)], R2 = C[1.5J(0) + 2.5J(w0) + J(2w0)]'
      : 'R1 = C*J(w0), R1rho = C*J(2w1), R2 = C*J(0)';
  return `${s.weighting === 'log' ? 'ln R' : 'R'}: ${rates} + R_bg; ${j[s.spectralDensity]}; tau = tau0*exp(Ea/(kB*T))`;
}
