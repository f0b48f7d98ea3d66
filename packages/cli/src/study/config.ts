/**
 * The study configuration (`study.json`, JSONC — see jsonc.ts): every choice of a whole-study
 * analysis in one file — which inputs, how spectra become transients (regions), which transient
 * model per experiment, Arrhenius windows, what the joint BPP fit shares, the conductivity for the
 * cross-link — so the same command reproduces the same numbers. Every key is optional; the
 * defaults are in DEFAULT_CONFIG and the resolved config (defaults filled in) goes into
 * results.json.
 */
import {
  BACKGROUND_NAMES,
  DEFAULT_MODEL,
  JOINT_PARAMETER_KINDS,
  RATE_CONVENTIONS,
  SPECTRAL_DENSITY_NAMES,
  TRANSIENT_EXPERIMENTS,
  TRANSIENT_MODEL_NAMES,
} from '@relaxlab/core';
import type {
  BackgroundName,
  EstimateInput,
  HoppingGeometry,
  JointParameterKind,
  ParamInput,
  RateConvention,
  RateExperiment,
  SpectralDensityName,
  TransientExperiment,
  TransientModelName,
} from '@relaxlab/core';
import { readSourceFile } from '@relaxlab/io';
import { ConfigChecker } from './check';
import { parseJsonc } from './jsonc';

export const CONFIG_SCHEMA = 'relaxlab-study/1';
/** The config file looked for in the study folder when --config is not given. */
export const CONFIG_FILE_NAME = 'study.json';

/** How spectra (Bruker folders, JCAMP-DX) become transients; tables ignore these. */
export interface ImportSettings {
  /** ppm regions to integrate, [from, to] each (default: TopSpin's intrng, else picked automatically). */
  regions_ppm?: [number, number][];
  regions?: 'intrng' | 'auto';
  data?: 'ser' | 'topspin' | '2rr';
  measure?: 'integral' | 'height';
  noiseRegion_ppm?: [number, number];
}

/** The transient model of one experiment type and its parameter choices (as `relaxlab fit`). */
export interface TransientSettings {
  model: TransientModelName;
  vary: string[];
  fix: string[];
  params: Record<string, number | Partial<ParamInput>>;
}

/** A straight Arrhenius line through the points of one rate series inside a temperature window. */
export interface ArrheniusWindow {
  /** Series label as in rates.csv, e.g. "R1rho 7Li 20 kHz". */
  series: string;
  /** 'low': the low-T flank (rate rises with T); 'high': the high-T flank (rate falls with T). */
  side: 'low' | 'high';
  window_K: [number, number];
}

export interface ResamplingSettings {
  samples: number;
  seed: number;
}

export interface BppSettings {
  enabled: boolean;
  /** Labels of the rate series fitted jointly; empty = all. */
  series: string[];
  spectralDensity: SpectralDensityName;
  convention: RateConvention;
  share: JointParameterKind[];
  /** Background rate model per rate experiment. */
  background: Record<RateExperiment, BackgroundName>;
  /** Residual-resampling bootstrap of the joint fit (seeded); null: none. */
  bootstrap: ResamplingSettings | null;
}

export interface CrossLinkSettings {
  /** JSON file of DC conductivities (relative to the config): the conductivity.json of `relaxlab crosslink`, or the ImpedanceSeriesAnalysis of `relaxlab conductivity --json`. */
  conductivity: string;
  /** Which NMR energy is compared with DC: the low-T flank (β − 1)·Ea of the BPP fit, or its full Ea. */
  nmrActivationEnergy: 'low-temperature-flank' | 'bpp';
  /** Temperatures of the NMR energy and of the jump rates compared (default: the conductivity's highest-T regime). */
  temperatureRange_K: [number, number] | null;
  segments: 'auto' | 1 | 2 | 3;
  jonscherExponent: EstimateInput | null;
  hopping: HoppingGeometry | null;
}

export interface StudyConfig {
  schema: typeof CONFIG_SCHEMA;
  title: string;
  /** Folder of the experiments, relative to the config file (used when the config sits in the study folder). */
  data: string;
  /** File-name patterns (* and ?) of the inputs; inputs matching `exclude` are left out. */
  include: string[];
  exclude: string[];
  import: ImportSettings;
  /** Temperature in K by input name (file or experiment folder): for inputs that do not state theirs, or state it wrongly. */
  temperatures: Record<string, number>;
  transients: Record<TransientExperiment, TransientSettings>;
  arrhenius: { decadesBelowPeak: number; minPoints: number; windows: ArrheniusWindow[] };
  bpp: BppSettings;
  crossLink: CrossLinkSettings | null;
  report: { transientPlots: boolean };
}

/** Two-component models give two time constants per transient: a rate series needs one. */
export const SINGLE_COMPONENT_MODELS = TRANSIENT_MODEL_NAMES.filter((m) => !m.endsWith('-2'));

const RATE_EXPERIMENTS: readonly RateExperiment[] = ['R1', 'R1rho', 'R2'];

function defaultTransients(): Record<TransientExperiment, TransientSettings> {
  const out = {} as Record<TransientExperiment, TransientSettings>;
  for (const e of TRANSIENT_EXPERIMENTS) out[e] = { model: DEFAULT_MODEL[e], vary: [], fix: [], params: {} };
  return out;
}

export function defaultConfig(): StudyConfig {
  return {
    schema: CONFIG_SCHEMA,
    title: 'RelaxLab study',
    data: '.',
    include: ['*'],
    exclude: [],
    import: {},
    temperatures: {},
    transients: defaultTransients(),
    arrhenius: { decadesBelowPeak: Math.log10(4), minPoints: 3, windows: [] },
    bpp: {
      enabled: true,
      series: [],
      spectralDensity: 'asymmetric-bpp',
      convention: 'full',
      share: ['Ea', 'tau0', 'beta'],
      background: { R1: 'none', R1rho: 'none', R2: 'none' },
      bootstrap: null,
    },
    crossLink: null,
    report: { transientPlots: true },
  };
}

const TOP_KEYS = [
  '$comment',
  'schema',
  'title',
  'data',
  'include',
  'exclude',
  'import',
  'temperatures',
  'transients',
  'arrhenius',
  'bpp',
  'crossLink',
  'report',
];

/** Reads and checks a config file (JSONC); returns it with defaults filled in and its SHA-256. */
export function readStudyConfig(path: string): { config: StudyConfig; sha256: string } {
  const file = readSourceFile(path);
  return { config: resolveConfig(parseJsonc(file.text, path), path), sha256: file.sha256 };
}

export function resolveConfig(raw: unknown, source: string): StudyConfig {
  const c: ConfigChecker = new ConfigChecker(source);
  const o = c.object(raw, '', TOP_KEYS);
  const config = defaultConfig();
  if (o.schema !== undefined && o.schema !== CONFIG_SCHEMA) c.fail('schema', 'unknown config schema', `"${CONFIG_SCHEMA}"`, o.schema);
  if (o.title !== undefined) config.title = c.string(o.title, 'title');
  if (o.data !== undefined) config.data = c.string(o.data, 'data');
  if (o.include !== undefined) config.include = c.strings(o.include, 'include');
  if (o.exclude !== undefined) config.exclude = c.strings(o.exclude, 'exclude');
  if (o.import !== undefined) config.import = importSettings(c, o.import);
  if (o.temperatures !== undefined) {
    const t = c.object(o.temperatures, 'temperatures', Object.keys(o.temperatures as object));
    for (const [name, v] of Object.entries(t)) config.temperatures[name] = c.number(v, `temperatures.${name}`, { positive: true });
  }
  if (o.transients !== undefined) {
    const t = c.object(o.transients, 'transients', TRANSIENT_EXPERIMENTS);
    for (const e of TRANSIENT_EXPERIMENTS)
      if (t[e] !== undefined) config.transients[e] = transientSettings(c, t[e], `transients.${e}`, config.transients[e]);
  }
  if (o.arrhenius !== undefined) {
    const a = c.object(o.arrhenius, 'arrhenius', ['decadesBelowPeak', 'minPoints', 'windows']);
    if (a.decadesBelowPeak !== undefined)
      config.arrhenius.decadesBelowPeak = c.number(a.decadesBelowPeak, 'arrhenius.decadesBelowPeak', { min: 0 });
    if (a.minPoints !== undefined) config.arrhenius.minPoints = c.number(a.minPoints, 'arrhenius.minPoints', { min: 2, integer: true });
    if (a.windows !== undefined) {
      if (!Array.isArray(a.windows))
        c.fail('arrhenius.windows', 'not a list', '[{ "series": ..., "side": "low", "window_K": [T1, T2] }, ...]', a.windows);
      config.arrhenius.windows = a.windows.map((w, i) => {
        const f = `arrhenius.windows[${i}]`;
        const wo = c.object(w, f, ['series', 'side', 'window_K']);
        return {
          series: c.string(wo.series, `${f}.series`),
          side: c.oneOf(wo.side, `${f}.side`, ['low', 'high'] as const),
          window_K: c.pair(wo.window_K, `${f}.window_K`, true, true),
        };
      });
    }
  }
  if (o.bpp !== undefined) config.bpp = bppSettings(c, o.bpp, config.bpp);
  if (o.crossLink !== undefined && o.crossLink !== null) config.crossLink = crossLinkSettings(c, o.crossLink);
  if (o.report !== undefined) {
    const r = c.object(o.report, 'report', ['transientPlots']);
    if (r.transientPlots !== undefined) config.report.transientPlots = c.boolean(r.transientPlots, 'report.transientPlots');
  }
  return config;
}

function importSettings(c: ConfigChecker, raw: unknown): ImportSettings {
  const o = c.object(raw, 'import', ['regions_ppm', 'regions', 'data', 'measure', 'noiseRegion_ppm']);
  const out: ImportSettings = {};
  if (o.regions_ppm !== undefined) {
    if (!Array.isArray(o.regions_ppm) || o.regions_ppm.length === 0)
      c.fail('import.regions_ppm', 'not a list of regions', '[[from, to], ...] in ppm', o.regions_ppm);
    out.regions_ppm = o.regions_ppm.map((r, i) => c.pair(r, `import.regions_ppm[${i}]`, false));
  }
  if (o.regions !== undefined) out.regions = c.oneOf(o.regions, 'import.regions', ['intrng', 'auto'] as const);
  if (out.regions_ppm && out.regions) c.fail('import.regions', 'both given', 'either regions_ppm or regions', out.regions);
  if (o.data !== undefined) out.data = c.oneOf(o.data, 'import.data', ['ser', 'topspin', '2rr'] as const);
  if (o.measure !== undefined) out.measure = c.oneOf(o.measure, 'import.measure', ['integral', 'height'] as const);
  if (o.noiseRegion_ppm !== undefined) out.noiseRegion_ppm = c.pair(o.noiseRegion_ppm, 'import.noiseRegion_ppm', false);
  return out;
}

function transientSettings(c: ConfigChecker, raw: unknown, field: string, defaults: TransientSettings): TransientSettings {
  const o = c.object(raw, field, ['model', 'vary', 'fix', 'params']);
  const model = o.model !== undefined ? c.oneOf(o.model, `${field}.model`, SINGLE_COMPONENT_MODELS) : defaults.model;
  const params: TransientSettings['params'] = {};
  if (o.params !== undefined) {
    const p = c.object(o.params, `${field}.params`, Object.keys(o.params as object));
    for (const [name, v] of Object.entries(p)) {
      const f = `${field}.params.${name}`;
      if (typeof v === 'number') params[name] = c.number(v, f);
      else {
        const po = c.object(v, f, ['value', 'min', 'max', 'vary']);
        params[name] = {
          ...(po.value !== undefined && { value: c.number(po.value, `${f}.value`) }),
          ...(po.min !== undefined && { min: c.number(po.min, `${f}.min`) }),
          ...(po.max !== undefined && { max: c.number(po.max, `${f}.max`) }),
          ...(po.vary !== undefined && { vary: c.boolean(po.vary, `${f}.vary`) }),
        };
      }
    }
  }
  return {
    model,
    vary: o.vary !== undefined ? c.strings(o.vary, `${field}.vary`) : [],
    fix: o.fix !== undefined ? c.strings(o.fix, `${field}.fix`) : [],
    params,
  };
}

function bppSettings(c: ConfigChecker, raw: unknown, defaults: BppSettings): BppSettings {
  const o = c.object(raw, 'bpp', ['enabled', 'series', 'spectralDensity', 'convention', 'share', 'background', 'bootstrap']);
  const out: BppSettings = { ...defaults, background: { ...defaults.background } };
  if (o.enabled !== undefined) out.enabled = c.boolean(o.enabled, 'bpp.enabled');
  if (o.series !== undefined) out.series = c.strings(o.series, 'bpp.series');
  if (o.spectralDensity !== undefined) out.spectralDensity = c.oneOf(o.spectralDensity, 'bpp.spectralDensity', SPECTRAL_DENSITY_NAMES);
  if (o.convention !== undefined) out.convention = c.oneOf(o.convention, 'bpp.convention', RATE_CONVENTIONS);
  if (o.share !== undefined)
    out.share = c.strings(o.share, 'bpp.share').map((s, i) => c.oneOf(s, `bpp.share[${i}]`, JOINT_PARAMETER_KINDS));
  if (o.background !== undefined) {
    if (typeof o.background === 'string') {
      const b = c.oneOf(o.background, 'bpp.background', BACKGROUND_NAMES);
      out.background = { R1: b, R1rho: b, R2: b };
    } else {
      const b = c.object(o.background, 'bpp.background', RATE_EXPERIMENTS);
      for (const e of RATE_EXPERIMENTS) if (b[e] !== undefined) out.background[e] = c.oneOf(b[e], `bpp.background.${e}`, BACKGROUND_NAMES);
    }
  }
  if (o.bootstrap !== undefined) {
    if (o.bootstrap === null) out.bootstrap = null;
    else {
      const b = c.object(o.bootstrap, 'bpp.bootstrap', ['samples', 'seed']);
      out.bootstrap = {
        samples: c.number(b.samples, 'bpp.bootstrap.samples', { min: 2, integer: true }),
        seed: b.seed !== undefined ? c.number(b.seed, 'bpp.bootstrap.seed', { min: 0, integer: true }) : 1,
      };
    }
  }
  return out;
}

function estimateInput(c: ConfigChecker, raw: unknown, field: string): EstimateInput {
  if (typeof raw === 'number') return c.number(raw, field);
  const o = c.object(raw, field, ['value', 'stderr']);
  return {
    value: c.number(o.value, `${field}.value`),
    stderr: o.stderr === undefined || o.stderr === null ? null : c.number(o.stderr, `${field}.stderr`, { min: 0 }),
  };
}

function crossLinkSettings(c: ConfigChecker, raw: unknown): CrossLinkSettings {
  const o = c.object(raw, 'crossLink', [
    'conductivity',
    'nmrActivationEnergy',
    'temperatureRange_K',
    'segments',
    'jonscherExponent',
    'hopping',
  ]);
  let hopping: HoppingGeometry | null = null;
  if (o.hopping !== undefined && o.hopping !== null) {
    const h = c.object(o.hopping, 'crossLink.hopping', ['numberDensity_per_cm3', 'jumpDistance_m', 'dimensionality', 'chargeNumber']);
    const dimensionality =
      h.dimensionality !== undefined
        ? c.number(h.dimensionality, 'crossLink.hopping.dimensionality', { integer: true, positive: true })
        : 3;
    if (dimensionality > 3) c.fail('crossLink.hopping.dimensionality', 'invalid dimensionality', '1, 2 or 3', dimensionality);
    hopping = {
      numberDensity_per_cm3: estimateInput(c, h.numberDensity_per_cm3, 'crossLink.hopping.numberDensity_per_cm3'),
      jumpDistance_m: estimateInput(c, h.jumpDistance_m, 'crossLink.hopping.jumpDistance_m'),
      dimensionality: dimensionality as 1 | 2 | 3,
      ...(h.chargeNumber !== undefined && {
        chargeNumber: c.number(h.chargeNumber, 'crossLink.hopping.chargeNumber', { integer: true, positive: true }),
      }),
    };
  }
  const segments =
    o.segments === undefined || o.segments === 'auto'
      ? 'auto'
      : (c.number(o.segments, 'crossLink.segments', { integer: true, positive: true }) as 1 | 2 | 3);
  if (segments !== 'auto' && segments > 3) c.fail('crossLink.segments', 'invalid number of segments', '"auto", 1, 2 or 3', segments);
  return {
    conductivity: c.string(o.conductivity, 'crossLink.conductivity'),
    nmrActivationEnergy:
      o.nmrActivationEnergy !== undefined
        ? c.oneOf(o.nmrActivationEnergy, 'crossLink.nmrActivationEnergy', ['low-temperature-flank', 'bpp'] as const)
        : 'low-temperature-flank',
    temperatureRange_K:
      o.temperatureRange_K !== undefined && o.temperatureRange_K !== null
        ? c.pair(o.temperatureRange_K, 'crossLink.temperatureRange_K', true, true)
        : null,
    segments,
    jonscherExponent:
      o.jonscherExponent !== undefined && o.jonscherExponent !== null
        ? estimateInput(c, o.jonscherExponent, 'crossLink.jonscherExponent')
        : null,
    hopping,
  };
}
