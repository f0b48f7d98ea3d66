/**
 * The fuzzing harness's parts shared by the long child-process run (`npm run fuzz`,
 * scripts/fuzz.mjs + scripts/fuzz-case.js) and the small fixed-seed run inside jest
 * (test/fuzz/fuzz-smoke.test.ts, in-process through main(argv)): the formats with the real file
 * each one mutates and the command that reads it, the seeded mutators, the JSON instrumentation
 * that sees NaN/Infinity before JSON.stringify writes them as null, and the verdict on a case.
 * Plain CommonJS so that both an ES module script and a jest test load it without a build.
 */
'use strict';
const { createHash } = require('crypto');
const { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } = require('fs');
const { join } = require('path');
const { mulberry32 } = require('@relaxlab/core');

const ROOT = join(__dirname, '..');
const TIME_LIMIT_MS = 10_000;
const RSS_LIMIT_KB = 1024 * 1024;

/** core's seeded generator (mulberry32): the same streams as the tests' */
const rng = mulberry32;

const EX = join(ROOT, 'examples');
const LAMOX = join(EX, '17O-satrec-lamox');
const MIL = join(EX, 'mil121');
const SHARED = join(ROOT, '..', 'shared', 'data', 'real');
const IMP = existsSync(join(SHARED, 'impedance-dummy-cells')) ? join(SHARED, 'impedance-dummy-cells') : join(EX, 'impedance-dummy-cells');
const WINDETA = join(ROOT, 'packages', 'io', 'test', 'impedance-fixtures', 'windeta-mil121-handmade.txt');
/** The 15 delays of the LAMOX vdlist in seconds, the columns of the map matrices. */
const MAP_DELAYS_S = [5e-6, 1e-5, 3e-5, 5e-5, 1e-4, 3e-4, 5e-4, 1e-3, 3e-3, 5e-3, 1e-2, 3e-2, 5e-2, 0.1, 0.3];

/** Three saturation-recovery rows (T1 = 2, 5, 20 ms) over MAP_DELAYS_S. */
function mapRows() {
  return [2e-3, 5e-3, 20e-3].map((t1) => MAP_DELAYS_S.map((d) => 1 - Math.exp(-d / t1)));
}

/** The map rows as a CSV matrix, for map --delays cases. */
function mapMatrixCsv(dir) {
  const path = join(dir, 'matrix.csv');
  writeFileSync(
    path,
    `${mapRows()
      .map((r) => r.map((v) => v.toFixed(5)).join(','))
      .join('\n')}\n`,
  );
  return path;
}

/** A .npy v1.0 file of the map rows: '<f8', C order, shape (3, 15) (numpy's format, header padded to 64 bytes). */
function npyBytes() {
  const rows = mapRows();
  const header0 = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows.length}, ${rows[0].length}), }`;
  const total = Math.ceil((10 + header0.length + 1) / 64) * 64;
  const header = `${header0.padEnd(total - 10 - 1, ' ')}\n`;
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(prefix);
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(Float64Array.from(rows.flat()).buffer);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]);
}

/** ZView's Circuit1 spectrum as an impedance CSV (f, Z′, Z″ with units in the headers): real numbers in the CSV layout. */
function impedanceCsvBytes() {
  const lines = readFileSync(join(IMP, 'Circuit1_EIS_1.z'), 'latin1').split(/\r?\n/);
  const start = lines.findIndex((l) => /End Comments/.test(l)) + 1;
  const rows = lines
    .slice(start)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 6)
    .map((c) => `${c[0]},${c[4]},${c[5]}`);
  return Buffer.from(`f (Hz),Z' (Ohm),Z'' (Ohm)\n${rows.join('\n')}\n`, 'latin1');
}

/**
 * Formats: `folder` + `file` (a file inside a copied folder) or `source` (a file) or `bytes` (a
 * generated file named `name`), and the command that reads it.
 */
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
  { name: 'windeta', source: WINDETA, cmd: (f) => ['impedance', f, '--circuit', 'R0-p(R1,CPE1)'] },
  { name: 'impedance-csv', bytes: impedanceCsvBytes, fileName: 'spectrum.csv', cmd: (f) => ['impedance', f, '--circuit', 'R0-p(R1,C1)'] },
  {
    name: 'map-delays',
    source: join(LAMOX, 'bruker', 'vdlist'),
    cmd: (f, dir) => ['map', mapMatrixCsv(dir), '--delays', f, '-o', join(dir, 'out')],
  },
  {
    name: 'npy',
    bytes: npyBytes,
    fileName: 'matrix.npy',
    cmd: (f, dir) => ['map', f, '--delays', MAP_DELAYS_S.join(','), '-o', join(dir, 'out')],
  },
].filter((f) => existsSync(f.folder ?? f.source ?? ROOT));

const HUGE = ['1e308', '-1e308', '1e999', '1e-320', '0', '-0', 'NaN', 'Infinity', '-Inf', '99999999999999999999', '4294967296', '67108864'];
const pick = (r, list) => list[Math.floor(r() * list.length)];

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
  hugeNumber: (b, r) => numbers(b, r, () => pick(r, HUGE)),
  decimalComma: (b) => Buffer.from(b.toString('latin1').replace(/(\d)\.(\d)/g, '$1,$2'), 'latin1'),
  wrongDelimiter: (b, r) => Buffer.from(b.toString('latin1').replace(/[,\t;]/g, pick(r, [';', '\t', ' ', '|'])), 'latin1'),
  utf16: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('latin1'), 'utf16le')]),
  nonUtf8: (b, r) => {
    const c = Buffer.from(b);
    for (let k = 0; k < 5; k++) c[Math.floor(r() * c.length)] = 0xc0 + Math.floor(r() * 8);
    return c;
  },
  megabyteLine: (b, r) =>
    lines(b, r, (ls, i) => ls.splice(i, 0, pick(r, ['#', '', '1', ';', '##$X= ']) + pick(r, [' ', '0', '(', '\t', 'a']).repeat(1 << 20))),
  brukerValue: (b, r) =>
    Buffer.from(
      b
        .toString('latin1')
        .replace(/^(##\$\w+= ?)(.*)$/m, (m, k) => (r() < 0.5 ? m : `${k}${pick(r, HUGE)}`))
        .replace(/^(##\$(SI|TD|D|P|SW_h|SFO1|BF1|TD_INDIRECT|GRPDLY|XDIM|DTYPA|BYTORDA)= ?)(.*)$/gm, (m, k) =>
          r() < 0.3 ? `${k}${r() < 0.5 ? '(0..100000000)' : pick(r, HUGE)}` : m,
        ),
      'latin1',
    ),
  /** .npy header fields: dtype, byte order, shape (empty, transposed, huge, 3-D), Fortran order. */
  npyHeader: (b, r) => {
    const text = b.toString('latin1');
    const end = text.indexOf('\n');
    if (!text.startsWith('\x93NUMPY') || end < 0) return numbers(b, r, () => pick(r, HUGE));
    let header = text.slice(10, end);
    const edits = [
      () =>
        (header = header.replace(/'descr': '[^']*'/, `'descr': '${pick(r, ['<f4', '>f8', '<i4', '|u1', '|b1', '<c16', '<f2', 'O', ''])}'`)),
      () =>
        (header = header.replace(
          /\(\d+, \d+\)/,
          pick(r, ['()', '(0, 15)', '(15, 3)', '(3,)', '(45,)', '(99999999, 15)', '(3, 15, 2)', '(4294967296, 15)', '(-3, 15)']),
        )),
      () => (header = header.replace('False', 'True')),
      () => (header = header.replace(/'shape'/, "'shap'")),
    ];
    for (let k = 0; k < 1 + Math.floor(r() * 2); k++) pick(r, edits)();
    return Buffer.concat([
      b.subarray(0, 10),
      Buffer.from(header.padEnd(end - 10, ' ').slice(0, Math.max(end - 10, header.length)), 'latin1'),
      b.subarray(end),
    ]);
  },
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
    const v = value();
    out = out.slice(0, m.index) + v.padEnd(m[0].length, ' ') + out.slice(m.index + m[0].length);
  }
  return Buffer.from(out, 'latin1');
}

/** The mutators that make sense for a format ('npyHeader' only for .npy, 'brukerValue' only for Bruker parameter files). */
function mutatorsFor(format) {
  return Object.keys(MUTATORS).filter(
    (m) => (m !== 'npyHeader' || format.name === 'npy') && (m !== 'brukerValue' || ['acqus', 'acqu2s', 'procs'].includes(format.name)),
  );
}

/** The unmutated bytes of a format's file. */
function originalBytes(format) {
  if (format.bytes) return format.bytes();
  return readFileSync(format.folder ? join(format.folder, format.file) : format.source);
}

/**
 * Lays out one case in `dir` (a copy of the folder with the mutated file, or the mutated file) and
 * returns the command line (with --json when `json`).
 */
function layOut(format, mutated, dir, json) {
  let target;
  if (format.folder) {
    cpSync(format.folder, join(dir, 'exp'), { recursive: true });
    writeFileSync(join(dir, 'exp', format.file), mutated);
    target = join(dir, 'exp');
  } else {
    target = join(dir, format.fileName ?? format.source.split('/').pop());
    writeFileSync(target, mutated);
  }
  return [...format.cmd(target, dir), ...(json ? ['--json'] : [])];
}

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** SHA-256 of every input file under `dir` (the command's own output folder `out` left out). */
function hashTree(dir) {
  const out = {};
  for (const name of readdirSync(dir, { recursive: true })) {
    const p = join(dir, String(name));
    if (statSync(p).isFile() && !p.startsWith(`${join(dir, 'out')}/`)) out[p] = sha(p);
  }
  return out;
}

/**
 * Wraps JSON.stringify so that every non-finite number it is given (written as null) is recorded
 * with its path, keyed by the text produced; `nonFiniteIn(text)` returns those of the document
 * printed on stdout. Returns the function that puts JSON.stringify back.
 */
function instrumentJson() {
  const original = JSON.stringify;
  const seen = new Map();
  JSON.stringify = function stringify(value, replacer, space) {
    const text = original.call(JSON, value, replacer, space);
    if (typeof text === 'string' && text.includes('null') && value !== null && typeof value === 'object') {
      const found = [];
      collectNonFinite(value, [], found, new Set());
      if (found.length) {
        seen.set(text, found);
        if (seen.size > 50) seen.delete(seen.keys().next().value);
      }
    }
    return text;
  };
  return {
    restore: () => {
      JSON.stringify = original;
    },
    nonFiniteIn: (stdout) => seen.get(stdout.replace(/\n$/, '')) ?? [],
  };
}
function collectNonFinite(v, path, found, stack) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) found.push({ path: [...path], value: String(v) });
    return;
  }
  if (v === null || typeof v !== 'object' || stack.has(v) || found.length > 1000) return;
  if (typeof v.toJSON === 'function') return collectNonFinite(v.toJSON(), path, found, stack);
  stack.add(v);
  if (ArrayBuffer.isView(v)) v = Array.from(v);
  for (const [k, x] of Object.entries(v)) collectNonFinite(x, [...path, k], found, stack);
  stack.delete(v);
}

/**
 * Whether a non-finite number at `path` in the printed JSON document `doc` is said: an open
 * bound (min/max = ±Infinity, "a number, ±Infinity or null" by the schema), or an object on the
 * way from the root to it carries a warning, converged: false, or (a map summary) fewer
 * converged fits than fitted. Anything else is a clean-looking null where a number was expected.
 */
function nonFiniteExcused(doc, { path, value }) {
  const key = path[path.length - 1];
  if ((key === 'min' || key === 'max') && /Infinity/.test(value)) return true;
  let node = doc;
  for (let i = 0; i <= path.length; i++) {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      if (Array.isArray(node.warnings) && node.warnings.length > 0) return true;
      if (node.converged === false) return true;
      if (typeof node.converged === 'number' && typeof node.count === 'number' && node.converged < node.count) return true;
    }
    if (i < path.length) node = node?.[path[i]];
  }
  return false;
}

/** The text outputs' rule: NaN/Infinity printed only beside a warning or a failed convergence. */
const WARNED = /warning|not converged|did not converge|not a result/i;
const NON_FINITE_TEXT = /(^|[^\w"])(NaN|-?Infinity)\b/;

/**
 * NaN/Infinity in a text output that is not a value RelaxLab computed but text it echoes from the
 * input — TopSpin's formula `I[t]=I[NaN](1-exp(-t/T1))`, a file name: the whitespace-delimited word
 * around the match, less trailing `),.;:`, appears verbatim in the input and has more in it than a
 * number (a letter, a bracket or `=` besides the NaN/Infinity). A bare `NaN` or `+Infinity%` is
 * never excused, even when the input holds one: that is how a computed non-finite value prints.
 */
function echoedFromInput(stdout, inputText) {
  if (inputText === undefined) return false;
  const pattern = new RegExp(NON_FINITE_TEXT.source, 'g');
  for (let m = pattern.exec(stdout); m; m = pattern.exec(stdout)) {
    const at = m.index + m[1].length;
    let from = at;
    while (from > 0 && !/\s/.test(stdout[from - 1])) from--;
    let to = at + m[2].length;
    while (to < stdout.length && !/\s/.test(stdout[to])) to++;
    let word = stdout.slice(from, to);
    const rest = word.replace(m[2], '');
    if (!/[A-Za-z[\]=]/.test(rest)) return false;
    while (word.length > m[2].length && !inputText.includes(word) && /[),.;:]$/.test(word)) word = word.slice(0, -1);
    if (!inputText.includes(word)) return false;
  }
  return true;
}

/**
 * What is wrong with a finished case, or undefined: run = { code, ms, rss_kB, stdout, stderr,
 * nonFinite (paths from instrumentJson) }; `inputText` the mutated input (latin1), for the text
 * NaN/Infinity rule's excuse of echoed input (echoedFromInput).
 */
function verdict(run, hashesBefore, hashesAfter, inputText) {
  if (run.code === null || run.code === undefined) return run.ms > TIME_LIMIT_MS ? 'hang' : 'killed';
  if (run.code === 1) return 'crash';
  if (run.ms > TIME_LIMIT_MS) return 'slow';
  if (run.rss_kB > RSS_LIMIT_KB) return 'memory';
  for (const [p, h] of Object.entries(hashesBefore)) if (hashesAfter[p] !== h) return 'input-changed';
  if (run.code === 2 && run.stderr.trim().split('\n').length !== 1) return 'exit2-not-one-line';
  if (run.code !== 0) return undefined;
  if (NON_FINITE_TEXT.test(run.stdout) && !WARNED.test(run.stdout + run.stderr) && !echoedFromInput(run.stdout, inputText))
    return 'silent-non-finite';
  if (run.nonFinite && run.nonFinite.length > 0) {
    let doc;
    try {
      doc = JSON.parse(run.stdout);
    } catch {
      return 'json-unparsable';
    }
    if (!run.nonFinite.every((n) => nonFiniteExcused(doc, n))) return 'silent-null';
  }
  return undefined;
}

/** Writes a failing case as a minimal reproducer: the mutated file and case.json with the command. */
function writeReproducer(corpus, name, format, mutated, info) {
  const where = join(corpus, name);
  mkdirSync(where, { recursive: true });
  const fileName = format.folder ? format.file.replace(/\//g, '_') : (format.fileName ?? format.source.split('/').pop());
  writeFileSync(join(where, fileName), mutated);
  writeFileSync(join(where, 'case.json'), `${JSON.stringify(info, null, 2)}\n`);
  return where;
}

/**
 * The reproducers in a corpus folder (writeReproducer's layout), each with its format, the
 * mutated bytes and whether it ran with --json: replayed as regression cases by the jest run.
 */
function corpusCases(corpus) {
  if (!existsSync(corpus)) return [];
  return readdirSync(corpus)
    .filter((name) => existsSync(join(corpus, name, 'case.json')))
    .sort()
    .map((name) => {
      const info = JSON.parse(readFileSync(join(corpus, name, 'case.json'), 'utf8'));
      const format = FORMATS.find((f) => f.name === info.format);
      const file = readdirSync(join(corpus, name)).find((f) => f !== 'case.json');
      return { name, format, mutated: readFileSync(join(corpus, name, file)), json: info.argv.includes('--json'), problem: info.problem };
    })
    .filter((c) => c.format);
}

module.exports = {
  corpusCases,
  ROOT,
  TIME_LIMIT_MS,
  RSS_LIMIT_KB,
  FORMATS,
  MUTATORS,
  rng,
  mutatorsFor,
  originalBytes,
  layOut,
  hashTree,
  instrumentJson,
  nonFiniteExcused,
  verdict,
  writeReproducer,
};
