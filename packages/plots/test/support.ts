/** Shared by the plots tests: seeded synthetic transients and the Vega-Lite v5 schema validator. */
import { fitTransient, gaussian, mulberry32 } from '@relaxlab/core';
import type { FitResult } from '@relaxlab/core';
import { toSVG } from '@relaxlab/plots';
import type { VegaLiteSpec } from '@relaxlab/plots';
import { vegaLiteSchemaErrors } from '../../../test/support/vegaLiteSchema';

/** Schema errors as text (empty when the spec is valid Vega-Lite v5). */
export const schemaErrors = vegaLiteSchemaErrors;

/** SVG of a spec, failing on any compiler or runtime warning (a warning means a dropped encoding, a bad scale, ...). */
export async function renderSVG(spec: VegaLiteSpec): Promise<string> {
  const warnings: string[] = [];
  const svg = await toSVG(spec, { onWarning: (m) => warnings.push(m) });
  if (warnings.length) throw new Error(`vega warnings:\n${warnings.join('\n')}`);
  return svg;
}

export function logSpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from * Math.pow(to / from, i / (count - 1)));
}

/** Saturation recovery M∞(1 − a·e^(−t/T1)) on 16 log-spaced delays with Gaussian noise of 1 %. */
export function syntheticRecovery(T1_s: number, seed: number, options: { sigma?: boolean; a?: number; amplitude?: number } = {}) {
  const rand = mulberry32(seed);
  const delay_s = logSpaced(T1_s / 100, T1_s * 20, 16);
  const amplitude = options.amplitude ?? 1;
  const a = options.a ?? 1;
  const noise = 0.01 * amplitude;
  const signal = delay_s.map((t) => amplitude * (1 - a * Math.exp(-t / T1_s)) + noise * gaussian(rand));
  return {
    experiment: 'T1-saturation' as const,
    delay_s,
    signal,
    ...(options.sigma ? { sigma: delay_s.map(() => noise) } : {}),
  };
}

export function syntheticFit(
  T1_s: number,
  seed: number,
  options: { sigma?: boolean; curvePoints?: number; amplitude?: number } = {},
): FitResult {
  const transient = syntheticRecovery(T1_s, seed, options);
  return fitTransient(transient, { model: 'saturation-recovery', curvePoints: options.curvePoints ?? 200, absoluteSigma: options.sigma });
}

/** A copy of a spec with its named datasets put back inline, so tests can read each layer's rows. */
export function inlineData<T>(spec: T): T {
  const datasets = (spec as { datasets?: Record<string, unknown[]> }).datasets ?? {};
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const name = k === 'data' && v && typeof v === 'object' ? (v as { name?: string }).name : undefined;
      out[k] = name !== undefined ? { values: datasets[name] } : k === 'datasets' ? v : walk(v);
    }
    return out;
  };
  return walk(spec) as T;
}

type Layered = {
  layer: Array<{ mark: { type: string }; data?: { values: Array<Record<string, unknown>> }; encoding: Record<string, any> }>;
};

/** Layers of a panel, found by mark type. */
export function layersOf(panel: unknown, mark: string): Layered['layer'] {
  return (panel as Layered).layer.filter((l) => l.mark.type === mark);
}
