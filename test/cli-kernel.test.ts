/**
 * `relaxlab kernel install`: what it says when it cannot register the kernel (exit 2, one line
 * naming what is missing and how to get it), with nothing written. The registration itself, from
 * a project where the packed packages are installed, is checked by test/packaging.test.ts (it
 * needs Jupyter, which this tier does not).
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLI, ROOT } from './support/cli';

function kernelInstall(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [CLI, 'kernel', 'install', ...args], { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  return run;
}

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'relaxlab-kernel-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

test('in a folder without tslab it says to install @relaxlab/kernel there, and writes nothing', () => {
  const run = kernelInstall(['--prefix', join(scratch, 'prefix')], scratch);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    `relaxlab: ${scratch}: node_modules/tslab: tslab is not installed here (expected the TypeScript kernel, which @relaxlab/kernel brings: npm install @relaxlab/kernel in this folder first)\n`,
  );
  expect(existsSync(join(scratch, 'prefix'))).toBe(false);
});

test('two places for the kernel at once are refused', () => {
  const run = kernelInstall(['--user', '--prefix', join(scratch, 'prefix')], ROOT);
  expect(run.status).toBe(2);
  expect(run.stderr).toBe('relaxlab: --user/--sys-prefix/--prefix: choose one place for the kernel (found user and prefix)\n');
});

test('a Python without Jupyter is named, with how to get Jupyter', () => {
  const python = join(scratch, 'no-such-python');
  const run = kernelInstall(['--prefix', join(scratch, 'prefix'), '--python', python], ROOT);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(
    /^relaxlab: --python: no Python with Jupyter \(expected a Python that can import jupyter_client .*pip install jupyterlab.*; found .*no-such-python cannot import it\)\n$/,
  );
  expect(existsSync(join(scratch, 'prefix'))).toBe(false);
});
