#!/usr/bin/env node
/**
 * The RelaxLab packages are released together, under one version: the root package.json's.
 *
 *   node scripts/versions.js            check: every workspace package has the root's version, every
 *                                       @relaxlab/* dependency names exactly it, CHANGELOG.md has a
 *                                       section for it (exit 1 with the list of what differs)
 *   node scripts/versions.js 0.2.0      set it everywhere (root, packages/*, their @relaxlab/* dependencies,
 *                                       core's VERSION that results record)
 *
 * (npm run version:check / npm run version:set -- 0.2.0.) The pip package of the JupyterLab
 * extension reads its version from packages/jupyterlab/package.json (pyproject.toml,
 * [tool.hatch.version]), so it needs no edit of its own.
 */
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
/** The version every result records in its provenance (core/src/version.ts). */
const CORE_VERSION_FILE = join(ROOT, 'packages', 'core', 'src', 'version.ts');
const CORE_VERSION = /export const VERSION = '([^']*)';/;

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootManifestFile = join(ROOT, 'package.json');

/** [{ file, manifest }] of the root and every workspace package. */
function manifests() {
  const root = readJson(rootManifestFile);
  const files = [rootManifestFile, ...root.workspaces.map((w) => join(ROOT, w, 'package.json'))];
  return files.map((file) => ({ file, manifest: readJson(file) }));
}

/** What disagrees with the root's version, as sentences naming the file and field (empty when all agree). */
function versionProblems() {
  const all = manifests();
  const version = all[0].manifest.version;
  const names = new Set(all.slice(1).map(({ manifest }) => manifest.name));
  const problems = [];
  for (const { file, manifest } of all) {
    const where = file.slice(ROOT.length + 1);
    if (manifest.version !== version) problems.push(`${where}: version is ${manifest.version}, the root's is ${version}`);
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (names.has(name) && range !== version)
          problems.push(`${where}: ${field}["${name}"] is "${range}", expected exactly "${version}" (the packages move together)`);
      }
    }
  }
  const recorded = CORE_VERSION.exec(readFileSync(CORE_VERSION_FILE, 'utf8'))?.[1];
  if (recorded !== version) problems.push(`packages/core/src/version.ts: VERSION is ${recorded}, expected ${version}`);
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  if (!new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm').test(changelog))
    problems.push(`CHANGELOG.md: no "## ${version}" section for the current version`);
  return problems;
}

/** Set `version` in the root, every workspace package and their dependencies on each other. */
function setVersion(version) {
  if (!SEMVER.test(version)) throw new Error(`version: expected MAJOR.MINOR.PATCH[-pre], got "${version}"`);
  const all = manifests();
  const names = new Set(all.slice(1).map(({ manifest }) => manifest.name));
  for (const { file, manifest } of all) {
    manifest.version = version;
    for (const field of DEPENDENCY_FIELDS) {
      for (const name of Object.keys(manifest[field] ?? {})) if (names.has(name)) manifest[field][name] = version;
    }
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  writeFileSync(CORE_VERSION_FILE, readFileSync(CORE_VERSION_FILE, 'utf8').replace(CORE_VERSION, `export const VERSION = '${version}';`));
  return all.length;
}

module.exports = { versionProblems, setVersion };

if (require.main === module) {
  const requested = process.argv[2];
  try {
    if (requested) {
      const count = setVersion(requested);
      process.stderr.write(
        `versions: ${count} package.json files now at ${requested}; add a "## ${requested}" section to CHANGELOG.md, then npm install\n`,
      );
    } else {
      const problems = versionProblems();
      if (problems.length) {
        process.stderr.write(`versions: the packages do not move together:\n  ${problems.join('\n  ')}\n`);
        process.exit(1);
      }
      process.stderr.write(`versions: every package at ${readJson(rootManifestFile).version}\n`);
    }
  } catch (error) {
    process.stderr.write(`versions: ${error.message}\n`);
    process.exit(1);
  }
}
