/**
 * The `relaxlab` command as `npx relaxlab` runs it: npm's link node_modules/.bin/relaxlab to
 * packages/cli/bin/relaxlab.js, which runs the compiled dist/main.js (built by the package's
 * prepare script during npm install). .ci/run checks the same on a fresh clone right after
 * `npm install`, before anything else builds.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT } from './support/cli';

const LINK = join(ROOT, 'node_modules', '.bin', 'relaxlab');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'relaxlab.js');

test('node_modules/.bin/relaxlab --help runs the command (linked, executable) and prints its help', () => {
  const run = spawnSync(LINK, ['--help'], { cwd: ROOT, encoding: 'utf8' });
  if (run.error) throw new Error(`${LINK} cannot run (${run.error.message}): npm install links it`);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^Usage: relaxlab \[options\] \[command\]/);
  expect(run.status).toBe(0);
});

test('without dist/ the command says what to build instead of a stack trace, and exits 1', () => {
  // the launcher alone, in a package folder whose dist/ was never built
  const scratch = mkdtempSync(join(tmpdir(), 'relaxlab-bin-'));
  try {
    mkdirSync(join(scratch, 'packages', 'cli', 'bin'), { recursive: true });
    const bin = join(scratch, 'packages', 'cli', 'bin', 'relaxlab.js');
    copyFileSync(BIN, bin);
    const run = spawnSync(process.execPath, [bin, '--help'], { cwd: scratch, encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`relaxlab: packages/cli/dist/main.js is missing: build it with \`npm run build\` in ${scratch}\n`);
    expect(run.status).toBe(1);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
