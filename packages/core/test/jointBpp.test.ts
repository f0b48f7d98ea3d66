/**
 * Joint (global) BPP fits of T1 and T1ρ rate peaks: recovery of known parameters from seeded noisy
 * synthetic data (2σ coverage and z-scores over 1000 draws, per parameter), bootstrap and Monte
 * Carlo uncertainties, the physics summary, sharing options and typed errors on bad input.
 *
 * Seeds were fixed before any result was looked at: 1041 (T1 + T1ρ pair), 1042 (three datasets);
 * earlier 100-draw runs used 41 and 42. scripts/bpp-coverage-study.mjs repeats the 100-draw
 * criterion of issue 4 over 200 blocks (npm run study:coverage).
 */
import {
  BOLTZMANN_eV_per_K,
  bootstrapJointBpp,
  BppRateModel,
  fitJointBpp,
  InputError,
  inverseTemperatureGrid_K,
  JointBppOptions,
  migrateResult,
  monteCarloJointBpp,
  mulberry32,
  RateSeries,
  relaxationRate_per_s,
  simulateRateSeries,
} from '@relaxlab/core';
import { ratePeakOmegaTau } from '../src/spectral/rates';
import { statisticsTest } from '../../../test/support/tiers';

const TRUTH = { Ea: 0.2, tau0: 1e-13, beta: 1.7, C_R1: 1e10, C_R1rho: 1.2e10, bgA_per_s: 0.02, bgTref_K: 300, bgKappa: 2 };
/** 5 % relative noise: the synthetic σ are the true ones, so the covariance is used as absolute. */
const NOISE = 0.05;
const R1_GRID = inverseTemperatureGrid_K(70, 420, 20);
const R1RHO_GRID = inverseTemperatureGrid_K(70, 300, 20);

function truthModel(prefactor: number, background: boolean, convention: 'full' | 'omega0-only' = 'full'): BppRateModel {
  return {
    spectralDensity: 'asymmetric-bpp',
    convention,
    activationEnergy_eV: TRUTH.Ea,
    tau0_s: TRUTH.tau0,
    beta: TRUTH.beta,
    prefactor_per_s2: prefactor,
    // a T² (two-phonon) background of 0.02 1/s at 300 K on the T1 data only: it dominates R1 below ~100 K
    ...(background && {
      background: { model: 'power-law', amplitude_per_s: TRUTH.bgA_per_s, exponent: TRUTH.bgKappa, referenceTemperature_K: TRUTH.bgTref_K },
    }),
  };
}

const t1 = (larmor_MHz: number, random: (() => number) | undefined, noise = NOISE): RateSeries =>
  simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz,
    temperature_K: R1_GRID,
    model: truthModel(TRUTH.C_R1, true),
    relativeNoise: noise,
    random,
  });
const t1rho = (random: (() => number) | undefined, noise = NOISE): RateSeries =>
  simulateRateSeries({
    experiment: 'R1rho',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    spinlock_kHz: 20,
    temperature_K: R1RHO_GRID,
    model: truthModel(TRUTH.C_R1rho, false),
    relativeNoise: noise,
    random,
  });

const PAIR_OPTIONS: JointBppOptions = { background: 'power-law', datasets: [{}, { background: 'none' }], absoluteSigma: true };
const TRIPLE_OPTIONS: JointBppOptions = {
  background: 'power-law',
  // the same non-diffusive background in both T1 data sets (it does not depend on ω0)
  share: ['Ea', 'tau0', 'beta', 'bgA', 'bgKappa'],
  datasets: [{}, {}, { background: 'none' }],
  absoluteSigma: true,
};

/** True values of the fitted parameters; bgA is the background rate at the fit's Tref (lowest T, 70 K). */
function truthFor(name: string, tref_K: number): number {
  const bgAtTref = TRUTH.bgA_per_s * Math.pow(tref_K / TRUTH.bgTref_K, TRUTH.bgKappa);
  const table: Record<string, number> = {
    Ea_eV: TRUTH.Ea,
    log10tau0_s: Math.log10(TRUTH.tau0),
    beta: TRUTH.beta,
    bgA_per_s: bgAtTref,
    bgA_1_per_s: bgAtTref,
    bgKappa: TRUTH.bgKappa,
    bgKappa_1: TRUTH.bgKappa,
  };
  return table[name];
}

/** Fits `draws` noisy data sets; counts per parameter how often |fit − truth| ≤ 2σ, and keeps z = (fit − truth)/σ. */
function coverage(
  draws: number,
  seed: number,
  make: (random: () => number) => RateSeries[],
  options: JointBppOptions,
  prefactors: Record<string, number>,
) {
  const random = mulberry32(seed);
  const within: Record<string, number> = {};
  const z: Record<string, number[]> = {};
  let joint = 0;
  let converged = 0;
  for (let d = 0; d < draws; d++) {
    const result = fitJointBpp(make(random), options);
    if (result.fit.converged) converged++;
    let all = true;
    for (const [name, p] of Object.entries(result.fit.params)) {
      const truth = prefactors[name] ?? truthFor(name, result.referenceTemperature_K);
      const zi = p.stderr !== null ? (p.value - truth) / p.stderr : Infinity;
      const ok = Math.abs(zi) <= 2;
      within[name] = (within[name] ?? 0) + (ok ? 1 : 0);
      (z[name] ??= []).push(zi);
      all &&= ok;
    }
    if (all) joint++;
  }
  return { within, joint, converged, z };
}

const PAIR_PREFACTORS = { log10C_1_per_s2: Math.log10(TRUTH.C_R1), log10C_2_per_s2: Math.log10(TRUTH.C_R1rho) };
const TRIPLE_PREFACTORS = {
  log10C_1_per_s2: Math.log10(TRUTH.C_R1),
  log10C_2_per_s2: Math.log10(TRUTH.C_R1),
  log10C_3_per_s2: Math.log10(TRUTH.C_R1rho),
};
const makePair = (random: () => number) => [t1(116.6, random), t1rho(random)];
const makeTriple = (random: () => number) => [t1(116.6, random), t1(38.9, random), t1rho(random)];

const meanSd = (v: number[]) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, sd: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) };
};

/** The pass bands of the coverage test for z = (fit − truth)/σ, with every σ multiplied by `sigmaFactor`. */
function verdict(z: number[], sigmaFactor = 1) {
  const scaled = z.map((v) => v / sigmaFactor);
  const { mean, sd } = meanSd(scaled);
  const within = scaled.filter((v) => Math.abs(v) <= 2).length;
  return { coverage: within >= Math.ceil(0.937 * scaled.length), unbiased: Math.abs(mean) <= 0.1, scale: Math.abs(sd - 1) <= 0.07 };
}

describe('recovery from seeded noisy synthetic data (Ea = 0.20 eV, β = 1.7, τ0 = 1e-13 s, T² background)', () => {
  // The issue asks for "within 2σ in ≥ 95 of 100 draws". 2σ covers 95.45 % of a normal error, so
  // a perfect estimator gives ≥ 95 hits of 100 for one parameter with probability 0.70 only, and
  // for all 7–8 parameters together rarely (seeds 41/42, fixed beforehand: β 94 and 91 of 100).
  // Measured over 200 blocks of 100 (scripts/bpp-coverage-study.mjs): every parameter covers
  // 95.2–95.6 %, yet all parameters reach ≥ 95/100 in the same block in only 22/200 (pair) and
  // 15/200 (three datasets) blocks, and in 19/20 blocks if every σ is overstated by 20 %.
  // That test cannot tell a right covariance from a wrong one; 1000 draws can. Pass bands:
  // coverage ≥ 937/1000 (the 0.5 % binomial quantile at p = 0.9545), z = (fit − truth)/σ with
  // |mean| ≤ 0.1 and |sd − 1| ≤ 0.07 (3 standard errors at n = 1000).
  statisticsTest.each([
    ['T1 + T1ρ pair', 1041, makePair, PAIR_OPTIONS, PAIR_PREFACTORS],
    ['three datasets', 1042, makeTriple, TRIPLE_OPTIONS, TRIPLE_PREFACTORS],
  ] as const)('%s, 1000 draws (seed %d): 2σ coverage and z-scores match a correct covariance', (label, seed, make, options, prefactors) => {
    const result = coverage(1000, seed, make, options, prefactors);
    const rows = Object.entries(result.z).map(([name, z]) => ({ name, within2sigma: result.within[name], ...meanSd(z) }));
    console.log(
      `${label}, 1000 draws (seed ${seed}); all parameters at once within 2σ: ${result.joint}/1000\n${rows.map((r) => `  ${r.name.padEnd(10)} within 2σ ${r.within2sigma}/1000, z mean ${r.mean.toFixed(3)}, z sd ${r.sd.toFixed(3)}`).join('\n')}`,
    );
    expect(result.converged).toBe(1000);
    for (const r of rows) {
      expect({ name: r.name, ...verdict(result.z[r.name]) }).toEqual({ name: r.name, coverage: true, unbiased: true, scale: true });
      // the same bands reject a covariance whose σ are 20 % too small or too large, so they can fail
      for (const factor of [0.8, 1.2])
        expect({ name: r.name, factor, pass: Object.values(verdict(result.z[r.name], factor)).every(Boolean) }).toEqual({
          name: r.name,
          factor,
          pass: false,
        });
    }
  });

  test('noise-free data are fitted back exactly from the automatic start values', () => {
    const result = fitJointBpp([t1(116.6, undefined, 0), t1(38.9, undefined, 0), t1rho(undefined, 0)], TRIPLE_OPTIONS);
    expect(result.fit.converged).toBe(true);
    expect(result.activationEnergy_eV?.value).toBeCloseTo(TRUTH.Ea, 8);
    expect(result.log10tau0_s?.value).toBeCloseTo(-13, 7);
    expect(result.beta?.value).toBeCloseTo(TRUTH.beta, 8);
    expect(result.datasets[2].prefactor_per_s2.value / TRUTH.C_R1rho).toBeCloseTo(1, 6);
    expect(result.datasets[0].background.params.bgKappa.value).toBeCloseTo(TRUTH.bgKappa, 6);
    // the start values came from the data, not from the truth
    expect(Math.abs(result.fit.params.Ea_eV.initial - TRUTH.Ea)).toBeGreaterThan(1e-4);
  });
});

describe('physics summary of a joint fit', () => {
  const series = [t1(116.6, mulberry32(7)), t1rho(mulberry32(8))];
  const result = fitJointBpp(series, PAIR_OPTIONS);

  test('Ea in eV and kJ/mol, τ0 from log10 τ0, the low-T flank (β − 1)·Ea and Ngai n = 2 − β', () => {
    const ea = result.activationEnergy_eV!;
    const beta = result.beta!;
    expect(result.activationEnergy_kJ_per_mol!.value).toBeCloseTo(ea.value * 96.485332, 4);
    expect(result.tau0_s!.value).toBeCloseTo(Math.pow(10, result.log10tau0_s!.value), 25);
    expect(result.tau0_s!.stderr! / result.tau0_s!.value).toBeCloseTo(Math.LN10 * result.log10tau0_s!.stderr!, 12);
    expect(result.lowTemperatureFlank_eV!.value).toBeCloseTo((beta.value - 1) * ea.value, 12);
    expect(result.ngaiCoupling!.value).toBeCloseTo(2 - beta.value, 12);
    expect(result.ngaiCoupling!.reading).toMatch(/n = 2 − β/);
  });

  test('peak temperatures are the maxima of the fitted diffusion-induced rate', () => {
    for (const [k, d] of result.datasets.entries()) {
      const peak = d.peak!;
      const tp = peak.temperature_K!.value;
      const model: BppRateModel = {
        spectralDensity: 'asymmetric-bpp',
        activationEnergy_eV: d.activationEnergy_eV.value,
        tau0_s: d.tau0_s.value,
        beta: d.beta!.value,
        prefactor_per_s2: d.prefactor_per_s2.value,
      };
      const r = (t: number) => relaxationRate_per_s(series[k], t, model);
      expect(r(tp)).toBeGreaterThan(r(tp * 1.001));
      expect(r(tp)).toBeGreaterThan(r(tp / 1.001));
      expect(peak.rate_per_s / r(tp)).toBeCloseTo(1, 10);
      expect(peak.omegaTau).toBeCloseTo(ratePeakOmegaTau(series[k], 'asymmetric-bpp', d.beta!.value) as number, 10);
      expect(peak.temperature_K!.stderr).toBeGreaterThan(0);
    }
    // the T1ρ peak sits at lower temperature than the T1 peak (ω1 ≪ ω0)
    expect(result.datasets[1].peak!.temperature_K!.value).toBeLessThan(result.datasets[0].peak!.temperature_K!.value);
  });

  test('jump rate τc⁻¹(T) with a 1σ band that matches the bootstrap spread of ln τc⁻¹', () => {
    const band = result.jumpRate;
    const boot = bootstrapJointBpp(series, result, { samples: 1000, seed: 11, keepSamples: true });
    const ea = boot.values!.Ea_eV;
    const l = boot.values!.log10tau0_s;
    for (const i of [0, 20, 40]) {
      const t = band.temperature_K[i];
      const expected = Math.pow(10, -result.log10tau0_s!.value) * Math.exp(-result.activationEnergy_eV!.value / (BOLTZMANN_eV_per_K * t));
      expect(band.jumpRate_per_s[i] / expected).toBeCloseTo(1, 12);
      const sigmaBand = Math.log(band.upper_per_s[i] / band.jumpRate_per_s[i]);
      const lnRates = ea.map((e, b) => -Math.LN10 * l[b] - e / (BOLTZMANN_eV_per_K * t));
      const mean = lnRates.reduce((a, b) => a + b, 0) / lnRates.length;
      const sd = Math.sqrt(lnRates.reduce((a, b) => a + (b - mean) ** 2, 0) / (lnRates.length - 1));
      expect(sigmaBand / sd).toBeGreaterThan(0.85);
      expect(sigmaBand / sd).toBeLessThan(1.15);
    }
  });
});

describe('bootstrap and Monte Carlo uncertainties', () => {
  const series = [t1(116.6, mulberry32(3)), t1(38.9, mulberry32(4)), t1rho(mulberry32(5))];
  const result = fitJointBpp(series, TRIPLE_OPTIONS);

  test('seeded and reproducible: the same seed gives the same numbers, another seed others', () => {
    const a = bootstrapJointBpp(series, result, { samples: 200, seed: 5 });
    const b = bootstrapJointBpp(series, result, { samples: 200, seed: 5 });
    const c = bootstrapJointBpp(series, result, { samples: 200, seed: 6 });
    expect(b.parameters).toEqual(a.parameters);
    expect(c.parameters.Ea_eV.sd).not.toBe(a.parameters.Ea_eV.sd);
    const m1 = monteCarloJointBpp(series, result, { samples: 200, seed: 5 });
    expect(monteCarloJointBpp(series, result, { samples: 200, seed: 5 }).parameters).toEqual(m1.parameters);
  });

  test.each([
    ['bootstrap (residual resampling)', bootstrapJointBpp],
    ['Monte Carlo over the data errors', monteCarloJointBpp],
  ])('%s: 1000 refits, spreads within 15 %% of the covariance standard errors', (_, method) => {
    const r = method(series, result, { samples: 1000, seed: 2024 });
    expect(r.succeeded).toBe(1000);
    for (const name of result.fit.varyNames) {
      const ratio = r.parameters[name].sd / (result.fit.params[name].stderr as number);
      expect({ name, ratio, ok: ratio > 0.85 && ratio < 1.15 }).toMatchObject({ name, ok: true });
    }
    // percentile intervals bracket the best fit
    expect(r.parameters.Ea_eV.ci95[0]).toBeLessThan(result.fit.params.Ea_eV.value);
    expect(r.parameters.Ea_eV.ci95[1]).toBeGreaterThan(result.fit.params.Ea_eV.value);
  });

  test('refuses a result that belongs to other series', () => {
    expect(() => bootstrapJointBpp(series.slice(0, 2), result, { samples: 10 })).toThrow(InputError);
  });
});

describe('sharing, fixing and conventions', () => {
  const random = mulberry32(99);
  const pair = [t1(116.6, random), t1rho(random)];

  test('Ea free per dataset: both flanks give 0.20 eV within 3σ', () => {
    const r = fitJointBpp(pair, { ...PAIR_OPTIONS, share: ['tau0', 'beta'] });
    expect(r.activationEnergy_eV).toBeNull();
    for (const name of ['Ea_1_eV', 'Ea_2_eV']) {
      const p = r.fit.params[name];
      expect(Math.abs(p.value - TRUTH.Ea)).toBeLessThan(3 * (p.stderr as number));
    }
    expect(r.datasets.map((d) => d.activationEnergy_eV.value)).toEqual([r.fit.params.Ea_1_eV.value, r.fit.params.Ea_2_eV.value]);
  });

  test('β fixed by the user is not varied; bounds given in seconds for τ0 are respected', () => {
    const r = fitJointBpp(pair, { ...PAIR_OPTIONS, params: { beta: { value: 1.7, vary: false }, tau0: { min: 1e-14, max: 1e-12 } } });
    expect(r.fit.varyNames).not.toContain('beta');
    expect(r.beta).toEqual({ value: 1.7, stderr: null });
    expect(r.fit.params.log10tau0_s.min).toBeCloseTo(-14, 12);
    expect(r.fit.params.log10tau0_s.max).toBeCloseTo(-12, 12);
    expect(Math.abs(r.log10tau0_s!.value + 13)).toBeLessThan(3 * r.log10tau0_s!.stderr!);
  });

  test("the 'omega0-only' convention fits data made with it (R1 = C·J(ω0), R1ρ = C·J(2ω1))", () => {
    const rng = mulberry32(123);
    const make = (experiment: 'R1' | 'R1rho', grid: number[], c: number, bg: boolean) =>
      simulateRateSeries({
        experiment,
        nucleus: '7Li',
        larmor_MHz: 116.6,
        spinlock_kHz: 20,
        temperature_K: grid,
        model: truthModel(c, bg, 'omega0-only'),
        relativeNoise: 0.02,
        random: rng,
      });
    const series = [make('R1', R1_GRID, TRUTH.C_R1, true), make('R1rho', R1RHO_GRID, TRUTH.C_R1rho, false)];
    const r = fitJointBpp(series, { ...PAIR_OPTIONS, convention: 'omega0-only' });
    expect(Math.abs(r.activationEnergy_eV!.value - TRUTH.Ea)).toBeLessThan(3 * r.activationEnergy_eV!.stderr!);
    expect(Math.abs(r.beta!.value - TRUTH.beta)).toBeLessThan(3 * r.beta!.stderr!);
    // read with the full expressions, the same data give a different (wrong) τ0: the convention matters
    const wrong = fitJointBpp(series, { ...PAIR_OPTIONS, convention: 'full' });
    expect(Math.abs(wrong.log10tau0_s!.value + 13)).toBeGreaterThan(5 * wrong.log10tau0_s!.stderr!);
  });

  test('Cole–Davidson, Richards 2D and BPP data are fitted back from automatic starts', () => {
    const cases: Array<[BppRateModel['spectralDensity'], number]> = [
      ['cole-davidson', 0.6],
      ['richards-2d', 1.8],
      ['bpp', 2],
    ];
    for (const [density, shape] of cases) {
      const model: BppRateModel = {
        spectralDensity: density,
        activationEnergy_eV: 0.3,
        tau0_s: 5e-14,
        beta: shape,
        prefactor_per_s2: 1e10,
      };
      const series = [
        simulateRateSeries({
          experiment: 'R1',
          nucleus: '7Li',
          larmor_MHz: 116.6,
          temperature_K: inverseTemperatureGrid_K(150, 600, 20),
          model,
        }),
        simulateRateSeries({
          experiment: 'R1rho',
          nucleus: '7Li',
          larmor_MHz: 116.6,
          spinlock_kHz: 20,
          temperature_K: inverseTemperatureGrid_K(110, 450, 20),
          model,
        }),
      ];
      const r = fitJointBpp(series, { spectralDensity: density });
      expect({ density, converged: r.fit.converged }).toEqual({ density, converged: true });
      expect(r.activationEnergy_eV!.value).toBeCloseTo(0.3, 6);
      expect(r.log10tau0_s!.value).toBeCloseTo(Math.log10(5e-14), 5);
      if (density !== 'bpp') expect(r.beta!.value).toBeCloseTo(shape, 6);
      else expect(r.beta).toBeNull();
      expect(r.ngaiCoupling).toBeNull();
    }
  });
});

describe('bad input: typed errors naming the field', () => {
  const good = (): RateSeries => ({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    points: [150, 200, 250, 300, 350, 400, 450, 500].map((t) => ({ temperature_K: t, rate_per_s: 1 + Math.sin(t / 100) ** 2 })),
  });
  const expectError = (series: RateSeries[], field: string | RegExp, options: JointBppOptions = {}) => {
    let error: unknown;
    try {
      fitJointBpp(series, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    if (typeof field === 'string') expect((error as InputError).field).toBe(field);
    else expect((error as InputError).field).toMatch(field);
  };

  test('a temperature ≤ 0 K', () => {
    const s = good();
    s.points[3].temperature_K = 0;
    expectError([s], 'datasets[0].points[3].temperature_K');
    s.points[3].temperature_K = -20;
    expectError([good(), s], 'datasets[1].points[3].temperature_K');
  });

  test('a rate series with one point', () => {
    const s = good();
    s.points = s.points.slice(0, 1);
    expectError([good(), s], 'datasets[1].points');
  });

  test('non-positive rates on the log scale (accepted with weighting: linear)', () => {
    const s = good();
    s.points[2].rate_per_s = 0;
    expectError([s], 'datasets[0].points[2].rate_per_s');
    s.points[2].rate_per_s = -1;
    expectError([s], 'datasets[0].points[2].rate_per_s');
    expect(() => fitJointBpp([s], { weighting: 'linear', spectralDensity: 'bpp' })).not.toThrow();
  });

  test('fewer points than varied parameters', () => {
    const s = good();
    s.points = s.points.slice(0, 3);
    expectError([s], 'datasets');
    expect(() => fitJointBpp([s])).toThrow(/at least 4 points/);
  });

  test('an unknown nucleus, a missing spin-lock frequency, unknown options', () => {
    expectError([{ ...good(), nucleus: '8Li' }], 'datasets[0].nucleus');
    expectError([{ ...good(), experiment: 'R1rho' }], 'datasets[0].spinlock_kHz');
    expectError([good()], 'share[1]', { share: ['Ea', 'tau' as 'tau0'] });
    expectError([good()], 'convention', { convention: 'omega1' as 'full' });
    expectError([good(), good()], 'datasets[1].params.Ea', { datasets: [{}, { params: { Ea: { value: 0.3 } } }] });
    expectError([good()], 'params.tau0.value', { params: { tau0: { value: -1e-13 } } });
    expectError([], 'datasets');
    expectError([{ ...good(), experiment: 'R2' }], 'datasets[0].experiment', { spectralDensity: 'richards-2d' });
  });
});

describe('the result carries its data: every point with the best-fit rate and residual there', () => {
  // the T1 points given hottest first and the T1ρ points shuffled: the result keeps the order given
  const ordered = [t1(116.6, mulberry32(21)), t1rho(mulberry32(22))];
  const shuffle = mulberry32(23);
  const series: RateSeries[] = [
    { ...ordered[0], points: [...ordered[0].points].reverse() },
    {
      ...ordered[1],
      points: ordered[1].points
        .map((p) => ({ p, key: shuffle() }))
        .sort((a, b) => a.key - b.key)
        .map(({ p }) => p),
    },
  ];
  const result = fitJointBpp(series, PAIR_OPTIONS);

  test('the points are the series as given, σ included, with the dataset metadata beside them', () => {
    result.datasets.forEach((d, k) => {
      expect(d.points.map(({ temperature_K, rate_per_s, sigma }) => ({ temperature_K, rate_per_s, sigma }))).toEqual(series[k].points);
      expect({ experiment: d.experiment, nucleus: d.nucleus, larmor_MHz: d.larmor_MHz, spinlock_kHz: d.spinlock_kHz }).toEqual({
        experiment: series[k].experiment,
        nucleus: series[k].nucleus,
        larmor_MHz: series[k].larmor_MHz,
        spinlock_kHz: series[k].spinlock_kHz,
      });
    });
    const noSigma = fitJointBpp([
      { ...series[1], points: series[1].points.map(({ temperature_K, rate_per_s }) => ({ temperature_K, rate_per_s })) },
    ]);
    expect(noSigma.datasets[0].points.every((p) => p.sigma === null)).toBe(true);
  });

  test('fit_per_s is the fitted rate model (relaxationRate_per_s with the dataset parameters and background) at each T', () => {
    result.datasets.forEach((d, k) => {
      const bg = d.background.params;
      const model: BppRateModel = {
        spectralDensity: result.spectralDensity,
        convention: result.convention,
        activationEnergy_eV: d.activationEnergy_eV.value,
        tau0_s: d.tau0_s.value,
        beta: d.beta!.value,
        prefactor_per_s2: d.prefactor_per_s2.value,
        ...(d.background.model === 'power-law' && {
          background: {
            model: 'power-law',
            amplitude_per_s: bg.bgA_per_s.value,
            exponent: bg.bgKappa.value,
            referenceTemperature_K: result.referenceTemperature_K,
          },
        }),
      };
      for (const p of d.points) expect(p.fit_per_s / relaxationRate_per_s(series[k], p.temperature_K, model)).toBeCloseTo(1, 10);
    });
  });

  test('normalised residuals are (ln R − ln R_fit)/(σ/R) on the log scale, and their squares sum to χ²', () => {
    let sum = 0;
    for (const d of result.datasets) {
      for (const p of d.points) {
        expect(p.normalizedResidual).toBeCloseTo(
          (Math.log(p.rate_per_s) - Math.log(p.fit_per_s)) / ((p.sigma as number) / p.rate_per_s),
          8,
        );
        sum += p.normalizedResidual ** 2;
      }
    }
    expect(sum / result.fit.stats.chiSquare).toBeCloseTo(1, 10);
    const linear = fitJointBpp(series, { ...PAIR_OPTIONS, weighting: 'linear' });
    let sumLinear = 0;
    for (const d of linear.datasets) {
      for (const p of d.points) {
        expect(p.normalizedResidual).toBeCloseTo((p.rate_per_s - p.fit_per_s) / (p.sigma as number), 8);
        sumLinear += p.normalizedResidual ** 2;
      }
    }
    expect(sumLinear / linear.fit.stats.chiSquare).toBeCloseTo(1, 10);
  });

  test('the result round-trips through JSON unchanged (no typed arrays, NaN or Infinity)', () => {
    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
  });

  test("refitting the result's own points, read back from JSON, gives the same fit", () => {
    const saved = JSON.parse(JSON.stringify(result)) as typeof result;
    const again = fitJointBpp(
      saved.datasets.map((d) => ({
        experiment: d.experiment,
        nucleus: d.nucleus,
        larmor_MHz: d.larmor_MHz,
        ...(d.spinlock_kHz !== undefined && { spinlock_kHz: d.spinlock_kHz }),
        label: d.label,
        points: d.points.map((p) => ({
          temperature_K: p.temperature_K,
          rate_per_s: p.rate_per_s,
          ...(p.sigma !== null && { sigma: p.sigma }),
        })),
      })),
      PAIR_OPTIONS,
    );
    for (const [name, p] of Object.entries(result.fit.params)) expect(again.fit.params[name].value).toBeCloseTo(p.value, 8);
  });
});

describe('resampling from the result alone: the series rebuilt from its points', () => {
  const series = [t1(116.6, mulberry32(31)), t1rho(mulberry32(32))];
  const result = fitJointBpp(series, PAIR_OPTIONS);
  // what a notebook or `relaxlab bpp --json` saved and read back: σ as null, no typed arrays
  const saved = JSON.parse(JSON.stringify(result)) as typeof result;

  test.each([
    ['bootstrap', bootstrapJointBpp],
    ['Monte Carlo', monteCarloJointBpp],
  ])('%s: the same seed gives the same numbers with the series, with none (undefined), and from the saved result', (_, method) => {
    const withSeries = method(series, result, { samples: 100, seed: 9, keepSamples: true });
    expect(withSeries.succeeded).toBeGreaterThan(90);
    for (const alone of [
      method(result, { samples: 100, seed: 9, keepSamples: true }),
      method(undefined, saved, { samples: 100, seed: 9, keepSamples: true }),
    ]) {
      expect(alone.values).toEqual(withSeries.values);
      expect(alone.parameters).toEqual(withSeries.parameters);
      expect(alone.succeeded).toBe(withSeries.succeeded);
    }
  });

  test('without σ in the series, the rebuilt series carry none either (Monte Carlo then uses the residual scatter)', () => {
    const bare = series.map((s) => ({ ...s, points: s.points.map(({ temperature_K, rate_per_s }) => ({ temperature_K, rate_per_s })) }));
    const fit = fitJointBpp(bare, { ...PAIR_OPTIONS, absoluteSigma: false });
    const a = monteCarloJointBpp(bare, fit, { samples: 50, seed: 4 });
    const b = monteCarloJointBpp(JSON.parse(JSON.stringify(fit)), { samples: 50, seed: 4 });
    expect(b.parameters).toEqual(a.parameters);
    expect(b.warnings).toEqual(a.warnings);
    expect(b.warnings.some((w) => w.includes('residual standard deviation'))).toBe(true);
  });

  test('a relaxlab/1 result saved without its points, migrated, needs the series: an InputError naming the dataset', () => {
    const old = migrateResult({
      ...saved,
      schema: 'relaxlab/1',
      datasets: saved.datasets.map(({ points: _points, ...d }) => d),
    }) as unknown as typeof result;
    expect(old.warnings).toContain(
      'saved by relaxlab/1 without its rates: the measured points are not shown, and bootstrap or Monte Carlo need the series',
    );
    expect(() => bootstrapJointBpp(old, { samples: 10 })).toThrow(InputError);
    expect(() => bootstrapJointBpp(old, { samples: 10 })).toThrow(/datasets\[0\]\.points.*pass the series/);
    // with the series it still works, and still refuses other series
    expect(bootstrapJointBpp(series, old, { samples: 10, seed: 3 }).parameters).toEqual(
      bootstrapJointBpp(series, result, { samples: 10, seed: 3 }).parameters,
    );
    expect(() => monteCarloJointBpp(series.slice(0, 1), old, { samples: 10 })).toThrow(InputError);
  });

  test('anything but a joint BPP result is an InputError on field result', () => {
    const fit = result.fit as unknown as typeof result;
    expect(() => bootstrapJointBpp(fit)).toThrow(InputError);
    expect(() => monteCarloJointBpp(series, fit)).toThrow(/result: not a joint BPP result/);
  });
});
