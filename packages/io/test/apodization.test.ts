/**
 * TopSpin's window functions (procs WDW): each window's value at t = 0, AQ/2 and AQ against its
 * closed form, the line widths they give a synthetic Lorentzian FID (EM adds LB; GM with LB = −W
 * turns the line into a Gaussian of the width the Gaussian term predicts), the DFT sum rule
 * Σ S_k = SI·w(0)·fid(0) for where t = 0 lies, and procs → window → spectrum through
 * readBrukerRelaxation with data: 'topspin'.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { InputError } from '@relaxlab/core';
import { ApodizationWindow, readBrukerRelaxation } from '@relaxlab/io';
import { checkApodizationWindow, windowWeight } from '../src/processing/apodization';
import { Complex, fidToSpectrum } from '../src/processing/fidToSpectrum';
import { parameterFile, writeSyntheticExperiment } from './brukerSynthetic';
import { expectInputError, tempDir, treeHash } from './support';

describe('window values at t = 0, AQ/2 and AQ (AQ = 0.2 s)', () => {
  const AQ = 0.2;
  const at = (w: ApodizationWindow) => [0, AQ / 2, AQ].map((t) => windowWeight(w, t, AQ));
  const close = (got: number[], want: number[]) => got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));

  test('none: 1 everywhere', () => close(at({ kind: 'none' }), [1, 1, 1]));

  test('EM, LB = 10 Hz: exp(−π·LB·t) = 1, e^(−π), e^(−2π)', () => {
    close(at({ kind: 'em', lineBroadening_Hz: 10 }), [1, Math.exp(-Math.PI), Math.exp(-2 * Math.PI)]);
  });

  test('GM, LB = −20 Hz, GB = 0.25: exp(20π·t − 200π·t²) = 1, 1, e^(−4π); maximum e^(π/2) at GB·AQ = 50 ms', () => {
    const gm: ApodizationWindow = { kind: 'gm', lineBroadening_Hz: -20, gaussMaximum_fractionOfAq: 0.25 };
    close(at(gm), [1, 1, Math.exp(-4 * Math.PI)]);
    expect(windowWeight(gm, 0.25 * AQ, AQ)).toBeCloseTo(Math.exp(Math.PI / 2), 12);
    for (const dt of [1e-3, -1e-3]) expect(windowWeight(gm, 0.25 * AQ + dt, AQ)).toBeLessThan(windowWeight(gm, 0.25 * AQ, AQ));
  });

  test('SINE, SSB = 0 or 1: a pure sine, 0, 1, 0', () => {
    close(at({ kind: 'sine', sineBellShift: 0 }), [0, 1, 0]);
    close(at({ kind: 'sine', sineBellShift: 1 }), [0, 1, 0]);
  });

  test('SINE, SSB = 2: a cosine bell, 1 at t = 0, cos(π/4) at AQ/2, 0 at AQ', () => {
    close(at({ kind: 'sine', sineBellShift: 2 }), [1, Math.SQRT1_2, 0]);
  });

  test('SINE, SSB = 4: sin(3π/4·t/AQ + π/4) = sin(π/4), sin(5π/8), 0', () => {
    close(at({ kind: 'sine', sineBellShift: 4 }), [Math.SQRT1_2, Math.sin((5 * Math.PI) / 8), 0]);
  });

  test('QSINE: the square of SINE; SSB = 2 gives 1, 1/2, 0 and SSB = 3 starts at sin²(π/3) = 3/4', () => {
    close(at({ kind: 'qsine', sineBellShift: 2 }), [1, 0.5, 0]);
    expect(windowWeight({ kind: 'qsine', sineBellShift: 3 }, 0, AQ)).toBeCloseTo(0.75, 12);
  });

  test('TRAP, TM1 = 0.25, TM2 = 0.75: 0, 1, 0, and 1/2 halfway up and down each edge', () => {
    const trap: ApodizationWindow = { kind: 'trap', riseEnd_fractionOfAq: 0.25, fallStart_fractionOfAq: 0.75 };
    close(at(trap), [0, 1, 0]);
    expect(windowWeight(trap, 0.125 * AQ, AQ)).toBeCloseTo(0.5, 12);
    expect(windowWeight(trap, 0.875 * AQ, AQ)).toBeCloseTo(0.5, 12);
  });

  test('parameters outside the formulas: typed errors naming the parameter', () => {
    const cases: Array<[ApodizationWindow, string]> = [
      [{ kind: 'gm', lineBroadening_Hz: 5, gaussMaximum_fractionOfAq: 0.2 }, 'window.lineBroadening_Hz'],
      [{ kind: 'gm', lineBroadening_Hz: -5, gaussMaximum_fractionOfAq: 0 }, 'window.gaussMaximum_fractionOfAq'],
      [{ kind: 'trap', riseEnd_fractionOfAq: 0.6, fallStart_fractionOfAq: 0.4 }, 'window.fallStart_fractionOfAq'],
      [{ kind: 'em', lineBroadening_Hz: Number.NaN }, 'window.lineBroadening_Hz'],
      [{ kind: 'hamming' } as unknown as ApodizationWindow, 'window.kind'],
    ];
    for (const [window, field] of cases)
      expect(expectInputError(() => checkApodizationWindow(window, 'processing'), 'processing').field).toBe(field);
  });
});

describe('a synthetic Lorentzian FID (FWHM 20 Hz, 300 Hz off resonance) through fidToSpectrum', () => {
  const SW_Hz = 2000;
  const dwell_s = 1 / SW_Hz;
  const N = 4096; // AQ = N·dwell = 2.048 s
  const AQ_s = N * dwell_s;
  const W_Hz = 20;
  const SI = 16384;
  const step_Hz = SW_Hz / SI;
  /**
   * The FID from point `start` on. With `halfFirstPoint` its first point is halved, so that the DFT
   * is the trapezoidal rule for the continuous Fourier integral; a full first point adds a constant
   * fid(0)/2 to the spectrum, 1.6 % of this line's height, which would widen it by as much.
   */
  const lorentzian = (start: number, halfFirstPoint: boolean): Complex => {
    const re = new Float64Array(N);
    const im = new Float64Array(N);
    for (let j = start; j < N; j++) {
      const t = (j - start) * dwell_s;
      const a = Math.exp(-Math.PI * W_Hz * t) * (halfFirstPoint && j === start ? 0.5 : 1);
      re[j] = a * Math.cos(2 * Math.PI * 300 * t);
      im[j] = a * Math.sin(2 * Math.PI * 300 * t);
    }
    return { re, im };
  };
  const spectrum = (window: ApodizationWindow, fid = lorentzian(0, true), groupDelay_points = 0) =>
    fidToSpectrum(fid, { size: SI, groupDelay_points, dwell_s, window, dcOffset: false }).re;

  /** Full width at half height in Hz, the half-height crossings interpolated linearly. */
  function fwhm_Hz(s: Float64Array): { width_Hz: number; peak: number; at: (offset_Hz: number) => number } {
    let k0 = 0;
    for (let k = 1; k < s.length; k++) if (s[k] > s[k0]) k0 = k;
    const half = s[k0] / 2;
    let l = k0;
    while (s[l] > half) l--;
    let r = k0;
    while (s[r] > half) r++;
    const left = l + (half - s[l]) / (s[l + 1] - s[l]);
    const right = r - 1 + (s[r - 1] - half) / (s[r - 1] - s[r]);
    const at = (offset_Hz: number) => {
      const x = k0 + offset_Hz / step_Hz;
      const i = Math.floor(x);
      return (s[i] + (s[i + 1] - s[i]) * (x - i)) / s[k0];
    };
    return { width_Hz: (right - left) * step_Hz, peak: s[k0], at };
  }

  test('no window: the natural 20 Hz; EM with LB = 5 Hz: 25 Hz (Lorentzian widths add)', () => {
    expect(Math.abs(fwhm_Hz(spectrum({ kind: 'none' })).width_Hz / W_Hz - 1)).toBeLessThan(0.005);
    expect(Math.abs(fwhm_Hz(spectrum({ kind: 'em', lineBroadening_Hz: 5 })).width_Hz / (W_Hz + 5) - 1)).toBeLessThan(0.005);
  });

  test('GM with LB = −20 Hz, GB = 0.05: a Gaussian of FWHM 2√(c·ln2)/π, c = π·|LB|/(2·GB·AQ) — 9.28 Hz instead of 20', () => {
    // exp(−πWt)·exp(−πLB·t + πLB·t²/(2·GB·AQ)) with LB = −W is exp(−c·t²), whose spectrum is a
    // Gaussian exp(−π²f²/c): half height at f = √(c·ln2)/π
    const c = (Math.PI * W_Hz) / (2 * 0.05 * AQ_s);
    const predicted_Hz = (2 * Math.sqrt(c * Math.LN2)) / Math.PI;
    expect(predicted_Hz).toBeCloseTo(9.28, 2);
    const line = fwhm_Hz(spectrum({ kind: 'gm', lineBroadening_Hz: -W_Hz, gaussMaximum_fractionOfAq: 0.05 }));
    expect(Math.abs(line.width_Hz / predicted_Hz - 1)).toBeLessThan(0.01);
    // a Gaussian, not a Lorentzian: one FWHM from the centre it has fallen to 2^−4 = 1/16 (a
    // Lorentzian to 1/5); both sides averaged, as the highest point may sit 0.06 Hz off the centre
    expect((line.at(line.width_Hz) + line.at(-line.width_Hz)) / 2).toBeCloseTo(1 / 16, 3);
  });

  test('GM with LB = −10 Hz leaves 10 Hz of Lorentzian under the Gaussian: a Voigt line of the width Olivero–Longbothum give', () => {
    // f_V ≈ 0.5346·f_L + √(0.2166·f_L² + f_G²), 0.02 % (Olivero & Longbothum, JQSRT 17, 233, 1977)
    const fL = W_Hz - 10;
    const fG = (2 * Math.sqrt(((Math.PI * 10) / (2 * 0.05 * AQ_s)) * Math.LN2)) / Math.PI;
    const predicted_Hz = 0.5346 * fL + Math.sqrt(0.2166 * fL * fL + fG * fG);
    const measured = fwhm_Hz(spectrum({ kind: 'gm', lineBroadening_Hz: -10, gaussMaximum_fractionOfAq: 0.05 })).width_Hz;
    expect(Math.abs(measured / predicted_Hz - 1)).toBeLessThan(0.01);
    expect(measured).toBeLessThan(W_Hz);
  });

  test('t = 0 is the first point after the group delay: Σ S_k = SI·w(0)·fid(0) (0 for a sine, fid(0) for a cosine bell)', () => {
    const delayed = lorentzian(12, false);
    const sum = (s: Float64Array) => s.reduce((a, v) => a + v, 0);
    expect(Math.abs(sum(spectrum({ kind: 'sine', sineBellShift: 0 }, delayed, 12)))).toBeLessThan(1e-9 * SI);
    expect(sum(spectrum({ kind: 'sine', sineBellShift: 2 }, delayed, 12)) / SI).toBeCloseTo(1, 9);
    expect(sum(spectrum({ kind: 'qsine', sineBellShift: 3 }, delayed, 12)) / SI).toBeCloseTo(0.75, 9);
  });
});

describe("data: 'topspin' uses procs' window (WDW, LB, GB, SSB, TM1, TM2)", () => {
  const W_Hz = 150; // the synthetic line's width
  const REGION: [number, number] = [20, 4];
  /** A clean synthetic experiment (2048 complex points at 20 kHz: AQ = 0.1024 s) with procs. */
  function processed(procs: Record<string, number>): { dir: string; procsPath: string } {
    const dir = writeSyntheticExperiment({
      dir: join(tempDir(), '7'),
      vdlist: '1s\n2s',
      delay_s: [1, 2],
      amplitude: () => 1e6,
      noise: 0,
      linewidth_Hz: W_Hz,
    });
    mkdirSync(join(dir, 'pdata', '1'), { recursive: true });
    const procsPath = join(dir, 'pdata', '1', 'procs');
    writeFileSync(procsPath, parameterFile({ SI: 4096, SF: 116.64, PHC0: 0, PHC1: 0, LB: 0, GB: 0, SSB: 0, TM1: 0, TM2: 0, ...procs }));
    return { dir, procsPath };
  }
  const height = (dir: string, extra: Parameters<typeof readBrukerRelaxation>[1] = {}) =>
    readBrukerRelaxation(dir, { data: 'topspin', regions_ppm: [REGION], measure: 'height', ...extra });

  test('GM from procs: LB = −150 Hz, GB = 0.1 turns the 150 Hz line into exp(−c·t²); the peak grows by Σexp(−c·t²)/Σexp(−πW·t)', () => {
    const { dir } = processed({ WDW: 2, LB: -W_Hz, GB: 0.1 });
    const before = treeHash(dir);
    const gm = height(dir);
    expect(gm.processing?.window).toEqual({ kind: 'gm', lineBroadening_Hz: -W_Hz, gaussMaximum_fractionOfAq: 0.1 });
    expect(gm.processing?.lineBroadening_Hz).toBe(-W_Hz);
    expect(gm.transients[0].source.processing).toMatchObject({
      data: 'topspin',
      window: 'gm',
      lineBroadening_Hz: -W_Hz,
      gaussMaximum_fractionOfAq: 0.1,
    });
    // peak height of an absorptive line = Σ_j fid_j·w_j (the DFT at the line's frequency)
    const dt = 1 / 20000;
    const AQ = 2048 * dt;
    const c = (Math.PI * W_Hz) / (2 * 0.1 * AQ);
    let gaussSum = 0;
    let lorentzSum = 0;
    for (let j = 0; j < 2048; j++) {
      gaussSum += Math.exp(-c * (j * dt) ** 2);
      lorentzSum += Math.exp(-Math.PI * W_Hz * j * dt);
    }
    const none = height(dir, { processing: { window: { kind: 'none' } } });
    expect(none.processing?.window).toEqual({ kind: 'none' });
    expect(Math.abs(gm.transients[0].signal[0] / none.transients[0].signal[0] / (gaussSum / lorentzSum) - 1)).toBeLessThan(0.005);
    expect(treeHash(dir)).toEqual(before);
  });

  test('SINE, QSINE and TRAP are read with their parameters; EM keeps lineBroadening_Hz', () => {
    expect(height(processed({ WDW: 3, SSB: 2 }).dir).processing?.window).toEqual({ kind: 'sine', sineBellShift: 2 });
    expect(height(processed({ WDW: 4, SSB: 3 }).dir).processing?.window).toEqual({ kind: 'qsine', sineBellShift: 3 });
    const trap = height(processed({ WDW: 5, TM1: 0.1, TM2: 0.8 }).dir);
    expect(trap.processing?.window).toEqual({ kind: 'trap', riseEnd_fractionOfAq: 0.1, fallStart_fractionOfAq: 0.8 });
    expect(trap.processing?.lineBroadening_Hz).toBe(0);
    const em = height(processed({ WDW: 1, LB: 30 }).dir);
    expect(em.processing).toMatchObject({ lineBroadening_Hz: 30, window: { kind: 'em', lineBroadening_Hz: 30 } });
  });

  test('the caller’s window, or a bare lineBroadening_Hz, wins over procs', () => {
    const { dir } = processed({ WDW: 2, LB: -W_Hz, GB: 0.1 });
    expect(height(dir, { processing: { window: { kind: 'qsine', sineBellShift: 2 } } }).processing?.window).toEqual({
      kind: 'qsine',
      sineBellShift: 2,
    });
    expect(height(dir, { processing: { lineBroadening_Hz: 5 } }).processing?.window).toEqual({ kind: 'em', lineBroadening_Hz: 5 });
    const e = expectInputError(
      () => height(dir, { processing: { window: { kind: 'gm', lineBroadening_Hz: 3, gaussMaximum_fractionOfAq: 0.1 } } }),
      'processing',
    );
    expect(e.field).toBe('window.lineBroadening_Hz');
  });

  test("RelaxLab's own processing ('ser') has no window unless asked", () => {
    const { dir } = processed({ WDW: 2, LB: -W_Hz, GB: 0.1 });
    expect(readBrukerRelaxation(dir, { regions_ppm: [REGION] }).processing?.window).toEqual({ kind: 'none' });
  });

  test('procs WDW = 7 (SINC) is a typed error naming procs and WDW, and the folder stays untouched', () => {
    const { dir, procsPath } = processed({ WDW: 7 });
    const before = treeHash(dir);
    const e = expectInputError(() => height(dir), procsPath);
    expect(e).toBeInstanceOf(InputError);
    expect(e.field).toBe('WDW');
    expect(e.message).toMatch(/window function not implemented/);
    expect(e.message).toMatch(/2 \(GM\)/);
    expect(treeHash(dir)).toEqual(before);
  });

  test('GM in procs with LB ≥ 0 or GB = 0, TRAP with TM2 < TM1: typed errors naming the procs parameter', () => {
    const cases: Array<[Record<string, number>, string]> = [
      [{ WDW: 2, LB: 2, GB: 0.1 }, 'LB'],
      [{ WDW: 2, LB: -2, GB: 0 }, 'GB'],
      [{ WDW: 5, TM1: 0.5, TM2: 0.2 }, 'TM2'],
    ];
    for (const [procs, field] of cases) {
      const { dir, procsPath } = processed(procs);
      expect(expectInputError(() => height(dir), procsPath).field).toBe(field);
    }
  });
});
