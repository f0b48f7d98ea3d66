/** rl.simulate: synthetic data with known truth — rate series from a BPP model, impedance spectra of a circuit, seeded noise. */
export {
  simulateRateSeries,
  inverseTemperatureGrid_K,
  simulateImpedanceSpectrum,
  impedanceFrequencies_Hz,
  cpeCoefficientForCapacitance,
  mulberry32,
  gaussian,
} from '@relaxlab/core';
export type { SimulateRateSeriesInput, SimulateImpedanceOptions } from '@relaxlab/core';
