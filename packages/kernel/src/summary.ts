/**
 * The physics of a result as rows "quantity | value ± 1σ | note", rendered once as an escaped
 * HTML table (for a JupyterLab without the RelaxLab plugin) and once as text (text/plain, pasted
 * into a lab notebook). Building both from the same rows keeps them saying the same thing.
 */
import { formatQuantity } from '@relaxlab/core';
import type { Estimate, FitResult } from '@relaxlab/core';
import { escapeHtml, statisticsTableHtml } from './html';

export interface SummaryRow {
  quantity: string;
  /** An estimate (formatted with its unit), plain text, or null for "—". */
  value: Estimate | string | null;
  unit?: string;
  note?: string;
}

export function valueText(row: SummaryRow): string {
  const v = row.value;
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return formatQuantity(v.value, v.stderr, row.unit ?? '');
}

export function summaryTableHtml(rows: SummaryRow[]): string {
  const cell = (text: string, tag = 'td', align = 'left') => `<${tag} style="text-align:${align}">${escapeHtml(text)}</${tag}>`;
  const head = `<tr>${cell('quantity', 'th')}${cell('value ± 1σ', 'th')}${cell('note', 'th')}</tr>`;
  const body = rows.map((r) => `<tr>${cell(r.quantity)}${cell(valueText(r), 'td', 'right')}${cell(r.note ?? '')}</tr>`).join('');
  return `<table class="relaxlab-summary"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

export function summaryText(title: string, rows: SummaryRow[]): string {
  const width = Math.max(...rows.map((r) => r.quantity.length), 8);
  return [`[[${title}]]`, ...rows.map((r) => `    ${r.quantity.padEnd(width)} = ${valueText(r)}${r.note ? `  (${r.note})` : ''}`)].join(
    '\n',
  );
}

/** Heading (sample), a one-line description, the rows, the fit statistics and the warnings, as HTML. */
export function summaryHtml(options: {
  sample?: string;
  title: string;
  rows: SummaryRow[];
  fit?: FitResult;
  warnings?: string[];
  extra?: string;
}): string {
  const parts = ['<div class="relaxlab-result">'];
  if (options.sample !== undefined) parts.push(`<h4>${escapeHtml(options.sample)}</h4>`);
  parts.push(`<p><b>${escapeHtml(options.title)}</b></p>`);
  if (options.rows.length) parts.push(summaryTableHtml(options.rows));
  if (options.extra) parts.push(options.extra);
  if (options.fit) parts.push(statisticsTableHtml(options.fit));
  const warnings = options.warnings ?? [];
  if (warnings.length) parts.push(`<ul class="relaxlab-warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  parts.push('</div>');
  return parts.join('');
}
