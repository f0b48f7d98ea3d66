/**
 * Synthetic trajectories with known transport: independent Gaussian random walkers with a given
 * D* (per frame each coordinate steps by N(0, 2D·Δt), so MSD = 6D·t exactly in expectation and
 * H_R = 1), walkers that always move in rigid pairs (both atoms of a pair take the same step:
 * D_σ = 2D*, H_R = 0.5), and a framework that vibrates about its sites and drifts as a whole
 * (the drift is added to every atom, so only drift removal recovers D*). Positions are wrapped
 * into a cubic periodic box, as MD codes write them. Seeded (fit/random.ts) for tests and benches.
 */
import { gaussian, mulberry32 } from '../fit/random';
import { InputError } from '../errors';
import type { TrajectoryFrame, TrajectoryHeader } from './types';

export interface WalkerSimulationOptions {
  walkers: number;
  frames: number;
  D_cm2_per_s: number;
  frameInterval_fs: number;
  box_A: number;
  seed: number;
  /** Walkers move in rigid pairs (walkers must be even). */
  pairs?: boolean;
  /** Framework atoms vibrating with this rms amplitude per direction about fixed sites, Å (default 0.1). */
  frameworkAtoms?: number;
  frameworkAmplitude_A?: number;
  /** Drift of the whole cell (every atom), Å/ps per direction. */
  drift_A_per_ps?: [number, number, number];
  species?: string;
  frameworkSpecies?: string;
}

export interface SimulatedTrajectory {
  header: TrajectoryHeader;
  frames: TrajectoryFrame[];
}

export function simulateWalkers(options: WalkerSimulationOptions): SimulatedTrajectory {
  const { walkers, frames, D_cm2_per_s, frameInterval_fs, box_A } = options;
  if (options.pairs && walkers % 2 !== 0) {
    throw new InputError('pairs need an even number of walkers', {
      field: 'walkers',
      expected: 'an even number',
      found: String(walkers),
      source: 'simulateWalkers',
    });
  }
  const rand = mulberry32(options.seed);
  const fwAtoms = options.frameworkAtoms ?? 0;
  const amplitude = options.frameworkAmplitude_A ?? 0.1;
  const n = walkers + fwAtoms;
  const step = Math.sqrt(2 * D_cm2_per_s * 1e4 * (frameInterval_fs / 1000)); // √(2DΔt), Å (1 cm²/s = 1e4 Å²/ps)
  const drift = (options.drift_A_per_ps ?? [0, 0, 0]).map((v) => (v * frameInterval_fs) / 1000);
  const r = new Float64Array(3 * n);
  for (let k = 0; k < r.length; k++) r[k] = rand() * box_A;
  const sites = r.slice(3 * walkers);
  const cell = new Float64Array([box_A, 0, 0, 0, box_A, 0, 0, 0, box_A]);
  const elements: string[] = [
    ...Array<string>(walkers).fill(options.species ?? 'Li'),
    ...Array<string>(fwAtoms).fill(options.frameworkSpecies ?? 'S'),
  ];
  const out: TrajectoryFrame[] = [];
  const offset = [0, 0, 0];
  for (let f = 0; f < frames; f++) {
    if (f > 0) {
      for (let c = 0; c < 3; c++) offset[c] += drift[c];
      for (let i = 0; i < walkers; i++) {
        if (options.pairs && i % 2 === 1) continue;
        for (let c = 0; c < 3; c++) {
          const d = step * gaussian(rand);
          r[3 * i + c] += d;
          if (options.pairs) r[3 * (i + 1) + c] += d;
        }
      }
    }
    const positions = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) {
        const base = i < walkers ? r[3 * i + c] : sites[3 * (i - walkers) + c] + amplitude * gaussian(rand);
        positions[3 * i + c] = wrap(base + offset[c], box_A);
      }
    }
    out.push({ positions_A: positions, cell_A: cell, unwrapped: false });
  }
  return { header: { elements, source: `simulateWalkers(seed ${options.seed})`, frameInterval_fs }, frames: out };
}

function wrap(x: number, L: number): number {
  const w = x - Math.floor(x / L) * L;
  return w >= L ? 0 : w;
}
