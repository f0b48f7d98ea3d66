/**
 * MD trajectories → D*, D_σ, Haven ratio: the FFT MSD against the direct double sum, the
 * random-walk covariance against its closed-form diagonal, and recovery of known transport from
 * seeded synthetic trajectories (wrapped into a periodic box): independent walkers (H_R = 1),
 * rigid pairs (H_R = 0.5), a drifting framework. Seeds fixed before any result was looked at:
 * 1601 (walkers), 1602 (pairs), 1603 (drift), 1604 (FFT check). Calibration: md-uncertainty.test.ts.
 */
import { analyzeTrajectory, collectTrajectory, InputError, MsdAccumulator, randomWalkMsdCovariance, simulateWalkers } from '../src';
import { mulberry32 } from '../src/fit/random';

function directMsd(x: number[]): number[] {
  const F = x.length;
  return x.map((_, m) => {
    let s = 0;
    for (let i = 0; i + m < F; i++) s += (x[i + m] - x[i]) ** 2;
    return s / (F - m);
  });
}

describe('FFT mean squared displacement (Calandrini et al. 2011)', () => {
  test('equals the direct O(F²) average over time origins, for an odd number of series (one unpaired transform)', () => {
    const rand = mulberry32(1604);
    const series = [0, 1, 2].map(() => {
      let x = 0;
      return Array.from({ length: 237 }, () => (x += rand() - 0.5 + 0.05));
    });
    const acc = new MsdAccumulator(237);
    series.forEach((s) => acc.add(s));
    const fft = acc.result();
    const direct = series.map(directMsd).reduce((a, b) => a.map((v, m) => v + b[m]));
    for (let m = 0; m < 237; m++) expect(fft[m]).toBeCloseTo(direct[m], 9);
  });
});

describe('random-walk covariance of the MSD between lags', () => {
  test('diagonal: K(n, n) equals the brute-force double sum over interval pairs, and 2/(F − 1) at lag 1', () => {
    const F = 200;
    const lags = [1, 5, 20, 60, 100];
    const K = randomWalkMsdCovariance(lags, F);
    lags.forEach((n, a) => {
      let s = 0;
      for (let i = 0; i + n < F; i++) for (let j = 0; j + n < F; j++) s += Math.max(0, Math.min(i + n, j + n) - Math.max(i, j)) ** 2;
      expect(K[a * lags.length + a]).toBeCloseTo((2 * s) / (F - n) ** 2, 12);
    });
    // n = 1: F − 1 independent squared steps, Var = 2s⁴/(F − 1)
    expect(K[0]).toBeCloseTo(2 / (F - 1), 14);
  });

  test('off-diagonal: symmetric and positive definite, with correlation between neighbouring lags near 1', () => {
    const lags = [10, 11, 40, 80];
    const K = randomWalkMsdCovariance(lags, 300);
    expect(K[1]).toBe(K[4]);
    const rho = K[1] / Math.sqrt(K[0] * K[5]);
    expect(rho).toBeGreaterThan(0.9);
    expect(rho).toBeLessThan(1);
  });
});

describe('known transport from synthetic trajectories wrapped in a periodic box', () => {
  const D = 1e-5; // cm²/s = 0.1 Å²/ps
  const base = { frames: 2000, D_cm2_per_s: D, frameInterval_fs: 100, box_A: 12, frameworkAtoms: 20 };

  test('independent walkers: D* within 5 % (and within 2σ), H_R within its uncertainty of 1', () => {
    const sim = simulateWalkers({ ...base, walkers: 100, seed: 1601 });
    const result = analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'] }), { temperature_K: 600 });
    const d = result.D_tracer_cm2_per_s;
    expect(Math.abs(d.value / D - 1)).toBeLessThan(0.05);
    expect(Math.abs(d.value - D)).toBeLessThan(2 * d.stderr!);
    expect(Math.abs(result.havenRatio.value - 1)).toBeLessThan(result.havenRatio.stderr!);
    expect(result.kind).toBe('TrajectoryTransport');
    // Nernst–Einstein by hand: N/V = 100/(12 Å)³, σ = n e² D/(kB T)
    const n_m3 = 100 / 12e-10 ** 3;
    const sigma_S_per_m = (n_m3 * 1.602176634e-19 ** 2 * d.value * 1e-4) / (1.380649e-23 * 600);
    expect(result.sigma_NE_S_per_cm!.value).toBeCloseTo(sigma_S_per_m / 100, 12);
  });

  test('rigid pairs: H_R = 0.5 within its uncertainty (D_σ = 2D*)', () => {
    const sim = simulateWalkers({ ...base, walkers: 100, seed: 1602, pairs: true });
    const result = analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'] }), {});
    expect(Math.abs(result.D_tracer_cm2_per_s.value / D - 1)).toBeLessThan(0.05 * Math.SQRT2 + 0.02);
    expect(Math.abs(result.havenRatio.value - 0.5)).toBeLessThan(result.havenRatio.stderr!);
    // and 1 lies far outside: the test could fail
    expect(Math.abs(result.havenRatio.value - 1)).toBeGreaterThan(3 * result.havenRatio.stderr!);
  });

  test('a drifting framework: the drift is removed (and would otherwise pass for fast diffusion)', () => {
    const sim = simulateWalkers({ ...base, walkers: 100, seed: 1603, drift_A_per_ps: [0.05, -0.03, 0.02] });
    const removed = analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'] }));
    expect(Math.abs(removed.D_tracer_cm2_per_s.value / D - 1)).toBeLessThan(0.05);
    // 200 ps at 0.0616 Å/ps: the framework moved 12.3 Å
    expect(removed.frameworkDrift_A).toBeGreaterThan(11);
    const kept = analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'], removeDrift: false }));
    expect(kept.D_tracer_cm2_per_s.value / D).toBeGreaterThan(1.2); // measured 1.35
  });
});

describe('per direction, jump rate, and steps too long to unwrap', () => {
  test('D* along x, y, z each within 10 % of D; Γ = 6D*/a² (seed 1606)', () => {
    const sim = simulateWalkers({
      walkers: 100,
      frames: 2000,
      D_cm2_per_s: 1e-5,
      frameInterval_fs: 100,
      box_A: 12,
      frameworkAtoms: 10,
      seed: 1606,
    });
    const r = analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'] }), { perDimension: true, jumpLength_A: 2.5 });
    for (const d of r.D_tracerPerDimension_cm2_per_s!) expect(Math.abs(d.value / 1e-5 - 1)).toBeLessThan(0.1);
    // D in cm²/s → Å²/s ×1e16; Γ = 6D/a²
    expect(r.jumpRate_per_s!.value).toBeCloseTo((6 * r.D_tracer_cm2_per_s.value * 1e16) / 2.5 ** 2, 6);
  });

  test('wrapped steps near half a box and unwrapped steps beyond it are warned about, with the first frame', () => {
    // √(2DΔt) = 1.4 Å per direction and frame in a 5 Å box: |Δf| > 0.4 happens
    const fast = simulateWalkers({
      walkers: 20,
      frames: 50,
      D_cm2_per_s: 1e-3,
      frameInterval_fs: 100,
      box_A: 5,
      frameworkAtoms: 2,
      seed: 1607,
    });
    const wrapped = collectTrajectory(fast.header, fast.frames, { species: ['Li'] });
    expect(wrapped.warnings.join('\n')).toMatch(/frame-to-frame steps come within 10 % of half a box length \(first at frame \d+\)/);
    const slow = simulateWalkers({
      walkers: 4,
      frames: 3,
      D_cm2_per_s: 1e-6,
      frameInterval_fs: 10,
      box_A: 10,
      frameworkAtoms: 2,
      seed: 1608,
    });
    const jumped = slow.frames.map((f, k) => ({
      ...f,
      unwrapped: true,
      positions_A: f.positions_A.map((v, j) => (k === 2 && j === 0 ? v + 6 : v)),
    }));
    expect(collectTrajectory(slow.header, jumped, { species: ['Li'] }).warnings.join('\n')).toMatch(
      /1 frame-to-frame steps exceed half a box length \(first at frame 3\)/,
    );
  });
});

describe('bad input: typed errors naming the source and the frame', () => {
  const sim = simulateWalkers({ walkers: 4, frames: 5, D_cm2_per_s: 1e-5, frameInterval_fs: 10, box_A: 10, seed: 1, frameworkAtoms: 2 });
  test('a species not present', () => {
    expect(() => collectTrajectory(sim.header, sim.frames, { species: ['Na'] })).toThrow(
      /species Na is not in the trajectory.*expected one of Li, S/,
    );
  });
  test('the number of atoms changes', () => {
    const frames = [...sim.frames.slice(0, 3), { ...sim.frames[3], positions_A: sim.frames[3].positions_A.slice(3) }];
    let error: unknown;
    try {
      collectTrajectory(sim.header, frames, { species: ['Li'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'simulateWalkers(seed 1): frame 4: the number of atoms changes (expected 6 atoms as in the first frame; found 5 atoms)',
    );
  });
  test('a zero time step', () => {
    expect(() => collectTrajectory(sim.header, sim.frames, { species: ['Li'], timestep_fs: 0 })).toThrow(InputError);
    expect(() => collectTrajectory({ ...sim.header, frameInterval_fs: 0 }, sim.frames, { species: ['Li'] })).toThrow(
      /frame 2: time: zero or invalid time step/,
    );
  });
});
