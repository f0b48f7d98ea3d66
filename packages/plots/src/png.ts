/**
 * PNG export: the SVG of toSVG rasterised by resvg (@resvg/resvg-js, a Rust SVG renderer with a
 * prebuilt N-API binary per platform as an optional dependency; no compiler, no `canvas`).
 *
 * Why resvg-js and not @resvg/resvg-wasm (both 2.6.2, measured on the joint BPP chart, 1215×644
 * SVG px at scale 2, node 20 on a 2-core x64 machine): 96 ms best of 6 against 177 ms, and the
 * first wasm render took 1.1 s while V8 compiled the module; 4.3 MB installed (the one binary npm
 * picks for the platform) against 2.5 MB; and only the native build reads the system fonts
 * itself; the wasm one must be handed every font file as bytes.
 *
 * Loaded lazily, like vega in render.ts: the spec builders never load the binary.
 */
import { InputError } from '@relaxlab/core';
import { toSVG } from './render';
import type { ToSvgOptions } from './render';
import type { VegaLiteSpec } from './spec';

export interface ToPngOptions extends ToSvgOptions {
  /** PNG pixels per SVG pixel: 2 (the default) draws at double density, sharp on HiDPI screens and slides. */
  scale?: number;
  /**
   * Chart background, any CSS colour ('transparent' for none). Default: the spec's own, white for
   * every RelaxLab chart (PUBLICATION_CONFIG).
   */
  background?: string;
  /** Font files (.ttf, .otf, .ttc) to draw with besides the system fonts: a family the spec names (config.font) is drawn with them. */
  fontFiles?: string[];
  /**
   * Whether to use the fonts installed on the machine (default true). false with `fontFiles`
   * gives the same PNG on every machine.
   */
  systemFonts?: boolean;
}

const DEFAULT_PNG_SCALE = 2;
/** Largest PNG side in pixels: a typo such as scale 200 would otherwise allocate gigabytes. */
const MAX_PNG_SIDE_px = 16384;
/**
 * The family that vega's generic `sans-serif` (the end of PUBLICATION_CONFIG's font list) maps to:
 * DejaVu Sans is on every Debian and Ubuntu (fonts-dejavu-core, which fontconfig pulls in).
 * Where it is missing, resvg falls back to the first font it finds.
 */
const PNG_SANS_SERIF_FAMILY = 'DejaVu Sans';

type Resvg = typeof import('@resvg/resvg-js');
type RenderOptions = NonNullable<Parameters<Resvg['renderAsync']>[1]>;

/**
 * Compile a Vega-Lite spec like toSVG and rasterise it to a PNG (a Node Buffer). The image is
 * round(width × scale) × round(height × scale) pixels of the SVG's size. Text drawn without any
 * font would silently vanish (axis numbers, titles): when no font can draw the chart's text, that
 * is reported through `onWarning` and the PNG is still returned, as vega's own warnings are.
 */
export async function toPNG(spec: VegaLiteSpec, options: ToPngOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? DEFAULT_PNG_SCALE;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
    throw new InputError('bad PNG scale', {
      field: 'scale',
      expected: 'a finite number > 0 (PNG pixels per SVG pixel)',
      found: String(scale),
    });
  }
  const { background } = options;
  if (background !== undefined && (typeof background !== 'string' || background.trim() === '')) {
    throw new InputError('bad PNG background', {
      field: 'background',
      expected: "a CSS colour such as 'white', '#f8f8f8' or 'transparent'",
      found: JSON.stringify(background),
    });
  }
  const fontFiles = options.fontFiles ?? [];
  if (!Array.isArray(fontFiles) || fontFiles.some((f) => typeof f !== 'string' || f === '')) {
    throw new InputError('bad font file list', {
      field: 'fontFiles',
      expected: 'an array of paths to .ttf/.otf/.ttc files',
      found: JSON.stringify(fontFiles),
    });
  }
  // the top-level `background` wins over config.background in Vega-Lite, so vega paints it
  const svg = await toSVG(background === undefined ? spec : { ...spec, background }, { onWarning: options.onWarning });
  const [width, height] = svgSize(svg).map((px) => Math.round(px * scale));
  if (width > MAX_PNG_SIDE_px || height > MAX_PNG_SIDE_px) {
    throw new InputError('PNG too large', {
      field: 'scale',
      expected: `a scale that keeps each side ≤ ${MAX_PNG_SIDE_px} px`,
      found: `scale ${scale} gives ${width} × ${height} px`,
    });
  }

  const resvg: Resvg = await import('@resvg/resvg-js');
  const font = {
    loadSystemFonts: options.systemFonts ?? true,
    fontFiles,
    defaultFontFamily: PNG_SANS_SERIF_FAMILY,
    sansSerifFamily: PNG_SANS_SERIF_FAMILY,
  };
  // resvg logs through Rust to stderr; what matters (a missing font) is checked and reported below
  const common: RenderOptions = { font, logLevel: 'error' };
  for (const [k, file] of fontFiles.entries()) {
    if (!(await drawsText(resvg, 'sans-serif', { ...common, font: { ...font, loadSystemFonts: false, fontFiles: [file] } }))) {
      // resvg skips a file it cannot read without a word; the chart would then use another font
      throw new InputError('not a usable font file', {
        source: file,
        field: `fontFiles[${k}]`,
        expected: 'a readable TrueType/OpenType font (.ttf, .otf, .ttc)',
        found: 'nothing drawn with it',
      });
    }
  }
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  for (const family of new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]))) {
    if (!(await drawsText(resvg, family, common))) {
      warn(
        `no font draws text in font-family "${family}": the PNG has no titles, axis numbers or legend labels (install fonts-dejavu-core on Debian/Ubuntu, or pass fontFiles)`,
      );
    }
  }

  const image = await resvg.renderAsync(svg, { ...common, fitTo: { mode: 'zoom', value: scale } });
  return image.asPng();
}

/** The width and height attributes of vega's root <svg> element, in SVG px. */
function svgSize(svg: string): [number, number] {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attribute = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(root)?.[1]);
  const size: [number, number] = [attribute('width'), attribute('height')];
  if (!size.every((px) => px > 0))
    throw new Error(`vega's SVG has no positive width and height on its root element: ${root.slice(0, 200)}`);
  return size;
}

/** Whether text in `family` (an SVG attribute value, already escaped) comes out as pixels with these fonts. */
async function drawsText(resvg: Resvg, family: string, options: RenderOptions): Promise<boolean> {
  const probe = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="24"><text x="2" y="18" font-size="16" font-family="${family}">Hg 0.1</text></svg>`;
  const { pixels } = await resvg.renderAsync(probe, options);
  for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] !== 0) return true;
  return false;
}
