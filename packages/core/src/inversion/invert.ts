/**
 * One regularised inversion from data to a distribution with its uncertainty: weights, the λ
 * choice (engine.ts), the distribution on its grid, and a bootstrap for the band and the peaks.
 *
 * Uncertainty: a residual bootstrap that keeps x ≥ 0 (B. Efron & R. Tibshirani, "An Introduction
 * to the Bootstrap", 1993, §9.5; for regularised inversions e.g. pyDRTtools' and Effenberger's
 * use in DRT): replicate data y* = ŷ + r*, with r* drawn with replacement from the weighted
 * residuals, inflated by √(m/(m − dof)) for the degrees of freedom the fit used (Davison &
 * Hinkley, "Bootstrap Methods", 1997, eq. 6.9), each replicate solved by the same NNLS at the same λ.
 * (`bootstrap: 'parametric'` draws r* = σ·N(0, 1) with σ given or σ̂ instead.) Every replicate
 * is non-negative, so the band is too. Seeded (fit/random.ts): the same seed gives the same band.
 *
 * What the band means. A regularised estimate is biased towards smoothness: the bootstrap measures
 * the spread of x̂ around its own expectation, not around the truth, so a pointwise band of g(ln τ)
 * has no coverage guarantee where the regulariser smooths (flanks and narrow peaks). Integrals of
 * g over a well-resolved peak (area, fraction) and its centroid are nearly unbiased, and their
 * bootstrap errors are what the coverage test (test/inversion-coverage.test.ts) checks.
 */
import { gaussian, mulberry32 } from '../fit/random';
import { densityOnGrid } from './basis';
import type { Discretisation, LogTauGrid } from './basis';
import { chooseLambda, RegularisedSolver } from './engine';
import type { LambdaChoice, LambdaOptions, PenaltyOrder, Solution } from './engine';
import { findPeakRegions, peakMoments, distributionMoments } from './peaks';
import type { PeakMoments, PeakRegion } from './peaks';

export interface InversionOptions {
  /** Order of the Tikhonov operator: 0 identity, 1 first, 2 second difference (default 2). */
  penalty?: PenaltyOrder;
  lambda?: LambdaOptions;
  /** Bootstrap replicates (default 200; 0 for none). */
  replicates?: number;
  bootstrap?: 'residual' | 'parametric';
  seed?: number;
  /** Central probability of the pointwise band (default 0.95). */
  level?: number;
  /** Peaks smaller than this fraction of the area are merged into a neighbour (default 0.02). */
  minPeakFraction?: number;
}

export interface InversionInput {
  /** Unweighted design matrix m × k (row-major): the kg distribution columns first, then extras. */
  A: Float64Array;
  y: Float64Array;
  /** 1/σ per row. */
  weights: Float64Array;
  sigmaKnown: boolean;
  m: number;
  k: number;
  grid: LogTauGrid;
  discretisation: Discretisation;
  penalty: Float64Array;
}

/** A value, its bootstrap standard error, and the central interval at the band's level. */
export interface Spread {
  value: number;
  stderr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface PeakSpread {
  region: PeakRegion;
  area: Spread;
  fraction: Spread;
  log10Mode: Spread;
  log10Centroid: Spread;
  log10Width: Spread;
}

export interface Inversion {
  solution: Solution;
  choice: LambdaChoice;
  /** g(ln τ) on the grid; extras (R∞, L, 1/C, offset) from x[kg…]. */
  density: Float64Array;
  extras: Spread[];
  lower: Float64Array;
  upper: Float64Array;
  total: Spread;
  log10Mean: Spread;
  log10Sd: Spread;
  peaks: PeakSpread[];
  /** Unweighted model at the data points, and y − ŷ. */
  fitted: Float64Array;
  residuals: Float64Array;
  replicates: number;
  /** Replicates whose NNLS hit its iteration limit. */
  unconverged: number;
}

export function invert(input: InversionInput, options: InversionOptions = {}): Inversion {
  const { A, y, weights, m, k, grid, discretisation, penalty } = input;
  const kg = grid.tau_s.length;
  const WA = new Float64Array(m * k);
  const Wy = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    Wy[i] = weights[i] * y[i];
    for (let j = 0; j < k; j++) WA[i * k + j] = weights[i] * A[i * k + j];
  }
  // extra columns (R∞, L, 1/C, an offset) scaled to the distribution's mean column norm: the NNLS
  // works on AᵀA, whose conditioning would otherwise carry their units (ω·L next to 1/(1 + ω²τ²))
  const scale = columnScales(WA, m, k, kg);
  for (let i = 0; i < m; i++) for (let j = kg; j < k; j++) WA[i * k + j] *= scale[j];
  const solver = new RegularisedSolver({ A: WA, b: Wy, m, k, kg, penalty });
  const { choice, solution } = chooseLambda(solver, { sigmaKnown: input.sigmaKnown, ...options.lambda });
  const density = densityOnGrid(solution.x, grid, discretisation);
  const extraValue = (x: Float64Array, e: number) => x[kg + e] * scale[kg + e];
  const predW = solver.predict(solution.x);
  const fitted = predW.map((v, i) => v / weights[i]);
  const residuals = y.map((v, i) => v - fitted[i]);
  const log10Tau = grid.tau_s.map(Math.log10);
  const minFraction = options.minPeakFraction ?? 0.02;
  const regions = findPeakRegions(density, minFraction);
  const summarise = (g: Float64Array) => {
    let total = 0;
    for (let j = 0; j < kg; j++) total += g[j];
    total *= grid.step;
    const moments = distributionMoments(g, log10Tau);
    return { total, moments, peaks: regions.map((r) => peakMoments(g, log10Tau, grid.step, r, total)) };
  };
  const main = summarise(density);

  // bootstrap at the chosen λ, warm-started from the estimate's active set
  const B = options.replicates ?? 200;
  const level = options.level ?? 0.95;
  const random = mulberry32(options.seed ?? 15);
  const rw = new Float64Array(m);
  const inflate = Math.sqrt(m / Math.max(m - solution.dof, 1));
  for (let i = 0; i < m; i++) rw[i] = (Wy[i] - predW[i]) * inflate;
  const sigmaHat = Math.sqrt(solution.chiSquare / Math.max(m - solution.dof, 1));
  const parametricSigma = input.sigmaKnown ? 1 : sigmaHat;
  const densities: Float64Array[] = [];
  const extraDraws: number[][] = Array.from({ length: k - kg }, () => []);
  const totals: number[] = [];
  const means: number[] = [];
  const sds: number[] = [];
  const peakDraws: PeakMoments[][] = regions.map(() => []);
  let unconverged = 0;
  const bStar = new Float64Array(m);
  for (let rep = 0; rep < B; rep++) {
    for (let i = 0; i < m; i++) {
      const noise = options.bootstrap === 'parametric' ? parametricSigma * gaussian(random) : rw[Math.floor(random() * m)];
      bStar[i] = predW[i] + noise;
    }
    let bb = 0;
    for (let i = 0; i < m; i++) bb += bStar[i] * bStar[i];
    const s = solver.solve(choice.lambda, bStar, solver.project(bStar), bb);
    if (!s.converged) unconverged++;
    const g = densityOnGrid(s.x, grid, discretisation);
    densities.push(g);
    for (let e = 0; e < k - kg; e++) extraDraws[e].push(extraValue(s.x, e));
    const sum = summarise(g);
    totals.push(sum.total);
    means.push(sum.moments.mean);
    sds.push(sum.moments.sd);
    sum.peaks.forEach((p, q) => peakDraws[q].push(p));
  }
  const lower = new Float64Array(kg);
  const upper = new Float64Array(kg);
  const column = new Float64Array(B);
  for (let j = 0; j < kg; j++) {
    if (B === 0) {
      lower[j] = upper[j] = density[j];
      continue;
    }
    for (let rep = 0; rep < B; rep++) column[rep] = densities[rep][j];
    const [lo, hi] = quantiles(column, level);
    lower[j] = lo;
    upper[j] = hi;
  }
  const spread = (value: number, draws: number[]) => spreadOf(value, draws, level);
  return {
    solution,
    choice,
    density,
    extras: extraDraws.map((d, e) => spread(extraValue(solution.x, e), d)),
    lower,
    upper,
    total: spread(main.total, totals),
    log10Mean: spread(main.moments.mean, means),
    log10Sd: spread(main.moments.sd, sds),
    peaks: regions.map((region, q) => ({
      region,
      area: spread(
        main.peaks[q].area,
        peakDraws[q].map((p) => p.area),
      ),
      fraction: spread(
        main.peaks[q].fraction,
        peakDraws[q].map((p) => p.fraction),
      ),
      log10Mode: spread(
        main.peaks[q].log10Mode,
        peakDraws[q].map((p) => p.log10Mode),
      ),
      log10Centroid: spread(
        main.peaks[q].log10Centroid,
        peakDraws[q].map((p) => p.log10Centroid),
      ),
      log10Width: spread(
        main.peaks[q].log10Width,
        peakDraws[q].map((p) => p.log10Width),
      ),
    })),
    fitted,
    residuals,
    replicates: B,
    unconverged,
  };
}

function columnScales(WA: Float64Array, m: number, k: number, kg: number): Float64Array {
  const norms = new Float64Array(k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) norms[j] += WA[i * k + j] ** 2;
  let mean = 0;
  for (let j = 0; j < kg; j++) mean += Math.sqrt(norms[j]) / kg;
  const scale = new Float64Array(k).fill(1);
  for (let j = kg; j < k; j++) if (norms[j] > 0) scale[j] = mean / Math.sqrt(norms[j]);
  return scale;
}

function spreadOf(value: number, draws: number[], level: number): Spread {
  if (draws.length < 2) return { value, stderr: null, lower: null, upper: null };
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1));
  const [lower, upper] = quantiles(Float64Array.from(draws), level);
  return { value, stderr: sd, lower, upper };
}

/** The (1 − level)/2 and (1 + level)/2 quantiles (linear interpolation, Hyndman & Fan type 7). */
function quantiles(values: Float64Array, level: number): [number, number] {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  };
  return [at((1 - level) / 2), at((1 + level) / 2)];
}
