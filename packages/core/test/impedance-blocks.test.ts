/**
 * Interchangeable blocks and what each block is: canonical order (fastest first) whatever the
 * start, with values and covariance permuted; the time constant, apex, effective capacitance,
 * C·l/A and ε_r of a block; Irvine, Sinclair & West's ranges; the bulk-like resistance; the runs
 * test of the residuals; the NNLS behind the global start search.
 */
import {
  assignBlocks,
  checkResistanceChoice,
  fitCircuit,
  hsuMansfeldCapacitance_F,
  InputError,
  mulberry32,
  parseCircuit,
  simulateImpedanceSpectrum,
  impedanceFrequencies_Hz,
  cpeCoefficientForCapacitance,
  VACUUM_PERMITTIVITY_F_per_cm,
} from '@relaxlab/core';
import { circuitBlocks, interchangeableGroups } from '../src/impedance/blocks';
import { conductivityResistance, irvineTypicalOf } from '../src/impedance/blockAssignment';
import { runsTest } from '../src/impedance/residualChecks';
import { nnlsNormal } from '../src/fit/nnls';

const F = impedanceFrequencies_Hz(1e6, 10, 20);
/** Two R∥CPE arcs 60× apart in τ and an electrode CPE (issue 13's pellet at 443 K). */
const TRUTH = {
  R1: 3e5,
  CPE1_Q: cpeCoefficientForCapacitance(3e5, 5e-12, 0.85),
  CPE1_n: 0.85,
  R2: 4.5e6,
  CPE2_Q: cpeCoefficientForCapacitance(4.5e6, 2e-11, 0.8),
  CPE2_n: 0.8,
  CPE3_Q: 5e-7,
  CPE3_n: 0.75,
};
const CIRCUIT = 'p(R1,CPE1)-p(R2,CPE2)-CPE3';
const SWAPPED = { R1: TRUTH.R2, CPE1_Q: TRUTH.CPE2_Q, CPE1_n: TRUTH.CPE2_n, R2: TRUTH.R1, CPE2_Q: TRUTH.CPE1_Q, CPE2_n: TRUTH.CPE1_n };

describe('circuit blocks', () => {
  test('structure: signatures ignore labels and branch order; blocks in series with one signature are interchangeable, others not', () => {
    const blocks = circuitBlocks(parseCircuit('R0-p(R1,CPE1)-p(CPE2,R2)-p(R3,C3)-p(R4-Wo4,C4)'));
    expect(blocks.map((b) => b.signature)).toEqual(['p(CPE,R)', 'p(CPE,R)', 'p(C,R)', 'p(C,R-Wo)']);
    expect(blocks[3].diffusion.map((e) => e.name)).toEqual(['Wo4']);
    const groups = interchangeableGroups(blocks);
    expect(groups).toHaveLength(1);
    expect(groups[0].map((b) => b.text)).toEqual(['p(R1,CPE1)', 'p(CPE2,R2)']);
    // a block inside another block's branch is not in series with it
    expect(interchangeableGroups(circuitBlocks(parseCircuit('p(R1,p(R2,C2))')))).toHaveLength(0);
  });

  test('canonical order: started with the arcs swapped, the fit returns the fast arc in the first-written block, values and covariance permuted alike', () => {
    const data = simulateImpedanceSpectrum(CIRCUIT, TRUTH, F, { relativeNoise: 0.005, seed: 3 });
    const fromTruth = fitCircuit(data, CIRCUIT, { starts: 'single', params: { ...TRUTH } });
    const fromSwapped = fitCircuit(data, CIRCUIT, { starts: 'single', params: { ...TRUTH, ...SWAPPED } });
    expect(fromTruth.blockOrder).toEqual([]);
    expect(fromSwapped.blockOrder).toHaveLength(1);
    expect(fromSwapped.blockOrder[0]).toMatch(/p\(R1,CPE1\), p\(R2,CPE2\): values exchanged/);
    expect(fromSwapped.fit.stats.chiSquare / fromTruth.fit.stats.chiSquare).toBeCloseTo(1, 9);
    for (const name of Object.keys(TRUTH)) {
      expect(fromSwapped.parameters[name].value / fromTruth.parameters[name].value).toBeCloseTo(1, 5);
      expect((fromSwapped.parameters[name].stderr as number) / (fromTruth.parameters[name].stderr as number)).toBeCloseTo(1, 3);
    }
    const i = (r: typeof fromTruth, a: string) => r.fit.varyNames.indexOf(a);
    for (const [a, b] of [
      ['R1', 'CPE1_n'],
      ['R1', 'R2'],
      ['CPE2_Q', 'CPE3_n'],
    ]) {
      expect(fromSwapped.fit.correlation[i(fromSwapped, a)][i(fromSwapped, b)]).toBeCloseTo(
        fromTruth.fit.correlation[i(fromTruth, a)][i(fromTruth, b)],
        3,
      );
    }
    // the start values moved with their blocks: R1 holds the start of the fast arc it ended in
    expect(fromSwapped.parameters.R1.initial).toBe(TRUTH.R1);
  });

  test('blocks held alike stay interchangeable: both exponents fixed at 0.85, the swapped start is still put in order', () => {
    const data = simulateImpedanceSpectrum(CIRCUIT, TRUTH, F, { seed: 1 });
    const fixed = { CPE1_n: { value: 0.85, vary: false }, CPE2_n: { value: 0.85, vary: false } };
    const r = fitCircuit(data, CIRCUIT, { starts: 'single', params: { ...TRUTH, ...SWAPPED, ...fixed } });
    expect(r.blockOrder).toHaveLength(1);
    expect(r.parameters.R1.value).toBeLessThan(r.parameters.R2.value);
  });

  test('blocks constrained differently are not interchangeable: with CPE1_n fixed the order stays as fitted', () => {
    const data = simulateImpedanceSpectrum(CIRCUIT, TRUTH, F, { seed: 1 });
    const r = fitCircuit(data, CIRCUIT, { starts: 'single', params: { ...TRUTH, ...SWAPPED, CPE1_n: { value: 0.8, vary: false } } });
    expect(r.blockOrder).toEqual([]);
    expect(r.parameters.R1.value / TRUTH.R2).toBeCloseTo(1, 4);
  });
});

describe('what each block is', () => {
  const data = simulateImpedanceSpectrum(CIRCUIT, TRUTH, F, { relativeNoise: 0.005, seed: 5 });
  const fit = fitCircuit(data, CIRCUIT);

  test('τ = (R·Q)^(1/n), apex 1/(2πτ), C_eff = Hsu–Mansfeld = τ/R; with l/A: C·l/A and ε_r = C·l/(ε0·A)', () => {
    const a = assignBlocks(fit, { thickness_cm: 0.1, area_cm2: 0.5 });
    expect(a.basis).toBe('geometry');
    const [bulk, gb] = a.blocks;
    const p = (name: string) => fit.parameters[name].value;
    const tau = Math.pow(p('R1') * p('CPE1_Q'), 1 / p('CPE1_n'));
    expect(bulk.timeConstant_s.value).toBeCloseTo(tau, 18);
    expect(bulk.apexFrequency_Hz.value * 2 * Math.PI * tau).toBeCloseTo(1, 12);
    expect(bulk.capacitance_F.value).toBeCloseTo(hsuMansfeldCapacitance_F(p('R1'), p('CPE1_Q'), p('CPE1_n')), 22);
    expect(bulk.capacitance_F.value).toBeCloseTo(tau / p('R1'), 22);
    expect(bulk.capacitancePerCellConstant_F_per_cm!.value).toBeCloseTo(bulk.capacitance_F.value * 0.2, 22);
    expect(bulk.relativePermittivity!.value).toBeCloseTo((bulk.capacitance_F.value * 0.2) / VACUUM_PERMITTIVITY_F_per_cm, 9);
    // the generating capacitances, within 3 stderr
    expect(Math.abs(bulk.capacitance_F.value - 5e-12)).toBeLessThan(3 * (bulk.capacitance_F.stderr as number));
    expect(Math.abs(gb.capacitance_F.value - 2e-11)).toBeLessThan(3 * (gb.capacitance_F.stderr as number));
    // τ's stderr by propagation: the relative errors of τ and the apex agree
    expect((bulk.apexFrequency_Hz.stderr as number) / bulk.apexFrequency_Hz.value).toBeCloseTo(
      (bulk.timeConstant_s.stderr as number) / tau,
      12,
    );
    expect(bulk.role).toBe('bulk');
    expect(gb.role).toBe('grain boundary');
    expect(a.bulkResistor).toBe('R1');
  });

  test('a bulk-like block far above a geometric capacitance (C·l/A 1.5e-9 F/cm) is still the bulk, with a note; from 1e-7 F/cm (an electrode) it is not', () => {
    const one = 'R0-p(R1,CPE1)-CPE2';
    const spectrum = (C: number) =>
      simulateImpedanceSpectrum(
        one,
        { R0: 5, R1: 2e4, CPE1_Q: cpeCoefficientForCapacitance(2e4, C, 0.8), CPE1_n: 0.8, CPE2_Q: 1e-5, CPE2_n: 0.8 },
        F,
        { seed: 3 },
      );
    const dispersive = assignBlocks(fitCircuit(spectrum(3e-9), one), { thickness_cm: 0.1, area_cm2: 0.2 });
    expect(dispersive.bulkResistor).toBe('R1');
    expect(dispersive.notes.join(' ')).toMatch(/C·l\/A = 1\.5\de-9 F\/cm .* a dispersive \(Jonscher\) bulk fitted with a CPE/);
    const electrode = assignBlocks(fitCircuit(spectrum(3e-7), one), { thickness_cm: 0.1, area_cm2: 0.2 });
    expect(electrode.bulkResistor).toBe('R0');
    expect(electrode.blocks[0].role).toBe('electrode interface');
  });

  test("Irvine, Sinclair & West's ranges (F/cm)", () => {
    expect(irvineTypicalOf(1e-12)).toBe('bulk');
    expect(irvineTypicalOf(1e-11)).toBe('minor second phase or grain boundary');
    expect(irvineTypicalOf(1e-9)).toBe('grain boundary or surface layer');
    expect(irvineTypicalOf(1e-6)).toBe('sample-electrode interface');
    expect(irvineTypicalOf(1e-4)).toBe('electrochemical reaction');
  });

  test('the bulk is the smallest capacitance also without a geometry (relative basis, with a note); written the other way round, R2 is the bulk', () => {
    const a = assignBlocks(fit);
    expect(a.basis).toBe('relative');
    expect(a.bulkResistor).toBe('R1');
    expect(a.notes.join(' ')).toMatch(/without the pellet geometry/);
    const other = fitCircuit(data, 'p(R2,CPE2)-p(R1,CPE1)-CPE3');
    expect(assignBlocks(other).bulkResistor).toBe('R2');
    expect(other.parameters.R2.value / fit.parameters.R1.value).toBeCloseTo(1, 5);
  });

  test('--resistance: auto is the bulk; a named grain-boundary R is used with a warning; bad choices are InputErrors naming the field', () => {
    const a = assignBlocks(fit, { thickness_cm: 0.1, area_cm2: 0.5 });
    expect(conductivityResistance(fit, a)).toEqual({ resistor: 'R1', notes: [] });
    const named = conductivityResistance(fit, a, 'R2');
    expect(named.resistor).toBe('R2');
    expect(named.notes[0]).toMatch(
      /R2 is not the bulk-like resistance: its block p\(R2,CPE2\) looks like grain boundary .* the bulk-like one is R1/,
    );
    expect(() => checkResistanceChoice(parseCircuit(CIRCUIT), 'R7', '--resistance')).toThrow(/--resistance: resistance: no resistor 'R7'/);
    const noBlock = () => checkResistanceChoice(parseCircuit('R0-CPE1'), 'auto', '--resistance');
    expect(noBlock).toThrow(InputError);
    expect(noBlock).toThrow(/has no parallel block .* no bulk block can be identified/);
    expect(() => checkResistanceChoice(parseCircuit('R0-CPE1'), 'R0', '--resistance')).not.toThrow();
  });
});

describe('residual structure', () => {
  test('runs test: alternating signs are the most runs (p ≈ 1), two halves of one sign the fewest (p tiny); counts as Wald–Wolfowitz', () => {
    const alternating = Array.from({ length: 40 }, (_, i) => (i % 2 ? 1 : -1));
    const halves = Array.from({ length: 40 }, (_, i) => (i < 20 ? 1 : -1));
    const a = runsTest(alternating);
    const h = runsTest(halves);
    expect(a.runs).toBe(40);
    expect(h.runs).toBe(2);
    expect(a.expected).toBeCloseTo(21, 12);
    expect(a.p as number).toBeGreaterThan(0.999);
    expect(h.p as number).toBeLessThan(1e-8);
    expect(runsTest([1, -1, 1]).p).toBeNull();
  });

  test('runs test is calibrated: on 2000 sequences of independent signs p < 0.05 in 3–7 %', () => {
    const rng = mulberry32(77);
    let rejected = 0;
    for (let k = 0; k < 2000; k++) {
      const p = runsTest(Array.from({ length: 60 }, () => rng() - 0.5)).p as number;
      if (p < 0.05) rejected++;
    }
    expect(rejected / 2000).toBeGreaterThan(0.03);
    expect(rejected / 2000).toBeLessThan(0.07);
  });

  test('a circuit that misses an arc says so: one R∥CPE fitted to the two-arc spectrum', () => {
    const data = simulateImpedanceSpectrum(CIRCUIT, TRUTH, F, { relativeNoise: 0.005, seed: 2 });
    const poor = fitCircuit(data, 'p(R1,CPE1)-CPE3');
    expect(poor.warnings.join(' ')).toMatch(/the residuals show structure/);
    const good = fitCircuit(data, CIRCUIT);
    expect(good.warnings.join(' ')).not.toMatch(/structure/);
  });
});

describe('non-negative least squares (Lawson–Hanson on the normal equations)', () => {
  function problem(m: number, k: number, seed: number) {
    const rng = mulberry32(seed);
    const A = Array.from({ length: m }, () => Array.from({ length: k }, () => rng() - 0.3));
    const b = Array.from({ length: m }, () => rng() - 0.5);
    const gram = new Float64Array(k * k);
    const c = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) for (let r = 0; r < m; r++) gram[i * k + j] += A[r][i] * A[r][j];
      for (let r = 0; r < m; r++) c[i] += A[r][i] * b[r];
    }
    const bb = b.reduce((s, v) => s + v * v, 0);
    const rss = (x: ArrayLike<number>) => A.reduce((s, row, r) => s + (row.reduce((t, a, i) => t + a * x[i], 0) - b[r]) ** 2, 0);
    return { gram, c, bb, rss, k };
  }

  test('the KKT conditions hold and no subset of columns does better (brute force over all 2^k passive sets)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { gram, c, bb, rss, k } = problem(20, 5, seed);
      const out = nnlsNormal(gram, c, bb, k);
      expect(out.converged).toBe(true);
      expect(out.residualSquare).toBeCloseTo(rss(out.x), 10);
      // KKT: x ≥ 0, gradient w = c − Gx ≤ 0 where x = 0 and = 0 where x > 0
      for (let j = 0; j < k; j++) {
        let w = c[j];
        for (let i = 0; i < k; i++) w -= gram[j * k + i] * out.x[i];
        expect(out.x[j]).toBeGreaterThanOrEqual(0);
        if (out.x[j] > 0) expect(Math.abs(w)).toBeLessThan(1e-9);
        else expect(w).toBeLessThan(1e-9);
      }
      // brute force: the best unconstrained fit on every passive set whose solution is ≥ 0
      let best = bb;
      for (let mask = 1; mask < 1 << k; mask++) {
        const idx = Array.from({ length: k }, (_, j) => j).filter((j) => mask & (1 << j));
        const n = idx.length;
        const M = idx.map((a) => [...idx.map((b2) => gram[a * k + b2]), c[a]]);
        for (let p = 0; p < n; p++) {
          let piv = p;
          for (let r = p + 1; r < n; r++) if (Math.abs(M[r][p]) > Math.abs(M[piv][p])) piv = r;
          [M[p], M[piv]] = [M[piv], M[p]];
          for (let r = 0; r < n; r++)
            if (r !== p) {
              const f = M[r][p] / M[p][p];
              for (let q = p; q <= n; q++) M[r][q] -= f * M[p][q];
            }
        }
        const x = new Array(k).fill(0);
        idx.forEach((j, p) => (x[j] = M[p][n] / M[p][p]));
        if (x.every((v) => v >= 0)) best = Math.min(best, rss(x));
      }
      expect(out.residualSquare).toBeLessThanOrEqual(best * (1 + 1e-9) + 1e-12);
    }
  });

  test('a column that duplicates another does not stall it: the solution uses one of them', () => {
    const gram = Float64Array.from([1, 1, 0.2, 1, 1, 0.2, 0.2, 0.2, 1]);
    const c = Float64Array.from([0.8, 0.8, 0.5]);
    const out = nnlsNormal(gram, c, 2, 3);
    expect(out.converged).toBe(true);
    expect(out.x[0] * out.x[1]).toBe(0);
    expect(out.x[0] + out.x[1]).toBeGreaterThan(0);
  });
});
