/**
 * The unit audit of the lab's value table: every value ± error it shows, for every result kind,
 * with the unit it is shown in — checked against units written here by hand from the physics. A
 * new field without an entry fails this test until someone has looked at its unit.
 */
import {
  analyzeRates,
  analyzeTrajectory,
  analyzeTransient,
  collectTrajectory,
  distributionOfRelaxationTimes,
  fitArrhenius,
  impedanceFrequencies_Hz,
  rateSeriesArrhenius,
  relaxationDistribution,
  RELAXLAB_RESULT_MIME,
  simulateImpedanceSpectrum,
  simulateWalkers,
} from '@relaxlab/core';
import { resultView } from '../src/payload';
import {
  bpp,
  circuitFit,
  crossLinkResult,
  flanksOf,
  jonscherFits,
  linewidths,
  narrowing,
  rateSeries,
  sigmaT,
} from '../../plots/test/results';
import { logSpaced } from '../../../test/support/random';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const BPP = [
  ['activationEnergy', 'eV'],
  ['tau0', 's'],
  ['log10tau0', 'log10(s)'], // log10 of τ0 in s: a number
  ['beta', ''],
  ['lowTemperatureFlank', 'eV'],
  ['ngaiCoupling', ''],
  ['datasets[].activationEnergy', 'eV'],
  ['datasets[].tau0', 's'],
  ['datasets[].beta', ''],
  ['datasets[].prefactor', 's⁻²'], // C in R = C·ΣJ(ω), J in s
  ['datasets[].flankAsymptotes_eV.low', 'eV'],
  ['datasets[].flankAsymptotes_eV.high', 'eV'],
  ['datasets[].peak.temperature', 'K'],
];
const SEGMENTED = [
  ['segments[].activationEnergy', 'eV'],
  ['segments[].log10Prefactor', ''],
  ['breakpoints[].temperature', 'K'],
  ['kinkTest.energyChange', 'eV'],
];
/** A rate flank's line: A of y = A·exp(∓Ea/kBT) is in the unit of the rates, also when the falling flank is fitted τ-like. */
const RATE_LINE = (at: string) => [
  [`${at}.activationEnergy`, 'eV'],
  [`${at}.log10Prefactor`, ''],
  [`${at}.prefactor`, 's⁻¹'],
];
const AUDIT: Record<string, string[][]> = {
  JointBppResult: BPP,
  RateAnalysis: [...RATE_LINE('arrhenius[].lines[].arrhenius'), ...BPP.map(([k, u]) => [`bpp.${k}`, u])],
  RateArrheniusResult: RATE_LINE('lines[].arrhenius'),
  RatePeakFlanks: [...RATE_LINE('lowTemperature.arrhenius'), ...RATE_LINE('highTemperature.arrhenius')],
  SegmentedArrheniusResult: SEGMENTED,
  'ArrheniusResult (τ in s)': [
    ['activationEnergy', 'eV'],
    ['log10Prefactor', ''],
    ['prefactor', 's'],
  ],
  'ArrheniusResult (D in m²/s)': [
    ['activationEnergy', 'eV'],
    ['log10Prefactor', ''],
    ['prefactor', 'm²/s'],
  ],
  LineNarrowingResult: [
    ['activationEnergy', 'eV'],
    ['tau0', 's'],
    ['log10tau0', 'log10(s)'],
    ['rigidLatticeWidth', 'Hz'],
    ['narrowedWidth', 'Hz'],
    ['hendricksonBrayB', 'Hz'],
    ['inflection.temperature', 'K'],
    ['inflection.jumpRate', 's⁻¹'],
    ['onset.temperature', 'K'],
    ['waughFedin.activationEnergy', 'eV'],
  ],
  CrossLinkResult: [
    ['regimes[].conductivity', 'eV'], // the σT regime's activation energy (conductivity_eV)
    ['regimes[].nmr', 'eV'],
    ['ngai.fromConductivityKink', ''],
    ['ngai.jonscherExponent', ''],
    ['ngai.kinkMinusJonscher', ''],
    ['ngai.fromNmrVsDc', ''],
    ...SEGMENTED.map(([k, u]) => [`conductivityArrhenius.${k}`, u]),
    ['hopping.numberDensity', 'cm⁻³'],
    ['hopping.jumpDistance', 'm'],
    ['atTemperatures[].jumpRate', 's⁻¹'],
    ['atTemperatures[].residenceJumpRate', 's⁻¹'],
    ['atTemperatures[].nmrDiffusion', 'm²/s'],
    ['atTemperatures[].predictedConductivity', 'S/cm'],
    ['atTemperatures[].measuredConductivity', 'S/cm'],
    ['atTemperatures[].conductivityDiffusion', 'm²/s'], // the issue: shown in s⁻¹ before
    ['atTemperatures[].havenRatio', ''],
  ],
  JonscherResult: [
    ['sigmaDC', 'S/cm'],
    ['crossoverFrequency', 'Hz'],
    ['exponent', ''],
  ],
  // the circuit's parameters carry their units themselves
  CircuitFitResult: [
    ['parameters.R0', 'Ohm'],
    ['parameters.R1', 'Ohm'],
    ['parameters.C1', 'F'],
  ],
  TrajectoryTransport: [
    ['D_tracer', 'cm²/s'], // from the MSD slope in Å²/ps: 1 Å²/ps = 1e-4 cm²/s
    ['D_sigma', 'cm²/s'],
    ['sigma_NE', 'S/cm'],
    ['sigma_collective', 'S/cm'],
    ['havenRatio', ''],
    ['jumpRate', 's⁻¹'],
    ['tracerFit.intercept', 'Å²'], // MSD(t → 0) of the fitted line
    ['collectiveFit.intercept', 'Å²'],
  ],
  // a peak's τ in s and its log10 in log10(s); widths in decades of τ and fractions of the total (numbers);
  // amplitudes in the signal's own units, which the transient does not name (shown without a unit)
  RelaxationDistribution: [
    ['amplitude', ''],
    ['log10tauMean', 'log10(s)'],
    ['log10Width', ''],
    ['peaks[].tau', 's'],
    ['peaks[].log10tau', 'log10(s)'],
    ['peaks[].log10Centroid', 'log10(s)'],
    ['peaks[].log10Width', ''],
    ['peaks[].fraction', ''],
    ['peaks[].amplitude', ''],
  ],
  DrtResult: [
    ['R_inf', 'Ω'],
    ['polarisation', 'Ω'],
    ['peaks[].tau', 's'],
    ['peaks[].log10tau', 'log10(s)'],
    ['peaks[].log10Centroid', 'log10(s)'],
    ['peaks[].log10Width', ''],
    ['peaks[].resistance', 'Ω'],
    ['peaks[].fraction', ''],
  ],
  // no Estimate outside its fits: the fit's parameters with their own units
  TransientAnalysis: [
    ['M_inf', 'a.u.'],
    ['T1', 's'],
    ['a', ''],
    ['gamma', ''],
  ],
};

function payloads(): Record<string, unknown> {
  const series = rateSeries();
  const T = [250, 275, 300, 325, 350];
  const delays = logSpaced(1e-3, 1, 12);
  return {
    JointBppResult: bpp(series),
    RateAnalysis: analyzeRates(series, { bpp: {} }),
    RateArrheniusResult: rateSeriesArrhenius(series[1]),
    RatePeakFlanks: flanksOf(series[1]),
    SegmentedArrheniusResult: sigmaT(),
    'ArrheniusResult (τ in s)': fitArrhenius({ temperature_K: T, value: T.map((t) => 1e-13 * Math.exp(3000 / t)), quantity: 'tau' }),
    'ArrheniusResult (D in m²/s)': fitArrhenius({
      temperature_K: T,
      value: T.map((t) => 1e-7 * Math.exp(-3000 / t)),
      quantity: 'diffusion',
    }),
    LineNarrowingResult: narrowing(linewidths()),
    CrossLinkResult: crossLinkResult(),
    TrajectoryTransport: trajectoryTransport(),
    JonscherResult: jonscherFits()[0],
    CircuitFitResult: circuitFit(),
    TransientAnalysis: analyzeTransient({
      experiment: 'T1-saturation',
      delay_s: delays,
      signal: delays.map((t, i) => 1 - Math.exp(-t / 0.05) + 0.002 * Math.sin(7 * i)),
    }),
    RelaxationDistribution: relaxationDistribution(
      { experiment: 'T1-saturation', delay_s: delays, signal: delays.map((t, i) => 1 - Math.exp(-t / 0.05) + 0.002 * Math.sin(7 * i)) },
      { replicates: 20, compare: false },
    ),
    DrtResult: distributionOfRelaxationTimes(
      simulateImpedanceSpectrum('R0-p(R1,C1)', { R0: 10, R1: 100, C1: 1e-6 }, impedanceFrequencies_Hz(1e6, 1, 5), { relativeNoise: 0.002 }),
      { replicates: 20 },
    ),
  };
}

/** An MD result with every optional quantity: σ (temperature), the jump rate, D* per direction. */
function trajectoryTransport() {
  const sim = simulateWalkers({ walkers: 8, frames: 60, D_cm2_per_s: 1e-5, frameInterval_fs: 100, box_A: 10, frameworkAtoms: 4, seed: 5 });
  return analyzeTrajectory(collectTrajectory(sim.header, sim.frames, { species: ['Li'] }), {
    temperature_K: 600,
    jumpLength_A: 2.5,
    perDimension: true,
  });
}

test.each(Object.entries(payloads()))(
  '%s: every value the table shows has the unit of the audit, and no value is left unaudited',
  (kind, result) => {
    const rows = resultView({ [RELAXLAB_RESULT_MIME]: json(result) }).rows;
    const shown = new Map(rows.map((r) => [r.name.replace(/\[[^\]]*\]/g, '[]'), r.unit]));
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(AUDIT[kind]));
  },
);
