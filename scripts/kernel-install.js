#!/usr/bin/env node
/**
 * `npm run kernel:install`: register the tslab (TypeScript) kernel inside the repo
 * (.jupyter-prefix, gitignored) and check that Jupyter finds it. Run before `npm start` and
 * `npm test` with --if-possible: then a machine without Debian's Jupyter gets a clear message
 * (and the notebook tests fail saying the same), but the rest still runs.
 */
const { spawnSync } = require('child_process');
const env = require('./jupyter-env');

const ifPossible = process.argv.includes('--if-possible');
const say = (text) => process.stderr.write(`relaxlab kernel:install: ${text}\n`);

function fail(text) {
  say(text);
  process.exit(ifPossible ? 0 : 1);
}

const missing = env.missingJupyter();
if (missing.length) {
  fail(
    `Jupyter is not installed (${missing.join('; ')}). Notebooks need Debian's Jupyter packages:\n` +
      `  ${env.APT_COMMAND}\n` +
      '(CI installs them in .ci/run; without them the notebook tests fail.)',
  );
}
if (!require('fs').existsSync(env.TSLAB_BINARY)) {
  fail(`${env.TSLAB_BINARY} is missing: run npm install first`);
}

if (!env.registeredKernel()) {
  const install = spawnSync(
    env.TSLAB_BINARY,
    ['install', `--python=${env.PYTHON}`, `--binary=${env.TSLAB_BINARY}`, `--prefix=${env.PREFIX}`],
    { cwd: env.ROOT, encoding: 'utf8' },
  );
  // tslab install may print "jupyter is not installed" and still exit 0: the kernelspec file decides
  if (install.status !== 0 || !env.registeredKernel()) {
    fail(`tslab install did not register the kernel at ${env.KERNEL_JSON}:\n${install.stdout}${install.stderr}`);
  }
  say(`registered the tslab kernel in ${env.PREFIX}`);
}

const list = spawnSync(env.JUPYTER, ['kernelspec', 'list', '--json'], { env: env.jupyterEnv(), encoding: 'utf8' });
let found;
try {
  found = JSON.parse(list.stdout).kernelspecs.tslab;
} catch {
  found = undefined;
}
if (!found || !found.spec || found.spec.argv[0] !== env.TSLAB_BINARY) {
  fail(`jupyter kernelspec list does not show this repo's tslab kernel (JUPYTER_PATH=${env.JUPYTER_PATH}):\n${list.stdout}${list.stderr}`);
}
if (!ifPossible) say(`tslab kernel ready: JUPYTER_PATH=${env.JUPYTER_PATH}`);
