/**
 * `npm start` as a new user meets it: scripts/start-lab.js (what `npm start` runs after installing
 * and building; --no-build here, `npm test` has just built) prints the URL of the worked example
 * with its token; that notebook is a copy in the work folder, not the template; the lab answers
 * the URL and refuses the API without the token. Then, in Debian's Chromium at that URL, the lab
 * loads with nothing in the console, *Run All* runs the worked example to the end, the outputs
 * are saved into the copy, and notebooks/ is as git had it before. Stopping the script by its
 * PID stops the server. Needs Debian's Jupyter and Chromium like the other browser tests.
 *
 * A fresh lab, and none of the user's own: the copy goes to a scratch work folder under
 * test-artifacts/ (--work-dir; beside a link to examples/, which the worked example reads), and
 * the lab's settings and layout to scratch folders, so a user's work/ and open tabs are untouched.
 */
import { execFileSync, spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS,
  browserEnvironmentProblem,
  get,
  launchChromium,
  openNotebook,
  ROOT,
  runAllCells,
  screenshot,
  waitForLab,
} from './support/browser';

const RESULT_MIME = 'application/vnd.relaxlab.result+json';

const problem = browserEnvironmentProblem();
const optedOut = problem !== undefined && process.env.RELAXLAB_SKIP_BROWSER === '1' && !process.env.CI;
const describeStart = optedOut ? describe.skip : describe;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** What git says about notebooks/ and the bytes of every file there. */
function templatesState() {
  const status = execFileSync('git', ['status', '--porcelain', '--', 'notebooks/'], { cwd: ROOT, encoding: 'utf8' });
  const files = readdirSync(join(ROOT, 'notebooks'), { recursive: true, encoding: 'utf8' }).sort();
  const sha256 = (file: string) => {
    try {
      return createHash('sha256')
        .update(readFileSync(join(ROOT, 'notebooks', file)))
        .digest('hex');
    } catch {
      return 'folder';
    }
  };
  return { status, files: Object.fromEntries(files.map((file) => [file, sha256(file)])) };
}

interface Notebook {
  cells: Array<{
    cell_type: string;
    execution_count?: number | null;
    outputs?: Array<{ output_type: string; name?: string; data?: Record<string, unknown> }>;
  }>;
}

describeStart('npm start (scripts/start-lab.js): the worked example as a new user runs it', () => {
  const scratch = join(ARTIFACTS, `npm-start-${process.pid}`);
  const workDir = join(scratch, 'work');
  let child: ChildProcess | undefined;
  let printed = '';
  let stderr = '';
  let browser: Browser | undefined;
  let page: Page;
  let before: ReturnType<typeof templatesState>;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];

  const address = () => /^\s+(http:\/\/127\.0\.0\.1:\d+\/lab\/tree\/(\S+\.ipynb)\?token=([0-9a-f]{48}))$/m.exec(printed);

  beforeAll(async () => {
    if (problem) throw new Error(`cannot start the lab: ${problem}`);
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    symlinkSync(join(ROOT, 'examples'), join(scratch, 'examples'));
    before = templatesState();
    child = spawn(
      process.execPath,
      [join(ROOT, 'scripts', 'start-lab.js'), '--no-build', '--no-browser', '--port', '0', '--work-dir', workDir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, RELAXLAB_WORKSPACES_DIR: join(scratch, 'workspaces'), JUPYTER_CONFIG_DIR: join(scratch, 'config') },
      },
    );
    child.stderr!.on('data', (c) => (stderr += c));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed in 45 s:\n${printed}\n${stderr}`)), 45_000);
      child!.stdout!.on('data', (c) => {
        printed += c;
        if (/Stop with Ctrl\+C/.test(printed)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${printed}\n${stderr}`)));
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  }, 30_000);

  test('prints the URL of a copy of the worked example in the work folder, with the token; serves it with token authentication', async () => {
    const url = address();
    expect(url).not.toBeNull();
    const [, link, path, token] = url!;
    const copy = `${workDir.slice(ROOT.length + 1)}/07-mil121-worked-example.ipynb`;
    expect(path).toBe(copy);
    expect(printed).toContain(`${copy} is your copy of notebooks/07-mil121-worked-example.ipynb, made now`);
    expect(readFileSync(join(ROOT, copy), 'utf8')).toBe(readFileSync(join(ROOT, 'notebooks', '07-mil121-worked-example.ipynb'), 'utf8'));
    const base = link.replace(/\/lab\/.*$/, '');

    const lab = await get(link);
    expect(lab.status).toBe(200);
    expect(lab.body).toContain('jupyter-config-data');
    expect((await get(`${base}/api/status`)).status).toBe(403);
    expect((await get(`${base}/api/status?token=${token}`)).status).toBe(200);
    // the copy's kernel was started for the user; the template has none
    const sessions = JSON.parse((await get(`${base}/api/sessions?token=${token}`)).body) as Array<{
      path: string;
      kernel: { name: string };
    }>;
    expect(sessions.map((s) => [s.path, s.kernel.name])).toEqual([[copy, 'tslab']]);
  }, 30_000);

  test('in Chromium: the lab loads with no console errors, Run All runs the worked example to the end, its outputs are saved in the copy and notebooks/ is unchanged', async () => {
    const [, link, path] = address()!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
    });

    const started = Date.now();
    await page.goto(link);
    await waitForLab(page);
    const labReady_ms = Date.now() - started;
    await openNotebook(page, path);
    const kernelReady_ms = Date.now() - started;
    // what loading the lab and the notebook printed: nothing wrong
    expect({ consoleErrors, pageErrors, failedRequests }).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    await screenshot(page, 'browser-start-1-loaded');

    const finished = await runAllCells(page);
    expect(await finished()).toBe(true);
    const run_ms = Date.now() - started;
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('docmanager:save'));
    const saved_ms = Date.now() - started;
    process.stdout.write(
      `browser (npm start): page load → lab ready ${labReady_ms} ms, → kernel ready ${kernelReady_ms} ms, → Run All done ${run_ms} ms, → saved ${saved_ms} ms (${path})\n`,
    );
    await screenshot(page, 'browser-start-2-run-all');

    // the run went to the end: every code cell ran, none wrote to stderr, and the results were shown
    const notebook = JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Notebook;
    const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
    expect(code.filter((cell) => typeof cell.execution_count !== 'number')).toEqual([]);
    const outputs = code.flatMap((cell) => cell.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'))).toEqual([]);
    expect(outputs.filter((o) => o.data?.[RESULT_MIME] !== undefined).length).toBeGreaterThanOrEqual(4);
    // the templates are as git had them before the lab started: on a clean clone, git status notebooks/ is empty
    expect(templatesState()).toEqual(before);
    expect({ consoleErrors, pageErrors }).toEqual({ consoleErrors: [], pageErrors: [] });
  }, 180_000);

  test('stopping npm start by its PID stops the lab server', async () => {
    const serverPid = Number(/server PID (\d+)/.exec(printed)![1]);
    await browser?.close();
    browser = undefined;
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(child!.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(serverPid)).toBe(false);
  }, 30_000);
});
