/**
 * The named transient models: which VectorModel, which parameters are fixed by default, the
 * bounds, and how start values are found from the data (startValues.ts).
 */
import type { ParamInput, VectorModel } from '../fit/types';
import { decayModel, logDelays, recoveryModel, twoComponentDecayModel, twoComponentRecoveryModel } from './models';
import { bestTimeConstant, kohlrauschLinearization, linearAmplitudes, relaxationGrid, timeConstantGrid } from './startValues';

export const TRANSIENT_MODEL_NAMES = [
  'saturation-recovery',
  'inversion-recovery',
  'inversion-recovery-magnitude',
  'spin-lock',
  't2-decay',
  'saturation-recovery-2',
  'inversion-recovery-2',
  'spin-lock-2',
  't2-decay-2',
] as const;
export type TransientModelName = (typeof TRANSIENT_MODEL_NAMES)[number];

/** The transient experiments: saturation or inversion recovery (T1), spin-lock (T1ρ), spin-echo decay (T2). */
export const TRANSIENT_EXPERIMENTS = ['T1-saturation', 'T1-inversion', 'T1rho-spinlock', 'T2'] as const;
export type TransientExperiment = (typeof TRANSIENT_EXPERIMENTS)[number];

/** The model a transient of each experiment gets unless the user names another. */
export const DEFAULT_MODEL: Record<TransientExperiment, TransientModelName> = {
  'T1-saturation': 'saturation-recovery',
  'T1-inversion': 'inversion-recovery',
  'T1rho-spinlock': 'spin-lock',
  T2: 't2-decay',
};

export interface TransientModelEntry {
  readonly model: VectorModel;
  readonly description: string;
  /** Parameters that vary by default; the others are fixed at `fixedDefaults`. */
  readonly varyByDefault: readonly string[];
  readonly fixedDefaults: Readonly<Record<string, number>>;
  /** Start values and bounds for delays t and signal y (weights w = 1/σ when known). */
  startParams(
    t: Float64Array,
    y: Float64Array,
    w: Float64Array | undefined,
    fixed: Readonly<Record<string, number>>,
  ): Record<string, ParamInput>;
}

/** Time constants are kept within 1e-3·min(t) … 1e3·max(t): beyond that the data hold no information. */
function timeBounds(t: Float64Array): { min: number; max: number } {
  let lo = Infinity;
  let hi = 0;
  for (const v of t) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { min: lo * 1e-3, max: hi * 1e3 };
}

/**
 * Work arrays for start values, kept per model and reused while the number of delays is the same:
 * a batch of transients then allocates nothing here (allocation was a third of the start cost).
 */
function workArrays(count: number): (n: number) => Float64Array[] {
  let arrays: Float64Array[] = [];
  return (n) => {
    if (arrays.length === 0 || arrays[0].length !== n) arrays = Array.from({ length: count }, () => new Float64Array(n));
    return arrays;
  };
}

function recoveryEntry(kind: 'saturation' | 'inversion' | 'inversion-magnitude'): TransientModelEntry {
  const model = recoveryModel(kind);
  const aDefault = kind === 'saturation' ? 1 : 2;
  const work = workArrays(5);
  const coef = new Float64Array(3);
  return {
    model,
    description:
      kind === 'saturation'
        ? 'saturation recovery M∞[1 − a·exp(−(t/T1)^γ)]; a = 1 and γ = 1 fixed unless freed'
        : `inversion recovery M∞[1 − a·exp(−(t/T1)^γ)]${kind === 'inversion-magnitude' ? ' in magnitude mode' : ''}; a = 2 and γ = 1 fixed unless freed`,
    varyByDefault: ['M_inf', 'T1'],
    fixedDefaults: { a: aDefault, gamma: 1 },
    startParams(t, y, w, fixed) {
      const a0 = fixed.a ?? aDefault;
      const g0 = fixed.gamma ?? 1;
      const n = t.length;
      const [one, e, ys, Et, recovered] = work(n);
      one.fill(1);
      ys.set(y);
      // e, ys and coef hold the last evaluation; (lastT, lastG) says which, so asking again for
      // the point evaluated last costs nothing
      let lastT = NaN;
      let lastG = NaN;
      let lastRss = NaN;
      // one amplitude: M = Σw²ey/Σw²e², rss = Σw²y² − M·Σw²ey, in one pass without allocation;
      // magnitude data get their sign back before the null point 1 − a·E < 0
      const rssOfE = (E: Float64Array, offset: number): number => {
        lastT = NaN;
        let see = 0;
        let sey = 0;
        let syy = 0;
        for (let i = 0; i < n; i++) {
          const ei = 1 - a0 * E[offset + i];
          e[i] = ei;
          let yi = y[i];
          if (kind === 'inversion-magnitude') yi = ei < 0 ? -Math.abs(yi) : Math.abs(yi);
          ys[i] = yi;
          const w2 = w ? w[i] * w[i] : 1;
          see += w2 * ei * ei;
          sey += w2 * ei * yi;
          syy += w2 * yi * yi;
        }
        if (!(see > 0)) return Infinity;
        coef[0] = sey / see;
        return syy - coef[0] * sey;
      };
      const lnt = logDelays(t);
      const rssAt = (T: number, g: number): number => {
        if (T === lastT && g === lastG) return lastRss;
        const lnT = Math.log(T);
        for (let i = 0; i < n; i++) Et[i] = Math.exp(-Math.exp(g * (lnt[i] - lnT)));
        lastRss = rssOfE(Et, 0);
        lastT = T;
        lastG = g;
        return lastRss;
      };
      const { grid, E: gridE } = relaxationGrid(t, g0, 9);
      let T1 = bestTimeConstant(
        grid,
        (T) => rssAt(T, g0),
        (k) => rssOfE(gridE, k * n),
      );
      let g = g0;
      let best = rssAt(T1, g0);
      // a free stretch exponent starts from the Kohlrausch line through the recovered fraction
      // when that explains the data better than γ = 1: it saves LM the walk in γ
      // (twice: the second line uses the amplitude of the first, which is the better one)
      if (fixed.gamma === undefined && kind !== 'inversion-magnitude') {
        for (let pass = 0; pass < 2; pass++) {
          const M0 = coef[0];
          for (let i = 0; i < n; i++) recovered[i] = (1 - y[i] / M0) / a0;
          const line = kohlrauschLinearization(t, recovered, w, lnt);
          const rssLine = line ? rssAt(line.T, line.gamma) : Infinity;
          if (!(rssLine < best)) break;
          T1 = line!.T;
          g = line!.gamma;
          best = rssLine;
        }
        rssAt(T1, g);
      }
      // with a free, y = A + B·E is linear too: M∞ = A, a = −B/A
      let a = a0;
      let M = coef[0];
      if (fixed.a === undefined) {
        e.set(Et); // the last evaluation was at (T1, γ): Et holds exp(−(t/T1)^γ) already
        if (Number.isFinite(linearAmplitudes([one, e], 2, ys, w, coef)) && coef[0] !== 0) {
          const aFit = -coef[1] / coef[0];
          if (aFit > 0.05 && aFit < 2.95) {
            a = aFit;
            M = coef[0];
          }
        }
      }
      if (!Number.isFinite(M) || M === 0) M = y[n - 1] || 1;
      return {
        M_inf: { value: M },
        T1: { value: T1, ...timeBounds(t) },
        a: { value: a, min: 0, max: 3 },
        gamma: { value: g, min: 0.05, max: 2 },
      };
    },
  };
}

function decayEntry(kind: 'spin-lock' | 't2'): TransientModelEntry {
  const model = decayModel(kind);
  const T = kind === 'spin-lock' ? 'T1rho' : 'T2';
  return {
    model,
    description: `${kind === 'spin-lock' ? 'spin-lock decay' : 'T2 decay'} M0·exp(−(t/${T})^κ) + c; κ = 1 and c = 0 fixed unless freed`,
    varyByDefault: ['M0', T],
    fixedDefaults: { kappa: 1, c: 0 },
    startParams(t, y, w, fixed) {
      const k0 = fixed.kappa ?? 1;
      const withOffset = fixed.c === undefined;
      const n = t.length;
      const e = new Float64Array(n);
      const one = new Float64Array(n).fill(1);
      const ys = new Float64Array(y);
      const c0 = fixed.c ?? 0;
      if (!withOffset) for (let i = 0; i < n; i++) ys[i] = y[i] - c0;
      const coef = new Float64Array(3);
      const amplitudes = (): number => (withOffset ? linearAmplitudes([e, one], 2, ys, w, coef) : linearAmplitudes([e], 1, ys, w, coef));
      const rss = (tau: number): number => {
        for (let i = 0; i < n; i++) e[i] = Math.exp(-Math.pow(t[i] / tau, k0));
        return amplitudes();
      };
      const { grid, E: gridE } = relaxationGrid(t, k0, 9);
      const tau = bestTimeConstant(grid, rss, (k) => {
        e.set(gridE.subarray(k * n, (k + 1) * n));
        return amplitudes();
      });
      rss(tau);
      const M0 = Number.isFinite(coef[0]) && coef[0] !== 0 ? coef[0] : y[0] || 1;
      return {
        M0: { value: M0 },
        [T]: { value: tau, ...timeBounds(t) },
        kappa: { value: k0, min: 0.05, max: 3 },
        c: { value: withOffset && Number.isFinite(coef[1]) ? coef[1] : c0 },
      };
    },
  };
}

/** Best pair of grid time constants (Ta < Tb) for a two-component model with linear amplitudes. */
function twoComponentStart(
  t: Float64Array,
  y: Float64Array,
  w: Float64Array | undefined,
  column: (T: number, out: Float64Array) => void,
  extra: Float64Array | undefined,
): { Ta: number; Tb: number; coef: Float64Array } {
  const grid = timeConstantGrid(t, 13);
  const n = t.length;
  const cols = Array.from(grid, (T) => {
    const c = new Float64Array(n);
    column(T, c);
    return c;
  });
  const coef = new Float64Array(3);
  let best = { rss: Infinity, a: 0, b: 1 };
  for (let a = 0; a < grid.length; a++) {
    for (let b = a + 2; b < grid.length; b++) {
      const basis = extra ? [cols[a], cols[b], extra] : [cols[a], cols[b]];
      const rss = linearAmplitudes(basis, basis.length, y, w, coef);
      if (rss < best.rss) best = { rss, a, b };
    }
  }
  const basis = extra ? [cols[best.a], cols[best.b], extra] : [cols[best.a], cols[best.b]];
  linearAmplitudes(basis, basis.length, y, w, coef);
  return { Ta: grid[best.a], Tb: grid[best.b], coef };
}

function twoComponentRecoveryEntry(kind: 'saturation' | 'inversion'): TransientModelEntry {
  const aDefault = kind === 'saturation' ? 1 : 2;
  return {
    model: twoComponentRecoveryModel(kind),
    description: `two-component ${kind} recovery Ma[1 − a·exp(−t/T1a)] + Mb[1 − a·exp(−t/T1b)]; a = ${aDefault} fixed unless freed`,
    varyByDefault: ['M_a', 'T1_a', 'M_b', 'T1_b'],
    fixedDefaults: { a: aDefault },
    startParams(t, y, w, fixed) {
      const a0 = fixed.a ?? aDefault;
      const s = twoComponentStart(t, y, w, (T, c) => c.forEach((_, i) => (c[i] = 1 - a0 * Math.exp(-t[i] / T))), undefined);
      const bounds = timeBounds(t);
      return {
        M_a: { value: Number.isFinite(s.coef[0]) ? s.coef[0] : y[y.length - 1] / 2 },
        T1_a: { value: s.Ta, ...bounds },
        M_b: { value: Number.isFinite(s.coef[1]) ? s.coef[1] : y[y.length - 1] / 2 },
        T1_b: { value: s.Tb, ...bounds },
        a: { value: a0, min: 0, max: 3 },
      };
    },
  };
}

function twoComponentDecayEntry(kind: 'spin-lock' | 't2'): TransientModelEntry {
  const T = kind === 'spin-lock' ? 'T1rho' : 'T2';
  return {
    model: twoComponentDecayModel(kind),
    description: `two-component decay Ma·exp(−t/${T}_a) + Mb·exp(−t/${T}_b) + c; c = 0 fixed unless freed`,
    varyByDefault: ['M_a', `${T}_a`, 'M_b', `${T}_b`],
    fixedDefaults: { c: 0 },
    startParams(t, y, w, fixed) {
      const withOffset = fixed.c === undefined;
      const c0 = fixed.c ?? 0;
      const ys = withOffset ? y : y.map((v) => v - c0);
      const one = new Float64Array(t.length).fill(1);
      const s = twoComponentStart(t, ys, w, (tau, c) => c.forEach((_, i) => (c[i] = Math.exp(-t[i] / tau))), withOffset ? one : undefined);
      const bounds = timeBounds(t);
      return {
        M_a: { value: Number.isFinite(s.coef[0]) ? s.coef[0] : y[0] / 2 },
        [`${T}_a`]: { value: s.Ta, ...bounds },
        M_b: { value: Number.isFinite(s.coef[1]) ? s.coef[1] : y[0] / 2 },
        [`${T}_b`]: { value: s.Tb, ...bounds },
        c: { value: withOffset && Number.isFinite(s.coef[2]) ? s.coef[2] : c0 },
      };
    },
  };
}

export const TRANSIENT_MODELS: Readonly<Record<TransientModelName, TransientModelEntry>> = {
  'saturation-recovery': recoveryEntry('saturation'),
  'inversion-recovery': recoveryEntry('inversion'),
  'inversion-recovery-magnitude': recoveryEntry('inversion-magnitude'),
  'spin-lock': decayEntry('spin-lock'),
  't2-decay': decayEntry('t2'),
  'saturation-recovery-2': twoComponentRecoveryEntry('saturation'),
  'inversion-recovery-2': twoComponentRecoveryEntry('inversion'),
  'spin-lock-2': twoComponentDecayEntry('spin-lock'),
  't2-decay-2': twoComponentDecayEntry('t2'),
};
