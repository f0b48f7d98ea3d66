/**
 * PNG export: a real PNG (signature, IHDR size = SVG size × scale), decoded here with zlib alone
 * (not by the renderer under test) to check that marks and text are drawn where vega put them,
 * that a machine without fonts is reported instead of giving a chart without numbers, and that
 * markup in a user's title is drawn as characters.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';
import { inflateSync } from 'zlib';
import { InputError } from '@relaxlab/core';
import { toPNG, toSVG, transientFitChart } from '@relaxlab/plots';
import { PUBLICATION_CONFIG } from '../src/spec';
import type { VegaLiteSpec } from '@relaxlab/plots';
import { syntheticFit } from './support';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Vega-Lite's default padding around the chart, in SVG px: the title starts there. */
const PADDING_px = 5;
const TITLE_FONT_px = (PUBLICATION_CONFIG.title as { fontSize: number }).fontSize;

interface Image {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, row after row. */
  rgba: Uint8Array;
}

/** The PNG chunks in file order (after the 8-byte signature): type and data. */
function chunks(png: Uint8Array): Array<{ type: string; data: Buffer }> {
  const buf = Buffer.from(png);
  const out: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    out.push({ type: buf.toString('latin1', at + 4, at + 8), data: buf.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

/**
 * Decode an 8-bit, non-interlaced RGB or RGBA PNG (PNG spec, ISO/IEC 15948: IHDR, IDAT
 * concatenated and zlib-inflated, one filter byte per scanline, filters 0–4 of section 9).
 */
function decodePNG(png: Uint8Array): Image {
  const all = chunks(png);
  const ihdr = all[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [bitDepth, colourType, , , interlace] = ihdr.subarray(8, 13);
  if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0)
    throw new Error(`PNG not decoded here: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  const channels = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  const paeth = (a: number, b: number, c: number) => {
    const p = a + b - c;
    const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  };
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    if (filter > 4) throw new Error(`unknown PNG filter ${filter} on row ${y}`);
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[row + x - channels] : 0;
      const b = y > 0 ? pixels[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[row - stride + x - channels] : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      pixels[row + x] = (line[x] + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2], 255], 4 * i);
  return { width, height, rgba };
}

/** The width and height attributes of the root <svg> element, in SVG px. */
function svgSize(svg: string): [number, number] {
  const root = /<svg\b[^>]*>/.exec(svg)![0];
  return [Number(/\swidth="([0-9.]+)"/.exec(root)![1]), Number(/\sheight="([0-9.]+)"/.exec(root)![1])];
}

/** Bounding box (in PNG pixels) and count of the pixels that differ between two images of one size. */
function difference(a: Image, b: Image) {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let count = 0;
  let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
  for (let i = 0; i < a.width * a.height; i++) {
    const j = 4 * i;
    if (a.rgba[j] === b.rgba[j] && a.rgba[j + 1] === b.rgba[j + 1] && a.rgba[j + 2] === b.rgba[j + 2] && a.rgba[j + 3] === b.rgba[j + 3])
      continue;
    const x = i % a.width;
    const y = (i - x) / a.width;
    count++;
    if (x < left) left = x;
    if (x > right) right = x;
    if (y < top) top = y;
    bottom = y;
  }
  return { count, left, top, right, bottom };
}

const pixel = (image: Image, x: number, y: number) =>
  Array.from(image.rgba.subarray(4 * (y * image.width + x), 4 * (y * image.width + x) + 4));

/** The same chart with its title painted in the background colour: identical layout, no title pixels. */
function withHiddenTitle(spec: VegaLiteSpec): VegaLiteSpec {
  return { ...spec, title: { ...(spec.title as object), color: 'white' } };
}

const fit = syntheticFit(2.5e-3, 11);
const chart = (title: string) => transientFitChart(fit, { title });

describe('toPNG: a transient fit chart as a PNG', () => {
  const spec = chart('LLZO 7Li 300 K');
  let svg: string;
  let png: Uint8Array;
  const warnings: string[] = [];
  beforeAll(async () => {
    svg = await toSVG(spec);
    png = await toPNG(spec, { onWarning: (m) => warnings.push(m) });
  });

  test('is a PNG (signature, IHDR first, IEND last) with no warning', () => {
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    const types = chunks(png).map((c) => c.type);
    expect(types[0]).toBe('IHDR');
    expect(types[types.length - 1]).toBe('IEND');
    expect(types).toContain('IDAT');
    expect(warnings).toEqual([]);
  });

  test('is the SVG size × 2 by default, and × scale (rounded) for other scales', async () => {
    const [width, height] = svgSize(svg);
    const ihdr = (p: Uint8Array) => [chunks(p)[0].data.readUInt32BE(0), chunks(p)[0].data.readUInt32BE(4)];
    expect(ihdr(png)).toEqual([2 * width, 2 * height]);
    expect(ihdr(await toPNG(spec, { scale: 1 }))).toEqual([width, height]);
    expect(ihdr(await toPNG(spec, { scale: 1.5 }))).toEqual([Math.round(1.5 * width), Math.round(1.5 * height)]);
  });

  test('is not blank: a white background (the corner) with dark marks, lines and text on it', () => {
    const image = decodePNG(png);
    expect(pixel(image, 0, 0)).toEqual([255, 255, 255, 255]);
    let dark = 0;
    for (let i = 0; i < image.width * image.height; i++)
      if (image.rgba[4 * i] + image.rgba[4 * i + 1] + image.rgba[4 * i + 2] < 384) dark++;
    const fraction = dark / (image.width * image.height);
    // frames, ticks, 16 points with residuals, the curve and the text: a few per cent of the area
    expect(fraction).toBeGreaterThan(0.005);
    expect(fraction).toBeLessThan(0.3);
  });

  test('draws the title text, and only in the title band at the top left (the padding, one line of 13 px)', async () => {
    const scale = 2;
    const titled = decodePNG(png);
    const hidden = decodePNG(await toPNG(withHiddenTitle(spec)));
    const d = difference(titled, hidden);
    // "LLZO 7Li 300 K" at 13 px: dozens of glyph pixels per character at 2× density
    expect(d.count).toBeGreaterThan(14 * 20);
    expect(d.top).toBeGreaterThanOrEqual((PADDING_px - 1) * scale);
    expect(d.bottom).toBeLessThanOrEqual((PADDING_px + 1.5 * TITLE_FONT_px) * scale);
    expect(d.left).toBeGreaterThanOrEqual((PADDING_px - 1) * scale);
    expect(d.left).toBeLessThanOrEqual((PADDING_px + TITLE_FONT_px) * scale);
  });

  test('leaves the spec as given (vega tags inline rows with a Symbol(vega_id) of its own)', async () => {
    const given = chart('LLZO 7Li 300 K');
    const copy = JSON.parse(JSON.stringify(given));
    await toPNG(given, { scale: 1 });
    await toSVG(given);
    expect(given).toEqual(copy);
  });

  test('background: a colour fills the corner; transparent leaves it transparent', async () => {
    expect(pixel(decodePNG(await toPNG(spec, { background: '#ff0000', scale: 1 })), 0, 0)).toEqual([255, 0, 0, 255]);
    expect(pixel(decodePNG(await toPNG(spec, { background: 'transparent', scale: 1 })), 0, 0)[3]).toBe(0);
  });
});

describe('toPNG without fonts: text would vanish, so it says so', () => {
  test('with no font at all, onWarning names the font family, and indeed no title is drawn', async () => {
    const spec = chart('LLZO 7Li 300 K');
    const warnings: string[] = [];
    const png = await toPNG(spec, { systemFonts: false, scale: 1, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no font draws text in font-family "Helvetica, Arial, sans-serif"');
    expect(warnings[0]).toContain('fonts-dejavu-core');
    const hidden = await toPNG(withHiddenTitle(spec), { systemFonts: false, scale: 1, onWarning: () => undefined });
    expect(difference(decodePNG(png), decodePNG(hidden)).count).toBe(0);
  });

  test('a font file alone is enough: DejaVu Sans by path, system fonts off, no warning', async () => {
    const warnings: string[] = [];
    await toPNG(chart('x'), {
      systemFonts: false,
      fontFiles: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
      scale: 1,
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([]);
  });
});

describe('toPNG: user text and bad options', () => {
  test('markup in a title is drawn as its characters: wider than the one letter it wraps, no warning', async () => {
    const warnings: string[] = [];
    const onWarning = (m: string) => warnings.push(m);
    const titleWidth = async (title: string) => {
      const spec = chart(title);
      const d = difference(
        decodePNG(await toPNG(spec, { scale: 1, onWarning })),
        decodePNG(await toPNG(withHiddenTitle(spec), { scale: 1, onWarning })),
      );
      return d.right - d.left + 1;
    };
    const plain = await titleWidth('x');
    const markup = await titleWidth('<b>x</b></text><script>alert(1)</script>&amp;');
    expect(plain).toBeGreaterThan(3);
    // 45 characters against 1: the tags were not parsed away
    expect(markup).toBeGreaterThan(20 * plain);
    expect(warnings).toEqual([]);
  });

  test.each([[0], [-2], [Number.NaN], [Number.POSITIVE_INFINITY]])('scale %p is an InputError on field scale', async (scale) => {
    await expect(toPNG(chart('x'), { scale })).rejects.toMatchObject({ name: 'InputError', field: 'scale' });
  });

  test('a scale past 16384 px a side is an InputError that gives the size it would make', async () => {
    const e = await toPNG(chart('x'), { scale: 100 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/scale 100 gives \d+ × \d+ px/);
  });

  test('a font file that is missing is an InputError naming the file (resvg would skip it without a word)', async () => {
    const e = await toPNG(chart('x'), { fontFiles: ['/no/such/font.ttf'] }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ field: 'fontFiles[0]', source: '/no/such/font.ttf' });
  });

  test('an empty background is an InputError', async () => {
    await expect(toPNG(chart('x'), { background: ' ' })).rejects.toMatchObject({ name: 'InputError', field: 'background' });
  });
});

test('the spec builders do not load the renderer: only toPNG does (built package, fresh node process)', () => {
  const dist = join(__dirname, '..', 'dist', 'index.js');
  const script = `
    const plots = require(${JSON.stringify(dist)});
    const loaded = () => Object.keys(require.cache).some((p) => p.includes('@resvg'));
    const spec = plots.arrheniusChart({ points: [{ temperature_K: 300, value: 1, label: 'a' }, { temperature_K: 400, value: 10, label: 'a' }] });
    const before = loaded();
    plots.toPNG(spec).then((png) => console.log(JSON.stringify({ before, after: loaded(), bytes: png.length })));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  expect(out.before).toBe(false);
  expect(out.after).toBe(true);
  expect(out.bytes).toBeGreaterThan(1000);
});
