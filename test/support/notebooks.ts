/**
 * Running notebooks headless with the real tslab kernel, as CI does:
 * `/usr/bin/jupyter nbconvert --to notebook --execute`, output to a temporary folder (the
 * committed notebook is never rewritten). nbconvert runs the kernel in the notebook's folder.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

// shared with scripts/kernel-install.js (plain CommonJS, no types)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require('../../scripts/jupyter-env.js') as {
  ROOT: string;
  JUPYTER: string;
  KERNEL_JSON: string;
  APT_COMMAND: string;
  missingJupyter(): string[];
  registeredKernel(): unknown;
  jupyterEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
};

export const ROOT: string = jupyter.ROOT;

/** Why notebooks cannot run here, with the command that fixes it; undefined when they can. */
export function notebookEnvironmentProblem(): string | undefined {
  const missing = jupyter.missingJupyter();
  if (missing.length) {
    return `Jupyter is not installed (${missing.join('; ')}). Install Debian's Jupyter packages:\n  ${jupyter.APT_COMMAND}\nthen: npm run kernel:install`;
  }
  if (!jupyter.registeredKernel()) return `the tslab kernel is not registered at ${jupyter.KERNEL_JSON}: run npm run kernel:install`;
  const dist = join(ROOT, 'packages', 'kernel', 'dist', 'index.js');
  if (!existsSync(dist)) return `${dist} is missing: notebooks import the built packages (npx tsc -b, or npm test which builds)`;
  return undefined;
}

export interface NotebookOutput {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

export interface NotebookCell {
  id: string;
  cell_type: 'code' | 'markdown';
  source: string | string[];
  execution_count?: number | null;
  outputs?: NotebookOutput[];
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: { kernelspec?: { name: string } };
}

export interface ExecutedNotebook {
  notebook: Notebook;
  seconds: number;
}

export const text = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join('') : (value ?? ''));

/**
 * Execute a notebook; throws with nbconvert's message when any cell fails. `path` is relative to
 * `cwd` (default the repository, with its tslab kernel on JUPYTER_PATH); `env` replaces that environment.
 */
export function executeNotebook(
  path: string,
  options: { cellTimeout_s?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ExecutedNotebook {
  const outDir = mkdtempSync(join(tmpdir(), 'relaxlab-nb-'));
  const outName = basename(path);
  const started = Date.now();
  const run = spawnSync(
    jupyter.JUPYTER,
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      `--ExecutePreprocessor.timeout=${options.cellTimeout_s ?? 20}`,
      path,
      '--output-dir',
      outDir,
      '--output',
      outName,
    ],
    { cwd: options.cwd ?? ROOT, env: options.env ?? jupyter.jupyterEnv(), encoding: 'utf8', timeout: 120_000 },
  );
  const seconds = (Date.now() - started) / 1000;
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(`nbconvert --execute ${path} failed (exit ${run.status}):\n${run.stderr.split('\n').slice(-30).join('\n')}`);
  }
  return { notebook: JSON.parse(readFileSync(join(outDir, outName), 'utf8')) as Notebook, seconds };
}

export function cell(notebook: Notebook, id: string): NotebookCell {
  const found = notebook.cells.find((c) => c.id === id);
  if (!found) throw new Error(`no cell with id ${id}`);
  return found;
}

/** All stdout of a cell. */
export function stdoutOf(c: NotebookCell): string {
  return (c.outputs ?? [])
    .filter((o) => o.output_type === 'stream' && o.name === 'stdout')
    .map((o) => text(o.text))
    .join('');
}

export function displaysOf(c: NotebookCell): Array<Record<string, unknown>> {
  return (c.outputs ?? []).filter((o) => o.output_type === 'display_data').map((o) => o.data ?? {});
}
