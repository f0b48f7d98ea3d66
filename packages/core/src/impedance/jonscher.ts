/**
 * Conductivity isotherms σ′(ν): Jonscher's universal dynamic response and Summerfield scaling.
 *
 * Jonscher power law (A. K. Jonscher, Nature 267, 673 (1977); in the form used for ion
 * conductors, e.g. Funke, Prog. Solid State Chem. 22, 111 (1993)):
 *
 *   σ′(ν) = σ_DC·[1 + (ν/ν_c)^p]
 *
 * with the crossover frequency ν_c (where σ′ = 2σ_DC, the onset of dispersion, of the order of
 * the hopping rate) and the exponent 0 < p < 1 (p = 0.66 for Li-soaked MIL-121, Zettl et al.,
 * Adv. Energy Mater. 2021). The fit is done on ln σ′: the isotherm spans decades and its noise is
 * relative, so equal weight per point in log space is the right weighting.
 *
 * Summerfield scaling (S. Summerfield, Philos. Mag. B 52, 9 (1985); B. Roling et al., Phys. Rev.
 * Lett. 78, 2160 (1997)): if the hopping mechanism does not change with temperature, the
 * isotherms collapse onto one master curve when σ′/σ_DC is plotted against ν/(σ_DC·T).
 */
import { InputError } from '../errors';
import { curveFit } from '../fit/curveFit';
import type { FitResult, VectorModel } from '../fit/types';
import { dcPlateau, sortedPositive } from './conductivity';
import type { ConductivitySpectrum, Estimate } from './types';
import { RESULT_SCHEMA } from '../schema';
import type { ResultSchema } from '../schema';

export interface JonscherOptions {
  /** Fit only frequencies inside [low, high] Hz (e.g. above the electrode polarisation). */
  frequencyRange_Hz?: [number, number];
  /** Start values (default: read off the isotherm, see jonscherStart). */
  start?: Partial<{ sigmaDC_S_per_cm: number; crossoverFrequency_Hz: number; exponent: number }>;
  source?: string;
}

export interface JonscherResult {
  schema: ResultSchema;
  kind: 'JonscherResult';
  sigmaDC_S_per_cm: Estimate;
  crossoverFrequency_Hz: Estimate;
  /** The Jonscher exponent p. */
  exponent: Estimate;
  temperature_K?: number;
  /** Least-squares result of ln σ′ against ν. */
  fit: FitResult;
  converged: boolean;
  warnings: string[];
}

/** ln σ′ = ln σ_DC + ln(1 + (ν/ν_c)^p) with its analytic Jacobian; parameters [σ_DC, ν_c, p], named with their units. */
const JONSCHER_LOG_MODEL: VectorModel = {
  name: 'Jonscher',
  formula: 'ln(sigma) = ln(sigmaDC_S_per_cm*(1 + (nu/nuc_Hz)^p))',
  parameterNames: ['sigmaDC_S_per_cm', 'nuc_Hz', 'p'],
  units: { sigmaDC_S_per_cm: 'S/cm', nuc_Hz: 'Hz', p: '' },
  evaluate(x, p, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.log(p[0]) + Math.log1p(Math.pow(x[i] / p[1], p[2]));
  },
  jacobian(x, p, out, jac) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const r = x[i] / p[1];
      const u = Math.pow(r, p[2]);
      out[i] = Math.log(p[0]) + Math.log1p(u);
      jac[i] = 1 / p[0];
      jac[n + i] = (-p[2] * u) / (p[1] * (1 + u));
      jac[2 * n + i] = (u * Math.log(r)) / (1 + u);
    }
  },
};

/** The Jonscher law σ′ = σ_DC[1 + (ν/ν_c)^p] at one frequency. */
export function jonscherConductivity_S_per_cm(
  frequency_Hz: number,
  sigmaDC_S_per_cm: number,
  crossoverFrequency_Hz: number,
  exponent: number,
): number {
  return sigmaDC_S_per_cm * (1 + Math.pow(frequency_Hz / crossoverFrequency_Hz, exponent));
}

/**
 * Start values from the isotherm: σ_DC from the DC plateau (else the lowest σ′ in the range),
 * p from the log–log slope over the top quarter of frequencies (the dispersive regime), and
 * ν_c by inverting the law at the highest frequency, ν_c = ν·(σ′/σ_DC − 1)^(−1/p).
 */
export function jonscherStart(points: { f: number; s: number }[]): {
  sigmaDC_S_per_cm: number;
  crossoverFrequency_Hz: number;
  exponent: number;
} {
  const n = points.length;
  const plateau = dcPlateau({ frequency_Hz: points.map((q) => q.f), sigmaReal_S_per_cm: points.map((q) => q.s) }, { minPoints: 3 });
  const sigmaDC = plateau ? plateau.sigmaDC_S_per_cm.value : Math.min(...points.map((q) => q.s));
  const k = Math.max(2, Math.floor(n / 4));
  const a = points[n - k];
  const b = points[n - 1];
  const slope = Math.log(b.s / a.s) / Math.log(b.f / a.f);
  // the slope underestimates p until well past ν_c; below 0.3 it says little
  const exponent = Math.min(Math.max(slope, 0.3), 1);
  const excess = b.s / sigmaDC - 1;
  const crossover = excess > 0.05 ? b.f * Math.pow(excess, -1 / exponent) : b.f;
  return { sigmaDC_S_per_cm: sigmaDC, crossoverFrequency_Hz: crossover, exponent };
}

export function fitJonscher(
  spectrum: Pick<ConductivitySpectrum, 'frequency_Hz' | 'sigmaReal_S_per_cm'> & { temperature_K?: number },
  options: JonscherOptions = {},
): JonscherResult {
  const source = options.source ?? 'fitJonscher';
  let points = sortedPositive(spectrum.frequency_Hz, spectrum.sigmaReal_S_per_cm, source);
  if (options.frequencyRange_Hz) {
    const [lo, hi] = options.frequencyRange_Hz;
    points = points.filter((q) => q.f >= lo && q.f <= hi);
  }
  if (points.length < 4) {
    throw new InputError('too few points for a Jonscher fit', {
      field: 'frequency_Hz',
      expected: 'at least 4 frequencies (3 parameters)',
      found: `${points.length}${options.frequencyRange_Hz ? ' inside frequencyRange_Hz' : ''}`,
      source,
    });
  }
  const start = { ...jonscherStart(points), ...options.start };
  const fit = curveFit(
    {
      x: points.map((q) => q.f),
      y: points.map((q) => Math.log(q.s)),
      model: JONSCHER_LOG_MODEL,
      params: {
        sigmaDC_S_per_cm: { value: start.sigmaDC_S_per_cm, min: 0 },
        nuc_Hz: { value: start.crossoverFrequency_Hz, min: 0 },
        p: { value: start.exponent, min: 0, max: 2 },
      },
    },
    { source, name: 'Jonscher σ′ = σDC[1 + (ν/νc)^p]' },
  );
  const est = (name: string): Estimate => ({ value: fit.params[name].value, stderr: fit.params[name].stderr });
  const warnings = [...fit.warnings];
  const maxF = points[points.length - 1].f;
  if (fit.params.nuc_Hz.value > maxF)
    warnings.push(
      `ν_c = ${fit.params.nuc_Hz.value.toPrecision(3)} Hz lies above the highest fitted frequency (${maxF} Hz): p and ν_c are extrapolated`,
    );
  return {
    schema: RESULT_SCHEMA,
    kind: 'JonscherResult',
    sigmaDC_S_per_cm: est('sigmaDC_S_per_cm'),
    crossoverFrequency_Hz: est('nuc_Hz'),
    exponent: est('p'),
    ...(spectrum.temperature_K !== undefined && { temperature_K: spectrum.temperature_K }),
    fit,
    converged: fit.converged,
    warnings,
  };
}

export interface SummerfieldIsotherm {
  frequency_Hz: ArrayLike<number>;
  sigmaReal_S_per_cm: ArrayLike<number>;
  temperature_K: number;
  sigmaDC_S_per_cm: number;
}

export interface SummerfieldResult {
  schema: ResultSchema;
  kind: 'SummerfieldResult';
  curves: { temperature_K: number; sigmaDC_S_per_cm: number; scaledFrequency: number[]; scaledConductivity: number[] }[];
  /**
   * Collapse quality: RMS over a common grid of the spread (standard deviation across isotherms)
   * of log10(σ′/σ_DC) at equal ν/(σ_DC·T). 0 for a perfect master curve; compare it with the
   * scatter of a single isotherm (its noise) to judge whether the curves differ.
   */
  collapseRms_log10: number;
  /** Range of ν/(σ_DC·T) (in Hz·cm/(S·K)) covered by every isotherm, where the spread is measured. */
  overlap: [number, number];
  gridPoints: number;
}

/**
 * Scales each isotherm (x = ν/(σ_DC·T), y = σ′/σ_DC) and measures the collapse on the range of x
 * that all isotherms cover, log-interpolating each onto a common grid of `gridPoints`.
 */
export function summerfieldScaling(
  isotherms: SummerfieldIsotherm[],
  options: { gridPoints?: number; source?: string } = {},
): SummerfieldResult {
  const source = options.source ?? 'summerfieldScaling';
  const gridPoints = options.gridPoints ?? 25;
  if (!Array.isArray(isotherms) || isotherms.length < 2) {
    throw new InputError('Summerfield scaling needs isotherms at two or more temperatures', {
      field: 'isotherms',
      expected: '≥ 2 isotherms',
      found: `${Array.isArray(isotherms) ? isotherms.length : typeof isotherms}`,
      source,
    });
  }
  const curves = isotherms.map((iso, k) => {
    if (!(iso.temperature_K > 0))
      throw new InputError('temperature must be positive', {
        field: `isotherms[${k}].temperature_K`,
        expected: 'T > 0 K',
        found: String(iso.temperature_K),
        source,
      });
    if (!(iso.sigmaDC_S_per_cm > 0))
      throw new InputError('σ_DC must be positive', {
        field: `isotherms[${k}].sigmaDC_S_per_cm`,
        expected: 'σ_DC > 0 S/cm',
        found: String(iso.sigmaDC_S_per_cm),
        source,
      });
    const pts = sortedPositive(iso.frequency_Hz, iso.sigmaReal_S_per_cm, `${source}: isotherms[${k}]`);
    if (pts.length < 2)
      throw new InputError('an isotherm needs at least two frequencies', {
        field: `isotherms[${k}].frequency_Hz`,
        expected: '≥ 2 frequencies',
        found: `${pts.length}`,
        source,
      });
    const norm = iso.sigmaDC_S_per_cm * iso.temperature_K;
    return {
      temperature_K: iso.temperature_K,
      sigmaDC_S_per_cm: iso.sigmaDC_S_per_cm,
      scaledFrequency: pts.map((q) => q.f / norm),
      scaledConductivity: pts.map((q) => q.s / iso.sigmaDC_S_per_cm),
    };
  });
  const lo = Math.max(...curves.map((c) => c.scaledFrequency[0]));
  const hi = Math.min(...curves.map((c) => c.scaledFrequency[c.scaledFrequency.length - 1]));
  if (!(hi > lo)) {
    throw new InputError('the scaled isotherms do not overlap', {
      field: 'isotherms',
      expected: 'frequency ranges that overlap on the ν/(σDC·T) axis',
      found: `common range [${lo.toPrecision(3)}, ${hi.toPrecision(3)}]`,
      source,
    });
  }
  let ss = 0;
  for (let g = 0; g < gridPoints; g++) {
    const x = lo * Math.pow(hi / lo, g / (gridPoints - 1));
    const ys = curves.map((c) => logInterpolate(c.scaledFrequency, c.scaledConductivity, x));
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    ss += ys.reduce((a, b) => a + (b - mean) ** 2, 0) / (ys.length - 1);
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'SummerfieldResult',
    curves,
    collapseRms_log10: Math.sqrt(ss / gridPoints),
    overlap: [lo, hi],
    gridPoints,
  };
}

/** log10 y at x by linear interpolation in (log x, log y); xs ascending and x inside their range. */
function logInterpolate(xs: number[], ys: number[], x: number): number {
  let j = 1;
  while (j < xs.length - 1 && xs[j] < x) j++;
  const t = Math.log(x / xs[j - 1]) / Math.log(xs[j] / xs[j - 1]);
  return Math.log10(ys[j - 1]) + t * (Math.log10(ys[j]) - Math.log10(ys[j - 1]));
}
