/**
 * The small fixed-seed fuzz run of issue 17 inside the test suite: every format of the harness
 * (scripts/fuzz-lib.js: Bruker acqus/acqu2s/procs/pulseprogram/vdlist, TopSpin ct1t2/t1ints,
 * transient CSV, JCAMP, Arrhenius, BPP and narrowing tables, ZView, BioLogic, Gamry, WinDETA and
 * CSV impedance, map --delays and .npy), CASES_PER_FORMAT seeded mutations each, alternately with
 * and without --json, run in this process through the CLI's main(argv) (test/support/cli.ts),
 * with the harness's verdict: no exit 1, exit 2 in one line, no NaN/Infinity printed or written as
 * null without a warning, inputs byte-identical. Memory and the 10-s budget per case are the long
 * child-process run's (`npm run fuzz`): one process cannot measure them per case. A case whose
 * promise does not settle within HANG_GUARD_MS is counted as a hang (a guard against a stuck
 * await, not a speed check; a synchronous loop would stall the worker until jest ends it).
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT, runMain } from '../support/cli';

interface Format {
  name: string;
  folder?: string;
  source?: string;
}
interface Case {
  code: number | null;
  ms: number;
  rss_kB: number;
  stdout: string;
  stderr: string;
  nonFinite: unknown[];
}
interface Harness {
  FORMATS: Format[];
  MUTATORS: Record<string, (bytes: Buffer, r: () => number) => Buffer>;
  rng(seed: number): () => number;
  mutatorsFor(format: Format): string[];
  originalBytes(format: Format): Buffer;
  layOut(format: Format, mutated: Buffer, dir: string, json: boolean): string[];
  hashTree(dir: string): Record<string, string>;
  instrumentJson(): { restore(): void; nonFiniteIn(stdout: string): unknown[] };
  verdict(run: Case, before: Record<string, string>, after: Record<string, string>, inputText?: string): string | undefined;
  writeReproducer(corpus: string, name: string, format: Format, mutated: Buffer, info: object): string;
  corpusCases(corpus: string): { name: string; format: Format; mutated: Buffer; json: boolean }[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS shared with scripts/fuzz.mjs (no build step)
const harness = require('../../scripts/fuzz-lib.js') as Harness;

const SEED = 20260;
const CASES_PER_FORMAT = 16;
const HANG_GUARD_MS = 120_000;
const CORPUS = join(tmpdir(), 'relaxlab-fuzz-smoke-corpus');
const times: Record<string, number> = {};

jest.setTimeout(HANG_GUARD_MS * 2);

const seeds = (() => {
  const r = harness.rng(SEED);
  return harness.FORMATS.map(() => Math.floor(r() * 2 ** 31));
})();

test('the harness covers every format of the issue', () => {
  expect(harness.FORMATS.map((f) => f.name)).toEqual([
    'acqus',
    'acqu2s',
    'procs',
    'pulseprogram',
    'vdlist',
    'ct1t2',
    't1ints',
    'transient-csv',
    'jcamp',
    'arrhenius',
    'bpp',
    'narrowing',
    'zview-z',
    'biologic-mpt',
    'gamry-dta',
    'windeta',
    'impedance-csv',
    'map-delays',
    'npy',
  ]);
});

describe('the text rule for NaN/Infinity (verdict)', () => {
  const run = (stdout: string): Case => ({ code: 0, ms: 1, rss_kB: 1, stdout, stderr: '', nonFinite: [] });
  const input = 'INTENSITY fit : Saturation-Recovery(T1) : I[t]=I[NaN](1-exp(-t/T1))\nT1 NaN\n';
  test('text echoed from the input (a TopSpin formula) is not a computed value', () => {
    expect(harness.verdict(run('    fit (INTENSITY fit: I[t]=I[NaN](1-exp(-t/T1))) vs RelaxLab'), {}, {}, input)).toBeUndefined();
  });
  test('a bare NaN or a +Infinity% is, even when the input holds a NaN', () => {
    expect(harness.verdict(run('    T1:     NaN +/- 0.1 s'), {}, {}, input)).toBe('silent-non-finite');
    expect(harness.verdict(run('I0 = 1e-320 vs M_inf = 0.96 (+Infinity%), T1 = 0.0026 s'), {}, {}, input)).toBe('silent-non-finite');
  });
  test('echoed text next to a computed NaN does not excuse the NaN', () => {
    expect(harness.verdict(run('I[t]=I[NaN](1-exp(-t/T1)) T1 = NaN'), {}, {}, input)).toBe('silent-non-finite');
  });
  test('without the input text nothing is excused; a warning excuses everything', () => {
    expect(harness.verdict(run('I[t]=I[NaN](1-exp(-t/T1))'), {}, {})).toBe('silent-non-finite');
    expect(harness.verdict(run('T1 = NaN\nwarning: not determined'), {}, {})).toBeUndefined();
  });
});

/**
 * One case in this process: lays out `mutated`, runs main(argv) with the hang guard, and returns
 * the harness's verdict ('' when the case passes, else the problem and where its reproducer is).
 */
async function runCase(
  format: Format,
  mutated: Buffer,
  json: boolean,
  info: { name: string; mutator: string; seed: number },
): Promise<[string, number]> {
  const dir = mkdtempSync(join(tmpdir(), `relaxlab-fuzz-smoke-${format.name}-`));
  const instrumented = harness.instrumentJson();
  try {
    const argv = harness.layOut(format, mutated, dir, json);
    const before = harness.hashTree(dir);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), HANG_GUARD_MS);
    });
    const run = await Promise.race([runMain(argv), guard]);
    clearTimeout(timer);
    const ms = Date.now() - started;
    const result: Case = run
      ? { code: run.status, ms: 0, rss_kB: 0, stdout: run.stdout, stderr: run.stderr, nonFinite: instrumented.nonFiniteIn(run.stdout) }
      : { code: null, ms: HANG_GUARD_MS + 1, rss_kB: 0, stdout: '', stderr: '', nonFinite: [] };
    const problem = harness.verdict(result, before, harness.hashTree(dir), Buffer.from(mutated).toString('latin1'));
    if (!problem) return ['', ms];
    const where = harness.writeReproducer(CORPUS, info.name, format, mutated, {
      problem,
      format: format.name,
      mutator: info.mutator,
      seed: info.seed,
      argv: argv.map((a) => a.split(dir).join('<case>')),
      code: result.code,
      nonFinite: result.nonFinite,
      stderr: result.stderr.slice(0, 2000),
    });
    return [`${problem}: ${where}: ${result.stderr.split('\n')[0].slice(0, 200)}`, ms];
  } finally {
    instrumented.restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

test.each(harness.FORMATS.map((f, k) => [f.name, f, seeds[k]] as const))(
  '%s: seeded mutations through main(argv)',
  async (_name, format, seed) => {
    const r = harness.rng(seed);
    const names = harness.mutatorsFor(format);
    const original = harness.originalBytes(format);
    const failures: string[] = [];
    let slowest = 0;
    for (let k = 0; k < CASES_PER_FORMAT; k++) {
      const mutator = names[Math.floor(r() * names.length)];
      const caseSeed = Math.floor(r() * 2 ** 31);
      const mutated = harness.MUTATORS[mutator](original, harness.rng(caseSeed));
      const [failure, ms] = await runCase(format, mutated, k % 2 === 1, {
        name: `${format.name}-${mutator}-${seed}-${k}`,
        mutator,
        seed: caseSeed,
      });
      slowest = Math.max(slowest, ms);
      if (failure) failures.push(failure);
    }
    times[format.name] = slowest;
    expect(failures).toEqual([]);
  },
);

// every reproducer `npm run fuzz` wrote to test/fuzz/corpus and that was fixed stays fixed
const corpus = harness.corpusCases(join(ROOT, 'test', 'fuzz', 'corpus'));
if (corpus.length > 0) {
  test.each(corpus.map((c) => [c.name, c] as const))('reproducer %s passes', async (name, c) => {
    const [failure] = await runCase(c.format, c.mutated, c.json, { name, mutator: 'corpus', seed: 0 });
    expect(failure).toBe('');
  });
}

afterAll(() => {
  // the time is reported, not asserted (speed is measured by npm run fuzz and npm run bench)
  const table = Object.entries(times)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ');
  process.stderr.write(`fuzz-smoke: ${CASES_PER_FORMAT} cases per format, slowest case per format: ${table}\n`);
});
