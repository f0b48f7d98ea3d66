// Generates the SYNTHETIC raw-data half of the MIL-121 worked example (examples/mil121/raw/):
// - vt-7Li-T1/: a Bruker TopSpin variable-temperature series, one pseudo-2D saturation-recovery
//   experiment per temperature (acqus with TE, acqu2s, pulseprogram, vdlist, ser), whose 7Li
//   recoveries follow the R1 of the soaked MOF in nmr/truth.json;
// - li-isotherms.txt: a Novocontrol WinDETA ASCII export of the Li-soaked pellet at four
//   temperatures, with σ′(ν) following Jonscher's law (p = 0.66) above the electrode polarisation.
// What is published and what is assumed: raw/README.md. Run after building the packages:
//   npx tsc -b packages/core && node examples/mil121/generate-raw.mjs
// Deterministic: the same seeds always write the same files.
import { createRequire } from 'module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const core = require('../../packages/core/dist/index.js');
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'raw');
const truth = JSON.parse(readFileSync(join(here, 'nmr', 'truth.json'), 'utf8')).rates;

// ---------------------------------------------------------------- the VT series
const LARMOR_MHz = 116.6;
const BF1_MHz = 116.64;
const SW_Hz = 20000;
const TD = 512; // words: 256 complex points, 12.8 ms of FID
const GRPDLY = 68;
const LINE_ppm = 0; // the 7Li line of the electrolyte-soaked MOF, 150 Hz wide
const LINEWIDTH_Hz = 150;
const AMPLITUDE = 2e6;
const NOISE = 2e4; // 1 % of the amplitude per FID point
const TEMPERATURES_K = core.inverseTemperatureGrid_K(200, 320, 7);
const DELAYS = 10;

const model = {
  spectralDensity: truth.spectralDensity,
  convention: truth.convention,
  activationEnergy_eV: truth.soaked.activationEnergy_eV,
  tau0_s: truth.tau0_s,
  beta: truth.beta,
  prefactor_per_s2: truth.prefactor_per_s2,
  background: truth.background_R1_only,
};

const param = (records) =>
  [
    '##TITLE= Parameter file, TopSpin 4.1 (SYNTHETIC, examples/mil121/generate-raw.mjs)',
    '##JCAMPDX= 5.0',
    ...Object.entries(records).map(([k, v]) => `##$${k}= ${v}`),
    '##END=',
    '',
  ].join('\n');

/** Delays a user would choose for T1: log-spaced from T1/30 to 5·T1, rounded to 3 digits, in ms. */
function vdlist(t1_s) {
  return Array.from({ length: DELAYS }, (_, i) => Number(((t1_s / 30) * Math.pow(150, i / (DELAYS - 1)) * 1e3).toPrecision(3)));
}

rmSync(out, { recursive: true, force: true });
const vtDir = join(out, 'vt-7Li-T1');
const random = core.mulberry32(1210);
const rows = [];
TEMPERATURES_K.forEach((temperature_K, k) => {
  const rate = core.relaxationRate_per_s({ experiment: 'R1', larmor_MHz: LARMOR_MHz }, temperature_K, model);
  const delays_ms = vdlist(1 / rate);
  const dir = join(vtDir, String(10 + k));
  mkdirSync(dir, { recursive: true });
  const sfo1 = BF1_MHz + 0.0005;
  writeFileSync(
    join(dir, 'acqus'),
    param({
      BF1: BF1_MHz,
      BYTORDA: 0,
      DATE: 1700000000 + 3600 * k,
      DTYPA: 0,
      GRPDLY,
      NS: 8,
      NUC1: '<7Li>',
      PULPROG: '<satrect1>',
      SFO1: sfo1,
      SW_h: SW_Hz,
      TD,
      TD_INDIRECT: `(0..7)\n0 ${DELAYS} 0 0 0 0 0 0`,
      TE: temperature_K.toFixed(1),
    }),
  );
  writeFileSync(join(dir, 'acqu2s'), param({ TD: DELAYS, PULPROG: '<satrect1>' }));
  writeFileSync(
    join(dir, 'pulseprogram'),
    ';satrect1 (synthetic): saturation comb, variable delay vd, 90° pulse\n1 ze\n2 d1\n  10u pl1:f1\n  vd\n  p1 ph1\n  go=2 ph31\n  d1 wr #0 if #0 ivd\n  lo to 2 times td1\nexit\n',
  );
  writeFileSync(join(dir, 'vdlist'), delays_ms.map((d) => `${d}m`).join('\n'));
  // one Lorentzian line per FID, e^{+2πiνt} for a line ν above SFO1 (io processing/fidToSpectrum.ts)
  const nu = LINE_ppm * BF1_MHz - (sfo1 - BF1_MHz) * 1e6;
  const buffer = Buffer.alloc(DELAYS * TD * 4);
  delays_ms.forEach((d, r) => {
    const a = AMPLITUDE * (1 - Math.exp(-(d * 1e-3) * rate));
    for (let j = 0; j < TD / 2; j++) {
      const t = (j - GRPDLY) / SW_Hz;
      const s = t >= 0 ? a * Math.exp(-Math.PI * LINEWIDTH_Hz * t) : 0;
      buffer.writeInt32LE(Math.round(s * Math.cos(2 * Math.PI * nu * t) + NOISE * core.gaussian(random)), 4 * (r * TD + 2 * j));
      buffer.writeInt32LE(Math.round(s * Math.sin(2 * Math.PI * nu * t) + NOISE * core.gaussian(random)), 4 * (r * TD + 2 * j + 1));
    }
  });
  writeFileSync(join(dir, 'ser'), buffer);
  rows.push(
    `${10 + k}: TE = ${temperature_K.toFixed(1)} K, R1 = ${rate.toPrecision(4)} 1/s, delays ${delays_ms[0]}–${delays_ms[DELAYS - 1]} ms`,
  );
});

// ---------------------------------------------------------------- the isotherms
// σT of the Li-soaked MOF in regime II (conductivity/README.md): σ(323 K) = 1e-4 S/cm, Ea = 0.28 eV
const kB = core.BOLTZMANN_eV_per_K;
const sigmaDC = (T) => (1e-4 * 323 * Math.exp(-(0.28 / kB) * (1 / T - 1 / 323))) / T;
const P = 0.66; // published Jonscher exponent (Zettl et al. 2021)
const CROSSOVER_PER_SIGMA = 1e8; // ν_c = 1e8 Hz·cm/S × σDC: ν_c ∝ σDC (Summerfield scaling), assumed
const EPS_INF = 12;
const ELECTRODE = { Q: 1e-5, n: 0.8 }; // blocking electrodes, F·s^(n−1)
const thickness_cm = 0.1;
const diameter_cm = 0.5;
const area_cm2 = (Math.PI * diameter_cm * diameter_cm) / 4;
const EPS0_F_per_cm = 8.8541878128e-14;
const C0 = (EPS0_F_per_cm * area_cm2) / thickness_cm;
const noise = core.mulberry32(1211);
const cmul = (a, b) => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cinv = (a) => {
  const d = a[0] * a[0] + a[1] * a[1];
  return [a[0] / d, -a[1] / d];
};
const jPow = (w, n) => [Math.pow(w, n) * Math.cos((n * Math.PI) / 2), Math.pow(w, n) * Math.sin((n * Math.PI) / 2)];
const fmt = (v) => {
  const [m, e] = v.toExponential(5).split('e');
  const n = Number(e);
  return `${m}E${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
};
const frequencies = Array.from({ length: 36 }, (_, i) => 1e7 * Math.pow(10, -i / 5));
const lines = [
  'Novocontrol WinDETA ASCII export',
  'Sample: MIL-121 soaked with a Li+ electrolyte, pellet between blocking electrodes (SYNTHETIC: examples/mil121/generate-raw.mjs)',
  `Thickness [mm]: ${(thickness_cm * 10).toFixed(3)}`,
  `Diameter [mm]: ${(diameter_cm * 10).toFixed(3)}`,
  '',
  ['Freq. [Hz]', 'Temp. [°C]', "Eps'", "Eps''", "Sig' [S/cm]", "Zs' [Ohm]", "Zs'' [Ohm]"].join('\t'),
];
[40, 60, 80, 100].forEach((celsius, b) => {
  if (b > 0) lines.push('');
  const T = celsius + 273.15;
  const s = sigmaDC(T);
  // bulk: σ*(ω) = σDC[1 + (jω/ωc)^p] + jωε0ε∞, whose real part is Jonscher's σDC[1 + (ν/νc′)^p]
  // with νc′ = νc·cos(pπ/2)^(−1/p)
  const wc = 2 * Math.PI * CROSSOVER_PER_SIGMA * s;
  frequencies.forEach((f) => {
    const w = 2 * Math.PI * f;
    const disp = jPow(w / wc, P);
    const sigmaStar = [s * (1 + disp[0]), s * disp[1] + w * EPS0_F_per_cm * EPS_INF];
    const yBulk = [(sigmaStar[0] * area_cm2) / thickness_cm, (sigmaStar[1] * area_cm2) / thickness_cm];
    const zElectrode = cinv(cmul([ELECTRODE.Q, 0], jPow(w, ELECTRODE.n)));
    let z = cinv(yBulk);
    z = [z[0] + zElectrode[0], z[1] + zElectrode[1]];
    const m = Math.hypot(z[0], z[1]);
    z = [z[0] + 0.005 * m * core.gaussian(noise), z[1] + 0.005 * m * core.gaussian(noise)];
    const y = cinv(z);
    const sigmaReal = (thickness_cm / area_cm2) * y[0];
    lines.push([fmt(f), celsius.toFixed(3), fmt(y[1] / (w * C0)), fmt(y[0] / (w * C0)), fmt(sigmaReal), fmt(z[0]), fmt(z[1])].join('\t'));
  });
  rows.push(
    `isotherm ${celsius} °C: σDC = ${s.toPrecision(4)} S/cm, νc′ = ${((CROSSOVER_PER_SIGMA * s) / Math.pow(Math.cos((P * Math.PI) / 2), 1 / P)).toPrecision(4)} Hz`,
  );
});
writeFileSync(join(out, 'li-isotherms.txt'), lines.join('\r\n') + '\r\n');
writeFileSync(
  join(out, 'truth.txt'),
  ['SYNTHETIC: the values the raw files were made from (examples/mil121/generate-raw.mjs)', ...rows, ''].join('\n'),
);
console.log(rows.join('\n'));
