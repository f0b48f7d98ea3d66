/**
 * Text reports of the Arrhenius results, as `relaxlab arrhenius` prints them and the study report
 * shows them: a straight line, a broken line with its kinks, BIC table and Davies' test, the flanks
 * of a rate peak, and the lines of a rate series. Each starts with a [[heading]] naming what was
 * fitted (`title`, e.g. the file and columns read) and ends with the result's warnings.
 */
import { formatEstimate, textTable } from '../fit/format';
import { kinkTestSummary } from './kinkTestSummary';
import type { RateArrheniusResult } from './rateArrhenius';
import type { ArrheniusResult, RatePeakFlanks, SegmentedArrheniusResult } from './types';

const range = ([lo, hi]: readonly [number, number]) => `${lo.toFixed(1)}–${hi.toFixed(1)}`;
const heading = (name: string, title: string | undefined) => `[[${name}]]${title ? ` ${title}` : ''}`;
const warningLines = (warnings: readonly string[]) => warnings.map((w) => `    ## Warning: ${w}`);
const ROMAN = ['I', 'II', 'III'];

/** One straight line: Ea in eV and kJ/mol, log10 A and A, the reduced χ². */
export function arrheniusReport(r: ArrheniusResult, title?: string): string {
  return [
    heading('Arrhenius', title),
    `    ${r.n} points, ${range(r.window_K)} K, one straight line in 1000/T`,
    ...textTable(
      ['Ea / eV', 'Ea / kJ/mol', 'log10 A', 'A'],
      [
        [
          formatEstimate(r.activationEnergy_eV),
          formatEstimate(r.activationEnergy_kJ_per_mol),
          formatEstimate(r.log10Prefactor),
          formatEstimate(r.prefactor),
        ],
      ],
    ),
    `    reduced chi-square = ${r.fit.stats.redChi.toPrecision(4)}`,
    ...warningLines(r.warnings),
  ].join('\n');
}

/** A continuous broken line: the regimes, the kinks with their profile-likelihood intervals, the BIC table and Davies' test. */
export function segmentedArrheniusReport(r: SegmentedArrheniusResult, title?: string): string {
  const out = [
    heading('Arrhenius', title),
    `    ${r.n} points, ${range(r.window_K)} K, ${r.chosenSegments} segment(s) of a continuous broken line in 1000/T`,
  ];
  out.push(
    ...textTable(
      ['regime', 'T range / K', 'points', 'Ea / eV', 'Ea / kJ/mol', 'log10 A'],
      r.segments.map((s, k) => [
        ROMAN[k],
        range(s.temperatureRange_K),
        String(s.n),
        formatEstimate(s.activationEnergy_eV),
        formatEstimate(s.activationEnergy_kJ_per_mol),
        formatEstimate(s.log10Prefactor),
      ]),
    ),
  );
  for (const [k, b] of r.breakpoints.entries()) {
    out.push(`    kink ${k + 1}: T = ${formatEstimate(b.temperature_K, 'K')}, 95 % CI ${range(b.ci95_K)} K (profile likelihood)`);
  }
  out.push('[[Segments by BIC]]');
  out.push(
    ...textTable(
      ['', 'segments', 'nvar', 'chi-square', 'BIC', 'AICc', 'dBIC'],
      r.bic.map((b) => [
        b.segments === r.chosenSegments ? '*' : '',
        String(b.segments),
        String(b.nvar),
        b.chiSquare.toPrecision(5),
        b.bic.toFixed(2),
        b.aicc === null ? '-' : b.aicc.toFixed(2),
        b.deltaBic.toFixed(2),
      ]),
    ),
  );
  out.push(...kinkTestSummary(r).report, ...warningLines(r.warnings));
  return out.join('\n');
}

/** The flanks of a rate peak (findRatePeakFlanks): the peak, each flank's window and Ea. */
export function ratePeakFlanksReport(r: RatePeakFlanks, title?: string): string {
  const rows = (
    [
      ['low-T', r.lowTemperature],
      ['high-T', r.highTemperature],
    ] as const
  ).map(([side, f]) =>
    f
      ? [
          side,
          range(f.window_K),
          String(f.arrhenius.n),
          formatEstimate(f.arrhenius.activationEnergy_eV),
          formatEstimate(f.arrhenius.activationEnergy_kJ_per_mol),
        ]
      : [side, '-', '0', 'not fitted', '-'],
  );
  return [
    heading('Rate peak flanks', title),
    `    peak at ${r.peakTemperature_K.toFixed(1)} K (rate ${r.peakRate_per_s.toPrecision(4)}); flank candidates: points ≥ ${r.decadesBelowPeak.toFixed(2)} decades below the peak`,
    ...textTable(['flank', 'T range / K', 'points', 'Ea / eV', 'Ea / kJ/mol'], rows),
    ...warningLines(r.warnings),
  ].join('\n');
}

const LINE_NAMES = { low: 'low-T', high: 'high-T', all: 'all points' } as const;
const FROM = { config: 'configured window', flank: 'automatic flank', 'all-points': 'no maximum inside' } as const;

/** The Arrhenius lines of a rate series (fitRateArrhenius): the peak when there is one, each line's window and Ea. */
export function rateArrheniusReport(r: RateArrheniusResult, title?: string): string {
  const peak = r.peak ? `peak at ${r.peak.temperature_K.toFixed(1)} K (rate ${r.peak.rate_per_s.toPrecision(4)} 1/s)` : 'no peak used';
  const rows = r.lines.map((l) => [
    LINE_NAMES[l.side],
    range(l.window_K),
    String(l.arrhenius.n),
    formatEstimate(l.arrhenius.activationEnergy_eV),
    formatEstimate(l.arrhenius.activationEnergy_kJ_per_mol),
    FROM[l.from],
  ]);
  return [
    heading('Rate Arrhenius', title ?? r.series),
    `    ${r.points.temperature_K.length} rates; ${peak}`,
    ...(rows.length ? textTable(['line', 'T range / K', 'points', 'Ea / eV', 'Ea / kJ/mol', 'from'], rows) : ['    no line fitted']),
    ...warningLines(r.warnings),
  ].join('\n');
}
