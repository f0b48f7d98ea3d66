// Generates the SYNTHETIC raw half of the MIL-121 worked example (examples/mil121/transients/):
// one magnetisation transient per temperature and experiment of the electrolyte-soaked MOF —
// 7Li T1 saturation recovery at 116.6 MHz and T1rho spin-lock decay at 20 kHz — as small CSV files
// with `# key: value` metadata, the input of `relaxlab study examples/mil121`.
// The rates come from the same rate model as nmr/ (nmr/truth.json, soaked sample: asymmetric BPP,
// Ea = 0.2857 eV, β = 1.7, τ0 = 1e-13 s, C = 1e10 s⁻², T² background on R1); each transient is
// then drawn around its rate with 1 % Gaussian noise. Run after building the packages:
//   npx tsc -b packages/core && node examples/mil121/generate-transients.mjs
// Deterministic: the same seed always writes the same files.
import { createRequire } from 'module';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const core = require('../../packages/core/dist/index.js');
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'transients');
const truth = JSON.parse(readFileSync(join(here, 'nmr', 'truth.json'), 'utf8'));
const SEED = 1211;

const rates = truth.rates;
const soaked = {
  spectralDensity: rates.spectralDensity,
  convention: rates.convention,
  activationEnergy_eV: rates.soaked.activationEnergy_eV,
  tau0_s: rates.tau0_s,
  beta: rates.beta,
  prefactor_per_s2: rates.prefactor_per_s2,
};
const background = { ...rates.background_R1_only, model: rates.background_R1_only.model };
const LARMOR_MHz = 116.6;
const SPINLOCK_kHz = 20;
// the temperature ranges of nmr/ (soaked), 14 temperatures each, evenly spaced in 1/T
const EXPERIMENTS = [
  {
    experiment: 'T1-saturation',
    rate: 'R1',
    file: 't1-satrec',
    range_K: [160, 420],
    model: { ...soaked, background },
    delayUnit: ['s', 1],
  },
  {
    experiment: 'T1rho-spinlock',
    rate: 'R1rho',
    file: 't1rho-spinlock',
    range_K: [110, 400],
    model: soaked,
    delayUnit: ['ms', 1e-3],
  },
];
const TEMPERATURES = 14;
// 16 delays log-spaced from T/30 to 5T, as an experimenter sets them around the expected time constant
const DELAYS = 16;
const FIRST_DELAY = 1 / 30;
const LAST_DELAY = 5;
const NOISE = 0.01; // of the full signal
// equilibrium magnetisation follows Curie's law, M ∝ 1/T (arbitrary units: 1000 at 300 K)
const curie = (T) => (1000 * 300) / T;

const random = core.mulberry32(SEED);
const fmt = (v, digits = 6) => Number(v.toPrecision(digits)).toString();

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f.endsWith('.csv')) rmSync(join(out, f));
const written = [];
for (const e of EXPERIMENTS) {
  const frequencies = { experiment: e.rate, larmor_MHz: LARMOR_MHz, spinlock_kHz: e.rate === 'R1rho' ? SPINLOCK_kHz : undefined };
  for (const grid of core.inverseTemperatureGrid_K(e.range_K[0], e.range_K[1], TEMPERATURES)) {
    const T = Number(grid.toFixed(1));
    const time_s = 1 / core.relaxationRate_per_s(frequencies, T, e.model);
    const M = curie(T);
    const sigma = NOISE * M;
    const rows = [];
    for (let i = 0; i < DELAYS; i++) {
      const t = time_s * FIRST_DELAY * Math.pow(LAST_DELAY / FIRST_DELAY, i / (DELAYS - 1));
      const ideal = e.rate === 'R1' ? M * (1 - Math.exp(-t / time_s)) : M * Math.exp(-t / time_s);
      rows.push(`${fmt(t / e.delayUnit[1])}, ${fmt(ideal + sigma * core.gaussian(random))}, ${fmt(sigma, 3)}`);
    }
    const name = `${e.file}-${T.toFixed(1)}K.csv`;
    const meta = [
      `experiment: ${e.experiment}`,
      'nucleus: 7Li',
      `larmor_MHz: ${LARMOR_MHz}`,
      ...(e.rate === 'R1rho' ? [`spinlock_kHz: ${SPINLOCK_kHz}`] : []),
      `temperature_K: ${T.toFixed(1)}`,
      `sample: MIL-121 soaked (SYNTHETIC, examples/mil121/generate-transients.mjs, seed ${SEED})`,
    ];
    writeFileSync(
      join(out, name),
      `${meta.map((m) => `# ${m}`).join('\n')}\ndelay (${e.delayUnit[0]}), signal, sigma\n${rows.join('\n')}\n`,
    );
    written.push(name);
  }
}
console.log(`wrote ${written.length} transients to ${out}`);
