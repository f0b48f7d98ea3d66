/**
 * The notebook templates executed headless with the real tslab kernel (TypeScript 5.0 reading our
 * declarations, Node10 resolution of the built packages), checked for MIME types and numbers.
 * Without Jupyter these tests FAIL with the install command; a developer who cannot install it
 * may set RELAXLAB_SKIP_NOTEBOOKS=1 to skip them, which CI (CI set) ignores.
 */
import { createHash } from 'crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME } from '@relaxlab/core';
import { toSVG } from '@relaxlab/plots';
import {
  cell,
  displaysOf,
  executeNotebook,
  ExecutedNotebook,
  Notebook,
  notebookEnvironmentProblem,
  ROOT,
  stdoutOf,
  text,
} from './support/notebooks';
import { vegaLiteSchemaErrors } from './support/vegaLiteSchema';

const MIMES = [RELAXLAB_RESULT_MIME, VEGALITE_V5_MIME, 'text/html', 'text/plain'].sort();
/**
 * What an earlier issue asked of every template (20 s). Only printed, and used for jest's time
 * limits with a margin: speed is measured, never asserted in a test (a loaded machine doubles it).
 */
const TEMPLATE_BUDGET_MS = 20_000;

const problem = notebookEnvironmentProblem();
const optedOut = problem !== undefined && process.env.RELAXLAB_SKIP_NOTEBOOKS === '1' && !process.env.CI;
if (optedOut) process.stderr.write(`notebook tests skipped (RELAXLAB_SKIP_NOTEBOOKS=1): ${problem}\n`);
const describeNotebooks = optedOut ? describe.skip : describe;

function requireEnvironment(): void {
  if (problem) throw new Error(`cannot run notebooks: ${problem}`);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * No cell raised, and every code cell but the silent ones produced output (tslab sends no
 * execution counts, so output is the evidence that a cell ran).
 */
function expectClean(notebook: Notebook, silent: string[] = []): void {
  for (const c of notebook.cells.filter((c) => c.cell_type === 'code')) {
    const outputs = c.outputs ?? [];
    expect({ id: c.id, errors: outputs.filter((o) => o.output_type === 'error') }).toEqual({ id: c.id, errors: [] });
    if (!silent.includes(c.id)) expect({ id: c.id, outputs: outputs.length > 0 }).toEqual({ id: c.id, outputs: true });
  }
}

/** Runs a committed template once (beforeAll) and checks what every template must be. */
function template(file: string): () => ExecutedNotebook {
  const path = join(ROOT, 'notebooks', file);
  let run: ExecutedNotebook | undefined;
  let before: string;
  beforeAll(() => {
    requireEnvironment();
    before = sha256(path);
    run = executeNotebook(relative(ROOT, path));
  }, 4 * TEMPLATE_BUDGET_MS);

  test('the committed template has no outputs, starts with the edit-here cell, and is not rewritten', () => {
    const committed = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
    expect(committed.metadata.kernelspec?.name).toBe('tslab');
    expect(committed.cells.every((c) => !c.outputs || c.outputs.length === 0)).toBe(true);
    const ids = committed.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const firstCode = committed.cells.find((c) => c.cell_type === 'code')!;
    expect(text(firstCode.source)).toMatch(/^\/\/ ✎ EDIT HERE/);
    expect(sha256(path)).toBe(before);
  });

  test('executes clean (its time printed beside the 20 s it should take)', () => {
    expectClean(run!.notebook, ['edit-here']);
    process.stdout.write(`notebook ${file}: executed in ${run!.seconds.toFixed(1)} s (goal ${TEMPLATE_BUDGET_MS / 1000} s)\n`);
  });

  return () => run as ExecutedNotebook;
}

/** The one display of a cell that carries a RelaxLab result: four MIME types, a valid chart. */
function resultDisplay<T>(notebook: Notebook, id: string, index = 0): T & { kind: string } {
  const displays = displaysOf(cell(notebook, id)).filter((d) => RELAXLAB_RESULT_MIME in d);
  const data = displays[index];
  expect(Object.keys(data).sort()).toEqual(MIMES);
  expect(vegaLiteSchemaErrors(data[VEGALITE_V5_MIME])).toBe('');
  return data[RELAXLAB_RESULT_MIME] as T & { kind: string };
}

type Est = { value: number; stderr: number };
/** |found − truth| within k standard errors (the fit's own). */
const within = (e: Est, truth: number, k = 3) =>
  expect({ found: e.value, truth, off: Math.abs(e.value - truth) <= k * e.stderr }).toEqual({ found: e.value, truth, off: true });

const MIL121_TRUTH = JSON.parse(readFileSync(join(ROOT, 'examples', 'mil121', 'nmr', 'truth.json'), 'utf8'));
/** The generating parameters of examples/mil121/generate-conductivity.mjs (published energies). */
const SIGMA_T_eV = { Li: [1.01, 0.28], Na: [1.23, 0.36] };
const JONSCHER_P = 0.66;

describeNotebooks('notebooks/01-transient-T1.ipynb (17O LAMOX, raw Bruker experiment)', () => {
  const run = template('01-transient-T1.ipynb');

  test("reads the 15 delays from the raw ser in TopSpin's intrng region, and says where the headers disagree", () => {
    const out = stdoutOf(cell(run().notebook, 'read'));
    expect(out).toContain('bruker-experiment: 15 delays, 0.000005 s to 0.3 s');
    expect(out).toContain('region 631.2 to 515.3 ppm (intrng), height');
    expect(out).toMatch(/TD_INDIRECT\[1\] 14.*using 15/);
  });

  test("the textbook fit of the raw heights is ONE output with four MIME types and agrees with TopSpin's T1 = 2.658 ms", () => {
    const displays = displaysOf(cell(run().notebook, 'fit-mono'));
    expect(displays).toHaveLength(1);
    const payload = resultDisplay<{ params: { T1: Est }; sample: string }>(run().notebook, 'fit-mono');
    expect(payload.kind).toBe('FitResult');
    expect(payload.sample).toBe('LAMOX, 17O saturation recovery');
    within(payload.params.T1, 2.658e-3, 1);
    expect(Math.abs(payload.params.T1.value / 2.658e-3 - 1)).toBeLessThan(0.05);
    expect(text(displays[0]['text/html'] as string | string[])).toMatch(/2\.7\d ± 0\.\d\d ms/);
    // TopSpin's relaxation module output of the same experiment, fitted the same way
    expect(stdoutOf(cell(run().notebook, 'topspin'))).toContain("TopSpin's heights: T1 = 2.658 ms");
  });

  test('the model comparison finds the incomplete saturation (a ≈ 0.82) and shows chart, tables and report', () => {
    const payload = resultDisplay<{ comparison: { preferred: string }; best: { params: Record<string, { value: number }> } }>(
      run().notebook,
      'analysis',
    );
    expect(payload.kind).toBe('TransientAnalysis');
    expect(payload.comparison.preferred).toMatch(/^saturation-recovery/);
    expect(payload.best.params.a.value).toBeGreaterThan(0.7);
    expect(payload.best.params.a.value).toBeLessThan(0.9);
    const [data] = displaysOf(cell(run().notebook, 'analysis'));
    expect(text(data['text/html'] as string | string[])).toContain('(preferred)');
    expect(text(data['text/plain'] as string | string[])).toContain('[[Model Comparison]]');
    expect(stdoutOf(cell(run().notebook, 'summary'))).toMatch(/preferred by BIC[\s\S]*T1\S* = [0-9.]+ ± [0-9.]+ (ms|µs)/);
  });
});

describeNotebooks('notebooks/02-vt-series-rates.ipynb (synthetic Bruker VT series)', () => {
  const run = template('02-vt-series-rates.ipynb');

  test('reads seven experiments sorted by their acqus temperature', () => {
    expect(stdoutOf(cell(run().notebook, 'read'))).toContain(
      'vt-series: 7 transients at 200.0, 213.3, 228.6, 246.2, 266.7, 290.9, 320.0 K',
    );
  });

  test('the transients are one Vega-Lite chart with a text fallback', () => {
    const [data] = displaysOf(cell(run().notebook, 'fits'));
    expect(Object.keys(data).sort()).toEqual([VEGALITE_V5_MIME, 'text/plain']);
    expect(vegaLiteSchemaErrors(data[VEGALITE_V5_MIME])).toBe('');
  });

  test('the flank of the rates gives the generating (β − 1)·Ea = 0.20 eV within 3σ', () => {
    const payload = resultDisplay<{ activationEnergy_eV: Est; n: number }>(run().notebook, 'arrhenius');
    expect(payload.kind).toBe('ArrheniusResult');
    expect(payload.n).toBe(5);
    within(payload.activationEnergy_eV, MIL121_TRUTH.rates.soaked.lowTemperatureFlank_eV);
    expect(displaysOf(cell(run().notebook, 'arrhenius'))).toHaveLength(2);
    expect(stdoutOf(cell(run().notebook, 'summary'))).toMatch(/low-T flank: Ea = 0\.19\d+ ± 0\.00\d+ eV from 5 points/);
  });
});

describeNotebooks('notebooks/03-arrhenius-bpp.ipynb (7Li R1 and R1ρ of soaked MIL-121)', () => {
  const run = template('03-arrhenius-bpp.ipynb');

  test('flanks of both series: a RateAnalysis display', () => {
    const payload = resultDisplay<{ series: unknown[]; arrhenius: unknown[] }>(run().notebook, 'flanks');
    expect(payload.kind).toBe('RateAnalysis');
    expect(payload.series).toHaveLength(2);
    expect(payload.arrhenius).toHaveLength(2);
    expect(stdoutOf(cell(run().notebook, 'summary'))).toMatch(/R1rho 7Li 20 kHz: low-T flank Ea = 0\.19\d+ ± /);
  });

  test('the joint fit recovers the generating β = 1.7 and flank 0.20 eV within 3σ, and keeps its series', () => {
    const payload = resultDisplay<{ beta: Est; lowTemperatureFlank_eV: Est; activationEnergy_eV: Est; series: unknown[] }>(
      run().notebook,
      'bpp',
    );
    expect(payload.kind).toBe('JointBppResult');
    expect(payload.series).toHaveLength(2);
    within(payload.beta, MIL121_TRUTH.rates.beta);
    within(payload.lowTemperatureFlank_eV, MIL121_TRUTH.rates.soaked.lowTemperatureFlank_eV);
    within(payload.activationEnergy_eV, MIL121_TRUTH.rates.soaked.activationEnergy_eV);
  });
});

describeNotebooks('notebooks/04-line-narrowing.ipynb (static 7Li line of dry MIL-121)', () => {
  const run = template('04-line-narrowing.ipynb');

  test('recovers the rigid-lattice width and the onset temperature the widths were made with', () => {
    const payload = resultDisplay<{ rigidLatticeWidth_Hz: Est; onset: { temperature_K: Est }; series: { points: unknown[] } }>(
      run().notebook,
      'fit',
    );
    expect(payload.kind).toBe('LineNarrowingResult');
    expect(payload.series.points).toHaveLength(27);
    within(payload.rigidLatticeWidth_Hz, MIL121_TRUTH.linewidth.rigidLatticeWidth_Hz);
    within(payload.onset.temperature_K, MIL121_TRUTH.linewidth.onset_K);
    expect(stdoutOf(cell(run().notebook, 'summary'))).toMatch(/onset = 39\d\.\d+ ± 0\.\d+ K \(12\d\.\d °C\)/);
  });
});

describeNotebooks('notebooks/05-impedance-conductivity.ipynb (dummy cells, isotherms, σT)', () => {
  const run = template('05-impedance-conductivity.ipynb');

  test("the three dummy cells reproduce impedance.py's reference values (shared/data/README.md)", () => {
    const reference = [
      [29.14, 46.65, 1.043e-5],
      [150.3, 502.5, 3.11e-8],
      [1506, 4632, 2.018e-8],
    ];
    reference.forEach((values, k) => {
      const payload = resultDisplay<{ parameters: Record<string, Est> }>(run().notebook, 'circuits', k);
      expect(payload.kind).toBe('CircuitFitResult');
      const found = ['R0', 'R1', 'C1'].map((n) => payload.parameters[n].value);
      // to the significant digits the reference table gives
      const digits = (x: number) => x.toExponential().split('e')[0].replace(/[.-]/g, '').length;
      found.forEach((v, i) => expect(Number(v.toPrecision(digits(values[i])))).toBe(values[i]));
    });
  });

  test('the Jonscher exponent of every isotherm is the generating p = 0.66 (within 0.01: the electrode arc biases it low)', () => {
    const payload = resultDisplay<{ fits: Array<{ exponent: Est }> }>(run().notebook, 'isotherms');
    expect(payload.kind).toBe('JonscherIsotherms');
    expect(payload.fits).toHaveLength(4);
    for (const f of payload.fits) expect(Math.abs(f.exponent.value - JONSCHER_P)).toBeLessThan(0.01);
  });

  test('the same spectra as a temperature series: the one block is the bulk at every temperature (with the note on its large C·l/A), σT Ea = 0.28 eV of the generating line within 0.005 eV', () => {
    const payload = resultDisplay<{
      points: Array<{ resistance: string }>;
      blocks: Array<{ roles: string[]; arrhenius: { activationEnergy_eV: Est } }>;
      warnings: string[];
    }>(run().notebook, 'impedance-series');
    expect(payload.kind).toBe('ImpedanceSeriesAnalysis');
    expect(payload.points.map((p) => p.resistance)).toEqual(['R1', 'R1', 'R1', 'R1']);
    expect(payload.blocks[0].roles).toEqual(['bulk', 'bulk', 'bulk', 'bulk']);
    expect(Math.abs(payload.blocks[0].arrhenius.activationEnergy_eV.value - SIGMA_T_eV.Li[1])).toBeLessThan(0.005);
    expect(payload.warnings.join(' ')).toMatch(/a dispersive \(Jonscher\) bulk fitted with a CPE/);
  });

  test('σT: two regimes per ion with the generating energies within 3σ', () => {
    const li = resultDisplay<{ segments: Array<{ activationEnergy_eV: Est }> }>(run().notebook, 'sigmaT');
    expect(li.kind).toBe('SegmentedArrheniusResult');
    li.segments.forEach((s, k) => within(s.activationEnergy_eV, SIGMA_T_eV.Li[k]));
    const charts = displaysOf(cell(run().notebook, 'sigmaT'));
    expect(charts).toHaveLength(2);
    expect(vegaLiteSchemaErrors(charts[1][VEGALITE_V5_MIME])).toBe('');
    expect(stdoutOf(cell(run().notebook, 'summary'))).toMatch(/Na⁺-soaked MIL-121: sigmaT Ea 1\.2\d+ ± \S+ eV → 0\.3\d+ ± \S+ eV/);
  });
});

describeNotebooks('notebooks/06-nmr-dc-crosslink.ipynb (MIL-121/Li)', () => {
  const run = template('06-nmr-dc-crosslink.ipynb');

  test('n = 1 − Ea,NMR/Ea,DC ≈ 0.3 and the kink reading 1 − 0.28/1.01, each within 3σ', () => {
    const payload = resultDisplay<{ ngai: { fromNmrVsDc: Est; fromConductivityKink: Est } }>(run().notebook, 'crosslink');
    expect(payload.kind).toBe('CrossLinkResult');
    within(payload.ngai.fromNmrVsDc, 1 - 0.2 / 0.28);
    within(payload.ngai.fromConductivityKink, 1 - SIGMA_T_eV.Li[1] / SIGMA_T_eV.Li[0]);
  });
});

describeNotebooks('notebooks/08-md-transport.ipynb (Li6PS5Cl AIMD)', () => {
  const run = template('08-md-transport.ipynb');

  test('D*(Li) over 2–7 ps within its σ of the README reference 1.45e-5 cm²/s; σ_coll undetermined', () => {
    const payload = resultDisplay<{ D_tracer_cm2_per_s: Est; sigma_collective_S_per_cm: Est }>(run().notebook, 'analyze');
    expect(payload.kind).toBe('TrajectoryTransport');
    within(payload.D_tracer_cm2_per_s, 1.45e-5, 1);
    expect(payload.sigma_collective_S_per_cm.stderr).toBeGreaterThan(Math.abs(payload.sigma_collective_S_per_cm.value));
    expect(stdoutOf(cell(run().notebook, 'synthetic'))).toMatch(/rigid pairs: D\* = .*H_R = 0\.\d/);
  });
});

describeNotebooks('notebooks/07-mil121-worked-example.ipynb (end to end)', () => {
  const run = template('07-mil121-worked-example.ipynb');

  test('every display carries its result kind', () => {
    const kinds = ['nmr', 'narrowing', 'isotherms', 'crosslink'].flatMap((id) =>
      displaysOf(cell(run().notebook, id)).map((d) => (d[RELAXLAB_RESULT_MIME] as { kind: string }).kind),
    );
    expect(kinds).toEqual(['JointBppResult', 'JointBppResult', 'LineNarrowingResult', 'JonscherIsotherms', 'CrossLinkResult']);
  });

  test('prints Ea values that match the generating parameters of the example', () => {
    const rows = new Map(
      stdoutOf(cell(run().notebook, 'summary'))
        .split('\n')
        .map((line) => /^(.+?)\s{2,}(-?[0-9.]+) ± ([0-9.]+)\s+\S+$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1].trim(), { value: Number(m[2]), stderr: Number(m[3]) }]),
    );
    const truth = MIL121_TRUTH;
    const expected: Array<[string, number]> = [
      ['7Li low-T flank, dry (eV)', truth.rates.dry.lowTemperatureFlank_eV],
      ['7Li low-T flank, soaked (eV)', truth.rates.soaked.lowTemperatureFlank_eV],
      ['7Li rigid-lattice width (kHz)', truth.linewidth.rigidLatticeWidth_Hz / 1e3],
      ['7Li narrowing onset (°C)', truth.linewidth.onset_K - 273.15],
      ['Li σT Ea regime I (eV)', SIGMA_T_eV.Li[0]],
      ['Li σT Ea regime II (eV)', SIGMA_T_eV.Li[1]],
      ['Na σT Ea regime I (eV)', SIGMA_T_eV.Na[0]],
      ['Na σT Ea regime II (eV)', SIGMA_T_eV.Na[1]],
      ['Ngai n = 1 − Ea(II)/Ea(I) (Li)', 1 - SIGMA_T_eV.Li[1] / SIGMA_T_eV.Li[0]],
      ['Ngai n = 1 − Ea,NMR/Ea,DC (Li)', 1 - truth.rates.soaked.lowTemperatureFlank_eV / 0.28],
    ];
    for (const [quantity, value] of expected) {
      expect({ quantity, printed: rows.has(quantity) }).toEqual({ quantity, printed: true });
      within(rows.get(quantity) as Est, value);
    }
    // the weighted mean of the isotherms' p: electrode-biased like each of them (see template 05)
    expect(Math.abs((rows.get('Jonscher p (Li)') as Est).value - JONSCHER_P)).toBeLessThan(0.01);
  });

  test("prints Davies' kink test per ion: the σT kinks at 323 K are real (p ≤ 1e-6 near 323 K)", () => {
    const text = stdoutOf(cell(run().notebook, 'summary'));
    for (const ion of ['Li', 'Na']) {
      const m = new RegExp(`${ion}\\S* σT kink test \\(Davies\\)\\s+p ≤ ([0-9.]+(?:e-\\d+)?) at ([0-9.]+) K`).exec(text);
      expect({ ion, printed: m !== null }).toEqual({ ion, printed: true });
      const [, p, kink_K] = (m as RegExpExecArray).map(Number);
      expect(p).toBeLessThan(1e-6);
      expect(Math.abs(kink_K - 323)).toBeLessThan(10);
    }
  });
});

describeNotebooks(
  'notebooks/09-relaxation-distributions.ipynb (ILT of the LAMOX recovery, synthetic recoveries, DRT of a dummy cell)',
  () => {
    const run = template('09-relaxation-distributions.ipynb');
    type Peak = { tau_s: Est; fraction: Est; resistance_ohm: Est };
    type Distribution = { peaks: Peak[]; warnings: string[]; comparison: { preferred: string; rows: Array<{ label: string }> } };

    test("LAMOX: the main peak is the preferred fit's T1 and the fraction it reached (a), within 3σ; the incomplete saturation is the fastest peak, below the first delay", () => {
      const ilt = resultDisplay<Distribution>(run().notebook, 'ilt');
      expect(ilt.kind).toBe('RelaxationDistribution');
      expect(ilt.comparison.rows.some((r) => r.label.startsWith('ILT (λ = '))).toBe(true);
      const analysis = resultDisplay<{ comparison: { preferred: string }; best: { params: Record<string, Est> } }>(run().notebook, 'fits');
      expect(analysis.kind).toBe('TransientAnalysis');
      expect(analysis.comparison.preferred).toMatch(/^saturation-recovery \[M_inf, T1, a/);
      const { T1, a } = analysis.best.params;
      const main = ilt.peaks.reduce((p, q) => (q.fraction.value > p.fraction.value ? q : p));
      within(main.tau_s, T1.value);
      within(main.fraction, a.value);
      expect(ilt.peaks[0].tau_s.value).toBeLessThan(5e-6); // the first delay: 5 µs
      within(ilt.peaks[0].fraction, 1 - a.value);
      expect(stdoutOf(cell(run().notebook, 'ilt-vs-fits'))).toMatch(/main ILT peak τ +4\.\d+ ± 0\.\d+ ms/);
    });

    test('two populations (2 ms, 60 ms, 35:65, SNR 300): two peaks within 15 %, fractions within 0.05, no warning', () => {
      const two = resultDisplay<Distribution>(run().notebook, 'two-populations');
      expect(two.peaks).toHaveLength(2);
      [2e-3, 60e-3].forEach((T1, k) => expect(Math.abs(two.peaks[k].tau_s.value / T1 - 1)).toBeLessThan(0.15));
      [0.35, 0.65].forEach((f, k) => expect(Math.abs(two.peaks[k].fraction.value - f)).toBeLessThan(0.05));
      expect(two.warnings).toEqual([]);
    });

    test('one stretched population (β = 0.4, SNR 30): the ILT is warned about (β < 0.7 and SNR < 40), in the payload and the chart', () => {
      const stretched = resultDisplay<Distribution>(run().notebook, 'stretched');
      expect(stretched.warnings.join(' ')).toMatch(/β = 0\.\d+ < 0\.7/);
      expect(stretched.warnings.join(' ')).toMatch(/SNR = \d+ < 40/);
      const [data] = displaysOf(cell(run().notebook, 'stretched'));
      expect(JSON.stringify((data[VEGALITE_V5_MIME] as { title: unknown }).title)).toContain(
        '⚠ the data look like a stretched exponential',
      );
    });

    test("DRT of dummy cell 1: one peak with > 90 % of ∫γ at the circuit's R1·C1 within 5 %, its area R1 within 5 %, R∞ = R0 within 1 %", () => {
      const drt = resultDisplay<Distribution & { R_inf_ohm: Est }>(run().notebook, 'drt');
      expect(drt.kind).toBe('DrtResult');
      const main = drt.peaks.reduce((p, q) => (q.resistance_ohm.value > p.resistance_ohm.value ? q : p));
      expect(main.fraction.value).toBeGreaterThan(0.9);
      // impedance.py's reference fit of the cell (shared/data/README.md): R0 29.14 Ω, R1 46.65 Ω, C1 1.043e-5 F
      expect(Math.abs(main.tau_s.value / (46.65 * 1.043e-5) - 1)).toBeLessThan(0.05);
      expect(Math.abs(main.resistance_ohm.value / 46.65 - 1)).toBeLessThan(0.05);
      expect(Math.abs(drt.R_inf_ohm.value / 29.14 - 1)).toBeLessThan(0.01);
      expect(stdoutOf(cell(run().notebook, 'drt-vs-circuit'))).toMatch(/DRT peak τ +\(4\.\d+ ± 0\.\d+\)e-4 s/);
    });
  },
);

describeNotebooks('a sample named <img src=x onerror=alert(1)> is displayed as text', () => {
  const EVIL = '<img src=x onerror=alert(1)>';
  // under the repo root, where tslab resolves @relaxlab/kernel (test-artifacts/ is gitignored)
  const dir = join(ROOT, 'test-artifacts', `notebooks-${process.pid}`);
  let run: ExecutedNotebook;

  beforeAll(() => {
    requireEnvironment();
    mkdirSync(dir, { recursive: true });
    const code = (id: string, source: string) => ({ cell_type: 'code', id, metadata: {}, execution_count: null, outputs: [], source });
    const notebook = {
      cells: [
        code(
          'setup',
          'import * as rl from "@relaxlab/kernel";\nconst transient = rl.readTransient("../../examples/17O-satrec-lamox/ct1t2.txt");',
        ),
        code('show', `rl.show(rl.fitTransient(transient), { sample: ${JSON.stringify(EVIL)} });`),
      ],
      metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(join(dir, 'sample-name-escaping.ipynb'), JSON.stringify(notebook));
    run = executeNotebook(relative(ROOT, join(dir, 'sample-name-escaping.ipynb')));
  }, 4 * TEMPLATE_BUDGET_MS);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('HTML carries the escaped name and no element; the chart draws it as SVG text', async () => {
    expectClean(run.notebook, ['setup']);
    const [data] = displaysOf(cell(run.notebook, 'show'));
    const html = text(data['text/html'] as string | string[]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    const spec = data[VEGALITE_V5_MIME] as { title: { text: string } } & Record<string, unknown>;
    expect(spec.title.text).toBe(EVIL);
    const svg = await toSVG(spec as never);
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
