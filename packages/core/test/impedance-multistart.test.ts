/**
 * Automatic starts that do not hinge on one guess: circuits with several minima (more than one
 * block, a diffusion element) are fitted from the arcs read off the spectrum and from the best
 * candidates of a global search over time constants; the lowest χ² is kept and reported with
 * how many starts reached it. Checked against fits started from the generating parameters.
 */
import { fitCircuit, impedanceFrequencies_Hz, simulateImpedanceSpectrum } from '@relaxlab/core';

/**
 * A battery-like spectrum, R0-p(R1,C1)-p(R2-Wo1,C2): an SEI arc (τ1 = 6e-5 s), charge transfer
 * (τ2 = 1.5e-2 s, 2.4 decades slower) and finite-length diffusion (τ_w = 20 s), 100 kHz–10 mHz.
 */
const BATTERY = 'R0-p(R1,C1)-p(R2-Wo1,C2)';
const BATTERY_TRUTH = { R0: 0.015, R1: 0.012, C1: 5e-3, R2: 0.03, Wo1_R: 0.06, Wo1_tau: 20, C2: 0.5 };
const BATTERY_F = impedanceFrequencies_Hz(1e5, 1e-2, 10);

describe('several starts', () => {
  test.each([1, 2, 3, 4, 5])(
    'R0-p(R1,C1)-p(R2-Wo1,C2), 0.5 %% noise, seed %i: the automatic start reaches the χ² of a fit started at the generating parameters (unit and modulus weighting)',
    (seed) => {
      const data = simulateImpedanceSpectrum(BATTERY, BATTERY_TRUTH, BATTERY_F, { relativeNoise: 0.005, seed });
      for (const weighting of ['unit', 'modulus'] as const) {
        const reference = fitCircuit(data, BATTERY, { weighting, starts: 'single', params: { ...BATTERY_TRUTH } });
        const auto = fitCircuit(data, BATTERY, { weighting });
        expect(auto.converged).toBe(true);
        expect(auto.fit.stats.chiSquare).toBeLessThanOrEqual(reference.fit.stats.chiSquare * (1 + 1e-6));
        for (const [name, value] of Object.entries(BATTERY_TRUTH)) {
          expect(Math.abs(auto.parameters[name].value - value)).toBeLessThan(4 * (auto.parameters[name].stderr as number));
        }
        expect(auto.starts.outcomes.length).toBeGreaterThan(1);
        expect(auto.starts.screened).toBeGreaterThan(1000);
        expect(auto.starts.reachedBest).toBeGreaterThanOrEqual(1);
      }
    },
  );

  test('the single start read off the spectrum ends in another minimum on most of these seeds (why several starts are needed)', () => {
    let elsewhere = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const data = simulateImpedanceSpectrum(BATTERY, BATTERY_TRUTH, BATTERY_F, { relativeNoise: 0.005, seed });
      const reference = fitCircuit(data, BATTERY, { weighting: 'unit', starts: 'single', params: { ...BATTERY_TRUTH } });
      const single = fitCircuit(data, BATTERY, { weighting: 'unit', starts: 'single' });
      // fits that end in one minimum agree in χ² to ~1e-9; 10 % more is another minimum
      if (single.fit.stats.chiSquare > 1.1 * reference.fit.stats.chiSquare) elsewhere++;
      expect(single.starts.outcomes).toHaveLength(1);
    }
    expect(elsewhere).toBeGreaterThanOrEqual(3);
  });

  test('an arc cut off at the highest frequency (apex at 3 MHz, data to 1 MHz) still gets its own block', () => {
    const circuit = 'p(R1,CPE1)-p(R2,CPE2)-CPE3';
    const truth = {
      R1: 1e4,
      CPE1_Q: Math.pow(1e4 * 5.3e-12, 0.9) / 1e4,
      CPE1_n: 0.9,
      R2: 1e5,
      CPE2_Q: Math.pow(1e5 * 2e-10, 0.85) / 1e5,
      CPE2_n: 0.85,
      CPE3_Q: 1e-6,
      CPE3_n: 0.8,
    };
    const data = simulateImpedanceSpectrum(circuit, truth, impedanceFrequencies_Hz(1e6, 1, 20), { relativeNoise: 0.002, seed: 4 });
    const reference = fitCircuit(data, circuit, { starts: 'single', params: { ...truth } });
    const auto = fitCircuit(data, circuit);
    expect(auto.fit.stats.chiSquare).toBeLessThanOrEqual(reference.fit.stats.chiSquare * (1 + 1e-6));
    expect(Math.abs(auto.parameters.R1.value - truth.R1)).toBeLessThan(3 * (auto.parameters.R1.stderr as number));
  });

  test('a one-block circuit keeps its single start (the dummy-cell fits are unchanged)', () => {
    const data = simulateImpedanceSpectrum('R0-p(R1,C1)', { R0: 30, R1: 470, C1: 3.3e-7 }, impedanceFrequencies_Hz(1e6, 0.1, 10), {
      relativeNoise: 0.003,
      seed: 1,
    });
    const r = fitCircuit(data, 'R0-p(R1,C1)');
    expect(r.starts.outcomes.map((o) => o.label)).toEqual(['read off the spectrum']);
    expect(r.starts.screened).toBe(0);
  });

  test('a caller start (a neighbouring temperature) is tried too, and an unknown start mode is an InputError', () => {
    const data = simulateImpedanceSpectrum(BATTERY, BATTERY_TRUTH, BATTERY_F, { relativeNoise: 0.005, seed: 9 });
    const r = fitCircuit(data, BATTERY, { extraStarts: [{ label: 'continuation from 300 K', values: { ...BATTERY_TRUTH } }] });
    expect(r.starts.outcomes.map((o) => o.label)).toContain('continuation from 300 K');
    expect(() => fitCircuit(data, BATTERY, { starts: 'many' as 'auto' })).toThrow(/starts: unknown start mode/);
  });
});
