/**
 * `npm run study:impedance` — how often issue 13's literal criteria hold on the hidden-shoulder
 * VT series, over many noise draws: the bulk identified at every temperature, σ_bulk within 3 %
 * at every temperature, bulk and grain-boundary Ea within 0.02 eV; and whether the reported
 * uncertainties are honest (z = (σ − σ_true)/stderr). For each analysis (independent fits, and a
 * global fit sharing the CPE exponents) and frequency density. Not part of `npm test`: it prints.
 */
import { analyzeImpedanceSeries, impedanceFrequencies_Hz } from '@relaxlab/core';
import { bulkConductivity_S_per_cm, hiddenBulkScenario, scenarioCircuit, scenarioSpectra } from './impedanceScenarios';

const DRAWS = Number(process.env.STUDY_DRAWS ?? 40);

test(`hidden-shoulder series: literal criteria over ${DRAWS} draws`, () => {
  const rows: string[] = [];
  for (const perDecade of [10, 20]) {
    const scenario = hiddenBulkScenario({ frequencies_Hz: impedanceFrequencies_Hz(1e6, 10, perDecade) });
    for (const shared of [[], ['CPE1_n', 'CPE2_n', 'CPE3_n']]) {
      let identified = 0;
      let sigmaAll = 0;
      let sigmaPoints = 0;
      let eaBoth = 0;
      let all = 0;
      const z: number[] = [];
      for (let seed = 1; seed <= DRAWS; seed++) {
        const spectra = scenarioSpectra(scenario, 5000 + seed);
        const a = analyzeImpedanceSeries(spectra, scenarioCircuit(2), { segments: 1, shared });
        const id = a.points.every((p) => p.resistance === 'R1');
        const errors = a.points.map((p, k) => p.sigma_S_per_cm!.value / bulkConductivity_S_per_cm(scenario, scenario.temperatures_K[k]) - 1);
        a.points.forEach((p, k) => z.push((p.sigma_S_per_cm!.value - bulkConductivity_S_per_cm(scenario, scenario.temperatures_K[k])) / (p.sigma_S_per_cm!.stderr as number)));
        const within = errors.filter((e) => Math.abs(e) < 0.03).length;
        const eaBulk = a.arrhenius!.segments[0].activationEnergy_eV.value;
        const eaGb = a.blocks.find((b) => b.resistor === 'R2')!.arrhenius!.activationEnergy_eV.value;
        const ea = Math.abs(eaBulk - 0.55) < 0.02 && Math.abs(eaGb - 0.75) < 0.02;
        identified += id ? 1 : 0;
        sigmaPoints += within;
        sigmaAll += within === errors.length ? 1 : 0;
        eaBoth += ea ? 1 : 0;
        all += id && within === errors.length && ea ? 1 : 0;
      }
      const mean = z.reduce((s, v) => s + v, 0) / z.length;
      const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1));
      rows.push(
        `${String(perDecade).padEnd(9)} ${(shared.length ? 'global, n shared' : 'independent').padEnd(18)} ${`${identified}/${DRAWS}`.padEnd(11)} ` +
          `${`${sigmaPoints}/${DRAWS * scenario.temperatures_K.length}`.padEnd(12)} ${`${sigmaAll}/${DRAWS}`.padEnd(10)} ${`${eaBoth}/${DRAWS}`.padEnd(9)} ${`${all}/${DRAWS}`.padEnd(9)} ${mean.toFixed(2)} / ${sd.toFixed(2)}`,
      );
    }
  }
  console.log(
    [
      `hidden bulk shoulder, 7 temperatures, 1 % noise, ${DRAWS} draws each`,
      'per decade fits               bulk id     σ ±3 % pts   σ ±3 % all Ea ±0.02 all four  z mean / sd',
      ...rows,
    ].join('\n'),
  );
});
