/**
 * What every published package's package.json must say to be installable from the registry (issue
 * 18): an exports map whose targets are files the build makes (ESM and CommonJS entries side by
 * side, each with its declarations), `types`, `files`, `engines`, licence, repository, a README
 * with an example; and one version for all (scripts/versions.js). Fast: reads manifests only; the
 * tarballs themselves are installed and used by test/packaging.test.ts.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');
// plain CommonJS scripts of the repository
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { publishedPackages } = require('../scripts/pack.js') as { publishedPackages: () => Array<{ folder: string; name: string }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { versionProblems } = require('../scripts/versions.js') as { versionProblems: () => string[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { esmEntries } = require('../scripts/esm-entries.js') as {
  esmEntries: (manifest: unknown) => Array<{ subpath: string; cjs: string; types: string; mjs: string; mtypes: string }>;
};

interface Manifest {
  name: string;
  version: string;
  license?: string;
  types?: string;
  main?: string;
  engines?: { node?: string };
  repository?: { type: string; url: string; directory: string };
  files?: string[];
  exports?: Record<string, unknown>;
  publishConfig?: { access?: string };
  private?: boolean;
}

const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest & { workspaces: string[] };
const packages = publishedPackages().map(({ folder }) => ({
  folder,
  manifest: JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as Manifest,
}));

test('the published packages are the six libraries and the command; the lab app stays private', () => {
  expect(packages.map((p) => p.manifest.name).sort()).toEqual(
    ['@relaxlab/cli', '@relaxlab/core', '@relaxlab/io', '@relaxlab/jupyterlab', '@relaxlab/kernel', '@relaxlab/plots'].sort(),
  );
});

describe.each(packages.map((p) => [p.manifest.name, p] as const))('%s', (_name, { folder, manifest }) => {
  test('licence, repository (with its folder), engines, public access, README with an example, LICENSE', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toEqual({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/.+\.git$/), directory: folder });
    expect(manifest.engines?.node).toBe(root.engines?.node);
    expect(manifest.publishConfig?.access).toBe('public');
    const readme = readFileSync(join(ROOT, folder, 'README.md'), 'utf8');
    expect(readme).toMatch(new RegExp(`^# ${manifest.name.replace('/', '\\/')}\\n`));
    expect(readme).toMatch(/```(js|ts|sh)\n[\s\S]*?(import|require|npx relaxlab|pip install)/);
    expect(existsSync(join(ROOT, folder, 'LICENSE'))).toBe(true);
  });

  test('main and types for Node10 resolution (tslab) point at the same files as the exports map "."', () => {
    const dot = manifest.exports?.['.'] as Record<string, unknown>;
    expect(dot).toBeDefined();
    const require = (dot.require ?? dot) as { types: string; default: string };
    expect(`./${manifest.main}`).toBe(require.default);
    expect(`./${manifest.types}`).toBe(require.types);
    expect(manifest.exports?.['./package.json']).toBe('./package.json');
    // "types" first in every condition object: TypeScript takes the first matching condition
    const conditions = (target: unknown): unknown[] =>
      target && typeof target === 'object' ? [target, ...Object.values(target).flatMap(conditions)] : [];
    for (const object of conditions(manifest.exports).slice(1)) {
      const keys = Object.keys(object as object);
      if (keys.includes('types')) expect(keys[0]).toBe('types');
    }
  });

  test('every ES-module entry has a CommonJS twin, and .d.mts declarations beside the .mjs', () => {
    const entries = esmEntries(manifest);
    const offersEsm = !['@relaxlab/cli', '@relaxlab/jupyterlab'].includes(manifest.name);
    expect(entries.length > 0).toBe(offersEsm);
    for (const e of entries) {
      expect(e.mjs).toBe(e.cjs.replace(/\.js$/, '.mjs'));
      expect(e.mtypes).toBe(e.types.replace(/\.d\.ts$/, '.d.mts'));
    }
  });

  test('the tarball leaves out build state (tsbuildinfo) and ships the sources its source maps name', () => {
    expect(manifest.files).toBeDefined();
    const files = manifest.files!;
    if (files.includes('dist')) expect(files).toEqual(expect.arrayContaining(['!dist/.tsbuildinfo', 'src']));
  });
});

test('one version: every package, every @relaxlab/* dependency and core VERSION agree with the root; CHANGELOG.md has its section', () => {
  expect(versionProblems()).toEqual([]);
});

test('the pip package of the extension reads its version from the npm package and ships the labextension as shared data', () => {
  const pyproject = readFileSync(join(ROOT, 'packages', 'jupyterlab', 'pyproject.toml'), 'utf8');
  expect(pyproject).toMatch(/^dynamic = \["version"\]$/m);
  expect(pyproject).toMatch(/\[tool\.hatch\.version\]\npath = "package\.json"/);
  expect(pyproject).toContain('"relaxlab_jupyterlab/labextension" = "share/jupyter/labextensions/@relaxlab/jupyterlab"');
  expect(pyproject).toContain('"install.json" = "share/jupyter/labextensions/@relaxlab/jupyterlab/install.json"');
  const install = JSON.parse(readFileSync(join(ROOT, 'packages', 'jupyterlab', 'install.json'), 'utf8'));
  expect(install).toEqual({ packageManager: 'python', packageName: 'relaxlab_jupyterlab', uninstallInstructions: expect.any(String) });
  const manifest = packages.find((p) => p.manifest.name === '@relaxlab/jupyterlab')!.manifest as Manifest & {
    jupyterlab: { outputDir: string };
  };
  expect(manifest.jupyterlab.outputDir).toBe('relaxlab_jupyterlab/labextension');
});
