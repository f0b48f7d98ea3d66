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
      return noise_Hz > 0
        ? { temperature_K: t, linewidth_Hz: width + noise_Hz * gaussian(random), sigma: noise_Hz }
        : { temperature_K: t, linewidth_Hz: width };
    }),
  };
}

const within = (e: { value: number; stderr: number | null }, truth: number, k: number) =>
  Math.abs(e.value - truth) <= k * (e.stderr as number);

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
    expect(r.log10tau0_s.value).toBeCloseTo(Math.log10(TAU0), 6);
    expect(r.rigidLatticeWidth_Hz.value).toBeCloseTo(W, 4);
    expect(r.narrowedWidth_Hz.value).toBeCloseTo(D, 4);
  });

  test('recovers Ea, τ0, W = 5.0 kHz and D from noisy widths (σ = 40 Hz) within 3σ', () => {
    const r = fitLineNarrowing(synthetic(model, 40, 20240), { model, absoluteSigma: true });
    expect(within(r.activationEnergy_eV, EA, 3)).toBe(true);
    expect(within(r.log10tau0_s, Math.log10(TAU0), 3)).toBe(true);
    expect(within(r.rigidLatticeWidth_Hz, W, 3)).toBe(true);
    expect(within(r.narrowedWidth_Hz, D, 3)).toBe(true);
    expect(r.inflection!.jumpRate_per_s.value).toBeCloseTo(2 * Math.PI * r.rigidLatticeWidth_Hz.value, 8);
    // τc⁻¹ at the inflection temperature equals 2πW
    const t = r.inflection!.temperature_K.value;
    expect(
      Math.exp(-r.activationEnergy_eV.value / (BOLTZMANN_eV_per_K * t)) / r.tau0_s.value / (2 * Math.PI * r.rigidLatticeWidth_Hz.value),
    ).toBeCloseTo(1, 8);
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
    const b =
      (r.rigidLatticeWidth_Hz.value - r.narrowedWidth_Hz.value) / (1 + 1 / (2 * Math.PI * r.rigidLatticeWidth_Hz.value * r.tau0_s.value));
    expect(r.hendricksonBrayB_Hz!.value).toBeCloseTo(b, 6);
    console.log(
      `line narrowing (HB, σ = 40 Hz): Ea = ${r.activationEnergy_eV.value.toFixed(3)} ± ${r.activationEnergy_eV.stderr!.toFixed(3)} eV, W = ${r.rigidLatticeWidth_Hz.value.toFixed(0)} ± ${r.rigidLatticeWidth_Hz.stderr!.toFixed(0)} Hz, onset ${r.onset!.temperature_K.value.toFixed(1)} ± ${r.onset!.temperature_K.stderr!.toFixed(1)} K, Waugh–Fedin Ea = ${r.waughFedin!.activationEnergy_eV.value.toFixed(3)} eV`,
    );
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

describe('the result carries its widths: every point with the fitted width and residual there', () => {
  test.each(['hendrickson-bray', 'abragam'] as const)(
    '%s: points as given, fit_Hz = lineWidth_Hz at the fitted parameters, Σ residual² = χ², JSON round trip',
    (model) => {
      const sorted = synthetic(model, 40, 31);
      // hottest first: the result keeps the order given
      const series = { ...sorted, points: [...sorted.points].reverse() };
      const r = fitLineNarrowing(series, { model, absoluteSigma: true });
      expect(r.points.map(({ temperature_K, linewidth_Hz, sigma }) => ({ temperature_K, linewidth_Hz, sigma }))).toEqual(series.points);
      const fitted = {
        activationEnergy_eV: r.activationEnergy_eV.value,
        tau0_s: r.tau0_s.value,
        rigidLatticeWidth_Hz: r.rigidLatticeWidth_Hz.value,
        narrowedWidth_Hz: r.narrowedWidth_Hz.value,
        alpha: r.abragamAlpha?.value,
      };
      let sum = 0;
      for (const p of r.points) {
        expect(p.fit_Hz).toBeCloseTo(lineWidth_Hz(model, p.temperature_K, fitted), 6);
        expect(p.normalizedResidual).toBeCloseTo((p.linewidth_Hz - p.fit_Hz) / (p.sigma as number), 10);
        sum += p.normalizedResidual ** 2;
      }
      expect(sum / r.fit.stats.chiSquare).toBeCloseTo(1, 10);
      expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
    },
  );

  test('widths without σ: sigma null, residuals in Hz', () => {
    const r = fitLineNarrowing(synthetic('hendrickson-bray', 0, 1));
    expect(r.points.every((p) => p.sigma === null && p.normalizedResidual === p.linewidth_Hz - p.fit_Hz)).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
  });
});

describe("Abragam's α: reported as used, fixed at 1 by default, free only with τ0 fixed", () => {
  const TAU0_ALPHA = TAU0 / 1.7;
  /** Abragam widths made with α = 1.7 and τ0 = TAU0/1.7: the same α·τ0, so the same curve as α = 1, τ0 = TAU0. */
  const withAlpha = (noise_Hz: number, seed: number): LinewidthSeries => {
    const random = mulberry32(seed);
    return {
      points: GRID.map((t) => {
        const width = lineWidth_Hz('abragam', t, {
          activationEnergy_eV: EA,
          tau0_s: TAU0_ALPHA,
          rigidLatticeWidth_Hz: W,
          narrowedWidth_Hz: D,
          alpha: 1.7,
        });
        return { temperature_K: t, linewidth_Hz: width + noise_Hz * gaussian(random), sigma: Math.max(noise_Hz, 1) };
      }),
    };
  };

  test('Hendrickson–Bray has no α (null, no fit parameter); Abragam reports α = 1, fixed, with its source', () => {
    expect(fitLineNarrowing(synthetic('hendrickson-bray', 0, 1)).abragamAlpha).toBeNull();
    expect(fitLineNarrowing(synthetic('hendrickson-bray', 0, 1)).fit.params.alpha).toBeUndefined();
    const r = fitLineNarrowing(synthetic('abragam', 0, 1), { model: 'abragam' });
    expect(r.abragamAlpha).toMatchObject({ value: 1, stderr: null, vary: false });
    expect(r.abragamAlpha!.note).toMatch(/Abragam \(1961\) ch\. X/);
    expect(r.fit.params.alpha).toMatchObject({ value: 1, vary: false });
    expect(r.fit.varyNames).not.toContain('alpha');
  });

  test('only α·τ0 is determined: α = 2 fixed gives the same curve, Ea, W, D and χ² with τ0 halved', () => {
    const s = synthetic('abragam', 40, 5);
    const one = fitLineNarrowing(s, { model: 'abragam', absoluteSigma: true });
    const two = fitLineNarrowing(s, { model: 'abragam', alpha: 2, absoluteSigma: true });
    expect(two.abragamAlpha).toMatchObject({ value: 2, vary: false });
    expect(two.log10tau0_s.value - one.log10tau0_s.value).toBeCloseTo(-Math.log10(2), 6);
    expect(two.activationEnergy_eV.value).toBeCloseTo(one.activationEnergy_eV.value, 6);
    expect(two.rigidLatticeWidth_Hz.value).toBeCloseTo(one.rigidLatticeWidth_Hz.value, 3);
    expect(two.fit.stats.chiSquare).toBeCloseTo(one.fit.stats.chiSquare, 6);
    expect(two.points.map((p) => p.fit_Hz)).toEqual(one.points.map((p) => expect.closeTo(p.fit_Hz, 4)));
    // the fixed value given either way, and params.alpha.value, is the same setting
    expect(fitLineNarrowing(s, { model: 'abragam', params: { alpha: { value: 2 } }, absoluteSigma: true }).log10tau0_s.value).toBeCloseTo(
      two.log10tau0_s.value,
      8,
    );
  });

  test('α free with τ0 held at its true value: α = 1.7 exactly from noise-free widths, within 3σ from noisy ones', () => {
    const fixedTau0 = { tau0: { value: TAU0_ALPHA, vary: false } };
    const exact = fitLineNarrowing(withAlpha(0, 1), { model: 'abragam', params: { ...fixedTau0, alpha: { vary: true } } });
    expect(exact.fit.converged).toBe(true);
    expect(exact.abragamAlpha!.value).toBeCloseTo(1.7, 6);
    expect(exact.abragamAlpha!.vary).toBe(true);
    const noisy = fitLineNarrowing(withAlpha(40, 8), {
      model: 'abragam',
      params: { ...fixedTau0, alpha: { vary: true } },
      absoluteSigma: true,
    });
    expect(within(noisy.abragamAlpha as { value: number; stderr: number | null }, 1.7, 3)).toBe(true);
    expect(noisy.abragamAlpha!.note).toMatch(/α·τ0/);
  });

  test('σ(ln α) with τ0 fixed equals σ(ln τ0) with α fixed: the same data, the same model, one scale', () => {
    const s = withAlpha(40, 9);
    const alphaFree = fitLineNarrowing(s, {
      model: 'abragam',
      params: { tau0: { value: TAU0_ALPHA, vary: false }, alpha: { value: 1.7, vary: true } },
      absoluteSigma: true,
    });
    const tau0Free = fitLineNarrowing(s, { model: 'abragam', alpha: 1.7, absoluteSigma: true });
    // the α-free fit ends at α·τ0 = the τ0-free fit's α·τ0, and the relative errors agree
    expect(Math.log10(alphaFree.abragamAlpha!.value * TAU0_ALPHA)).toBeCloseTo(Math.log10(1.7) + tau0Free.log10tau0_s.value, 5);
    expect(alphaFree.abragamAlpha!.stderr! / alphaFree.abragamAlpha!.value / (Math.LN10 * tau0Free.log10tau0_s.stderr!)).toBeCloseTo(1, 4);
  });

  test('typed errors: α and τ0 both free, α for Hendrickson–Bray, α ≤ 0, α given twice', () => {
    const s = synthetic('abragam', 0, 1);
    expect(() => fitLineNarrowing(s, { model: 'abragam', params: { alpha: { vary: true } } })).toThrow(
      /params\.alpha\.vary: α and τ0 enter the Abragam model only as the product/,
    );
    expect(() => fitLineNarrowing(s, { params: { alpha: { value: 1 } } })).toThrow(/params\.alpha: the Hendrickson–Bray model has no α/);
    expect(() => fitLineNarrowing(s, { model: 'abragam', alpha: 0 })).toThrow(/alpha: α must be positive/);
    expect(() => fitLineNarrowing(s, { model: 'abragam', params: { alpha: { value: -1 } } })).toThrow(
      /params\.alpha\.value: α must be positive/,
    );
    expect(() => fitLineNarrowing(s, { model: 'abragam', alpha: 2, params: { alpha: { value: 3 } } })).toThrow(
      /params\.alpha\.value: α given twice/,
    );
  });
});
