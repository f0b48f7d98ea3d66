/**
 * The NMR-vs-DC comparison figure of a crossLink result: on the left, σT of the DC measurement
 * with its regimes, and σT predicted from the NMR jump rates by the hopping model (when jump rates
 * and a geometry were given); on the right, the activation energies side by side — each DC regime
 * and the NMR energy — with 1σ bars. The subtitle carries the Ngai readings,
 * n = 1 − Ea,NMR/Ea,DC and n = 1 − Ea(II)/Ea(I) beside the Jonscher p.
 */
import { formatValueError, InputError } from '@relaxlab/core';
import type { CrossLinkResult, Estimate } from '@relaxlab/core';
import { ArrheniusChartOptions, ArrheniusPoint } from './arrhenius';
import { sigmaTPanel } from './sigmaT';
import { DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

const text = (e: Estimate | null) => (e ? formatValueError(e.value, e.stderr) : '–');

/** The Ngai readings in one line: "n = 1 − Ea,NMR/Ea,DC = 0.300 ± 0.012; n(kink) = …; Jonscher p = …". */
export function crossLinkSummary(result: CrossLinkResult): string {
  const n = result.ngai;
  const parts = [`n = 1 − Ea,NMR/Ea,DC = ${text(n.fromNmrVsDc)}`];
  if (n.fromConductivityKink) parts.push(`n = 1 − Ea(II)/Ea(I) = ${text(n.fromConductivityKink)}`);
  if (n.jonscherExponent) parts.push(`Jonscher p = ${text(n.jonscherExponent)}`);
  return parts.join('; ');
}

/** The activation energies as a dot plot with 1σ bars: one row per DC regime, one for NMR. */
function energyPanel(result: CrossLinkResult, height: number): JsonObject {
  const rows = result.regimes.map((g) => ({
    what: `DC regime ${g.regime} (${g.temperatureRange_K[0].toFixed(0)}–${g.temperatureRange_K[1].toFixed(0)} K)`,
    source: 'DC (σT)',
    energy: g.conductivity_eV.value,
    low: g.conductivity_eV.value - (g.conductivity_eV.stderr ?? 0),
    high: g.conductivity_eV.value + (g.conductivity_eV.stderr ?? 0),
    energyText: `${text(g.conductivity_eV)} eV`,
  }));
  const nmr = result.regimes[result.comparedRegime].nmr_eV;
  if (nmr) {
    rows.push({
      what: `NMR: ${result.nmrLabel}`,
      source: 'NMR',
      energy: nmr.value,
      low: nmr.value - (nmr.stderr ?? 0),
      high: nmr.value + (nmr.stderr ?? 0),
      energyText: `${text(nmr)} eV (compared with DC regime ${result.regimes[result.comparedRegime].regime})`,
    });
  }
  const y = { field: 'what', type: 'nominal', title: null, sort: null, axis: { labelLimit: 260 } };
  const x = { field: 'energy', type: 'quantitative', title: 'activation energy Ea (eV)', scale: { zero: true } };
  const color = { field: 'source', type: 'nominal', title: null, scale: { domain: ['DC (σT)', 'NMR'], range: ['#1f77b4', '#d62728'] } };
  return {
    width: Math.round(DEFAULT_WIDTH * 0.6),
    height: Math.min(height, 40 * rows.length + 20),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: { y, x: { ...x, field: 'low' }, x2: { field: 'high' }, color: { ...color, legend: null } },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          y,
          x,
          color,
          tooltip: [
            { field: 'what', title: 'energy of' },
            { field: 'energyText', title: 'Ea ± 1σ' },
          ],
        },
      },
    ],
  };
}

export function crossLinkChart(result: CrossLinkResult, options: ArrheniusChartOptions = {}): VegaLiteSpec {
  if (!result || result.kind !== 'CrossLinkResult') {
    throw new InputError('not a cross-link result', {
      field: 'result',
      expected: 'the result of crossLink',
      found: result ? String((result as { kind?: unknown }).kind) : String(result),
    });
  }
  const predicted: ArrheniusPoint[] = result.atTemperatures.map((a) => ({
    temperature_K: a.temperature_K,
    value: a.predictedConductivity_S_per_cm.value * a.temperature_K,
    sigma: a.predictedConductivity_S_per_cm.stderr === null ? null : a.predictedConductivity_S_per_cm.stderr * a.temperature_K,
    label: `σT from NMR jump rates (hopping model)`,
  }));
  const left = sigmaTPanel([{ result: result.conductivityArrhenius, label: result.conductivityLabel }], options, { points: predicted });
  const inner: JsonObject = {
    hconcat: [left, energyPanel(result, options.height ?? 280)],
    spacing: 24,
    resolve: { scale: { color: 'independent' } },
  };
  return topLevel(inner, { title: options.title, subtitle: [crossLinkSummary(result)] });
}
