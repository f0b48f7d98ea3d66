/**
 * MD results next to NMR and DC: trajectoryArrhenius recovers the activation energy of D* over
 * seeded trajectories at three temperatures (D = D0·exp(−Ea/kB·T), Ea = 0.30 eV; seeds 1621–1623
 * fixed in advance), and crossLink puts D*(MD) beside Dσ(DC) of a conductivity that obeys
 * Nernst–Einstein with the same D (H_R = 1) and beside D_NMR from jump rates.
 */
import {
  analyzeTrajectory,
  collectTrajectory,
  crossLink,
  crossLinkReport,
  simulateWalkers,
  trajectoryArrhenius,
  trajectoryTransportReport,
} from '../src';

const kB_eV = 8.617333262e-5;
const Ea = 0.3;
const D0 = 1e-2; // cm²/s
const D = (T: number) => D0 * Math.exp(-Ea / (kB_eV * T));
const BOX = 12;
const WALKERS = 64;

const results = [500, 600, 700].map((T, k) => {
  // frames 100 fs apart at 700 K, stretched at lower T so each run covers a similar MSD
  const sim = simulateWalkers({
    walkers: WALKERS,
    frames: 1000,
    D_cm2_per_s: D(T),
    frameInterval_fs: 100 * (D(700) / D(T)),
    box_A: BOX,
    frameworkAtoms: 16,
    seed: 1621 + k,
  });
  return analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'] }), { temperature_K: T, window_ps: undefined });
});

test('Arrhenius of D* over three temperatures recovers Ea = 0.30 eV within 2σ', () => {
  const fit = trajectoryArrhenius(results);
  const e = fit.tracer.activationEnergy_eV;
  expect(Math.abs(e.value - Ea)).toBeLessThan(2 * e.stderr!);
  expect(e.stderr!).toBeLessThan(0.02);
  expect(fit.nernstEinstein).not.toBeNull();
});

test('crossLink: D*(MD) beside Dσ(DC) of a Nernst–Einstein conductivity with the same D gives H_R = 1 within its σ', () => {
  const n_per_cm3 = WALKERS / (BOX ** 3 * 1e-24);
  const temperature_K = [450, 500, 550, 600, 650, 700, 750];
  // σ = n e² D/(kB T) in S/cm: n in cm⁻³, D in cm²/s → (n·1e6)(e²)(D·1e-4)/(kB·T) S/m → /100
  const conductivity_S_per_cm = temperature_K.map((T) => (n_per_cm3 * 1e6 * 1.602176634e-19 ** 2 * D(T) * 1e-4) / (1.380649e-23 * T) / 100);
  const link = crossLink(
    { activationEnergy_eV: { value: 0.29, stderr: 0.01 } },
    { temperature_K, conductivity_S_per_cm, sigma_S_per_cm: conductivity_S_per_cm.map((s) => 0.02 * s), segments: 1 },
    {
      md: results,
      hopping: { numberDensity_per_cm3: n_per_cm3, jumpDistance_m: 2.5e-10 },
      // jump rates that give D_NMR = D: Γ = 6D/a²
      jumpRate: (T) => ({ value: (6 * D(T) * 1e-4) / 2.5e-10 ** 2, stderr: null }),
    },
  );
  expect(link.md).not.toBeNull();
  for (const a of link.md!.atTemperatures) {
    expect(Math.abs(a.havenRatio.value - 1)).toBeLessThan(2 * a.havenRatio.stderr!);
    expect(a.nmrDiffusion_m2_per_s!.value / (D(a.temperature_K) * 1e-4)).toBeCloseTo(1, 9);
  }
  expect(Math.abs(link.md!.tracerActivationEnergy_eV!.value - Ea)).toBeLessThan(2 * link.md!.tracerActivationEnergy_eV!.stderr!);
  const text = crossLinkReport(link);
  expect(text).toMatch(/Ea of D\* \(MD\)/);
  expect(text).toMatch(/H_R = D\*\(MD\)\/Dσ\(DC\)/);
  expect(trajectoryTransportReport(results[0])).toMatch(/D\*\s+= .* cm²\/s/);
});
