/**
 * The report's plots as Vega-Lite specs (@relaxlab/plots builders) and their SVG renderings:
 * the rates on the Arrhenius plot with the flank lines and the joint BPP curves, the BPP jump
 * rates, σT with its regimes, kinks and Davies' kink test, and one fit-plus-residuals panel per transient.
 */
import { predictArrhenius, relaxationRate_per_s } from '@relaxlab/core';
import type { BppRateModel, Estimate, JointBppDatasetSummary, JointBppResult } from '@relaxlab/core';
import { arrheniusChart, sigmaTArrheniusChart, toSVG, transientFitChart } from '@relaxlab/plots';
import type { ArrheniusLine, ArrheniusPoint, VegaLiteSpec } from '@relaxlab/plots';
import type { StudyResult } from '../results';

export interface Chart {
  id: string;
  title: string;
  spec: VegaLiteSpec;
}

/** Temperatures evenly spaced in 1/T from lo to hi (straight lines stay straight on the plot). */
function inverseGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (1 / lo + ((1 / hi - 1 / lo) * i) / (n - 1)));
}

const value = (e: Estimate | null | undefined): number | undefined => (e ? e.value : undefined);

function bppModel(r: JointBppResult, d: JointBppDatasetSummary): BppRateModel {
  const bg = d.background;
  return {
    spectralDensity: r.spectralDensity,
    convention: r.convention,
    activationEnergy_eV: d.activationEnergy_eV.value,
    tau0_s: d.tau0_s.value,
    ...(d.beta && { beta: d.beta.value }),
    prefactor_per_s2: d.prefactor_per_s2.value,
    ...(bg.model !== 'none' && {
      background: {
        model: bg.model,
        amplitude_per_s: value(bg.params.bgA) ?? 0,
        exponent: value(bg.params.bgKappa),
        activationEnergy_eV: value(bg.params.bgEa),
        referenceTemperature_K: r.referenceTemperature_K,
      },
    }),
  };
}

/** Rates of every series, the Arrhenius lines (with their Ea labels) and the joint BPP curves. */
export function ratesChart(result: StudyResult): Chart | null {
  const points: ArrheniusPoint[] = result.rateSeries.flatMap((s) =>
    s.points.map((p) => ({ label: s.label, temperature_K: p.temperature_K, value: p.rate_per_s, sigma: p.sigma ?? null })),
  );
  if (points.length === 0) return null;
  const lines: ArrheniusLine[] = [];
  for (const a of result.arrhenius) {
    for (const l of a.lines) {
      const grid = inverseGrid(l.window_K[0], l.window_K[1], 12);
      lines.push({
        label: a.series,
        name: l.side === 'all' ? 'Arrhenius line' : `${l.side}-T flank`,
        temperature_K: grid,
        value: grid.map((t) => predictArrhenius(l.arrhenius, t).value.value),
        activationEnergy_eV: l.arrhenius.activationEnergy_eV.value,
        activationEnergyStderr_eV: l.arrhenius.activationEnergy_eV.stderr,
      });
    }
  }
  const bpp = result.bpp;
  if (bpp) {
    bpp.result.datasets.forEach((d, k) => {
      const series = result.rateSeries.find((s) => s.label === bpp.series[k]);
      if (!series) return;
      const temps = series.points.map((p) => p.temperature_K);
      const grid = inverseGrid(Math.min(...temps), Math.max(...temps), 80);
      const frequencies = { experiment: d.experiment, larmor_MHz: d.larmor_MHz, spinlock_kHz: d.spinlock_kHz };
      const model = bppModel(bpp.result, d);
      lines.push({ label: series.label, name: 'joint BPP fit', temperature_K: grid, value: grid.map((t) => relaxationRate_per_s(frequencies, t, model)) });
    });
  }
  return {
    id: 'rates',
    title: 'Relaxation rates vs inverse temperature',
    spec: arrheniusChart({ points, lines }, { title: `${result.title}: relaxation rates`, quantity: 'rate', unit: 's⁻¹', width: 560, height: 360 }),
  };
}

/** τc⁻¹(T) of the joint BPP fit with its 1σ band. */
export function jumpRateChart(result: StudyResult): Chart | null {
  const bpp = result.bpp?.result;
  if (!bpp) return null;
  const band = bpp.jumpRate;
  const label = 'τc⁻¹ (joint BPP fit)';
  const every = band.temperature_K.map((_, i) => i).filter((i) => i % 4 === 0);
  return {
    id: 'jump-rates',
    title: 'Jump rates from the joint BPP fit',
    spec: arrheniusChart(
      {
        points: every.map((i) => ({ label, temperature_K: band.temperature_K[i], value: band.jumpRate_per_s[i] })),
        lines: [
          {
            label,
            name: 'τc⁻¹ = τ0⁻¹ exp(−Ea/kBT)',
            temperature_K: band.temperature_K,
            value: band.jumpRate_per_s,
            lower: band.lower_per_s,
            upper: band.upper_per_s,
            ...(bpp.activationEnergy_eV && { activationEnergy_eV: bpp.activationEnergy_eV.value, activationEnergyStderr_eV: bpp.activationEnergy_eV.stderr }),
          },
        ],
      },
      { title: `${result.title}: jump rates`, quantity: 'jump rate', unit: 's⁻¹', width: 560, height: 300 },
    ),
  };
}

/** σT with the segments of its Arrhenius fit (the cross-link's conductivity side), the kinks and Davies' p in the subtitle. */
export function conductivityChart(result: StudyResult): Chart | null {
  const link = result.crossLink?.result;
  if (!link) return null;
  const label = link.conductivityLabel;
  return {
    id: 'conductivity',
    title: 'σT of the DC conductivity (cross-link)',
    spec: sigmaTArrheniusChart([{ result: link.conductivityArrhenius, label }], { title: `${label}: σT`, width: 560, height: 300 }),
  };
}

export function transientCharts(result: StudyResult): Chart[] {
  return result.transients.map((t, k) => ({
    id: `transient-${k + 1}`,
    title: `${t.name}: ${t.experiment} at ${t.temperature_K} K`,
    spec: transientFitChart(t.fit, { title: `${t.name} (${t.temperature_K} K)`, width: 300, height: 170, residualHeight: 60 }),
  }));
}

/** Renders a chart to SVG; vega's warnings (a chart not as the spec says) are collected, not printed. */
export async function renderChart(chart: Chart, warnings: string[]): Promise<string> {
  return toSVG(chart.spec, { onWarning: (m) => warnings.push(`${chart.title}: ${m}`) });
}
