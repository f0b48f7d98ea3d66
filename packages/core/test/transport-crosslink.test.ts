/**
 * The conductivity half of the MIL-121 worked example (examples/mil121/conductivity, SYNTHETIC data
 * generated from the published energies by examples/mil121/generate-conductivity.mjs): the σT fits
 * return the published kinks, and the cross-link reports the Ngai couplings of Zettl et al. 2021.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  BOLTZMANN_eV_per_K,
  celsiusToKelvin,
  conductivityFromArrhenius_S_per_cm,
  crossLink,
  crossLinkReport,
  fitArrhenius,
  fitConductivityArrhenius,
  fitSegmentedArrhenius,
  hoppingConductivity_S_per_cm,
  InputError,
} from '../src';
import type { ConductivityCrossLinkInput, NmrCrossLinkInput } from '../src';
import { gaussian, mulberry32 } from '../../../test/support/random';
import { statisticsTest } from '../../../test/support/tiers';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'mil121', 'conductivity');
const kB = BOLTZMANN_eV_per_K;

/** The example CSV: `# key: value` lines, a header with units (T in K or °C), σT and its σ. */
function readSigmaT(file: string) {
  const lines = readFileSync(join(EXAMPLE, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const header = lines[0].split(',').map((h) => h.trim());
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const toK = header[0].includes('°C') ? celsiusToKelvin : (t: number) => t;
  expect(header.slice(1)).toEqual(['sigma_T (S K/cm)', 'sigma_T_err (S K/cm)']);
  return {
    temperature_K: rows.map((r) => toK(r[0])),
    value: rows.map((r) => r[1]),
    sigma: rows.map((r) => r[2]),
    quantity: 'sigmaT' as const,
  };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(EXAMPLE, file), 'utf8')) as T;

describe('MIL-121 σT (synthetic from the published numbers): segmented fits', () => {
  test.each([
    ['li-sigmaT.csv', 1.01, 0.28],
    ['na-sigmaT.csv', 1.23, 0.36],
  ])('%s: BIC picks the kink; Ea(I) = %s eV and Ea(II) = %s eV within 0.02 eV; kink near the assumed 323 K', (file, eaI, eaII) => {
    const r = fitSegmentedArrhenius(readSigmaT(file));
    expect(r.chosenSegments).toBe(2);
    expect(Math.abs(r.segments[0].activationEnergy_eV.value - eaI)).toBeLessThan(0.02);
    expect(Math.abs(r.segments[1].activationEnergy_eV.value - eaII)).toBeLessThan(0.02);
    expect(Math.abs(r.breakpoints[0].temperature_K.value - 323)).toBeLessThan(5);
  });

  test('the σDC JSON of the Li sample gives the same σT fit as the CSV (σT = σ·T)', () => {
    const cond = readJson<ConductivityCrossLinkInput>('li-conductivity.json');
    const fromJson = fitConductivityArrhenius(cond);
    const fromCsv = fitSegmentedArrhenius(readSigmaT('li-sigmaT.csv'));
    expect(fromJson.segments[0].activationEnergy_eV.value).toBeCloseTo(fromCsv.segments[0].activationEnergy_eV.value, 4);
    expect(fromJson.segments[1].activationEnergy_eV.value).toBeCloseTo(fromCsv.segments[1].activationEnergy_eV.value, 4);
    // σDC read off the fit at a data temperature is within the noise of the datum
    const i = 20;
    const at = conductivityFromArrhenius_S_per_cm(fromJson, cond.temperature_K[i]);
    expect(Math.abs(at.conductivity_S_per_cm.value / cond.conductivity_S_per_cm[i] - 1)).toBeLessThan(0.1);
    expect(at.extrapolated).toBe(false);
  });
});

describe('MIL-121 cross-link: Ngai n from the σT kinks and from NMR vs DC', () => {
  /**
   * 7Li jump rates τc⁻¹ = τ0⁻¹·exp(−0.20 eV/kBT), τ0 = 1e-13 s, 2 % noise, 253–393 K; the NMR energy
   * is their Arrhenius fit and is stated to describe the high-T side of the kink (323–393 K).
   */
  function nmrFromSyntheticJumpRates(seed: number): NmrCrossLinkInput {
    const rand = mulberry32(seed);
    const T = Array.from({ length: 29 }, (_, i) => 253 + 5 * i);
    const rates = T.map((t) => 1e13 * Math.exp(-0.2 / (kB * t)) * (1 + 0.02 * gaussian(rand)));
    const fit = fitArrhenius({ temperature_K: T, value: rates, sigma: rates.map((r) => 0.02 * r), quantity: 'rate' });
    return {
      label: '7Li',
      activationEnergy_eV: fit.activationEnergy_eV,
      temperatureRange_K: [323, 393],
      jumpRates: { temperature_K: T, jumpRate_per_s: rates, stderr_per_s: rates.map((r) => 0.02 * r) },
    };
  }
  const hopping = {
    numberDensity_per_cm3: { value: 6.0e20, stderr: 1.2e20 },
    jumpDistance_m: { value: 3e-10, stderr: 0.3e-10 },
    dimensionality: 3 as const,
  };

  test('Li: n = 1 − Ea(II)/Ea(I) = 0.72 from the σT kink, beside the Jonscher p = 0.66', () => {
    const cond = readJson<ConductivityCrossLinkInput>('li-conductivity.json');
    const r = crossLink(nmrFromSyntheticJumpRates(1), cond, { hopping });
    const n = r.ngai.fromConductivityKink!;
    expect(Math.abs(n.value - 0.72)).toBeLessThan(0.02);
    expect(n.stderr as number).toBeGreaterThan(0);
    expect(n.value).toBeCloseTo(1 - r.regimes[1].conductivity_eV.value / r.regimes[0].conductivity_eV.value, 12);
    expect(r.ngai.jonscherExponent).toEqual({ value: 0.66, stderr: 0.02 });
    expect(r.ngai.kinkMinusJonscher!.value).toBeCloseTo(n.value - 0.66, 12);
  });

  test('Na: n = 1 − 0.36/1.23 = 0.71 from the σT kink', () => {
    const na = readSigmaT('na-sigmaT.csv');
    const cond: ConductivityCrossLinkInput = {
      temperature_K: na.temperature_K,
      conductivity_S_per_cm: na.value.map((v, i) => v / na.temperature_K[i]),
      sigma_S_per_cm: na.sigma.map((s, i) => s / na.temperature_K[i]),
    };
    const r = crossLink({ activationEnergy_eV: 0.2 }, cond);
    expect(Math.abs(r.ngai.fromConductivityKink!.value - 0.71)).toBeLessThan(0.02);
    expect(r.warnings.join(' ')).toMatch(/no NMR jump rates/);
  });

  test('NMR vs DC: n = 1 − Ea,NMR/Ea,DC(II) ≈ 0.3 (0.20 eV vs 0.28 eV), both energies from fits', () => {
    const cond = readJson<ConductivityCrossLinkInput>('li-conductivity.json');
    const nmr = nmrFromSyntheticJumpRates(2);
    const r = crossLink(nmr, cond, { hopping });
    expect(r.comparedRegime).toBe(1);
    expect(r.regimes[1].nmr_eV).toEqual(nmr.activationEnergy_eV);
    const n = r.ngai.fromNmrVsDc;
    expect(Math.abs(n.value - (1 - 0.2 / 0.28))).toBeLessThan(Math.min(0.03, 3 * (n.stderr as number)));
    expect(Math.abs(n.value - 0.3)).toBeLessThan(0.05);
    expect(n.stderr as number).toBeGreaterThan(0);
  });

  test('σ predicted from the jump rates (hopping model) vs σDC at the same T, and the implied Haven ratio', () => {
    const cond = readJson<ConductivityCrossLinkInput>('li-conductivity.json');
    const nmr = nmrFromSyntheticJumpRates(3);
    const r = crossLink(nmr, cond, { hopping });
    expect(r.atTemperatures).toHaveLength(29);
    for (const [i, a] of r.atTemperatures.entries()) {
      const T = nmr.jumpRates!.temperature_K[i];
      expect(a.temperature_K).toBe(T);
      const byHand = hoppingConductivity_S_per_cm({
        ...hopping,
        jumpRate_per_s: nmr.jumpRates!.jumpRate_per_s[i],
        temperature_K: T,
        timeKind: 'residence',
      });
      expect(a.predictedConductivity_S_per_cm.value).toBeCloseTo(byHand.value, 15);
      expect(a.measuredConductivity_S_per_cm.value).toBeCloseTo(
        conductivityFromArrhenius_S_per_cm(r.conductivityArrhenius, T).conductivity_S_per_cm.value,
        15,
      );
      // H_R = D_NMR/Dσ = σ_predicted/σ_measured (the number density cancels in the value, not in the error)
      expect(a.havenRatio.value / (a.predictedConductivity_S_per_cm.value / a.measuredConductivity_S_per_cm.value)).toBeCloseTo(1, 12);
      expect(a.extrapolated).toBe(T < 233.15 || T > 393.15);
    }
    const text = crossLinkReport(r);
    expect(text).toMatch(/Ea regime II/);
    expect(text).toMatch(/Ngai n = 1 − Ea,NMR\/Ea,DC/);
    expect(r.table.length).toBeGreaterThan(5);
  });

  statisticsTest(
    'the stderr of n from the kink (with the fit correlation of the two energies) matches refits of 150 seeded noise draws',
    () => {
      const T = Array.from({ length: 33 }, (_, i) => 233.15 + 5 * i);
      const truth = (t: number) => Math.log10(1e-4 * 323) - ((t <= 323 ? 1.01 : 0.28) * (1 / t - 1 / 323)) / (kB * Math.LN10);
      const rand = mulberry32(4242);
      const ns: number[] = [];
      let reported = 0;
      for (let k = 0; k < 150; k++) {
        const sigmaT = T.map((t) => Math.pow(10, truth(t)) * (1 + 0.03 * gaussian(rand)));
        const cond = {
          temperature_K: T,
          conductivity_S_per_cm: sigmaT.map((v, i) => v / T[i]),
          sigma_S_per_cm: sigmaT.map((v, i) => (0.03 * v) / T[i]),
          segments: 2 as const,
        };
        const n = crossLink({ activationEnergy_eV: 0.2 }, cond).ngai.fromConductivityKink!;
        ns.push(n.value);
        reported += (n.stderr as number) / 150;
      }
      const mean = ns.reduce((a, b) => a + b) / ns.length;
      const sd = Math.sqrt(ns.reduce((a, b) => a + (b - mean) ** 2, 0) / (ns.length - 1));
      expect(sd / reported).toBeGreaterThan(0.8);
      expect(sd / reported).toBeLessThan(1.2);
      expect(Math.abs(mean - (1 - 0.28 / 1.01))).toBeLessThan(3 * (sd / Math.sqrt(ns.length)));
    },
  );
});

describe('cross-link: bad input', () => {
  const cond = { temperature_K: [250, 260, 270, 280], conductivity_S_per_cm: [1e-8, 2e-8, 4e-8, 8e-8] };
  test.each([
    ['NMR energy missing', () => crossLink({} as NmrCrossLinkInput, cond), /nmr.activationEnergy_eV/],
    ['negative NMR energy', () => crossLink({ activationEnergy_eV: -0.2 }, cond), /nmr.activationEnergy_eV/],
    [
      'jump rates and temperatures of different length',
      () =>
        crossLink({ activationEnergy_eV: 0.2, jumpRates: { temperature_K: [300, 310], jumpRate_per_s: [1e9] } }, cond, {
          hopping: { numberDensity_per_cm3: 1e21, jumpDistance_m: 3e-10 },
        }),
      /nmr.jumpRates/,
    ],
    [
      'negative conductivity',
      () => crossLink({ activationEnergy_eV: 0.2 }, { ...cond, conductivity_S_per_cm: [1e-8, -2e-8, 4e-8, 8e-8] }),
      /conductivity_S_per_cm\[1\]/,
    ],
    [
      'inverted NMR temperature range',
      () => crossLink({ activationEnergy_eV: 0.2, temperatureRange_K: [400, 300] }, cond),
      /nmr.temperatureRange_K/,
    ],
  ])('%s', (_label, call, field) => {
    expect(call).toThrow(InputError);
    expect(call).toThrow(field);
  });
});
