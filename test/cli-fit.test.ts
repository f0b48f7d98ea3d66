/**
 * `relaxlab fit` end to end, checked against the command-line contract in docs/ARCHITECTURE.md: one JSON document
 * with --json, one stderr line and exit 2 on bad input, input files left untouched. The contract
 * itself (exit status, nothing else on stdout or stderr, help and version) is checked on the
 * BUILT command (packages/cli/dist/main.js, `npm test` builds it first) run as a child process;
 * the rest calls the CLI's main() in this process (test/support/cli.ts).
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { RESULT_SCHEMA, VERSION } from '@relaxlab/core';
import { cliScratchFolder, lines, relaxlab, Run, runRelaxlab, sha256 } from './support/cli';

const CT1T2 = 'examples/17O-satrec-lamox/ct1t2.txt';
const CSV = 'examples/17O-satrec-lamox/transient.csv';
const EXPR = 'I0*(1 - exp(-x/T1))';

/** Equal when both round to the same `digits` significant digits. */
const sig = (v: number, digits = 3): number => Number(v.toPrecision(digits));

const scratch = cliScratchFolder('relaxlab-cli-fit-');
let nanCsv: string;

beforeAll(() => {
  nanCsv = scratch.file('nan.csv', '# experiment: T1-saturation\ndelay (ms),signal\n0.1,0.2\n1,NaN\n10,0.9\n30,1.0\n');
});

describe('relaxlab fit --expr on a TopSpin ct1t2.txt', () => {
  let run: Run;
  beforeAll(() => {
    run = runRelaxlab(['fit', CT1T2, '--expr', EXPR, '--param', 'I0=1', '--param', 'T1=0.003', '--json']);
  });

  test('exits 0 with exactly one JSON document on stdout and nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow(); // JSON.parse refuses trailing text
    expect(JSON.parse(run.stdout)).toMatchObject({ schema: RESULT_SCHEMA, kind: 'FitResult', converged: true });
  });

  test("reproduces TopSpin's own fit (I0 = 0.9618, T1 = 2.658 ms) to 3 significant digits", () => {
    const fit = JSON.parse(run.stdout);
    expect(sig(fit.params.I0.value)).toBe(sig(0.9618));
    expect(sig(fit.params.T1.value)).toBe(sig(2.658e-3));
    expect(fit.data.x[0]).toBe(5e-6); // 5.000u in the file, in seconds
    expect(fit.provenance.inputs).toEqual([{ name: CT1T2, sha256: sha256(CT1T2) }]);
  });
});

describe('relaxlab fit --model saturation-recovery --compare', () => {
  test('--json gives {fits, comparison}; the preferred model frees the saturation factor a', async () => {
    const run = await relaxlab('fit', CT1T2, '--model', 'saturation-recovery', '--compare', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc).sort()).toEqual(['comparison', 'fits']);
    expect(doc.fits).toHaveLength(doc.comparison.rows.length);
    const labels: string[] = doc.comparison.rows.map((r: { label: string }) => r.label);
    // the variant with both a and gamma free is among the candidates ...
    expect(labels).toContain('saturation-recovery [M_inf, T1, a, gamma]');
    // ... but on these 15 points BIC prefers freeing a alone: gamma = 0.955 ± 0.041 is consistent with 1
    // (ΔBIC = 1.2, AIC agrees, F-test for the extra gamma p = 0.30); a incomplete saturation is essential.
    const preferred = doc.fits.find(
      (f: { model: string; varyNames: string[] }) => `${f.model} [${f.varyNames.join(', ')}]` === doc.comparison.preferred,
    );
    expect(preferred).toBeDefined();
    expect(preferred.varyNames).toContain('a');
    expect(preferred.varyNames).toContain('T1');
    expect(doc.comparison.verdict).toContain(doc.comparison.preferred);
  });

  test('text mode prints every report, the comparison table and the verdict', async () => {
    const run = await relaxlab('fit', CT1T2, '--model', 'saturation-recovery', '--compare');
    expect(run.status).toBe(0);
    expect(run.stdout.match(/\[\[Variables\]\]/g)).toHaveLength(5);
    expect(run.stdout).toContain('[[Model Comparison]]');
    for (const h of ['nvar', 'χ²', 'AIC', 'AICc', 'BIC', 'ΔBIC', 'Akaike weight']) expect(run.stdout).toContain(h);
    expect(run.stdout).toMatch(/\[\[Verdict\]\]\n {4}saturation-recovery \[.*\] is preferred by BIC/);
  });
});

describe('relaxlab fit, text output', () => {
  test('an lmfit-style report with [[Variables]], and a line comparing with TopSpin', async () => {
    const run = await relaxlab('fit', CT1T2, '--model', 'saturation-recovery');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('[[Variables]]');
    expect(run.stdout).toMatch(/\[\[TopSpin\]\]\n {4}Saturation-Recovery\(T1\).*T1 = 0\.002658 s vs 0\.00265\d* s/);
  });

  test('the model defaults from the file (TopSpin saturation recovery)', async () => {
    const run = await relaxlab('fit', CT1T2);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('saturation-recovery');
  });
});

describe('relaxlab fit on a CSV with delays in ms', () => {
  test('delays are converted to seconds and T1 comes out in seconds', async () => {
    const run = await relaxlab('fit', CSV, '--model', 'saturation-recovery', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const fit = JSON.parse(run.stdout);
    expect(fit.model).toBe('saturation-recovery');
    expect(fit.data.x[0]).toBeCloseTo(5e-6, 15); // "0.005" in the delay (ms) column
    expect(fit.data.x[fit.data.x.length - 1]).toBeCloseTo(0.3, 12);
    expect(fit.params.T1.unit).toBe('s');
    expect(sig(fit.params.T1.value)).toBe(sig(2.658e-3)); // same points as ct1t2.txt
  });

  test('--param, --vary and bounds reach the fit', async () => {
    const run = await relaxlab(
      'fit',
      CSV,
      '--model',
      'saturation-recovery',
      '--vary',
      'a',
      '--param',
      'T1=0.004:0.0001:1',
      '--param',
      'gamma=1:fixed',
      '--json',
    );
    expect(run.status).toBe(0);
    const fit = JSON.parse(run.stdout);
    expect(fit.varyNames).toEqual(['M_inf', 'T1', 'a']);
    expect(fit.params.T1).toMatchObject({ initial: 0.004, min: 0.0001, max: 1, vary: true });
    expect(fit.params.gamma).toMatchObject({ value: 1, vary: false });
  });
});

describe('bad input: exit 2 and one stderr line naming the file or field', () => {
  // thunks: the temp file's path is known only once beforeAll has run
  const cases: Array<[string, () => string[], () => string[]]> = [
    ['missing file', () => ['fit', 'examples/no-such-file.csv', '--model', 'saturation-recovery'], () => ['examples/no-such-file.csv']],
    ['missing column (--y)', () => ['fit', CSV, '--model', 'saturation-recovery', '--y', 'nosuchcol'], () => [CSV, 'nosuchcol']],
    ['missing column (--expr)', () => ['fit', CSV, '--expr', 'A*x', '--param', 'A=1', '--y', 'nosuchcol'], () => [CSV, 'nosuchcol']],
    ['malformed --param', () => ['fit', CSV, '--model', 'saturation-recovery', '--param', 'T1=abc'], () => ['--param', 'T1', 'abc']],
    [
      '--param min > max',
      () => ['fit', CSV, '--model', 'saturation-recovery', '--param', 'T1=0.003:1:0.1'],
      () => ['--param', 'T1', 'lower bound'],
    ],
    [
      '--param start outside bounds',
      () => ['fit', CSV, '--model', 'saturation-recovery', '--param', 'T1=5:0.001:1'],
      () => ['--param', 'T1', 'outside'],
    ],
    [
      'expression parameter without --param',
      () => ['fit', CT1T2, '--expr', 'I0*(1 - exp(-x/T2))', '--param', 'I0=1'],
      () => ['--expr', 'T2'],
    ],
    [
      '--param not in the expression',
      () => ['fit', CT1T2, '--expr', EXPR, '--param', 'I0=1', '--param', 'T1=0.003', '--param', 'Q=2'],
      () => ['--param', 'Q'],
    ],
    [
      '--param not in the model',
      () => ['fit', CSV, '--model', 'saturation-recovery', '--param', 'T2=0.01'],
      () => ['--param', 'T2', 'M_inf'],
    ],
    ['unknown --model', () => ['fit', CSV, '--model', 'no-such-model'], () => ['--model', 'no-such-model']],
    ['NaN in a data cell', () => ['fit', nanCsv, '--model', 'saturation-recovery'], () => [nanCsv, 'line 4', 'signal']],
    ['--model and --expr together', () => ['fit', CSV, '--model', 'saturation-recovery', '--expr', EXPR], () => ['--model', '--expr']],
    ['neither --model nor --expr, no metadata', () => ['fit', 'examples/17O-satrec-lamox/t1ints.txt'], () => ['t1ints.txt', '--model']],
    ['expression syntax', () => ['fit', CT1T2, '--expr', 'I0*(1 - exp(-x/T1)', '--param', 'I0=1', '--param', 'T1=0.003'], () => ['--expr']],
    ['unknown option (commander)', () => ['fit', CSV, '--no-such-option'], () => ['--no-such-option']],
    ['missing file argument (commander)', () => ['fit'], () => ['file']],
    ['unknown command (commander)', () => ['no-such-command'], () => ['no-such-command']],
  ];

  test.each(cases)('%s', async (_name, args, mentions) => {
    const run = await relaxlab(...args());
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    for (const m of mentions()) expect(run.stderr).toContain(m);
    expect(run.status).toBe(2);
  });

  test('with --json too, nothing reaches stdout', () => {
    const run = runRelaxlab(['fit', CSV, '--model', 'saturation-recovery', '--param', 'T1=abc', '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
  });
});

describe('help and version', () => {
  test('relaxlab --help exits 0 and lists the fit options', () => {
    const run = runRelaxlab(['--help']);
    expect(run.status).toBe(0);
    for (const o of ['fit', '--model', '--expr', '--param', 'NAME=VALUE[:MIN:MAX]', '--json', '--version']) expect(run.stdout).toContain(o);
  });

  test('relaxlab fit --help exits 0 and states units and defaults', () => {
    const run = runRelaxlab(['fit', '--help']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    for (const o of [
      '--model',
      '--expr',
      '--x',
      '--y',
      '--sigma',
      '--param',
      '--vary',
      '--fix',
      '--compare',
      '--absolute-sigma',
      '--json',
    ]) {
      expect(run.stdout).toContain(o);
    }
    expect(run.stdout).toMatch(/converted to SI/);
    expect(run.stdout).toMatch(/seconds for time constants/);
    expect(run.stdout).toContain('saturation-recovery');
  });

  test('relaxlab --version prints the core VERSION', () => {
    const run = runRelaxlab(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
  });
});

test('input files are never modified', async () => {
  const files = [CT1T2, CSV, 'examples/17O-satrec-lamox/t1ints.txt'];
  const before = files.map(sha256);
  const nanBefore = createHash('sha256').update(readFileSync(nanCsv)).digest('hex');
  await relaxlab('fit', CT1T2, '--model', 'saturation-recovery', '--compare');
  await relaxlab('fit', CT1T2, '--expr', EXPR, '--param', 'I0=1', '--param', 'T1=0.003', '--json');
  await relaxlab('fit', CSV, '--model', 'saturation-recovery', '--vary', 'a,gamma');
  await relaxlab('fit', 'examples/17O-satrec-lamox/t1ints.txt', '--model', 'saturation-recovery', '--json');
  await relaxlab('fit', nanCsv, '--model', 'saturation-recovery');
  expect(files.map(sha256)).toEqual(before);
  expect(createHash('sha256').update(readFileSync(nanCsv)).digest('hex')).toBe(nanBefore);
});
