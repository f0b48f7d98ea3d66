/**
 * RelaxLab in JupyterLab, end to end: Debian's Chromium (playwright-core) against the RelaxLab
 * lab (packages/app) on Debian's jupyter_server, started and stopped here on 127.0.0.1.
 * The worked example is run cell by cell with the real tslab kernel; the renderer's plot and
 * table are read from the page; a temperature window is brushed on an Arrhenius plot and the Ea
 * shown is checked against @relaxlab/core in Node; the window goes into a new code cell; an
 * impedance file opens in the viewer; a malicious sample name stays text. Screenshots of every
 * step go to test-artifacts/ (gitignored). Without Chromium/Jupyter these tests FAIL with the
 * install command; RELAXLAB_SKIP_BROWSER=1 skips them on a machine where that cannot be
 * installed (CI ignores it).
 */
import { readdirSync, rmSync } from 'fs';
import type { Browser, Page } from 'playwright-core';
import { fitArrhenius } from '@relaxlab/core';
import { parseImpedanceText, readDelimitedFile } from '@relaxlab/io';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  browserEnvironmentProblem,
  cellSources,
  command,
  LabServer,
  launchChromium,
  openNotebook,
  ROOT,
  runAllCells,
  scratchRoot,
  screenshot,
  startLab,
  stopLab,
  waitForLab,
} from './support/browser';

const EVIL = '<img src=x onerror=alert(1)>';
/**
 * The goal from page load to the first RelaxLab plot of the worked example is 10 s; it is
 * printed against that goal. The assertion is the "something is broken" bound: on 2 shared cores
 * the time depends on the load (Chromium, tslab loading TypeScript and the example's first fits).
 */
const FIRST_PLOT_GOAL_MS = 10_000;
const FIRST_PLOT_LIMIT_MS = 30_000;
/** The goal for brush → new Ea is 300 ms; asserted loosely (a shared CI machine), printed exactly. */
const BRUSH_ROUND_TRIP_LIMIT_MS = 1_000;

const SIGMA_T_CSV = 'examples/mil121/conductivity/li-sigmaT.csv';
const ARRHENIUS_NOTEBOOK = 'notebooks/zz-browser-arrhenius.ipynb';
const arrheniusCells = [
  [
    'import * as rl from "@relaxlab/kernel";',
    `const table = rl.io.readDelimitedFile("../${SIGMA_T_CSV}");`,
    'const [T, sigmaT, err] = table.columns;',
    'const data = { temperature_K: T.si, value: sigmaT.si, sigma: err.si, quantity: "sigmaT" as const };',
  ].join('\n'),
  'rl.show(rl.fitArrhenius(data), { sample: "MIL-121 Li+ σT (synthetic)" });',
  `rl.show(rl.fitArrhenius(data), { sample: ${JSON.stringify(EVIL)} });`,
];

const problem = browserEnvironmentProblem();
const optedOut = problem !== undefined && process.env.RELAXLAB_SKIP_BROWSER === '1' && !process.env.CI;
if (optedOut) process.stderr.write(`browser tests skipped (RELAXLAB_SKIP_BROWSER=1): ${problem}\n`);
const describeBrowser = optedOut ? describe.skip : describe;

describeBrowser('RelaxLab in JupyterLab (Chromium, jupyter_server, tslab)', () => {
  let root: string;
  /** The notebooks in the scratch root's notebooks/ before any test ran. */
  let templates: string[];
  let server: LabServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (problem) throw new Error(`cannot run the browser tests: ${problem}`);
    root = scratchRoot('browser-root', { [ARRHENIUS_NOTEBOOK.replace('notebooks/', '')]: arrheniusCells });
    templates = readdirSync(join(root, 'notebooks'));
    // a fresh workspaces folder: no layout (open notebooks) remembered from an earlier run
    server = await startLab({ token: '', rootDir: root, workspacesDir: `${root}-workspaces` });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopLab(server);
    if (root) {
      rmSync(root, { recursive: true, force: true });
      rmSync(`${root}-workspaces`, { recursive: true, force: true });
    }
  }, 30_000);

  test(`the worked example: first RelaxLab plot within ${FIRST_PLOT_LIMIT_MS / 1000} s of page load (goal ${FIRST_PLOT_GOAL_MS / 1000} s); every result has its plot and table`, async () => {
    const started = Date.now();
    await page.goto(server.url);
    await waitForLab(page);
    const appReady_ms = Date.now() - started;
    await openNotebook(page, server.example);
    const kernelReady_ms = Date.now() - started;
    const finished = await runAllCells(page);
    await page.waitForSelector('.jp-RelaxLab-result .jp-RelaxLab-plot svg .mark-symbol', { timeout: FIRST_PLOT_LIMIT_MS });
    const firstPlot_ms = Date.now() - started;
    process.stdout.write(
      `browser: page load → lab ready ${appReady_ms} ms, → kernel ready ${kernelReady_ms} ms, → first RelaxLab plot ${firstPlot_ms} ms (goal ${FIRST_PLOT_GOAL_MS} ms; ${server.example})\n`,
    );
    const first = page.locator('.jp-RelaxLab-result').first();
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, 'browser-1-worked-example-first-plot');
    expect(await finished()).toBe(true);
    const run_ms = Date.now() - started;
    process.stdout.write(`browser: page load → whole worked example run ${run_ms} ms\n`);
    // the jp-toolbar design-token cycle (jupyterlab#17877, patched in packages/app/loaders) must not come back
    expect(consoleErrors.filter((text) => /Maximum call stack/.test(text))).toEqual([]);

    const panel = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
    expect(await panel.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').allTextContents()).toEqual([]);
    const results = panel.locator('.jp-RelaxLab-result');
    const count = await results.count();
    expect(count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < count; i++) {
      const result = results.nth(i);
      await result.locator('.jp-RelaxLab-plot svg').first().waitFor({ timeout: 15_000 });
      expect({ i, rows: (await result.locator('.jp-RelaxLab-params tbody tr').count()) > 0 }).toEqual({ i, rows: true });
    }
    await results.nth(count - 1).scrollIntoViewIfNeeded();
    await screenshot(page, 'browser-1-worked-example-last-result');
    expect(firstPlot_ms).toBeLessThan(FIRST_PLOT_LIMIT_MS);
  }, 120_000);

  test('brushing the high-temperature regime refits Ea in the browser as @relaxlab/core does, and "insert" records the window', async () => {
    await openNotebook(page, ARRHENIUS_NOTEBOOK);
    await (
      await runAllCells(page)
    )();
    const panel = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const result = panel.locator('.jp-RelaxLab-result', { hasText: 'MIL-121 Li+' });
    await result.locator('.jp-RelaxLab-plot svg .mark-symbol.role-mark path').first().waitFor({ timeout: 30_000 });
    await result.scrollIntoViewIfNeeded();
    const tableEa = Number(await result.locator('.jp-RelaxLab-params tr[data-name="activationEnergy"]').getAttribute('data-value'));

    // the points in data order (temperature ascending = 1000/T descending, right to left)
    const points = await result.locator('.jp-RelaxLab-plot svg .mark-symbol.role-mark path').evaluateAll((paths) =>
      paths.map((p) => {
        const r = p.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
    const csv = readDelimitedFile(join(ROOT, SIGMA_T_CSV));
    const [T, sigmaT, err] = csv.columns;
    expect(points).toHaveLength(T.si.length);
    const first = T.si.findIndex((t) => t > 330); // regime II, above the kink at ~323 K
    const y = points.reduce((s, p) => s + p.y, 0) / points.length;
    const readout = result.locator('.jp-RelaxLab-brushEa');

    await page.mouse.move(points[points.length - 1].x - 6, y);
    await page.mouse.down();
    await page.mouse.move((points[first - 1].x + points[first].x) / 2, y, { steps: 8 });
    await page.waitForFunction((node) => node.querySelector('[data-ea-ev]') !== null, await readout.elementHandle());
    // the round trip: one more drag step (adds the next point), timed inside the page from the
    // pointer event to the readout's change
    const roundTrip = page.evaluate(
      (node) => {
        return new Promise<number>((resolve) => {
          let moved = 0;
          window.addEventListener('pointermove', () => (moved = performance.now()), { capture: true, once: true });
          new MutationObserver((_, observer) => {
            if (!moved) return;
            observer.disconnect();
            resolve(performance.now() - moved);
          }).observe(node, { childList: true, subtree: true, characterData: true, attributes: true });
        });
      },
      await readout.elementHandle(),
    );
    await page.mouse.move((points[first - 2].x + points[first - 1].x) / 2, y);
    const roundTrip_ms = await roundTrip;
    await page.mouse.up();
    process.stdout.write(`browser: brush → new Ea round trip ${roundTrip_ms.toFixed(1)} ms\n`);

    const window_K = (await readout.getAttribute('data-window-k'))!.split(',').map(Number) as [number, number];
    const shown = Number((await readout.locator('[data-ea-ev]').getAttribute('data-ea-ev'))!.split(',')[0]);
    const expected = fitArrhenius({ temperature_K: T.si, value: sigmaT.si, sigma: err.si, quantity: 'sigmaT' }, { window_K });
    expect(expected.n).toBe(T.si.length - first + 1);
    expect(Math.abs(shown - expected.activationEnergy_eV.value)).toBeLessThan(1e-9 * expected.activationEnergy_eV.value);
    expect(Math.abs(shown - tableEa)).toBeGreaterThan(0.1); // regime II (≈0.28 eV) vs the line through both regimes
    expect(await readout.textContent()).toContain(`(${expected.n} points)`);
    await screenshot(page, 'browser-2-brushed-window');
    expect(roundTrip_ms).toBeLessThan(BRUSH_ROUND_TRIP_LIMIT_MS);

    const before = (await cellSources(page)).length;
    await result.locator('.jp-RelaxLab-insertCell').click();
    const sources = await cellSources(page);
    expect(sources).toHaveLength(before + 1);
    const inserted = sources[sources.indexOf(arrheniusCells[1]) + 1];
    const lines = inserted.split('\n');
    expect(lines[0]).toBe(
      '// Temperature window chosen on the plot of "MIL-121 Li+ σT (synthetic) — ArrheniusResult · Arrhenius (sigmaT)" (RelaxLab brush)',
    );
    expect(lines[lines.length - 1]).toBe(
      `const window_K: [number, number] = [${Number(window_K[0].toFixed(1))}, ${Number(window_K[1].toFixed(1))}];`,
    );
    await screenshot(page, 'browser-3-inserted-cell');
  }, 90_000);

  test('a sample named <img src=x onerror=alert(1)> is shown as text: no element, no script', async () => {
    const evil = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RelaxLab-result', { hasText: EVIL });
    await evil.waitFor({ timeout: 30_000 });
    await evil.scrollIntoViewIfNeeded();
    expect(await evil.locator('.jp-RelaxLab-title').textContent()).toBe(`${EVIL} — ArrheniusResult · Arrhenius (sigmaT)`);
    expect(await evil.locator('img').count()).toBe(0);
    expect(await page.locator('.jp-OutputArea img[src="x"]').count()).toBe(0);
    await screenshot(page, 'browser-4-sample-name-as-text');
    expect(dialogs).toEqual([]);
  }, 30_000);

  test('a ZPlot .z impedance file opens in the RelaxLab viewer with its Nyquist plot and data table', async () => {
    const path = 'examples/impedance-dummy-cells/Circuit1_EIS_1.z';
    await command(page, 'docmanager:open', { path });
    const viewer = page.locator('.jp-RelaxLab-viewer:visible');
    await viewer.locator('.jp-RelaxLab-plot svg .mark-symbol').first().waitFor({ timeout: 15_000 });
    const points = parseImpedanceText(readFileSync(join(ROOT, path), 'utf8'), path).spectra[0].frequency_Hz.length;
    expect(await viewer.locator('.jp-RelaxLab-data tbody tr').count()).toBe(points);
    expect(await viewer.locator('.jp-RelaxLab-plot svg .mark-symbol.role-mark path').count()).toBe(points);
    await screenshot(page, 'browser-5-impedance-viewer');
  }, 30_000);

  test('the launcher has a RelaxLab section; a card makes a copy of its template in work/ with the TypeScript kernel, and the worked-example command opens its copy there', async () => {
    const started = Date.now();
    await command(page, 'launcher:create');
    const launcher_ms = Date.now() - started;
    const section = page.locator('.jp-Launcher-section', { has: page.locator('.jp-Launcher-sectionTitle', { hasText: /^RelaxLab$/ }) });
    // generous waits: this checks what the launcher does, not how fast a busy 2-core machine is
    // (four kernels from the earlier tests are still up; CI once needed more than 40 s here)
    await section.waitFor({ timeout: 30_000 });
    const cards = section.locator('.jp-LauncherCard');
    expect(await cards.count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'browser-6-launcher');
    const card = cards.filter({ hasText: /^01 / });
    await card.click({ timeout: 15_000 });
    const opened = await page.waitForFunction(
      () => {
        const w = (window as any).jupyterapp.shell.currentWidget;
        const kernel = w?.sessionContext?.session?.kernel;
        return w?.context && /^work\/01-/.test(w.context.path) && kernel ? { path: w.context.path, kernel: kernel.name } : null;
      },
      null,
      // interval polling: rAF polling stalls while the page is busy opening the notebook
      { timeout: 45_000, polling: 250 },
    );
    const { path, kernel } = (await opened.jsonValue()) as { path: string; kernel: string };
    process.stdout.write(`browser: launcher open ${launcher_ms} ms, → copy open with its kernel ${Date.now() - started} ms\n`);
    // the copy sits where the templates' ../examples/ paths still resolve; notebooks/ holds the templates alone
    expect(path).toBe('work/01-transient-T1.ipynb');
    expect(kernel).toBe('tslab');
    expect(readdirSync(join(root, 'notebooks')).filter((file) => file.endsWith('.ipynb') && !templates.includes(file))).toEqual([]);

    await command(page, 'relaxlab:open-worked-example');
    expect(await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.context.path)).toBe(server.example);
    expect(server.example).toBe('work/07-mil121-worked-example.ipynb');
    expect(pageErrors.filter((e) => /relaxlab/i.test(e))).toEqual([]);
  }, 120_000);
});
