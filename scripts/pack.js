#!/usr/bin/env node
/**
 * `npm run pack [-- DIR]`: the tarballs npm would publish, one per public package, in DIR (default
 * packages-dist/, git-ignored). `npm pack` runs each package's prepack (tsc -b and the ES-module
 * entries, scripts/esm-entries.js) first, so the tarballs hold what a fresh build makes. Prints the
 * files with their sizes; test/packaging.test.ts installs them into a project outside the repository.
 */
const { spawnSync } = require('child_process');
const { mkdirSync, readFileSync } = require('fs');
const { join, resolve } = require('path');

const ROOT = join(__dirname, '..');

/** The workspace packages that are published (not "private"), by folder and name. */
function publishedPackages() {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return workspaces
    .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ folder, manifest }) => ({ folder, name: manifest.name, version: manifest.version }));
}

/** npm pack every published package into dest; returns [{ name, file (absolute), size, files }]. */
function packAll(dest) {
  mkdirSync(dest, { recursive: true });
  const packages = publishedPackages();
  const args = ['pack', '--json', '--pack-destination', dest, ...packages.flatMap((p) => ['-w', p.folder])];
  const run = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${run.status}):\n${run.stderr.slice(-3000)}`);
  const packed = JSON.parse(run.stdout);
  return packed.map((p) => ({ name: p.name, file: join(dest, p.filename), size: p.size, files: p.files.map((f) => f.path) }));
}

module.exports = { publishedPackages, packAll };

if (require.main === module) {
  const dest = resolve(process.argv[2] ?? join(ROOT, 'packages-dist'));
  try {
    for (const p of packAll(dest)) process.stdout.write(`${p.file}  ${(p.size / 1024).toFixed(0)} kB, ${p.files.length} files\n`);
  } catch (error) {
    process.stderr.write(`pack: ${error.message}\n`);
    process.exit(1);
  }
}
