/**
 * Rates vs temperature → activation energies, the joint BPP fit and the NMR ↔ DC cross-link.
 * - Arrhenius lines per rate series: core's rateSeriesArrhenius (the windows the config names,
 *   else both flanks of the rate peak, else one line through all points, with its warnings).
 * - Joint BPP fit of the series (fitJointBpp), with a seeded residual bootstrap when configured,
 *   and every automatic flank checked against the fit's asymptotes (flankAsymptoteWarnings).
 * - Cross-link with DC conductivity (crossLink) when the config names a conductivity file: the NMR
 *   energy (low-T flank or full Ea of the BPP fit) and the BPP jump rates τc⁻¹(T) beside σT.
 * An analysis step that the data do not support (too few points, no peak) is a warning in the
 * report, not a failure of the study.
 */
import { dirname, resolve } from 'path';
import {
  bootstrapJointBpp,
  conductivityInputOf,
  crossLink,
  fitJointBpp,
  flankAsymptoteWarnings,
  isInputError,
  jointParameterName,
  jumpRateBand,
  rateSeriesArrhenius,
} from '@relaxlab/core';
import type {
  ConductivityCrossLinkInput,
  CrossLinkResult,
  Estimate,
  JointBppResampling,
  JointBppResult,
  ProvenanceInput,
  RateArrheniusResult,
} from '@relaxlab/core';
import { readSourceFile } from '@relaxlab/io';
import type { CrossLinkSettings, StudyConfig } from './config';
import type { StudySeries } from './fitting';
import { parseJsonc } from './jsonc';

/** The Arrhenius lines of one series: core's rateSeriesArrhenius, the policy every face uses. */
export type SeriesArrhenius = RateArrheniusResult;

export interface BppAnalysis {
  series: string[];
  result: JointBppResult;
  bootstrap: JointBppResampling | null;
}

export interface CrossLinkAnalysis {
  conductivityFile: { name: string; sha256: string };
  nmrActivationEnergy: CrossLinkSettings['nmrActivationEnergy'];
  result: CrossLinkResult;
}

/** The configured windows of the series, else the automatic flanks, else one line through all points. */
export function arrheniusOfSeries(series: StudySeries, config: StudyConfig): SeriesArrhenius {
  const { transients: _transients, ...rates } = series;
  const windows = config.arrhenius.windows.filter((w) => w.series === series.label).map((w) => ({ side: w.side, window_K: w.window_K }));
  return rateSeriesArrhenius(rates, {
    windows,
    decadesBelowPeak: config.arrhenius.decadesBelowPeak,
    minPoints: config.arrhenius.minPoints,
  });
}

/**
 * The joint BPP fit of the configured series; every automatic flank of `arrhenius` that misses the
 * fit's asymptote by more than 2σ becomes a warning.
 */
export function bppOfSeries(
  all: StudySeries[],
  config: StudyConfig,
  inputs: ProvenanceInput[],
  arrhenius: SeriesArrhenius[],
  warnings: string[],
): BppAnalysis | null {
  const settings = config.bpp;
  if (!settings.enabled) return null;
  const unknown = settings.series.filter((label) => !all.some((s) => s.label === label));
  if (unknown.length)
    warnings.push(
      `BPP: bpp.series names ${unknown.map((u) => JSON.stringify(u)).join(', ')}, not among the rate series (${all.map((s) => s.label).join(', ')})`,
    );
  const series = settings.series.length ? all.filter((s) => settings.series.includes(s.label)) : all;
  if (series.length === 0) {
    warnings.push('BPP: no rate series to fit');
    return null;
  }
  const plain = series.map(({ transients: _t, ...s }) => s);
  try {
    const result = fitJointBpp(plain, {
      spectralDensity: settings.spectralDensity,
      convention: settings.convention,
      share: settings.share,
      datasets: series.map((s) => ({ background: settings.background[s.experiment] })),
      source: 'BPP',
      inputs,
    });
    const bootstrap = settings.bootstrap
      ? bootstrapJointBpp(plain, result, { samples: settings.bootstrap.samples, seed: settings.bootstrap.seed })
      : null;
    warnings.push(...flankAsymptoteWarnings(arrhenius, result).map((w) => `BPP: ${w}`));
    return { series: series.map((s) => s.label), result, bootstrap };
  } catch (e) {
    if (!isInputError(e)) throw e;
    warnings.push(`BPP: not fitted: ${e.message}`);
    return null;
  }
}

/** The conductivity file: a σ(T) table or the ImpedanceSeriesAnalysis of `relaxlab conductivity --json` (core's conductivityInputOf). */
function readConductivity(path: string, warnings: string[]): { data: ConductivityCrossLinkInput; sha256: string } {
  const file = readSourceFile(path);
  const { input, warnings: found } = conductivityInputOf(parseJsonc(file.text, path), path);
  warnings.push(...found.map((w) => `cross-link: ${w}`));
  return { data: input, sha256: file.sha256 };
}

const EA_NAMES = { ea: jointParameterName('Ea'), tau0: jointParameterName('tau0') };

/** The NMR side of the cross-link from the BPP fit: its energy and jump rates inside the compared range. */
export function crossLinkOf(
  bpp: BppAnalysis | null,
  config: StudyConfig,
  configPath: string | null,
  warnings: string[],
): CrossLinkAnalysis | null {
  const settings = config.crossLink;
  if (!settings) return null;
  const base = configPath ? dirname(resolve(configPath)) : process.cwd();
  const name = settings.conductivity;
  const path = resolve(base, name);
  if (!bpp) {
    warnings.push('cross-link: skipped, it needs the BPP fit (its activation energy and jump rates)');
    return null;
  }
  const r = bpp.result;
  const energy: Estimate | null = settings.nmrActivationEnergy === 'bpp' ? r.activationEnergy_eV : r.lowTemperatureFlank_eV;
  if (!energy || !r.fit.params[EA_NAMES.ea] || !r.fit.params[EA_NAMES.tau0]) {
    warnings.push(
      'cross-link: skipped, the BPP fit has no shared Ea and τ0 (bpp.share must include Ea and tau0, and the density a shape β for the low-T flank)',
    );
    return null;
  }
  const { data, sha256 } = readConductivity(path, warnings);
  const range = settings.temperatureRange_K;
  const temperatures = data.temperature_K.filter((t) => (range ? t >= range[0] && t <= range[1] : true));
  const band = temperatures.length ? jumpRateBand(r.fit, EA_NAMES.ea, EA_NAMES.tau0, temperatures) : undefined;
  const result = crossLink(
    {
      label: `${bpp.series.join(' + ')} (${settings.nmrActivationEnergy === 'bpp' ? 'BPP Ea' : 'low-T flank (β − 1)·Ea'})`,
      activationEnergy_eV: energy,
      ...(range && { temperatureRange_K: range }),
      ...(band && { jumpRates: band }),
    },
    {
      ...data,
      segments: settings.segments,
      ...(settings.jonscherExponent !== null && { jonscherExponent: settings.jonscherExponent }),
    },
    { ...(settings.hopping && { hopping: settings.hopping }), source: name },
  );
  return { conductivityFile: { name, sha256 }, nmrActivationEnergy: settings.nmrActivationEnergy, result };
}
