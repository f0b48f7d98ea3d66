#!/usr/bin/env node
/**
 * `npm run test:unit`: the fast tier for the edit loop, in under a minute. `tsc -b` first (it
 * type-checks what jest only transpiles, and the few CLI tests that run the built command then
 * run the code as edited), then jest with RELAXLAB_TEST_TIER=unit: no browser, no notebooks, no
 * long statistics (test/support/tiers.ts, jest.config.js), one worker per core. Prints how long
 * each step took.
 * `npm test` runs everything. Arguments go to jest (npm run test:unit -- packages/io).
 */
const { spawnSync } = require('child_process');
const os = require('os');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function step(command, args, env) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return { status: result.status ?? 1, ms: Date.now() - started };
}

const started = Date.now();
const tsc = step(bin('tsc'), ['-b']);
if (tsc.status !== 0) {
  process.stderr.write(`test:unit: tsc -b failed (${seconds(tsc.ms)}); no tests run\n`);
  process.exit(tsc.status);
}
// one worker per core: jest's default leaves one core to the rest of the machine (one worker on two cores)
const jest = step(bin('jest'), [`--maxWorkers=${os.availableParallelism()}`, ...process.argv.slice(2)], { RELAXLAB_TEST_TIER: 'unit' });
process.stdout.write(
  `test:unit: tsc -b ${seconds(tsc.ms)}, jest ${seconds(jest.ms)}, total ${seconds(Date.now() - started)} (the tier's goal: under a minute)\n`,
);
process.exit(jest.status);
