#!/usr/bin/env node
/**
 * `npm run fuzz [-- --cases N --seed S --format NAME --corpus DIR]`: seeded mutations of the real
 * example files, each run through the built CLI's main(argv) (scripts/fuzz-case.js, one child
 * process per case, two at a time) with and without --json. A case fails on exit 1 (a crash), more
 * than 10 s, a peak RSS over 1 GiB, NaN/Infinity printed without a warning, or an input whose bytes
 * changed (SHA-256 before and after). Failures are written to the corpus folder (default
 * test/fuzz/corpus) with the command that reproduces them. Prints a table per format.
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const CASES = Number(opt('cases', 20));
const SEED = Number(opt('seed', 17));
const ONLY = opt('format', undefined);
const CORPUS = opt('corpus', join(ROOT, 'test', 'fuzz', 'corpus'));
const TIME_LIMIT_MS = 10_000;
const RSS_LIMIT_KB = 1024 * 1024;

/** mulberry32: a small seeded generator (the harness is plain Node, so not core's TS generator). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EX = join(ROOT, 'examples');
const LAMOX = join(EX, '17O-satrec-lamox');
const MIL = join(EX, 'mil121');
const SHARED = join(ROOT, '..', 'shared', 'data', 'real');
const IMP = existsSync(join(SHARED, 'impedance-dummy-cells')) ? join(SHARED, 'impedance-dummy-cells') : join(EX, 'impedance-dummy-cells');

/** Formats: the file mutated, how the case is laid out, and the command. */
const FORMATS = [
  { name: 'acqus', folder: join(LAMOX, 'bruker'), file: 'acqus', cmd: (d) => ['import', d] },
  { name: 'acqu2s', folder: join(LAMOX, 'bruker'), file: 'acqu2s', cmd: (d) => ['import', d] },
  { name: 'procs', folder: join(LAMOX, 'bruker'), file: 'pdata/1/procs', cmd: (d) => ['import', d, '--data', 'topspin'] },
  { name: 'pulseprogram', folder: join(LAMOX, 'bruker'), file: 'pulseprogram', cmd: (d) => ['import', d] },
  { name: 'vdlist', folder: join(LAMOX, 'bruker'), file: 'vdlist', cmd: (d) => ['import', d] },
  { name: 'ct1t2', source: join(LAMOX, 'ct1t2.txt'), cmd: (f) => ['fit', f, '--model', 'saturation-recovery'] },
  { name: 't1ints', source: join(LAMOX, 't1ints.txt'), cmd: (f) => ['fit', f, '--model', 'saturation-recovery'] },
  { name: 'transient-csv', source: join(LAMOX, 'transient.csv'), cmd: (f) => ['fit', f, '--model', 'saturation-recovery'] },
  { name: 'jcamp', source: join(SHARED, '1H-t1ir-pseudo2d-jcamp', '1H_T1_2D.dx'), cmd: (f) => ['import', f] },
  { name: 'arrhenius', source: join(MIL, 'conductivity', 'li-sigmaT.csv'), cmd: (f) => ['arrhenius', f, '--segments', 'auto'] },
  { name: 'bpp', source: join(MIL, 'nmr', 'li-dry-R1.csv'), cmd: (f) => ['bpp', f] },
  { name: 'narrowing', source: join(MIL, 'nmr', 'li-linewidth.csv'), cmd: (f) => ['narrowing', f] },
  { name: 'zview-z', source: join(IMP, 'Circuit1_EIS_1.z'), cmd: (f) => ['impedance', f, '--circuit', 'R0-p(R1,C1)'] },
  { name: 'biologic-mpt', source: join(IMP, 'exampleDataBioLogic.mpt'), cmd: (f) => ['impedance', f, '--circuit', 'R0-p(R1,CPE1)'] },
  { name: 'gamry-dta', source: join(IMP, 'exampleDataGamry.DTA'), cmd: (f) => ['impedance', f, '--circuit', 'R0-p(R1,CPE1)'] },
  {
    name: 'map-delays',
    source: join(LAMOX, 'bruker', 'vdlist'),
    cmd: (f, dir) => ['map', mapMatrix(dir), '--delays', f, '-o', join(dir, 'out')],
  },
].filter((f) => (!ONLY || f.name === ONLY) && existsSync(f.folder ?? f.source));

/** A 3-transient matrix with the 15 columns of the LAMOX vdlist, for map --delays cases. */
function mapMatrix(dir) {
  const path = join(dir, 'matrix.csv');
  const delays = [0.005, 0.01, 0.03, 0.05, 0.1, 0.3, 0.5, 1, 3, 5, 10, 30, 50, 100, 300];
  const row = (t1) => delays.map((d) => (1 - Math.exp(-d / t1)).toFixed(5)).join(',');
  writeFileSync(path, [row(2), row(5), row(20)].join('\n') + '\n');
  return path;
}

const HUGE = ['1e308', '-1e308', '1e999', '1e-320', '0', '-0', 'NaN', 'Infinity', '-Inf', '99999999999999999999', '4294967296', '67108864'];
/** Mutators: bytes → bytes, seeded. */
const MUTATORS = {
  byteFlip: (b, r) => {
    const c = Buffer.from(b);
    for (let k = 0; k < 1 + r() * 8; k++) c[Math.floor(r() * c.length)] = Math.floor(r() * 256);
    return c;
  },
  bitFlip: (b, r) => {
    const c = Buffer.from(b);
    const i = Math.floor(r() * c.length);
    c[i] ^= 1 << Math.floor(r() * 8);
    return c;
  },
  truncate: (b, r) => b.subarray(0, Math.floor(r() * b.length)),
  empty: () => Buffer.alloc(0),
  garbage: (b, r) => Buffer.from(Array.from({ length: 1 + Math.floor(r() * 4096) }, () => Math.floor(r() * 256))),
  duplicateLine: (b, r) => lines(b, r, (ls, i) => ls.splice(i, 0, ls[i])),
  deleteLine: (b, r) => lines(b, r, (ls, i) => ls.splice(i, 1)),
  shuffleLines: (b, r) =>
    lines(b, r, (ls) => {
      for (let i = ls.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [ls[i], ls[j]] = [ls[j], ls[i]];
      }
    }),
  hugeNumber: (b, r) => numbers(b, r, () => HUGE[Math.floor(r() * HUGE.length)]),
  decimalComma: (b) => Buffer.from(b.toString('latin1').replace(/(\d)\.(\d)/g, '$1,$2'), 'latin1'),
  wrongDelimiter: (b, r) => Buffer.from(b.toString('latin1').replace(/[,\t;]/g, [';', '\t', ' ', '|'][Math.floor(r() * 4)]), 'latin1'),
  utf16: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('latin1'), 'utf16le')]),
  nonUtf8: (b, r) => {
    const c = Buffer.from(b);
    for (let k = 0; k < 5; k++) c[Math.floor(r() * c.length)] = 0xc0 + Math.floor(r() * 8);
    return c;
  },
  megabyteLine: (b, r) =>
    lines(b, r, (ls, i) =>
      ls.splice(i, 0, ['#', '', '1', ';', '##$X= '][Math.floor(r() * 5)] + [' ', '0', '(', '\t', 'a'][Math.floor(r() * 5)].repeat(1 << 20)),
    ),
  brukerValue: (b, r) =>
    Buffer.from(
      b
        .toString('latin1')
        .replace(/^(##\$\w+= ?)(.*)$/m, (m, k) => (r() < 0.5 ? m : `${k}${HUGE[Math.floor(r() * HUGE.length)]}`))
        .replace(/^(##\$(SI|TD|D|P|SW_h|SFO1|BF1|TD_INDIRECT)= ?)(.*)$/gm, (m, k) =>
          r() < 0.3 ? `${k}${r() < 0.5 ? '(0..100000000)' : HUGE[Math.floor(r() * HUGE.length)]}` : m,
        ),
      'latin1',
    ),
};
function lines(b, r, edit) {
  const ls = b.toString('latin1').split('\n');
  edit(ls, Math.floor(r() * ls.length));
  return Buffer.from(ls.join('\n'), 'latin1');
}
function numbers(b, r, value) {
  const text = b.toString('latin1');
  const matches = [...text.matchAll(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g)];
  if (matches.length === 0) return b;
  let out = text;
  for (let k = 0; k < 1 + r() * 3; k++) {
    const m = matches[Math.floor(r() * matches.length)];
    out =
      out.slice(0, m.index) +
      value().padEnd(m[0].length, ' ').slice(0, Math.max(m[0].length, value().length)) +
      out.slice(m.index + m[0].length);
  }
  return Buffer.from(out, 'latin1');
}

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
function hashTree(dir) {
  const out = {};
  for (const name of readdirSync(dir, { recursive: true })) {
    const p = join(dir, String(name));
    if (statSync(p).isFile() && !p.includes(`${join(dir, 'out')}`)) out[p] = sha(p);
  }
  return out;
}

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
      const info = m ? JSON.parse(m[1]) : { code: null, maxRSS_kB: NaN };
      resolve({ ms, code: info.code, rss_kB: info.maxRSS_kB, stdout, stderr: m ? stderr.slice(0, m.index) : stderr });
    });
  });
}

/** What is wrong with a finished case, or undefined. */
function verdict(run, hashesBefore, hashesAfter) {
  if (run.code === null) return run.ms > TIME_LIMIT_MS ? 'hang' : 'killed';
  if (run.code === 1) return 'crash';
  if (run.ms > TIME_LIMIT_MS) return 'slow';
  if (run.rss_kB > RSS_LIMIT_KB) return 'memory';
  for (const [p, h] of Object.entries(hashesBefore)) if (hashesAfter[p] !== h) return 'input-changed';
  const warned = /warning|not converged|did not converge|not a result/i.test(run.stdout + run.stderr);
  if (run.code === 0 && /(^|[^\w"])(NaN|-?Infinity)\b/.test(run.stdout) && !warned) return 'silent-non-finite';
  return undefined;
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
    maxMs: 0,
    maxRss_MB: 0,
  };
  const names = Object.keys(MUTATORS);
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
        let target;
        const original = format.folder ? readFileSync(join(format.folder, format.file)) : readFileSync(format.source);
        const mutated = MUTATORS[job.mutator](original, rng(job.seed));
        if (format.folder) {
          cpSync(format.folder, join(dir, 'exp'), { recursive: true });
          writeFileSync(join(dir, 'exp', format.file), mutated);
          target = join(dir, 'exp');
        } else {
          target = join(dir, format.source.split('/').pop());
          writeFileSync(target, mutated);
        }
        const argv = [...format.cmd(target, dir), ...(job.json ? ['--json'] : [])];
        const before = hashTree(dir);
        const run = await runCase(argv);
        const problem = verdict(run, before, hashTree(dir));
        row.cases++;
        row.maxMs = Math.max(row.maxMs, run.ms);
        row.maxRss_MB = Math.max(row.maxRss_MB, Math.round((run.rss_kB || 0) / 1024));
        if (run.code === 0) row.exit0++;
        if (run.code === 2) row.exit2++;
        if (problem === 'crash') row.crash++;
        if (problem === 'hang' || problem === 'slow' || problem === 'killed') row.hang++;
        if (problem === 'memory') row.memory++;
        if (problem === 'silent-non-finite') row.nonFinite++;
        if (problem === 'input-changed') row.changed++;
        if (problem) {
          const name = `${format.name}-${job.mutator}-${SEED}-${job.k}`;
          const where = join(CORPUS, name);
          mkdirSync(where, { recursive: true });
          writeFileSync(join(where, format.folder ? format.file.replace(/\//g, '_') : target.split('/').pop()), mutated);
          writeFileSync(
            join(where, 'case.json'),
            JSON.stringify(
              {
                problem,
                format: format.name,
                mutator: job.mutator,
                seed: job.seed,
                argv: argv.map((a) => a.replace(dir, '<case>')),
                ms: run.ms,
                code: run.code,
                stderr: run.stderr.slice(0, 2000),
              },
              null,
              2,
            ),
          );
          failures.push({ name, problem, stderr: run.stderr.split('\n')[0].slice(0, 200) });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return { row, failures };
}

if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'main.js'))) {
  console.error('fuzz: build first (npx tsc -b)');
  process.exit(2);
}
const r = rng(SEED);
const rows = [];
const allFailures = [];
for (const format of FORMATS) {
  const { row, failures } = await fuzzFormat(format, rng(Math.floor(r() * 2 ** 31)));
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
process.exitCode = allFailures.length ? 1 : 0;
