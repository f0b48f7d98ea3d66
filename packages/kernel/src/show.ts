/** Results that display themselves in a notebook. */
import type { VegaLiteSpec } from '@relaxlab/plots';
import { publishDisplayData } from './display';
import { Displayable, mimeBundle, ShowOptions, VEGALITE_V5_MIME } from './mime';

/**
 * Display a result as ONE output carrying the RelaxLab payload, the Vega-Lite chart, the HTML
 * parameter table and the text report: each front end shows the richest type it knows.
 * Outside a notebook the text report is printed.
 */
export function show(result: Displayable, options: ShowOptions = {}): void {
  publishDisplayData(mimeBundle(result, options));
}

/** Display any Vega-Lite spec (e.g. from arrheniusChart) with a text fallback. */
export function showChart(spec: VegaLiteSpec, text = 'Vega-Lite chart (open the notebook in JupyterLab to see it)'): void {
  publishDisplayData({ [VEGALITE_V5_MIME]: JSON.parse(JSON.stringify(spec)), 'text/plain': text });
}
