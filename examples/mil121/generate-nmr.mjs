// Generates the SYNTHETIC 7Li NMR half of the MIL-121 worked example (examples/mil121/nmr/):
// R1 (116.6 MHz) and R1rho (20 kHz) rate peaks of the dry and the electrolyte-soaked MOF, and
// static 7Li line widths. The numbers the data are built from, and which of them are published
// and which assumed, are in nmr/README.md. Run after building the packages:
//   npx tsc -b packages/core && node examples/mil121/generate-nmr.mjs
// Deterministic: the same seed always writes the same files.
import { createRequire } from 'module';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const core = require('../../packages/core/dist/index.js');
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'nmr');
const SEED = 121;

// published (Zettl et al., Adv. Energy Mater. 2021): low-T flank activation energies of the 7Li
// rate peaks, 0.44 eV (dry) and 0.20 eV (soaked); rigid-lattice width 5.0 kHz; narrowing onset ≈ 120 °C
const FLANK_eV = { dry: 0.44, soaked: 0.2 };
const RIGID_LATTICE_Hz = 5000;
const ONSET_K = 120 + 273.15;
// assumed: asymmetric BPP with β = 1.7 (Ngai n = 2 − β = 0.3, the NMR-vs-DC coupling of the study),
// so the full Ea = flank/(β − 1); τ0, prefactors, background, grids and noise as below
const BETA = 1.7;
const TAU0_s = 1e-13;
const PREFACTOR_per_s2 = 1e10;
const BACKGROUND = { model: 'power-law', amplitude_per_s: 0.005, exponent: 2, referenceTemperature_K: 300 };
const NOISE = 0.05;
const GRIDS_K = {
  dry: { R1: [250, 460], R1rho: [250, 460] },
  soaked: { R1: [160, 420], R1rho: [110, 400] },
};
const NARROWED_Hz = 500;
const WIDTH_NOISE_Hz = 50;

const random = core.mulberry32(SEED);
mkdirSync(out, { recursive: true });

function model(sample, background) {
  return {
    spectralDensity: 'asymmetric-bpp',
    convention: 'full',
    activationEnergy_eV: FLANK_eV[sample] / (BETA - 1),
    tau0_s: TAU0_s,
    beta: BETA,
    prefactor_per_s2: PREFACTOR_per_s2,
    ...(background && { background: BACKGROUND }),
  };
}

const fmt = (v, digits = 5) => Number(v.toPrecision(digits)).toString();
const header = (lines) => lines.map((l) => `# ${l}`).join('\n');
const written = [];

for (const sample of ['dry', 'soaked']) {
  // R1: temperatures in K, rates in 1/s; the T² background acts on T1 only
  const [lo1, hi1] = GRIDS_K[sample].R1;
  const r1 = core.simulateRateSeries({
    experiment: 'R1',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    temperature_K: core.inverseTemperatureGrid_K(lo1, hi1, 22),
    model: model(sample, true),
    relativeNoise: NOISE,
    random,
  });
  const r1File = `li-${sample}-R1.csv`;
  writeFileSync(
    join(out, r1File),
    `${header(['experiment: R1', 'nucleus: 7Li', 'larmor_MHz: 116.6', `sample: MIL-121 ${sample} (SYNTHETIC, examples/mil121/generate-nmr.mjs, seed ${SEED})`])}\n` +
      'T (K), R1 (1/s), sigma (1/s)\n' +
      r1.points.map((p) => `${fmt(p.temperature_K, 6)}, ${fmt(p.rate_per_s)}, ${fmt(p.sigma, 3)}`).join('\n') +
      '\n',
  );
  // R1rho: written as T1rho in ms against T in °C, the way spectrometer logs often have it
  const [lo2, hi2] = GRIDS_K[sample].R1rho;
  const r1rho = core.simulateRateSeries({
    experiment: 'R1rho',
    nucleus: '7Li',
    larmor_MHz: 116.6,
    spinlock_kHz: 20,
    temperature_K: core.inverseTemperatureGrid_K(lo2, hi2, 22),
    model: model(sample, false),
    relativeNoise: NOISE,
    random,
  });
  const rhoFile = `li-${sample}-R1rho.csv`;
  writeFileSync(
    join(out, rhoFile),
    `${header(['experiment: R1rho', 'nucleus: 7Li', 'larmor_MHz: 116.6', 'spinlock_kHz: 20', `sample: MIL-121 ${sample} (SYNTHETIC, examples/mil121/generate-nmr.mjs, seed ${SEED})`])}\n` +
      'T (°C), T1rho (ms), sigma (ms)\n' +
      r1rho.points
        .map((p) => {
          const t1rho_ms = 1000 / p.rate_per_s;
          return `${fmt(p.temperature_K - 273.15, 6)}, ${fmt(t1rho_ms)}, ${fmt((t1rho_ms * p.sigma) / p.rate_per_s, 3)}`;
        })
        .join('\n') +
      '\n',
  );
  written.push(r1File, rhoFile);
}

// line widths (Hendrickson–Bray) of the dry sample: τ0 set so that the width has fallen by 10 % of
// W − D at 120 °C, i.e. τc⁻¹(T_onset) = 2πW·(0.1/0.9)
const eaDry = FLANK_eV.dry / (BETA - 1);
const tau0Width = Math.exp(-eaDry / (core.BOLTZMANN_eV_per_K * ONSET_K)) / ((2 * Math.PI * RIGID_LATTICE_Hz) / 9);
const widthRows = [];
for (let tC = -20; tC <= 240; tC += 10) {
  const w = core.lineWidth_Hz('hendrickson-bray', tC + 273.15, {
    activationEnergy_eV: eaDry,
    tau0_s: tau0Width,
    rigidLatticeWidth_Hz: RIGID_LATTICE_Hz,
    narrowedWidth_Hz: NARROWED_Hz,
  });
  widthRows.push(`${tC}, ${fmt((w + WIDTH_NOISE_Hz * core.gaussian(random)) / 1000, 4)}, ${fmt(WIDTH_NOISE_Hz / 1000, 2)}`);
}
writeFileSync(
  join(out, 'li-linewidth.csv'),
  `${header(['nucleus: 7Li', 'larmor_MHz: 116.6', `sample: MIL-121 dry, static 7Li line width (SYNTHETIC, examples/mil121/generate-nmr.mjs, seed ${SEED})`])}\n` +
    'T (°C), linewidth (kHz), sigma (kHz)\n' +
    widthRows.join('\n') +
    '\n',
);
written.push('li-linewidth.csv');

const truth = {
  note: 'SYNTHETIC data: the parameters they were generated with (see README.md)',
  seed: SEED,
  rates: {
    spectralDensity: 'asymmetric-bpp',
    convention: 'full',
    beta: BETA,
    tau0_s: TAU0_s,
    prefactor_per_s2: PREFACTOR_per_s2,
    background_R1_only: BACKGROUND,
    relativeNoise: NOISE,
    dry: { lowTemperatureFlank_eV: FLANK_eV.dry, activationEnergy_eV: FLANK_eV.dry / (BETA - 1) },
    soaked: { lowTemperatureFlank_eV: FLANK_eV.soaked, activationEnergy_eV: FLANK_eV.soaked / (BETA - 1) },
  },
  linewidth: {
    model: 'hendrickson-bray',
    activationEnergy_eV: eaDry,
    tau0_s: tau0Width,
    rigidLatticeWidth_Hz: RIGID_LATTICE_Hz,
    narrowedWidth_Hz: NARROWED_Hz,
    onset_K: ONSET_K,
    onsetFraction: 0.1,
    noise_Hz: WIDTH_NOISE_Hz,
  },
};
writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
console.log(`wrote ${[...written, 'truth.json'].map((f) => `nmr/${f}`).join(', ')}`);
