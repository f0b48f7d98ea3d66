/**
 * The notebook templates executed headless with the real tslab kernel (TypeScript 5.0 reading our
 * declarations, Node10 resolution of the built packages), checked for MIME types and numbers.
 * Without Jupyter these tests FAIL with the install command; a developer who cannot install it
 * may set RELAXLAB_SKIP_NOTEBOOKS=1 to skip them, which CI (CI set) ignores.
 */
import { createHash } from 'crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { toSVG } from '@relaxlab/plots';
import {
  cell,
  displaysOf,
  executeNotebook,
  ExecutedNotebook,
  Notebook,
  notebookEnvironmentProblem,
  ROOT,
  stdoutOf,
  text,
} from './support/notebooks';
import { vegaLiteSchemaErrors } from './support/vegaLiteSchema';

const RESULT_MIME = 'application/vnd.relaxlab.result+json';
const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';
const MIMES = [RESULT_MIME, VEGALITE_MIME, 'text/html', 'text/plain'].sort();
/** What the issue asks of every template. */
const TEMPLATE_BUDGET_MS = 20_000;

const problem = notebookEnvironmentProblem();
const optedOut = problem !== undefined && process.env.RELAXLAB_SKIP_NOTEBOOKS === '1' && !process.env.CI;
if (optedOut) process.stderr.write(`notebook tests skipped (RELAXLAB_SKIP_NOTEBOOKS=1): ${problem}\n`);
const describeNotebooks = optedOut ? describe.skip : describe;

function requireEnvironment(): void {
  if (problem) throw new Error(`cannot run notebooks: ${problem}`);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * No cell raised, and every code cell but the silent ones produced output (tslab sends no
 * execution counts, so output is the evidence that a cell ran).
 */
function expectClean(notebook: Notebook, silent: string[] = []): void {
  for (const c of notebook.cells.filter((c) => c.cell_type === 'code')) {
    const outputs = c.outputs ?? [];
    expect({ id: c.id, errors: outputs.filter((o) => o.output_type === 'error') }).toEqual({ id: c.id, errors: [] });
    if (!silent.includes(c.id)) expect({ id: c.id, outputs: outputs.length > 0 }).toEqual({ id: c.id, outputs: true });
  }
}

describeNotebooks('notebooks/01-transient-T1.ipynb (17O LAMOX saturation recovery)', () => {
  const path = join(ROOT, 'notebooks', '01-transient-T1.ipynb');
  let run: ExecutedNotebook;
  let before: string;

  beforeAll(() => {
    requireEnvironment();
    before = sha256(path);
    run = executeNotebook(relative(ROOT, path));
  }, TEMPLATE_BUDGET_MS);

  test('the committed template has no outputs, starts with the edit-here cell, and is not rewritten', () => {
    const committed = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
    expect(committed.metadata.kernelspec?.name).toBe('tslab');
    expect(committed.cells.every((c) => !c.outputs || c.outputs.length === 0)).toBe(true);
    const firstCode = committed.cells.find((c) => c.cell_type === 'code')!;
    expect(text(firstCode.source)).toMatch(/^\/\/ ✎ EDIT HERE/);
    expect(sha256(path)).toBe(before);
  });

  test(`executes clean in under ${TEMPLATE_BUDGET_MS / 1000} s`, () => {
    expectClean(run.notebook, ['edit-here']);
    expect(run.seconds * 1000).toBeLessThan(TEMPLATE_BUDGET_MS);
  });

  test('reads the 15 delays of the TopSpin file relative to the notebook', () => {
    expect(stdoutOf(cell(run.notebook, 'read'))).toContain('15 delays, 0.000005 s to 0.3 s (topspin-ct1t2)');
  });

  test("the textbook fit is ONE output with four MIME types and reproduces TopSpin's T1 = 2.658 ms", () => {
    const displays = displaysOf(cell(run.notebook, 'fit-mono'));
    expect(displays).toHaveLength(1);
    const [data] = displays;
    expect(Object.keys(data).sort()).toEqual(MIMES);
    const report = text(data['text/plain'] as string | string[]);
    const T1 = Number(/\n\s+T1:\s+([0-9.e-]+) \+\/-/.exec(report)![1]);
    expect(Number((T1 * 1e3).toPrecision(4))).toBe(2.658);
    const payload = data[RESULT_MIME] as { kind: string; params: { T1: { value: number } }; sample: string };
    expect(payload.kind).toBe('FitResult');
    // the report prints 7 significant digits of the same number
    expect(Math.abs(payload.params.T1.value - T1)).toBeLessThan(1e-6 * T1);
    expect(payload.sample).toBe('LAMOX, 17O saturation recovery');
    expect(text(data['text/html'] as string | string[])).toMatch(/2\.66 ± 0\.\d\d ms/);
    expect(vegaLiteSchemaErrors(data[VEGALITE_MIME])).toBe('');
  });

  test('the model comparison prefers the saturation-efficiency model and shows chart, tables and report', () => {
    const displays = displaysOf(cell(run.notebook, 'analysis'));
    expect(displays).toHaveLength(1);
    const [data] = displays;
    expect(Object.keys(data).sort()).toEqual(MIMES);
    const payload = data[RESULT_MIME] as { kind: string; comparison: { preferred: string }; best: { params: Record<string, { value: number }> } };
    expect(payload.kind).toBe('TransientAnalysis');
    expect(payload.comparison.preferred).toBe('saturation-recovery [M_inf, T1, a]');
    // incomplete saturation: 18 % of the signal already at 5 µs
    expect(payload.best.params.a.value).toBeGreaterThan(0.7);
    expect(payload.best.params.a.value).toBeLessThan(0.9);
    expect(vegaLiteSchemaErrors(data[VEGALITE_MIME])).toBe('');
    expect(text(data['text/html'] as string | string[])).toContain('(preferred)');
    expect(text(data['text/plain'] as string | string[])).toContain('[[Model Comparison]]');
    expect(stdoutOf(cell(run.notebook, 'summary'))).toMatch(/preferred by BIC[\s\S]*T1 = [0-9.]+ ± [0-9.]+ ms/);
  });
});

describeNotebooks('a sample named <img src=x onerror=alert(1)> is displayed as text', () => {
  const EVIL = '<img src=x onerror=alert(1)>';
  // under the repo root, where tslab resolves @relaxlab/kernel (test-artifacts/ is gitignored)
  const dir = join(ROOT, 'test-artifacts', `notebooks-${process.pid}`);
  let run: ExecutedNotebook;

  beforeAll(() => {
    requireEnvironment();
    mkdirSync(dir, { recursive: true });
    const code = (id: string, source: string) => ({ cell_type: 'code', id, metadata: {}, execution_count: null, outputs: [], source });
    const notebook = {
      cells: [
        code('setup', 'import * as rl from "@relaxlab/kernel";\nconst transient = rl.readTransient("../../examples/17O-satrec-lamox/ct1t2.txt");'),
        code('show', `rl.show(rl.fitTransient(transient), { sample: ${JSON.stringify(EVIL)} });`),
      ],
      metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(join(dir, 'sample-name-escaping.ipynb'), JSON.stringify(notebook));
    run = executeNotebook(relative(ROOT, join(dir, 'sample-name-escaping.ipynb')));
  }, TEMPLATE_BUDGET_MS);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('HTML carries the escaped name and no element; the chart draws it as SVG text', async () => {
    expectClean(run.notebook, ['setup']);
    const [data] = displaysOf(cell(run.notebook, 'show'));
    const html = text(data['text/html'] as string | string[]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    const spec = data[VEGALITE_MIME] as { title: { text: string } } & Record<string, unknown>;
    expect(spec.title.text).toBe(EVIL);
    const svg = await toSVG(spec as never);
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
