/** `relaxlab ilt` and `relaxlab drt`: JSON kinds with the fields, the input file unchanged, bad input → exit 2. */
import { RESULT_SCHEMA } from '@relaxlab/core';
import { join } from 'path';
import { relaxlab, ROOT, sha256 } from './support/cli';

const TRANSIENT = join(ROOT, 'examples', '17O-satrec-lamox', 'ct1t2.txt');
const SPECTRUM = join(ROOT, '..', 'shared', 'data', 'real', 'impedance-dummy-cells', 'Circuit2_EIS_1.z');

test('relaxlab ilt --json prints a RelaxationDistribution and leaves the file unchanged', async () => {
  const before = sha256('examples/17O-satrec-lamox/ct1t2.txt');
  const run = await relaxlab('ilt', TRANSIENT, '--json', '--replicates', '20');
  expect(run.status).toBe(0);
  const r = JSON.parse(run.stdout);
  expect(r).toMatchObject({ schema: RESULT_SCHEMA, kind: 'RelaxationDistribution', kernel: 'saturation-recovery' });
  for (const key of ['tau_s', 'density', 'lower', 'upper']) expect(r[key]).toHaveLength(r.tau_s.length);
  expect(typeof r.lambda).toBe('number');
  expect(r.peaks.length).toBeGreaterThan(0);
  for (const p of r.peaks)
    for (const key of ['tau_s', 'fraction', 'log10tau_s', 'log10Width', 'amplitude'])
      expect(Object.keys(p[key]).sort()).toEqual(['stderr', 'value']);
  expect(sha256('examples/17O-satrec-lamox/ct1t2.txt')).toBe(before);
});

test('relaxlab drt --json prints a DrtResult with one peak at the cell R1·C1 (Circuit2: 502.5 Ω, 3.11e-8 F)', async () => {
  const run = await relaxlab('drt', SPECTRUM, '--json', '--replicates', '20');
  expect(run.status).toBe(0);
  const r = JSON.parse(run.stdout);
  expect(r).toMatchObject({ schema: RESULT_SCHEMA, kind: 'DrtResult' });
  for (const key of ['tau_s', 'gamma_ohm', 'lower', 'upper']) expect(r[key]).toHaveLength(r.tau_s.length);
  expect(r.peaks).toHaveLength(1);
  expect(Math.abs(r.peaks[0].tau_s.value / (502.5 * 3.11e-8) - 1)).toBeLessThan(0.05);
  expect(Math.abs(r.peaks[0].resistance_ohm.value / 502.5 - 1)).toBeLessThan(0.01);
  expect(Math.abs(r.R_inf_ohm.value / 150.3 - 1)).toBeLessThan(0.01);
});

test('bad input exits 2 with the field named: a τ range outside the data, an unknown λ rule, a fractional --refinements', async () => {
  const grid = await relaxlab('drt', SPECTRUM, '--tau-min', '100', '--tau-max', '1000');
  expect(grid.status).toBe(2);
  expect(grid.stderr).toMatch(/grid: τ range outside the data/);
  const rule = await relaxlab('ilt', TRANSIENT, '--lambda-method', 'guess');
  expect(rule.status).toBe(2);
  expect(rule.stderr).toMatch(/--lambda-method/);
  const steps = await relaxlab('ilt', TRANSIENT, '--refinements', '1.5');
  expect(steps.status).toBe(2);
  expect(steps.stderr).toMatch(/--refinements/);
});
