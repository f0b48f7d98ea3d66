/**
 * The parameter table as HTML, for a JupyterLab without the RelaxLab plugin. Every string that
 * can come from a user (sample names, model and parameter names, units, file names) goes through
 * escapeHtml: a notebook output is trusted HTML once the notebook is trusted, so a sample called
 * `<img src=x onerror=alert(1)>` must arrive as text.
 */
import { formatNumber, formatQuantity } from '@relaxlab/core';
import type { FitResult, ModelComparison } from '@relaxlab/core';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const cell = (text: unknown, tag = 'td', align = 'left') => `<${tag} style="text-align:${align}">${escapeHtml(text)}</${tag}>`;
const row = (cells: string[]) => `<tr>${cells.join('')}</tr>`;

/** One row per parameter: value ± 1σ in a readable unit, relative error, bounds and notes. */
export function parameterTableHtml(fit: FitResult): string {
  const head = row(['parameter', 'value ± 1σ', 'relative', 'note'].map((h) => cell(h, 'th')));
  const body = Object.entries(fit.params).map(([name, p]) => {
    const relative = p.vary && p.stderr !== null && p.value !== 0 ? `${((100 * p.stderr) / Math.abs(p.value)).toFixed(2)} %` : '';
    const notes: string[] = [];
    if (!p.vary) notes.push('fixed');
    else if (p.stderr === null) notes.push('not determined by the data');
    if (p.atBound) notes.push(`at ${p.atBound} bound`);
    return row([
      cell(name),
      cell(formatQuantity(p.value, p.vary ? p.stderr : null, p.unit), 'td', 'right'),
      cell(relative, 'td', 'right'),
      cell(notes.join(', ')),
    ]);
  });
  return `<table class="relaxlab-params"><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

/** Fit statistics in one line of a small table. */
export function statisticsTableHtml(fit: FitResult): string {
  const s = fit.stats;
  const entries: Array<[string, string]> = [
    ['points', String(s.n)],
    ['varied', String(s.nvar)],
    ['χ²', formatNumber(s.chiSquare, 4)],
    ['reduced χ²', formatNumber(s.redChi, 4)],
    ['AIC', formatNumber(s.aic, 5)],
    ['BIC', formatNumber(s.bic, 5)],
    ['R²', formatNumber(s.rSquared, 6)],
    ['status', fit.converged ? 'converged' : `NOT CONVERGED: ${fit.message}`],
  ];
  return `<table class="relaxlab-stats">${row(entries.map(([k]) => cell(k, 'th')))}${row(entries.map(([, v]) => cell(v, 'td', 'right')))}</table>`;
}

export function comparisonTableHtml(comparison: ModelComparison): string {
  const head = row(['model [varied]', 'ΔBIC', 'ΔAIC', 'Akaike weight', 'reduced χ²', 'converged'].map((h) => cell(h, 'th')));
  const body = [...comparison.rows]
    .sort((a, b) => a.bic - b.bic)
    .map((r) => {
      const label = r.label === comparison.preferred ? `${r.label} (preferred)` : r.label;
      return row([
        cell(label),
        cell(r.deltaBic.toFixed(2), 'td', 'right'),
        cell(r.deltaAic.toFixed(2), 'td', 'right'),
        cell(r.akaikeWeight.toFixed(3), 'td', 'right'),
        cell(formatNumber(r.redChi, 4), 'td', 'right'),
        cell(r.converged ? 'yes' : 'NO'),
      ]);
    });
  return `<table class="relaxlab-comparison"><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * The fit as an HTML block: heading (sample), model, an optional note (plain text, e.g. the
 * comparison verdict), parameters, statistics and warnings.
 */
export function fitHtml(fit: FitResult, sample?: string, note?: string): string {
  const parts: string[] = ['<div class="relaxlab-result">'];
  if (sample !== undefined) parts.push(`<h4>${escapeHtml(sample)}</h4>`);
  parts.push(`<p><b>${escapeHtml(fit.model)}</b>: <code>${escapeHtml(fit.formula)}</code></p>`);
  if (note !== undefined) parts.push(`<p>${escapeHtml(note)}</p>`);
  parts.push(parameterTableHtml(fit), statisticsTableHtml(fit));
  if (fit.warnings.length)
    parts.push(`<ul class="relaxlab-warnings">${fit.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  parts.push('</div>');
  return parts.join('');
}
