/**
 * @relaxlab/io's two entries (package.json `exports`): the browser entry reaches no Node module
 * through any import, its own or @relaxlab/core's, so a browser bundle needs no stand-ins for
 * fs, path or crypto; the main entry (Node) has every parser of the browser entry, the same
 * functions, plus the file readers.
 */
import { builtinModules } from 'module';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';
import * as io from '@relaxlab/io';
import * as browser from '@relaxlab/io/browser';
import { ROOT } from './support';

const NODE_MODULES = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The source file a relative or workspace import names (packages/<name>/src for @relaxlab/<name>). */
function sourceOf(specifier: string, from: string): string | undefined {
  const workspace = /^@relaxlab\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(specifier);
  const base = workspace
    ? join(ROOT, 'packages', workspace[1], 'src', workspace[2] ?? 'index')
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : undefined;
  if (base === undefined) return undefined;
  const file = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
  if (!file) throw new Error(`${relative(ROOT, from)} imports ${specifier}, which resolves to no .ts file`);
  return file;
}

/** Every module reached from `entry` by its imports and re-exports, with the packages it imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const specifiers = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      const next = sourceOf(specifier, file);
      if (next) pending.push(next);
    }
  }
  return graph;
}

describe('@relaxlab/io/browser', () => {
  test('no module it reaches imports a Node built-in', () => {
    const graph = importGraph(join(ROOT, 'packages', 'io', 'src', 'browser.ts'));
    const nodeImports = [...graph].flatMap(([file, specifiers]) =>
      specifiers.filter((s) => NODE_MODULES.has(s)).map((s) => `${relative(ROOT, file)} imports ${s}`),
    );
    expect(nodeImports).toEqual([]);
    // the walk did reach the parsers and core (an empty graph would pass the check above)
    const reached = [...graph.keys()].map((file) => relative(ROOT, file));
    expect(reached).toEqual(
      expect.arrayContaining([
        'packages/io/src/delimited/parse.ts',
        'packages/io/src/impedance/parseImpedanceText.ts',
        'packages/core/src/index.ts',
      ]),
    );
  });

  test('a table parsed in the browser is the table the Node reader reads, without the file hash', () => {
    const path = join(ROOT, 'examples', 'mil121', 'conductivity', 'li-sigmaT.csv');
    const { sha256, ...fromFile } = io.readDelimitedFile(path);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(browser.parseDelimitedText(readFileSync(path, 'utf8'), { source: path })).toEqual(fromFile);
  });
});

describe('@relaxlab/io (Node)', () => {
  test('has every export of the browser entry, the same objects', () => {
    const names = Object.keys(browser);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => (io as Record<string, unknown>)[name] !== (browser as Record<string, unknown>)[name])).toEqual([]);
  });

  test('adds the file and folder readers, which the browser entry does not have', () => {
    const readers = [
      'readSourceFile',
      'readDelimitedFile',
      'readImpedanceFile',
      'readCt1t2File',
      'readT1intsFile',
      'readTransientFile',
      'readBrukerRelaxation',
      'readVtSeries',
      'readJcampRelaxation',
      'importRelaxationData',
    ];
    expect(readers.filter((name) => typeof (io as Record<string, unknown>)[name] !== 'function')).toEqual([]);
    expect(readers.filter((name) => name in browser)).toEqual([]);
  });
});
