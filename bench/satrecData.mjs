// Synthetic stretched saturation-recovery transients for the benchmark:
// M(t) = M∞[1 − exp(−(t/T1)^γ)], 16 log-spaced delays, 1 % Gaussian noise (of M∞), seeded.
import { createRequire } from 'module';

const { mulberry32, gaussian } = createRequire(import.meta.url)('@relaxlab/core');

export function makeTransients(count, { points = 16, noise = 0.01, seed = 20261121 } = {}) {
  const rand = mulberry32(seed);
  const delay = Array.from({ length: points }, (_, i) => 1e-4 * Math.pow(1e5, i / (points - 1))); // 0.1 ms … 10 s
  const transients = [];
  for (let k = 0; k < count; k++) {
    const T1 = Math.pow(10, -2.5 + 2.5 * rand()); // 3 ms … 1 s
    const gamma = 0.5 + 0.5 * rand();
    const Minf = 0.5 + rand();
    const signal = delay.map((t) => Minf * (1 - Math.exp(-Math.pow(t / T1, gamma))) + noise * Minf * gaussian(rand));
    transients.push({ delay_s: delay, signal, truth: { M_inf: Minf, T1, gamma } });
  }
  return transients;
}

/** χ² = Σ (M[1 − exp(−(t/T1)^γ)] − y)² of p = [M, T1, γ] (unit weights). */
export function satrecChiSquare(delay, y, [M, T1, g]) {
  let s = 0;
  for (let i = 0; i < delay.length; i++) {
    const r = M * (1 - Math.exp(-Math.pow(delay[i] / T1, g))) - y[i];
    s += r * r;
  }
  return s;
}
