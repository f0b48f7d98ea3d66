/**
 * Results saved under an older schema, brought to RESULT_SCHEMA once, where results are read (the
 * kernel's show() and readResult, the JupyterLab renderer and file viewer), so that nothing after
 * that needs a branch for "results saved before …". relaxlab/1 → relaxlab/2:
 *
 *  - every `schema` in the tree becomes relaxlab/2 (results nest: a rate analysis holds a BPP fit);
 *  - an Arrhenius or segmented fit without `points` gets the points inside the window it used,
 *    read back from its fit (value = 10^y, σ = value·ln10·σ of log10 y);
 *  - a segmented fit without `kinkTest` gets kinkTest null and the warning that says why;
 *  - a rate-peak flank without `straightness` gets the curvature test of the window it used
 *    (candidates = that window, not moved);
 *  - a joint BPP or line-narrowing fit without `points` gets them from the `series` shown with it
 *    (kernel show(result, { series })), else none and a warning; a joint BPP dataset gets the
 *    asymptotes of its flanks; an Abragam line-narrowing fit gets `abragamAlpha`;
 *  - a rate analysis's `flanks` become `arrhenius` (a RateArrheniusResult per series: relaxlab/1
 *    made no lines for series under 5 points, and says so) and `warnings`;
 *  - a study's per-series Arrhenius results get their kind, schema and rates, and its inputs'
 *    `kind` (the format read, 'bruker-experiment', …) is called `format`;
 *  - a circuit fit gets the runs tests of its relative residuals, its block order as fitted (it
 *    was not put into canonical order then: a note says so) and the one start it had;
 *  - kinds, fitted parameters and fields that relaxlab/2 renamed get their new names (renamed.ts:
 *    CircuitFit → CircuitFitResult, Ea → Ea_eV in a joint BPP fit, peakRate → peakRate_per_s, …).
 *
 * The input is never modified: a relaxlab/1 payload is copied, a relaxlab/2 one returned as it is.
 * An object without `schema` is not a versioned result and is returned unchanged.
 */
import { testCurvature } from '../arrhenius/curvature';
import { inputPoints } from '../arrhenius/data';
import { DEFAULT_CURVATURE_LEVEL } from '../arrhenius/flanks';
import type { RateArrheniusLine, RateArrheniusResult } from '../arrhenius/rateArrhenius';
import type { ArrheniusInputPoints, FlankStraightness, RatePeakFlank, RatePeakFlanks } from '../arrhenius/types';
import { InputError } from '../errors';
import type { FitResult } from '../fit/types';
import { checkSeries, fittedPoints as fittedWidths } from '../narrowing/fit';
import type { LinewidthSeries } from '../narrowing/fit';
import { ABRAGAM_ALPHA } from '../narrowing/models';
import { fittedPoints as fittedRates, flankAsymptotes } from '../spectral/jointFit';
import { jointParameterOf } from '../spectral/jointModel';
import { rateSeriesData, rateSeriesLabel } from '../spectral/series';
import type { RateSeries } from '../spectral/types';
import { checkRateSeries } from '../spectral/validate';
import { residualStructure } from '../impedance/residualChecks';
import { READABLE_SCHEMAS, RELAXLAB_RESULT_MIME, RESULT_SCHEMA } from '../schema';
import { renameToRelaxlab2 } from './renamed';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const OLD = 'relaxlab/1';
const SAVED_BY_1 = 'saved by relaxlab/1';

/** An Arrhenius fit's points inside its window, back from its axes: x = 1000/T, y = log10 value. */
function pointsFromFit(fit: FitResult): ArrheniusInputPoints {
  const { x, y, sigma } = fit.data as { x: number[]; y: number[]; sigma?: number[] };
  const value = y.map((v) => Math.pow(10, v));
  return { temperature_K: x.map((v) => 1000 / v), value, ...(sigma && { sigma: sigma.map((s, i) => s * value[i] * Math.LN10) }) };
}

/** The straightness of a flank window that was never tested: the test now, on the window itself. */
function straightnessOf(flank: RatePeakFlank): FlankStraightness {
  const { x, y, sigma } = flank.arrhenius.fit.data as { x: number[]; y: number[]; sigma?: number[] };
  const p = testCurvature(x, y, sigma)?.pValue ?? null;
  return {
    candidateWindow_K: flank.window_K,
    candidates: x.length,
    candidatePValue: p,
    pValue: p,
    curvatureLevel: DEFAULT_CURVATURE_LEVEL,
    moved: false,
  };
}

function upgradeFlanks(node: Json): void {
  for (const side of ['lowTemperature', 'highTemperature']) {
    const f = node[side];
    if (isObject(f) && f.straightness === undefined) f.straightness = straightnessOf(f as unknown as RatePeakFlank);
  }
}

/** A relaxlab/1 rate analysis entry (RatePeakFlanks or null) as the Arrhenius lines of its series. */
function linesOfSeries(series: RateSeries, flanks: RatePeakFlanks | null): RateArrheniusResult {
  const lines: RateArrheniusLine[] = [];
  if (flanks) {
    for (const [side, f] of [
      ['low', flanks.lowTemperature],
      ['high', flanks.highTemperature],
    ] as const) {
      if (f) lines.push({ side, from: 'flank', window_K: f.window_K, arrhenius: f.arrhenius, straightness: f.straightness });
    }
  }
  return {
    schema: RESULT_SCHEMA,
    kind: 'RateArrheniusResult',
    series: series.label ?? rateSeriesLabel(series),
    peak: flanks ? { temperature_K: flanks.peakTemperature_K, rate_per_s: flanks.peakRate_per_s } : null,
    points: inputPoints(rateSeriesData(series)),
    lines,
    warnings: flanks
      ? flanks.warnings
      : [`no Arrhenius line: ${SAVED_BY_1}, which made none for series under 5 points or without flanks asked for`],
  };
}

function upgradeJointBpp(node: Json): void {
  const fit = node.fit as FitResult;
  const datasets = node.datasets as Json[];
  const series = Array.isArray(node.series) && node.series.length === datasets.length ? (node.series as RateSeries[]) : undefined;
  let offset = 0;
  let missing = false;
  datasets.forEach((d, k) => {
    if (d.flankAsymptotes_eV === undefined) {
      const ea = jointParameterOf(fit, 'Ea', k);
      d.flankAsymptotes_eV = ea
        ? flankAsymptotes(fit, ea, jointParameterOf(fit, 'beta', k), node.spectralDensity as never)
        : { low: null, high: null };
    }
    if (!Array.isArray(d.points)) {
      if (series)
        d.points = fittedRates(
          fit,
          checkRateSeries(series[k], `series[${k}]`, node.weighting === 'log'),
          offset,
          node.weighting as 'log' | 'linear',
        );
      else {
        d.points = [];
        missing = true;
      }
    }
    offset += d.n as number;
  });
  if (missing)
    (node.warnings as string[]).push(
      `${SAVED_BY_1} without its rates: the measured points are not shown, and bootstrap or Monte Carlo need the series`,
    );
}

function upgradeLineNarrowing(node: Json): void {
  const fit = node.fit as FitResult;
  if (!Array.isArray(node.points)) {
    const series = isObject(node.series) && Array.isArray(node.series.points) ? (node.series as unknown as LinewidthSeries) : undefined;
    if (series) {
      const c = checkSeries(series, 'series');
      node.points = fittedWidths(fit, c.t, c.w, c.sigma, c.inputIndex);
    } else {
      node.points = [];
      (node.warnings as string[]).push(`${SAVED_BY_1} without its line widths: the measured points are not shown`);
    }
  }
  if (node.abragamAlpha === undefined) {
    const alpha = fit.params.alpha;
    // relaxlab/1 wrote a fixed α into the model formula: "atan(α*2*pi*…)"
    const fromFormula = /atan\(([0-9.eE+-]+)\*2\*pi/.exec(fit.formula ?? '');
    node.abragamAlpha =
      node.model !== 'abragam'
        ? null
        : alpha
          ? { value: alpha.value, stderr: alpha.stderr, vary: alpha.vary, note: `α as fitted (${SAVED_BY_1})` }
          : {
              value: fromFormula ? Number(fromFormula[1]) : ABRAGAM_ALPHA,
              stderr: null,
              vary: false,
              note: `α held fixed, as written in the model formula (${SAVED_BY_1})`,
            };
  }
}

function upgradeCircuitFit(node: Json): void {
  const rel = node.relativeResiduals as { real: number[]; imag: number[] };
  if (node.residuals === undefined) node.residuals = residualStructure(node.frequency_Hz as number[], rel.real, rel.imag);
  if (node.blockOrder === undefined) {
    node.blockOrder = [];
    (node.warnings as string[]).push(`interchangeable blocks are as the fit ended, not in canonical order (${SAVED_BY_1})`);
  }
  if (node.starts === undefined) {
    const fit = node.fit as FitResult;
    node.starts = {
      outcomes: [{ label: `read off the spectrum (${SAVED_BY_1})`, chiSquare: fit.stats.chiSquare, converged: fit.converged }],
      chosen: `read off the spectrum (${SAVED_BY_1})`,
      reachedBest: 1,
      screened: 0,
    };
  }
}

function upgradeStudy(node: Json): void {
  const rateSeries = Array.isArray(node.rateSeries) ? (node.rateSeries as RateSeries[]) : [];
  for (const a of Array.isArray(node.arrhenius) ? (node.arrhenius as Json[]) : []) {
    if (a.kind !== undefined) continue;
    const series = rateSeries.find((s) => s.label === a.series);
    Object.assign(a, {
      schema: RESULT_SCHEMA,
      kind: 'RateArrheniusResult',
      points: series ? inputPoints(rateSeriesData(series)) : { temperature_K: [], value: [] },
    });
  }
  for (const input of Array.isArray(node.inputs) ? (node.inputs as Json[]) : []) {
    if (input.kind === undefined) continue;
    input.format = input.kind;
    delete input.kind;
  }
}

/** Children first, then the node itself: fixes may read results they contain. */
function upgrade(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(upgrade);
    return;
  }
  if (!isObject(value)) return;
  for (const child of Object.values(value)) upgrade(child);
  if (value.schema !== OLD) return;
  value.schema = RESULT_SCHEMA;
  renameToRelaxlab2(value);
  switch (value.kind) {
    case 'ArrheniusResult':
    case 'SegmentedArrheniusResult':
      if (value.points === undefined && isObject(value.fit)) value.points = pointsFromFit(value.fit as unknown as FitResult);
      if (value.kind === 'SegmentedArrheniusResult' && value.kinkTest === undefined) {
        value.kinkTest = null;
        (value.warnings as string[]).push(`no kink test: ${SAVED_BY_1}, before results carried one`);
      }
      break;
    case 'RatePeakFlanks':
      upgradeFlanks(value);
      break;
    case 'RateAnalysis':
      if (Array.isArray(value.flanks) && value.arrhenius === undefined) {
        const series = value.series as RateSeries[];
        value.arrhenius = series.map((s, k) => linesOfSeries(s, ((value.flanks as unknown[])[k] ?? null) as RatePeakFlanks | null));
        delete value.flanks;
        value.warnings = [];
      }
      break;
    case 'JointBppResult':
      upgradeJointBpp(value);
      break;
    case 'LineNarrowingResult':
      upgradeLineNarrowing(value);
      break;
    case 'StudyResult':
      upgradeStudy(value);
      break;
    case 'CircuitFitResult':
      upgradeCircuitFit(value);
      break;
  }
}

/**
 * A result payload at RESULT_SCHEMA: returned as it is when it already is, migrated from an older
 * schema (copied first), unchanged without a schema. An unknown schema is an InputError.
 */
export function migrateResult<T = unknown>(payload: T, source?: string): T {
  if (!isObject(payload) || payload.schema === undefined || payload.schema === RESULT_SCHEMA) return payload;
  if (!READABLE_SCHEMAS.includes(payload.schema as string)) {
    throw new InputError('unknown result schema', {
      field: 'schema',
      expected: `one of ${READABLE_SCHEMAS.join(', ')}`,
      found: JSON.stringify(payload.schema),
      source,
    });
  }
  const copy = JSON.parse(JSON.stringify(payload)) as Json;
  upgrade(copy);
  return copy as T;
}

/** A MIME bundle whose RelaxLab payload is at RESULT_SCHEMA (the other MIME types as they are). */
export function migrateBundle(bundle: Record<string, unknown>, source?: string): Record<string, unknown> {
  const payload = bundle[RELAXLAB_RESULT_MIME];
  const migrated = migrateResult(payload, source);
  return migrated === payload ? bundle : { ...bundle, [RELAXLAB_RESULT_MIME]: migrated };
}
