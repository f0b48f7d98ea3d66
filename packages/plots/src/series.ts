/**
 * A set of transients (e.g. one per temperature) with their fits on one delay axis: how the
 * relaxation speeds up or slows down across the series. Each transient is divided by the largest
 * |value| of its own fitted curve so that series of different intensity overlay.
 */
import { formatQuantity, InputError } from '@relaxlab/core';
import type { FitResult } from '@relaxlab/core';
import { curveMagnitude, delayUnitOf, delaysOf, fitRows, wantsLogAxis } from './fitData';
import { ChartOptions, DEFAULT_HEIGHT, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

export interface SeriesMember {
  fit: FitResult;
  /** Sample temperature; when every member has one, colour encodes temperature. */
  temperature_K?: number;
  /** Legend text; default from the temperature ("300 K") or the position in the series. */
  label?: string;
}

export interface TransientSeriesChartOptions extends ChartOptions {
  /** Divide each transient by the largest |value| of its fitted curve. Default true. */
  normalize?: boolean;
  /** Log delay axis. Default: when every delay is positive and they span more than a decade. */
  logDelay?: boolean;
  /** y-axis title. Default 'signal / max(fit)' when normalised, else 'signal (a.u.)'. */
  signalTitle?: string;
}

/** The time constants of a fit as tooltip text: "T1 = 2.66 ± 0.12 ms". */
function timeConstants(fit: FitResult): string {
  const names = fit.varyNames.filter((n) => fit.params[n].unit === 's');
  return names.map((n) => `${n} = ${formatQuantity(fit.params[n].value, fit.params[n].stderr, 's')}`).join(', ');
}

export function transientSeriesChart(members: SeriesMember[], options: TransientSeriesChartOptions = {}): VegaLiteSpec {
  if (!Array.isArray(members) || members.length === 0) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever was passed instead of a list (JavaScript callers)
    const found = String(members);
    throw new InputError('no transients to draw', { field: 'members', expected: 'one or more { fit, temperature_K?, label? }', found });
  }
  const allDelays = members.flatMap((m, k) => delaysOf(m.fit, `members[${k}]`));
  members.forEach((m, k) => {
    if (m.temperature_K !== undefined && !(m.temperature_K > 0)) {
      throw new InputError('temperature must be positive', {
        field: `members[${k}].temperature_K`,
        expected: 'a temperature > 0 K',
        found: String(m.temperature_K),
      });
    }
  });
  const unit = delayUnitOf(allDelays);
  const normalize = options.normalize ?? true;
  const byTemperature = members.every((m) => m.temperature_K !== undefined);
  const points: JsonObject[] = [];
  const curves: JsonObject[] = [];
  members.forEach((m, k) => {
    const magnitude = normalize ? curveMagnitude(m.fit) : 1;
    if (!(magnitude > 0)) {
      throw new InputError('the fitted curve is zero everywhere: cannot normalise', {
        field: `members[${k}].fit`,
        expected: 'a fit with a non-zero curve, or normalize: false',
      });
    }
    const label = m.label ?? (m.temperature_K !== undefined ? `${Number(m.temperature_K.toFixed(1))} K` : `#${k + 1}`);
    const extra: JsonObject = { series: k, label, temperature_K: m.temperature_K ?? null, timeConstants: timeConstants(m.fit) };
    const rows = fitRows(m.fit, unit, 1 / magnitude, extra);
    points.push(...rows.points);
    curves.push(...rows.curve);
  });

  const log = options.logDelay ?? wantsLogAxis(allDelays);
  const x = { field: 'delay', type: 'quantitative', scale: log ? { type: 'log' } : { zero: false }, title: `delay τ (${unit.unit})` };
  const color: JsonObject = byTemperature
    ? { field: 'temperature_K', type: 'quantitative', title: 'T (K)', scale: { scheme: 'viridis' } }
    : { field: 'label', type: 'nominal', title: null, sort: { field: 'series' } };
  const signalTitle = options.signalTitle ?? (normalize ? 'signal / max(fit)' : 'signal (a.u.)');
  const inner: JsonObject = {
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
    layer: [
      {
        data: { values: curves },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'fit', type: 'quantitative', title: signalTitle }, color, detail: { field: 'series', type: 'nominal' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 28 },
        encoding: {
          x,
          y: { field: 'signal', type: 'quantitative', title: signalTitle },
          color,
          tooltip: [
            { field: 'label', title: 'transient' },
            { field: 'delayText', title: 'delay' },
            { field: 'signalText', title: 'signal' },
            { field: 'fitText', title: 'fit' },
            { field: 'timeConstants', title: 'fit parameters' },
          ],
        },
      },
    ],
  };
  return topLevel(inner, { title: options.title });
}
