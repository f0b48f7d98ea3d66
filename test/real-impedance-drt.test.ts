/**
 * Real data: the DRT of the three R0 + (R1 ∥ C1) dummy cells (shared/data/real/impedance-dummy-
 * cells) has one dominant peak, at the τ = R1·C1 and with the R1 of the cell's circuit fit.
 */
import { join, resolve } from 'path';
import { distributionOfRelaxationTimes, fitCircuit } from '@relaxlab/core';
import { readImpedanceFile } from '@relaxlab/io';

const DATA = resolve(__dirname, '../../shared/data/real/impedance-dummy-cells');

test.each(['Circuit1_EIS_1.z', 'Circuit2_EIS_1.z', 'Circuit3_EIS_1.z'])('%s: one dominant DRT peak at the fitted R1·C1', (name) => {
  const spectrum = readImpedanceFile(join(DATA, name)).spectra[0];
  const fit = fitCircuit(spectrum, 'R0-p(R1,C1)', { source: name });
  const tau = fit.parameters.R1.value * fit.parameters.C1.value;
  const r = distributionOfRelaxationTimes(spectrum, { source: name, replicates: 50 });
  const dominant = r.peaks.reduce((a, b) => (b.resistance_ohm.value > a.resistance_ohm.value ? b : a));
  console.log(
    `${name}: RC ${tau.toExponential(3)} s, R1 ${fit.parameters.R1.value.toFixed(2)} Ω; DRT peak ${dominant.tau_s.value.toExponential(3)} s, ${dominant.resistance_ohm.value.toFixed(2)} Ω (${(100 * dominant.fraction.value).toFixed(1)} %), ${r.peaks.length} peaks`,
  );
  expect(dominant.fraction.value).toBeGreaterThan(0.9);
  expect(Math.abs(dominant.tau_s.value / tau - 1)).toBeLessThan(0.05);
  expect(Math.abs(dominant.resistance_ohm.value / fit.parameters.R1.value - 1)).toBeLessThan(0.05);
});
