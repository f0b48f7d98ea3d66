#!/usr/bin/env node
/**
 * Writes the SYNTHETIC σT data of the MIL-121 worked example (examples/mil121/conductivity/):
 * Li- and Na-soaked MIL-121, log10(σT) a continuous broken line in 1/T with the published
 * activation energies (Zettl et al., Adv. Energy Mater. 2021: Li 1.01 → 0.28 eV, Na 1.23 → 0.36 eV)
 * and ASSUMED kink temperature (323 K), conductivity level and noise (see conductivity/README.md).
 * It also writes the inputs of `relaxlab crosslink` for the Li sample: li-conductivity.json (σDC =
 * σT/T from li-sigmaT.csv and the published Jonscher p = 0.66) and li-nmr.json (SYNTHETIC 7Li jump
 * rates τc⁻¹ = τ0⁻¹·exp(−0.20 eV/kBT) with the published 0.20 eV, an assumed τ0 = 1e-13 s and 2 %
 * noise, the energy taken from an Arrhenius fit of those rates, and an assumed hopping geometry).
 * Seeded: running it again writes byte-identical files.
 *
 *   npx tsc -b packages/core && node examples/mil121/generate-conductivity.mjs
 */
import { createRequire } from 'module';
import { writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const core = require('../../packages/core/dist/index.js');
const { BOLTZMANN_eV_per_K: kB, mulberry32, gaussian, ZERO_CELSIUS_K, fitArrhenius, numberDensityFromConcentration_per_cm3 } = core;

const here = dirname(fileURLToPath(import.meta.url));

/** Relative standard deviation of σT (typical scatter of σDC read from impedance arcs). */
const REL_NOISE = 0.03;

const SAMPLES = [
  {
    file: 'li-sigmaT.csv',
    sample: 'MIL-121 soaked with a Li+ electrolyte',
    ion: 'Li+',
    ea_eV: [1.01, 0.28], // published: regime I (low T), regime II (high T)
    kink_K: 323, // assumed
    sigmaAtKink_S_per_cm: 1.0e-4, // assumed
    seed: 121,
    celsius: false,
  },
  {
    file: 'na-sigmaT.csv',
    sample: 'MIL-121 soaked with a Na+ electrolyte',
    ion: 'Na+',
    ea_eV: [1.23, 0.36],
    kink_K: 323,
    sigmaAtKink_S_per_cm: 3.0e-5,
    seed: 122,
    celsius: true, // written in °C to exercise the reader's unit conversion
  },
];

/** log10(σT) of the continuous broken line: Ea(I) below the kink, Ea(II) above, level fixed at the kink. */
function log10SigmaT(T, s) {
  const ea = T <= s.kink_K ? s.ea_eV[0] : s.ea_eV[1];
  return Math.log10(s.sigmaAtKink_S_per_cm * s.kink_K) - (ea * (1 / T - 1 / s.kink_K)) / (kB * Math.LN10);
}

const fmt = (v) => v.toPrecision(6);

const written = {};
for (const s of SAMPLES) {
  const rand = mulberry32(s.seed);
  const lines = [
    `# sample: ${s.sample} (SYNTHETIC data, not measured; see README.md)`,
    '# quantity: sigmaT',
    `# ion: ${s.ion}`,
    '# synthetic: true',
    `# generator: examples/mil121/generate-conductivity.mjs (mulberry32 seed ${s.seed}, ${REL_NOISE * 100} % Gaussian relative noise)`,
    `# truth: Ea(I) = ${s.ea_eV[0]} eV below ${s.kink_K} K, Ea(II) = ${s.ea_eV[1]} eV above (published energies; kink temperature and level assumed)`,
    `${s.celsius ? 'T (°C)' : 'T (K)'}, sigma_T (S K/cm), sigma_T_err (S K/cm)`,
  ];
  // −40 °C … 120 °C in 5 K steps
  for (let i = 0; i <= 32; i++) {
    const T = 233.15 + 5 * i;
    const value = Math.pow(10, log10SigmaT(T, s)) * (1 + REL_NOISE * gaussian(rand));
    const t = s.celsius ? (T - ZERO_CELSIUS_K).toFixed(2) : T.toFixed(2);
    lines.push(`${t}, ${fmt(value)}, ${fmt(REL_NOISE * value)}`);
    (written[s.file] ??= []).push({ T, sigmaT: Number(fmt(value)) });
  }
  writeFileSync(join(here, 'conductivity', s.file), `${lines.join('\n')}\n`);
  process.stdout.write(`wrote conductivity/${s.file}\n`);
}

const json = (file, value) => {
  writeFileSync(join(here, 'conductivity', file), `${JSON.stringify(value, null, 2)}\n`);
  process.stdout.write(`wrote conductivity/${file}\n`);
};
// σDC as the impedance analysis would hand it over; T as written in the CSV (2 decimals)
const li = written['li-sigmaT.csv'];
json('li-conductivity.json', {
  label: 'sigma_DC, MIL-121/Li (synthetic)',
  temperature_K: li.map((p) => Number(p.T.toFixed(2))),
  conductivity_S_per_cm: li.map((p) => Number((p.sigmaT / Number(p.T.toFixed(2))).toPrecision(6))),
  sigma_S_per_cm: li.map((p) => Number(((REL_NOISE * p.sigmaT) / Number(p.T.toFixed(2))).toPrecision(6))),
  jonscherExponent: { value: 0.66, stderr: 0.02 },
});

// 7Li jump rates over 253–393 K (as a BPP fit's τc⁻¹(T) would give them); the 0.20 eV describes the
// high-T flank, stated as 323–393 K (assumed) so that it is compared with σT regime II
const NMR = { ea_eV: 0.2, tau0_s: 1e-13, relNoise: 0.02, seed: 7 };
const rand = mulberry32(NMR.seed);
const nmrT = Array.from({ length: 29 }, (_, i) => 253 + 5 * i);
const rates = nmrT.map((T) =>
  Number(((Math.exp(-NMR.ea_eV / (kB * T)) / NMR.tau0_s) * (1 + NMR.relNoise * gaussian(rand))).toPrecision(6)),
);
const nmrFit = fitArrhenius({ temperature_K: nmrT, value: rates, sigma: rates.map((r) => NMR.relNoise * r), quantity: 'rate' });
const round = (e) => ({ value: Number(e.value.toPrecision(6)), stderr: Number(e.stderr.toPrecision(3)) });
json('li-nmr.json', {
  label: '7Li jump rates, MIL-121/Li (synthetic)',
  activationEnergy_eV: round(nmrFit.activationEnergy_eV),
  temperatureRange_K: [323, 393],
  jumpRates: { temperature_K: nmrT, jumpRate_per_s: rates, stderr_per_s: rates.map((r) => Number((NMR.relNoise * r).toPrecision(3))) },
  jumpRateKind: 'correlation',
  residencePerCorrelation: 1,
  hopping: {
    // ASSUMED: 1 mol/L of Li+ (±20 %), 3.0 ± 0.3 Å jumps, 3D
    numberDensity_per_cm3: round({
      value: numberDensityFromConcentration_per_cm3(1).value,
      stderr: 0.2 * numberDensityFromConcentration_per_cm3(1).value,
    }),
    jumpDistance_m: { value: 3.0e-10, stderr: 0.3e-10 },
    dimensionality: 3,
    chargeNumber: 1,
  },
});
