#!/usr/bin/env node
// Runs before `npm start` / `npm test`: on a fresh clone (or after a dependency or a command was
// added), install the npm dependencies first, so the README's two commands work as written. Every
// dependency of the root and of each workspace must be found the way Node finds it: in
// node_modules of the package's own folder or of a folder above it, up to the repository root (npm
// nests a package in a workspace when the root already holds another version of it); and every
// workspace command (`bin`, e.g. relaxlab) must be linked in node_modules/.bin, which a checkout
// installed before the command existed lacks until npm install runs again.
const { existsSync, readFileSync } = require('fs');
const { dirname, join } = require('path');
const { execSync } = require('child_process');

const root = join(__dirname, '..');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const folders = [root, ...rootManifest.workspaces.map((w) => join(root, w))];

function installed(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dir === root || dir === dirname(dir)) return false;
  }
}

const missing = new Set();
for (const folder of folders) {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    if (!name.startsWith('@relaxlab/') && !installed(name, folder)) missing.add(name);
  }
  for (const command of Object.keys(manifest.bin ?? {})) {
    if (folder !== root && !existsSync(join(root, 'node_modules', '.bin', command))) missing.add(`the ${command} command`);
  }
}
if (missing.size) {
  process.stderr.write(`relaxlab: installing npm dependencies (missing: ${[...missing].join(', ')})\n`);
  execSync('npm install --no-audit --no-fund --loglevel=error', { cwd: root, stdio: 'inherit' });
}
