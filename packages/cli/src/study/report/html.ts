/**
 * HTML building blocks for the self-contained report: escaping (every string that came from a
 * file, a config or a fit goes through `esc`), tables, and the page with its inline style sheet.
 * No scripts and no external resources: the file opens offline, in any browser, years later.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an element or a quoted attribute. */
export function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A table: header cells and rows of already-escaped HTML cells. */
export function table(header: string[], rows: string[][], className = ''): string {
  const head = `<thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody>`;
  return `<table${className ? ` class="${className}"` : ''}>${head}\n${body}</table>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${esc(id)}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
}

/** Preformatted text (fit reports). */
export function pre(text: string): string {
  return `<pre>${esc(text)}</pre>`;
}

/** An SVG produced by vega (its text nodes are escaped by vega) inside a figure with a caption. */
export function figure(svg: string, caption: string, className = 'plot'): string {
  return `<figure class="${className}">${svg.replace(/^<\?xml[^>]*>\s*/, '')}<figcaption>${esc(caption)}</figcaption></figure>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1180px; padding: 1.5em 2em 4em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
.meta { color: #555; font-size: 0.92em; }
.status { display: inline-block; padding: 0.15em 0.6em; border-radius: 3px; font-weight: bold; font-size: 0.9em; }
.status.complete { background: #e3f3e3; color: #1d5e1d; }
.status.partial { background: #fdecd2; color: #8a4b00; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #d4d4d4; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.hashes td:nth-child(3) { font-family: Menlo, Consolas, monospace; font-size: 0.85em; word-break: break-all; }
tr.failed td { background: #fff1f0; }
pre { background: #f7f7f7; border: 1px solid #e1e1e1; padding: 0.7em; overflow-x: auto; font-size: 0.82em; line-height: 1.3; }
ul.warnings li { margin: 0.2em 0; }
.failures { border-left: 4px solid #d9822b; background: #fffaf2; padding: 0.4em 1em; }
figure { margin: 0.8em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.85em; }
.grid { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; }
.grid figure { margin: 0; flex: 0 0 calc(33.3% - 0.8em); min-width: 300px; }
details { margin: 0.4em 0; }
summary { cursor: pointer; }
`;

export function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
