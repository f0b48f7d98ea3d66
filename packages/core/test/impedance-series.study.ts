/**
 * `npm run study:impedance` — how often issue 13's literal criteria hold on the VT series of
 * impedanceScenarios.ts over many noise draws: the bulk identified at every temperature, σ_bulk
 * within 3 % at every temperature, every block's Ea within 0.02 eV; and whether the reported
 * uncertainties are honest (z = (σ − σ_true)/stderr, mean 0 and sd 1 if so). For independent fits
 * and a global fit sharing the CPE exponents, at 10 and 20 frequencies per decade. Not part of
 * `npm test`: it prints a table. STUDY_DRAWS (default 40) and STUDY_CASES (row numbers) select.
 */
import { analyzeImpedanceSeries, impedanceFrequencies_Hz } from '@relaxlab/core';
import {
  bulkConductivity_S_per_cm,
  hiddenBulkScenario,
  scenarioCircuit,
  scenarioSpectra,
  SeriesScenario,
  separatedArcsScenario,
  sharedExponents,
  threeBlockScenario,
} from './impedanceScenarios';

const DRAWS = Number(process.env.STUDY_DRAWS ?? 40);

const CASES: Array<{ name: string; scenario: SeriesScenario; shared: boolean }> = [
  {
    name: 'hidden shoulder, 10/decade',
    scenario: hiddenBulkScenario({ frequencies_Hz: impedanceFrequencies_Hz(1e6, 10, 10) }),
    shared: false,
  },
  {
    name: 'hidden shoulder, 10/decade',
    scenario: hiddenBulkScenario({ frequencies_Hz: impedanceFrequencies_Hz(1e6, 10, 10) }),
    shared: true,
  },
  { name: 'hidden shoulder, 20/decade', scenario: hiddenBulkScenario(), shared: false },
  { name: 'hidden shoulder, 20/decade', scenario: hiddenBulkScenario(), shared: true },
  { name: 'arcs apart, 20/decade', scenario: separatedArcsScenario(), shared: false },
  { name: 'three blocks, 20/decade', scenario: threeBlockScenario(), shared: true },
];
const ONLY = process.env.STUDY_CASES?.split(',').map(Number);

test(`VT series: literal criteria over ${DRAWS} draws`, () => {
  const rows: string[] = [];
  CASES.forEach(({ name, scenario, shared }, c) => {
    if (ONLY && !ONLY.includes(c)) return;
    const blocks = scenario.blocks.length;
    let identified = 0;
    let sigmaAll = 0;
    let sigmaPoints = 0;
    let eaAll = 0;
    let all = 0;
    const z: number[] = [];
    for (let seed = 1; seed <= DRAWS; seed++) {
      const spectra = scenarioSpectra(scenario, 5000 + seed);
      const a = analyzeImpedanceSeries(spectra, scenarioCircuit(blocks), { segments: 1, shared: shared ? sharedExponents(blocks) : [] });
      const id = a.points.every((p) => p.resistance === 'R1');
      const truth = scenario.temperatures_K.map((T) => bulkConductivity_S_per_cm(scenario, T));
      const errors = a.points.map((p, k) => p.sigma_S_per_cm!.value / truth[k] - 1);
      a.points.forEach((p, k) => z.push((p.sigma_S_per_cm!.value - truth[k]) / (p.sigma_S_per_cm!.stderr as number)));
      const within = errors.filter((e) => Math.abs(e) < 0.03).length;
      const eaOk =
        Math.abs(a.arrhenius!.segments[0].activationEnergy_eV.value - scenario.blocks[0].activationEnergy_eV) < 0.02 &&
        scenario.blocks.every(
          (b, k) =>
            Math.abs(a.blocks.find((s) => s.resistor === `R${k + 1}`)!.arrhenius!.activationEnergy_eV.value - b.activationEnergy_eV) < 0.02,
        );
      identified += id ? 1 : 0;
      sigmaPoints += within;
      sigmaAll += within === errors.length ? 1 : 0;
      eaAll += eaOk ? 1 : 0;
      all += id && within === errors.length && eaOk ? 1 : 0;
    }
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1));
    rows.push(
      `${name.padEnd(27)} ${(shared ? 'global, n shared' : 'independent').padEnd(17)} ${`${identified}/${DRAWS}`.padEnd(8)} ` +
        `${`${sigmaPoints}/${DRAWS * scenario.temperatures_K.length}`.padEnd(11)} ${`${sigmaAll}/${DRAWS}`.padEnd(11)} ${`${eaAll}/${DRAWS}`.padEnd(10)} ${`${all}/${DRAWS}`.padEnd(9)} ${mean.toFixed(2)} / ${sd.toFixed(2)}`,
    );
  });
  console.log(
    [
      `VT series, 7 temperatures, 1 % noise, ${DRAWS} draws each (seeds 5001…)`,
      'scenario                    fits              bulk id  σ±3 % pts  σ±3 % all  every Ea  all      z mean / sd',
      ...rows,
    ].join('\n'),
  );
});
