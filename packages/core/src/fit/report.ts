/** A fit report in the style of lmfit's fit_report(): text a scientist can paste into a lab notebook. */
import { formatNumber } from './format';
import type { FitResult } from './types';

export interface FitReportOptions {
  /** Correlations with |C| below this are not listed. Default 0.1 (as lmfit). */
  minCorrelation?: number;
  /** Significant digits of values. Default 7. */
  digits?: number;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

export function fitReport(result: FitResult, options: FitReportOptions = {}): string {
  const minCor = options.minCorrelation ?? 0.1;
  const digits = options.digits ?? 7;
  const s = result.stats;
  const out: string[] = [];
  out.push('[[Model]]', `    ${result.model}${result.formula && result.formula !== result.model ? `: ${result.formula}` : ''}`);
  out.push('[[Fit Statistics]]');
  const stat = (label: string, value: string) => out.push(`    ${pad(label, 19)}= ${value}`);
  stat('# fitting method', 'Levenberg-Marquardt (RelaxLab)');
  stat('# function evals', String(result.nfev));
  stat('# data points', String(s.n));
  stat('# variables', String(s.nvar));
  stat('chi-square', formatNumber(s.chiSquare, digits));
  stat('reduced chi-square', formatNumber(s.redChi, digits));
  stat('Akaike info crit', formatNumber(s.aic, digits));
  if (s.aicc !== null) stat('AICc', formatNumber(s.aicc, digits));
  stat('Bayesian info crit', formatNumber(s.bic, digits));
  stat('R-squared', formatNumber(s.rSquared, digits));
  stat('uncertainties', result.sigmaAbsolute ? 'from absolute sigma' : 'scaled by sqrt(reduced chi-square)');
  stat('status', `${result.converged ? 'converged' : 'NOT CONVERGED'} (${result.message})`);
  for (const w of result.warnings) out.push(`    ## Warning: ${w}`);

  out.push('[[Variables]]');
  const names = Object.keys(result.params);
  const width = Math.max(...names.map((n) => n.length)) + 1;
  for (const name of names) {
    const p = result.params[name];
    const unit = p.unit ? ` ${p.unit}` : '';
    let line = `    ${pad(`${name}:`, width + 1)} ${formatNumber(p.value, digits)}`;
    if (!p.vary) line += `${unit} (fixed)`;
    else if (p.stderr === null) line += `${unit} +/- (not determined) (init = ${formatNumber(p.initial, digits)})`;
    else {
      const rel = p.value !== 0 ? ` (${(Math.abs(p.stderr / p.value) * 100).toFixed(2)}%)` : '';
      line += ` +/- ${formatNumber(p.stderr, 5)}${unit}${rel} (init = ${formatNumber(p.initial, digits)})`;
    }
    if (p.atBound) line += ` (at ${p.atBound} bound)`;
    out.push(line);
  }

  const pairs: Array<[string, number]> = [];
  const v = result.varyNames;
  for (let a = 0; a < v.length; a++) {
    for (let b = a + 1; b < v.length; b++) {
      const c = result.correlation[a]?.[b];
      if (c !== undefined && Math.abs(c) >= minCor) pairs.push([`C(${v[a]}, ${v[b]})`, c]);
    }
  }
  if (pairs.length) {
    pairs.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
    out.push(`[[Correlations]] (unreported correlations are < ${minCor.toFixed(3)})`);
    const w = Math.max(...pairs.map((p) => p[0].length));
    for (const [label, c] of pairs) out.push(`    ${pad(label, w)} = ${c >= 0 ? '+' : '-'}${Math.abs(c).toFixed(4)}`);
  }
  return out.join('\n');
}
