/**
 * From rate series and JointBppOptions to a least-squares problem: checked settings, the stacked
 * model, the data on the fitted scale (ln R with σ/R, or R with σ) and the parameter table with
 * start values, bounds and vary.
 */
import { InputError } from '../errors';
import type { ParamInput } from '../fit/types';
import { checkSpectralDensityName, hasFiniteZeroFrequency, shapeBounds } from './densities';
import { FITTED_UNIT, JOINT_PARAMETER_KINDS, JointBppModel, JointModelSettings } from './jointModel';
import { RATE_CONVENTIONS } from './rates';
import { startValues } from './startValues';
import type { BackgroundName, JointBppOptions, JointParameterKind, ParameterSetting, RateSeries } from './types';
import { CheckedSeries, checkRateSeries } from './validate';

export const BACKGROUND_NAMES: readonly BackgroundName[] = ['none', 'power-law', 'arrhenius'];
export const DEFAULT_SHARE: readonly JointParameterKind[] = ['Ea', 'tau0', 'beta'];

/** Default bounds in fitted units (log10 for τ0 and C). */
function defaultBounds(kind: JointParameterKind, settings: JointModelSettings): [number, number] {
  switch (kind) {
    case 'Ea':
      return [0, 3];
    case 'tau0':
      return [-20, -6];
    case 'beta':
      return shapeBounds(settings.spectralDensity);
    case 'C':
      return [-Infinity, Infinity];
    case 'bgA':
      return [0, Infinity];
    case 'bgKappa':
      return [-10, 10];
    case 'bgEa':
      return [0, 3];
  }
}

export interface JointProblem {
  settings: JointModelSettings;
  series: CheckedSeries[];
  model: JointBppModel;
  /** Fitted-scale data: ln R or R, and σ on that scale (undefined when the series have none). */
  y: Float64Array;
  sigma?: Float64Array;
  params: Record<string, ParamInput>;
  notes: string[];
  absoluteSigma: boolean;
  source: string;
}

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], fallback: T, field: string, source: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value))
    throw new InputError(`unknown ${field}`, { field, expected: `one of ${allowed.join(', ')}`, found: JSON.stringify(value), source });
  return value;
}

export function checkSettings(count: number, options: JointBppOptions, source: string): JointModelSettings {
  const spectralDensity = checkSpectralDensityName(options.spectralDensity ?? 'asymmetric-bpp', 'spectralDensity', source);
  const convention = oneOf(options.convention, RATE_CONVENTIONS, 'full', 'convention', source);
  const weighting = oneOf(options.weighting, ['log', 'linear'] as const, 'log', 'weighting', source);
  const share = options.share ?? DEFAULT_SHARE;
  // checked through an `unknown` alias: Array.isArray(share) would narrow the readonly array to any[]
  const shareList: unknown = share;
  if (!Array.isArray(shareList))
    throw new InputError('share must be a list', {
      field: 'share',
      expected: `a list of ${JOINT_PARAMETER_KINDS.join(', ')}`,
      found: JSON.stringify(share),
      source,
    });
  share.forEach((kind, i) => oneOf(kind, JOINT_PARAMETER_KINDS, 'Ea', `share[${i}]`, source));
  const background = oneOf(options.background, BACKGROUND_NAMES, 'none', 'background', source);
  if (options.datasets !== undefined && (!Array.isArray(options.datasets) || options.datasets.length > count)) {
    throw new InputError('more dataset options than datasets', {
      field: 'options.datasets',
      expected: `at most ${count} entries (one per series)`,
      found: String(options.datasets?.length),
      source,
    });
  }
  const backgrounds = Array.from({ length: count }, (_, k) =>
    oneOf(options.datasets?.[k]?.background, BACKGROUND_NAMES, background, `datasets[${k}].background`, source),
  );
  // NaN until the data are read: the default is their lowest temperature (see buildJointProblem)
  const referenceTemperature_K = options.referenceTemperature_K ?? NaN;
  if (options.referenceTemperature_K !== undefined && (!(referenceTemperature_K > 0) || !Number.isFinite(referenceTemperature_K))) {
    throw new InputError('reference temperature must be above 0 K', {
      field: 'referenceTemperature_K',
      expected: '> 0 K',
      found: String(referenceTemperature_K),
      source,
    });
  }
  return { spectralDensity, convention, weighting, share: [...share], backgrounds, referenceTemperature_K };
}

/** A user setting converted to fitted units (τ0, C → log10), checked for positivity. */
function toFitted(kind: JointParameterKind, value: number | undefined, field: string, source: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new InputError('not a number', { field, expected: 'a number', found: JSON.stringify(value), source });
  if (kind !== 'tau0' && kind !== 'C') return value;
  if (value === Infinity) return Infinity;
  if (!(value > 0))
    throw new InputError(`${kind} must be positive`, {
      field,
      expected: kind === 'tau0' ? 'τ0 > 0 in s' : 'C > 0 in 1/s²',
      found: String(value),
      source,
    });
  return Math.log10(value);
}

export function buildJointProblem(seriesInput: readonly RateSeries[], options: JointBppOptions = {}): JointProblem {
  const source = options.source ?? 'fitJointBpp';
  // checked through an `unknown` alias: Array.isArray(seriesInput) would narrow the readonly array to any[]
  const list: unknown = seriesInput;
  if (!Array.isArray(list) || seriesInput.length === 0) {
    throw new InputError('no rate series given', {
      field: 'datasets',
      expected: 'one or more RateSeries',
      found: JSON.stringify(seriesInput),
      source,
    });
  }
  const settings = checkSettings(seriesInput.length, options, source);
  const logScale = settings.weighting === 'log';
  const series = seriesInput.map((s, k) => checkRateSeries(s, `datasets[${k}]`, logScale, source));
  series.forEach((s, k) => {
    if (s.experiment === 'R2' && !hasFiniteZeroFrequency(settings.spectralDensity)) {
      throw new InputError(`R2 needs J(0), which diverges for the ${settings.spectralDensity} spectral density`, {
        field: `datasets[${k}].experiment`,
        expected: 'R1 or R1rho series, or a spectral density with finite J(0) (bpp, asymmetric-bpp, cole-davidson)',
        found: 'R2',
        source,
      });
    }
  });
  if (options.referenceTemperature_K === undefined) {
    // A background is seen where the diffusion-induced rate is small, on the low-T side; with Tref
    // there, A is measured rather than extrapolated, so the fit stays close to linear in A and κ
    // (at Tref = 300 K the 2σ coverage of A dropped to 93 % in 1000 synthetic draws).
    settings.referenceTemperature_K = Math.min(...series.map((s) => s.temperature_K[0]));
  }
  const withSigma = series.filter((s) => s.sigma_per_s).length;
  if (withSigma !== 0 && withSigma !== series.length) {
    throw new InputError('σ given for some datasets but not all', {
      field: 'datasets[].points[].sigma',
      expected: 'σ for every dataset or for none (weights must be comparable)',
      found: `${withSigma} of ${series.length}`,
      source,
    });
  }
  const model = new JointBppModel(series, settings);
  const m = model.m;
  const y = new Float64Array(m);
  const sigma = withSigma ? new Float64Array(m) : undefined;
  series.forEach((s, k) => {
    const o = model.layouts[k].offset;
    s.rate_per_s.forEach((r, i) => {
      y[o + i] = logScale ? Math.log(r) : r;
      if (sigma && s.sigma_per_s) sigma[o + i] = logScale ? s.sigma_per_s[i] / r : s.sigma_per_s[i];
    });
  });

  const starts = startValues(series, model.layouts, settings.spectralDensity, settings.convention, settings.referenceTemperature_K);
  const params: Record<string, ParamInput> = {};
  let nvar = 0;
  for (const q of model.parameters) {
    const shared = settings.share.includes(q.kind);
    let setting: ParameterSetting | undefined = options.params?.[q.kind];
    let field = `params.${q.kind}`;
    if (!shared) {
      const k = q.datasets[0];
      const own = options.datasets?.[k]?.params?.[q.kind];
      if (own !== undefined) {
        setting = { ...setting, ...own };
        field = `datasets[${k}].params.${q.kind}`;
      }
    } else {
      q.datasets.forEach((k) => {
        if (options.datasets?.[k]?.params?.[q.kind] !== undefined) {
          throw new InputError(`${q.kind} is shared by all datasets and cannot be set per dataset`, {
            field: `datasets[${k}].params.${q.kind}`,
            expected: `params.${q.kind}, or leave ${q.kind} out of share to fit it per dataset`,
            source,
          });
        }
      });
    }
    const [defLo, defHi] = defaultBounds(q.kind, settings);
    const lo = toFitted(q.kind, setting?.min, `${field}.min`, source) ?? defLo;
    const hi = toFitted(q.kind, setting?.max, `${field}.max`, source) ?? defHi;
    const given = toFitted(q.kind, setting?.value, `${field}.value`, source);
    const auto = q.datasets.map((k) => starts.perDataset[k][q.kind]).sort((a, b) => a - b)[q.datasets.length >> 1];
    const inside = (v: number) =>
      v < lo ? (Number.isFinite(hi) ? lo + 1e-3 * (hi - lo) : lo) : v > hi ? (Number.isFinite(lo) ? hi - 1e-3 * (hi - lo) : hi) : v;
    const vary = setting?.vary ?? true;
    if (vary) nvar++;
    params[q.name] = { value: given ?? inside(auto), min: lo, max: hi, vary, unit: FITTED_UNIT[q.kind] };
  }
  if (m < nvar) {
    throw new InputError('fewer data points than varied parameters', {
      field: 'datasets',
      expected: `at least ${nvar} points in all (one per varied parameter: ${Object.keys(params)
        .filter((n) => params[n].vary !== false)
        .join(', ')})`,
      found: `${m} points`,
      source,
    });
  }
  return { settings, series, model, y, sigma, params, notes: starts.notes, absoluteSigma: options.absoluteSigma ?? false, source };
}
