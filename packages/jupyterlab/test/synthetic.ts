/** Seeded synthetic Arrhenius data for the plugin's tests. */
import { BOLTZMANN_eV_per_K, gaussian, mulberry32 } from '@relaxlab/core';

export interface KinkedData {
  temperature_K: number[];
  value: number[];
  sigma: number[];
  quantity: 'sigmaT';
}

/**
 * σT with a kink: Ea1 below kink_K, Ea2 above, continuous at the kink (log10 σT = 1 there),
 * relative Gaussian noise `noise`, σ given as that relative error.
 *   σT = (σT)_kink · exp(−Ea/kB · (1/T − 1/T_kink))
 */
export function kinkedSigmaT(options: {
  ea1_eV: number;
  ea2_eV: number;
  kink_K: number;
  from_K: number;
  to_K: number;
  count: number;
  noise: number;
  seed: number;
}): KinkedData {
  const rand = mulberry32(options.seed);
  const temperature_K: number[] = [];
  const value: number[] = [];
  const sigma: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const T = options.from_K + ((options.to_K - options.from_K) * i) / (options.count - 1);
    const ea = T < options.kink_K ? options.ea1_eV : options.ea2_eV;
    const exact = 10 * Math.exp((-ea / BOLTZMANN_eV_per_K) * (1 / T - 1 / options.kink_K));
    temperature_K.push(T);
    value.push(exact * (1 + options.noise * gaussian(rand)));
    sigma.push(exact * options.noise);
  }
  return { temperature_K, value, sigma, quantity: 'sigmaT' };
}
