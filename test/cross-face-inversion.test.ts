/**
 * The distributions of relaxation times through the faces: the notebook kernel
 * (rl.relaxationDistribution, rl.distributionOfRelaxationTimes, show()), `relaxlab ilt/drt --json`
 * and the JupyterLab extension (its renderer on the kernel's bundle, its file viewer on the CLI's
 * JSON saved to a file) give the same numbers, to 1e-12 relative, and the same warnings, for the
 * measured LAMOX 17O recovery and the measured dummy cell 3.
 */
import { join } from 'path';
import { display, distributionOfRelaxationTimes, readImpedance, readTransient, relaxationDistribution } from '@relaxlab/kernel';
import { fileBundle } from '../packages/jupyterlab/src/fileView';
import { resultView } from '../packages/jupyterlab/src/payload';
import { relaxlab, ROOT } from './support/cli';
import { expectSame } from './support/same';

const TRANSIENT = join(ROOT, 'examples', '17O-satrec-lamox', 'transient.csv');
const SPECTRUM = join(ROOT, 'examples', 'impedance-dummy-cells', 'Circuit3_EIS_1.z');

async function cliJson(...args: string[]): Promise<unknown> {
  const run = await relaxlab(...args, '--json');
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(run.stdout) as unknown;
}

describe.each([
  [
    'ILT',
    'ilt',
    TRANSIENT,
    ['--replicates', '60', '--seed', '4'],
    () => relaxationDistribution(readTransient(TRANSIENT), { replicates: 60, seed: 4 }),
  ],
  [
    'DRT',
    'drt',
    SPECTRUM,
    ['--replicates', '60', '--seed', '4', '--lambda-method', 'gcv'],
    () => distributionOfRelaxationTimes(readImpedance(SPECTRUM).spectra[0], { replicates: 60, seed: 4, lambda: { method: 'gcv' } }),
  ],
] as const)('%s: kernel = relaxlab --json = the extension', (_, command, file, flags, kernelRun) => {
  const kernel = JSON.parse(JSON.stringify(kernelRun())) as { peaks: unknown[]; warnings: string[] };
  let cli: unknown;
  beforeAll(async () => {
    cli = await cliJson(command, file, ...flags);
  });

  test('the CLI prints the result the kernel returns: every number, peak and warning', () => {
    expect(kernel.peaks.length).toBeGreaterThan(0);
    expectSame(cli, kernel, 'cli');
  });

  test("the lab's renderer on show()'s bundle and its file viewer on the CLI's JSON list the same values", () => {
    const shown = resultView(display.mimeBundle(kernel as never));
    const opened = resultView(fileBundle(`${command}.json`, JSON.stringify(cli)));
    expect(shown.rows.length).toBeGreaterThan(5);
    expectSame(opened.rows, shown.rows, 'file viewer');
    expectSame(opened.statistics, shown.statistics, 'statistics');
    expect(opened.warnings).toEqual(kernel.warnings);
  });
});
