/** Results that display themselves in a notebook. */
import { InputError, VEGALITE_V5_MIME } from '@relaxlab/core';
import { toPNG } from '@relaxlab/plots';
import type { VegaLiteSpec } from '@relaxlab/plots';
import { displayTarget, MimeBundle, publishDisplayData } from './display';
import { Displayable, mimeBundle, ShowOptions } from './mime';

/** PNG pixels per chart pixel in show(): sharp on HiDPI screens, shown at the chart's own size. */
const SHOW_PNG_SCALE = 2;

/**
 * Display a result as ONE output carrying the RelaxLab payload, the Vega-Lite chart, the HTML
 * parameter table and the text report: each front end shows the richest type it knows.
 * Outside a notebook the text report is printed.
 *
 * With `{ png: true }` the chart follows as a second output of type image/png, and show()
 * returns a Promise (`await rl.show(fit, { png: true })`). A second output, not a fifth type in
 * the first: static viewers (nbconvert's HTML, notebook previews) show one type per output and
 * rank text/html above image/png, so a PNG beside the table would never be seen there.
 */
export function show(result: Displayable, options?: ShowOptions & { png?: false }): void;
export function show(result: Displayable, options: ShowOptions & { png: true }): Promise<void>;
export function show(result: Displayable, options?: ShowOptions): void | Promise<void>;
export function show(result: Displayable, options: ShowOptions = {}): void | Promise<void> {
  const { png, ...resultOptions } = options;
  if (png !== undefined && typeof png !== 'boolean') {
    throw new InputError('png must be true or false', { field: 'png', expected: 'a boolean', found: JSON.stringify(png) });
  }
  const bundle = mimeBundle(result, resultOptions);
  publishDisplayData(bundle);
  if (!png) return;
  const publish = displayTarget();
  return pngOutput(bundle[VEGALITE_V5_MIME] as VegaLiteSpec).then(({ data, metadata }) => {
    publish(data, metadata);
  });
}

/**
 * The chart as a base64 image/png output, with the metadata that shows it at the chart's size in
 * CSS pixels (nbformat's image width/height), not at its doubled pixel size.
 */
async function pngOutput(spec: VegaLiteSpec): Promise<{ data: MimeBundle; metadata: Record<string, unknown> }> {
  const png = Buffer.from(await toPNG(spec, { scale: SHOW_PNG_SCALE }));
  // IHDR is the first chunk (PNG spec 5.3): width and height are at bytes 16 and 20
  const size = { width: Math.round(png.readUInt32BE(16) / SHOW_PNG_SCALE), height: Math.round(png.readUInt32BE(20) / SHOW_PNG_SCALE) };
  const title = typeof spec.title === 'object' && spec.title !== null ? (spec.title as { text?: unknown }).text : spec.title;
  const text = `chart${typeof title === 'string' ? ` "${title}"` : ''} as PNG, ${size.width} × ${size.height} px at 2× density`;
  return { data: { 'image/png': png.toString('base64'), 'text/plain': text }, metadata: { 'image/png': size } };
}

/** Display any Vega-Lite spec (e.g. from arrheniusChart) with a text fallback. */
export function showChart(spec: VegaLiteSpec, text = 'Vega-Lite chart (open the notebook in JupyterLab to see it)'): void {
  publishDisplayData({ [VEGALITE_V5_MIME]: JSON.parse(JSON.stringify(spec)) as unknown, 'text/plain': text });
}
