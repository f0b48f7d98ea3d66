/** rl.simulate: synthetic data with known truth — rate series from a BPP model, impedance spectra of a circuit, seeded noise, MD random walkers. */
export {
  simulateRateSeries,
  inverseTemperatureGrid_K,
  simulateImpedanceSpectrum,
  impedanceFrequencies_Hz,
  cpeCoefficientForCapacitance,
  mulberry32,
  gaussian,
  simulateWalkers,
} from '@relaxlab/core';
export type { SimulateRateSeriesInput, SimulateImpedanceOptions, WalkerSimulationOptions, SimulatedTrajectory } from '@relaxlab/core';
