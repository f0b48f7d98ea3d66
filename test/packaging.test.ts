/**
 * RelaxLab from someone else's project (issue 18 item 2), exactly as the README's "In your own
 * project" says: every package is packed (`npm pack`, which runs each package's prepack build), the
 * tarballs are installed with `npm install` into a fresh folder outside the repository (third-party
 * dependencies from the registry or npm's cache, as for any user), and there
 *   - an ES-module script and a CommonJS script fit the 17O LAMOX example and print T1 (the same
 *     number as this repository's sources give, and one module instance for import and require),
 *   - TypeScript type-checks a file using fitTransient, fitArrhenius and show against the shipped
 *     declarations with `node16` (a CommonJS and an ES-module file) and `bundler` resolution,
 *   - `npx relaxlab kernel install --prefix …` registers the project's tslab, and a notebook in a
 *     subfolder imports @relaxlab/kernel from the project and shows a result (nbconvert --execute).
 * One pack and one install (beforeAll) serve every check. Not in the unit tier (jest.config.js).
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { fitTransient, formatEstimate, RELAXLAB_RESULT_MIME } from '@relaxlab/core';
import { readTransientFile } from '@relaxlab/io';
import { cell, displaysOf, executeNotebook, stdoutOf } from './support/notebooks';

const ROOT = join(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples', '17O-satrec-lamox', 'ct1t2.txt');
// plain CommonJS scripts of the repository
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packAll } = require('../scripts/pack.js') as {
  packAll: (dest: string) => Array<{ name: string; file: string; size: number; files: string[] }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require('../scripts/jupyter-env.js') as { JUPYTER: string; APT_COMMAND: string; missingJupyter: () => string[] };

/** The packages a Node project installs; @relaxlab/jupyterlab is for JupyterLab builds and is only inspected. */
const NODE_PACKAGES = ['@relaxlab/core', '@relaxlab/io', '@relaxlab/plots', '@relaxlab/kernel', '@relaxlab/cli'];
const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The scripts of the README's "In your own project": fit the example, print T1 (and, for the test, the numbers as JSON). */
const ESM_SCRIPT = `import { readTransientFile } from '@relaxlab/io';
import { fitTransient, formatEstimate, InputError } from '@relaxlab/core';
import { createRequire } from 'module';

const fit = fitTransient(readTransientFile(process.argv[2]), { model: 'saturation-recovery' });
console.log(\`T1 = \${formatEstimate(fit.params.T1, 's')}\`);
const require = createRequire(import.meta.url);
// every entry's ES-module names are its CommonJS names (none lost by Node's linking of the .mjs re-exports)
const entries = ['@relaxlab/core', '@relaxlab/io', '@relaxlab/io/browser', '@relaxlab/io/nist', '@relaxlab/plots', '@relaxlab/kernel'];
const names = {};
for (const entry of entries) {
  const esm = Object.keys(await import(entry)).filter((name) => name !== 'default').sort();
  names[entry] = { esm: esm.length, same: esm.join() === Object.keys(require(entry)).sort().join() };
}
const oneInstance = require('@relaxlab/core').InputError === InputError;
console.log(JSON.stringify({ T1: fit.params.T1, resolved: import.meta.resolve('@relaxlab/core'), oneInstance, names }));
`;
const CJS_SCRIPT = `const { readTransientFile } = require('@relaxlab/io');
const { fitTransient, formatEstimate } = require('@relaxlab/core');

const fit = fitTransient(readTransientFile(process.argv[2]), { model: 'saturation-recovery' });
console.log(\`T1 = \${formatEstimate(fit.params.T1, 's')}\`);
console.log(JSON.stringify({ T1: fit.params.T1, resolved: require.resolve('@relaxlab/core') }));
`;
/** Type-checked only (tsc --noEmit); the @ts-expect-error line fails the check if the declarations degrade to `any`. */
const TS_CHECK = `import { fitTransient, fitArrhenius, show } from '@relaxlab/kernel';
import type { ArrheniusResult, FitResult } from '@relaxlab/kernel';

const fit: FitResult = fitTransient({ experiment: 'T1-saturation', delay_s: [1e-3, 2e-3, 4e-3, 8e-3], signal: [0.3, 0.5, 0.8, 0.95] });
const line: ArrheniusResult = fitArrhenius({ temperature_K: [300, 320, 340], value: [10, 21, 40] });
show(fit, { sample: 'LAMOX' });
show(line);
const T1_s: number = fit.params.T1.value;
const Ea_eV: number = line.activationEnergy_eV.value;
console.log(T1_s, Ea_eV);
// @ts-expect-error temperatures are numbers
fitArrhenius({ temperature_K: ['300'], value: [1] });
`;
const tsconfig = (module: string, moduleResolution: string, files: string[]) =>
  JSON.stringify({
    compilerOptions: { module, moduleResolution, target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
    files,
  });
const NOTEBOOK = {
  cells: [
    { id: 'import', source: 'import * as rl from "@relaxlab/kernel";\nconsole.log(require.resolve("@relaxlab/kernel"));' },
    {
      id: 'fit',
      source:
        'const fit = rl.fitTransient(rl.readTransient("../data/ct1t2.txt"), { model: "saturation-recovery" });\nrl.show(fit, { sample: "LAMOX 17O" });',
    },
  ].map((c) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], ...c })),
  metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
  nbformat: 4,
  nbformat_minor: 5,
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}
function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0)
    throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-3000)}`);
  return result.stdout;
}

describe('the packed packages in a project outside the repository (npm pack → npm install)', () => {
  let scratch: string;
  let project: string;
  let packed: ReturnType<typeof packAll>;
  const seconds: Record<string, number> = {};
  const timed = <T>(step: string, f: () => T): T => {
    const started = Date.now();
    try {
      return f();
    } finally {
      seconds[step] = (Date.now() - started) / 1000;
    }
  };
  // what this repository's own sources give for the example
  const reference = fitTransient(readTransientFile(EXAMPLE), { model: 'saturation-recovery' });

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'relaxlab-project-'));
    project = join(scratch, 'my-analysis');
    mkdirSync(join(project, 'data'), { recursive: true });
    copyFileSync(EXAMPLE, join(project, 'data', 'ct1t2.txt'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-analysis', private: true }, null, 2));
    packed = timed('npm pack', () => packAll(join(scratch, 'tarballs')));
    const tarballs = NODE_PACKAGES.map((name) => packed.find((p) => p.name === name)!.file);
    // the TypeScript and Node types a user would add, at the versions this repository builds with (in npm's cache)
    const tools = [`typescript@${installedVersion('typescript')}`, `@types/node@${installedVersion('@types/node')}`];
    timed('npm install', () =>
      ok(
        run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs, ...tools], project),
        'npm install',
      ),
    );
  }, 400_000);

  afterAll(() => {
    process.stdout.write(
      `packaging: ${Object.entries(seconds)
        .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
        .join(', ')}\n`,
    );
    if (scratch && !process.env.RELAXLAB_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  });

  test('the project is outside the repository, and its @relaxlab packages are the tarballs (no link into the repository)', () => {
    expect(relative(ROOT, project).startsWith('..')).toBe(true);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string; link?: boolean }>;
    };
    for (const name of NODE_PACKAGES) {
      const entry = lock.packages[`node_modules/${name}`];
      expect({ name, link: entry.link ?? false, resolved: entry.resolved?.endsWith('.tgz') }).toEqual({
        name,
        link: false,
        resolved: true,
      });
    }
  });

  test('every tarball holds each file its exports map names, and no build state', () => {
    for (const p of packed) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', p.name.split('/')[1], 'package.json'), 'utf8')) as {
        exports: Record<string, unknown>;
      };
      const targets = (value: unknown): string[] =>
        typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(targets) : [];
      const named = Object.values(manifest.exports)
        .flatMap(targets)
        .filter((t) => !t.includes('*'))
        .map((t) => t.replace(/^\.\//, ''));
      expect({ name: p.name, missing: named.filter((file) => !p.files.includes(file)) }).toEqual({ name: p.name, missing: [] });
      expect(p.files.filter((file) => /tsbuildinfo|\.test\.ts$|(^|\/)test\//.test(file))).toEqual([]);
    }
    const extension = packed.find((p) => p.name === '@relaxlab/jupyterlab')!;
    expect(extension.files).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', 'style/index.css', 'schema/plugin.json']));
    expect(extension.files.filter((file) => file.startsWith('relaxlab_jupyterlab/'))).toEqual([]);
  });

  test.each([
    ['ES module', 'fit.mjs', ESM_SCRIPT, 'dist/index.mjs'],
    ['CommonJS', 'fit.cjs', CJS_SCRIPT, 'dist/index.js'],
  ])(
    'a %s script fits the 17O example and prints T1 as the sources do',
    (_kind, file, source, entry) => {
      writeFileSync(join(project, file), source);
      const stdout = timed(file, () => ok(run(process.execPath, [file, 'data/ct1t2.txt'], project), `node ${file}`));
      const [line, json] = stdout.trim().split('\n');
      expect(line).toBe(`T1 = ${formatEstimate(reference.params.T1, 's')}`);
      const printed = JSON.parse(json) as {
        T1: { value: number; stderr: number };
        resolved: string;
        oneInstance?: boolean;
        names?: Record<string, { esm: number; same: boolean }>;
      };
      expect(printed.T1.value).toBe(reference.params.T1.value);
      expect(printed.T1.stderr).toBe(reference.params.T1.stderr);
      expect(printed.resolved.replace(/^file:\/\//, '')).toBe(join(project, 'node_modules', '@relaxlab', 'core', entry));
      if (file.endsWith('.mjs')) {
        expect(printed.oneInstance).toBe(true);
        for (const [entry, { esm, same }] of Object.entries(printed.names!))
          expect({ entry, same, some: esm > 5 }).toEqual({ entry, same: true, some: true });
      }
      process.stdout.write(`packaging: node ${file}: ${line}\n`);
    },
    60_000,
  );

  test.each([
    ['node16', 'node16', ['check.ts', 'check.mts'], ['dist/index.d.ts', 'dist/index.d.mts']],
    ['bundler', 'esnext', ['check.ts'], ['dist/index.d.mts']],
  ])(
    'TypeScript (%s resolution) type-checks fitTransient, fitArrhenius and show against the shipped declarations',
    (resolution, module, files, declarations) => {
      for (const file of files) writeFileSync(join(project, file), TS_CHECK);
      const config = `tsconfig.${resolution}.json`;
      writeFileSync(join(project, config), tsconfig(module, resolution, files));
      const trace = timed(`tsc ${resolution}`, () =>
        ok(run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', config, '--traceResolution'], project), `tsc -p ${config}`),
      );
      // where the import of '@relaxlab/kernel' led: from CommonJS files index.d.ts, from ES modules and bundlers index.d.mts
      const kernel = join(project, 'node_modules', '@relaxlab', 'kernel');
      const resolved = [...trace.matchAll(/Module name '@relaxlab\/kernel' was successfully resolved to '([^']+)'/g)].map((m) => m[1]);
      const used = [...new Set(resolved)].map((f) => relative(kernel, f));
      expect(used.sort()).toEqual([...declarations].sort());
    },
    120_000,
  );

  test("npx relaxlab kernel install registers the project's tslab, and a notebook there imports @relaxlab/kernel and shows a result", () => {
    const missing = jupyter.missingJupyter();
    if (missing.length)
      throw new Error(`cannot run the notebook: Jupyter is not installed (${missing.join('; ')}):\n  ${jupyter.APT_COMMAND}`);
    const prefix = join(scratch, 'jupyter-prefix');
    const installed = JSON.parse(
      ok(run('npx', ['--no', '--', 'relaxlab', 'kernel', 'install', '--prefix', prefix, '--json'], project), 'relaxlab kernel install'),
    ) as {
      kernelspec: string;
      argv: string[];
      relaxlabKernel: string;
    };
    expect(installed.kernelspec).toBe(join(prefix, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'));
    expect(JSON.parse(readFileSync(installed.kernelspec, 'utf8')).argv).toEqual(installed.argv);
    expect(installed.argv.slice(0, 3)).toEqual([process.execPath, join(project, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel']);
    expect(installed.relaxlabKernel).toBe(join(project, 'node_modules', '@relaxlab', 'kernel'));

    // only the project's kernel on the path (not this repository's .jupyter-prefix)
    const env = { ...process.env, JUPYTER_PATH: join(prefix, 'share', 'jupyter') };
    const specs = JSON.parse(ok(run(jupyter.JUPYTER, ['kernelspec', 'list', '--json'], project, env), 'jupyter kernelspec list')) as {
      kernelspecs: Record<string, { resource_dir: string }>;
    };
    expect(specs.kernelspecs.tslab.resource_dir).toBe(join(prefix, 'share', 'jupyter', 'kernels', 'tslab'));

    mkdirSync(join(project, 'analysis'));
    writeFileSync(join(project, 'analysis', 't1.ipynb'), JSON.stringify(NOTEBOOK, null, 1));
    const { notebook: executed } = timed('notebook', () =>
      executeNotebook(join('analysis', 't1.ipynb'), { cwd: project, env, cellTimeout_s: 60 }),
    );
    expect(stdoutOf(cell(executed, 'import')).trim()).toBe(join(project, 'node_modules', '@relaxlab', 'kernel', 'dist', 'index.js'));
    const shown = displaysOf(cell(executed, 'fit')).filter((d) => RELAXLAB_RESULT_MIME in d);
    expect(shown).toHaveLength(1);
    const payload = shown[0][RELAXLAB_RESULT_MIME] as { kind: string; sample: string; params: { T1: { value: number } } };
    expect({ kind: payload.kind, sample: payload.sample }).toEqual({ kind: 'FitResult', sample: 'LAMOX 17O' });
    expect(payload.params.T1.value).toBe(reference.params.T1.value);
    expect(existsSync(join(project, 'analysis', 't1.ipynb'))).toBe(true);
  }, 180_000);
});
