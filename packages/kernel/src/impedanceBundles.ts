/**
 * MIME bundles of the impedance analyses (core's analyzeImpedanceSpectrum and
 * analyzeImpedanceSeries): the payload, a chart (Nyquist/Bode of the fit; σT of the bulk with one
 * line per block across temperature), a table of what each block is, and core's text report.
 */
import { impedanceSeriesReport, impedanceSpectrumReport } from '@relaxlab/core';
import type { BlockCharacter, ImpedanceSeriesAnalysis, ImpedanceSpectrumAnalysis } from '@relaxlab/core';
import { impedanceChart, sigmaTArrheniusChart } from '@relaxlab/plots';
import type { SigmaTSeries } from '@relaxlab/plots';
import type { MimeBundle } from './display';
import { bundle, ResultShowOptions } from './resultBundles';
import { SummaryRow, summaryHtml } from './summary';

function blockRows(b: BlockCharacter): SummaryRow[] {
  const rows: SummaryRow[] = [
    { quantity: `${b.block}: ${b.resistor}`, value: b.resistance_ohm, unit: 'Ω', note: b.role },
    { quantity: `${b.block}: τ`, value: b.timeConstant_s, unit: 's' },
    { quantity: `${b.block}: apex`, value: b.apexFrequency_Hz, unit: 'Hz' },
    { quantity: `${b.block}: C_eff`, value: b.capacitance_F, unit: 'F' },
  ];
  if (b.capacitancePerCellConstant_F_per_cm)
    rows.push({
      quantity: `${b.block}: C·l/A`,
      value: b.capacitancePerCellConstant_F_per_cm,
      unit: 'F/cm',
      note: b.typicalOf ? `typical of ${b.typicalOf}` : undefined,
    });
  if (b.relativePermittivity) rows.push({ quantity: `${b.block}: ε_r`, value: b.relativePermittivity });
  return rows;
}

export function impedanceSpectrumBundle(a: ImpedanceSpectrumAnalysis, options: ResultShowOptions): MimeBundle {
  const spec = impedanceChart(a.fit, { title: options.sample });
  const rows: SummaryRow[] = Object.entries(a.fit.parameters).map(([name, p]) => ({
    quantity: name,
    value: { value: p.value, stderr: p.stderr },
    unit: p.unit,
  }));
  for (const b of a.blocks.blocks) rows.push(...blockRows(b));
  if (a.conductivity) rows.push({ quantity: `σ = l/(${a.conductivity.resistance}·A)`, value: a.conductivity.sigma_S_per_cm, unit: 'S/cm' });
  const title = `Circuit ${a.fit.circuit}, ${a.fit.weighting} weighting${a.temperature_K !== undefined ? `, ${a.temperature_K.toFixed(1)} K` : ''}`;
  return bundle(
    a,
    spec,
    summaryHtml({ sample: options.sample, title, rows, fit: a.fit.fit, warnings: a.warnings }),
    impedanceSpectrumReport(a),
    options.sample,
  );
}

export function impedanceSeriesBundle(a: ImpedanceSeriesAnalysis, options: ResultShowOptions): MimeBundle {
  const series: SigmaTSeries[] = [];
  if (a.arrhenius) series.push({ result: a.arrhenius, label: 'bulk σT' });
  // the block lines share the σT axis only when they are σT too (with a geometry)
  for (const b of a.blocks)
    if (b.arrhenius && b.arrheniusOf === 'sigmaT')
      series.push({ result: b.arrhenius, label: `${b.block} (${[...new Set(b.roles)].join('/')})` });
  const rows: SummaryRow[] = a.points.map((p) => ({
    quantity: `${p.temperature_K.toFixed(1)} K: σ (${p.resistance})`,
    value: p.sigma_S_per_cm ?? null,
    unit: 'S/cm',
    note: p.start,
  }));
  for (const b of a.blocks) {
    if (b.arrhenius)
      rows.push({
        quantity: `${b.block} (${[...new Set(b.roles)].join('/')}): Ea`,
        value: b.arrhenius.activationEnergy_eV,
        unit: 'eV',
        note: b.arrheniusOf === 'sigmaT' ? 'of σT' : 'of T/R',
      });
  }
  const title = `Impedance series, circuit ${a.circuit}${a.global ? `, global fit sharing ${a.global.fit.shared.join(', ')}` : ''}`;
  const html = summaryHtml({ sample: options.sample, title, rows, warnings: a.warnings });
  const spec = series.length
    ? sigmaTArrheniusChart(series, { title: options.sample })
    : impedanceChart(a.spectra[0].fit, { title: options.sample });
  return bundle(a, spec, html, impedanceSeriesReport(a), options.sample);
}
