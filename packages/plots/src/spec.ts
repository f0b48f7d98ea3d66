/**
 * The shape of what the builders return, and the publication look shared by every chart.
 *
 * Specs are plain JSON typed loosely on purpose: importing vega-lite's own TypeScript types would
 * make the builders depend on vega-lite and put its declarations (written for a newer TypeScript)
 * into ours, which tslab's TypeScript 5.0 must read. Correctness is checked instead by validating
 * every builder's output against the Vega-Lite v5 JSON schema in the tests.
 */

/** The Vega-Lite version the specs target: JupyterLab 4 renders `application/vnd.vegalite.v5+json`. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** A JSON object (a spec or part of one). */
export type JsonObject = { [key: string]: unknown };

/** A complete Vega-Lite v5 spec as the builders return it. */
export interface VegaLiteSpec extends JsonObject {
  $schema: string;
}

/** Options every builder accepts. */
export interface ChartOptions {
  /** Chart title (e.g. the sample name); shown as text, never interpreted as markup. */
  title?: string;
  /** Width of one panel in pixels. Default 420. */
  width?: number;
  /** Height of the main panel in pixels. Default 280. */
  height?: number;
}

export const DEFAULT_WIDTH = 420;
export const DEFAULT_HEIGHT = 280;

/**
 * A sober, print-like look: a frame and ticks but no background grid, a neutral font, legends
 * without a box. Colours are the Tableau 10 categorical set Vega-Lite uses by default.
 */
export const PUBLICATION_CONFIG: JsonObject = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: '#444', strokeWidth: 1 },
  axis: {
    grid: false,
    domain: false,
    ticks: true,
    tickColor: '#444',
    tickSize: 5,
    labelColor: '#222',
    labelFontSize: 11,
    titleColor: '#222',
    titleFontSize: 12,
    titleFontWeight: 'normal',
  },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', symbolStrokeWidth: 1.5 },
  title: { fontSize: 13, fontWeight: 'normal', anchor: 'start', subtitleFontSize: 11, subtitleColor: '#444' },
  point: { size: 36 },
  line: { strokeWidth: 1.5 },
};

/**
 * Wrap a composed (inner) spec as a top-level one: schema, look, title. Inline data arrays that
 * several layers share (the curve under its band, the points above their residuals) are stored
 * once, as top-level named datasets: a notebook keeps every output, so size matters.
 */
export function topLevel(inner: JsonObject, options: { title?: string; subtitle?: string[] } = {}): VegaLiteSpec {
  const spec: VegaLiteSpec = { $schema: VEGA_LITE_SCHEMA };
  const title = titleOf(options.title, options.subtitle);
  if (title) spec.title = title;
  const datasets = new Map<unknown[], string>();
  Object.assign(spec, hoistData(inner, datasets));
  if (datasets.size) spec.datasets = Object.fromEntries([...datasets].map(([values, name]) => [name, values]));
  spec.config = PUBLICATION_CONFIG;
  return spec;
}

/** A copy of `node` with every `data: { values: array }` replaced by `data: { name }`, one name per array. */
function hoistData(node: JsonObject, datasets: Map<unknown[], string>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const values = key === 'data' && value && typeof value === 'object' ? (value as JsonObject).values : undefined;
    if (Array.isArray(values) && Object.keys(value as JsonObject).length === 1) {
      if (!datasets.has(values)) datasets.set(values, `rows_${datasets.size}`);
      out.data = { name: datasets.get(values) };
    } else if (Array.isArray(value)) {
      out[key] = (value as unknown[]).map((v) => (isPlainObject(v) ? hoistData(v, datasets) : v));
    } else {
      out[key] = isPlainObject(value) ? hoistData(value, datasets) : value;
    }
  }
  return out;
}

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function titleOf(text: string | undefined, subtitle: string[] | undefined): JsonObject | undefined {
  const lines = subtitle ?? [];
  // vega draws no subtitle under an empty title: without a title the subtitle lines become it
  if (text === undefined || text === '') return lines.length ? { text: lines.length === 1 ? lines[0] : lines } : undefined;
  return lines.length ? { text, subtitle: lines } : { text };
}
