/** Turning a FitResult into the rows a chart draws: data points, the dense curve and its 1σ band. */
import { formatValueError, InputError, timeUnitFor } from '@relaxlab/core';
import type { FitResult, TimeUnit } from '@relaxlab/core';
import type { JsonObject } from './spec';

/**
 * Numbers in chart rows keep 6 significant digits: far below what a plot can show, and the
 * stored notebook output stays small. Full precision stays in the result itself.
 */
const r6 = (v: number): number => Number(v.toPrecision(6));

/** The delays of a transient fit (a 1-D x), checked. */
export function delaysOf(fit: FitResult, source = 'fit'): number[] {
  if (!fit || fit.kind !== 'FitResult') {
    throw new InputError('not a FitResult', {
      field: 'fit',
      expected: 'a FitResult from fitTransient or curveFit',
      found: fit ? String((fit as { kind?: unknown }).kind) : String(fit),
      source,
    });
  }
  if (!Array.isArray(fit.data.x)) {
    throw new InputError('a fit of several independent variables cannot be drawn against one delay axis', {
      field: 'data.x',
      expected: 'one x column (delays)',
      found: `columns ${Object.keys(fit.data.x).join(', ')}`,
      source,
    });
  }
  return fit.data.x;
}

/** The unit for a set of delays: the one that makes the largest delay ≥ 1. */
export function delayUnitOf(delays_s: readonly number[]): TimeUnit {
  return timeUnitFor(Math.max(...delays_s.map(Math.abs)));
}

/** Whether a log delay axis is possible (all positive) and useful (more than a decade). */
export function wantsLogAxis(delays_s: readonly number[]): boolean {
  const lo = Math.min(...delays_s);
  const hi = Math.max(...delays_s);
  return lo > 0 && hi / lo > 10;
}

export interface FitRows {
  points: JsonObject[];
  curve: JsonObject[];
  /** True when the curve rows carry a 1σ band (lower/upper). */
  band: boolean;
  /** True when the points carry error bars. */
  errorBars: boolean;
}

/**
 * Rows in display units: `delay` in `unit`, signal/fit/residual as fitted. `scale` multiplies
 * signals (normalisation) and `extra` is merged into every row (series label, temperature).
 */
export function fitRows(fit: FitResult, unit: TimeUnit, scale = 1, extra: JsonObject = {}): FitRows {
  const x = delaysOf(fit);
  const { y, sigma } = fit.data;
  const delayText = (t_s: number) => `${Number((t_s * unit.perSecond).toPrecision(4))} ${unit.unit}`;
  const points = x.map((t, i) => {
    const row: JsonObject = {
      ...extra,
      delay: r6(t * unit.perSecond),
      signal: r6(y[i] * scale),
      fit: r6(fit.bestFit[i] * scale),
      residual: r6(fit.residuals[i] * scale),
      delayText: delayText(t),
      signalText: formatValueError(y[i] * scale, sigma ? sigma[i] * scale : null),
      fitText: formatValueError(fit.bestFit[i] * scale),
      residualText: formatValueError(fit.residuals[i] * scale),
    };
    if (sigma) {
      row.signalLow = r6((y[i] - sigma[i]) * scale);
      row.signalHigh = r6((y[i] + sigma[i]) * scale);
    }
    return row;
  });
  let curve: JsonObject[];
  let band = false;
  if (fit.curve && fit.curve.x.length > 1) {
    const c = fit.curve;
    band = c.sigma.some((s) => s > 0);
    curve = c.x.map((t, i) => ({
      ...extra,
      delay: r6(t * unit.perSecond),
      fit: r6(c.y[i] * scale),
      lower: r6((c.y[i] - c.sigma[i]) * scale),
      upper: r6((c.y[i] + c.sigma[i]) * scale),
      delayText: delayText(t),
      fitText: formatValueError(c.y[i] * scale, c.sigma[i] * scale),
    }));
  } else {
    // no dense curve was requested: join the best-fit values at the delays themselves
    const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
    curve = order.map((i) => ({
      ...extra,
      delay: r6(x[i] * unit.perSecond),
      fit: r6(fit.bestFit[i] * scale),
      delayText: delayText(x[i]),
      fitText: formatValueError(fit.bestFit[i] * scale),
    }));
  }
  return { points, curve, band, errorBars: sigma !== undefined };
}

/** Largest |value| of the fitted curve: the scale that normalises a transient to 1. */
export function curveMagnitude(fit: FitResult): number {
  const values = fit.curve && fit.curve.y.length ? fit.curve.y : fit.bestFit;
  return Math.max(...values.map(Math.abs));
}
