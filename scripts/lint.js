#!/usr/bin/env node
/**
 * `npm run lint`, the first step of `npm test`: ESLint over the whole repository (eslint.config.mjs:
 * typescript-eslint's type-aware rules), a type check of the tests (tsconfig.test.json: jest only
 * transpiles them, `tsc -b` covers the sources) and `prettier --check` (the layout, .prettierrc.json).
 * The steps run side by side (ESLint, the longest, on one core; the others on the second), each
 * one's output printed whole when it ends; every step runs, so one report shows every kind of
 * problem. Prints how long each took; exits non-zero when any failed. `npm run format` writes
 * Prettier's layout.
 * `--no-prettier` leaves out the layout check (npm test, until the repository is formatted once).
 */
const { spawn } = require('child_process');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs command with its output collected; resolves to its exit status and duration. */
function run(command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: ROOT });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${command}: ${error.message}\n`)));
    child.on('close', (status) => resolve({ status: status ?? 1, ms: Date.now() - started, output: Buffer.concat(output) }));
  });
}

/** Steps in one lane run one after another; the lanes run at once. */
const lanes = [
  [{ name: 'eslint', command: bin('eslint'), args: ['.'] }],
  [
    { name: 'tsc (tests)', command: bin('tsc'), args: ['-p', 'tsconfig.test.json'] },
    ...(process.argv.includes('--no-prettier')
      ? []
      : [{ name: 'prettier --check', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] }]),
  ],
];

async function main() {
  const started = Date.now();
  const results = [];
  await Promise.all(
    lanes.map(async (lane) => {
      for (const step of lane) {
        const result = await run(step.command, step.args);
        process.stdout.write(result.output);
        results.push({ name: step.name, ...result });
      }
    }),
  );
  const failed = results.filter((r) => r.status !== 0).map((r) => r.name);
  const times = results.map((r) => `${r.name} ${seconds(r.ms)}`).join(', ');
  process.stdout.write(`lint: ${times}; ${seconds(Date.now() - started)} in all${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`lint: ${error.stack}\n`);
    process.exit(1);
  },
);
