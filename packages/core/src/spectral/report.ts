/**
 * Text report of a joint BPP fit, as `relaxlab bpp` prints it and the study report shows it: the
 * lmfit-style fit report, the physics (Ea, τ0, β, the low-T flank (β − 1)·Ea, Ngai n, each
 * dataset's prefactor and rate maximum) and any bootstrap or Monte Carlo distributions.
 */
import { fitReport } from '../fit/report';
import { formatEstimate, formatNumber } from '../fit/format';
import type { JointBppResampling } from './resampling';
import type { JointBppResult } from './types';

const est = (e: { value: number; stderr: number | null } | null, unit = ''): string => (e ? formatEstimate(e, unit) : 'per series');

/** [[Physics]]: what the fitted parameters say, quantity by quantity. */
function jointBppPhysicsReport(r: JointBppResult): string {
  const out = [
    '[[Physics]]',
    `    spectral density   = ${r.spectralDensity} (${r.convention} rate expressions, fitted as ${r.weighting === 'log' ? 'ln R' : 'R'})`,
  ];
  out.push(`    Ea                 = ${est(r.activationEnergy_eV, 'eV')} (${est(r.activationEnergy_kJ_per_mol, 'kJ/mol')})`);
  out.push(`    tau0               = ${est(r.tau0_s, 's')}`);
  if (r.beta) out.push(`    beta               = ${est(r.beta)}`);
  if (r.lowTemperatureFlank_eV) out.push(`    low-T flank        = ${est(r.lowTemperatureFlank_eV, 'eV')} ((beta - 1) Ea)`);
  if (r.ngaiCoupling) out.push(`    Ngai n = 2 - beta  = ${est(r.ngaiCoupling)}`);
  for (const d of r.datasets) {
    const peak = d.peak?.temperature_K
      ? `maximum at ${est(d.peak.temperature_K, 'K')} (w tau_c = ${formatNumber(d.peak.omegaTau, 4)}, jump rate ${formatNumber(1 / d.peak.correlationTime_s, 4)} 1/s)`
      : 'no maximum';
    out.push(`    ${d.label}: ${d.experiment} ${d.nucleus}, C = ${est(d.prefactor_per_s2, '1/s^2')}, ${peak}`);
  }
  return out.join('\n');
}

/** The distribution of every parameter over bootstrap or Monte Carlo refits. */
function resamplingReport(r: JointBppResampling): string {
  const title = r.method === 'bootstrap-residuals' ? 'Bootstrap (residual resampling)' : 'Monte Carlo (data errors)';
  const out = [`[[${title}]]`, `    ${r.succeeded} of ${r.samples} refits converged (seed ${r.seed})`];
  for (const [name, d] of Object.entries(r.parameters)) {
    out.push(
      `    ${name.padEnd(14)} = ${formatNumber(d.median, 6)} (sd ${formatNumber(d.sd, 2)}; 95 % interval ${formatNumber(d.ci95[0], 6)} .. ${formatNumber(d.ci95[1], 6)})`,
    );
  }
  return out.join('\n');
}

/** Fit report, physics and resampling sections of a joint BPP fit. */
export function jointBppReport(r: JointBppResult, resampling: readonly JointBppResampling[] = []): string {
  return [fitReport(r.fit), jointBppPhysicsReport(r), ...resampling.map(resamplingReport)].join('\n');
}
