/**
 * Is the kink real? Davies' test of one straight line against a line with one kink, for
 * log10 y vs x = 1000/T.
 *
 * A kink temperature does not exist when there is no kink, so the likelihood ratio of 1 vs 2
 * segments does not follow χ² and BIC's penalty for it is too small. Davies' test handles this
 * nuisance parameter: for candidate kinks ψ_1 … ψ_K on a grid it fits the hinge model
 *   log10 y = a + b·x + d·(x − ψ)₊        (weights 1/σ² when σ is given)
 * by linear least squares, takes S(ψ) = d̂/se(d̂), and bounds the tail of M = sup S:
 *   σ absolute (S ~ N(0, 1) at each ψ):
 *     P(M > u) ≤ Φ(−u) + V·exp(−u²/2)/√(8π),   V = Σ_k |S(ψ_k) − S(ψ_{k−1})|
 *     (R. B. Davies, Biometrika 74, 33 (1987), eq. 3.4 with one degree of freedom);
 *   σ estimated from the residuals (S ~ t_ν, ν = n − 3):
 *     P(M > u) ≤ P(t_ν > u) + V_θ·(1 + u²/ν)^(−(ν−1)/2)·Γ((ν+1)/2)/(2√π·Γ(ν/2)),
 *     V_θ = Σ_k |θ_k − θ_{k−1}|,  θ = atan(S/√ν)
 *     (R. B. Davies, Biometrika 89, 484 (2002); the same bound as daviesLM in R's
 *     segmented::davies.test, V. M. R. Muggeo). θ is the angle of the hinge direction on the
 *     residual sphere: sin²θ = (RSS₀ − RSS₁)/RSS₀ = segmented's β. segmented sums |Δ asin √β|,
 *     i.e. |Δ|θ||; the signed θ used here gives the same V unless S changes sign between two
 *     candidates, and then a larger one (the bound counts crossings of the signed process).
 * Two-sided: M = max |S| and the bound is doubled (one per tail), as segmented does. As ν → ∞
 * the t bound tends to the normal one (Γ ratio → √(ν/2), V_θ → V/√ν).
 *
 * S(ψ) is closed form (Frisch–Waugh): with h = (x − ψ)₊ and h̃ its weighted residual on [1, x],
 * d̂ = Σ w h̃ y / Σ w h̃², var d̂ = s²/Σ w h̃² (s = 1 for absolute σ, s² = RSS₁/ν otherwise), so
 * one grid point costs O(n) and no nonlinear fit is involved.
 */
import { InputError } from '../errors';
import { logGamma, normalSurvival, studentTSurvival } from '../fit/distributions';
import { ArrheniusPoints, arrheniusPoints, arrheniusSign, SLOPE_PER_EV } from './data';
import type { ArrheniusData, ArrheniusKinkTest, ArrheniusKinkTestOptions, KinkTestAlternative } from './types';

const METHOD = "Davies' test for a change in slope (Davies, Biometrika 74, 33 (1987); 89, 484 (2002))";
const ALTERNATIVES: readonly KinkTestAlternative[] = ['two-sided', 'greater', 'less'];
/** RSS₁/Σw(y − ȳ)² below this: the data are a broken line to rounding and an estimated scale is zero. */
const EXACT_FIT = 1e-20;

export interface KinkTestSettings {
  alternative: KinkTestAlternative;
  gridPoints: number;
  minPointsPerSide: number;
  absoluteSigma: boolean;
}

/** Davies' kink test on Arrhenius data (validated and windowed as fitArrhenius does). */
export function testArrheniusKink(data: ArrheniusData, options: ArrheniusKinkTestOptions = {}): ArrheniusKinkTest {
  const source = options.source ?? 'testArrheniusKink';
  const settings = kinkTestSettings(options, source);
  const points = arrheniusPoints(data, {
    window_K: options.window_K,
    source,
    minPoints: Math.max(2 * settings.minPointsPerSide, 4),
    what: `a kink test with ${settings.minPointsPerSide} points on each side and a scale estimate`,
  });
  return kinkTestOnPoints(points, settings);
}

/** Checked settings with their defaults. */
export function kinkTestSettings(
  options: Pick<ArrheniusKinkTestOptions, 'alternative' | 'gridPoints' | 'minPointsPerSide' | 'absoluteSigma'>,
  source: string,
  fieldPrefix = '',
): KinkTestSettings {
  const alternative = options.alternative ?? 'two-sided';
  if (!ALTERNATIVES.includes(alternative)) {
    throw new InputError('unknown alternative', {
      field: `${fieldPrefix}alternative`,
      expected: ALTERNATIVES.join(', '),
      found: JSON.stringify(alternative),
      source,
    });
  }
  const gridPoints = options.gridPoints ?? 20;
  if (!Number.isInteger(gridPoints) || gridPoints < 2) {
    throw new InputError('invalid number of candidate kinks', {
      field: `${fieldPrefix}gridPoints`,
      expected: 'an integer ≥ 2',
      found: String(gridPoints),
      source,
    });
  }
  return {
    alternative,
    gridPoints,
    minPointsPerSide: Math.max(2, Math.floor(options.minPointsPerSide ?? 3)),
    absoluteSigma: options.absoluteSigma ?? false,
  };
}

/** The test on points already on the Arrhenius axes (sorted by T, so x descending). */
export function kinkTestOnPoints(points: ArrheniusPoints, settings: KinkTestSettings): ArrheniusKinkTest {
  const { x, y } = points;
  const n = x.length;
  const m = settings.minPointsPerSide;
  const dof = n - 3;
  const scale = settings.absoluteSigma && points.sigma ? 'absolute' : 'estimated';
  if (n < 2 * m || dof < 1) {
    throw new InputError('too few points for a kink test', {
      field: 'temperature_K',
      expected: `at least ${Math.max(2 * m, 4)} points (${m} on each side of a kink and one more than the 3 hinge parameters)`,
      found: `${n}`,
      source: points.source,
    });
  }
  const w = points.sigma ? points.sigma.map((s) => 1 / (s * s)) : x.map(() => 1);
  // candidates from the m-th lowest to the m-th highest temperature: descending in x, ascending in T
  const xHigh = x[m - 1];
  const xLow = x[n - m];
  if (!(xHigh > xLow)) {
    throw new InputError('no room for a kink', {
      field: 'temperature_K',
      expected: `distinct temperatures between the ${m}-th lowest and the ${m}-th highest`,
      found: `both ${(1000 / xHigh).toFixed(2)} K`,
      source: points.source,
    });
  }
  const K = settings.gridPoints;
  const psi = Array.from({ length: K }, (_, k) => xHigh - ((xHigh - xLow) * k) / (K - 1));

  // the straight line's weighted residuals e0 (and the centred x) once for all candidates
  const sw = sum(w);
  const xBar = sum(x.map((xi, i) => w[i] * xi)) / sw;
  const yBar = sum(y.map((yi, i) => w[i] * yi)) / sw;
  const xc = x.map((xi) => xi - xBar);
  const sxx = sum(xc.map((v, i) => w[i] * v * v));
  const slope0 = sum(xc.map((v, i) => w[i] * v * (y[i] - yBar))) / sxx;
  const e0 = y.map((yi, i) => yi - yBar - slope0 * xc[i]);
  const tss = sum(y.map((yi, i) => w[i] * (yi - yBar) ** 2));

  const statistic: number[] = [];
  const hinge: { d: number; se: number }[] = [];
  for (const p of psi) {
    const h = x.map((xi) => Math.max(xi - p, 0));
    const hBar = sum(h.map((hi, i) => w[i] * hi)) / sw;
    const beta = sum(xc.map((v, i) => w[i] * v * (h[i] - hBar))) / sxx;
    const ht = h.map((hi, i) => hi - hBar - beta * xc[i]);
    const shh = sum(ht.map((v, i) => w[i] * v * v));
    if (!(shh > 1e-12 * sum(h.map((hi, i) => w[i] * (hi - hBar) ** 2)))) {
      throw new InputError('the hinge is a straight line over the data: too few distinct temperatures on one side of a candidate kink', {
        field: 'temperature_K',
        expected: `at least 2 distinct temperatures on each side of ${(1000 / p).toFixed(2)} K`,
        source: points.source,
      });
    }
    // h̃ is (weighted) orthogonal to 1 and x, so Σw h̃ y = Σw h̃ e0 and the hinge fit leaves e0 − d̂·h̃
    const d = sum(ht.map((v, i) => w[i] * v * e0[i])) / shh;
    const rss1 = sum(e0.map((e, i) => w[i] * (e - d * ht[i]) ** 2));
    if (scale === 'estimated' && !(rss1 > EXACT_FIT * tss)) {
      throw new InputError('the data lie on a broken line to rounding: the residual scale is zero and the kink test is undefined', {
        field: 'value',
        expected: 'data with noise, or σ with absoluteSigma',
        found: `residual sum of squares ${rss1.toExponential(2)} at a kink at ${(1000 / p).toFixed(2)} K`,
        source: points.source,
      });
    }
    const s = scale === 'absolute' ? 1 : Math.sqrt(rss1 / dof);
    const se = s / Math.sqrt(shh);
    statistic.push(d / se);
    hinge.push({ d, se });
  }

  const alt = settings.alternative;
  const pick = alt === 'greater' ? (s: number) => s : alt === 'less' ? (s: number) => -s : Math.abs;
  let best = 0;
  for (let k = 1; k < K; k++) if (pick(statistic[k]) > pick(statistic[best])) best = k;
  const M = statistic[best];
  const u = pick(M);
  let totalVariation = 0;
  let tail: number;
  let crossings: number;
  if (scale === 'absolute') {
    for (let k = 1; k < K; k++) totalVariation += Math.abs(statistic[k] - statistic[k - 1]);
    tail = normalSurvival(u);
    crossings = (totalVariation * Math.exp(-(u * u) / 2)) / Math.sqrt(8 * Math.PI);
  } else {
    const theta = statistic.map((s) => Math.atan(s / Math.sqrt(dof)));
    for (let k = 1; k < K; k++) totalVariation += Math.abs(theta[k] - theta[k - 1]);
    tail = studentTSurvival(u, dof);
    const logDensity = (-(dof - 1) / 2) * Math.log1p((u * u) / dof) + logGamma((dof + 1) / 2) - logGamma(dof / 2);
    crossings = (totalVariation * Math.exp(logDensity)) / (2 * Math.sqrt(Math.PI));
  }
  const pValue = Math.min(1, (alt === 'two-sided' ? 2 : 1) * (tail + crossings));
  // x > ψ is the low-T side: Ea_below − Ea_above = d/g with g the slope per eV of this quantity
  const g = arrheniusSign(points.quantity) * SLOPE_PER_EV;
  const atBest = hinge[best];
  return {
    method: METHOD,
    alternative: alt,
    statistic: M,
    kink_K: 1000 / psi[best],
    energyChange_eV: { value: atBest.d / g, stderr: atBest.se / Math.abs(g) },
    pValue,
    gridPoints: K,
    totalVariation,
    scale,
    weighted: points.sigma !== undefined,
    dof,
    n,
    process: { kink_K: psi.map((p) => 1000 / p), statistic },
  };
}

function sum(a: readonly number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}
