/**
 * The MSD figure of an MD trajectory result (TrajectoryTransport): left, the tracer and collective
 * MSD against the lag time with the GLS lines over the fit window and their 1σ bands (the window
 * shaded); right, the same curves on log–log axes with guides of slope 2 (ballistic) and 1
 * (diffusive), where a caged/subdiffusive stretch shows as a slope below 1.
 */
import { formatValueError, InputError } from '@relaxlab/core';
import type { TrajectoryTransport } from '@relaxlab/core';
import { ChartOptions, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

const COLORS = { domain: ['tracer', 'collective'], range: ['#1f77b4', '#d62728'] };

export function msdChart(result: TrajectoryTransport, options: ChartOptions = {}): VegaLiteSpec {
  if (!result || result.kind !== 'TrajectoryTransport') {
    throw new InputError('not a trajectory result', {
      field: 'result',
      expected: 'the result of analyzeTrajectory',
      found: result ? String((result as { kind?: unknown }).kind) : String(result),
    });
  }
  const m = result.msd;
  const curves = m.time_ps.flatMap((t, k) => [
    { t, msd: m.tracer_A2[k], curve: 'tracer' },
    { t, msd: m.collective_A2[k], curve: 'collective' },
  ]);
  const lines = (['tracer', 'collective'] as const).flatMap((curve) => {
    const line = (curve === 'tracer' ? result.tracerFit : result.collectiveFit).line;
    return line.time_ps.map((t, k) => ({ t, msd: line.msd_A2[k], lower: line.lower_A2[k], upper: line.upper_A2[k], curve }));
  });
  const [w0, w1] = result.tracerFit.window_ps;
  const width = options.width ?? Math.round(DEFAULT_WIDTH * 0.8);
  const height = options.height ?? 260;
  const color = { field: 'curve', type: 'nominal', title: null, scale: COLORS };
  const x = { field: 't', type: 'quantitative', title: 'lag time t (ps)' };
  const y = { field: 'msd', type: 'quantitative', title: 'MSD (Å²)' };
  const linear: JsonObject = {
    width,
    height,
    layer: [
      {
        data: { values: [{ w0, w1 }] },
        mark: { type: 'rect', opacity: 0.08, color: '#444' },
        encoding: { x: { field: 'w0', type: 'quantitative' }, x2: { field: 'w1' } },
      },
      {
        data: { values: lines },
        mark: { type: 'area', opacity: 0.25 },
        encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color: { ...color, legend: null } },
      },
      { data: { values: curves }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color } },
      {
        data: { values: lines },
        mark: { type: 'line', strokeDash: [6, 3], strokeWidth: 1.5 },
        encoding: { x, y, color: { ...color, legend: null } },
      },
    ],
  };
  const positive = curves.filter((p) => p.t > 0 && p.msd > 0);
  const t1 = positive.length ? Math.min(...positive.map((p) => p.t)) : 1;
  const tEnd = m.time_ps[m.time_ps.length - 1];
  const anchor = result.msd.tracer_A2[1] > 0 ? result.msd.tracer_A2[1] : 1;
  const guides = [
    { t: t1, msd: anchor, guide: 'slope 2 (ballistic)' },
    { t: Math.min(tEnd, t1 * 10), msd: anchor * 100, guide: 'slope 2 (ballistic)' },
    { t: t1, msd: anchor, guide: 'slope 1 (diffusive)' },
    { t: tEnd, msd: (anchor * tEnd) / t1, guide: 'slope 1 (diffusive)' },
  ];
  const logX = { ...x, scale: { type: 'log' } };
  const logY = { ...y, scale: { type: 'log' } };
  const loglog: JsonObject = {
    width: Math.round(width * 0.8),
    height,
    layer: [
      { data: { values: positive }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x: logX, y: logY, color } },
      {
        data: { values: guides },
        mark: { type: 'line', strokeDash: [2, 3], color: '#888', strokeWidth: 1 },
        encoding: { x: logX, y: logY, detail: { field: 'guide' }, tooltip: [{ field: 'guide' }] },
      },
    ],
  };
  const D = result.D_tracer_cm2_per_s;
  const Ds = result.D_sigma_cm2_per_s;
  const subtitle = [
    `D* = ${formatValueError(D.value, D.stderr)} cm²/s, D_σ = ${formatValueError(Ds.value, Ds.stderr)} cm²/s, fit ${w0.toFixed(2)}–${w1.toFixed(2)} ps (shaded), 1σ bands`,
  ];
  return topLevel({ hconcat: [linear, loglog], spacing: 24 }, { title: options.title ?? `${result.species} MSD`, subtitle });
}
