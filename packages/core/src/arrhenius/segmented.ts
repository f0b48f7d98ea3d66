/**
 * Segmented Arrhenius regression: log10(y) vs 1000/T as a CONTINUOUS broken line of 1–3 straight
 * segments whose kink temperatures are fitted (model.ts). For each number of segments:
 *   1. profile χ² over a grid of kinks (profile.ts) → the best grid kinks and linear parameters;
 *   2. refine every parameter jointly with the LM engine, kinks bounded so each segment keeps
 *      ≥ minPoints points → kink temperatures with a stderr from the covariance;
 *   3. a 95 % profile-likelihood (F-test) interval for each kink (profile.ts, profileInterval).
 * The number of segments the data support is chosen by BIC (Schwarz, Ann. Stat. 6, 461 (1978);
 * AICc is listed beside it); segments: 'auto' takes the lowest BIC among converged fits. BIC
 * under-penalises a kink (it is undefined without one), so the result also carries Davies' test
 * of one line against one kink (kinkTest.ts), whatever the number of segments chosen.
 */
import { curveFit } from '../fit/curveFit';
import type { FitResult, ParamsInput } from '../fit/types';
import { InputError } from '../errors';
import { KJ_PER_MOL_PER_EV } from '../physics/constants';
import { ArrheniusPoints, arrheniusPoints, arrheniusSign, energyEstimates, inputPoints, SLOPE_PER_EV } from './data';
import { segmentedModel, segmentedParameterNames, segmentedValue, segmentEnergyName } from './model';
import { admissible, gridSearch, kinkInterval, ProfileProblem, profileInterval, segmentCounts, solveLinear } from './profile';
import { kinkTestOnPoints, kinkTestSettings } from './kinkTest';
import { estimateFromFit, parameterEstimate } from './propagate';
import type {
  ArrheniusBreakpoint,
  ArrheniusData,
  ArrheniusKinkTest,
  ArrheniusSegment,
  SegmentCountScore,
  SegmentedArrheniusOptions,
  SegmentedArrheniusResult,
} from './types';
import { RESULT_SCHEMA } from '../schema';

interface Candidate {
  segments: number;
  fit: FitResult;
  problem: ProfileProblem;
  warnings: string[];
}

export function fitSegmentedArrhenius(data: ArrheniusData, options: SegmentedArrheniusOptions = {}): SegmentedArrheniusResult {
  const requested = options.segments ?? 'auto';
  if (requested !== 'auto' && ![1, 2, 3].includes(requested)) {
    throw new InputError('unsupported number of segments', {
      field: 'segments',
      expected: "'auto', 1, 2 or 3",
      found: JSON.stringify(requested),
      source: options.source,
    });
  }
  const minPoints = Math.max(2, Math.floor(options.minPointsPerSegment ?? 3));
  const absoluteSigma = options.absoluteSigma ?? false;
  const testSettings = kinkTestSettings(
    { ...options.kinkTest, minPointsPerSide: minPoints, absoluteSigma },
    options.source ?? 'fitSegmentedArrhenius',
    'kinkTest.',
  );
  const points = arrheniusPoints(data, {
    window_K: options.window_K,
    source: options.source ?? 'fitSegmentedArrhenius',
    minPoints: Math.max(minPoints, 3),
    what: 'an Arrhenius fit with a scale estimate',
  });
  const n = points.x.length;
  const warnings: string[] = [];
  // K segments need K·minPoints points and one spare degree of freedom for a scale estimate; a
  // kink needs distinct temperatures on both sides (eight rows at 300 K and one at 400 K hold
  // nine points but only two temperatures: no admissible kink placement)
  const distinct = new Set(points.x).size;
  const feasible = [1, 2, 3].filter((K) => n >= K * minPoints && n > 2 * K && (K === 1 || distinct >= K * minPoints));
  if (requested !== 'auto' && !feasible.includes(requested)) {
    throw new InputError(`too few points for ${requested} segments`, {
      field: options.window_K ? 'window_K' : 'temperature_K',
      expected: `at least ${Math.max(requested * minPoints, 2 * requested + 1)} points at ${requested * minPoints} distinct temperatures (${minPoints} per segment and more points than the ${2 * requested} parameters)`,
      found: `${n} points at ${distinct} temperature(s)`,
      source: points.source,
    });
  }
  const counts = requested === 'auto' ? feasible : [requested];
  if (requested === 'auto' && feasible.length < 3) {
    warnings.push(
      `only ${n} points at ${distinct} temperatures: compared ${feasible.join(', ')} segment(s) (each segment needs ≥ ${minPoints} points at distinct temperatures)`,
    );
  }
  const candidates = counts.map((K) => fitSegments(points, K, minPoints, absoluteSigma));
  let kinkTest: ArrheniusKinkTest | null = null;
  if (!feasible.includes(2)) {
    warnings.push(`no kink test: ${n} points cannot hold two segments of ≥ ${minPoints} points`);
  } else {
    try {
      kinkTest = kinkTestOnPoints(points, testSettings);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      warnings.push(`no kink test: ${e.reason}`);
    }
  }
  const scores = scoreTable(candidates);
  const chosen = requested === 'auto' ? candidates.reduce((best, c) => (better(c, best) ? c : best)) : candidates[0];
  return { ...buildResult(points, chosen, scores, kinkTest, [...warnings, ...chosen.warnings], absoluteSigma), points: inputPoints(data) };
}

function better(c: Candidate, best: Candidate): boolean {
  if (c.fit.converged !== best.fit.converged) return c.fit.converged;
  return c.fit.stats.bic < best.fit.stats.bic;
}

function scoreTable(candidates: Candidate[]): SegmentCountScore[] {
  const minBic = Math.min(...candidates.map((c) => c.fit.stats.bic));
  return candidates.map((c) => ({
    segments: c.segments,
    nvar: c.fit.stats.nvar,
    chiSquare: c.fit.stats.chiSquare,
    bic: c.fit.stats.bic,
    aicc: c.fit.stats.aicc,
    deltaBic: c.fit.stats.bic - minBic,
    converged: c.fit.converged,
  }));
}

function profileProblem(points: ArrheniusPoints, K: number, minPoints: number): ProfileProblem {
  return {
    temperature_K: points.temperature_K,
    x: points.x,
    y: points.y,
    w: points.sigma ? points.sigma.map((s) => 1 / (s * s)) : points.x.map(() => 1),
    sign: arrheniusSign(points.quantity),
    segments: K,
    minPoints,
  };
}

function fitSegments(points: ArrheniusPoints, K: number, minPoints: number, absoluteSigma: boolean): Candidate {
  const problem = profileProblem(points, K, minPoints);
  const sign = problem.sign;
  const names = segmentedParameterNames(K);
  const warnings: string[] = [];
  const run = (params: ParamsInput) =>
    curveFit(
      { x: points.x, y: points.y, ...(points.sigma && { sigma: points.sigma }), model: segmentedModel(K, sign), params },
      { absoluteSigma, source: points.source, name: `Arrhenius (${points.quantity}), ${K} segment${K > 1 ? 's' : ''}` },
    );
  if (K === 1) {
    const { coefficients } = solveLinear(problem, []);
    // for one segment solveLinear's level is log10 A and its second coefficient Ea
    return { segments: 1, fit: run({ log10A: coefficients[0], Ea_eV: coefficients[1] }), problem, warnings };
  }
  const start = gridSearch(problem);
  if (!start)
    throw new InputError(`no admissible kink placement for ${K} segments`, {
      field: 'temperature_K',
      expected: `${minPoints} points at distinct temperatures in each of ${K} segments`,
      found: `${points.x.length} points at ${new Set(points.x).size} temperatures`,
      source: points.source,
    });
  const { coefficients } = solveLinear(problem, start.kinks_K);
  const params: ParamsInput = { [names[0]]: coefficients[0] };
  for (let k = 1; k <= K; k++) params[names[k]] = coefficients[k];
  start.kinks_K.forEach((T, k) => {
    const [min, max] = kinkInterval(problem, start.kinks_K[k - 1], start.kinks_K[k + 1]);
    params[names[K + 1 + k]] = { value: T, min, max };
  });
  let fit = run(params);
  const refined = names.slice(K + 1).map((name) => fit.params[name].value);
  if (!admissible(problem, refined)) {
    // joint moves of two kinks can squeeze the middle segment below minPoints: keep the grid kinks
    warnings.push(
      `the joint refinement moved the kinks to a placement leaving a segment with < ${minPoints} points; kinks held at the best grid placement (their stderr is not available, see ci95_K)`,
    );
    for (const [k, T] of start.kinks_K.entries()) params[names[K + 1 + k]] = { value: T, vary: false };
    fit = run(params);
  }
  return { segments: K, fit, problem, warnings };
}

function buildResult(
  points: ArrheniusPoints,
  chosen: Candidate,
  bic: SegmentCountScore[],
  kinkTest: ArrheniusKinkTest | null,
  warnings: string[],
  absoluteSigma: boolean,
): Omit<SegmentedArrheniusResult, 'points'> {
  const { fit, problem } = chosen;
  const K = chosen.segments;
  const sign = problem.sign;
  const names = segmentedParameterNames(K);
  const kinks = names.slice(K + 1).map((name) => parameterEstimate(fit, name));
  const kinkValues = kinks.map((k) => k.value);
  const counts = segmentCounts(points.temperature_K, kinkValues);
  const tMin = points.temperature_K[0];
  const tMax = points.temperature_K[points.temperature_K.length - 1];
  const edges = [tMin, ...kinkValues, tMax];

  const segments: ArrheniusSegment[] = [];
  for (let k = 1; k <= K; k++) {
    const eaName = K === 1 ? 'Ea_eV' : segmentEnergyName(k);
    const energy = energyEstimates(parameterEstimate(fit, eaName), KJ_PER_MOL_PER_EV);
    // the segment's line extended to 1/T → 0: its value at a point inside the segment minus slope·x
    const xRef = 1000 / ((edges[k - 1] + edges[k]) / 2);
    const log10Prefactor =
      K === 1
        ? parameterEstimate(fit, 'log10A')
        : estimateFromFit(
            fit,
            (p) =>
              segmentedValue(
                xRef,
                names.map((nm) => p[nm]),
                K,
                sign,
              ) -
              sign * SLOPE_PER_EV * p[eaName] * xRef,
          );
    segments.push({
      activationEnergy_eV: energy.eV,
      activationEnergy_kJ_per_mol: energy.kJ,
      log10Prefactor,
      temperatureRange_K: [edges[k - 1], edges[k]],
      n: counts[k - 1],
    });
  }

  const breakpoints: ArrheniusBreakpoint[] = kinks.map((kink, k) => {
    const { ci95_K, reachedEdge } = profileInterval(problem, k, kink.value, fit.stats.chiSquare, fit.stats.nvar, absoluteSigma);
    if (reachedEdge) {
      warnings.push(
        `kink ${k + 1} (${kink.value.toFixed(1)} K): its 95 % interval reaches the edge of the range the segments allow; the data define this kink poorly`,
      );
    }
    return { temperature_K: kink, ci95_K };
  });
  if (K > 1 && fit.stats.dof <= 0) warnings.push('no degrees of freedom left: kink intervals are not meaningful');

  return {
    schema: RESULT_SCHEMA,
    kind: 'SegmentedArrheniusResult',
    quantity: points.quantity,
    segments,
    breakpoints,
    chosenSegments: K,
    bic,
    kinkTest,
    window_K: points.window_K,
    n: points.x.length,
    fit,
    warnings: [...warnings, ...fit.warnings],
  };
}
