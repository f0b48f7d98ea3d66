#!/usr/bin/env node
// Runs before `npm start` / `npm test`: on a fresh clone, install the npm dependencies first, so
// the README's two commands work as written.
const { existsSync } = require('fs');
const { join } = require('path');
const { execSync } = require('child_process');

const root = join(__dirname, '..');
const needed = ['typescript', 'jest', 'ts-jest', 'commander', 'ml-matrix', 'jcampconverter', 'ml-spectra-processing', 'fft.js', 'vega', 'vega-lite', 'tslab', 'ajv'];
const missing = needed.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
if (missing.length) {
  process.stderr.write(`relaxlab: installing npm dependencies (missing: ${missing.join(', ')})\n`);
  execSync('npm install --no-audit --no-fund --loglevel=error', { cwd: root, stdio: 'inherit' });
}
