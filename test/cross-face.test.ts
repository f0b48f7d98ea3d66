/**
 * One analysis layer, four faces: the same inputs through the notebook kernel, the `relaxlab`
 * commands, `relaxlab study` and the JupyterLab extension's own code (its pure functions: the file
 * viewer's bundle, the brush's source, initial lines and refit) give the same numbers, to 1e-12
 * relative, and the same warnings (issue 14), for
 *   A. a rate series with a peak (7Li R1, 116.6 MHz),
 *   B. one without a maximum in range (23Na R1),
 *   C. one with 4 points around its maximum (1H R1),
 *   D. a σT table with a kink (the MIL-121 Li electrolyte, as σ in S/cm),
 *   E. a joint BPP fit (7Li R1 with 7Li R1ρ at 20 kHz).
 * The study and the kernel start from the same synthetic transients (one CSV per temperature); the
 * CLI and the extension read the rates the kernel made from them, written to tables with every
 * digit. The CLI is its main() run in this process (test/support/cli.ts), as the other CLI tests run it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  analyzeRates,
  display,
  fitJointBpp,
  fitSegmentedArrhenius,
  fitTransient,
  flankAsymptoteWarnings,
  physics,
  rateSeriesFromFits,
  readArrheniusData,
  readConductivity,
  readTransient,
  simulate,
} from '@relaxlab/kernel';
import type { JointBppOptions, JointBppResult, RateArrheniusResult, RateSeries, SegmentedArrheniusResult } from '@relaxlab/kernel';
import { brushSource, initialRefits, refitWindow } from '../packages/jupyterlab/src/arrheniusWindow';
import { fileBundle } from '../packages/jupyterlab/src/fileView';
import { runStudyPipeline } from '../packages/cli/src/study/pipeline';
import type { StudyResult } from '../packages/cli/src/study/results';
import { cliScratchFolder, relaxlab } from './support/cli';
import { expectSame } from './support/same';

const { mimeBundle, RELAXLAB_RESULT_MIME } = display;
const { inverseTemperatureGrid_K, mulberry32, gaussian } = simulate;
const { relaxationRate_per_s } = physics;
type BppRateModel = physics.BppRateModel;
type RateFrequencies = physics.RateFrequencies;

/** What a rate series' Arrhenius analysis says: its lines (window, points, Ea, A, straightness), peak, rates and warnings. */
function linesOf(r: RateArrheniusResult) {
  return {
    series: r.series,
    peak: r.peak,
    points: r.points,
    lines: r.lines.map((l) => ({
      side: l.side,
      from: l.from,
      window_K: l.window_K,
      n: l.arrhenius.n,
      quantity: l.arrhenius.quantity,
      activationEnergy_eV: l.arrhenius.activationEnergy_eV,
      log10Prefactor: l.arrhenius.log10Prefactor,
      straightness: l.straightness ?? null,
    })),
    warnings: r.warnings,
  };
}

/** What a segmented σT fit says: regimes, kinks with their intervals, the BIC table and Davies' test. */
function segmentsOf(r: SegmentedArrheniusResult) {
  return {
    segments: r.segments,
    breakpoints: r.breakpoints,
    chosenSegments: r.chosenSegments,
    bic: r.bic.map((b) => ({ segments: b.segments, chiSquare: b.chiSquare, bic: b.bic })),
    kinkTest: r.kinkTest && {
      statistic: r.kinkTest.statistic,
      pValue: r.kinkTest.pValue,
      kink_K: r.kinkTest.kink_K,
      energyChange_eV: r.kinkTest.energyChange_eV,
    },
    warnings: r.warnings,
  };
}

/** What a joint BPP fit says: every parameter ± stderr, the physics and χ². */
function bppOf(r: JointBppResult) {
  return {
    params: Object.fromEntries(Object.entries(r.fit.params).map(([k, p]) => [k, { value: p.value, stderr: p.stderr }])),
    chiSquare: r.fit.stats.chiSquare,
    activationEnergy_eV: r.activationEnergy_eV,
    beta: r.beta,
    tau0_s: r.tau0_s,
    lowTemperatureFlank_eV: r.lowTemperatureFlank_eV,
    datasets: r.datasets.map((d) => ({
      prefactor_per_s2: d.prefactor_per_s2,
      peak: d.peak,
      flankAsymptotes_eV: d.flankAsymptotes_eV,
      points: d.points,
    })),
    warnings: r.warnings,
  };
}

// the worked example's shape: an asymmetric BPP peak, Ea = 0.3 eV, β = 1.7
const MODEL: BppRateModel = {
  spectralDensity: 'asymmetric-bpp',
  convention: 'full',
  activationEnergy_eV: 0.3,
  tau0_s: 1e-13,
  beta: 1.7,
  prefactor_per_s2: 1e10,
};
const SERIES = [
  {
    name: 'A-li-r1',
    nucleus: '7Li',
    frequencies: { experiment: 'R1', larmor_MHz: 116.6 },
    temperature_K: inverseTemperatureGrid_K(180, 800, 16),
  },
  {
    name: 'E-li-r1rho',
    nucleus: '7Li',
    frequencies: { experiment: 'R1rho', larmor_MHz: 116.6, spinlock_kHz: 20 },
    temperature_K: inverseTemperatureGrid_K(130, 400, 14),
  },
  {
    name: 'B-na-r1',
    nucleus: '23Na',
    frequencies: { experiment: 'R1', larmor_MHz: 105.8 },
    temperature_K: inverseTemperatureGrid_K(180, 300, 8),
  },
  { name: 'C-h-r1', nucleus: '1H', frequencies: { experiment: 'R1', larmor_MHz: 400 }, temperature_K: [400, 430, 465, 500] },
] as const;
const LABELS = { A: 'R1 7Li 116.6 MHz', E: 'R1rho 7Li 20 kHz', B: 'R1 23Na 105.8 MHz', C: 'R1 1H 400 MHz' };
const BPP_OPTIONS: JointBppOptions = {
  spectralDensity: 'asymmetric-bpp',
  convention: 'full',
  share: ['Ea', 'tau0', 'beta'],
  datasets: [{ background: 'none' }, { background: 'none' }],
};

/** One transient CSV per temperature: saturation recovery (R1) or spin-lock decay (R1ρ), 0.3 % noise, delays around 1/R. */
function writeTransients(dir: string): string[] {
  const random = mulberry32(14);
  const files: string[] = [];
  for (const s of SERIES) {
    const f = s.frequencies as RateFrequencies;
    for (const t of s.temperature_K) {
      const rate = relaxationRate_per_s(f, t, MODEL);
      const delays = Array.from({ length: 14 }, (_, i) => (0.02 / rate) * Math.pow(250, i / 13));
      const rho = f.experiment === 'R1rho';
      const rows = delays.map((d) => `${d}, ${(rho ? Math.exp(-rate * d) : 1 - Math.exp(-rate * d)) + 0.003 * gaussian(random)}`);
      const head = [
        `# experiment: ${rho ? 'T1rho-spinlock' : 'T1-saturation'}`,
        `# nucleus: ${s.nucleus}`,
        `# larmor_MHz: ${f.larmor_MHz}`,
        ...(rho ? ['# spinlock_kHz: 20'] : []),
        `# temperature_K: ${t}`,
      ];
      const file = join(dir, `${s.name}-${t.toFixed(2)}K.csv`);
      writeFileSync(file, [...head, 'delay (s), signal', ...rows].join('\n') + '\n');
      files.push(file);
    }
  }
  return files;
}

/** A rate series as a table with every digit (String of a double reads back to the same double). */
function rateTable(s: RateSeries): string {
  const head = [
    `# experiment: ${s.experiment}`,
    `# nucleus: ${s.nucleus}`,
    `# larmor_MHz: ${s.larmor_MHz}`,
    ...(s.spinlock_kHz !== undefined ? [`# spinlock_kHz: ${s.spinlock_kHz}`] : []),
  ];
  return (
    [...head, `T (K), ${s.experiment} (1/s), sigma (1/s)`, ...s.points.map((p) => `${p.temperature_K}, ${p.rate_per_s}, ${p.sigma}`)].join(
      '\n',
    ) + '\n'
  );
}

const scratch = cliScratchFolder('relaxlab-cross-face-');
const kernel = {} as {
  series: Record<string, RateSeries>;
  arrhenius: Record<string, RateArrheniusResult>;
  bpp: JointBppResult;
  sigmaT: SegmentedArrheniusResult;
  flankChecks: string[];
};
let study: StudyResult;
const files = {} as Record<'A' | 'B' | 'C' | 'E' | 'sigma', string>;

beforeAll(async () => {
  const transients = join(scratch.dir, 'transients');
  mkdirSync(transients);
  const paths = writeTransients(transients);

  // the kernel, as a notebook does it: read each transient, fit it, rates, Arrhenius lines, BPP
  const fitted = paths.map((path) => {
    const t = readTransient(path);
    return { ...t, fit: fitTransient(t) };
  });
  const { series } = rateSeriesFromFits(fitted);
  kernel.series = Object.fromEntries(series.map(({ members: _m, ...s }) => [s.label, s]));
  const analysis = analyzeRates(series.map(({ members: _m, ...s }) => s));
  kernel.arrhenius = Object.fromEntries(analysis.arrhenius.map((a) => [a.series, a]));
  kernel.bpp = fitJointBpp([kernel.series[LABELS.A], kernel.series[LABELS.E]], BPP_OPTIONS);
  kernel.flankChecks = flankAsymptoteWarnings(analysis.arrhenius, kernel.bpp);

  // the σT table, as σ in S/cm with every digit, from the worked example's σT
  const sigmaT = readFileSync(join(__dirname, '..', 'examples', 'mil121', 'conductivity', 'li-sigmaT.csv'), 'utf8')
    .split('\n')
    .filter((l) => /^\d/.test(l.trim()));
  const rows = sigmaT.map((l) => l.split(',').map(Number)).map(([t, v, e]) => `${t}, ${v / t}, ${e / t}`);
  files.sigma = scratch.file(
    'li-sigma.csv',
    ['# sample: MIL-121 Li electrolyte (synthetic)', 'T (K), sigma (S/cm), sigma_err (S/cm)', ...rows].join('\n') + '\n',
  );
  kernel.sigmaT = fitSegmentedArrhenius(readArrheniusData(files.sigma), { segments: 'auto' });

  for (const [key, label] of Object.entries(LABELS) as Array<[keyof typeof LABELS, string]>)
    files[key] = scratch.file(`${key}.csv`, rateTable(kernel.series[label]));

  // the study: the same transients, the same BPP, and the σT as its cross-link's conductivity
  writeFileSync(join(scratch.dir, 'li-conductivity.json'), JSON.stringify(readConductivity(files.sigma)));
  const config = {
    title: 'cross-face',
    bpp: { series: [LABELS.A, LABELS.E] },
    crossLink: { conductivity: 'li-conductivity.json', nmrActivationEnergy: 'bpp', segments: 'auto' },
    report: { transientPlots: false },
  };
  writeFileSync(join(scratch.dir, 'study.json'), JSON.stringify(config));
  study = (await runStudyPipeline({ folder: transients, config: join(scratch.dir, 'study.json'), out: join(scratch.dir, 'out') })).result;
}, 120_000);

const cli = async (...args: string[]) => {
  const run = await relaxlab(...args, '--json');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
};
const studyLines = (label: string) => study.arrhenius.find((a) => a.series === label) as RateArrheniusResult;
const extensionPayload = (file: string) =>
  fileBundle(file, readFileSync(file, 'utf8'))[RELAXLAB_RESULT_MIME] as {
    arrhenius: RateArrheniusResult;
    points: { temperature_K: number[]; value: number[]; sigma?: number[] };
  };

describe.each([
  ['A: a rate series with a peak', 'A'],
  ['B: one without a maximum in range', 'B'],
  ['C: one with 4 points around its maximum', 'C'],
] as const)('%s: the same lines and warnings from every face', (_title, key) => {
  const label = LABELS[key];

  test('the study fitted the same transients to the same rates as the kernel', () => {
    const s = study.rateSeries.find((r) => r.label === label);
    expectSame(s?.points, kernel.series[label].points, 'study rates');
  });

  test('kernel (analyzeRates) = study = relaxlab arrhenius --flanks = the extension viewer', async () => {
    const expected = linesOf(kernel.arrhenius[label]);
    expectSame(linesOf(studyLines(label)), expected, 'study');
    expectSame(linesOf(await cli('arrhenius', files[key], '--flanks')), expected, 'cli');
    expectSame(linesOf(extensionPayload(files[key]).arrhenius), expected, 'extension');
  });

  test("the extension's brush opens with those lines, and refitting a line's window gives its Ea again", () => {
    const payload = extensionPayload(files[key]);
    const source = brushSource(payload)!;
    const lines = kernel.arrhenius[label].lines;
    expectSame(
      initialRefits(payload, source).map((r) => r.activationEnergy_eV),
      lines.map((l) => [l.arrhenius.activationEnergy_eV]),
      'initial lines',
    );
    for (const l of lines)
      expectSame(refitWindow(source, l.window_K).series[0].activationEnergy_eV, [l.arrhenius.activationEnergy_eV], `refit ${l.side}`);
  });
});

describe('what the cases are', () => {
  test('A has both flanks, B one line through all points with its warning, C a warning and no line', () => {
    expect(kernel.arrhenius[LABELS.A].lines.map((l) => l.side)).toEqual(['low', 'high']);
    expect(kernel.arrhenius[LABELS.B].lines.map((l) => l.from)).toEqual(['all-points']);
    expect(kernel.arrhenius[LABELS.B].warnings[0]).toMatch(
      /^no rate maximum inside 180–300 K: one line through all points \(a low-T flank only\)/,
    );
    expect(kernel.arrhenius[LABELS.C].lines).toEqual([]);
    expect(kernel.arrhenius[LABELS.C].warnings).toEqual([
      expect.stringMatching(/^no Arrhenius line: R1 1H 400 MHz: value: neither flank of the rate peak has enough points/),
    ]);
  });
});

describe('D: a σT table with a kink', () => {
  test('the extension viewer reads the table to the same numbers as the kernel (and the CLI: one reader)', () => {
    const data = readArrheniusData(files.sigma);
    expectSame(extensionPayload(files.sigma).points, { label: 'sigma', ...data }, 'viewer points');
  });

  test("kernel = relaxlab arrhenius --segments auto = the study's cross-link = the extension's segmented refit", async () => {
    const expected = segmentsOf(kernel.sigmaT);
    expect(expected.chosenSegments).toBe(2);
    expectSame(segmentsOf(await cli('arrhenius', files.sigma, '--segments', 'auto')), expected, 'cli');
    expectSame(segmentsOf(study.crossLink?.result.conductivityArrhenius as SegmentedArrheniusResult), expected, 'study');
    const source = brushSource(mimeBundle(kernel.sigmaT)[RELAXLAB_RESULT_MIME])!;
    const all = source.series[0].temperature_K;
    const refit = refitWindow(source, [Math.min(...all), Math.max(...all)]).series[0];
    expectSame(
      { energies: refit.activationEnergy_eV, kinks: refit.kinks_K },
      { energies: expected.segments.map((s) => s.activationEnergy_eV), kinks: expected.breakpoints.map((b) => b.temperature_K) },
      'extension',
    );
  });
});

describe('E: a joint BPP fit of 7Li R1 and R1ρ', () => {
  test('kernel = study = relaxlab bpp (labels aside: the CLI names datasets by file)', async () => {
    const expected = bppOf(kernel.bpp);
    expectSame(bppOf(study.bpp?.result as JointBppResult), expected, 'study');
    expectSame(bppOf(await cli('bpp', files.A, files.E)), expected, 'cli');
    expect(study.bpp?.result.datasets.map((d) => d.label)).toEqual([LABELS.A, LABELS.E]);
  });

  test('the flank checks against its asymptotes are the same warnings in the study and the kernel', () => {
    expect(kernel.flankChecks.length).toBeGreaterThan(0);
    expect(study.warnings.filter((w) => w.startsWith('BPP: ')).map((w) => w.slice('BPP: '.length))).toEqual(kernel.flankChecks);
  });

  test("the extension's brush on the fit's points refits a flank to the kernel's Ea", () => {
    const source = brushSource(mimeBundle(kernel.bpp)[RELAXLAB_RESULT_MIME])!;
    expectSame(
      source.series.map((s) => s.value),
      [LABELS.A, LABELS.E].map((l) => kernel.series[l].points.map((p) => p.rate_per_s)),
      'brushed rates',
    );
    const [low, high] = kernel.arrhenius[LABELS.A].lines;
    for (const line of [low, high]) {
      const refit = refitWindow(source, line.window_K).series.find((s) => s.label === LABELS.A);
      expectSame(refit?.activationEnergy_eV, [line.arrhenius.activationEnergy_eV], `brush ${line.side}`);
    }
  });
});
