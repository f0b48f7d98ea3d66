// Running one of the bench's Python scripts on a JSON job, with Debian's python3-scipy, single-
// threaded BLAS so that CPU times compare with one Node core. Returns the script's parsed JSON
// output, or null with the reason in `note` (no scipy there: the benchmarks then run without it).
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const here = dirname(fileURLToPath(import.meta.url));
export const PYTHON = '/usr/bin/python3';

export function runScipy(script, job) {
  try {
    execFileSync(PYTHON, ['-c', 'import scipy'], { stdio: 'ignore' });
  } catch {
    return { output: null, note: `scipy not measured: ${PYTHON} has no scipy (sudo apt-get install python3-scipy)` };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'relaxlab-bench-')), 'job.json');
  writeFileSync(file, JSON.stringify(job));
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  return { output: JSON.parse(execFileSync(PYTHON, [join(here, script), file], { env, maxBuffer: 1 << 28 }).toString()), note: '' };
}

// CPU time of this process (user + system) for fn(), best of `repeats` runs after one warm-up
// call (interference only ever adds time); returns the last run's result and the seconds.
export function bestCpuTime(fn, repeats, warmUp = fn) {
  warmUp();
  let out;
  let seconds = Infinity;
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    out = fn();
    const c = process.cpuUsage(c0);
    seconds = Math.min(seconds, (c.user + c.system) / 1e6);
  }
  return { out, seconds, repeats };
}
