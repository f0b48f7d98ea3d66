/**
 * Reads a trajectory file in a streaming pass and hands the frames to core's TrajectoryCollector:
 * memory stays O(selected atoms × frames) plus one frame, whatever the file's size. Formats are
 * told by the name (XDATCAR, .xyz/.extxyz, .dump/.lammpstrj, .dcd; a trailing .gz is gunzipped)
 * or given as `format`.
 */
import { basename } from 'path';
import { InputError, TrajectoryCollector } from '@relaxlab/core';
import type { CollectOptions, Trajectory } from '@relaxlab/core';
import { readDcd } from './dcd';
import { readExtxyz } from './extxyz';
import { readLammpsData, readLammpsDump } from './lammps';
import { LineReader, openByteSource } from './stream';
import type { ReadFrame, TrajectoryFormat } from './types';
import { readXdatcar } from './xdatcar';

export interface ReadTrajectoryOptions extends CollectOptions {
  format?: TrajectoryFormat;
  /** A LAMMPS data file: atom types (names from Masses) and charges for a DCD or dump file. */
  dataFile?: string;
  /** Called now and then with the bytes of the file read so far and its size. */
  onProgress?: (bytesRead: number, size: number) => void;
}

export const TRAJECTORY_FORMATS: readonly TrajectoryFormat[] = ['xdatcar', 'extxyz', 'lammps-dump', 'dcd'];

/** The format a file name says, or undefined. */
export function trajectoryFormatOf(path: string): TrajectoryFormat | undefined {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (/xdatcar/.test(name)) return 'xdatcar';
  if (/\.(ext)?xyz$/.test(name)) return 'extxyz';
  if (/\.(dump|lammpstrj)$|^dump\./.test(name)) return 'lammps-dump';
  if (/\.dcd$/.test(name)) return 'dcd';
  return undefined;
}

export async function readTrajectory(path: string, options: ReadTrajectoryOptions): Promise<Trajectory> {
  const format = options.format ?? trajectoryFormatOf(path);
  if (format === undefined || !TRAJECTORY_FORMATS.includes(format)) {
    throw new InputError('unknown trajectory format', {
      source: path,
      field: 'format',
      expected: `one of ${TRAJECTORY_FORMATS.join(', ')} (or a file named XDATCAR, *.xyz, *.dump, *.lammpstrj, *.dcd)`,
      found: options.format ?? basename(path),
    });
  }
  const data = options.dataFile !== undefined ? readLammpsData(options.dataFile) : undefined;
  const source = openByteSource(path);
  let frames: AsyncGenerator<ReadFrame>;
  if (format === 'dcd') frames = readDcd(source, data);
  else {
    const lines = new LineReader(source);
    frames = format === 'xdatcar' ? readXdatcar(lines) : format === 'extxyz' ? readExtxyz(lines) : readLammpsDump(lines, data);
  }
  let collector: TrajectoryCollector | null = null;
  let lastReport = 0;
  for await (const frame of frames) {
    if (collector === null) {
      collector = new TrajectoryCollector(
        {
          elements: frame.elements,
          source: path,
          ...(frame.charges ? { charges: frame.charges } : {}),
          ...(frame.frameInterval_fs ? { frameInterval_fs: frame.frameInterval_fs } : {}),
        },
        options,
      );
    }
    collector.push(frame);
    if (options.onProgress) {
      const read = source.bytesRead();
      if (read - lastReport > source.size / 200) {
        options.onProgress(read, source.size);
        lastReport = read;
      }
    }
  }
  if (collector === null) throw new InputError('no frames', { source: path, field: 'frames', expected: 'at least 2 frames' });
  options.onProgress?.(source.size, source.size);
  return collector.finish();
}
