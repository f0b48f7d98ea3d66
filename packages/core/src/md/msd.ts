/**
 * Mean squared displacements averaged over every time origin, by the FFT algorithm of
 * Calandrini, Pellegrini, Calligari, Hinsen & Kneller (nMoldyn 3, Collection SFN 12, 201 (2011),
 * eqs. 12–16; after Kneller, Keiner, Kneller & Schiller, Comput. Phys. Commun. 91, 191 (1995)):
 * for a series x_0 … x_{F−1} and lag m,
 *   MSD(m) = S1(m) − 2·S2(m),
 *   S2(m) = 1/(F−m) Σ_k x_k x_{k+m}                (autocorrelation: FFT of the zero-padded series),
 *   S1(m) = Q_m/(F−m),  Q_{−1} = 2 Σ_k x_k²,  Q_m = Q_{m−1} − x_{m−1}² − x_{F−m}²,
 * O(F log F) per series instead of O(F²). The averages over atoms are linear, so the power spectra
 * and the x_k² of all series are summed first and one inverse transform gives the mean; two real
 * series share one complex transform (z = x + iy: |X_k|² + |Y_k|² = (|Z_k|² + |Z_{N−k}|²)/2).
 *
 * fft.js (radix-4, the FFT io already uses) is the one dependency core takes beside ml-matrix: pure
 * JavaScript without Node or DOM API, so core still runs in the browser.
 */
import FFT = require('fft.js');
import type { Trajectory } from './types';

export interface MsdCurves {
  /** Lag times, ps (lag 0 … F−1 frames). */
  time_ps: number[];
  /** Tracer MSD ⟨|r_i(t0+t) − r_i(t0)|²⟩ over atoms i and origins t0, Å². */
  tracer_A2: number[];
  /** The tracer MSD per Cartesian direction x, y, z, Å² (present when asked for). */
  tracerPerDimension_A2?: [number[], number[], number[]];
  /**
   * Collective (charge-weighted centre-of-displacement) MSD ⟨|Σ_i z_i Δr_i(t)|²⟩ / Σ_i z_i², Å²:
   * equal to the tracer MSD for uncorrelated ions, so D_σ = slope/6 and H_R = D* / D_σ.
   */
  collective_A2: number[];
}

const ffts = new Map<number, FFT>();
function fftOfSize(size: number): FFT {
  let f = ffts.get(size);
  if (!f) {
    f = new FFT(size);
    ffts.set(size, f);
  }
  return f;
}

/**
 * Accumulates Σ over series of the origin-averaged MSD of 1-D series of length F. Feed series with
 * `add` (two at a time share a transform), read the summed MSD with `result`.
 */
export class MsdAccumulator {
  readonly frames: number;
  private readonly size: number;
  private readonly fft: FFT;
  private readonly power: Float64Array;
  private readonly squares: Float64Array;
  private readonly input: Float64Array;
  private readonly spectrum: Float64Array;
  private pending: Float64Array | null = null;

  constructor(frames: number) {
    this.frames = frames;
    let size = 4;
    while (size < 2 * frames) size *= 2;
    this.size = size;
    this.fft = fftOfSize(size);
    this.power = new Float64Array(size);
    this.squares = new Float64Array(frames);
    this.input = this.fft.createComplexArray() as unknown as Float64Array;
    this.spectrum = this.fft.createComplexArray() as unknown as Float64Array;
  }

  /** Adds one series (a copy is kept until its partner arrives). */
  add(series: ArrayLike<number>): void {
    const F = this.frames;
    for (let k = 0; k < F; k++) this.squares[k] += series[k] * series[k];
    if (this.pending === null) {
      this.pending = Float64Array.from(series);
      return;
    }
    this.transformPair(this.pending, series);
    this.pending = null;
  }

  private transformPair(x: ArrayLike<number>, y: ArrayLike<number> | null): void {
    const F = this.frames;
    const N = this.size;
    const z = this.input;
    z.fill(0);
    for (let k = 0; k < F; k++) {
      z[2 * k] = x[k];
      z[2 * k + 1] = y ? y[k] : 0;
    }
    this.fft.transform(this.spectrum, z);
    const s = this.spectrum;
    for (let k = 0; k < N; k++) {
      const j = (N - k) % N;
      const a = s[2 * k] * s[2 * k] + s[2 * k + 1] * s[2 * k + 1];
      const b = s[2 * j] * s[2 * j] + s[2 * j + 1] * s[2 * j + 1];
      // |X_k|² + |Y_k|² (y = 0 gives |X_k|², as |Z_{N−k}| = |Z_k| for a real z)
      this.power[k] += (a + b) / 2;
    }
  }

  /** Σ over the series added of MSD(m), m = 0 … F−1 (divide by their number for the mean). */
  result(): Float64Array {
    if (this.pending !== null) {
      this.transformPair(this.pending, null);
      this.pending = null;
    }
    const F = this.frames;
    const N = this.size;
    const spec = this.fft.createComplexArray() as unknown as Float64Array;
    for (let k = 0; k < N; k++) spec[2 * k] = this.power[k];
    const acf = this.fft.createComplexArray() as unknown as Float64Array;
    this.fft.inverseTransform(acf, spec); // fft.js divides by N
    const out = new Float64Array(F);
    let q = 0;
    for (let k = 0; k < F; k++) q += 2 * this.squares[k];
    for (let m = 0; m < F; m++) {
      if (m > 0) q -= this.squares[m - 1] + this.squares[F - m];
      out[m] = q / (F - m) - (2 * acf[2 * m]) / (F - m);
    }
    out[0] = 0;
    return out;
  }
}

/** Tracer and collective MSD of a collected trajectory (positions already unwrapped, drift removed). */
export function trajectoryMsd(trajectory: Trajectory, options: { perDimension?: boolean } = {}): MsdCurves {
  const F = trajectory.frames;
  const A = trajectory.atoms;
  const frames = trajectory.positions_A;
  const perDim = [0, 1, 2].map(() => new MsdAccumulator(F));
  const series = new Float64Array(F);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < A; i++) {
      for (let k = 0; k < F; k++) series[k] = frames[k][3 * i + c];
      perDim[c].add(series);
    }
  }
  const dims = perDim.map((acc) => Array.from(acc.result(), (v) => v / A));
  const tracer = dims[0].map((v, m) => v + dims[1][m] + dims[2][m]);

  const z = trajectory.charges.map((q) => (Number.isFinite(q) ? q : 1));
  const z2 = z.reduce((s, q) => s + q * q, 0);
  const collective = new MsdAccumulator(F);
  for (let c = 0; c < 3; c++) {
    for (let k = 0; k < F; k++) {
      let sum = 0;
      for (let i = 0; i < A; i++) sum += z[i] * frames[k][3 * i + c];
      series[k] = sum;
    }
    collective.add(series);
  }
  const coll = Array.from(collective.result(), (v) => v / z2);
  const dt_ps = trajectory.frameInterval_fs / 1000;
  return {
    time_ps: Array.from({ length: F }, (_, m) => m * dt_ps),
    tracer_A2: tracer,
    ...(options.perDimension ? { tracerPerDimension_A2: dims as [number[], number[], number[]] } : {}),
    collective_A2: coll,
  };
}
