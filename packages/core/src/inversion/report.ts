/** Text reports of a relaxation-time distribution and a DRT, in the style of the fit reports. */
import { modelComparisonReport } from '../fit/compare';
import { formatNumber, formatValueError, textTable } from '../fit/format';
import type { Estimate } from '../arrhenius/types';
import type { DrtResult, RegularisationSummary, BandSummary, RelaxationDistribution } from './types';

const ve = (e: Estimate) => formatValueError(e.value, e.stderr);
const g = (v: number | null | undefined, digits = 4) => (v === null || v === undefined ? '-' : formatNumber(v, digits));

function regularisationLines(r: RegularisationSummary, lambda: number, band: BandSummary): string[] {
  const order = ['identity', '1st difference', '2nd difference'][r.penaltyOrder];
  return [
    '[[Regularisation]]',
    `    λ = ${g(lambda)} (${r.userSet ? 'set by the user' : r.method}); GCV ${g(r.gcv)}, L-curve ${g(r.lcurve)}, discrepancy ${g(r.discrepancy)}`,
    `    penalty: ${order}; ${r.discretisation} basis; ${r.refinements} iterated-Tikhonov refinements; effective dof ${r.effectiveDof.toFixed(1)}; χ² ${g(r.chiSquare, 5)}`,
    `    band: ${band.method} bootstrap from the deconvolved estimate, ${band.replicates} replicates (seed ${band.seed}), ${Math.round(band.level * 100)} % pointwise` +
      (band.unconverged ? `; ${band.unconverged} replicates hit the NNLS iteration limit` : ''),
  ];
}

export function relaxationDistributionReport(r: RelaxationDistribution): string {
  const rows = r.peaks.map((p, q) => [
    String(q + 1),
    `${ve(p.tau_s)} s`,
    `${g(p.tauLower_s)}–${g(p.tauUpper_s)} s`,
    ve(p.fraction),
    ve(p.log10Width),
    ve(p.amplitude),
  ]);
  const lines = [
    `[[Distribution of relaxation times]] ${r.kernel}${r.source?.file ? ` — ${r.source.file}` : ''}`,
    `    ${r.formula}`,
    `    τ grid ${g(r.tau_s[0], 3)}–${g(r.tau_s[r.tau_s.length - 1], 3)} s, ${r.tau_s.length} points; ${r.delay_s.length} delays`,
    ...regularisationLines(r.regularisation, r.lambda, r.band),
    '[[Distribution]]',
    `    mean log10(τ/s) = ${ve(r.log10tauMean_s)} (τ = ${g(10 ** r.log10tauMean_s.value)} s); SD ${ve(r.log10Width)} decades`,
    `    total amplitude ${ve(r.amplitude)}` + (r.offset !== undefined ? `; offset ${ve(r.offset)}` : ''),
    '[[Peaks]]',
    ...(rows.length
      ? textTable(
          ['', 'τ (maximum)', `${Math.round(r.band.level * 100)} % interval`, 'fraction', 'width (decades)', 'amplitude'],
          rows,
          (j) => j >= 3,
        )
      : ['    none']),
  ];
  if (r.comparison) lines.push(modelComparisonReport(r.comparison));
  if (r.stretchedBeta !== undefined) lines.push(`    stretched fit β = ${r.stretchedBeta.toFixed(3)}; SNR ${r.snr?.toFixed(0)}`);
  if (r.warnings.length) lines.push('[[Warnings]]', ...r.warnings.map((w) => `    ${w}`));
  return lines.join('\n');
}

export function drtReport(r: DrtResult): string {
  const rows = r.peaks.map((p, q) => [
    String(q + 1),
    `${ve(p.tau_s)} s`,
    `${ve(p.resistance_ohm)} Ω`,
    ve(p.fraction),
    `${g(p.capacitance_F)} F`,
    ve(p.log10Width),
  ]);
  const extras = [`R∞ = ${ve(r.R_inf_ohm)} Ω`];
  if (r.inductance_H !== undefined) extras.push(`L = ${ve(r.inductance_H)} H`);
  if (r.capacitance_F !== undefined) extras.push(`C = ${ve(r.capacitance_F)} F`);
  const lines = [
    `[[Distribution of relaxation times (DRT)]]${r.source?.file ? ` ${r.source.file}` : ''}`,
    `    Z = R∞ + jωL + 1/(jωC) + ∫ γ(ln τ)/(1 + jωτ) d ln τ, fitted to ${r.part === 'both' ? "Z' and Z''" : r.part === 'real' ? "Z'" : "Z''"}`,
    `    τ grid ${g(r.tau_s[0], 3)}–${g(r.tau_s[r.tau_s.length - 1], 3)} s, ${r.tau_s.length} points; ${r.frequency_Hz.length} frequencies`,
    ...regularisationLines(r.regularisation, r.lambda, r.band),
    '[[Series elements]]',
    `    ${extras.join('; ')}; polarisation ∫γ = ${ve(r.polarisation_ohm)} Ω`,
    '[[Peaks]]',
    ...(rows.length ? textTable(['', 'τ (maximum)', 'R', 'fraction', 'C = τ/R', 'width (decades)'], rows, (j) => j >= 2) : ['    none']),
    '[[Residuals]]',
    `    RMS of (Z − Ẑ)/|Z| ${g(r.rmsResidual, 3)}; Lin-KK of the same spectrum ${g(r.linKKRmsResidual, 3)}`,
  ];
  if (r.warnings.length) lines.push('[[Warnings]]', ...r.warnings.map((w) => `    ${w}`));
  return lines.join('\n');
}
