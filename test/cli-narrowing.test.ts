/**
 * `relaxlab narrowing` end to end through the CLI's main(): the synthetic MIL-121 7Li line widths
 * (examples/mil121/nmr/li-linewidth.csv: 5.0 kHz rigid lattice, onset near 120 °C) come back with
 * their rigid-lattice width, onset and Waugh–Fedin estimate; CLI contract on bad input.
 */
import { RESULT_SCHEMA } from '@relaxlab/core';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { lineNarrowingChart } from '@relaxlab/plots';
import { cliScratchFolder, relaxlab, ROOT } from './support/cli';

const WIDTHS = 'examples/mil121/nmr/li-linewidth.csv';
const truth = JSON.parse(readFileSync(join(ROOT, 'examples/mil121/nmr/truth.json'), 'utf8')).linewidth;

/** Data rows of a CSV: neither `# key: value` comments, nor blank, nor the header line. */
const dataRows = (path: string) =>
  readFileSync(join(ROOT, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .slice(1);

type Spec = { datasets?: Record<string, unknown[]>; layer?: Array<{ data?: { name?: string }; mark?: unknown }> };
/** Rows of the filled point marks (the measured data) of a spec whose data sit in its top-level datasets. */
function measuredRows(spec: Spec): unknown[] {
  return (spec.layer ?? []).flatMap((l) => {
    const mark = l.mark as { type?: string; filled?: boolean } | undefined;
    return mark?.type === 'point' && mark.filled && l.data?.name ? (spec.datasets?.[l.data.name] ?? []) : [];
  });
}

const scratch = cliScratchFolder('relaxlab-cli-narrowing-');
describe('MIL-121 static 7Li line widths (synthetic)', () => {
  test('Hendrickson–Bray: W = 5.0 kHz, onset at 120 °C and Ea within 3σ; Waugh–Fedin from the onset', async () => {
    const run = await relaxlab('narrowing', WIDTHS, '--absolute-sigma', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ schema: RESULT_SCHEMA, kind: 'LineNarrowingResult', model: 'hendrickson-bray' });
    const within = (e: { value: number; stderr: number }, v: number) => Math.abs(e.value - v) <= 3 * e.stderr;
    expect(within(r.rigidLatticeWidth_Hz, 5000)).toBe(true);
    expect(within(r.narrowedWidth_Hz, truth.narrowedWidth_Hz)).toBe(true);
    expect(within(r.activationEnergy_eV, truth.activationEnergy_eV)).toBe(true);
    expect(within(r.onset.temperature_K, 393.15)).toBe(true);
    expect(r.waughFedin.activationEnergy_eV.value).toBeCloseTo(1.617e-3 * r.onset.temperature_K.value, 10);
    expect(r.inflection.jumpRate_per_s.value).toBeCloseTo(2 * Math.PI * r.rigidLatticeWidth_Hz.value, 6);
  });

  test('--json keeps every width with the fitted curve there: the saved result re-plots with all the points of the CSV', async () => {
    const r = JSON.parse((await relaxlab('narrowing', WIDTHS, '--json')).stdout);
    const rows = dataRows(WIDTHS);
    expect(r.points).toHaveLength(rows.length);
    // the first row: -20 °C, 5.102 kHz ± 0.05
    expect(r.points[0].temperature_K).toBeCloseTo(-20 + 273.15, 9);
    expect(r.points[0].linewidth_Hz).toBeCloseTo(5102, 9);
    expect(r.points[0].sigma).toBeCloseTo(50, 9);
    const chiSquare = r.points.reduce((sum: number, p: { normalizedResidual: number }) => sum + p.normalizedResidual ** 2, 0);
    expect(chiSquare / r.fit.stats.chiSquare).toBeCloseTo(1, 10);
    expect(measuredRows(lineNarrowingChart(r) as Spec)).toHaveLength(rows.length);
  });

  test('the Abragam model and the text report', async () => {
    const run = await relaxlab('narrowing', WIDTHS, '--model', 'abragam');
    expect(run.status).toBe(0);
    for (const s of ['[[Variables]]', '[[Physics]]', 'rigid-lattice W', 'Waugh-Fedin Ea']) expect(run.stdout).toContain(s);
    // Abragam's α is held at 1 (only α·τ0 enters the model): said so in the physics, kept in --json
    expect(run.stdout).toMatch(/\n {4}alpha \(Abragam\) += 1 \(fixed\)\n/);
    expect((await relaxlab('narrowing', WIDTHS)).stdout).not.toContain('alpha (Abragam)');
    const r = JSON.parse((await relaxlab('narrowing', WIDTHS, '--model', 'abragam', '--json')).stdout);
    expect(r.abragamAlpha).toMatchObject({ value: 1, stderr: null, vary: false });
  });
});

describe('bad input → exit 2, one stderr line', () => {
  test('a width ≤ 0, no width column, an unknown model', async () => {
    const zero = join(scratch.dir, 'zero.csv');
    writeFileSync(zero, 'T (K), linewidth (kHz)\n250, 5\n300, 5\n350, 0\n400, 2\n450, 0.6\n500, 0.5\n');
    let run = await relaxlab('narrowing', zero);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/zero\.csv: data row 3 \(linewidth_Hz\): line width must be positive/);
    const noWidth = join(scratch.dir, 'nowidth.csv');
    writeFileSync(noWidth, 'T (K), width (ms)\n250, 5\n300, 5\n');
    run = await relaxlab('narrowing', noWidth);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/nowidth\.csv: linewidth: no line-width column/);
    run = await relaxlab('narrowing', WIDTHS, '--model', 'gauss');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--model: unknown line-narrowing model/);
  });
});
