/**
 * MIME bundles of the distributions of relaxation times (core relaxationDistribution and
 * distributionOfRelaxationTimes): the result as its payload, the chart (distribution with band and
 * peaks beside the data with the reconstruction: plots/inversion.ts), the physics as rows — λ, the
 * whole distribution's mean and width, each peak's τ, share and width ± 1σ — in HTML (with the
 * model comparison of the ILT beside the usual fits) and core's text report.
 */
import { drtReport, formatNumber, formatQuantity, relaxationDistributionReport } from '@relaxlab/core';
import type { BandSummary, DrtResult, PeakPosition, RegularisationSummary, RelaxationDistribution } from '@relaxlab/core';
import { drtChart, relaxationDistributionChart } from '@relaxlab/plots';
import type { MimeBundle } from './display';
import { comparisonTableHtml } from './html';
import { bundle, ResultShowOptions } from './resultBundles';
import { SummaryRow, summaryHtml } from './summary';

function lambdaRow(r: { lambda: number; regularisation: RegularisationSummary }): SummaryRow {
  const g = r.regularisation;
  const others = (['discrepancy', 'gcv', 'lcurve'] as const)
    .filter((m) => m !== g.method && g[m] !== null)
    .map((m) => `${m === 'gcv' ? 'GCV' : m === 'lcurve' ? 'L-curve' : m} ${formatNumber(g[m] as number, 3)}`);
  return {
    quantity: 'λ (regularisation)',
    value: formatNumber(r.lambda, 4),
    note: `${g.userSet ? 'set by the user' : g.method}; ${others.join(', ')}; effective dof ${g.effectiveDof.toFixed(1)}`,
  };
}

const bandNote = (band: BandSummary) =>
  band.replicates > 0
    ? `${Math.round(band.level * 100)} % pointwise band from ${band.replicates} ${band.method} bootstrap replicates (seed ${band.seed})`
    : 'no band and no errors (0 bootstrap replicates)';

/**
 * τ of a peak with the band's interval of its position in the note. A maximum at the first or last
 * grid point is a bound (a component faster or slower than the data resolve), shown as ≤ or ≥
 * without its degenerate bootstrap error.
 */
function peakTauRow(p: PeakPosition, k: number, level: number, grid_s: readonly number[]): SummaryRow {
  const quantity = `peak ${k + 1}: τ (maximum)`;
  const at = (t: number) => Math.abs(p.tau_s.value / t - 1) < 1e-6;
  if (at(grid_s[0]) || at(grid_s[grid_s.length - 1])) {
    const start = at(grid_s[0]);
    return {
      quantity,
      value: `${start ? '≤' : '≥'} ${formatQuantity(p.tau_s.value, null, 's')}`,
      note: `at the ${start ? 'start' : 'end'} of the τ grid: a bound, not a position`,
    };
  }
  const interval =
    p.tauLower_s !== null && p.tauUpper_s !== null
      ? `${Math.round(level * 100)} % interval ${formatQuantity(p.tauLower_s, null, 's')} – ${formatQuantity(p.tauUpper_s, null, 's')}`
      : undefined;
  return { quantity, value: p.tau_s, unit: 's', note: interval };
}

const widthRow = (p: PeakPosition, k: number): SummaryRow => ({
  quantity: `peak ${k + 1}: width`,
  value: p.log10Width,
  unit: 'decades',
  note: 'SD of log10 τ within the peak',
});

export function relaxationDistributionBundle(r: RelaxationDistribution, options: ResultShowOptions): MimeBundle {
  const spec = relaxationDistributionChart(r, { title: options.sample });
  const rows: SummaryRow[] = [
    lambdaRow(r),
    {
      quantity: 'mean log10(τ/s)',
      value: r.log10tauMean_s,
      note: `τ = ${formatQuantity(10 ** r.log10tauMean_s.value, null, 's')} (geometric mean)`,
    },
    { quantity: 'SD of log10 τ', value: r.log10Width, unit: 'decades' },
    { quantity: 'total amplitude', value: r.amplitude, note: 'signal units' },
  ];
  if (r.offset) rows.push({ quantity: 'offset', value: r.offset, note: 'signal units' });
  r.peaks.forEach((p, k) => {
    rows.push(peakTauRow(p, k, r.band.level, r.tau_s), { quantity: `peak ${k + 1}: fraction`, value: p.fraction }, widthRow(p, k));
  });
  if (r.stretchedBeta !== undefined)
    rows.push({ quantity: 'stretched fit β', value: r.stretchedBeta.toFixed(3), note: 'the unreliability rule: β < 0.7 warns' });
  if (r.snr !== undefined) rows.push({ quantity: 'SNR', value: r.snr.toFixed(0), note: 'the unreliability rule: below 40 warns' });
  const title = `Distribution of relaxation times (${r.kernel}): ${r.peaks.length} peak${r.peaks.length === 1 ? '' : 's'}; ${bandNote(r.band)}`;
  const extra = r.comparison ? comparisonTableHtml(r.comparison) : undefined;
  const html = summaryHtml({ sample: options.sample, title, rows, warnings: r.warnings, ...(extra && { extra }) });
  return bundle(r, spec, html, relaxationDistributionReport(r), options.sample);
}

export function drtBundle(r: DrtResult, options: ResultShowOptions): MimeBundle {
  const spec = drtChart(r, { title: options.sample });
  const rows: SummaryRow[] = [lambdaRow(r), { quantity: 'R∞', value: r.R_inf_ohm, unit: 'Ω', note: 'series resistance' }];
  if (r.inductance_H) rows.push({ quantity: 'L', value: r.inductance_H, unit: 'H' });
  if (r.capacitance_F) rows.push({ quantity: 'C (series)', value: r.capacitance_F, unit: 'F', note: 'blocking electrode' });
  rows.push({ quantity: 'polarisation ∫γ d ln τ', value: r.polarisation_ohm, unit: 'Ω' });
  r.peaks.forEach((p, k) => {
    rows.push(
      peakTauRow(p, k, r.band.level, r.tau_s),
      { quantity: `peak ${k + 1}: R`, value: p.resistance_ohm, unit: 'Ω', note: `fraction ${formatNumber(p.fraction.value, 3)}` },
      { quantity: `peak ${k + 1}: C = τ/R`, value: { value: p.capacitance_F, stderr: null }, unit: 'F' },
      widthRow(p, k),
    );
  });
  rows.push({
    quantity: 'RMS of (Z − Ẑ)/|Z|',
    value: formatNumber(r.rmsResidual, 3),
    note: `Lin-KK of the same spectrum ${formatNumber(r.linKKRmsResidual, 3)}`,
  });
  const part = r.part === 'both' ? 'Z′ and Z″' : r.part === 'real' ? 'Z′' : 'Z″';
  const title = `DRT of ${part}: ${r.peaks.length} peak${r.peaks.length === 1 ? '' : 's'}; ${bandNote(r.band)}`;
  const html = summaryHtml({ sample: options.sample, title, rows, warnings: r.warnings });
  return bundle(r, spec, html, drtReport(r), options.sample);
}
