/**
 * NIST StRD nonlinear regression (lower and average difficulty): every problem from both starts,
 * the model taken as written in the file, curveFit with its default options.
 * Accuracy as NIST measures it: LRE = −log10(relative error), capped at 11.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { fitNistProblem, nistAccuracy, NistAccuracy, readNistStrd } from '@relaxlab/io/nist';

const dir = join(__dirname, '..', '..', 'shared', 'data', 'nist-strd');
const problems = readdirSync(dir)
  .filter((f) => f.endsWith('.dat'))
  .sort()
  .map((f) => readNistStrd(join(dir, f)));

const results: NistAccuracy[] = [];
for (const problem of problems) {
  for (const start of [1, 2] as const) {
    results.push(nistAccuracy(problem, start, fitNistProblem(problem, start)));
  }
}

test('the folder holds the 19 lower- and average-difficulty problems (38 fits)', () => {
  expect(results).toHaveLength(38);
});

test('at least 36 of 38 fits reach 6 correct digits on every certified parameter', () => {
  const passing = results.filter((r) => r.minLreValue >= 6);
  const failing = results.filter((r) => r.minLreValue < 6).map((r) => `${r.problem}/start${r.start}: LRE ${r.minLreValue.toFixed(1)}`);
  expect(failing.length <= 2 ? [] : failing).toEqual([]);
  expect(passing.length).toBeGreaterThanOrEqual(36);
});

test.each(results.map((r) => [`${r.problem} start ${r.start}`, r] as const))(
  '%s: ≥ 4 digits on values, ≥ 2 on standard errors, converged',
  (_label, r) => {
    expect(r.converged).toBe(true);
    expect(r.minLreValue).toBeGreaterThanOrEqual(4);
    expect(r.minLreStderr).toBeGreaterThanOrEqual(2);
  },
);
