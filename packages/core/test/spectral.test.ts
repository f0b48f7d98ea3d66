/**
 * Spectral densities and BPP rate models: analytic invariants of the full expressions — flank
 * slopes Ea and (β − 1)·Ea, the peak conditions for T1 and T1ρ, the ω0^(−β) dependence of the
 * low-T flank, β = 2 (and ε = 1) recovering classic BPP — and analytic derivatives against finite
 * differences.
 */
import {
  BOLTZMANN_eV_per_K,
  correlationTime_s,
  InputError,
  larmorAngularFrequency_rad_per_s,
  RateFrequencies,
  relaxationRate_per_s,
  spectralDensity,
  SpectralDensityName,
  SPECTRAL_DENSITY_NAMES,
  spinLockAngularFrequency_rad_per_s,
} from '@relaxlab/core';
import { ratePeakOmegaTau } from '../src/spectral/rates';
import { shapeFunction } from '../src/spectral/densities';
import { JointBppModel } from '../src/spectral/jointModel';
import { checkRateSeries } from '../src/spectral/validate';

const EA = 0.2;
const TAU0 = 1e-13;
const BETA = 1.7;
const R1: RateFrequencies = { experiment: 'R1', larmor_MHz: 116.6 };
const R1RHO: RateFrequencies = { experiment: 'R1rho', larmor_MHz: 116.6, spinlock_kHz: 20 };
const W0 = larmorAngularFrequency_rad_per_s(116.6);
const W1 = spinLockAngularFrequency_rad_per_s(20);

/** The temperature at which τc = τ0·exp(Ea/kBT) equals tau. */
const temperatureFor = (tau: number, ea = EA, tau0 = TAU0) => ea / (BOLTZMANN_eV_per_K * Math.log(tau / tau0));

const rate = (
  f: RateFrequencies,
  t: number,
  density: SpectralDensityName = 'asymmetric-bpp',
  beta = BETA,
  convention: 'full' | 'omega0-only' = 'full',
) =>
  relaxationRate_per_s(f, t, { spectralDensity: density, convention, activationEnergy_eV: EA, tau0_s: TAU0, beta, prefactor_per_s2: 1e10 });

/** d ln R / d(1/kBT) by a central difference: the Arrhenius slope of a flank, in eV. */
function arrheniusSlope_eV(f: RateFrequencies, t: number, density: SpectralDensityName = 'asymmetric-bpp', beta = BETA): number {
  const u = 1 / (BOLTZMANN_eV_per_K * t);
  const h = 1e-4 * u;
  const at = (uu: number) => Math.log(rate(f, 1 / (BOLTZMANN_eV_per_K * uu), density, beta));
  return (at(u + h) - at(u - h)) / (2 * h);
}

describe('flank slopes of the asymmetric BPP rate peak (Ea = 0.20 eV, β = 1.7)', () => {
  // high-T side: every ω of the expression has ωτc ≤ 1e-3 (for R1rho that is 2ω0τc, the extreme
  // narrowing limit; τc ≥ τ0 = 1e-13 s allows no less); low-T side: the smallest ω has ωτc = 1e4.
  // The slopes then differ from Ea by β·(ωτc)^β ≈ 5e-5 relative at most.
  test.each([
    ['R1 116.6 MHz', R1, 2 * W0, W0],
    ['R1rho 20 kHz', R1RHO, 2 * W0, 2 * W1],
  ])('%s: high-T flank slope Ea and low-T flank slope −(β − 1)·Ea, far from the maximum', (_, f, wHigh, wLow) => {
    expect(arrheniusSlope_eV(f, temperatureFor(1e-3 / wHigh))).toBeCloseTo(EA, 4);
    expect(arrheniusSlope_eV(f, temperatureFor(1e4 / wLow))).toBeCloseTo(-(BETA - 1) * EA, 5);
  });

  test('β = 2 gives the symmetric BPP peak: both flanks have slope ±Ea', () => {
    expect(arrheniusSlope_eV(R1, temperatureFor(1e-4 / W0), 'bpp')).toBeCloseTo(EA, 5);
    expect(arrheniusSlope_eV(R1, temperatureFor(1e4 / W0), 'bpp')).toBeCloseTo(-EA, 5);
  });

  test('1D lattice walk: the high-T flank has half the slope, Ea/2 (R ∝ τc^½), the low-T flank −Ea', () => {
    // ω0τc = 1e-4 (τc > τ0 = 1e-13 s needs ω0τc > 7e-5 at 116.6 MHz); slope = Ea·(½ − ω0τc/4 + ...)
    expect(arrheniusSlope_eV(R1, temperatureFor(1e-4 / W0), 'lattice-1d')).toBeCloseTo(EA / 2, 4);
    expect(arrheniusSlope_eV(R1, temperatureFor(1e6 / W0), 'lattice-1d')).toBeCloseTo(-EA, 4);
  });
});

describe('frequency dependence of the flanks', () => {
  test('low-T flank: R1 ∝ ω0^(−β) (R1 at 116.6 MHz over R1 at 58.3 MHz = 2^(−β))', () => {
    const t = temperatureFor(1e6 / W0);
    for (const beta of [1.3, 1.7, 2]) {
      const ratio = rate(R1, t, 'asymmetric-bpp', beta) / rate({ experiment: 'R1', larmor_MHz: 58.3 }, t, 'asymmetric-bpp', beta);
      expect(Math.log(ratio) / Math.log(2)).toBeCloseTo(-beta, 5);
    }
  });

  test('high-T flank: R1 does not depend on ω0 in 3D, and goes as ω0^(−½) in 1D', () => {
    const t = temperatureFor(1e-4 / W0);
    const half: RateFrequencies = { experiment: 'R1', larmor_MHz: 58.3 };
    expect(rate(R1, t) / rate(half, t)).toBeCloseTo(1, 5);
    expect(Math.log(rate(R1, t, 'lattice-1d') / rate(half, t, 'lattice-1d')) / Math.log(2)).toBeCloseTo(-0.5, 3);
  });
});

describe('peak conditions found numerically from the full expressions', () => {
  const constants: Record<string, number> = {};
  afterAll(() => {
    // the numbers the code finds, for the report
    console.log(
      `peak constants (ω·τc at the rate maximum):\n${Object.entries(constants)
        .map(([k, v]) => `  ${k}: ${v.toFixed(4)}`)
        .join('\n')}`,
    );
  });

  test('BPP T1: ω0τc = 0.6158 at the maximum, where d/dx[x/(1 + x²) + 4x/(1 + 4x²)] = 0', () => {
    const x = ratePeakOmegaTau(R1, 'bpp', 2) as number;
    constants['BPP R1 (full), ω0τc'] = x;
    const derivative = (1 - x * x) / (1 + x * x) ** 2 + (4 * (1 - 4 * x * x)) / (1 + 4 * x * x) ** 2;
    expect(Math.abs(derivative)).toBeLessThan(1e-10);
    expect(x).toBeCloseTo(0.6158, 4);
  });

  test('BPP T1rho: ω1τc ≈ 0.5 at the maximum (2ω1τc = 1; the J(ω0), J(2ω0) terms shift it by < 1e-6)', () => {
    const x = ratePeakOmegaTau(R1RHO, 'bpp', 2) as number;
    constants['BPP R1rho (full), ω1τc'] = x;
    expect(x).toBeCloseTo(0.5, 6);
  });

  test('asymmetric BPP, J(ω0)-only convention: ω0τc = (β − 1)^(−1/β) (the maximum of τ/(1 + (ωτ)^β))', () => {
    for (const beta of [1.3, 1.7, 2]) {
      expect(ratePeakOmegaTau(R1, 'asymmetric-bpp', beta, 'omega0-only')).toBeCloseTo(Math.pow(beta - 1, -1 / beta), 8);
      expect(ratePeakOmegaTau(R1RHO, 'asymmetric-bpp', beta, 'omega0-only')).toBeCloseTo(0.5 * Math.pow(beta - 1, -1 / beta), 8);
    }
    constants['asymmetric β = 1.7 R1 (omega0-only), ω0τc'] = ratePeakOmegaTau(R1, 'asymmetric-bpp', 1.7, 'omega0-only') as number;
  });

  test('asymmetric BPP β = 1.7, full expressions: the maxima move to larger ωτc than BPP', () => {
    const r1 = ratePeakOmegaTau(R1, 'asymmetric-bpp', 1.7) as number;
    const r1rho = ratePeakOmegaTau(R1RHO, 'asymmetric-bpp', 1.7) as number;
    constants['asymmetric β = 1.7 R1 (full), ω0τc'] = r1;
    constants['asymmetric β = 1.7 R1rho (full), ω1τc'] = r1rho;
    // at the maximum ∂R/∂ln τc = 0 on either side of it
    const sign = (f: RateFrequencies, w: number, x: number) =>
      Math.sign(rate(f, temperatureFor((x * 1.001) / w)) - rate(f, temperatureFor(x / w)));
    expect(sign(R1, W0, r1)).toBe(-1);
    expect(sign(R1, W0, r1 / 1.001 / 1.001)).toBe(1);
    expect(r1).toBeGreaterThan(0.6158);
    expect(r1rho).toBeGreaterThan(0.5);
    expect(sign(R1RHO, W1, r1rho)).toBe(-1);
  });

  test('R2 with a finite J(0) has no maximum; β ≤ 1 has none either', () => {
    expect(ratePeakOmegaTau({ experiment: 'R2', larmor_MHz: 116.6 }, 'bpp', 2)).toBeNull();
    expect(ratePeakOmegaTau(R1, 'asymmetric-bpp', 1, 'omega0-only')).toBeNull();
  });
});

describe('special cases that must reduce to classic BPP', () => {
  const temps = [80, 150, 250, 400, 900];
  test('asymmetric BPP with β = 2 and Cole–Davidson with ε = 1 equal BPP for R1 and R1rho', () => {
    for (const f of [R1, R1RHO]) {
      for (const t of temps) {
        const bpp = rate(f, t, 'bpp', 2);
        expect(rate(f, t, 'asymmetric-bpp', 2) / bpp).toBeCloseTo(1, 12);
        expect(rate(f, t, 'cole-davidson', 1) / bpp).toBeCloseTo(1, 12);
      }
    }
  });

  test('the densities at ωτc → 0: τc (BPP), ε·τc (Cole–Davidson); 1D → ½(τc/ω)^½; 1D and 2D → 1/(ω²τc) at ωτc → ∞', () => {
    const tau = 1e-9;
    expect(spectralDensity('bpp', 1e-3, tau) / tau).toBeCloseTo(1, 12);
    expect(spectralDensity('cole-davidson', 1e-3, tau, 0.4) / tau).toBeCloseTo(0.4, 10);
    const w = (1e-2 / tau) * 1e-8;
    expect(spectralDensity('lattice-1d', w, tau) / (0.5 * Math.sqrt(tau / w))).toBeCloseTo(1, 6);
    const wHigh = 1e6 / tau;
    expect(spectralDensity('lattice-1d', wHigh, tau) * wHigh * wHigh * tau).toBeCloseTo(1, 6);
    expect(spectralDensity('richards-2d', wHigh, tau, 2) * wHigh * wHigh * tau).toBeCloseTo(1, 6);
  });

  test('Richards 2D on the high-T side: J = τc·β·ln(1/ωτc) to leading order', () => {
    const tau = 1e-12;
    const w = 1e3;
    expect(spectralDensity('richards-2d', w, tau, 2) / (tau * 2 * Math.log(1 / (w * tau)))).toBeCloseTo(1, 10);
  });

  test('τc = τ0·exp(Ea/kBT)', () => {
    expect(correlationTime_s(300, 0.2, 1e-13)).toBeCloseTo(1e-13 * Math.exp(0.2 / (BOLTZMANN_eV_per_K * 300)), 25);
  });
});

describe('analytic derivatives against central finite differences', () => {
  const shapes: Record<SpectralDensityName, number> = {
    bpp: 2,
    'asymmetric-bpp': 1.6,
    'richards-2d': 1.8,
    'lattice-1d': 2,
    'cole-davidson': 0.45,
  };
  test.each(SPECTRAL_DENSITY_NAMES.map((n) => [n]))('%s: d ln g/d ln x and d ln g/d shape', (name) => {
    const out = new Float64Array(3);
    const lnG = (x: number, s: number) => {
      shapeFunction(name, x, s, out);
      return Math.log(out[0]);
    };
    for (const x of [1e-4, 0.05, 0.62, 1, 3.7, 80, 1e4]) {
      const s = shapes[name];
      shapeFunction(name, x, s, out);
      const [dx, ds] = [out[1], out[2]];
      const h = 1e-5;
      const numDx = (lnG(x * Math.exp(h), s) - lnG(x * Math.exp(-h), s)) / (2 * h);
      const numDs = (lnG(x, s + h) - lnG(x, s - h)) / (2 * h);
      expect(Math.abs(dx - numDx)).toBeLessThan(1e-7 * Math.max(1, Math.abs(dx)));
      expect(Math.abs(ds - numDs)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ds)));
    }
  });

  const series = [
    {
      experiment: 'R1' as const,
      nucleus: '7Li',
      larmor_MHz: 116.6,
      points: [100, 180, 250, 320, 420].map((t, i) => ({ temperature_K: t, rate_per_s: 1 + i })),
    },
    {
      experiment: 'R1rho' as const,
      nucleus: '7Li',
      larmor_MHz: 116.6,
      spinlock_kHz: 20,
      points: [90, 120, 150, 200].map((t, i) => ({ temperature_K: t, rate_per_s: 10 + i })),
    },
    {
      experiment: 'R2' as const,
      nucleus: '23Na',
      larmor_MHz: 105.8,
      points: [150, 250, 350].map((t, i) => ({ temperature_K: t, rate_per_s: 100 + i })),
    },
  ];
  const cases: Array<[SpectralDensityName, 'log' | 'linear']> = [
    ['asymmetric-bpp', 'log'],
    ['asymmetric-bpp', 'linear'],
    ['bpp', 'log'],
    ['cole-davidson', 'log'],
    ['richards-2d', 'log'],
    ['lattice-1d', 'linear'],
  ];
  test.each(cases)(
    'joint model (%s, %s scale): every Jacobian column, shared and per-dataset, background power law and Arrhenius',
    (density, weighting) => {
      const finiteJ0 = density !== 'richards-2d' && density !== 'lattice-1d';
      const used = finiteJ0 ? series : series.slice(0, 2);
      const checked = used.map((s, k) => checkRateSeries(s, `datasets[${k}]`, true));
      const model = new JointBppModel(checked, {
        spectralDensity: density,
        convention: 'full',
        weighting,
        share: ['tau0', 'beta', 'bgKappa'],
        backgrounds: ['power-law', 'arrhenius', 'power-law'].slice(0, used.length) as ('power-law' | 'arrhenius')[],
        referenceTemperature_K: 300,
      });
      const p = new Float64Array(model.np);
      model.parameters.forEach((q, j) => {
        const start: Record<string, number> = {
          Ea: 0.2 + 0.01 * j,
          tau0: -13,
          beta: density === 'cole-davidson' ? 0.5 : 1.7,
          C: 10,
          bgA: 0.3,
          bgKappa: 1.5,
          bgEa: 0.04,
        };
        p[j] = start[q.kind];
      });
      const m = model.m;
      const f = new Float64Array(m);
      const jac = new Float64Array(m * model.np);
      model.evaluate(p, f, jac);
      const up = new Float64Array(m);
      const down = new Float64Array(m);
      // Richardson-extrapolated central differences, (4·D(h/2) − D(h))/3: truncation O(h⁴)
      const central = (j: number, h: number, out: Float64Array) => {
        const pu = Float64Array.from(p);
        const pd = Float64Array.from(p);
        pu[j] += h;
        pd[j] -= h;
        model.evaluate(pu, up);
        model.evaluate(pd, down);
        for (let i = 0; i < m; i++) out[i] = (up[i] - down[i]) / (2 * h);
      };
      const coarse = new Float64Array(m);
      const fine = new Float64Array(m);
      model.parameters.forEach((q, j) => {
        const h = 1e-4 * Math.max(1, Math.abs(p[j]));
        central(j, h, coarse);
        central(j, h / 2, fine);
        let worst = 0;
        for (let i = 0; i < m; i++) {
          const numeric = (4 * fine[i] - coarse[i]) / 3;
          // relative 1e-8, plus the rounding of f itself: 100·ε·|f|/h
          const tolerance = 1e-8 * Math.max(Math.abs(numeric), Math.abs(jac[j * m + i])) + (100 * 2.2e-16 * (Math.abs(f[i]) + 1)) / h;
          worst = Math.max(worst, Math.abs(jac[j * m + i] - numeric) / tolerance);
        }
        expect({ param: q.name, worstErrorOverTolerance: worst < 1 }).toEqual({ param: q.name, worstErrorOverTolerance: true });
      });
    },
  );
});

describe('bad input', () => {
  test('typed errors naming the field', () => {
    expect(() =>
      relaxationRate_per_s(R1, 0, { spectralDensity: 'bpp', activationEnergy_eV: 0.2, tau0_s: 1e-13, prefactor_per_s2: 1 }),
    ).toThrow(InputError);
    expect(() =>
      relaxationRate_per_s(R1, -5, { spectralDensity: 'bpp', activationEnergy_eV: 0.2, tau0_s: 1e-13, prefactor_per_s2: 1 }),
    ).toThrow(/temperature_K/);
    expect(() =>
      relaxationRate_per_s({ experiment: 'R1rho', larmor_MHz: 116.6 }, 200, {
        spectralDensity: 'bpp',
        activationEnergy_eV: 0.2,
        tau0_s: 1e-13,
        prefactor_per_s2: 1,
      }),
    ).toThrow(/spinlock_kHz/);
    expect(() => spectralDensity('cole-davidson', 1, 1, 1.5)).toThrow(/0 < ε ≤ 1/);
    expect(() => spectralDensity('gaussian' as SpectralDensityName, 1, 1)).toThrow(/spectralDensity: unknown spectral density/);
    expect(() =>
      relaxationRate_per_s({ experiment: 'R2', larmor_MHz: 116.6 }, 200, {
        spectralDensity: 'lattice-1d',
        activationEnergy_eV: 0.2,
        tau0_s: 1e-13,
        prefactor_per_s2: 1,
      }),
    ).toThrow(/J\(0\)/);
  });
});
