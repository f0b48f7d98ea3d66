/**
 * Where Jupyter and the repo's tslab kernel live, shared by `npm run kernel:install` and the
 * notebook tests. Jupyter comes from Debian (see ../shared/NOTES-jupyter.md): always
 * /usr/bin/python3 and /usr/bin/jupyter, since a `python3` on PATH may be another interpreter.
 */
const { existsSync, readFileSync } = require('fs');
const { join } = require('path');
const { spawnSync } = require('child_process');

const ROOT = join(__dirname, '..');
const PYTHON = '/usr/bin/python3';
const JUPYTER = '/usr/bin/jupyter';
/** The kernel is registered inside the repo (gitignored), never in the user's global Jupyter. */
const PREFIX = join(ROOT, '.jupyter-prefix');
const JUPYTER_PATH = join(PREFIX, 'share', 'jupyter');
const KERNEL_JSON = join(JUPYTER_PATH, 'kernels', 'tslab', 'kernel.json');
const TSLAB_BINARY = join(ROOT, 'node_modules', '.bin', 'tslab');

const DEBIAN_PACKAGES = [
  'chromium',
  // text in PNG charts (toPNG asks for DejaVu Sans); chromium's fonts are only Recommends
  'fonts-dejavu-core',
  'jupyter-client',
  'jupyter-core',
  'jupyter-nbconvert',
  'jupyter-server',
  'python3-nbclient',
  'python3-nbconvert',
  'python3-ipykernel',
  'python3-jupyter-server',
  'python3-jupyterlab-server',
  // the pip package of the JupyterLab extension: built offline with hatchling (pip wheel
  // --no-build-isolation), installed into a virtual environment by its test
  'python3-hatchling',
  'python3-pip',
  'python3-venv',
];
const APT_COMMAND =
  'sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ' + DEBIAN_PACKAGES.join(' ');

/** What is missing for running notebooks headless, as sentences (empty when nothing is). */
function missingJupyter() {
  const missing = [];
  if (!existsSync(PYTHON)) return [`${PYTHON} not found`];
  if (!existsSync(JUPYTER)) missing.push(`${JUPYTER} not found`);
  const probe = spawnSync(PYTHON, ['-c', 'import jupyter_client, nbclient, nbconvert'], { encoding: 'utf8' });
  if (probe.status !== 0) missing.push(`${PYTHON} cannot import jupyter_client, nbclient, nbconvert`);
  return missing;
}

/** The registered kernelspec, or undefined when it is missing or points at another checkout's tslab. */
function registeredKernel() {
  if (!existsSync(KERNEL_JSON)) return undefined;
  try {
    const spec = JSON.parse(readFileSync(KERNEL_JSON, 'utf8'));
    return Array.isArray(spec.argv) && spec.argv[0] === TSLAB_BINARY ? spec : undefined;
  } catch {
    return undefined;
  }
}

/** Environment for running `jupyter` against the repo's kernel. */
function jupyterEnv(base = process.env) {
  return { ...base, JUPYTER_PATH: base.JUPYTER_PATH ? `${JUPYTER_PATH}:${base.JUPYTER_PATH}` : JUPYTER_PATH };
}

module.exports = {
  ROOT,
  PYTHON,
  JUPYTER,
  PREFIX,
  JUPYTER_PATH,
  KERNEL_JSON,
  TSLAB_BINARY,
  DEBIAN_PACKAGES,
  APT_COMMAND,
  missingJupyter,
  registeredKernel,
  jupyterEnv,
};
