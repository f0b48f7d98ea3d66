/**
 * The RelaxLab lab in a real browser for the end-to-end tests: Debian's Chromium driven by
 * playwright-core, the lab server (scripts/lab.js) started and stopped by the test on
 * 127.0.0.1 with the token off (loopback only), serving a scratch root under test-artifacts/
 * (copies of the notebooks, the examples linked), so the committed notebooks are never saved
 * over and no checkpoint folders appear in the repo.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

// plain CommonJS shared with npm start (no types)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lab = require('../../scripts/lab.js') as {
  BUILD_MARKER: string;
  missingLab: () => string[];
  startLab: (options: {
    port?: number;
    token?: string;
    rootDir?: string;
    timeout_ms?: number;
    workspacesDir?: string;
  }) => Promise<LabServer>;
  stopLab: (server: LabServer) => Promise<void>;
  get: (url: string) => Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require('../../scripts/jupyter-env.js') as {
  ROOT: string;
  APT_COMMAND: string;
  KERNEL_JSON: string;
  registeredKernel(): unknown;
};

export interface LabServer {
  pid: number;
  port: number;
  base: string;
  url: string;
  example: string;
  token: string;
  process: import('child_process').ChildProcess;
  output(): string;
}

export const ROOT = jupyter.ROOT;
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = '/usr/bin/chromium';
export const { startLab, stopLab, get } = lab;

/** Why the browser tests cannot run here, with the command that fixes it; undefined when they can. */
export function browserEnvironmentProblem(): string | undefined {
  const missing = lab.missingLab();
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} not found`);
  if (missing.length) return `${missing.join('; ')}. Install Debian's packages:\n  ${jupyter.APT_COMMAND}`;
  if (!jupyter.registeredKernel()) return `the tslab kernel is not registered at ${jupyter.KERNEL_JSON}: run npm run kernel:install`;
  if (!existsSync(lab.BUILD_MARKER)) return `${lab.BUILD_MARKER} is missing: npm run build`;
  return undefined;
}

/** Flags from ../shared/NOTES-jupyter.md: headless, no sandbox (root), no network side traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A scratch server root: notebooks/ holds copies of the templates plus `extra` notebooks
 * (name → cells' sources), examples/ links to the repo's examples, so the templates' relative
 * paths (../examples/...) resolve; it sits under the repo root, where tslab finds node_modules.
 */
export function scratchRoot(name: string, extra: Record<string, string[]> = {}): string {
  const root = join(ARTIFACTS, `${name}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'notebooks'), { recursive: true });
  for (const file of readdirSync(join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb'))) {
    copyFileSync(join(ROOT, 'notebooks', file), join(root, 'notebooks', file));
  }
  symlinkSync(join(ROOT, 'examples'), join(root, 'examples'));
  for (const [file, sources] of Object.entries(extra)) {
    const cells = sources.map((source, i) => ({
      cell_type: 'code',
      id: `cell-${i}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source,
    }));
    const notebook = {
      cells,
      metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(join(root, 'notebooks', file), JSON.stringify(notebook, null, 1));
  }
  return root;
}

/** Wait until index.js has started JupyterLab and restored the layout. */
export async function waitForLab(page: Page, timeout = 30000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.relaxlabStarted === 'true', null, { timeout });
}

/**
 * Open (or focus) a notebook and wait until it can run: its file loaded, its session and
 * kernel up and the kernel's info received (run-all before that races the kernel's start).
 */
export async function openNotebook(page: Page, path: string, timeout = 30000): Promise<void> {
  await page.evaluate(
    async ({ path, timeout }) => {
      const app = (window as any).jupyterapp;
      const panel = await app.commands.execute('docmanager:open', { path, factory: 'Notebook', kernel: { name: 'tslab' } });
      const deadline = Date.now() + timeout;
      await panel.context.ready;
      await panel.sessionContext.ready;
      while (!panel.sessionContext.session?.kernel) {
        if (Date.now() > deadline) throw new Error(`no kernel for ${path} after ${timeout} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await panel.sessionContext.session.kernel.info;
      app.shell.activateById(panel.id);
    },
    { path, timeout },
  );
}

/**
 * Start running every cell of the active notebook; the returned function waits for the run to
 * end (JupyterLab's run-all resolves when the last cell has executed).
 */
export async function runAllCells(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const w = window as any;
    w.relaxlabRun = w.jupyterapp.commands.execute('notebook:run-all-cells');
  });
  return () => page.evaluate(async () => Boolean(await (window as any).relaxlabRun));
}

/** Run a JupyterLab command; the page returns nothing (a widget would not serialize). */
export async function command(page: Page, id: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    async ({ id, args }) => {
      await (window as any).jupyterapp.commands.execute(id, args);
    },
    { id, args },
  );
}

/** The sources of the active notebook's cells. */
export function cellSources(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    return panel.content.widgets.map((cell: any) => cell.model.sharedModel.getSource());
  });
}

/** Save a screenshot to test-artifacts/<name>.png and return its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
