/**
 * The streaming side of the trajectory analysis: frames are pushed one at a time (a reader may
 * stream a file of gigabytes), each is unwrapped against the previous one, the framework's centre
 * drift is taken out, and only the selected species' positions are kept — memory O(selected atoms
 * × frames), never the file.
 *
 * Unwrapping (minimum image between consecutive frames, e.g. Allen & Tildesley, Computer Simulation
 * of Liquids, 2nd ed. 2017, §1.6.2): Δf = H⁻ᵀ(r_k − r_{k−1}) in fractional coordinates,
 * Δf ← Δf − round(Δf), r_k(unwrapped) = r_{k−1}(unwrapped) + Hᵀ·Δf, with H the frame's cell (rows
 * a, b, c). This is right only while no atom moves more than half a box length between frames: a
 * minimum-image step that comes close to that (|Δf| > 0.4 in any direction) is counted and warned
 * about; positions given unwrapped (LAMMPS xu or image flags) are used as given, and a step of more
 * than half a box length between them is warned about too (frames written too rarely).
 *
 * Drift: the centre of the framework (all atoms not selected, unweighted — for a rigid framework
 * every weighting gives the same translation) is subtracted, r_i(t) − [R_fw(t) − R_fw(0)], so a
 * thermostat's or a numerical drift of the whole cell does not pass for diffusion (as pymatgen's
 * DiffusionAnalyzer and kinisi do). Without framework atoms nothing is subtracted (a warning).
 */
import { InputError } from '../errors';
import type { Trajectory, TrajectoryFrame, TrajectoryHeader } from './types';

export interface CollectOptions {
  /** The species to analyse (element or type names as in the file), e.g. ['Li']. */
  species: string[];
  /** The MD time step in fs; with `stride` the frame interval when the file does not give it. */
  timestep_fs?: number;
  /** MD steps between written frames (default 1). */
  stride?: number;
  /** Charge number of the selected ions (overrides charges from the file). */
  charge?: number;
  /** Take out the framework's centre drift (default true). */
  removeDrift?: boolean;
}

/** Charge numbers of common mobile ions, used when neither the file nor the options give one. */
const FORMAL_CHARGES: Record<string, number> = {
  H: 1,
  Li: 1,
  Na: 1,
  K: 1,
  Rb: 1,
  Cs: 1,
  Ag: 1,
  Cu: 1,
  Mg: 2,
  Ca: 2,
  Zn: 2,
  F: -1,
  Cl: -1,
  Br: -1,
  I: -1,
  O: -2,
};

const STEP_WARN_FRACTION = 0.4;

export class TrajectoryCollector {
  private readonly header: TrajectoryHeader;
  private readonly options: CollectOptions;
  private readonly selected: number[];
  private readonly framework: number[];
  private readonly prevRaw: Float64Array;
  private readonly unwrapped: Float64Array;
  private readonly kept: Float64Array[] = [];
  private fw0: [number, number, number] | null = null;
  private fwLast: [number, number, number] | null = null;
  private volumeSum = 0;
  private count = 0;
  private firstTimes: number[] = [];
  private firstSteps: number[] = [];
  private nearHalf = 0;
  private beyondHalf = 0;
  private firstBadFrame = -1;

  constructor(header: TrajectoryHeader, options: CollectOptions) {
    this.header = header;
    this.options = options;
    const source = header.source;
    if (!Array.isArray(options.species) || options.species.length === 0) {
      throw new InputError('no species selected', { field: 'species', expected: 'one or more element names, e.g. Li', source });
    }
    const present = [...new Set(header.elements)];
    for (const s of options.species) {
      if (!present.includes(s)) {
        throw new InputError(`species ${s} is not in the trajectory`, {
          field: 'species',
          expected: `one of ${present.join(', ')}`,
          found: s,
          source,
        });
      }
    }
    this.selected = [];
    this.framework = [];
    header.elements.forEach((e, i) => (options.species.includes(e) ? this.selected : this.framework).push(i));
    const n = header.elements.length;
    this.prevRaw = new Float64Array(3 * n);
    this.unwrapped = new Float64Array(3 * n);
    for (const [name, v] of [
      ['timestep_fs', options.timestep_fs],
      ['stride', options.stride],
    ] as const) {
      if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
        throw new InputError(name === 'stride' ? 'invalid stride' : 'zero or invalid time step', {
          field: name,
          expected: 'a finite number > 0',
          found: String(v),
          source,
        });
      }
    }
  }

  /** Adds frame `index` (0-based, for messages). */
  push(frame: TrajectoryFrame): void {
    const index = this.count;
    const source = this.header.source;
    const n = this.header.elements.length;
    const where = `frame ${index + 1}`;
    if (frame.positions_A.length !== 3 * n) {
      throw new InputError('the number of atoms changes', {
        field: where,
        expected: `${n} atoms as in the first frame`,
        found: `${frame.positions_A.length / 3} atoms`,
        source,
      });
    }
    const inv = invert3(frame.cell_A);
    if (!inv) throw new InputError('degenerate cell', { field: `${where}: cell`, expected: 'three independent lattice vectors', source });
    const volume = Math.abs(det3(frame.cell_A));
    this.volumeSum += volume;
    const r = frame.positions_A;
    for (let k = 0; k < r.length; k++) {
      if (!Number.isFinite(r[k])) {
        throw new InputError('not a number', { field: `${where}: atom ${Math.floor(k / 3) + 1}`, expected: 'finite coordinates', source });
      }
    }
    if (index === 0) {
      this.prevRaw.set(r);
      this.unwrapped.set(r);
    } else {
      this.advance(frame, inv, index);
    }
    if (frame.time_fs !== undefined && this.firstTimes.length < 2) this.firstTimes.push(frame.time_fs);
    if (frame.step !== undefined && this.firstSteps.length < 2) this.firstSteps.push(frame.step);
    const fw = this.frameworkCentre();
    if (index === 0) this.fw0 = fw;
    this.fwLast = fw;
    const removeDrift = this.options.removeDrift !== false && fw !== null;
    const out = new Float64Array(3 * this.selected.length);
    for (let j = 0; j < this.selected.length; j++) {
      const i = this.selected[j];
      for (let c = 0; c < 3; c++) out[3 * j + c] = this.unwrapped[3 * i + c] - (removeDrift ? fw[c] - this.fw0![c] : 0);
    }
    this.kept.push(out);
    this.count++;
  }

  private advance(frame: TrajectoryFrame, inv: Float64Array, index: number): void {
    const r = frame.positions_A;
    const H = frame.cell_A;
    const n = this.header.elements.length;
    let near = false;
    for (let i = 0; i < n; i++) {
      const dx = r[3 * i] - this.prevRaw[3 * i];
      const dy = r[3 * i + 1] - this.prevRaw[3 * i + 1];
      const dz = r[3 * i + 2] - this.prevRaw[3 * i + 2];
      // fractional step: Δf = Δr·H⁻¹ (r = f·H with the lattice vectors as rows)
      let fa = dx * inv[0] + dy * inv[3] + dz * inv[6];
      let fb = dx * inv[1] + dy * inv[4] + dz * inv[7];
      let fc = dx * inv[2] + dy * inv[5] + dz * inv[8];
      if (frame.unwrapped) {
        if (Math.max(Math.abs(fa), Math.abs(fb), Math.abs(fc)) > 0.5) {
          this.beyondHalf++;
          near = true;
        }
        this.unwrapped[3 * i] += dx;
        this.unwrapped[3 * i + 1] += dy;
        this.unwrapped[3 * i + 2] += dz;
      } else {
        fa -= Math.round(fa);
        fb -= Math.round(fb);
        fc -= Math.round(fc);
        if (Math.max(Math.abs(fa), Math.abs(fb), Math.abs(fc)) > STEP_WARN_FRACTION) {
          this.nearHalf++;
          near = true;
        }
        this.unwrapped[3 * i] += fa * H[0] + fb * H[3] + fc * H[6];
        this.unwrapped[3 * i + 1] += fa * H[1] + fb * H[4] + fc * H[7];
        this.unwrapped[3 * i + 2] += fa * H[2] + fb * H[5] + fc * H[8];
      }
    }
    if (near && this.firstBadFrame < 0) this.firstBadFrame = index + 1;
    this.prevRaw.set(r);
  }

  private frameworkCentre(): [number, number, number] | null {
    if (this.framework.length === 0) return null;
    const c: [number, number, number] = [0, 0, 0];
    for (const i of this.framework) for (let k = 0; k < 3; k++) c[k] += this.unwrapped[3 * i + k];
    return c.map((v) => v / this.framework.length) as [number, number, number];
  }

  /** The collected trajectory; frame interval from the options, the file, or the frames' times. */
  finish(): Trajectory {
    const source = this.header.source;
    if (this.count < 2) {
      throw new InputError('too few frames', { field: 'frames', expected: 'at least 2 frames', found: String(this.count), source });
    }
    const frameInterval_fs = this.frameInterval();
    const warnings: string[] = [];
    if (this.nearHalf > 0) {
      warnings.push(
        `${this.nearHalf} frame-to-frame steps come within ${Math.round((0.5 - STEP_WARN_FRACTION) * 100)} % of half a box length (first at frame ${this.firstBadFrame}): the minimum-image unwrapping may be wrong; write frames more often`,
      );
    }
    if (this.beyondHalf > 0) {
      warnings.push(
        `${this.beyondHalf} frame-to-frame steps exceed half a box length (first at frame ${this.firstBadFrame}): frames are written too rarely to unwrap wrapped coordinates safely`,
      );
    }
    const fw = this.fwLast && this.fw0 ? Math.hypot(...this.fwLast.map((v, k) => v - this.fw0![k])) : null;
    if (fw === null) warnings.push('no framework atoms (every atom is selected): no drift removal');
    const charges = this.selected.map((i) => {
      if (this.options.charge !== undefined) return this.options.charge;
      const z = this.header.charges?.[i];
      if (z !== undefined && Number.isFinite(z)) return z;
      return FORMAL_CHARGES[this.header.elements[i]] ?? NaN;
    });
    if (charges.some((z) => !Number.isFinite(z))) {
      warnings.push(`no charge known for ${this.options.species.join(', ')} (give --charge): no conductivity`);
    }
    return {
      source,
      species: [...this.options.species],
      atoms: this.selected.length,
      frames: this.count,
      frameInterval_fs,
      positions_A: this.kept,
      charges,
      volume_A3: this.volumeSum / this.count,
      frameworkDrift_A: fw,
      warnings,
    };
  }

  private frameInterval(): number {
    const source = this.header.source;
    const { timestep_fs, stride } = this.options;
    let dt: number | undefined;
    // the stride: given, or the difference of the first two frames' step numbers (LAMMPS TIMESTEP)
    const steps = this.firstSteps.length === 2 ? this.firstSteps[1] - this.firstSteps[0] : undefined;
    if (timestep_fs !== undefined) dt = timestep_fs * (stride ?? steps ?? 1);
    else if (this.header.frameInterval_fs !== undefined) dt = this.header.frameInterval_fs * (stride ?? 1);
    else if (this.firstTimes.length === 2) dt = this.firstTimes[1] - this.firstTimes[0];
    if (dt === undefined) {
      throw new InputError('the file does not give the time between frames', {
        field: 'timestep_fs',
        expected: 'the MD time step (--timestep-fs) and the output stride (--stride)',
        source,
      });
    }
    if (!(Number.isFinite(dt) && dt > 0)) {
      throw new InputError('zero or invalid time step', {
        field: 'frame 2: time',
        expected: 'a time between frames > 0',
        found: String(dt),
        source,
      });
    }
    return dt;
  }
}

/** Collects a whole in-memory trajectory (tests, the notebook). */
export function collectTrajectory(header: TrajectoryHeader, frames: Iterable<TrajectoryFrame>, options: CollectOptions): Trajectory {
  const collector = new TrajectoryCollector(header, options);
  for (const frame of frames) collector.push(frame);
  return collector.finish();
}

function det3(m: ArrayLike<number>): number {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}

/** The inverse of a 3×3 matrix (row-major), null when singular. */
function invert3(m: ArrayLike<number>): Float64Array | null {
  const d = det3(m);
  if (!(Math.abs(d) > 1e-12)) return null;
  const inv = new Float64Array(9);
  inv[0] = (m[4] * m[8] - m[5] * m[7]) / d;
  inv[1] = (m[2] * m[7] - m[1] * m[8]) / d;
  inv[2] = (m[1] * m[5] - m[2] * m[4]) / d;
  inv[3] = (m[5] * m[6] - m[3] * m[8]) / d;
  inv[4] = (m[0] * m[8] - m[2] * m[6]) / d;
  inv[5] = (m[2] * m[3] - m[0] * m[5]) / d;
  inv[6] = (m[3] * m[7] - m[4] * m[6]) / d;
  inv[7] = (m[1] * m[6] - m[0] * m[7]) / d;
  inv[8] = (m[0] * m[4] - m[1] * m[3]) / d;
  return inv;
}
