/**
 * The pip-installable JupyterLab extension (issue 18 item 3): the wheel builds offline with
 * Debian's hatchling, installs with pip into a virtual environment, and puts the prebuilt
 * labextension where JupyterLab 4 looks for it, share/jupyter/labextensions/@relaxlab/jupyterlab
 * in the environment's prefix (package.json, static/, install.json), which is a data path of that
 * environment's Jupyter. test/browser-prebuilt.test.ts starts the RelaxLab lab from such an
 * environment. Needs the built labextension (npm run build makes it); not in the unit tier.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { DISTRIBUTION, PROJECT, run, WheelEnvironment, wheelEnvironment } from './support/wheel';

const BUILT = join(PROJECT, 'relaxlab_jupyterlab', 'labextension');
const VERSION = (JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string }).version;

/** Every file below a folder, relative to it, sorted. */
function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

describe('pip install relaxlab_jupyterlab into a virtual environment', () => {
  let environment: WheelEnvironment;

  beforeAll(() => {
    if (!existsSync(join(BUILT, 'package.json')))
      throw new Error(`${BUILT} is missing: npm run build:labextension (npm run build makes it)`);
    environment = wheelEnvironment();
    const s = environment.seconds;
    process.stdout.write(`wheel: pip wheel ${s.wheel.toFixed(1)} s, venv ${s.venv.toFixed(1)} s, pip install ${s.install.toFixed(1)} s\n`);
  }, 180_000);

  afterAll(() => {
    if (environment) rmSync(environment.root, { recursive: true, force: true });
  });

  test('the wheel is the pure-Python distribution of the npm version, with the labextension once, as shared data', () => {
    expect(environment.wheel.endsWith(`${DISTRIBUTION}-${VERSION}-py3-none-any.whl`)).toBe(true);
    const names = run(
      environment.python,
      ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', environment.wheel],
      'list the wheel',
    )
      .trim()
      .split('\n');
    const shared = `${DISTRIBUTION}-${VERSION}.data/data/share/jupyter/labextensions/@relaxlab/jupyterlab/`;
    expect(names).toEqual(expect.arrayContaining([`${shared}package.json`, `${shared}install.json`, `${DISTRIBUTION}/__init__.py`]));
    expect(
      names
        .filter((n) => n.startsWith(shared))
        .map((n) => n.slice(shared.length))
        .filter((n) => n !== 'install.json')
        .sort(),
    ).toEqual(listFiles(BUILT));
    // not a second copy inside the Python module
    expect(names.filter((n) => n.startsWith(`${DISTRIBUTION}/labextension/`))).toEqual([]);
  });

  test('installed: share/jupyter/labextensions/@relaxlab/jupyterlab holds package.json, static/ and install.json, as built', () => {
    const dir = environment.labextension;
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      jupyterlab: { _build: { load: string } };
    };
    expect({ name: meta.name, version: meta.version }).toEqual({ name: '@relaxlab/jupyterlab', version: VERSION });
    expect(existsSync(join(dir, meta.jupyterlab._build.load))).toBe(true);
    expect(readdirSync(join(dir, 'static')).length).toBeGreaterThan(2);
    expect(JSON.parse(readFileSync(join(dir, 'install.json'), 'utf8'))).toEqual({
      packageManager: 'python',
      packageName: DISTRIBUTION,
      uninstallInstructions: expect.stringContaining(DISTRIBUTION),
    });
    expect(listFiles(dir).filter((f) => f !== 'install.json')).toEqual(listFiles(BUILT));
    for (const file of ['package.json', meta.jupyterlab._build.load])
      expect(readFileSync(join(dir, file))).toEqual(readFileSync(join(BUILT, file)));
  });

  test("the environment's Jupyter lists that folder among its data paths (jupyter --paths), and the module names the extension", () => {
    const paths = JSON.parse(run(environment.python, ['-m', 'jupyter', '--paths', '--json'], 'jupyter --paths')) as { data: string[] };
    expect(paths.data).toContain(environment.dataDir);
    const module = JSON.parse(
      run(
        environment.python,
        ['-c', `import json, ${DISTRIBUTION} as m; print(json.dumps([m.__version__, m._jupyter_labextension_paths()]))`],
        'import',
      ),
    );
    expect(module).toEqual([VERSION, [{ src: 'labextension', dest: '@relaxlab/jupyterlab' }]]);
  });
});

test('without the built labextension the wheel build stops and says how to build it', () => {
  // a copy of the Python project without relaxlab_jupyterlab/labextension
  const copy = mkdtempSync(join(tmpdir(), 'relaxlab-wheel-source-'));
  try {
    mkdirSync(join(copy, 'relaxlab_jupyterlab'));
    for (const file of [
      'pyproject.toml',
      'install.json',
      'hatch_build.py',
      'package.json',
      'README.md',
      'LICENSE',
      'relaxlab_jupyterlab/__init__.py',
    ])
      copyFileSync(join(PROJECT, file), join(copy, file));
    expect(() =>
      run(
        '/usr/bin/python3',
        ['-m', 'pip', 'wheel', '--no-build-isolation', '--no-deps', '--no-index', '-w', join(copy, 'out'), copy],
        'pip wheel',
      ),
    ).toThrow(/labextension\/package\.json is missing: build the labextension first \(npm run build:labextension/);
    expect(existsSync(join(copy, 'out')) ? readdirSync(join(copy, 'out')) : []).toEqual([]);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);
