/**
 * `relaxlab impedance` and `relaxlab conductivity` end to end: the BUILT command
 * (packages/cli/dist/main.js) run as a child process on the real dummy-cell spectra and the
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
  test('--json on a real ZPlot file: one document, the reference fit, Lin-KK, no conductivity without geometry; the file is untouched', () => {
    const before = sha256(CIRCUIT3);
    const run = relaxlab('impedance', CIRCUIT3, '--circuit', 'R0-p(R1,C1)', '--weighting', 'unit', '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ schema: RESULT_SCHEMA, kind: 'ImpedanceAnalysis', format: 'zplot', circuit: 'R0-p(R1,C1)', weighting: 'unit' });
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

  test('--thickness/--area give σ = l/(R1·A) with R1 the resistance inside p(...), stderr propagated', () => {
    const run = relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-p(R1,CPE1)', '--thickness', '0.12', '--area', '0.5', '--json');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout).results[0];
    const R1 = r.fit.parameters.R1;
    expect(r.conductivity.resistance).toBe('R1');
    expect(r.conductivity.sigma_S_per_cm.value).toBeCloseTo(0.12 / (R1.value * 0.5), 15);
    expect(r.conductivity.sigma_S_per_cm.stderr / r.conductivity.sigma_S_per_cm.value).toBeCloseTo(R1.stderr / R1.value, 12);
    // the CPE's effective capacitance, Hsu-Mansfeld and Brug
    expect(r.capacitances.map((c: { method: string }) => c.method).sort()).toEqual(['brug', 'hsu-mansfeld']);
  });

  test('text output: lmfit-style report with the CPE capacitance and the Lin-KK line', () => {
    const run = relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-p(R1,CPE1)', '--weighting', 'unit');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('[[Variables]]');
    expect(run.stdout).toMatch(/CPE1_n:\s+0\.99/);
    expect(run.stdout).toMatch(/CPE1 \(Hsu-Mansfeld\): C = 1\.0\d+e-5 ±/);
    expect(run.stdout).toContain('[[Lin-KK validity test]]');
  });

  test('--param sets a start value or fixes a parameter', () => {
    const run = relaxlab('impedance', CIRCUIT1, '--circuit', 'R0-p(R1,CPE1)', '--param', 'CPE1_n=1:fixed', '--json');
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
  ])('bad input %j: exit 2 with one stderr line', (args, message) => {
    expect(expectInputFailure(relaxlab('impedance', CIRCUIT3, ...(args as string[])))).toMatch(message);
  });

  test('a missing file and a file with a zero frequency are exit 2 naming the file', () => {
    expect(expectInputFailure(relaxlab('impedance', 'nope.z', '--circuit', 'R0-p(R1,C1)'))).toMatch(/nope\.z/);
    const zero = scratch.file('zero.csv', "f (Hz), Z' (Ohm), Z'' (Ohm)\n100, 10, -1\n0, 12, -2\n1, 14, -1\n");
    expect(expectInputFailure(relaxlab('impedance', zero, '--circuit', 'R0-p(R1,C1)'))).toMatch(/zero\.csv: line 3: frequency must be positive/);
  });
});

describe('relaxlab conductivity', () => {
  test('WinDETA temperature blocks: one σ per temperature and the σT Arrhenius recovering Ea = 0.28 eV of the fixture', () => {
    const run = relaxlab('conductivity', WINDETA, '--circuit', 'p(R1,CPE1)-CPE2', '--segments', '1', '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc.kind).toBe('ConductivityAnalysis');
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

  test('files without temperatures need --temperatures; without geometry the conductivity is refused', () => {
    expect(expectInputFailure(relaxlab('conductivity', CIRCUIT1, CIRCUIT3, '--circuit', 'R0-p(R1,C1)', '--thickness', '0.1', '--area', '1'))).toMatch(/no temperature/);
    expect(expectInputFailure(relaxlab('conductivity', CIRCUIT1, CIRCUIT3, '--circuit', 'R0-p(R1,C1)', '--temperatures', '300,320'))).toMatch(/geometry missing/);
    expect(expectInputFailure(relaxlab('conductivity', CIRCUIT1, '--circuit', 'R0-p(R1,C1)', '--temperatures', '300,320', '--thickness', '0.1', '--area', '1'))).toMatch(/one temperature per file/);
  });

  test('two temperatures give the σ values and a warning instead of an Arrhenius fit', () => {
    const run = relaxlab('conductivity', CIRCUIT1, CIRCUIT3, '--circuit', 'R0-p(R1,C1)', '--temperatures', '300,320', '--thickness', '0.1', '--area', '1', '--json');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.points).toHaveLength(2);
    expect(doc.arrhenius).toBeNull();
    expect(doc.warnings.join(' ')).toMatch(/needs at least 3/);
  });

  test('a WinDETA file with a truncated block is exit 2 naming the block', () => {
    const cut = scratch.file('cut.txt', readFileSync(join(ROOT, WINDETA), 'utf8').split('\r\n').slice(0, -10).join('\r\n'));
    expect(expectInputFailure(relaxlab('conductivity', cut, '--circuit', 'p(R1,CPE1)-CPE2'))).toMatch(/block 5 .* truncated/);
  });
});
