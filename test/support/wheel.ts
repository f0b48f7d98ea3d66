/**
 * The pip package of the JupyterLab extension as a user gets it: the wheel built offline
 * (scripts/build-wheel.js: pip wheel --no-build-isolation with Debian's hatchling) and installed
 * with pip, offline and without dependencies, into a fresh virtual environment that sees Debian's
 * Jupyter (python3 -m venv --system-site-packages). Shared by test/wheel.test.ts and the browser
 * test of the prebuilt extension. Needs the built labextension (npm run build:labextension).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// plain CommonJS scripts of the repository
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wheelScript = require('../../scripts/build-wheel.js') as {
  PROJECT: string;
  DISTRIBUTION: string;
  missingPythonTools: () => string[];
  buildWheel: (dest: string) => string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require('../../scripts/jupyter-env.js') as { PYTHON: string };

export const { PROJECT, DISTRIBUTION, missingPythonTools, buildWheel } = wheelScript;
export const PYTHON = jupyter.PYTHON;

export interface WheelEnvironment {
  /** The scratch folder holding the wheel and the environment (remove it when done). */
  root: string;
  wheel: string;
  venv: string;
  /** The environment's interpreter. */
  python: string;
  /** sys.prefix/share/jupyter of the environment: a Jupyter data path of its Python. */
  dataDir: string;
  /** Where JupyterLab looks for the extension in that data path. */
  labextension: string;
  seconds: { wheel: number; venv: number; install: number };
}

export function run(command: string, args: string[], what: string, cwd?: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-3000)}`);
  return result.stdout;
}

/** Build the wheel and install it into a new virtual environment in a scratch folder. */
export function wheelEnvironment(): WheelEnvironment {
  const missing = missingPythonTools();
  if (missing.length) throw new Error(missing.join('\n'));
  const root = mkdtempSync(join(tmpdir(), 'relaxlab-wheel-'));
  let started = Date.now();
  const wheel = buildWheel(join(root, 'wheelhouse'));
  const seconds = { wheel: (Date.now() - started) / 1000, venv: 0, install: 0 };
  const venv = join(root, 'venv');
  started = Date.now();
  run(PYTHON, ['-m', 'venv', '--system-site-packages', venv], 'python3 -m venv --system-site-packages');
  seconds.venv = (Date.now() - started) / 1000;
  const python = join(venv, 'bin', 'python');
  started = Date.now();
  run(
    python,
    ['-m', 'pip', 'install', '--no-index', '--no-deps', '--disable-pip-version-check', wheel],
    'pip install (offline, --no-deps)',
  );
  seconds.install = (Date.now() - started) / 1000;
  const dataDir = join(venv, 'share', 'jupyter');
  return { root, wheel, venv, python, dataDir, labextension: join(dataDir, 'labextensions', '@relaxlab', 'jupyterlab'), seconds };
}
