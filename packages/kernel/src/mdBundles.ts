/**
 * The MIME bundle of an MD trajectory result (core's analyzeTrajectory): the payload, the MSD
 * chart (linear with the GLS lines and 1σ bands over the window; log–log with slope guides), the
 * transport table (D*, D_σ, σ_NE, σ_coll, H_R, each ± 1σ) and core's text report.
 */
import { trajectoryTransportReport } from '@relaxlab/core';
import type { TrajectoryTransport } from '@relaxlab/core';
import { msdChart } from '@relaxlab/plots';
import type { MimeBundle } from './display';
import { bundle, ResultShowOptions } from './resultBundles';
import { SummaryRow, summaryHtml } from './summary';

export function trajectoryTransportBundle(r: TrajectoryTransport, options: ResultShowOptions): MimeBundle {
  const spec = msdChart(r, { title: options.sample });
  const h = r.havenRatioInterval;
  const rows: SummaryRow[] = [
    { quantity: 'D* (tracer)', value: r.D_tracer_cm2_per_s, unit: 'cm²/s', note: `χ²_red ${r.tracerFit.chi2Reduced.toFixed(2)}` },
    { quantity: 'D_σ (collective)', value: r.D_sigma_cm2_per_s, unit: 'cm²/s', note: `χ²_red ${r.collectiveFit.chi2Reduced.toFixed(2)}` },
    { quantity: 'σ_NE = N q² D*/(V kB T)', value: r.sigma_NE_S_per_cm, unit: 'S/cm' },
    { quantity: 'σ_coll', value: r.sigma_collective_S_per_cm, unit: 'S/cm' },
    {
      quantity: 'H_R = D*/D_σ',
      value: Number.isFinite(r.havenRatio.value) ? r.havenRatio : null,
      note: `1σ interval ${h.lower === null ? '—' : h.lower.toPrecision(3)} – ${h.upper === null ? '∞' : h.upper.toPrecision(3)}`,
    },
  ];
  if (r.jumpRate_per_s) rows.push({ quantity: `Γ = 6D*/a² (a = ${r.jumpLength_A} Å)`, value: r.jumpRate_per_s, unit: 's⁻¹' });
  const w = r.tracerFit.window_ps;
  const title = `MD transport of ${r.species}: ${r.atoms} atoms, ${r.duration_ps.toFixed(2)} ps, fit ${w[0].toFixed(2)}–${w[1].toFixed(2)} ps${r.tracerFit.windowAuto ? ' (automatic)' : ''}`;
  return bundle(
    r,
    spec,
    summaryHtml({ sample: options.sample, title, rows, warnings: r.warnings }),
    trajectoryTransportReport(r),
    options.sample,
  );
}
