#!/usr/bin/env node
/**
 * `npm run build:wheel [-- DIR]`: the Python wheel of the JupyterLab extension (packages/jupyterlab:
 * pyproject.toml, hatchling), built offline with Debian's python3-hatchling and pip
 * (`pip wheel --no-build-isolation --no-deps`: nothing is downloaded), into DIR (default
 * packages/jupyterlab/dist). The labextension must be built first (npm run build:wheel does it;
 * the hatch hook stops with that command otherwise). Prints the wheel's path.
 */
const { spawnSync } = require('child_process');
const { mkdirSync, readdirSync, readFileSync, rmSync } = require('fs');
const { join, resolve } = require('path');
const env = require('./jupyter-env');

const PROJECT = join(env.ROOT, 'packages', 'jupyterlab');
const DISTRIBUTION = 'relaxlab_jupyterlab';

/** What is missing to build and install the wheel, as sentences with the fix (empty when nothing is). */
function missingPythonTools() {
  const probe = spawnSync(env.PYTHON, ['-c', 'import hatchling, pip, venv, ensurepip'], { encoding: 'utf8' });
  return probe.status === 0
    ? []
    : [
        `${env.PYTHON} cannot import hatchling, pip, venv and ensurepip (Debian: python3-hatchling python3-pip python3-venv):\n  ${env.APT_COMMAND}`,
      ];
}

/** Build the wheel into dest; returns its absolute path. */
function buildWheel(dest) {
  const missing = missingPythonTools();
  if (missing.length) throw new Error(missing.join('\n'));
  mkdirSync(dest, { recursive: true });
  const { version } = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
  const name = `${DISTRIBUTION}-${version}-py3-none-any.whl`;
  rmSync(join(dest, name), { force: true });
  const args = [
    '-m',
    'pip',
    'wheel',
    '--no-build-isolation',
    '--no-deps',
    '--no-index',
    '--disable-pip-version-check',
    '--wheel-dir',
    dest,
    PROJECT,
  ];
  const run = spawnSync(env.PYTHON, args, { cwd: env.ROOT, encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`pip ${args.slice(2).join(' ')} failed (exit ${run.status}):\n${(run.stdout + run.stderr).slice(-3000)}`);
  if (!readdirSync(dest).includes(name)) throw new Error(`pip wheel made no ${name} in ${dest}:\n${run.stdout}`);
  return join(dest, name);
}

module.exports = { PROJECT, DISTRIBUTION, missingPythonTools, buildWheel };

if (require.main === module) {
  try {
    process.stdout.write(`${buildWheel(resolve(process.argv[2] ?? join(PROJECT, 'dist')))}\n`);
  } catch (error) {
    process.stderr.write(`build:wheel: ${error.message}\n`);
    process.exit(1);
  }
}
