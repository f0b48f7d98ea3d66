/** The text report of a TrajectoryTransport (the CLI prints it, the kernel's show() adds it). */
import { formatEstimate } from '../fit/format';
import type { TrajectoryTransport } from './analyze';

export function trajectoryTransportReport(r: TrajectoryTransport): string {
  const f = (e: { value: number; stderr: number | null } | null | undefined, unit = '') => (e ? formatEstimate(e, unit) : '-');
  const w = r.tracerFit.window_ps;
  const h = r.havenRatioInterval;
  const lines = [
    `[[MD transport: ${r.species} in ${r.source}]]`,
    `    ${r.atoms} ${r.species} atoms, ${r.frames} frames ${r.frameInterval_fs} fs apart (${r.duration_ps.toFixed(2)} ps), V = ${r.volume_A3.toFixed(1)} Å³, N/V = ${r.numberDensity_per_cm3.toExponential(4)} cm^-3` +
      `${r.chargeNumber !== null ? `, z = ${r.chargeNumber}` : ''}${r.temperature_K !== null ? `, T = ${r.temperature_K} K` : ''}`,
    `    fit window ${w[0].toFixed(3)}–${w[1].toFixed(3)} ps${r.tracerFit.windowAuto ? ' (automatic)' : ''}, ${r.tracerFit.lags.length} lags; ${r.uncertaintyMethod}`,
    `    D*        = ${f(r.D_tracer_cm2_per_s, 'cm²/s')}   (intercept ${f(r.tracerFit.intercept_A2, 'Å²')}, χ²_red ${r.tracerFit.chi2Reduced.toFixed(2)})`,
    `    D_σ       = ${f(r.D_sigma_cm2_per_s, 'cm²/s')}   (collective MSD, χ²_red ${r.collectiveFit.chi2Reduced.toFixed(2)})`,
    `    σ_NE      = ${f(r.sigma_NE_S_per_cm, 'S/cm')}`,
    `    σ_coll    = ${f(r.sigma_collective_S_per_cm, 'S/cm')}`,
    `    H_R       = ${Number.isFinite(r.havenRatio.value) ? f(r.havenRatio) : '-'}   (1σ interval ${h.lower === null ? '-' : h.lower.toPrecision(3)} – ${h.upper === null ? '∞' : h.upper.toPrecision(3)})`,
  ];
  if (r.D_tracerPerDimension_cm2_per_s) {
    lines.push(`    D* x, y, z = ${r.D_tracerPerDimension_cm2_per_s.map((d) => f(d, 'cm²/s')).join(', ')}`);
  }
  if (r.jumpRate_per_s) lines.push(`    Γ = 6D* / a² = ${f(r.jumpRate_per_s, 's^-1')} (a = ${r.jumpLength_A} Å)`);
  if (r.frameworkDrift_A !== null) lines.push(`    framework drift removed: ${r.frameworkDrift_A.toFixed(3)} Å over the run`);
  for (const warning of r.warnings) lines.push(`    ## Warning: ${warning}`);
  return lines.join('\n');
}
