/**
 * Molecular-dynamics trajectories as the readers hand them over: a header (the atoms' elements,
 * optional charges) and frames (Cartesian positions in Å, the cell as three lattice vectors in Å).
 * Everything crossing into core is plain data; the collector (collect.ts) keeps, frame by frame,
 * only what the analysis needs.
 */

/** What a trajectory file says about its atoms, before the first frame. */
export interface TrajectoryHeader {
  /** The element (or type name) of every atom, in file order. */
  elements: string[];
  /** Charge numbers z of every atom when the file (or a LAMMPS data file) gives them. */
  charges?: number[];
  /** The time between two written frames in fs, when the file says it (DCD, extended XYZ `Time=`, LAMMPS timestep). */
  frameInterval_fs?: number;
  /** The file the trajectory came from (for errors and provenance). */
  source: string;
}

/** One frame. */
export interface TrajectoryFrame {
  /** x0 y0 z0 x1 y1 z1 … in Å, 3·atoms numbers. */
  positions_A: Float64Array;
  /** The cell: lattice vectors a, b, c as rows (ax ay az bx by bz cx cy cz), Å. */
  cell_A: Float64Array;
  /**
   * true when the positions are already unwrapped (LAMMPS xu/yu/zu or image flags applied):
   * they are used as they are and only checked; false when wrapped into the cell, then unwrapped
   * by the minimum image between consecutive frames.
   */
  unwrapped: boolean;
  /** The simulation time of the frame in fs when the file gives it (LAMMPS timestep × dt, extended XYZ Time=). */
  time_fs?: number;
  /** The MD step number of the frame (LAMMPS TIMESTEP): the output stride is read from it when not given. */
  step?: number;
}

/** The selected species' unwrapped positions, frame by frame, drift removed. */
export interface Trajectory {
  source: string;
  /** The selected species (elements or type names). */
  species: string[];
  /** The number of selected atoms. */
  atoms: number;
  /** The number of frames. */
  frames: number;
  /** The time between kept frames, fs. */
  frameInterval_fs: number;
  /** Per frame, x y z of every selected atom (3·atoms numbers, Å), unwrapped, framework drift removed. */
  positions_A: Float64Array[];
  /** Charge number of every selected atom. */
  charges: number[];
  /** The mean cell volume, Å³. */
  volume_A3: number;
  /** The framework's centre drift over the run, Å (|R_fw(end) − R_fw(0)|); null without framework atoms. */
  frameworkDrift_A: number | null;
  warnings: string[];
}
