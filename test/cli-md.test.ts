/**
 * `relaxlab md` end to end on the real Li6PS5Cl AIMD trajectory (../shared/data/real/md-li6ps5cl-aimd,
 * README: 2 fs steps, every 50th written, reference D*(Li) = 1.45e-5 cm²/s over 2–7 ps), through
 * the CLI's main() (test/support/cli.ts).
 */
import { RESULT_SCHEMA } from '@relaxlab/core';
import { join } from 'path';
import { relaxlab, ROOT, Run } from './support/cli';

const XDATCAR = join(ROOT, '..', 'shared', 'data', 'real', 'md-li6ps5cl-aimd', 'XDATCAR.gz');
const BASE = [XDATCAR, '--species', 'Li', '--timestep-fs', '2', '--stride', '50'];

describe('relaxlab md on the Li6PS5Cl AIMD run', () => {
  let run: Run;
  beforeAll(async () => {
    run = await relaxlab('md', ...BASE, '--temperature', '600', '--window', '2,7', '--json');
  });

  test('exits 0 with one JSON document: the TrajectoryTransport, every quantity { value, stderr }', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ schema: RESULT_SCHEMA, kind: 'TrajectoryTransport', species: 'Li', atoms: 192, frames: 140 });
    for (const key of ['D_tracer_cm2_per_s', 'D_sigma_cm2_per_s', 'sigma_NE_S_per_cm', 'sigma_collective_S_per_cm', 'havenRatio']) {
      expect(Object.keys(r[key]).sort()).toEqual(['stderr', 'value']);
      expect(r[key].stderr).toBeGreaterThan(0);
    }
    expect(r.msd.time_ps).toHaveLength(140);
    expect(r.msd.tracer_A2).toHaveLength(140);
    expect(r.msd.collective_A2).toHaveLength(140);
  });

  test('D*(Li) within its stated uncertainty of the README reference 1.45e-5 cm²/s', () => {
    const d = JSON.parse(run.stdout).D_tracer_cm2_per_s;
    expect(Math.abs(d.value - 1.45e-5)).toBeLessThan(d.stderr);
  });

  test('the text report names D*, D_σ, both σ and H_R, and warns that 14 ps cannot pin σ_coll down', async () => {
    const text = await relaxlab('md', ...BASE, '--temperature', '600');
    expect(text.status).toBe(0);
    for (const q of ['D*', 'D_σ', 'σ_NE', 'σ_coll', 'H_R', 'fit window']) expect(text.stdout).toContain(q);
    expect(text.stdout).toMatch(/does not pin D_σ down/);
  });
});

describe('bad input: exit 2 with one line naming the file or flag', () => {
  test.each([
    [['--species', 'Na'], /XDATCAR\.gz: species: species Na is not in the trajectory/],
    [['--timestep-fs', '0'], /--timestep-fs: must be a number > 0/],
    [['--window', '2'], /--window: invalid window/],
  ])('%p', async (args, message) => {
    const flags = [...BASE];
    const at = flags.indexOf(args[0]);
    if (at >= 0) flags.splice(at, 2);
    const r = await relaxlab('md', ...flags, ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
