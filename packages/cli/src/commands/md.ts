/**
 * `relaxlab md <trajectory> --species Li [--timestep-fs … --stride … --temperature … --charge …] [--json]`:
 * an MD trajectory (VASP XDATCAR, extended XYZ, LAMMPS dump, DCD + LAMMPS data file; gzip read
 * transparently) streamed through @relaxlab/io readTrajectory, then core's analyzeTrajectory:
 * tracer and collective MSD, D* and D_σ by GLS with the random-walk covariance between lags,
 * σ_NE, σ_collective, the Haven ratio, each with its standard error. Progress on stderr (a TTY only).
 */
import type { Command } from 'commander';
import { analyzeTrajectory, InputError, trajectoryTransportReport } from '@relaxlab/core';
import { readTrajectory, TRAJECTORY_FORMATS } from '@relaxlab/io';
import type { TrajectoryFormat } from '@relaxlab/io';
import { printJson, printOut } from '../output';
import { progressBar } from '../progress';

export interface MdCommandOptions {
  species: string;
  timestepFs?: string;
  stride?: string;
  temperature?: string;
  charge?: string;
  window?: string;
  jumpLength?: string;
  format?: string;
  data?: string;
  perDimension?: boolean;
  drift?: boolean;
  json?: boolean;
}

const HELP = [
  '',
  'Formats (from the name, or --format): VASP XDATCAR (fixed or variable cell), extended XYZ (*.xyz, *.extxyz,',
  'Lattice="..." required), LAMMPS text dump (*.dump, *.lammpstrj; x y z with ix iy iz image flags, xu yu zu or xs ys zs),',
  'LAMMPS/CHARMM DCD (*.dcd, with --data for the atom types). A trailing .gz is read transparently.',
  'The time between frames is --timestep-fs × --stride (LAMMPS dumps and DCD give the stride themselves).',
  '',
  'Example (the Li6PS5Cl AIMD run: 2 fs steps, every 50th written):',
  '  relaxlab md XDATCAR.gz --species Li --timestep-fs 2 --stride 50 --temperature 600 --window 2,7',
  '',
  'Exit codes: 0 success, 1 internal error, 2 bad input or usage (one line on stderr naming the file/field).',
].join('\n');

export function registerMd(program: Command): Command {
  return program
    .command('md')
    .helpOption('-h, --help', 'show this help')
    .summary('MD trajectory -> tracer and collective MSD, D*, D_sigma, sigma (Nernst-Einstein and collective), Haven ratio')
    .description(
      'Read an MD trajectory (streaming; memory grows with the selected atoms x frames only), unwrap it by the minimum image ' +
        'between frames, remove the framework drift, and compute the tracer MSD and the collective (charge-weighted ' +
        'centre-of-displacement) MSD over all time origins (FFT). D* and D_sigma come from a generalised least-squares fit ' +
        'of MSD = 6Dt + c with the random-walk covariance between time lags (after kinisi), errors widened by sqrt(chi2_red) ' +
        'when the misfit is significant; sigma_NE = N q^2 D*/(V kB T), sigma_coll from D_sigma, H_R = D*/D_sigma.',
    )
    .argument('<trajectory>', 'trajectory file')
    .requiredOption('--species <names>', 'the mobile species, e.g. Li (comma-separated for several)')
    .option('--timestep-fs <dt>', 'MD time step in fs (when the file does not give the frame interval)')
    .option('--stride <n>', 'MD steps between written frames (default 1, or from the file)')
    .option('--temperature <K>', 'temperature of the run in K (needed for sigma)')
    .option('--charge <z>', 'charge number of the species (default from the file or the element: Li 1, Mg 2, F -1, ...)')
    .option('--window <start,end>', 'fit window in ps (default: automatic, up to half the run)')
    .option('--jump-length <A>', 'jump length in Å for the jump rate Gamma = 6 D*/a^2')
    .option('--format <name>', `trajectory format: ${TRAJECTORY_FORMATS.join(', ')}`)
    .option('--data <file>', 'LAMMPS data file: atom types (Masses "# Li" comments or masses) and charges')
    .option('--per-dimension', 'also D* along x, y and z')
    .option('--no-drift', 'keep the framework drift (default: removed)')
    .option('--json', 'print exactly one JSON document: the TrajectoryTransport')
    .addHelpText('after', HELP)
    .action((path: string, options: MdCommandOptions) => runMd(path, options));
}

function positive(text: string | undefined, flag: string, what: string, allowNegative = false): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || (!allowNegative && v <= 0) || (allowNegative && v === 0)) {
    throw new InputError(allowNegative ? 'must be a non-zero number' : 'must be a number > 0', {
      source: flag,
      field: flag,
      expected: what,
      found: JSON.stringify(text),
    });
  }
  return v;
}

export async function runMd(path: string, options: MdCommandOptions): Promise<void> {
  const window = options.window?.split(',').map(Number);
  if (window && (window.length !== 2 || !window.every(Number.isFinite))) {
    throw new InputError('invalid window', {
      source: '--window',
      field: '--window',
      expected: 'start,end in ps, e.g. 2,7',
      found: JSON.stringify(options.window),
    });
  }
  if (options.format !== undefined && !TRAJECTORY_FORMATS.includes(options.format as TrajectoryFormat)) {
    throw new InputError('unknown format', {
      source: '--format',
      field: '--format',
      expected: TRAJECTORY_FORMATS.join(', '),
      found: options.format,
    });
  }
  // progress in % of the file's bytes (compressed bytes for .gz), on a TTY only
  const bar = progressBar('% of the trajectory read', 100);
  const progress = (read: number, size: number) => bar.update(Math.round((100 * read) / size));
  const trajectory = await readTrajectory(path, {
    species: options.species.split(',').map((s) => s.trim()),
    timestep_fs: positive(options.timestepFs, '--timestep-fs', 'the MD time step in fs, > 0'),
    stride: positive(options.stride, '--stride', 'MD steps between frames, > 0'),
    charge: positive(options.charge, '--charge', 'the charge number, e.g. 1', true),
    removeDrift: options.drift !== false,
    ...(options.format ? { format: options.format as TrajectoryFormat } : {}),
    ...(options.data ? { dataFile: options.data } : {}),
    onProgress: progress,
  });
  bar.done();
  const result = analyzeTrajectory(trajectory, {
    temperature_K: positive(options.temperature, '--temperature', 'the temperature in K, > 0'),
    window_ps: window as [number, number] | undefined,
    jumpLength_A: positive(options.jumpLength, '--jump-length', 'the jump length in Å, > 0'),
    perDimension: options.perDimension === true,
  });
  if (options.json) return printJson(result);
  printOut(trajectoryTransportReport(result));
}
