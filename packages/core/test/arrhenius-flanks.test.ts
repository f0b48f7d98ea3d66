import { BOLTZMANN_eV_per_K, findRatePeakFlanks, InputError, larmorAngularFrequency_rad_per_s } from '../src';
import { gaussian, mulberry32 } from '../../../test/support/random';

const kB = BOLTZMANN_eV_per_K;
const omega0 = larmorAngularFrequency_rad_per_s(116.6); // 7Li at 7.05 T
const Ea = 0.2;
const tau0 = 1e-13;
const C = 1e9;
const temperatures = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** Asymmetric BPP, J(ω) = τ/(1 + (ωτ)^β) (β = 2: classic BPP), R1 = C·[J(ω0) + 4J(2ω0)], τ = τ0·exp(Ea/kBT). */
function rate(T: number, beta = 2): number {
  const tau = tau0 * Math.exp(Ea / (kB * T));
  const J = (w: number) => tau / (1 + Math.pow(w * tau, beta));
  return C * (J(omega0) + 4 * J(2 * omega0));
}

describe('findRatePeakFlanks on a synthetic BPP rate peak (7Li, 116.6 MHz, Ea = 0.20 eV, τ0 = 1e-13 s)', () => {
  const T = temperatures(120, 600, 5);
  const data = { temperature_K: T, value: T.map((t) => rate(t)) };

  test('the high-T flank gives Ea and, for β = 2, so does the low-T flank', () => {
    const r = findRatePeakFlanks(data);
    const high = r.highTemperature!.arrhenius.activationEnergy_eV.value;
    const low = r.lowTemperature!.arrhenius.activationEnergy_eV.value;
    // the flanks start a quarter of the maximum out, where BPP is straight to ~4 %
    expect(Math.abs(high - Ea) / Ea).toBeLessThan(0.02);
    expect(Math.abs(low - Ea) / Ea).toBeLessThan(0.03);
  });

  test('the peak sits where ω0·τc = 0.616 (the BPP maximum condition)', () => {
    const r = findRatePeakFlanks(data);
    const peak_K = Ea / (kB * Math.log(0.6158 / (omega0 * tau0)));
    expect(Math.abs(r.peakTemperature_K - peak_K)).toBeLessThan(2);
    // the windows lie on either side of the peak and leave out the curved top
    expect(r.lowTemperature!.window_K[1]).toBeLessThan(r.peakTemperature_K);
    expect(r.highTemperature!.window_K[0]).toBeGreaterThan(r.peakTemperature_K);
    for (const flank of [r.lowTemperature!, r.highTemperature!]) {
      const windowRates = flank.window_K.map((t) => rate(t));
      expect(Math.max(...windowRates)).toBeLessThanOrEqual(r.peakRate_per_s / 4 + 1e-9 * r.peakRate_per_s);
    }
  });

  test('a stricter exclusion (1 decade below the peak) brings the high-T flank to Ea within 0.5 %', () => {
    const r = findRatePeakFlanks(data, { decadesBelowPeak: 1 });
    expect(r.decadesBelowPeak).toBe(1);
    expect(Math.abs(r.highTemperature!.arrhenius.activationEnergy_eV.value - Ea) / Ea).toBeLessThan(0.005);
  });

  test('asymmetric peak, β = 1.5: the low-T flank slope is (β − 1)·Ea, the high-T flank still Ea', () => {
    const value = T.map((t) => rate(t, 1.5));
    const r = findRatePeakFlanks({ temperature_K: T, value }, { decadesBelowPeak: 1 });
    expect(Math.abs(r.lowTemperature!.arrhenius.activationEnergy_eV.value - 0.5 * Ea) / (0.5 * Ea)).toBeLessThan(0.05);
    expect(Math.abs(r.highTemperature!.arrhenius.activationEnergy_eV.value - Ea) / Ea).toBeLessThan(0.01);
  });

  test('with 3 % seeded noise the high-T flank recovers Ea within 3σ (and 0.01 eV)', () => {
    const rand = mulberry32(77);
    const value = T.map((t) => rate(t) * (1 + 0.03 * gaussian(rand)));
    const r = findRatePeakFlanks({ temperature_K: T, value, sigma: value.map((v) => 0.03 * v) }, { decadesBelowPeak: 1 });
    const e = r.highTemperature!.arrhenius.activationEnergy_eV;
    expect(Math.abs(e.value - Ea)).toBeLessThan(3 * (e.stderr as number));
    expect(Math.abs(e.value - Ea)).toBeLessThan(0.01);
  });

  test('a flank with too few points is left out with a warning; the other is still fitted', () => {
    const cut = T.filter((t) => t >= 235);
    const r = findRatePeakFlanks({ temperature_K: cut, value: cut.map((t) => rate(t)) });
    expect(r.lowTemperature).toBeNull();
    expect(r.highTemperature).not.toBeNull();
    expect(r.warnings.join(' ')).toMatch(/low-T flank.*not fitted/);
  });

  test('rates without a maximum inside the range are an InputError naming value', () => {
    const rising = T.filter((t) => t < 230);
    const call = () => findRatePeakFlanks({ temperature_K: rising, value: rising.map((t) => rate(t)) });
    expect(call).toThrow(InputError);
    expect(call).toThrow(/value: no rate maximum.*highest temperature/);
  });
});
