/**
 * Where outputs may go: inputs are never written to. `relaxlab study` refuses an output folder
 * inside the study or data folder; `relaxlab map` refuses one that holds any of its inputs (a
 * name such as map.csv or T1.npy would replace the input).
 */
import { existsSync, realpathSync } from 'fs';
import { relative, resolve, sep } from 'path';
import { InputError } from '@relaxlab/core';

/** The path with symbolic links resolved where it exists (so that a link into a folder counts as inside). */
function real(path: string): string {
  const absolute = resolve(path);
  return existsSync(absolute) ? realpathSync(absolute) : absolute;
}

/** Is `child` the folder `parent` or inside it? */
export function inside(child: string, parent: string): boolean {
  const rel = relative(real(parent), real(child));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..' && !/^[A-Za-z]:/.test(rel));
}

/** Refuses an output folder that is, or holds, one of the inputs. */
export function refuseOutputHoldingInputs(out: string, inputs: string[]): void {
  for (const input of inputs) {
    if (inside(input, out)) {
      throw new InputError('output folder holds an input', {
        field: '-o, --out',
        expected: `a folder that does not hold ${input} (inputs are never written to)`,
        found: JSON.stringify(out),
      });
    }
  }
}
