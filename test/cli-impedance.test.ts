/**
 * `relaxlab impedance` and `relaxlab conductivity` end to end through the CLI's main()
 * (test/support/cli.ts) on the real dummy-cell spectra and the
 * hand-made WinDETA fixture, checked against the CLI contract (one JSON document with --json,
 * one stderr line and exit 2 on bad input, input files untouched).
 */
import { RESULT_SCHEMA } from '@relaxlab/core';
import { readFileSync } from 'fs';
import { join } from 'path';
import { cliScratchFolder, relaxlab, ROOT, Run, sha256 } from './support/cli';

const CIRCUIT3 = 'examples/impedance-dummy-cells/Circuit3_EIS_1.z';
const CIRCUIT1 = 'examples/impedance-dummy-cells/Circuit1_EIS_1.z';
const WINDETA = 'packages/io/test/impedance-fixtures/windeta-mil121-handmade.txt';

/** Exit 2 with exactly one stderr line and nothing on stdout. */
function expectInputFailure(run: Run): string {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^relaxlab: /);
  return lines[0];
}

const scratch = cliScratchFolder('relaxlab-cli-impedance-');

describe('relaxlab impedance', () => {
  test('--json on a real ZPlot file: one document, the reference fit, Lin-KK, no conductivity without geometry; the file is untouched', async () => {
    const before = sha256(CIRCUIT3);
    const run = await relaxlab('impedance', CIRCUIT3, '--circuit', 'R0-p(R1,C1)', '--weighting', 'unit', '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({
      schema: RESULT_SCHEMA,
      kind: 'ImpedanceAnalysis',
      format: 'zplot',
      circuit: 'R0-p(R1,C1)',
      weighting: 'unit',
    });
    expect(doc.results).toHaveLength(1);
    const p = doc.results[0].fit.parameters;
    expect(Number(p.R0.value.toPrecision(4))).toBe(1506);
    expect(Number(p.R1.value.toPrecision(4))).toBe(4632);
    expect(Number(p.C1.value.toPrecision(4))).toBe(2.018e-8);
    expect(p.C1.stderr).toBeGreaterThan(0);
    expect(doc.results[0].linKK.elements).toBeGreaterThanOrEqual(1);
    expect(doc.results[0].conductivity).toBeUndefined();
    expect(sha256(CIRCUIT3)).toBe(before);
  });

  test('--thickness/--area with --resistance R1 give σ = l/(R1·A), stderr propagated', async () => {
    const run = await relaxlab(
      'impedance',
      CIRCUIT1,
      '--circuit',
      'R0-p(R1,CPE1)',
      '--thickness',
      '0.12',
      '--area',
      '0.5',
      '--resistance',
      'R1',
      '--json',
    );
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout).results[0];
    const R1 = r.fit.parameters.R1;
    expect(r.conductivity.resistance).toBe('R1');
    expect(r.conductivity.sigma_S_per_cm.value).toBeCloseTo(0.12 / (R1.value * 0.5), 15);
    expect(r.conductivity.sigma_S_per_cm.stderr / r.conductivity.sigma_S_per_cm.value).toBeCloseTo(R1.stderr / R1.value, 12);
    // the CPE's effective capacitance, Hsu-Mansfeld and Brug
    expect(r.capacitances.map((c: { method: string }) => c.method).sort()).toEqual(['brug', 'hsu-mansfeld']);
  });

  test('--resistance auto (the default): a 10 µF block is no bulk (C·l/A = 2.5e-6 F/cm, an electrode by Irvine, Sinclair & West), so σ comes from the intercept R0, with a note; naming R1 warns that it is not bulk-like', async () => {
    const auto = JSON.parse(
      (await relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-p(R1,CPE1)', '--thickness', '0.12', '--area', '0.5', '--json')).stdout,
    ).results[0];
    expect(auto.blocks.blocks).toHaveLength(1);
    const block = auto.blocks.blocks[0];
    expect(block.capacitancePerCellConstant_F_per_cm.value).toBeCloseTo(1.04e-5 * 0.24, 7);
    expect(block.role).toBe('electrode interface');
    expect(auto.conductivity.resistance).toBe('R0');
    expect(auto.warnings.join(' ')).toMatch(/no block has a bulk-like capacitance.*R0 is taken as the bulk resistance/);
    const named = JSON.parse(
      (
        await relaxlab(
          'impedance',
          CIRCUIT1,
          '--circuit',
          'R0-p(R1,CPE1)',
          '--thickness',
          '0.12',
          '--area',
          '0.5',
          '--resistance',
          'R1',
          '--json',
        )
      ).stdout,
    ).results[0];
    expect(named.conductivity.resistance).toBe('R1');
    expect(named.warnings.join(' ')).toMatch(
      /R1 is not the bulk-like resistance: its block p\(R1,CPE1\) looks like electrode interface .*the bulk-like one is R0/,
    );
  });

  test('text output: lmfit-style report with the CPE capacitance and the Lin-KK line', async () => {
    const run = await relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-p(R1,CPE1)', '--weighting', 'unit');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('[[Variables]]');
    expect(run.stdout).toMatch(/CPE1_n:\s+0\.99/);
    expect(run.stdout).toMatch(/CPE1 \(Hsu-Mansfeld\): C = \(1\.0\d+ ± \d\.\d+\)e-5 F/);
    expect(run.stdout).toContain('[[Lin-KK validity test]]');
  });

  test('--param sets a start value or fixes a parameter', async () => {
    const run = await relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-p(R1,CPE1)', '--param', 'CPE1_n=1:fixed', '--json');
    expect(run.status).toBe(0);
    const p = JSON.parse(run.stdout).results[0].fit.parameters;
    expect(p.CPE1_n).toMatchObject({ value: 1, stderr: null });
  });

  test.each([
    [['--circuit', 'R0-p(R1;C1)'], /--circuit: circuit: unexpected ';' at position 7/],
    [['--circuit', 'R0-p(R1,C1)', '--thickness', '0.1'], /--area/],
    [['--circuit', 'R0-p(R1,C1)', '--weighting', 'sqrt'], /unknown weighting/],
    [['--circuit', 'R0-p(R1,C1)', '--param', 'R7=3'], /unknown parameter 'R7'/],
    [['--circuit', 'R0-p(R1,C1)', '--resistance', 'C1'], /no resistor 'C1'/],
    [['--circuit', 'R0-p(R1,C1)', '--thickness', '-1', '--area', '1'], /--thickness.*positive/],
  ])('bad input %j: exit 2 with one stderr line', async (args, message) => {
    expect(expectInputFailure(await relaxlab('impedance', CIRCUIT3, ...args))).toMatch(message);
  });

  test('a missing file and a file with a zero frequency are exit 2 naming the file', async () => {
    expect(expectInputFailure(await relaxlab('impedance', 'nope.z', '--circuit', 'R0-p(R1,C1)'))).toMatch(/nope\.z/);
    const zero = scratch.file('zero.csv', "f (Hz), Z' (Ohm), Z'' (Ohm)\n100, 10, -1\n0, 12, -2\n1, 14, -1\n");
    expect(expectInputFailure(await relaxlab('impedance', zero, '--circuit', 'R0-p(R1,C1)'))).toMatch(
      /zero\.csv: line 3: frequency must be positive/,
    );
  });
});

describe('relaxlab conductivity', () => {
  test('WinDETA temperature blocks: one σ per temperature and the σT Arrhenius recovering Ea = 0.28 eV of the fixture', async () => {
    const run = await relaxlab('conductivity', WINDETA, '--circuit', 'p(R1,CPE1)-CPE2', '--segments', '1', '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc.kind).toBe('ImpedanceSeriesAnalysis');
    expect(doc.points).toHaveLength(5);
    const T = doc.points.map((p: { temperature_K: number }) => p.temperature_K);
    expect(T).toEqual([...T].sort((a, b) => a - b));
    expect(T[0]).toBeCloseTo(253.15, 1);
    // geometry from the file: l = 0.1 cm, A = π(0.25 cm)²
    const p0 = doc.points[0];
    expect(p0.sigma_S_per_cm.value).toBeCloseTo(0.1 / (p0.resistance_ohm.value * Math.PI * 0.0625), 15);
    const ea = doc.arrhenius.segments[0].activationEnergy_eV;
    expect(doc.arrhenius.chosenSegments).toBe(1);
    expect(Math.abs(ea.value - 0.28)).toBeLessThan(3 * ea.stderr);
    expect(Math.abs(ea.value - 0.28)).toBeLessThan(0.002);
  });

  test('files without temperatures need --temperatures; without geometry the conductivity is refused', async () => {
    expect(
      expectInputFailure(
        await relaxlab('conductivity', CIRCUIT1, CIRCUIT3, '--circuit', 'R0-p(R1,C1)', '--thickness', '0.1', '--area', '1'),
      ),
    ).toMatch(/no temperature/);
    expect(
      expectInputFailure(await relaxlab('conductivity', CIRCUIT1, CIRCUIT3, '--circuit', 'R0-p(R1,C1)', '--temperatures', '300,320')),
    ).toMatch(/geometry missing/);
    expect(
      expectInputFailure(
        await relaxlab(
          'conductivity',
          CIRCUIT1,
          '--circuit',
          'R0-p(R1,C1)',
          '--temperatures',
          '300,320',
          '--thickness',
          '0.1',
          '--area',
          '1',
        ),
      ),
    ).toMatch(/one temperature per file/);
  });

  test('two temperatures give the σ values and a warning instead of an Arrhenius fit', async () => {
    const run = await relaxlab(
      'conductivity',
      CIRCUIT1,
      CIRCUIT3,
      '--circuit',
      'R0-p(R1,C1)',
      '--temperatures',
      '300,320',
      '--thickness',
      '0.1',
      '--area',
      '1',
      '--json',
    );
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.points).toHaveLength(2);
    expect(doc.arrhenius).toBeNull();
    expect(doc.warnings.join(' ')).toMatch(/needs at least 3/);
  });

  test('issue 13 bad input: repeated temperatures, --resistance auto with no parallel block, an unknown --share name; the files are untouched', async () => {
    const before = [sha256(CIRCUIT1), sha256(CIRCUIT3)];
    expect(
      expectInputFailure(
        await relaxlab(
          'conductivity',
          CIRCUIT1,
          CIRCUIT3,
          '--circuit',
          'R0-p(R1,C1)',
          '--temperatures',
          '300,300',
          '--thickness',
          '0.1',
          '--area',
          '1',
        ),
      ),
    ).toMatch(/temperature 300 K appears twice/);
    expect(
      expectInputFailure(
        await relaxlab(
          'conductivity',
          CIRCUIT1,
          CIRCUIT3,
          '--circuit',
          'R0-C1',
          '--temperatures',
          '300,320',
          '--thickness',
          '0.1',
          '--area',
          '1',
        ),
      ),
    ).toMatch(/--resistance: resistance: circuit R0-C1 has no parallel block/);
    expect(expectInputFailure(await relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-C1', '--thickness', '0.1', '--area', '1'))).toMatch(
      /no parallel block/,
    );
    expect(
      (await relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-C1', '--thickness', '0.1', '--area', '1', '--resistance', 'R0', '--json'))
        .status,
    ).toBe(0);
    expect(expectInputFailure(await relaxlab('conductivity', WINDETA, '--circuit', 'p(R1,CPE1)-CPE2', '--share', 'CPE9_n'))).toMatch(
      /--share: share: unknown parameter 'CPE9_n'/,
    );
    expect([sha256(CIRCUIT1), sha256(CIRCUIT3)]).toEqual(before);
  });

  test('--help of both commands says how interchangeable blocks are ordered and what --resistance auto takes', async () => {
    for (const command of ['impedance', 'conductivity']) {
      const help = (await relaxlab(command, '--help')).stdout.replace(/\s+/g, ' ');
      expect(help).toMatch(/returned sorted by time constant, fastest first/);
      expect(help).toMatch(/--resistance auto \(the default\) takes the bulk-like block/);
    }
  });

  test('--share fits the series globally: the WinDETA fixture with shared CPE exponents, σ from the global fit, text with the blocks across temperature', async () => {
    const run = await relaxlab(
      'conductivity',
      WINDETA,
      '--circuit',
      'p(R1,CPE1)-CPE2',
      '--share',
      'CPE1_n,CPE2_n',
      '--segments',
      '1',
      '--json',
    );
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.global.fit.shared).toEqual(['CPE1_n', 'CPE2_n']);
    expect(doc.points.every((p: { start: string }) => p.start === 'global fit')).toBe(true);
    expect(Math.abs(doc.arrhenius.segments[0].activationEnergy_eV.value - 0.28)).toBeLessThan(0.01);
    const text = await relaxlab('conductivity', WINDETA, '--circuit', 'p(R1,CPE1)-CPE2', '--share', 'CPE1_n,CPE2_n', '--segments', '1');
    expect(text.stdout).toContain('from a global fit sharing CPE1_n, CPE2_n');
    expect(text.stdout).toMatch(/\[\[Blocks across temperature\]\]\n {4}p\(R1,CPE1\) \(bulk\): Ea = /);
  });

  test('a WinDETA file with a truncated block is exit 2 naming the block', async () => {
    const cut = scratch.file('cut.txt', readFileSync(join(ROOT, WINDETA), 'utf8').split('\r\n').slice(0, -10).join('\r\n'));
    expect(expectInputFailure(await relaxlab('conductivity', cut, '--circuit', 'p(R1,CPE1)-CPE2'))).toMatch(/block 5 .* truncated/);
  });
});
