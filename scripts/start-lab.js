#!/usr/bin/env node
/**
 * `npm start`: the RelaxLab lab with the worked example open. On a fresh Debian/Ubuntu machine it
 * installs Debian's Jupyter (as root; otherwise it prints the exact apt-get command and stops),
 * builds the packages and the lab (npm run build), registers the repo's tslab kernel, and starts
 * the server on 127.0.0.1 with token authentication, printing the URL with the token. The
 * notebook opened is the user's copy of the worked example in work/ (git-ignored; made from
 * notebooks/ on the first start and kept afterwards), never the template itself.
 *
 *   npm start [-- --port 8888] [-- --no-build] [-- --no-browser] [-- --work-dir DIR]
 *
 * --work-dir: the copy's folder instead of work/, inside the repository and beside an examples/
 * folder (the template reads ../examples/...); the tests use it to leave a user's work/ alone.
 */
const { spawn, spawnSync } = require('child_process');
const { existsSync } = require('fs');
const { resolve } = require('path');
const env = require('./jupyter-env');
const lab = require('./lab');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const say = (text) => process.stderr.write(`relaxlab: ${text}\n`);

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: env.ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`${what} failed (${command} ${args.join(' ')} exited with ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function ensureJupyter() {
  const missing = lab.missingLab();
  if (!missing.length) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say(`Jupyter is not installed (${missing.join('; ')}). Install Debian's packages, then run npm start again:\n  ${env.APT_COMMAND}`);
    process.exit(1);
  }
  say(`installing Debian's Jupyter and Chromium (${missing.join('; ')})`);
  run('apt-get', ['update', '-qq'], 'apt-get update');
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...env.DEBIAN_PACKAGES], {
    cwd: env.ROOT,
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0 || lab.missingLab().length) {
    say(`installing Jupyter failed; run it yourself:\n  ${env.APT_COMMAND}`);
    process.exit(1);
  }
}

function openBrowser(url) {
  if (flag('--no-browser') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || !existsSync('/usr/bin/xdg-open')) return;
  spawn('/usr/bin/xdg-open', [url], { detached: true, stdio: 'ignore' }).unref();
}

async function main() {
  ensureJupyter();
  if (!flag('--no-build')) run('npm', ['run', 'build', '--silent'], 'building RelaxLab and the lab');
  run(process.execPath, [require.resolve('./kernel-install.js')], 'registering the tslab kernel');
  const requested = option('--port');
  const workDir = option('--work-dir');
  const server = await lab.startLab({
    port: requested !== undefined ? Number(requested) : 8888,
    log: process.stderr,
    ...(workDir !== undefined && { workDir: resolve(workDir) }),
  });
  const stop = () => void lab.stopLab(server).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(
    [
      '',
      `RelaxLab lab running on ${server.base} (server PID ${server.pid}, token authentication on).`,
      `Open the worked example (${server.example}):`,
      '',
      `    ${server.url}`,
      '',
      server.exampleCreated
        ? `${server.example} is your copy of ${server.template}, made now: run it, edit it; the template stays as it is.`
        : `${server.example} is your copy from an earlier start, as you left it (delete it for a fresh copy of ${server.template}).`,
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
  openBrowser(server.url);
  server.process.on('exit', (code) => {
    say(`the lab server stopped (exit code ${code})`);
    process.exit(code ?? 1);
  });
}

main().catch((error) => {
  say(error.message);
  process.exit(1);
});
