/**
 * Starting and stopping the RelaxLab lab server (packages/app/main.py on Debian's
 * jupyter_server), shared by `npm start` (scripts/start-lab.js) and the browser tests. The server
 * binds 127.0.0.1 only. `npm start` keeps token authentication; a test may turn the token off,
 * which is only ever done on this loopback address.
 */
const { spawn, spawnSync } = require('child_process');
const { constants, copyFileSync, existsSync, mkdirSync, readdirSync } = require('fs');
const { basename, delimiter, dirname, join, relative, resolve } = require('path');
const net = require('net');
const http = require('http');
const env = require('./jupyter-env');

const HOST = '127.0.0.1';
const APP_DIR = join(env.ROOT, 'packages', 'app');
const BUILD_MARKER = join(APP_DIR, 'build', 'bundle.js');

/** What the lab needs beyond the notebooks' packages: jupyterlab_server (LabServerApp). */
function missingLab() {
  const missing = env.missingJupyter();
  if (missing.length) return missing;
  const probe = spawnSync(env.PYTHON, ['-c', 'import jupyter_server, jupyterlab_server'], { encoding: 'utf8' });
  return probe.status === 0 ? [] : [`${env.PYTHON} cannot import jupyter_server, jupyterlab_server`];
}

/** The template of the worked example in rootDir's notebooks/: 07 when it exists, else 01. */
function workedExample(rootDir = env.ROOT) {
  const notebooks = readdirSync(join(rootDir, 'notebooks'))
    .filter((n) => n.endsWith('.ipynb'))
    .sort();
  const seven = notebooks.find((n) => n.startsWith('07'));
  return `notebooks/${seven ?? notebooks.find((n) => n.startsWith('01')) ?? notebooks[0]}`;
}

/** Where the user's copy of the worked example goes, under the server root: git-ignored (.gitignore). */
const WORK_DIR = 'work';

/**
 * The worked example as the user opens it: a copy of the template in workDir (default work/ of
 * rootDir), since JupyterLab saves outputs into the notebook it runs and the templates in
 * notebooks/ must stay as committed. A copy already there is the user's earlier work and is kept
 * as it is. The templates read their data by paths relative to themselves (../examples/...), so
 * workDir must sit beside an examples/ folder, as notebooks/ does.
 * Returns { template, path, created } with paths relative to rootDir.
 */
function workedExampleCopy(rootDir = env.ROOT, workDir = join(rootDir, WORK_DIR)) {
  const template = workedExample(rootDir);
  const folder = resolve(rootDir, workDir);
  if (relative(rootDir, folder).startsWith('..'))
    throw new Error(`the work folder ${folder} is outside the lab's root ${rootDir}, which the lab cannot open`);
  const examples = join(dirname(folder), 'examples');
  if (!existsSync(examples))
    throw new Error(
      `the worked example reads its data from ../examples/ relative to itself, but ${examples} does not exist: choose a work folder beside examples/`,
    );
  const copy = join(folder, basename(template));
  const created = !existsSync(copy);
  if (created) {
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(rootDir, template), copy, constants.COPYFILE_EXCL);
  }
  return { template, path: relative(rootDir, copy), created };
}

/** A free TCP port on the loopback address: `preferred` when it is free, else one the OS picks. */
function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, HOST, () => {
        const { port: bound } = server.address();
        server.close(() => resolve(bound));
      });
    });
  return tryPort(preferred ?? 0).then((port) => port ?? tryPort(0));
}

function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body, headers: response.headers }));
    });
    request.on('error', reject);
    request.setTimeout(5000, () => request.destroy(new Error(`no answer from ${url} in 5 s`)));
    request.end(body);
  });
}

const get = (url) => request(url);

/**
 * Start the worked example's kernel before the browser asks for it: tslab needs ~4 s to load
 * TypeScript, which then overlaps the page load; JupyterLab joins the session of that path.
 * POST with the token (or, without one, with the _xsrf cookie the lab page sets).
 */
async function prestartKernel(base, token, path) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `token ${token}`;
  else {
    const page = await get(`${base}/lab`);
    const xsrf = /_xsrf=([^;]+)/.exec(String(page.headers['set-cookie'] ?? ''));
    if (xsrf) Object.assign(headers, { Cookie: `_xsrf=${xsrf[1]}`, 'X-XSRFToken': decodeURIComponent(xsrf[1]) });
  }
  const body = JSON.stringify({ path, name: path.split('/').pop(), type: 'notebook', kernel: { name: 'tslab' } });
  const reply = await request(`${base}/api/sessions`, { method: 'POST', headers, body });
  if (reply.status !== 201) throw new Error(`could not start the kernel of ${path}: HTTP ${reply.status} ${reply.body}`);
}

/**
 * Start the lab server. Resolves once /api/status answers, with the child process, the base URL
 * and the URL of the worked example's copy (workedExampleCopy; with ?token= when a token is set).
 * options: { port?, token? ('' = no token, loopback only), rootDir?, workDir? (the copy's folder, default
 *            <rootDir>/work), log? (stream for the server's output),
 *            timeout_ms?, prestart? (start the worked example's kernel, default true),
 *            workspacesDir? (where the lab keeps its layout; default the user's Jupyter data folder),
 *            labextensionsPath? (folders of prebuilt labextensions to load before the Jupyter data paths':
 *              RELAXLAB_LABEXTENSIONS_PATH, see main.py),
 *            python? (the interpreter that runs main.py, default /usr/bin/python3: a virtual environment's
 *              python serves the labextensions pip installed there, from its sys.prefix/share/jupyter),
 *            env? (more environment variables for the server, e.g. JUPYTER_DATA_DIR),
 *            notebookStartsKernel? (false: opening a notebook starts no kernel; default true) }
 */
async function startLab(options = {}) {
  const missing = missingLab();
  if (missing.length) throw new Error(`Jupyter is not installed (${missing.join('; ')}). Install Debian's packages:\n  ${env.APT_COMMAND}`);
  if (!existsSync(BUILD_MARKER)) throw new Error(`${BUILD_MARKER} is missing: build the lab first (npm run build)`);
  const rootDir = options.rootDir ?? env.ROOT;
  const { template, path: example, created } = workedExampleCopy(rootDir, options.workDir);
  const port = await freePort(options.port);
  const token = options.token ?? require('crypto').randomBytes(24).toString('hex');
  const args = [
    join(APP_DIR, 'main.py'),
    `--ServerApp.ip=${HOST}`,
    `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0',
    `--ServerApp.root_dir=${rootDir}`,
    '--ServerApp.open_browser=False',
    // the session is the user's own: no anonymous usage reports, no update checks
    '--LabServerApp.listings_refresh_seconds=0',
  ];
  if (token === '') args.push('--ServerApp.token=', '--ServerApp.password=');
  if (options.notebookStartsKernel === false) args.push('--LabServerApp.notebook_starts_kernel=False');
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--allow-root');
  // the token goes through the environment, not the command line other users can read in ps
  const childEnv = env.jupyterEnv({
    ...process.env,
    ...(token !== '' && { JUPYTER_TOKEN: token }),
    ...(options.workspacesDir && { RELAXLAB_WORKSPACES_DIR: options.workspacesDir }),
    ...(options.labextensionsPath && { RELAXLAB_LABEXTENSIONS_PATH: options.labextensionsPath.join(delimiter) }),
    ...options.env,
  });
  const child = spawn(options.python ?? env.PYTHON, args, { cwd: env.ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    if (options.log) options.log.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const base = `http://${HOST}:${port}`;
  const query = token === '' ? '' : `?token=${token}`;
  const deadline = Date.now() + (options.timeout_ms ?? 30000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the lab server exited with code ${child.exitCode}:\n${output}`);
    try {
      const status = await get(`${base}/api/status${query}`);
      if (status.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the lab server did not answer on ${base} within ${(options.timeout_ms ?? 30000) / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  if (options.prestart !== false) await prestartKernel(base, token, example);
  return {
    process: child,
    pid: child.pid,
    port,
    token,
    base,
    url: `${base}/lab/tree/${example.split('/').map(encodeURIComponent).join('/')}${query}`,
    example,
    template,
    exampleCreated: created,
    output: () => output,
  };
}

/** Stop a server started by startLab: SIGTERM to its PID, SIGKILL after timeout_ms. */
function stopLab(lab, timeout_ms = 5000) {
  const child = lab.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout_ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // jupyter_server asks "Shutdown this Jupyter server (y/[n])?" on the first SIGINT; SIGTERM stops it
    child.kill('SIGTERM');
  });
}

module.exports = { HOST, APP_DIR, BUILD_MARKER, missingLab, workedExample, freePort, get, startLab, stopLab };
