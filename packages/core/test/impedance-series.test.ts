/**
 * Temperature series (issue 13): a bulk arc hidden as a shoulder on a grain-boundary arc 15×
 * larger, written with the blocks in either order, fitted in temperature order with continuation;
 * the bulk identified at every temperature by its capacitance, σ_bulk and both activation energies
 * recovered; the same with the arcs clearly apart and with three blocks; the checks that catch a
 * block that swapped identity; bad input.
 *
 * Noise: 1 % of |Z| on each part, seeded (impedanceScenarios.ts). How often the literal criteria
 * hold over many draws is measured by `npm run study:impedance` (impedance-series.study.ts). The
 * global fits and the three-block series refit dozens of spectra: `npm run test:unit` leaves them
 * to `npm test` (test/support/tiers.ts).
 */
import { analyzeImpedanceSeries, InputError } from '@relaxlab/core';
import { statisticsTest } from '../../../test/support/tiers';
import type { ImpedanceSeriesAnalysis, ImpedanceSpectrum } from '@relaxlab/core';
import {
  bulkConductivity_S_per_cm,
  hiddenBulkScenario,
  scenarioCircuit,
  scenarioSpectra,
  SeriesScenario,
  separatedArcsScenario,
  sharedExponents,
  threeBlockScenario,
} from './impedanceScenarios';

/** Resistor names of the blocks in physical order (bulk first) when the circuit is written in `order`. */
function resistorOf(order: number[], physical: number): string {
  return `R${order[physical] + 1}`;
}

function expectSeries(scenario: SeriesScenario, a: ImpedanceSeriesAnalysis, order: number[], sigmaTolerance: number) {
  const bulk = resistorOf(order, 0);
  expect(a.points.map((p) => p.resistance)).toEqual(scenario.temperatures_K.map(() => bulk));
  a.points.forEach((p, k) => {
    const truth = bulkConductivity_S_per_cm(scenario, scenario.temperatures_K[k]);
    expect(Math.abs(p.sigma_S_per_cm!.value / truth - 1)).toBeLessThan(sigmaTolerance);
  });
  expect(Math.abs(a.arrhenius!.segments[0].activationEnergy_eV.value - scenario.blocks[0].activationEnergy_eV)).toBeLessThan(0.02);
  scenario.blocks.forEach((b, k) => {
    const series = a.blocks.find((s) => s.resistor === resistorOf(order, k))!;
    expect(series.arrhenius).not.toBeNull();
    expect(Math.abs(series.arrhenius!.activationEnergy_eV.value - b.activationEnergy_eV)).toBeLessThan(0.02);
  });
  expect(a.warnings.filter((w) => /swapped identity|not the same at every temperature/.test(w))).toEqual([]);
}

describe('a bulk arc hidden as a shoulder, 7 temperatures 413–473 K, 1 % noise', () => {
  const scenario = hiddenBulkScenario();
  const spectra = scenarioSpectra(scenario, 1301);
  const orders = [
    [0, 1],
    [1, 0],
  ];
  const independent = orders.map((order) => analyzeImpedanceSeries(spectra, scenarioCircuit(2, order), { segments: 1 }));

  test.each(orders.map((o, i) => [scenarioCircuit(2, o), i]))(
    '%s: the bulk is identified at every temperature (fastest and smallest capacitance), with σ_bulk within 3 stderr',
    (_, i) => {
      const order = orders[i];
      const a = independent[i];
      expect(a.points.map((p) => p.resistance)).toEqual(scenario.temperatures_K.map(() => resistorOf(order, 0)));
      a.spectra.forEach((s) => {
        const roles = Object.fromEntries(s.blocks.blocks.map((b) => [b.resistor, b.role]));
        expect(roles).toEqual({ [resistorOf(order, 0)]: 'bulk', [resistorOf(order, 1)]: 'grain boundary' });
      });
      a.points.forEach((p, k) => {
        const truth = bulkConductivity_S_per_cm(scenario, scenario.temperatures_K[k]);
        expect(Math.abs(p.sigma_S_per_cm!.value - truth)).toBeLessThan(3 * (p.sigma_S_per_cm!.stderr as number));
      });
    },
  );

  test('both writings give the same numbers: the order the user writes does not change the physics', () => {
    const [a, b] = independent;
    a.points.forEach((p, k) => expect(p.sigma_S_per_cm!.value / b.points[k].sigma_S_per_cm!.value).toBeCloseTo(1, 6));
  });

  test('every spectrum after the first was also started from its neighbour (continuation)', () => {
    independent[0].spectra.forEach((s, k) => {
      const labels = s.fit.starts.outcomes.map((o) => o.label);
      if (k === 0) expect(labels.some((l) => l.startsWith('continuation'))).toBe(false);
      else expect(labels).toContain(`continuation from ${scenario.temperatures_K[k - 1]} K`);
    });
  });

  statisticsTest.each(orders.map((o, i) => [scenarioCircuit(2, o), i]))(
    '%s with the CPE exponents shared across temperatures (global fit): σ_bulk within 3 % at every temperature, bulk 0.55 and grain-boundary 0.75 eV within 0.02 eV',
    (_, i) => {
      const order = orders[i];
      const a = analyzeImpedanceSeries(spectra, scenarioCircuit(2, order), { segments: 1, shared: sharedExponents(2) });
      expect(a.global).not.toBeNull();
      expect(a.global!.fit.converged).toBe(true);
      expect(a.points.every((p) => p.start === 'global fit')).toBe(true);
      expectSeries(scenario, a, order, 0.03);
      // one exponent for all temperatures, at its generating value within 3 stderr
      const n1 = a.global!.fit.fit.params[`CPE${order[0] + 1}_n`];
      expect(Math.abs(n1.value - 0.85)).toBeLessThan(3 * (n1.stderr as number));
    },
  );
});

describe('honest uncertainties of σ_bulk (why "within 3 %" is a matter of noise)', () => {
  // At 1 % noise a shoulder arc's σ is uncertain by 3–4 % in a fit of its own and ~1.3 % with
  // the exponents shared, so "within 3 %" fails on some draws whatever the estimator; what must
  // hold is that the reported stderr describes the scatter. npm run study:impedance: z sd 0.97–1.09
  // over 40 series per case.
  statisticsTest(
    'hidden shoulder, 8 series (seeds 1401–1408), global fit: z = (σ − σ_true)/stderr over the 56 points has |mean| < 0.5 and sd in 0.7–1.4',
    () => {
      const scenario = hiddenBulkScenario();
      const z: number[] = [];
      for (let seed = 1401; seed <= 1408; seed++) {
        const a = analyzeImpedanceSeries(scenarioSpectra(scenario, seed), scenarioCircuit(2), { segments: 1, shared: sharedExponents(2) });
        a.points.forEach((p, k) =>
          z.push(
            (p.sigma_S_per_cm!.value - bulkConductivity_S_per_cm(scenario, scenario.temperatures_K[k])) /
              (p.sigma_S_per_cm!.stderr as number),
          ),
        );
      }
      const mean = z.reduce((s, v) => s + v, 0) / z.length;
      const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1));
      process.stdout.write(`σ_bulk z-scores over ${z.length} points: mean ${mean.toFixed(2)}, sd ${sd.toFixed(2)}\n`);
      expect(Math.abs(mean)).toBeLessThan(0.5);
      expect(sd).toBeGreaterThan(0.7);
      expect(sd).toBeLessThan(1.4);
    },
  );
});

describe('other pellets', () => {
  test('arcs clearly apart (τ 900× apart): independent fits give σ_bulk within 3 % and both Ea within 0.02 eV, either writing', () => {
    const scenario = separatedArcsScenario();
    const spectra = scenarioSpectra(scenario, 1302);
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      expectSeries(scenario, analyzeImpedanceSeries(spectra, scenarioCircuit(2, order), { segments: 1 }), order, 0.03);
    }
  });

  statisticsTest(
    'three blocks (bulk, grain boundary, surface layer): each identified by its capacitance, all three Ea within 0.02 eV',
    () => {
      const scenario = threeBlockScenario();
      const spectra = scenarioSpectra(scenario, 1303);
      for (const order of [
        [0, 1, 2],
        [2, 0, 1],
      ]) {
        const a = analyzeImpedanceSeries(spectra, scenarioCircuit(3, order), { segments: 1, shared: sharedExponents(3) });
        expectSeries(scenario, a, order, 0.03);
        for (const s of a.global!.spectra) {
          const roles = Object.fromEntries(s.blocks.blocks.map((b) => [b.resistor, b.role]));
          expect(roles).toEqual({
            [resistorOf(order, 0)]: 'bulk',
            [resistorOf(order, 1)]: 'grain boundary',
            [resistorOf(order, 2)]: 'surface layer',
          });
        }
      }
    },
  );
});

describe('consistency checks and bad input', () => {
  test('a block whose capacitance jumps by more than a decade between neighbouring temperatures is reported as a swapped identity', () => {
    const scenario = separatedArcsScenario();
    const odd = scenarioSpectra({ ...scenario, temperatures_K: [413, 423, 433] }, 7);
    const jumped = scenarioSpectra(
      {
        ...scenario,
        temperatures_K: [443],
        blocks: [scenario.blocks[0], { ...scenario.blocks[1], capacitance_F: 30 * scenario.blocks[1].capacitance_F }],
      },
      8,
    );
    const a = analyzeImpedanceSeries([...odd, ...jumped], scenarioCircuit(2), { segments: 1 });
    expect(a.warnings.join('\n')).toMatch(
      /p\(R2,CPE2\): the capacitance jumps from .* F at 433 K to .* F at 443 K \(\d+×\): the block has probably swapped identity/,
    );
  });

  test('temperatures that repeat, or are missing, are InputErrors naming the spectrum', () => {
    const spectra = scenarioSpectra({ ...separatedArcsScenario(), temperatures_K: [413, 423] }, 3);
    const twice: ImpedanceSpectrum[] = [
      spectra[0],
      { ...spectra[1], temperature_K: 413, source: { file: 'b.z', format: 'zplot', imagStoredAs: 'Z″' } },
    ];
    expect(() => analyzeImpedanceSeries(twice, scenarioCircuit(2))).toThrow(InputError);
    expect(() => analyzeImpedanceSeries(twice, scenarioCircuit(2))).toThrow(/b\.z: temperature_K: temperature 413 K appears twice/);
    const missing = [spectra[0], { ...spectra[1], temperature_K: undefined }];
    expect(() => analyzeImpedanceSeries(missing, scenarioCircuit(2))).toThrow(
      /spectra\[1\]: temperature_K: no temperature for this spectrum/,
    );
    expect(() => analyzeImpedanceSeries(spectra, 'R0-CPE1')).toThrow(/no parallel block/);
  });
});
