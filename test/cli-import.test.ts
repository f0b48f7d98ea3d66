/**
 * `relaxlab import` and `relaxlab relax` end to end, through the CLI's main() (test/support/cli.ts),
 * on the real 17O LAMOX TopSpin folder and the 1H JCAMP-DX file (command-line contract of docs/ARCHITECTURE.md: one
 * JSON document with --json, one stderr line and exit 2 on bad input, inputs never written).
 */
import { RESULT_SCHEMA } from '@relaxlab/core';
import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT, relaxlab } from './support/cli';
import type { Run } from './support/cli';

const LAMOX = join(ROOT, '..', 'shared', 'data', 'real', '17O-satrec-lamox');
const JCAMP = join(ROOT, '..', 'shared', 'data', 'real', '1H-t1ir-pseudo2d-jcamp', '1H_T1_2D.dx');

function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, treeHash(p));
    else out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

describe('relaxlab import <TopSpin folder> --json', () => {
  let before: Record<string, string>;
  let run: Run;
  let doc: {
    warnings: string[];
    transients: Array<{ delay_s: number[]; source: { region: { regionFrom: string }; inputs: Array<{ file: string; sha256: string }> } }>;
  };
  beforeAll(async () => {
    before = treeHash(LAMOX);
    run = await relaxlab('import', LAMOX, '--data', '2rr', '--measure', 'height', '--json');
    doc = JSON.parse(run.stdout);
  });

  test('exits 0 with one JSON document; the TD_INDIRECT warning goes to stderr', () => {
    expect(run.status).toBe(0);
    expect(doc).toMatchObject({ schema: RESULT_SCHEMA, kind: 'ImportResult', format: 'bruker-experiment' });
    expect(run.stderr).toMatch(/warning: the number of delays disagrees/);
    expect(doc.warnings.length).toBeGreaterThan(0);
  });

  test("one transient over TopSpin's intrng, delays in seconds, with the input files' SHA-256", () => {
    expect(doc.transients).toHaveLength(1);
    const [t] = doc.transients;
    expect(t.delay_s[0]).toBe(5e-6);
    expect(t.delay_s[14]).toBe(0.3);
    expect(t.source.region.regionFrom).toBe('intrng');
    const hashes = Object.fromEntries(t.source.inputs.map((i: { file: string; sha256: string }) => [i.file, i.sha256]));
    for (const [file, sha] of Object.entries(hashes)) expect(sha).toBe(before[file]);
  });

  test('the folder is unchanged', () => {
    expect(treeHash(LAMOX)).toEqual(before);
  });
});

test('relaxlab import --csv with two --region options: one long table, metadata in comment lines', async () => {
  const run = await relaxlab('import', LAMOX, '--region', '631:515', '--region', '515:400', '--csv');
  expect(run.status).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toBe('# experiment: T1-saturation');
  expect(lines).toContain('delay (s),signal,sigma,transient,region from (ppm),region to (ppm),T (K)');
  expect(lines.filter((l) => /^[\d.e-]+,/.test(l))).toHaveLength(30);
});

test('relaxlab relax on the JCAMP-DX file: one converged inversion-recovery fit per peak', async () => {
  const run = await relaxlab('relax', JCAMP, '--model', 'inversion-recovery', '--json');
  expect(run.status).toBe(0);
  expect(run.stderr).toBe('');
  const doc = JSON.parse(run.stdout);
  expect(doc.kind).toBe('RelaxResults');
  expect(doc.results.length).toBeGreaterThanOrEqual(3);
  for (const { fit, transient } of doc.results) {
    expect(fit.converged).toBe(true);
    expect(transient.temperature_K).toBe(298);
    expect(fit.params.T1.stderr).toBeGreaterThan(0);
  }
});

test('relaxlab relax text output ends with a summary table of time constants', async () => {
  const run = await relaxlab('relax', LAMOX, '--region', '631:515');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/\[\[Summary\]\]\n.*\n\s+1\s+631\.00…515\.00\s+-\s+T1 = /);
});

describe('bad input: exit 2, one line on stderr naming what is wrong', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'relaxlab-cli-import-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test.each([
    ['an empty folder', (): string[] => ['import', tmp], /empty folder/],
    ['a bad region', (): string[] => ['import', LAMOX, '--region', '600:x'], /--region: not a ppm region/],
    ['an unknown model', (): string[] => ['relax', LAMOX, '--model', 'bpp'], /--model: unknown transient model/],
    ['--json with --csv', (): string[] => ['import', LAMOX, '--json', '--csv'], /one output format/],
  ] as const)('%s', async (_name, args, message) => {
    const run = await relaxlab(...args());
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const errorLines = run.stderr
      .trim()
      .split('\n')
      .filter((l) => !/warning:/.test(l));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(message);
  });
});
