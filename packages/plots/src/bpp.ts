/**
 * A joint BPP fit (fitJointBpp) on the Arrhenius plot: every dataset's fitted rate curve with its
 * 1σ band over the measured temperatures, the measured rates (kept in the result), and below them
 * the jump rate τc⁻¹(T) = τ0⁻¹·exp(−Ea/kBT) with the band core computed for it.
 *
 * The curve of dataset k is R_k(T) = C_k·Σ a·J(ω; τc(T)) + background (core spectral/rates.ts,
 * after Bloembergen, Purcell & Pound, Phys. Rev. 73, 679 (1948)); its band is the delta-method
 * σ of log10 R_k from the fit covariance (core estimateFromFit), the same first-order propagation
 * as every other derived quantity of the fit.
 */
import {
  estimateFromFit,
  formatNumber,
  formatQuantity,
  InputError,
  inverseTemperatureGrid_K,
  jointParameterName,
  jointParameterOf,
  relaxationRate_per_s,
} from '@relaxlab/core';
import type { BppRateModel, JointBppResult, JointParameterKind, RateSeries } from '@relaxlab/core';
import { ArrheniusChartOptions, ArrheniusLine, ArrheniusPoint, arrheniusPanel } from './arrhenius';
import { rateSeriesPoints } from './arrheniusResults';
import { JsonObject, topLevel, VegaLiteSpec } from './spec';

/** Points of each fitted curve: the asymmetric peak needs ~80 to look smooth on 1/T. */
const CURVE_POINTS = 81;

/** Dataset k's complete rate model at parameter values p (names as in the fit). */
function rateModel(result: JointBppResult, k: number, p: Record<string, number>): BppRateModel {
  const value = (kind: JointParameterKind) => {
    const n = jointParameterOf(result.fit, kind, k);
    if (n === null)
      throw new InputError('the fit has no such parameter', {
        field: `fit.params.${jointParameterName(kind)}`,
        expected: `${jointParameterName(kind)} or ${jointParameterName(kind, k)}`,
      });
    return p[n];
  };
  const beta = jointParameterOf(result.fit, 'beta', k);
  const background = result.backgrounds[k];
  const model: BppRateModel = {
    spectralDensity: result.spectralDensity,
    convention: result.convention,
    activationEnergy_eV: value('Ea'),
    tau0_s: Math.pow(10, value('tau0')),
    prefactor_per_s2: Math.pow(10, value('C')),
    ...(beta !== null && { beta: p[beta] }),
  };
  if (background && background !== 'none') {
    model.background = {
      model: background,
      amplitude_per_s: value('bgA'),
      ...(background === 'power-law' ? { exponent: value('bgKappa') } : { activationEnergy_eV: value('bgEa') }),
      referenceTemperature_K: result.referenceTemperature_K,
    };
  }
  return model;
}

function checkResult(result: JointBppResult): void {
  if (!result || result.kind !== 'JointBppResult' || !result.fit || !Array.isArray(result.datasets)) {
    throw new InputError('not a joint BPP result', {
      field: 'result',
      expected: 'the result of fitJointBpp',
      found: result ? String((result as { kind?: unknown }).kind) : String(result),
    });
  }
}

/** The temperatures the curves are drawn at: the measured range, even in 1/T. */
function curveTemperatures(result: JointBppResult): number[] {
  const t = result.jumpRate.temperature_K;
  return inverseTemperatureGrid_K(Math.min(...t), Math.max(...t), CURVE_POINTS);
}

/** Each dataset's fitted rate curve with its 1σ band, labelled as the dataset. */
export function bppCurves(result: JointBppResult, temperature_K: number[] = curveTemperatures(result)): ArrheniusLine[] {
  checkResult(result);
  return result.datasets.map((d, k) => {
    const value: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    for (const t of temperature_K) {
      const log10Rate = estimateFromFit(result.fit, (p) => Math.log10(relaxationRate_per_s(d, t, rateModel(result, k, p))));
      const s = log10Rate.stderr ?? 0;
      value.push(Math.pow(10, log10Rate.value));
      lower.push(Math.pow(10, log10Rate.value - s));
      upper.push(Math.pow(10, log10Rate.value + s));
    }
    return { label: d.label, name: `${result.spectralDensity} fit`, temperature_K: [...temperature_K], value, lower, upper };
  });
}

/** τc⁻¹(T) of the first dataset with its 1σ band, labelled with the Ea it follows. */
export function jumpRateLine(result: JointBppResult, label = 'jump rate τc⁻¹'): ArrheniusLine {
  checkResult(result);
  const band = result.jumpRate;
  const ea = result.datasets[0].activationEnergy_eV;
  return {
    label,
    name: 'τc⁻¹ = τ0⁻¹·exp(−Ea/kBT)',
    temperature_K: band.temperature_K,
    value: band.jumpRate_per_s,
    lower: band.lower_per_s,
    upper: band.upper_per_s,
    activationEnergy_eV: ea.value,
    activationEnergyStderr_eV: ea.stderr,
  };
}

/** "asymmetric-bpp: Ea = 0.286 ± 0.002 eV, τ0 = …, β = …; low-T flank (β−1)·Ea = …". */
export function bppSummary(result: JointBppResult): string {
  const parts: string[] = [];
  const q = (label: string, e: { value: number; stderr: number | null } | null, unit: string) => {
    if (e) parts.push(`${label} = ${formatQuantity(e.value, e.stderr, unit)}`);
  };
  q('Ea', result.activationEnergy_eV, 'eV');
  q('τ0', result.tau0_s, 's');
  q('β', result.beta, '');
  q('(β−1)·Ea', result.lowTemperatureFlank_eV, 'eV');
  const status = result.fit.converged ? '' : ' — NOT CONVERGED';
  return `${result.spectralDensity} (${result.convention}): ${parts.join(', ') || 'parameters per dataset'}; χ²ᵣ = ${formatNumber(result.fit.stats.redChi, 3)}${status}`;
}

/** The measured rates of every dataset: from `series` when given (the fitted series, in the fit's order), else from the result's own points. */
function measuredPoints(result: JointBppResult, series: RateSeries[] | undefined): ArrheniusPoint[] {
  if (series !== undefined) return series.flatMap((s, k) => rateSeriesPoints(s, result.datasets[k].label));
  return result.datasets.flatMap((d) =>
    d.points.map((p) => ({ temperature_K: p.temperature_K, value: p.rate_per_s, sigma: p.sigma, label: d.label })),
  );
}

export interface JointBppChartOptions extends ArrheniusChartOptions {
  /** The jump-rate panel under the rates. Default true. */
  jumpRate?: boolean;
}

/**
 * Rates with their fitted BPP curves (and bands) over 1000/T, T on top; below, the jump rate with
 * its band. The measured rates come from the result; `series` (the fitted series, in the fit's
 * order) gives them instead.
 */
export function jointBppChart(result: JointBppResult, series?: RateSeries[], options: JointBppChartOptions = {}): VegaLiteSpec {
  checkResult(result);
  if (series !== undefined && (!Array.isArray(series) || series.length !== result.datasets.length)) {
    throw new InputError('one rate series per fitted dataset', {
      field: 'series',
      expected: `${result.datasets.length} RateSeries in the order they were fitted`,
      found: Array.isArray(series) ? `${series.length}` : typeof series,
    });
  }
  const points = measuredPoints(result, series);
  const rates = arrheniusPanel({ points, lines: bppCurves(result) }, { quantity: 'relaxation rate', unit: 's⁻¹', ...options });
  const panels: JsonObject[] = [rates];
  if (options.jumpRate ?? true) {
    panels.push(
      arrheniusPanel(
        { points: [], lines: [jumpRateLine(result)] },
        {
          quantity: 'jump rate τc⁻¹',
          unit: 's⁻¹',
          width: options.width,
          height: Math.round((options.height ?? 280) * 0.7),
          temperatureAxis: 'none',
        },
      ),
    );
  }
  const inner: JsonObject =
    panels.length === 1 ? panels[0] : { vconcat: panels, spacing: 16, resolve: { scale: { color: 'independent' } } };
  return topLevel(inner, { title: options.title, subtitle: [bppSummary(result)] });
}
