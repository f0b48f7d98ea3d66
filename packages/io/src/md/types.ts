/** What every trajectory reader yields: a frame with the atoms' names (the header is read from the first). */
import type { TrajectoryFrame } from '@relaxlab/core';

export interface ReadFrame extends TrajectoryFrame {
  elements: string[];
  charges?: number[];
  /** The time between frames in fs when the file says it. */
  frameInterval_fs?: number;
}

export type TrajectoryFormat = 'xdatcar' | 'extxyz' | 'lammps-dump' | 'dcd';
