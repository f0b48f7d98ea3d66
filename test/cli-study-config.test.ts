/**
 * The parts of `relaxlab study` that need no process: the JSONC config format, config checking
 * (every bad value names its field), `--init` round-tripping through the reader, input discovery,
 * the rate-series construction (R = 1/T, σ_R = σ_T/T²) and the progress bar's TTY rule.
 */
import { join } from 'path';
import {
  fitTransient,
  gaussian,
  inverseTemperatureGrid_K,
  isInputError,
  mulberry32,
  RESULT_SCHEMA,
  simulateRateSeries,
} from '@relaxlab/core';
import { parseJsonc, stripJsonComments } from '../packages/cli/src/study/jsonc';
import { CONFIG_SCHEMA, defaultConfig, readStudyConfig, resolveConfig } from '../packages/cli/src/study/config';
import { initConfigText, surveyFolder } from '../packages/cli/src/study/init';
import { discoverInputs, globToRegExp } from '../packages/cli/src/study/inputs';
import { buildRateSeries, FittedTransient, fitTransients, regionIndices, seriesLabel } from '../packages/cli/src/study/fitting';
import { unifyTimestamps, studyTimestamp } from '../packages/cli/src/study/results';
import { arrheniusOfSeries } from '../packages/cli/src/study/analysis';
import { progressBar } from '../packages/cli/src/progress';

const ROOT = join(__dirname, '..');
const TRANSIENTS = join(ROOT, 'examples', 'mil121', 'transients');

function inputError(fn: () => unknown): { field: string; source?: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isInputError(e)) return { field: e.field, source: e.source, message: e.message };
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('JSONC: JSON with comments and trailing commas', () => {
  test('comments and trailing commas are blanked; strings holding // and /* stay intact', () => {
    const text = '{\n  // a comment\n  "url": "http://x/*y*/", /* block\n spanning */ "list": [1, 2,],\n}\n';
    expect(parseJsonc(text, 'cfg')).toEqual({ url: 'http://x/*y*/', list: [1, 2] });
    // blanking keeps every offset: same length, line breaks where they were
    const stripped = stripJsonComments(text);
    expect(stripped).toHaveLength(text.length);
    expect(stripped.split('\n')).toHaveLength(text.split('\n').length);
  });

  test('an escaped quote does not end a string early', () => {
    expect(parseJsonc('{"a": "say \\"hi\\" // not a comment", "b": 1}', 'cfg')).toEqual({ a: 'say "hi" // not a comment', b: 1 });
  });

  test('a syntax error names the file and the line of the mistake', () => {
    // the comma missing after "b": 2 shows where "c" begins
    const e = inputError(() => parseJsonc('{\n  "a": 1,\n  // fine\n  "b": 2\n  "c": 3\n}', 'study.json'));
    expect(e.source).toBe('study.json');
    expect(e.field).toBe('line 5, column 3');
  });
});

describe('config checking', () => {
  test('an empty object gives the defaults', () => {
    expect(resolveConfig({}, 'cfg')).toEqual(defaultConfig());
  });

  test.each([
    [{ bpp: { backgrund: 'none' } }, 'bpp.backgrund'],
    [{ transients: { 'T1-saturation': { model: 'saturation-recovery-2' } } }, 'transients.T1-saturation.model'],
    [{ arrhenius: { windows: [{ series: 'R1 7Li 116.6 MHz', side: 'low', window_K: [300, 200] }] } }, 'arrhenius.windows[0].window_K'],
    [{ bpp: { background: { R1: 'linear' } } }, 'bpp.background.R1'],
    [{ bpp: { bootstrap: { samples: 1 } } }, 'bpp.bootstrap.samples'],
    [{ crossLink: { nmrActivationEnergy: 'bpp' } }, 'crossLink.conductivity'],
    [
      { crossLink: { conductivity: 'c.json', hopping: { numberDensity_per_cm3: 6e20, jumpDistance_m: 3e-10, dimensionality: 4 } } },
      'crossLink.hopping.dimensionality',
    ],
    [{ schema: 'relaxlab-study/2' }, 'schema'],
    [{ temperatures: { bruker: null } }, 'temperatures.bruker'],
    [{ import: { regions_ppm: [[10, 10]] } }, 'import.regions_ppm[0]'],
  ])('%j is refused naming %s', (raw, field) => {
    const e = inputError(() => resolveConfig(raw, 'study.json'));
    expect(e.field).toBe(field);
    expect(e.source).toBe('study.json');
  });

  test('the worked example config reads, with its choices kept', () => {
    const { config } = readStudyConfig(join(ROOT, 'examples', 'mil121', 'study.json'));
    expect(config.schema).toBe(CONFIG_SCHEMA);
    expect(config.data).toBe('transients');
    expect(config.bpp.background).toEqual({ R1: 'power-law', R1rho: 'none', R2: 'none' });
    expect(config.bpp.bootstrap).toEqual({ samples: 200, seed: 1 });
    expect(config.crossLink?.temperatureRange_K).toEqual([323, 393]);
  });
});

describe('--init', () => {
  const summary = surveyFolder(TRANSIENTS);
  const text = initConfigText('transients', summary);

  test('finds the two experiments and the two rate series of the worked example', () => {
    expect(summary.inputs).toBe(28);
    expect(summary.failed).toEqual([]);
    expect(summary.experiments).toEqual(['T1-saturation', 'T1rho-spinlock']);
    expect([...summary.series.keys()]).toEqual(['R1 7Li 116.6 MHz', 'R1rho 7Li 20 kHz']);
    expect(text).toContain('"R1rho 7Li 20 kHz"');
  });

  test('what it writes is a valid config: the defaults, commented', () => {
    const config = resolveConfig(parseJsonc(text, 'init'), 'init');
    expect(config).toEqual({ ...defaultConfig(), title: 'transients' });
    expect(text.split('\n').filter((l) => l.trim().startsWith('//')).length).toBeGreaterThan(15);
  });
});

describe('inputs', () => {
  test('globs match whole names; * and ? only', () => {
    expect(globToRegExp('*.csv').test('t1-satrec-160.0K.csv')).toBe(true);
    expect(globToRegExp('*.csv').test('a.csv.bak')).toBe(false);
    expect(globToRegExp('t1?.dat').test('t1a.dat')).toBe(true);
    expect(globToRegExp('a+b(1).csv').test('a+b(1).csv')).toBe(true);
  });

  test('discovery is in code-point order and leaves out what is not data', () => {
    const { names, ignored } = discoverInputs(TRANSIENTS, ['*'], []);
    expect(names).toHaveLength(28);
    expect([...names].sort()).toEqual(names);
    expect(ignored).toEqual(['README.md']);
    expect(discoverInputs(TRANSIENTS, ['t1rho-*'], ['*-400.0K.csv']).names).toHaveLength(13);
  });
});

describe('rate series from fits', () => {
  // saturation recovery with known T1 at three temperatures, seeded noise
  const random = mulberry32(8);
  const delays = Array.from({ length: 16 }, (_, i) => 1e-3 * Math.pow(1e3, i / 15));
  const make = (temperature_K: number, T1: number, name: string): FittedTransient => {
    const signal = delays.map((t) => 1 - Math.exp(-t / T1) + 0.005 * gaussian(random));
    const fit = fitTransient({ experiment: 'T1-saturation', delay_s: delays, signal });
    return {
      input: 0,
      name,
      experiment: 'T1-saturation',
      nucleus: '7Li',
      larmor_MHz: 116.6,
      temperature_K,
      series: 'R1 7Li 116.6 MHz',
      timeConstant: 'T1',
      fit,
    };
  };
  const fitted = [make(300, 0.02, 'b'), make(250, 0.05, 'a'), make(350, 0.01, 'c')];
  const warnings: string[] = [];
  const [series] = buildRateSeries(fitted, warnings);

  test('points sorted by temperature; R = 1/T1 and σ_R = σ_T1/T1²', () => {
    expect(series.points.map((p) => p.temperature_K)).toEqual([250, 300, 350]);
    series.points.forEach((p, i) => {
      const t1 = fitted[series.transients[i]].fit.params.T1;
      expect(p.rate_per_s * t1.value).toBeCloseTo(1, 12);
      expect(p.sigma).toBeCloseTo((t1.stderr as number) / (t1.value * t1.value), 12);
    });
    expect(warnings).toEqual([]);
  });

  test('recovers the rates within 3σ', () => {
    [1 / 0.05, 1 / 0.02, 1 / 0.01].forEach((truth, i) =>
      expect(Math.abs(series.points[i].rate_per_s - truth)).toBeLessThan(3 * (series.points[i].sigma as number)),
    );
  });
});

describe('series labels of spectra', () => {
  const spectrum = (input: number, region: [number, number]) => ({
    input,
    transient: {
      schema: RESULT_SCHEMA,
      kind: 'Transient' as const,
      experiment: 'T1-saturation' as const,
      nucleus: '7Li',
      larmor_MHz: 116.6,
      delay_s: [1],
      signal: [1],
      source: {
        file: `${input}/ser`,
        format: 'bruker-ser' as const,
        peak: 1,
        region: { region_ppm: region, measure: 'integral' as const, regionFrom: 'auto' as const },
      },
    },
  });

  test('regions picked automatically in each experiment group by their place, not by their drifting ppm', () => {
    const read = [spectrum(0, [25.05, -25.5]), spectrum(0, [-60.1, -80.2]), spectrum(1, [31.7, -27.9]), spectrum(1, [-59.8, -80.6])];
    const regions = regionIndices(read);
    expect(regions).toEqual({ index: [0, 1, 0, 1], perInput: 2 });
    expect(read.map((r, k) => seriesLabel(r.transient, regions.index[k], regions.perInput))).toEqual([
      'R1 7Li 116.6 MHz [region 1]',
      'R1 7Li 116.6 MHz [region 2]',
      'R1 7Li 116.6 MHz [region 1]',
      'R1 7Li 116.6 MHz [region 2]',
    ]);
  });

  test('one region per experiment: one series, no suffix', () => {
    const read = [spectrum(0, [25.05, -25.5]), spectrum(1, [31.7, -27.9])];
    const regions = regionIndices(read);
    expect(new Set(read.map((r, k) => seriesLabel(r.transient, regions.index[k], regions.perInput)))).toEqual(
      new Set(['R1 7Li 116.6 MHz']),
    );
  });
});

describe('Arrhenius lines of a rate series', () => {
  // a BPP R1 peak (Ea = 0.3 eV, β = 2, so both flanks have slope 0.3 eV), 2 % noise
  const model = { spectralDensity: 'bpp' as const, activationEnergy_eV: 0.3, tau0_s: 1e-13, prefactor_per_s2: 1e10 };
  const simulated = (lo: number, hi: number) => {
    const s = simulateRateSeries({
      experiment: 'R1',
      nucleus: '7Li',
      larmor_MHz: 116.6,
      temperature_K: inverseTemperatureGrid_K(lo, hi, 24),
      model,
      relativeNoise: 0.02,
      random: mulberry32(3),
    });
    return { ...s, label: 'R1 7Li 116.6 MHz', transients: s.points.map((_, i) => i) };
  };

  test('a window in the config replaces the automatic flanks; a high-T window gives a positive Ea', () => {
    const config = {
      ...defaultConfig(),
      arrhenius: {
        ...defaultConfig().arrhenius,
        windows: [{ series: 'R1 7Li 116.6 MHz', side: 'high' as const, window_K: [420, 700] as [number, number] }],
      },
    };
    const a = arrheniusOfSeries(simulated(150, 700), config);
    expect(a.lines.map((l) => [l.side, l.from])).toEqual([['high', 'config']]);
    const ea = a.lines[0].arrhenius.activationEnergy_eV;
    expect(Math.abs(ea.value - 0.3)).toBeLessThan(3 * (ea.stderr as number) + 0.3 * 0.02);
  });

  test('without a maximum inside the data, one line through all points, said in a warning', () => {
    const a = arrheniusOfSeries(simulated(150, 230), defaultConfig());
    expect(a.lines.map((l) => [l.side, l.from])).toEqual([['all', 'all-points']]);
    expect(a.lines[0].arrhenius.quantity).toBe('rate');
    expect(a.warnings[0]).toMatch(/no rate maximum inside .* one line through all points \(a low-T flank only\)/);
  });
});

describe('transients that do not state their temperature', () => {
  const delays = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
  const transient = {
    schema: RESULT_SCHEMA,
    kind: 'Transient' as const,
    experiment: 'T1-saturation' as const,
    nucleus: '7Li',
    larmor_MHz: 116.6,
    delay_s: delays,
    signal: delays.map((t) => 1 - Math.exp(-t / 0.02)),
    source: { file: 'x/run7.csv', format: 'delimited' as const },
  };

  test('fail alone, naming the missing field and where to give it', () => {
    const { fitted, failed } = fitTransients([{ input: 0, transient }], ['run7.csv'], defaultConfig());
    expect(fitted).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatch(/^x\/run7\.csv: temperature_K: the transient does not say its temperature .*"temperatures"/);
  });

  test('take the temperature the config gives for their input', () => {
    const config = { ...defaultConfig(), temperatures: { 'run7.csv': 351.5 } };
    const { fitted, failed } = fitTransients([{ input: 0, transient }], ['run7.csv'], config);
    expect(failed).toEqual([]);
    expect(fitted[0].temperature_K).toBe(351.5);
    expect(fitted[0].fit.params.T1.value).toBeCloseTo(0.02, 8);
  });
});

describe('timestamps and progress', () => {
  test('SOURCE_DATE_EPOCH fixes the timestamp; a bad one is refused', () => {
    expect(studyTimestamp({ SOURCE_DATE_EPOCH: '1700000000' })).toBe('2023-11-14T22:13:20.000Z');
    expect(inputError(() => studyTimestamp({ SOURCE_DATE_EPOCH: 'yesterday' })).field).toBe('SOURCE_DATE_EPOCH');
  });

  test('every createdAt in a tree becomes the study timestamp', () => {
    const tree = { createdAt: 'a', fits: [{ provenance: { createdAt: 'b' } }], other: { createdAt: 3 } };
    unifyTimestamps(tree, 'T');
    expect(tree).toEqual({ createdAt: 'T', fits: [{ provenance: { createdAt: 'T' } }], other: { createdAt: 3 } });
  });

  test('the progress bar draws only on a TTY, and clears its line when done', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) => ({ isTTY, columns: 60, write: (s: string) => (written.push(s), true) });
    const quiet = progressBar('files read', 10, stream(false));
    quiet.update(5);
    quiet.done();
    expect(written).toEqual([]);
    let clock = 0;
    const bar = progressBar('files read', 4, stream(true), () => (clock += 50));
    for (let i = 1; i <= 4; i++) bar.update(i);
    bar.done();
    // redrawn at most every 100 ms, and always at the end
    expect(written[written.length - 2]).toBe(`\r[${'#'.repeat(28)}] 4/4 files read`);
    expect(written.length).toBeLessThan(6);
    expect(written[written.length - 1]).toMatch(/^\r +\r$/);
  });

  test('a terminal that does not say its width (columns 0) gets a bar 80 columns wide', () => {
    const written: string[] = [];
    const bar = progressBar('transients fitted', 2, { isTTY: true, columns: 0, write: (s: string) => (written.push(s), true) });
    bar.update(2);
    bar.done();
    expect(written[0]).toContain('2/2 transients fitted');
    expect(written[1]).toBe(`\r${' '.repeat(79)}\r`);
  });
});
