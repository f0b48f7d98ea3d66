/**
 * Issue 17's minimal cases, each through the CLI's main(argv): no exit 1, no clean-looking
 * number from data that carry none, exactly one stderr line on exit 2, inputs never replaced.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { createHash } from 'crypto';
import { cliScratchFolder, lines, relaxlab, ROOT } from '../support/cli';
import { gaussian, mulberry32 } from '../support/random';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

const BRUKER = join(ROOT, 'examples/17O-satrec-lamox/bruker');
const TRANSIENT = join(ROOT, 'examples/17O-satrec-lamox/transient.csv');
const scratch = cliScratchFolder('relaxlab-hostile-');

/** A copy of the Bruker example with one parameter file replaced. */
function brukerWith(name: string, file: string, edit: (text: string) => string): string {
  const dir = join(scratch.dir, name);
  cpSync(BRUKER, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(BRUKER, file), 'latin1')), 'latin1');
  return dir;
}

/** The example transient with every signal multiplied by `factor`. */
function scaledTransient(name: string, factor: number): string {
  const text = readFileSync(TRANSIENT, 'utf8').replace(
    /^([\d.e+-]+),([\d.e+-]+)$/gm,
    (_, d: string, s: string) => `${d},${(Number(s) * factor).toExponential(6)}`,
  );
  return scratch.file(name, text);
}

describe('1. a Bruker parameter file starting with ##END=', () => {
  test.each(['acqus', 'acqu2s', 'pdata/1/procs'])('%s: read past it, no crash', async (file) => {
    const dir = brukerWith(`end-${file.replace(/\//g, '-')}`, file, (t) => `##END=\n${t}`);
    const run = await relaxlab('import', dir, '--json');
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).transients.length).toBeGreaterThan(0);
  });
});

test('2. an array declared (0..100000000) but holding 64 values is a typed error naming the file', async () => {
  const dir = brukerWith('huge-d', 'acqus', (t) => t.replace('##$D= (0..63)', '##$D= (0..100000000)'));
  const run = await relaxlab('import', dir);
  expect(run.status).toBe(2);
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(/acqus: D \(line \d+\): array shorter than declared .*100000001 values.*found 64 values/);
});

test('3. "#" + 4,000 blanks as the first line of a table: read as before (the pattern was cubic)', async () => {
  const file = scratch.file('blanks.csv', `#${' '.repeat(4000)}x\n${readFileSync(TRANSIENT, 'utf8')}`);
  const run = await relaxlab('fit', file, '--model', 'saturation-recovery', '--json');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).params.T1.value).toBeCloseTo(2.658e-3, 5);
});

test('4. Lin-KK on frequencies 1e-300…3e-300 Hz: no crash', async () => {
  const file = scratch.file('tiny-f.csv', "f (Hz),Z' (Ohm),Z'' (Ohm)\n1e-300,100,-10\n2e-300,90,-20\n3e-300,80,-30\n");
  const run = await relaxlab('impedance', file, '--circuit', 'R0-p(R1,C1)', '--json');
  expect(run.status).not.toBe(1);
  expect(run.stderr).not.toMatch(/internal error/);
});

test('5. arrhenius --segments auto with one row at 400 K and eight at 300 K: one segment and why', async () => {
  const rows = ['400,100', ...Array.from({ length: 8 }, (_, i) => `300,${11 + i}`)];
  const file = scratch.file('two-temperatures.csv', `T (K),R1 (1/s)\n${rows.join('\n')}\n`);
  const run = await relaxlab('arrhenius', file, '--segments', 'auto', '--json');
  expect(run.status).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result.segments).toHaveLength(1);
  expect(result.warnings.join(' ')).toMatch(/9 points at 2 temperatures/);
  const two = await relaxlab('arrhenius', file, '--segments', '2');
  expect(two.status).toBe(2);
  expect(two.stderr).toMatch(/at 6 distinct temperatures.*found 9 points at 2 temperature/);
});

describe('6. data that carry no T1 give no clean-looking T1', () => {
  test('an all-constant transient: converged false with the reason (fit)', async () => {
    const file = scratch.file(
      'constant.csv',
      `# experiment: T1-saturation\ndelay (ms),signal\n${[0.1, 0.3, 1, 3, 10, 30, 100].map((d) => `${d},1`).join('\n')}\n`,
    );
    const run = await relaxlab('fit', file, '--model', 'saturation-recovery', '--json');
    expect(run.status).toBe(0);
    const fit = JSON.parse(run.stdout);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/data are constant/);
    expect(fit.warnings.join(' ')).toMatch(/not a result/);
  });

  test('an all-constant row in map: converged 0 in the maps and a warning', async () => {
    const file = scratch.file('map-constant.csv', '1,1,1,1,1\n0.1,0.5,0.8,0.95,1\n');
    const out = join(scratch.dir, 'map-constant-out');
    const run = await relaxlab('map', file, '--delays', '0.001,0.01,0.03,0.1,0.3', '-o', out, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).converged).toBe(1);
    expect(run.stderr).toMatch(/1 of 2 fits did not converge/);
  });

  test.each([1e300, 1e-300])('a signal scaled by %p: a typed error asking to rescale, one line', async (factor) => {
    const run = await relaxlab('fit', scaledTransient(`scaled-${factor}.csv`, factor), '--model', 'saturation-recovery');
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/y: values out of the range a fit can represent.*rescale/);
  });

  test('map on a row scaled by 1e-300: not converged, NaN, no Infinity χ²', async () => {
    const file = scratch.file('map-tiny.csv', '1e-301,5e-301,8e-301,9.5e-301,1e-300\n0.1,0.5,0.8,0.95,1\n');
    const out = join(scratch.dir, 'map-tiny-out');
    const run = await relaxlab('map', file, '--delays', '0.001,0.01,0.03,0.1,0.3', '-o', out, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).converged).toBe(1);
    const table = readFileSync(join(out, 'map.csv'), 'utf8');
    expect(table).not.toMatch(/Infinity/);
  });
});

describe('6. non-finite numbers in the input give a typed error or a warning, never a clean-looking result', () => {
  test('ct1t2 with I[0] = 1e999: a typed error naming the line (was "I0 = Infinity … (NaN%)", exit 0)', async () => {
    const text = readFileSync(join(ROOT, 'examples/17O-satrec-lamox/ct1t2.txt'), 'latin1').replace(
      /^I\[0\]\s+=\s+\S+/m,
      'I[0]  =    1e999',
    );
    const file = scratch.file('ct1t2-inf.txt', text);
    const run = await relaxlab('fit', file);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/ct1t2-inf.txt: line 14 \(I\[0\]\): number out of range \(expected a finite number.*found "1e999"\)/);
    expect(run.stdout).not.toMatch(/Infinity|NaN/);
  });

  /** The R0-p(R1,C1) spectrum of Circuit1 (R0 = 29 Ω, R1 = 47 Ω, C1 = 10 µF) with Z′ of row 10 replaced. */
  const spectrumWith = (name: string, zReal10: string): string => {
    const rows = Array.from({ length: 30 }, (_, k) => {
      const f = 10 ** (5 - k / 4);
      const w = 2 * Math.PI * f;
      const den = 1 + (w * 47 * 1e-5) ** 2;
      return `${f},${k === 10 ? zReal10 : 29 + 47 / den},${(-w * 47 * 47 * 1e-5) / den}`;
    });
    return scratch.file(name, `f (Hz),Z' (Ohm),Z'' (Ohm)\n${rows.join('\n')}\n`);
  };

  test.each(['unit', 'modulus', 'proportional'])("one Z' = -1e300, weighting %s: a typed error naming the point", async (weighting) => {
    const file = spectrumWith(`z-huge-${weighting}.csv`, '-1e300');
    const run = await relaxlab('impedance', file, '--circuit', 'R0-p(R1,C1)', '--weighting', weighting, '--json');
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/zReal_ohm\[10\]: impedance out of range \(expected \|Z\| ≤ 1e\+100 Ω.*found -1e\+300\)/);
  });

  test("the same spectrum with Z' = 60 Ω at that point fits and converges with a finite chi-square (the check is no blanket refusal)", async () => {
    const run = await relaxlab('impedance', spectrumWith('z-fine.csv', '60'), '--circuit', 'R0-p(R1,C1)', '--json');
    expect(run.status).toBe(0);
    const circuitFit = JSON.parse(run.stdout).results[0].fit;
    expect(Number.isFinite(circuitFit.fit.stats.chiSquare)).toBe(true);
    expect(circuitFit.converged).toBe(true);
  });

  test("one Z' = -1e300 in a ZView .z file: the same typed error", async () => {
    const text = readFileSync(join(ROOT, 'examples/impedance-dummy-cells/Circuit1_EIS_1.z'), 'latin1').split('\n');
    const first = text.findIndex((l) => /End Comments/.test(l)) + 1;
    const cells = text[first + 5].split('\t');
    cells[4] = '-1E+300';
    text[first + 5] = cells.join('\t');
    const run = await relaxlab('impedance', scratch.file('huge.z', text.join('\n')), '--circuit', 'R0-p(R1,C1)');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/zReal_ohm\[5\]: impedance out of range/);
  });
});

describe('4. Lin-KK on 1e-300…3e-300 Hz', () => {
  test('no NaN or Infinity printed; what is not determined is said in a warning', async () => {
    const file = scratch.file('tiny-f-kk.csv', "f (Hz),Z' (Ohm),Z'' (Ohm)\n1e-300,100,-10\n2e-300,90,-20\n3e-300,80,-30\n");
    const run = await relaxlab('impedance', file, '--circuit', 'R0-p(R1,C1)');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\[\[Lin-KK validity test\]\]/);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
    expect(run.stdout).toMatch(/\(not determined\)/);
    expect(run.stdout).toMatch(/## Warning: the Jacobian has rank 2 < 3/);
  });
});

describe('5. Arrhenius lines at one temperature, or beyond a double', () => {
  test.each([
    [2, []],
    [3, []],
    [8, []],
    [3, ['--segments', 'auto']],
    [8, ['--segments', 'auto']],
  ])('%p rows all at 300 K, options %p: a typed error, not "log10A start value is not finite"', async (n, extra) => {
    const rows = Array.from({ length: n }, (_, i) => `300,${10 + i}`);
    const file = scratch.file(`one-temperature-${n}-${extra.length}.csv`, `T (K),R1 (1/s)\n${rows.join('\n')}\n`);
    const run = await relaxlab('arrhenius', file, ...extra);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(
      /temperature_K: all points at one temperature.*expected points at 2 or more distinct temperatures; found \d+ points at 300 K/,
    );
  });

  test('log10 A = 1184 (A beyond a double): A is null in the JSON and a warning says why', async () => {
    const file = scratch.file('huge-prefactor.csv', 'T (K),R1 (1/s)\n300,1e-300\n350,1e300\n400,1\n');
    const run = await relaxlab('arrhenius', file, '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.prefactor.value).toBeNull();
    expect(result.log10Prefactor.value).toBeGreaterThan(308);
    expect(result.warnings.join(' ')).toMatch(/the prefactor A = 10\^1\d{3}\.\d+ is outside the range of a double/);
  });
});

describe('7. map -o never replaces an input', () => {
  test.each(['map.csv', 'T1.csv'])('input named %s in the output folder: refused, input unchanged', async (name) => {
    const dir = join(scratch.dir, `own-${name}`);
    mkdirSync(dir);
    const file = join(dir, name);
    writeFileSync(file, '0.1,0.5,0.8,0.95,1\n');
    const before = sha256(file);
    const run = await relaxlab('map', file, '--delays', '0.001,0.01,0.03,0.1,0.3', '-o', dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/-o, --out: output folder holds an input/);
    expect(sha256(file)).toBe(before);
  });

  test('a delays file in the output folder: refused too', async () => {
    const dir = join(scratch.dir, 'own-delays');
    mkdirSync(dir);
    const delays = join(dir, 'vdlist');
    writeFileSync(delays, '1m\n10m\n30m\n100m\n300m\n');
    const matrix = scratch.file('matrix-for-delays.csv', '0.1,0.5,0.8,0.95,1\n');
    const run = await relaxlab('map', matrix, '--delays', delays, '-o', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/output folder holds an input/);
  });
});

test('8. exit 2 prints exactly one stderr line; --verbose adds the warnings after it', async () => {
  // reading the LAMOX folder warns (TD_INDIRECT disagrees, no temperature), then the model name is refused
  const run = await relaxlab('relax', BRUKER, '--model', 'no-such-model');
  expect(run.status).toBe(2);
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(/^relaxlab: --model: unknown transient model/);
  const verbose = await relaxlab('--verbose', 'relax', BRUKER, '--model', 'no-such-model');
  expect(verbose.status).toBe(2);
  const [first, ...rest] = lines(verbose.stderr);
  expect(first).toBe(lines(run.stderr)[0]);
  expect(rest.length).toBeGreaterThan(0);
  expect(rest.every((l) => l.startsWith('relaxlab: warning: '))).toBe(true);
});

describe('9. repeated delays are fitted as they are (no more "duplicate delay")', () => {
  const delays = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];
  const rand = mulberry32(9);
  const rows = [0, 1, 2].flatMap(() => delays.map((t) => [t, 1 - Math.exp(-t / 0.01) + 0.02 * gaussian(rand)]));

  test('fit: 8 delays × 3 repeats in one table, T1 = 10 ms recovered within 3 stderr', async () => {
    const text = `# experiment: T1-saturation\ndelay (s),signal\n${rows.map(([t, y]) => `${t},${y.toFixed(6)}`).join('\n')}\n`;
    const run = await relaxlab('fit', scratch.file('repeats.csv', text), '--json');
    expect(run.status).toBe(0);
    const fit = JSON.parse(run.stdout);
    expect(fit.converged).toBe(true);
    expect(fit.stats.n).toBe(24);
    expect(Math.abs(fit.params.T1.value - 0.01)).toBeLessThan(3 * fit.params.T1.stderr);
  });

  test('map: a delay list with a repeat', async () => {
    const file = scratch.file('map-repeats.csv', '0.1,0.5,0.52,0.95,1\n0.12,0.48,0.5,0.9,1.02\n');
    const out = join(scratch.dir, 'map-repeats-out');
    const run = await relaxlab('map', file, '--delays', '0.001,0.01,0.01,0.05,0.3', '-o', out, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).converged).toBe(2);
  });
});
