/**
 * The extension uses RelaxLab's packages only through their public entries: the package itself
 * or a subpath its package.json `exports` lists (@relaxlab/io/browser), never files inside
 * dist/ or src/, which may move at any release.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const PACKAGES = join(__dirname, '..', '..');
const SRC = join(__dirname, '..', 'src');

function publicEntries(name: string): string[] {
  const manifest = JSON.parse(readFileSync(join(PACKAGES, name.replace('@relaxlab/', ''), 'package.json'), 'utf8'));
  const subpaths = manifest.exports ? Object.keys(manifest.exports).filter((key) => key !== './package.json') : ['.'];
  return subpaths.map((subpath) => (subpath === '.' ? name : `${name}/${subpath.slice(2)}`));
}

test('every @relaxlab import in packages/jupyterlab/src names a public entry', () => {
  const imports = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .flatMap((file) =>
      ts
        .preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true)
        .importedFiles.map((f) => f.fileName)
        .filter((specifier) => specifier.startsWith('@relaxlab/'))
        .map((specifier) => ({ file, specifier })),
    );
  expect(imports.map(({ specifier }) => specifier)).toEqual(expect.arrayContaining(['@relaxlab/core', '@relaxlab/io/browser']));
  const packageOf = (specifier: string) => specifier.split('/').slice(0, 2).join('/');
  expect(imports.filter(({ specifier }) => !publicEntries(packageOf(specifier)).includes(specifier))).toEqual([]);
});
