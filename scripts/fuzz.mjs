#!/usr/bin/env node
/**
 * `npm run fuzz [-- --cases N --seed S --format NAME --workers W --threads --corpus DIR]`: seeded mutations
 * of the real example files (formats and mutators in scripts/fuzz-lib.js), each run through the
 * built CLI's main(argv) in its own child process (scripts/fuzz-case.js, W at a time, default 2),
 * alternately with and without --json. A case fails on exit 1 (a crash), more than 10 s, a peak
 * RSS over 1 GiB, NaN/Infinity printed without a warning (text) or written as null without a
 * warning or converged: false on the way to it (JSON), an exit-2 error of more than one line, or
 * an input whose bytes changed (SHA-256 before and after). Failures are written to the corpus
 * folder (default test/fuzz/corpus) as reproducers: the mutated file and case.json with the
 * command. Prints a table per format. The small in-process run in jest: test/fuzz/fuzz-smoke.test.ts.
 */
import { spawn } from 'child_process';
import { Worker } from 'worker_threads';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import lib from './fuzz-lib.js';

const { ROOT, TIME_LIMIT_MS, FORMATS, MUTATORS, rng, mutatorsFor, originalBytes, layOut, hashTree, verdict, writeReproducer } = lib;
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const CASES = Number(opt('cases', 20));
const SEED = Number(opt('seed', 17));
const ONLY = opt('format', undefined);
const WORKERS = Number(opt('workers', 2));
const CORPUS = opt('corpus', join(ROOT, 'test', 'fuzz', 'corpus'));

function runCase(argv) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--max-old-space-size=1536', join(ROOT, 'scripts', 'fuzz-case.js'), ...argv], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      if (stdout.length < 4e6) stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 4e6) stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS + 2000);
    child.on('close', () => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const m = /@@fuzz (\{.*\})\s*$/.exec(stderr);
      const info = m ? JSON.parse(m[1]) : { code: null, maxRSS_kB: NaN, nonFinite: [] };
      resolve({
        ms,
        code: info.code,
        rss_kB: info.maxRSS_kB,
        nonFinite: info.nonFinite,
        stdout,
        stderr: (m ? stderr.slice(0, m.index) : stderr).replace(/\n$/, ''),
      });
    });
  });
}

/** Problem → the table column that counts it. */
const COLUMN = {
  crash: 'crash',
  hang: 'hang',
  slow: 'hang',
  killed: 'hang',
  memory: 'memory',
  'silent-non-finite': 'nonFinite',
  'silent-null': 'nonFinite',
  'json-unparsable': 'nonFinite',
  'input-changed': 'changed',
  'exit2-not-one-line': 'exit2Lines',
};

/**
 * --threads: the cases run in worker threads that load the CLI once (scripts/fuzz-worker.js),
 * about 10× faster than a process per case (the process start and loading the packages take
 * ≈ 0.5 s). The time limit ends the worker (and starts another); the V8 heap is capped at
 * 1 GiB per worker (resourceLimits: a case past it is a memory failure); the process's RSS is
 * sampled every 50 ms while a case runs and reported as the case's peak, shared with the
 * cases running beside it (typed arrays live outside the V8 heap). A case flagged for memory in
 * this mode is confirmed by rerunning its reproducer without --threads.
 */
const THREADS = args.includes('--threads');
const idle = [];
let nextId = 0;
function takeWorker() {
  return (
    idle.pop() ??
    new Worker(join(ROOT, 'scripts', 'fuzz-worker.js'), { resourceLimits: { maxOldGenerationSizeMb: 1024 }, stdout: true, stderr: true })
  );
}
function runCaseInThread(argv) {
  return new Promise((resolve) => {
    const worker = takeWorker();
    const id = nextId++;
    const started = Date.now();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const finish = (result, keep) => {
      clearInterval(sampler);
      clearTimeout(timer);
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
      if (keep) idle.push(worker);
      else void worker.terminate();
      resolve({ ms: Date.now() - started, rss_kB: Math.round(peak / 1024), ...result });
    };
    const timer = setTimeout(() => finish({ code: null, stdout: '', stderr: '', nonFinite: [] }, false), TIME_LIMIT_MS + 2000);
    worker.on('message', (m) => {
      if (m.id === id) finish({ code: m.code, stdout: m.stdout, stderr: m.stderr.replace(/\n$/, ''), nonFinite: m.nonFinite }, true);
    });
    worker.on('error', (e) =>
      finish(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { code: 0, stdout: '', stderr: String(e), nonFinite: [], rss_kB: Infinity }
          : { code: 1, stdout: '', stderr: String(e), nonFinite: [] },
        false,
      ),
    );
    worker.postMessage({ id, argv });
  });
}

async function fuzzFormat(format, r) {
  const row = {
    format: format.name,
    cases: 0,
    exit0: 0,
    exit2: 0,
    crash: 0,
    hang: 0,
    memory: 0,
    nonFinite: 0,
    changed: 0,
    exit2Lines: 0,
    maxMs: 0,
    maxRss_MB: 0,
  };
  const names = mutatorsFor(format);
  const original = originalBytes(format);
  const failures = [];
  const queue = [];
  for (let k = 0; k < CASES; k++) {
    const mutator = names[Math.floor(r() * names.length)];
    const seed = Math.floor(r() * 2 ** 31);
    queue.push({ k, mutator, seed, json: k % 2 === 1 });
  }
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const dir = mkdtempSync(join(tmpdir(), `relaxlab-fuzz-${format.name}-`));
      try {
        const mutated = MUTATORS[job.mutator](original, rng(job.seed));
        const argv = layOut(format, mutated, dir, job.json);
        const before = hashTree(dir);
        const run = await (THREADS ? runCaseInThread(argv) : runCase(argv));
        const problem = verdict(run, before, hashTree(dir), Buffer.from(mutated).toString('latin1'));
        row.cases++;
        row.maxMs = Math.max(row.maxMs, run.ms);
        row.maxRss_MB = Math.max(row.maxRss_MB, Math.round((run.rss_kB || 0) / 1024));
        if (run.code === 0) row.exit0++;
        if (run.code === 2) row.exit2++;
        if (problem) {
          row[COLUMN[problem]]++;
          const name = `${format.name}-${job.mutator}-${SEED}-${job.k}`;
          writeReproducer(CORPUS, name, format, mutated, {
            problem,
            format: format.name,
            mutator: job.mutator,
            seed: job.seed,
            argv: argv.map((a) => a.split(dir).join('<case>')),
            ms: run.ms,
            code: run.code,
            nonFinite: run.nonFinite,
            stderr: run.stderr.slice(0, 2000),
          });
          failures.push({ name, problem, stderr: run.stderr.split('\n')[0].slice(0, 200) });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return { row, failures };
}

if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'main.js'))) {
  console.error('fuzz: build first (npx tsc -b)');
  process.exit(2);
}
const r = rng(SEED);
const rows = [];
const allFailures = [];
// one seed per format drawn for all of them first, so that --format NAME replays that format's cases of the full run
const seeds = FORMATS.map(() => Math.floor(r() * 2 ** 31));
for (const [k, format] of FORMATS.entries()) {
  if (ONLY && format.name !== ONLY) continue;
  const { row, failures } = await fuzzFormat(format, rng(seeds[k]));
  rows.push(row);
  allFailures.push(...failures);
  process.stderr.write(`fuzz: ${format.name} done (${row.cases} cases)\n`);
}
const cols = Object.keys(rows[0] ?? {});
console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${cols.map((c) => row[c]).join(' | ')} |`);
for (const f of allFailures) console.log(`FAIL ${f.name}: ${f.problem}: ${f.stderr}`);
console.log(
  `fuzz: seed ${SEED}, ${CASES} cases per format, ${allFailures.length} failure(s)${allFailures.length ? `, reproducers in ${CORPUS}` : ''}`,
);
for (const worker of idle) void worker.terminate();
process.exitCode = allFailures.length ? 1 : 0;
