/**
 * Motional line narrowing: Hendrickson–Bray and Abragam fits recover Ea, τ0 and the rigid-lattice
 * and narrowed widths from synthetic static 7Li line widths (5.0 kHz rigid lattice, onset near
 * 120 °C as in MIL-121); Waugh–Fedin against a hand calculation; analytic derivatives; bad input.
 */
import {
  BOLTZMANN_eV_per_K,
  celsiusToKelvin,
  fitLineNarrowing,
  gaussian,
  InputError,
  lineWidth_Hz,
  LineNarrowingModelName,
  LinewidthSeries,
  mulberry32,
  waughFedinActivationEnergy_eV,
} from '@relaxlab/core';
import { narrowingWidth } from '../src/narrowing/models';

const W = 5000;
const D = 600;
const EA = 0.6;
const ONSET_K = celsiusToKelvin(120);
// Hendrickson–Bray: the width has fallen by 10 % of W − D where τc⁻¹ = 2πW·(0.1/0.9)
const TAU0 = Math.exp(-EA / (BOLTZMANN_eV_per_K * ONSET_K)) / ((2 * Math.PI * W) / 9);
const GRID = Array.from({ length: 26 }, (_, i) => 250 + i * 14);

function synthetic(model: LineNarrowingModelName, noise_Hz: number, seed: number): LinewidthSeries {
  const random = mulberry32(seed);
  return {
    nucleus: '7Li',
    points: GRID.map((t) => {
      const width = lineWidth_Hz(model, t, { activationEnergy_eV: EA, tau0_s: TAU0, rigidLatticeWidth_Hz: W, narrowedWidth_Hz: D });
      return noise_Hz > 0 ? { temperature_K: t, linewidth_Hz: width + noise_Hz * gaussian(random), sigma: noise_Hz } : { temperature_K: t, linewidth_Hz: width };
    }),
  };
}

const within = (e: { value: number; stderr: number | null }, truth: number, k: number) => Math.abs(e.value - truth) <= k * (e.stderr as number);

describe('Waugh–Fedin', () => {
  test('Ea = 1.617e-3 eV/K · T_onset: 120 °C gives 0.6357 eV (hand calculation 1.617e-3 × 393.15)', () => {
    expect(waughFedinActivationEnergy_eV(393.15)).toBeCloseTo(0.63572355, 8);
    expect(() => waughFedinActivationEnergy_eV(0)).toThrow(InputError);
  });
});

describe.each(['hendrickson-bray', 'abragam'] as const)('%s model', (model) => {
  test('noise-free widths are fitted back exactly from automatic start values', () => {
    const r = fitLineNarrowing(synthetic(model, 0, 1), { model });
    expect(r.fit.converged).toBe(true);
    expect(r.activationEnergy_eV.value).toBeCloseTo(EA, 7);
    expect(r.log10Tau0.value).toBeCloseTo(Math.log10(TAU0), 6);
    expect(r.rigidLatticeWidth_Hz.value).toBeCloseTo(W, 4);
    expect(r.narrowedWidth_Hz.value).toBeCloseTo(D, 4);
  });

  test('recovers Ea, τ0, W = 5.0 kHz and D from noisy widths (σ = 40 Hz) within 3σ', () => {
    const r = fitLineNarrowing(synthetic(model, 40, 20240), { model, absoluteSigma: true });
    expect(within(r.activationEnergy_eV, EA, 3)).toBe(true);
    expect(within(r.log10Tau0, Math.log10(TAU0), 3)).toBe(true);
    expect(within(r.rigidLatticeWidth_Hz, W, 3)).toBe(true);
    expect(within(r.narrowedWidth_Hz, D, 3)).toBe(true);
    expect(r.inflection!.jumpRate_per_s.value).toBeCloseTo(2 * Math.PI * r.rigidLatticeWidth_Hz.value, 8);
    // τc⁻¹ at the inflection temperature equals 2πW
    const t = r.inflection!.temperature_K.value;
    expect((Math.exp(-r.activationEnergy_eV.value / (BOLTZMANN_eV_per_K * t)) / r.tau0_s.value) / (2 * Math.PI * r.rigidLatticeWidth_Hz.value)).toBeCloseTo(1, 8);
  });

  test('analytic derivatives against central differences (the Abragam ones by implicit differentiation)', () => {
    const out = new Float64Array(5);
    const up = new Float64Array(5);
    const down = new Float64Array(5);
    const p = [EA, Math.log10(TAU0), W, D];
    for (const t of [300, 380, 393, 420, 500]) {
      const u = 1 / (BOLTZMANN_eV_per_K * t);
      narrowingWidth(model, u, p[0], p[1], p[2], p[3], 1, out);
      for (let j = 0; j < 4; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(p[j]));
        const pu = [...p];
        const pd = [...p];
        pu[j] += h;
        pd[j] -= h;
        narrowingWidth(model, u, pu[0], pu[1], pu[2], pu[3], 1, up);
        narrowingWidth(model, u, pd[0], pd[1], pd[2], pd[3], 1, down);
        const numeric = (up[0] - down[0]) / (2 * h);
        expect(Math.abs(out[j + 1] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }
  });
});

describe('onset and Waugh–Fedin from a fit (MIL-121-like 7Li widths)', () => {
  test('the Hendrickson–Bray onset comes back at 120 °C within 3σ, and Waugh–Fedin from it is 1.617e-3·T_onset', () => {
    const r = fitLineNarrowing(synthetic('hendrickson-bray', 40, 77), { absoluteSigma: true });
    expect(within(r.onset!.temperature_K, ONSET_K, 3)).toBe(true);
    expect(r.onset!.fraction).toBe(0.1);
    expect(r.waughFedin!.activationEnergy_eV.value).toBeCloseTo(1.617e-3 * r.onset!.temperature_K.value, 12);
    // the HB parameter B = (W − D)/(1 + 1/(2πWτ0)) of the original paper
    const b = (r.rigidLatticeWidth_Hz.value - r.narrowedWidth_Hz.value) / (1 + 1 / (2 * Math.PI * r.rigidLatticeWidth_Hz.value * r.tau0_s.value));
    expect(r.hendricksonBrayB_Hz!.value).toBeCloseTo(b, 6);
    console.log(`line narrowing (HB, σ = 40 Hz): Ea = ${r.activationEnergy_eV.value.toFixed(3)} ± ${r.activationEnergy_eV.stderr!.toFixed(3)} eV, W = ${r.rigidLatticeWidth_Hz.value.toFixed(0)} ± ${r.rigidLatticeWidth_Hz.stderr!.toFixed(0)} Hz, onset ${r.onset!.temperature_K.value.toFixed(1)} ± ${r.onset!.temperature_K.stderr!.toFixed(1)} K, Waugh–Fedin Ea = ${r.waughFedin!.activationEnergy_eV.value.toFixed(3)} eV`);
  });
});

describe('bad input', () => {
  const base = () => synthetic('hendrickson-bray', 0, 1);
  test('typed errors naming the field', () => {
    const s = base();
    s.points[4].temperature_K = -3;
    expect(() => fitLineNarrowing(s)).toThrow(/points\[4\]\.temperature_K/);
    const z = base();
    z.points[2].linewidth_Hz = 0;
    expect(() => fitLineNarrowing(z)).toThrow(/points\[2\]\.linewidth_Hz/);
    expect(() => fitLineNarrowing({ points: base().points.slice(0, 4) })).toThrow(InputError);
    expect(() => fitLineNarrowing(base(), { model: 'lorentz' as LineNarrowingModelName })).toThrow(/model: unknown line-narrowing model/);
  });
});
