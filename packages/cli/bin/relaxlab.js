#!/usr/bin/env node
// The `relaxlab` command as npm links it (package.json "bin"). This file is in git with its
// executable bit, so `npm install` links it on a fresh clone and the link keeps working after a
// clean rebuild; the command itself is the compiled dist/main.js, which the package's prepare
// script builds during `npm install` (and `npm run build` rebuilds).
const { existsSync } = require('fs');
const { join, relative } = require('path');

const compiled = join(__dirname, '..', 'dist', 'main.js');
if (existsSync(compiled)) {
  require(compiled).run();
} else {
  const root = join(__dirname, '..', '..', '..');
  process.stderr.write(
    `relaxlab: ${relative(process.cwd(), compiled) || compiled} is missing: build it with \`npm run build\` in ${root}\n`,
  );
  process.exitCode = 1;
}
