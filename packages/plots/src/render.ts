/**
 * Rendering a spec to SVG in Node with vega's headless renderer, for reports and tests.
 * vega 5 and vega-lite 5 ship CommonJS builds (`main`: build/vega-node.js, build/vega-lite.js),
 * so they are loaded lazily here (a dynamic import, which TypeScript emits as require()): the
 * spec builders never load them. PNG export (png.ts) rasterises this SVG with resvg, so vega never
 * needs the native `canvas` package.
 */
import type { VegaLiteSpec } from './spec';

export interface ToSvgOptions {
  /**
   * Receives every warning of the Vega-Lite compiler and the vega runtime ("dropping encoding
   * ... because ...", invalid scale domain): they mean the chart is not what the spec says.
   * Default: vega's own logger (console.warn).
   */
  onWarning?: (message: string) => void;
}

/** A vega-util style logger that forwards warnings and errors as one line of text each. */
function forwardingLogger(onWarning: (message: string) => void) {
  let level = 2; // vega-util's Warn
  const text = (args: readonly unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger = {
    level(value?: number) {
      if (value === undefined) return level as never;
      level = value;
      return logger;
    },
    error: (...args: readonly unknown[]) => (onWarning(`error: ${text(args)}`), logger),
    warn: (...args: readonly unknown[]) => (onWarning(text(args)), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Compile a Vega-Lite spec and render it to an SVG document. Text such as titles becomes SVG text
 * nodes (escaped by vega), so user strings cannot inject markup.
 */
export async function toSVG(spec: VegaLiteSpec, options: ToSvgOptions = {}): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const logger = options.onWarning ? { logger: forwardingLogger(options.onWarning) as never } : {};
  // a JSON copy: vega tags every inline data row with a Symbol(vega_id) property, which must not
  // land in the caller's spec (a notebook's bundle, a chart rendered twice)
  const json = JSON.parse(JSON.stringify(spec)) as Parameters<typeof vegaLite.compile>[0];
  const compiled = vegaLite.compile(json, logger);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', ...logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
