/**
 * Every package uses another only through its public entries: the package itself or a subpath its
 * package.json `exports` lists (@relaxlab/io/browser, @relaxlab/io/nist), never files inside dist/
 * or src/, which may move at any release, and never a relative path out of its own folder. The
 * JupyterLab extension, a browser bundle, takes io's browser entry and not the Node one.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..');
const PACKAGES = join(ROOT, 'packages');
/** The packages with TypeScript sources in src/ (the app is JupyterLab's own build of the extension). */
const PACKAGE_NAMES = ['core', 'io', 'plots', 'kernel', 'cli', 'jupyterlab'];

function publicEntries(name: string): string[] {
  const manifest = JSON.parse(readFileSync(join(PACKAGES, name.replace('@relaxlab/', ''), 'package.json'), 'utf8'));
  const subpaths = manifest.exports ? Object.keys(manifest.exports).filter((key) => key !== './package.json') : ['.'];
  return subpaths.map((subpath) => (subpath === '.' ? name : `${name}/${subpath.slice(2)}`));
}

/** Every import and re-export of the package's sources: [file relative to the repository, specifier]. */
function importsOf(pkg: string): Array<{ file: string; specifier: string }> {
  const dir = join(PACKAGES, pkg, 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .flatMap((file) =>
      ts
        .preProcessFile(readFileSync(join(dir, file), 'utf8'), true, true)
        .importedFiles.map((f) => ({ file: relative(ROOT, join(dir, file)), specifier: f.fileName })),
    );
}

const packageOf = (specifier: string) => specifier.split('/').slice(0, 2).join('/');

describe.each(PACKAGE_NAMES)('packages/%s', (pkg) => {
  const imports = importsOf(pkg);

  test('every @relaxlab import names a public entry', () => {
    const workspace = imports.filter(({ specifier }) => specifier.startsWith('@relaxlab/'));
    expect(workspace.filter(({ specifier }) => !publicEntries(packageOf(specifier)).includes(specifier))).toEqual([]);
  });

  test('no relative import leaves the package', () => {
    const outside = imports.filter(
      ({ file, specifier }) =>
        specifier.startsWith('.') && relative(join(PACKAGES, pkg), resolve(ROOT, file, '..', specifier)).startsWith('..'),
    );
    expect(outside).toEqual([]);
  });
});

test('the extension reads through @relaxlab/io/browser (no Node built-ins in its bundle), never the Node entry', () => {
  const specifiers = importsOf('jupyterlab').map(({ specifier }) => specifier);
  expect(specifiers).toEqual(expect.arrayContaining(['@relaxlab/core', '@relaxlab/io/browser']));
  expect(specifiers).not.toContain('@relaxlab/io');
});
