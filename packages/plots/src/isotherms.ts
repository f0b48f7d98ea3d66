/**
 * Conductivity isotherms σ′(ν) on log–log axes with their Jonscher fits,
 * σ′(ν) = σ_DC·[1 + (ν/ν_c)^p] (A. K. Jonscher, Nature 267, 673 (1977); core fitJonscher), each
 * with its 1σ band. The DC plateau, the dispersive regime and, when the whole measured spectrum is
 * given, the low-frequency drop from electrode polarisation the fit window left out, all show.
 */
import {
  estimateFromFit,
  formatQuantity,
  formatValueError,
  InputError,
  jonscherConductivity_S_per_cm,
  ZERO_CELSIUS_K,
} from '@relaxlab/core';
import type { ConductivitySpectrum, JonscherResult } from '@relaxlab/core';
import { ChartOptions, DEFAULT_HEIGHT, DEFAULT_WIDTH, JsonObject, topLevel, VegaLiteSpec } from './spec';

const CURVE_POINTS = 80;
const r6 = (v: number): number => Number(v.toPrecision(6));

export interface IsothermChartOptions extends ChartOptions {
  /**
   * The whole measured σ′(ν) of each isotherm (same order as the fits): drawn as open points, so
   * frequencies outside the fitted window show too.
   */
  spectra?: Array<Pick<ConductivitySpectrum, 'frequency_Hz' | 'sigmaReal_S_per_cm'> | null | undefined>;
}

function labelOf(fit: JonscherResult, k: number): string {
  return fit.temperature_K !== undefined
    ? `${Number(fit.temperature_K.toFixed(1))} K (${Number((fit.temperature_K - ZERO_CELSIUS_K).toFixed(1))} °C)`
    : `isotherm ${k + 1}`;
}

/** "p = 0.66 ± 0.01, νc = …, σDC = …" for one isotherm. */
export function jonscherSummary(fit: JonscherResult): string {
  return `p = ${formatValueError(fit.exponent.value, fit.exponent.stderr)}, νc = ${formatQuantity(fit.crossoverFrequency_Hz.value, fit.crossoverFrequency_Hz.stderr, 'Hz')}, σDC = ${formatQuantity(fit.sigmaDC_S_per_cm.value, fit.sigmaDC_S_per_cm.stderr, 'S/cm')}`;
}

export function conductivityIsothermChart(fits: JonscherResult[], options: IsothermChartOptions = {}): VegaLiteSpec {
  if (!Array.isArray(fits) || fits.length === 0 || fits.some((f) => !f || f.kind !== 'JonscherResult')) {
    throw new InputError('no Jonscher fits', { field: 'fits', expected: 'one or more results of fitJonscher' });
  }
  if (options.spectra !== undefined && options.spectra.length !== fits.length) {
    throw new InputError('one spectrum per fit', {
      field: 'spectra',
      expected: `${fits.length} spectra (null where none)`,
      found: String(options.spectra.length),
    });
  }
  const byTemperature = fits.every((f) => f.temperature_K !== undefined);
  const points: JsonObject[] = [];
  const measured: JsonObject[] = [];
  const curves: JsonObject[] = [];
  fits.forEach((fit, k) => {
    const label = labelOf(fit, k);
    const common = { series: k, label, temperature_K: fit.temperature_K ?? null, summary: jonscherSummary(fit) };
    const f = fit.fit.data.x as number[];
    f.forEach((fi, i) => {
      const sigma = Math.exp(fit.fit.data.y[i]);
      points.push({
        ...common,
        frequency: r6(fi),
        sigma: r6(sigma),
        frequencyText: `${formatValueError(fi)} Hz`,
        sigmaText: `${formatValueError(sigma)} S/cm`,
      });
    });
    const spectrum = options.spectra?.[k];
    if (spectrum) {
      spectrum.frequency_Hz.forEach((fi, i) => {
        const s = spectrum.sigmaReal_S_per_cm[i];
        if (fi > 0 && s > 0)
          measured.push({
            ...common,
            frequency: r6(fi),
            sigma: r6(s),
            frequencyText: `${formatValueError(fi)} Hz`,
            sigmaText: `${formatValueError(s)} S/cm`,
          });
      });
    }
    const lo = Math.min(...f);
    const hi = Math.max(...f);
    for (let i = 0; i < CURVE_POINTS; i++) {
      const nu = lo * Math.pow(hi / lo, i / (CURVE_POINTS - 1));
      // the band in ln σ′, where the fit was made
      const ln = estimateFromFit(fit.fit, (p) => Math.log(jonscherConductivity_S_per_cm(nu, p.sigmaDC_S_per_cm, p.nuc_Hz, p.p)));
      const s = ln.stderr ?? 0;
      curves.push({
        ...common,
        frequency: r6(nu),
        sigma: r6(Math.exp(ln.value)),
        lower: r6(Math.exp(ln.value - s)),
        upper: r6(Math.exp(ln.value + s)),
      });
    }
  });
  const x = { field: 'frequency', type: 'quantitative', scale: { type: 'log' }, axis: { title: 'ν (Hz)', format: '~g' } };
  const yTitle = 'σ′ (S/cm)';
  const y = { field: 'sigma', type: 'quantitative', scale: { type: 'log' }, title: yTitle };
  const color: JsonObject = byTemperature
    ? { field: 'temperature_K', type: 'quantitative', title: 'T (K)', scale: { scheme: 'viridis' } }
    : { field: 'label', type: 'nominal', title: null, sort: { field: 'series' } };
  const colorNoLegend = { ...color, legend: null };
  const tooltip = [
    { field: 'label', title: 'isotherm' },
    { field: 'frequencyText', title: 'ν' },
    { field: 'sigmaText', title: 'σ′' },
    { field: 'summary', title: 'Jonscher fit' },
  ];
  const layer: JsonObject[] = [
    {
      data: { values: curves },
      mark: { type: 'area', opacity: 0.2 },
      encoding: {
        x,
        y: { field: 'lower', type: 'quantitative', scale: { type: 'log' }, title: yTitle },
        y2: { field: 'upper' },
        color: colorNoLegend,
        detail: { field: 'series', type: 'nominal' },
      },
    },
    {
      data: { values: curves },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x,
        y,
        color: colorNoLegend,
        detail: { field: 'series', type: 'nominal' },
        tooltip: [
          { field: 'label', title: 'isotherm' },
          { field: 'summary', title: 'Jonscher fit' },
        ],
      },
    },
  ];
  if (measured.length)
    layer.push({
      data: { values: measured },
      mark: { type: 'point', filled: false, size: 24, opacity: 0.6 },
      encoding: { x, y, color: colorNoLegend, tooltip },
    });
  layer.push({ data: { values: points }, mark: { type: 'point', filled: true, size: 28 }, encoding: { x, y, color, tooltip } });
  const subtitle =
    fits.length === 1
      ? [`Jonscher σ′ = σDC[1 + (ν/νc)^p]: ${jonscherSummary(fits[0])}`]
      : [`Jonscher σ′ = σDC[1 + (ν/νc)^p]; p = ${fits.map((f) => formatValueError(f.exponent.value, f.exponent.stderr)).join(', ')}`];
  return topLevel(
    { width: options.width ?? DEFAULT_WIDTH, height: options.height ?? DEFAULT_HEIGHT, layer },
    { title: options.title, subtitle },
  );
}
