/**
 * relaxlab/1 → relaxlab/2 (result/migrate.ts) on results as RelaxLab 0.1.0 saved them
 * (fixtures/relaxlab-1, see its README): every schema raised, the input left alone, and what older
 * relaxlab/1 results lack rebuilt from what they kept — so nothing downstream needs a branch for them.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  fitJointBpp,
  fitJonscher,
  fitLineNarrowing,
  fitSegmentedArrhenius,
  InputError,
  kinkTestSummary,
  migrateBundle,
  migrateResult,
  rateArrheniusReport,
  RELAXLAB_RESULT_MIME,
  RESULT_SCHEMA,
} from '../src';
import { residualStructure } from '../src/impedance/residualChecks';
import type {
  ArrheniusResult,
  CircuitFitResult,
  FitResult,
  JointBppResult,
  LinewidthSeries,
  LineNarrowingResult,
  RateAnalysis,
  RatePeakFlanks,
  RateSeries,
  SegmentedArrheniusResult,
} from '../src';

type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(join(__dirname, 'fixtures', 'relaxlab-1', `${name}.json`), 'utf8'));
const NAMES = ['arrhenius', 'segmented', 'flanks', 'joint-bpp', 'rate-analysis', 'narrowing-abragam', 'circuit-fit'];

/** The rates a joint-BPP fixture was fitted on, back from its points. */
const seriesOf = (saved: Json): RateSeries[] =>
  saved.datasets.map((d: Json) => ({
    experiment: d.experiment,
    nucleus: d.nucleus,
    larmor_MHz: d.larmor_MHz,
    ...(d.spinlock_kHz !== undefined && { spinlock_kHz: d.spinlock_kHz }),
    label: d.label,
    points: d.points.map((p: Json) => ({ temperature_K: p.temperature_K, rate_per_s: p.rate_per_s, sigma: p.sigma })),
  }));

/** Every `schema` in a tree. */
function schemas(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(schemas);
  if (v === null || typeof v !== 'object') return [];
  const o = v as Json;
  return [...(typeof o.schema === 'string' ? [o.schema] : []), ...Object.values(o).flatMap(schemas)];
}

describe('migrateResult', () => {
  test.each(NAMES)('%s: every schema in the tree becomes relaxlab/2; the input is not touched', (name) => {
    const saved = fixture(name);
    const before = JSON.stringify(saved);
    const migrated = migrateResult(saved);
    expect(schemas(saved).every((s) => s === 'relaxlab/1')).toBe(true);
    expect(new Set(schemas(migrated))).toEqual(new Set([RESULT_SCHEMA]));
    expect(JSON.stringify(saved)).toBe(before);
    // a current result is returned as it is
    expect(migrateResult(migrated)).toBe(migrated);
  });

  test('an unknown schema is an InputError naming it; an object without schema is no versioned result and passes', () => {
    expect(() => migrateResult({ schema: 'relaxlab/9', kind: 'FitResult' }, 'r.json')).toThrow(InputError);
    expect(() => migrateResult({ schema: 'relaxlab/9', kind: 'FitResult' }, 'r.json')).toThrow(
      /^r\.json: schema: unknown result schema \(expected one of relaxlab\/1, relaxlab\/2; found "relaxlab\/9"\)/,
    );
    const plain = { kind: 'DataTableView' };
    expect(migrateResult(plain)).toBe(plain);
  });

  test('a bundle: its RelaxLab payload migrated, the other MIME types as they were', () => {
    const bundle = { [RELAXLAB_RESULT_MIME]: fixture('arrhenius'), 'text/plain': 'report' };
    const migrated = migrateBundle(bundle);
    expect((migrated[RELAXLAB_RESULT_MIME] as Json).schema).toBe(RESULT_SCHEMA);
    expect(migrated['text/plain']).toBe('report');
  });
});

describe('what older relaxlab/1 results lack, rebuilt', () => {
  test('an Arrhenius fit without points: the points inside its window, from its fit (1e-12)', () => {
    const saved = fixture('arrhenius');
    const { points, ...old } = saved;
    const migrated = migrateResult(old) as ArrheniusResult;
    const inside = (points.temperature_K as number[])
      .map((_t, i) => i)
      .filter((i) => points.temperature_K[i] >= 330 && points.temperature_K[i] <= 400);
    expect(migrated.points.temperature_K).toHaveLength(inside.length);
    inside.forEach((i, k) => {
      for (const field of ['temperature_K', 'value', 'sigma'] as const) {
        expect(Math.abs((migrated.points[field] as number[])[k] / points[field][i] - 1)).toBeLessThan(1e-12);
      }
    });
    // a relaxlab/1 result that kept its points keeps them as they are
    expect((migrateResult(saved) as ArrheniusResult).points).toEqual(points);
  });

  test('a segmented fit without a kink test: kinkTest null, and the warning every face reads the reason from', () => {
    const { kinkTest: _test, ...old } = fixture('segmented');
    const migrated = migrateResult(old) as SegmentedArrheniusResult;
    expect(migrated.kinkTest).toBeNull();
    expect(kinkTestSummary(migrated).text).toBe('none: saved by relaxlab/1, before results carried one');
    expect((migrateResult(fixture('segmented')) as SegmentedArrheniusResult).kinkTest).toEqual(fixture('segmented').kinkTest);
  });

  test('flanks: the straightness of the window they used (not moved), tested now', () => {
    const migrated = migrateResult(fixture('flanks')) as RatePeakFlanks;
    for (const f of [migrated.lowTemperature!, migrated.highTemperature!]) {
      expect(f.straightness).toMatchObject({
        candidateWindow_K: f.window_K,
        candidates: f.arrhenius.n,
        moved: false,
        curvatureLevel: 0.05,
      });
      expect(f.straightness.pValue).toBe(f.straightness.candidatePValue);
      expect(f.straightness.pValue).toBeGreaterThanOrEqual(0);
    }
  });

  test('a rate analysis: flanks become the Arrhenius lines of each series, with the same fits; a series relaxlab/1 skipped says so', () => {
    const saved = fixture('rate-analysis');
    const migrated = migrateResult(saved) as RateAnalysis;
    expect((migrated as unknown as Json).flanks).toBeUndefined();
    expect(migrated.warnings).toEqual([]);
    expect(migrated.arrhenius.map((a) => [a.kind, a.series, a.lines.map((l) => l.side)])).toEqual([
      ['RateArrheniusResult', '7Li R1 116.6 MHz', ['low']],
      ['RateArrheniusResult', '7Li R1ρ 20 kHz', ['low', 'high']],
      ['RateArrheniusResult', '7Li R1ρ 20 kHz (4 points)', []],
    ]);
    expect(migrated.arrhenius[1].lines[1].arrhenius.activationEnergy_eV).toEqual(
      saved.flanks[1].highTemperature.arrhenius.activationEnergy_eV,
    );
    expect(migrated.arrhenius[1].peak).toEqual({ temperature_K: saved.flanks[1].peakTemperature_K, rate_per_s: saved.flanks[1].peakRate });
    expect(migrated.arrhenius[2].warnings).toEqual([
      'no Arrhenius line: saved by relaxlab/1, which made none for series under 5 points or without flanks asked for',
    ]);
    expect(migrated.arrhenius[0].points.value).toEqual(saved.series[0].points.map((p: Json) => p.rate_per_s));
    expect(rateArrheniusReport(migrated.arrhenius[1])).toContain('automatic flank');
  });

  test('a joint BPP fit: the flank asymptotes a fit today gives, and points from the series shown with it, else none and a warning', () => {
    const saved = fixture('joint-bpp');
    const old: Json = { ...saved, datasets: saved.datasets.map(({ points: _p, ...d }: Json) => d) };
    const series = seriesOf(saved);
    const withSeries = migrateResult<Json>({ ...old, series }) as JointBppResult;
    withSeries.datasets.forEach((d, k) => expect(d.points).toEqual(saved.datasets[k].points));
    const alone = migrateResult(old) as JointBppResult;
    expect(alone.datasets.every((d) => d.points.length === 0)).toBe(true);
    expect(alone.warnings).toContain(
      'saved by relaxlab/1 without its rates: the measured points are not shown, and bootstrap or Monte Carlo need the series',
    );
    // the asymptotes, as a fit of the same series today reports them
    const today = fitJointBpp(series, { datasets: [{ background: 'power-law' }, { background: 'none' }] });
    withSeries.datasets.forEach((d, k) => {
      for (const side of ['low', 'high'] as const) {
        const [a, b] = [d.flankAsymptotes_eV[side]!, today.datasets[k].flankAsymptotes_eV[side]!];
        expect(Math.abs(a.value / b.value - 1)).toBeLessThan(1e-6);
        expect(Math.abs((a.stderr as number) / (b.stderr as number) - 1)).toBeLessThan(1e-3);
      }
    });
  });

  test("a line-narrowing fit without Abragam's α: the α it was fitted with (1, fixed); Hendrickson–Bray gets none", () => {
    const { abragamAlpha: alpha, ...old } = fixture('narrowing-abragam');
    expect(alpha).toMatchObject({ value: 1, vary: false });
    const migrated = migrateResult(old) as LineNarrowingResult;
    expect(migrated.abragamAlpha).toMatchObject({ value: 1, stderr: null, vary: false });
    expect(migrateResult({ ...old, model: 'hendrickson-bray' }) as LineNarrowingResult).toMatchObject({ abragamAlpha: null });
  });
  test('a circuit fit: the runs tests of its residuals computed now, its blocks as fitted (with a note: not in canonical order then), its one start', () => {
    const old = fixture('circuit-fit');
    const r = migrateResult(old) as unknown as CircuitFitResult;
    expect(r.residuals).toEqual(residualStructure(old.frequency_Hz, old.relativeResiduals.real, old.relativeResiduals.imag));
    expect(r.blockOrder).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/not in canonical order \(saved by relaxlab\/1\)/);
    expect(r.starts.outcomes).toHaveLength(1);
    expect(r.starts.outcomes[0].chiSquare).toBe(old.fit.stats.chiSquare);
    expect(r.parameters).toEqual(old.parameters);
  });
});

describe('renamed in relaxlab/2', () => {
  test('kinds that were not the name of their type get it: CircuitFit, JonscherFit, SummerfieldScaling, LinKK', () => {
    const old = fixture('circuit-fit');
    expect(old.kind).toBe('CircuitFit');
    expect(migrateResult<Json>(old).kind).toBe('CircuitFitResult');
    const renamed = { JonscherFit: 'JonscherResult', SummerfieldScaling: 'SummerfieldResult', LinKK: 'LinKKResult' };
    for (const [before, after] of Object.entries(renamed))
      expect((migrateResult({ schema: 'relaxlab/1', kind: before, warnings: [] }) as Json).kind).toBe(after);
    // several isotherms: the fits inside are renamed too
    const isotherms = migrateResult({
      schema: 'relaxlab/1',
      kind: 'JonscherIsotherms',
      fits: [{ schema: 'relaxlab/1', kind: 'JonscherFit', warnings: [] }],
    }) as Json;
    expect(isotherms.fits[0].kind).toBe('JonscherResult');
  });

  /** Each fitted parameter of the migrated fit is the saved one under its new name, in the order and with the names a fit makes today. */
  function expectRenamed(saved: Json, migrated: Json, today: FitResult, renamed: Record<string, string>): void {
    expect(Object.keys(migrated.params)).toEqual(Object.keys(today.params));
    expect(Object.keys(saved.params).map((name) => renamed[name] ?? name)).toEqual(Object.keys(today.params));
    for (const [before, param] of Object.entries(saved.params)) expect(migrated.params[renamed[before] ?? before]).toEqual(param);
    expect(migrated.varyNames).toEqual(saved.varyNames.map((name: string) => renamed[name] ?? name));
    expect(migrated.formula).toBe(today.formula);
  }

  test('joint BPP: Ea → Ea_eV, log10tau0 → log10tau0_s, log10C_k → log10C_k_per_s2, bgA_k → bgA_k_per_s, the background estimates and log10Tau0 → log10tau0_s', () => {
    const saved = fixture('joint-bpp');
    const migrated = migrateResult(saved);
    const today = fitJointBpp(seriesOf(saved), { datasets: [{ background: 'power-law' }, { background: 'none' }] });
    expectRenamed(saved.fit, migrated.fit, today.fit, {
      Ea: 'Ea_eV',
      log10tau0: 'log10tau0_s',
      log10C_1: 'log10C_1_per_s2',
      bgA_1: 'bgA_1_per_s',
      log10C_2: 'log10C_2_per_s2',
    });
    expect(migrated.log10tau0_s).toEqual(saved.log10Tau0);
    expect(migrated.log10Tau0).toBeUndefined();
    expect(migrated.datasets[0].background.params).toEqual({
      bgA_per_s: saved.datasets[0].background.params.bgA,
      bgKappa: saved.datasets[0].background.params.bgKappa,
    });
    expect(Object.keys(migrated.datasets[0].background.params)).toEqual(Object.keys(today.datasets[0].background.params));
    // a resampling of it: its parameters by the same names
    const resampling = migrateResult({
      schema: 'relaxlab/1',
      kind: 'JointBppResampling',
      parameters: { Ea: { sd: 1 }, beta: { sd: 2 }, log10C_2: { sd: 3 } },
    }) as Json;
    expect(resampling.parameters).toEqual({ Ea_eV: { sd: 1 }, beta: { sd: 2 }, log10C_2_per_s2: { sd: 3 } });
  });

  test('line narrowing: Ea → Ea_eV, log10tau0 → log10tau0_s, and log10Tau0 → log10tau0_s', () => {
    const saved = fixture('narrowing-abragam');
    const migrated = migrateResult(saved);
    const widths: LinewidthSeries = {
      points: saved.points.map((p: Json) => ({ temperature_K: p.temperature_K, linewidth_Hz: p.linewidth_Hz, sigma: p.sigma })),
    };
    expectRenamed(saved.fit, migrated.fit, fitLineNarrowing(widths, { model: 'abragam' }).fit, { Ea: 'Ea_eV', log10tau0: 'log10tau0_s' });
    expect(migrated.log10tau0_s).toEqual(saved.log10Tau0);
    expect(migrated.log10Tau0).toBeUndefined();
  });

  test('segmented Arrhenius: the segment and kink numbers before the unit (Ea1_eV → Ea_1_eV, Tkink1_K → Tkink_1_K, log10y_kink1 → log10y_kink_1), also in the formula', () => {
    const saved = fixture('segmented');
    const migrated = migrateResult(saved);
    const today = fitSegmentedArrhenius({ ...saved.points, quantity: 'sigmaT' });
    expectRenamed(saved.fit, migrated.fit, today.fit, {
      log10y_kink1: 'log10y_kink_1',
      Ea1_eV: 'Ea_1_eV',
      Ea2_eV: 'Ea_2_eV',
      Tkink1_K: 'Tkink_1_K',
    });
    // a single line keeps log10A and Ea_eV
    const line = fixture('arrhenius');
    expect(migrateResult(line).fit.params).toEqual(line.fit.params);
  });

  test('Jonscher: sigmaDC → sigmaDC_S_per_cm and nuc → nuc_Hz, also in the formula', () => {
    const spectrum = { frequency_Hz: [1e2, 1e3, 1e4, 1e5, 1e6, 1e7], sigmaReal_S_per_cm: [1e-5, 1.02e-5, 1.2e-5, 2.1e-5, 6e-5, 2.4e-4] };
    const today = fitJonscher(spectrum).fit;
    const param = (value: number) => ({ value, stderr: null, initial: value, min: 0, max: null, vary: true, unit: '' });
    const saved = {
      schema: 'relaxlab/1',
      kind: 'FitResult',
      model: today.model,
      formula: 'ln(sigma) = ln(sigmaDC*(1 + (nu/nuc)^p))',
      params: { sigmaDC: param(1e-5), nuc: param(1e5), p: param(0.7) },
      varyNames: ['sigmaDC', 'nuc', 'p'],
    };
    expectRenamed(saved, migrateResult({ schema: 'relaxlab/1', kind: 'JonscherFit', fit: saved, warnings: [] }).fit, today, {
      sigmaDC: 'sigmaDC_S_per_cm',
      nuc: 'nuc_Hz',
    });
  });

  test('rate-peak flanks: peakRate → peakRate_per_s', () => {
    const saved = fixture('flanks');
    const migrated = migrateResult(saved);
    expect(migrated.peakRate_per_s).toBe(saved.peakRate);
    expect(migrated.peakRate).toBeUndefined();
  });

  test("a study's inputs: `kind`, which held the format read, is `format`", () => {
    const study = migrateResult({
      schema: 'relaxlab/1',
      kind: 'StudyResult',
      inputs: [
        { name: 'vt', kind: 'vt-series', status: 'ok' },
        { name: 'x.txt', kind: 'unknown', status: 'failed' },
      ],
    }) as Json;
    expect(study.inputs).toEqual([
      { name: 'vt', format: 'vt-series', status: 'ok' },
      { name: 'x.txt', format: 'unknown', status: 'failed' },
    ]);
  });
});
