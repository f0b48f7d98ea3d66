/**
 * Files in a notebook are named relative to the notebook: Jupyter (and nbconvert) start the
 * kernel in the notebook's folder, so the process working directory is that folder. Paths are
 * kept as the user wrote them, so provenance and error messages read the same on every machine.
 */
import { existsSync } from 'fs';
import { resolve } from 'path';
import { InputError } from '@relaxlab/core';
import type { Trajectory } from '@relaxlab/core';
import { readTrajectory as readTrajectoryFile, readTransientFile } from '@relaxlab/io';
import type { ReadTrajectoryOptions, ReadTransient, ReadTransientOptions } from '@relaxlab/io';

/** The absolute path of a file named relative to the notebook; an InputError when it is missing. */
export function notebookPath(path: string): string {
  if (typeof path !== 'string' || path === '') {
    throw new InputError('no file named', { field: 'path', expected: 'a path relative to the notebook', found: JSON.stringify(path) });
  }
  const absolute = resolve(process.cwd(), path);
  if (!existsSync(absolute)) {
    throw new InputError('file not found', {
      source: path,
      field: 'path',
      expected: `a file at ${absolute} (relative paths start in the notebook's folder, ${process.cwd()})`,
    });
  }
  return absolute;
}

/**
 * Read a transient (TopSpin ct1t2.txt / t1ints.txt, or a CSV/TSV table with units in its headers)
 * from a path relative to the notebook. Metadata in `options` overrides the file's.
 */
export function readTransient(path: string, options: ReadTransientOptions = {}): ReadTransient {
  notebookPath(path);
  return readTransientFile(path, options);
}

/**
 * Read an MD trajectory (VASP XDATCAR, extended XYZ, LAMMPS dump, DCD; .gz transparently) from a
 * path relative to the notebook, streaming: only the selected species' positions are kept.
 */
export async function readTrajectory(path: string, options: ReadTrajectoryOptions): Promise<Trajectory> {
  notebookPath(path);
  if (options.dataFile !== undefined) notebookPath(options.dataFile);
  return readTrajectoryFile(path, options);
}
