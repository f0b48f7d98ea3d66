/**
 * `relaxlab kernel install [--user | --sys-prefix | --prefix DIR] [--python PATH] [--json]`: register
 * the TypeScript kernel (tslab, which @relaxlab/kernel installs) with Jupyter, so notebooks in this
 * project run `import * as rl from "@relaxlab/kernel"`, and say what was done.
 *
 * The kernelspec is the one `tslab install` writes (name "tslab", display name "TypeScript", the
 * name RelaxLab's notebook templates ask for), with one difference: it starts tslab with the
 * absolute path of the Node that ran this command and of the project's tslab, instead of `tslab`
 * looked up on PATH, so a Jupyter started from a desktop launcher or a Python environment without
 * Node on its PATH still starts the kernel. Jupyter's own KernelSpecManager (the Python that runs
 * Jupyter) installs it, as `jupyter kernelspec install` does.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import type { Command } from 'commander';
import { InputError } from '@relaxlab/core';
import { printJson, printOut, printWarning } from '../output';

export interface KernelInstallOptions {
  user?: boolean;
  sysPrefix?: boolean;
  prefix?: string;
  python?: string;
  /** The project folder where tslab and @relaxlab/kernel are installed (default: the current folder). */
  project?: string;
  json?: boolean;
}

export interface KernelInstallResult {
  kernel: 'tslab';
  display_name: 'TypeScript';
  /** Where the kernelspec went: 'user', 'sys-prefix' or 'prefix'. */
  scope: 'user' | 'sys-prefix' | 'prefix';
  kernelspec: string;
  argv: string[];
  python: string;
  tslab: { version: string; folder: string };
  /** Where @relaxlab/kernel resolves from the project folder (undefined: not installed there). */
  relaxlabKernel?: string;
}

/** Debian's Jupyter lives under /usr/bin/python3; a `python3` earlier on PATH may have none. */
const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3', 'python'];

/** Installs a kernelspec folder with jupyter_client (argv[1]: kernel.json text, argv[2]: scope, argv[3]: prefix). */
const INSTALL_SCRIPT = `
import json, os, sys, tempfile
from jupyter_client.kernelspec import KernelSpecManager
spec, scope, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
if scope == "sys-prefix":
    prefix = sys.prefix
with tempfile.TemporaryDirectory() as folder:
    os.chmod(folder, 0o755)
    with open(os.path.join(folder, "kernel.json"), "w") as out:
        out.write(spec)
    print(KernelSpecManager().install_kernel_spec(folder, "tslab", user=(scope == "user"), prefix=prefix or None, replace=True))
`;

function resolveFrom(project: string, request: string): string | undefined {
  try {
    return require.resolve(request, { paths: [project] });
  } catch {
    return undefined;
  }
}

/** The first Python that can import jupyter_client: the one given, else /usr/bin/python3, python3, python. */
function findPython(given: string | undefined): string {
  const candidates = given ? [given] : PYTHON_CANDIDATES;
  for (const python of candidates) {
    if (spawnSync(python, ['-c', 'import jupyter_client'], { encoding: 'utf8' }).status === 0) return python;
  }
  throw new InputError('no Python with Jupyter', {
    field: '--python',
    expected:
      'a Python that can import jupyter_client (the one that runs your Jupyter: pip install jupyterlab, or Debian: apt-get install jupyter-client python3-ipykernel)',
    found: given ? `${given} cannot import it` : `none of ${PYTHON_CANDIDATES.join(', ')} can import it`,
  });
}

/** Register the kernel; returns what was written. Throws InputError when tslab or Jupyter is missing. */
export function installKernel(options: KernelInstallOptions): KernelInstallResult {
  const scopes = [options.user && 'user', options.sysPrefix && 'sys-prefix', options.prefix !== undefined && 'prefix'].filter(Boolean);
  if (scopes.length > 1) {
    throw new InputError('choose one place for the kernel', { field: '--user/--sys-prefix/--prefix', found: scopes.join(' and ') });
  }
  const scope = (scopes[0] || 'user') as KernelInstallResult['scope'];
  const project = resolve(options.project ?? process.cwd());
  const tslabManifest = resolveFrom(project, 'tslab/package.json');
  if (!tslabManifest) {
    throw new InputError('tslab is not installed here', {
      source: project,
      field: 'node_modules/tslab',
      expected: 'the TypeScript kernel, which @relaxlab/kernel brings: npm install @relaxlab/kernel in this folder first',
    });
  }
  const tslab = dirname(tslabManifest);
  const manifest = JSON.parse(readFileSync(tslabManifest, 'utf8')) as { version: string; bin: Record<string, string> };
  const script = join(tslab, manifest.bin.tslab);
  if (!existsSync(script)) throw new InputError('tslab has no command', { source: tslabManifest, field: 'bin.tslab', found: script });
  const argv = [process.execPath, script, 'kernel', '--config-path', '{connection_file}'];
  const spec = { argv, display_name: 'TypeScript', language: 'typescript' };

  const python = findPython(options.python);
  const prefix = scope === 'prefix' ? resolve(options.prefix as string) : '';
  const run = spawnSync(python, ['-c', INSTALL_SCRIPT, JSON.stringify(spec, null, 1), scope, prefix], { encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`${python}: installing the kernelspec failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const folder = run.stdout.trim().split('\n').pop() as string;
  const relaxlabKernel = resolveFrom(project, '@relaxlab/kernel/package.json');
  return {
    kernel: 'tslab',
    display_name: 'TypeScript',
    scope,
    kernelspec: join(folder, 'kernel.json'),
    argv,
    python,
    tslab: { version: manifest.version, folder: tslab },
    ...(relaxlabKernel && { relaxlabKernel: dirname(relaxlabKernel) }),
  };
}

const SCOPE_TEXT = { user: 'for your user', 'sys-prefix': "in the Python environment's prefix", prefix: 'under the prefix given' };

export function registerKernel(program: Command): Command {
  const kernel = program.command('kernel').description('the TypeScript notebook kernel (tslab) for Jupyter');
  kernel
    .command('install')
    .description('register the TypeScript kernel (tslab from this folder) with Jupyter, so notebooks can import @relaxlab/kernel')
    .option('--user', "install in the user's Jupyter data folder (default)")
    .option('--sys-prefix', "install in the Jupyter Python's sys.prefix (a virtual environment or conda env)")
    .option('--prefix <dir>', 'install in <dir>/share/jupyter/kernels (then add <dir>/share/jupyter to JUPYTER_PATH)')
    .option(
      '--python <path>',
      'the Python that runs your Jupyter (default: the first of /usr/bin/python3, python3, python that has jupyter_client)',
    )
    .option('--json', 'print what was installed as one JSON document')
    .action((options: KernelInstallOptions) => {
      const result = installKernel(options);
      if (options.json) return printJson(result);
      printOut(
        [
          `registered the TypeScript kernel "tslab" ${SCOPE_TEXT[result.scope]} (with ${result.python}'s jupyter_client):`,
          `  kernelspec  ${result.kernelspec}`,
          `  runs        ${result.argv.join(' ')}`,
          `  tslab       ${result.tslab.version} in ${result.tslab.folder}`,
          'Choose "TypeScript" as the kernel of a notebook; in it: import * as rl from "@relaxlab/kernel"',
          `(found from the notebook's folder: keep notebooks in ${resolve(options.project ?? process.cwd())} or below).`,
          result.scope === 'prefix'
            ? `Jupyter finds it with JUPYTER_PATH=${join(resolve(options.prefix as string), 'share', 'jupyter')}.`
            : '',
          'Check: jupyter kernelspec list',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      if (!result.relaxlabKernel) printWarning('@relaxlab/kernel is not installed in this folder: npm install @relaxlab/kernel');
    });
  return kernel;
}
