/**
 * `relaxlab study` end to end on the MIL-121 worked example (examples/mil121: synthetic 7Li T1 and
 * T1rho transients made from nmr/truth.json): the numbers against the truth they were made from,
 * results.json identical across runs apart from the timestamp, the report opened in Chromium
 * (plots and Ea values there), partial success with a corrupt experiment (exit 3, nothing written
 * into the input folder), and bad input. The first study and the partial one run the BUILT command
 * (packages/cli/dist/main.js) as a process, for its exit status and its quiet stderr off a TTY;
 * the others call the CLI's main() in this process (test/support/cli.ts).
 */
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { formatEstimate } from '@relaxlab/core';
import type { Estimate } from '@relaxlab/core';
import type { StudyResult } from '../packages/cli/src/study/results';
import { cliScratchFolder, nonEmptyLines as lines, ROOT, Run, runMain, runRelaxlab } from './support/cli';
import { browserTest } from './support/tiers';

const EXAMPLE = join('examples', 'mil121');
const TRUTH = JSON.parse(readFileSync(join(ROOT, EXAMPLE, 'nmr', 'truth.json'), 'utf8'));
const CHROMIUM = '/usr/bin/chromium';

const relaxlab = (args: string[], env: Record<string, string> = {}): Promise<Run> => runMain(args, env);

/** Every file under a folder with its SHA-256 (the input folder before and after a run). */
function folderHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    try {
      out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
    } catch {
      out[name] = 'folder';
    }
  }
  return out;
}

/** |value − truth| within k standard errors. */
function within(e: Estimate | null | undefined, truth: number, k = 3): void {
  expect(e).toBeTruthy();
  expect(e?.stderr).toBeGreaterThan(0);
  expect(Math.abs((e as Estimate).value - truth)).toBeLessThan(k * ((e as Estimate).stderr as number));
}

const withoutTimestamps = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !/"createdAt": /.test(l))
    .join('\n');

const scratch = cliScratchFolder('relaxlab-cli-study-');
let run1: Run;
let run2: Run;
let result: StudyResult;
const out1 = () => join(scratch.dir, 'out1');
const out2 = () => join(scratch.dir, 'out2');
let inputsBefore: Record<string, string>;

beforeAll(async () => {
  inputsBefore = folderHashes(join(ROOT, EXAMPLE));
  run1 = runRelaxlab(['study', EXAMPLE, '-o', out1()], {}, 60_000);
  // the second run fixes its timestamp the reproducible-builds way
  run2 = await relaxlab(['study', join(EXAMPLE, 'transients'), '--config', join(EXAMPLE, 'study.json'), '-o', out2(), '--json'], {
    SOURCE_DATE_EPOCH: '1767225600',
  });
  result = JSON.parse(readFileSync(join(out1(), 'results.json'), 'utf8'));
});

describe('relaxlab study examples/mil121', () => {
  test('exits 0 and writes results.json, rates.csv and report.html; nothing on stderr (not a TTY: no progress bar)', () => {
    expect(run1.stderr).toBe('');
    expect(run1.status).toBe(0);
    for (const f of ['results.json', 'rates.csv', 'report.html']) expect(existsSync(join(out1(), f))).toBe(true);
    expect(result.status).toBe('complete');
    expect(result.failed).toEqual([]);
    expect(result.inputs).toHaveLength(28);
    expect(result.ignored).toEqual(['README.md']);
    expect(result.transients.every((t) => t.fit.converged)).toBe(true);
    expect(result.rateSeries.map((s) => [s.label, s.points.length])).toEqual([
      ['R1 7Li 116.6 MHz', 14],
      ['R1rho 7Li 20 kHz', 14],
    ]);
  });

  test('the input folder is left exactly as it was', () => {
    expect(folderHashes(join(ROOT, EXAMPLE))).toEqual(inputsBefore);
  });

  test('the joint BPP fit recovers Ea, β, τ0 and the low-T flank of nmr/truth.json within 3σ', () => {
    const bpp = result.bpp?.result;
    within(bpp?.activationEnergy_eV, TRUTH.rates.soaked.activationEnergy_eV);
    within(bpp?.beta, TRUTH.rates.beta);
    within(bpp?.tau0_s, TRUTH.rates.tau0_s);
    within(bpp?.lowTemperatureFlank_eV, TRUTH.rates.soaked.lowTemperatureFlank_eV);
    expect(result.bpp?.series).toEqual(['R1 7Li 116.6 MHz', 'R1rho 7Li 20 kHz']);
  });

  test('the seeded bootstrap agrees with the covariance standard error of Ea (within a factor 2)', () => {
    const boot = result.bpp?.bootstrap;
    expect(boot?.seed).toBe(1);
    expect(boot?.succeeded).toBeGreaterThan(190);
    const ratio = (boot?.parameters.Ea_eV.sd as number) / (result.bpp?.result.activationEnergy_eV?.stderr as number);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  test('the low-T flanks of both series give the published 0.20 eV within the 2 % curvature bias of a flank fit', () => {
    for (const series of ['R1 7Li 116.6 MHz', 'R1rho 7Li 20 kHz']) {
      const low = result.arrhenius.find((a) => a.series === series)?.lines.find((l) => l.side === 'low');
      expect(low?.from).toBe('flank');
      expect(Math.abs((low?.arrhenius.activationEnergy_eV.value as number) / TRUTH.rates.soaked.lowTemperatureFlank_eV - 1)).toBeLessThan(
        0.02,
      );
    }
  });

  test('the R1ρ high-T flank leaves its curved candidates 220.8–400 K for 220.8–284.6 K, and says what it cannot show', () => {
    const rho = result.arrhenius.find((a) => a.series === 'R1rho 7Li 20 kHz');
    const high = rho?.lines.find((l) => l.side === 'high');
    expect(high?.window_K).toEqual([220.8, 284.6]);
    expect(high?.straightness).toMatchObject({ candidateWindow_K: [220.8, 400], candidates: 5, moved: true, pValue: null });
    // 0.283 eV where the candidates gave 0.235 ± 0.014: within 1 % of the generating Ea, yet beyond 3 of its own σ
    // (the J(ω0) terms leave no straight stretch at Ea in these data), so both warnings say so
    const ea = high?.arrhenius.activationEnergy_eV as Estimate;
    const truth = TRUTH.rates.soaked.activationEnergy_eV;
    expect(Math.abs(ea.value / truth - 1)).toBeLessThan(0.01);
    expect(Math.abs(ea.value - truth)).toBeGreaterThan(3 * (ea.stderr as number));
    expect(rho?.warnings).toContainEqual(
      expect.stringMatching(
        /^high-T flank: curved over the candidates 220\.8–400 K \(.*\); moved to 220\.8–284\.6 K, where 3 points cannot show whether it is straight/,
      ),
    );
    expect(result.warnings).toContainEqual(
      expect.stringMatching(
        /^BPP: R1rho 7Li 20 kHz: the high-T flank over 220\.8–284\.6 K gives Ea = 0\.283\d+ ± 0\.\d+ eV, \d+\.\dσ from the asymptote of the asymmetric-bpp fit/,
      ),
    );
  });

  test('the cross-link sets the NMR flank beside σT: n = 1 − Ea,NMR/Ea,DC ≈ 0.29 and n ≈ 0.72 from the kink, within 3σ', () => {
    const link = result.crossLink?.result;
    // conductivity/README.md: Ea(I) = 1.01 eV, Ea(II) = 0.28 eV
    within(link?.ngai.fromNmrVsDc, 1 - TRUTH.rates.soaked.lowTemperatureFlank_eV / 0.28);
    within(link?.ngai.fromConductivityKink, 1 - 0.28 / 1.01);
    expect(link?.regimes[link.comparedRegime].regime).toBe('II');
    expect(result.crossLink?.conductivityFile.name).toBe('conductivity/li-conductivity.json');
  });

  test("results.json carries Davies' kink test of the σT series: p < 1e-6 for the 323 K kink, ΔEa = Ea(I) − Ea(II) within 3σ", () => {
    const sigmaT = result.crossLink?.result.conductivityArrhenius;
    const k = sigmaT?.kinkTest;
    expect(k).toBeTruthy();
    expect(k?.pValue).toBeLessThan(1e-6);
    // the candidate nearest the fitted kink, and the fitted regimes' energy drop (conductivity/README.md: 1.01 → 0.28 eV)
    const fitted = sigmaT?.breakpoints[0].temperature_K.value as number;
    const grid = k?.process.kink_K as number[];
    expect(Math.abs((k?.kink_K as number) - fitted)).toBeLessThanOrEqual(Math.max(...grid.slice(1).map((t, i) => t - grid[i])));
    within(k?.energyChange_eV, 1.01 - 0.28, 3);
  });

  test('rates.csv holds one row per transient with R = 1/T', () => {
    const csv = readFileSync(join(out1(), 'rates.csv'), 'utf8');
    const rows = lines(csv).filter((l) => !l.startsWith('#'));
    expect(rows[0]).toBe(
      'series,experiment,nucleus,larmor_MHz,spinlock_kHz,T (K),rate (1/s),sigma (1/s),time constant,value (s),stderr (s),model,reduced chi-square,converged,input',
    );
    expect(rows).toHaveLength(29);
    for (const row of rows.slice(1)) {
      const c = row.split(',');
      expect(Number(c[6]) * Number(c[9])).toBeCloseTo(1, 12);
    }
  });
});

describe('reproducibility', () => {
  test('the same study run twice gives byte-identical results.json apart from the timestamp, and identical rates.csv', () => {
    expect(run2.status).toBe(0);
    const a = readFileSync(join(out1(), 'results.json'), 'utf8');
    const b = readFileSync(join(out2(), 'results.json'), 'utf8');
    expect(a).not.toBe(b); // the timestamps differ ...
    expect(withoutTimestamps(a)).toBe(withoutTimestamps(b)); // ... and nothing else
    expect(readFileSync(join(out1(), 'rates.csv'))).toEqual(readFileSync(join(out2(), 'rates.csv')));
  });

  test('SOURCE_DATE_EPOCH fixes every timestamp; --json prints one summary document', () => {
    const b: StudyResult = JSON.parse(readFileSync(join(out2(), 'results.json'), 'utf8'));
    expect(b.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(b.transients[0].fit.provenance.createdAt).toBe(b.createdAt);
    const summary = JSON.parse(run2.stdout);
    expect(summary.kind).toBe('StudySummary');
    expect(summary.status).toBe('complete');
    expect(summary.bpp.activationEnergy_eV).toEqual(b.bpp?.result.activationEnergy_eV);
  });
});

describe('report.html', () => {
  let html: string;
  beforeAll(() => {
    html = readFileSync(join(out1(), 'report.html'), 'utf8');
  });

  test('is self-contained: no scripts, no external resources', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(/i);
    expect(html.match(/<svg/g)).toHaveLength(3 + 28);
  });

  test('lists every input file with its SHA-256', () => {
    const first = result.inputs[0].files[0];
    expect(html).toContain(first.sha256);
    expect(first.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(ROOT, EXAMPLE, 'transients', first.file)))
        .digest('hex'),
    );
  });

  test("the cross-link table and the σT plot give Davies' p of the kink, as in results.json", () => {
    const k = result.crossLink?.result.conductivityArrhenius.kinkTest;
    const row =
      /<td>kink test \(Davies\)<\/td><td>-<\/td><td>p ≤ ([0-9.]+(?:e-\d+)?) at ([0-9.]+) K, ΔEa = ([0-9.]+) ± ([0-9.]+) eV<\/td>/.exec(
        html,
      );
    expect(row).not.toBeNull();
    const [, p, kink_K] = (row as RegExpExecArray).map(Number);
    // one digit of the mantissa is printed
    expect(Math.abs(p / (k?.pValue as number) - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(kink_K - (k?.kink_K as number))).toBeLessThanOrEqual(0.05 + 1e-9);
    const plots = html.slice(html.indexOf('<section id="plots">'), html.indexOf('</section>', html.indexOf('<section id="plots">')));
    expect(plots).toContain(`(Davies p ≤ ${row?.[1]})`);
  });

  const chromium = existsSync(CHROMIUM) ? browserTest : test.skip;
  chromium(
    'opens in Chromium offline with the plots and the activation energies; screenshot in test-artifacts/',
    async () => {
      // loaded here, not at the top: playwright only where this test runs (support/browser.ts: the flags of ../shared/NOTES-jupyter.md)
      const { launchChromium } = await import('./support/browser');
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        const requests: string[] = [];
        page.on('request', (r: { url(): string }) => requests.push(r.url()));
        await page.goto(`file://${join(out1(), 'report.html')}`);
        expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
        expect(await page.locator('#plots svg').count()).toBe(3);
        expect(await page.locator('#transients svg').count()).toBe(28);
        // the plots were drawn: the rate chart holds the 28 points and its axes
        expect(await page.locator('#plots svg').first().locator('path').count()).toBeGreaterThan(28);
        const text: string = await page.locator('body').innerText();
        const bpp = result.bpp?.result;
        for (const e of [
          bpp?.activationEnergy_eV,
          bpp?.lowTemperatureFlank_eV,
          ...result.arrhenius.flatMap((a) => a.lines.map((l) => l.arrhenius.activationEnergy_eV)),
        ]) {
          expect(text).toContain(formatEstimate(e as Estimate, 'eV'));
        }
        expect(await page.locator('#summary tbody tr').count()).toBe(3 + 2 + 2);
        mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'test-artifacts', 'study-report.png') });
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

describe('partial success: one corrupt experiment among good ones', () => {
  let data: string;
  let run: Run;
  let before: Record<string, string>;
  let partial: StudyResult;
  const corrupt = 't1-satrec-300.0K-<corrupt>&.csv';

  beforeAll(() => {
    data = join(scratch.dir, 'vt-series');
    cpSync(join(ROOT, EXAMPLE, 'transients'), data, { recursive: true });
    writeFileSync(
      join(data, corrupt),
      '# experiment: T1-saturation\n# nucleus: 7Li\n# larmor_MHz: 116.6\n# temperature_K: 300\ndelay (s), signal\n0.1, 5\n0.2, #REF!\n0.3, 7\n',
    );
    writeFileSync(
      join(data, 't1-satrec-no-temperature.csv'),
      '# experiment: T1-saturation\n# nucleus: 7Li\n# larmor_MHz: 116.6\ndelay (s), signal\n0.1, 5\n0.2, 6\n0.4, 7\n0.8, 7.5\n',
    );
    before = folderHashes(data);
    run = runRelaxlab(['study', data, '--config', join(EXAMPLE, 'study.json'), '-o', join(scratch.dir, 'partial')], {}, 60_000);
    partial = JSON.parse(readFileSync(join(scratch.dir, 'partial', 'results.json'), 'utf8'));
  });

  test('exit code 3, one stderr line per failed input naming it and the reason', () => {
    expect(run.status).toBe(3);
    const err = lines(run.stderr);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/^relaxlab: warning: t1-satrec-300\.0K-<corrupt>&\.csv: not read: .*signal.*not a number/);
    expect(err[1]).toMatch(/^relaxlab: warning: t1-satrec-no-temperature\.csv: not used: .*temperature_K/);
  });

  test('the good experiments are analysed as without the bad ones', () => {
    expect(partial.status).toBe('partial');
    expect(partial.transients).toHaveLength(28);
    expect(partial.bpp?.result.activationEnergy_eV).toEqual(result.bpp?.result.activationEnergy_eV);
    expect(partial.failed.map((f) => [f.name, f.stage])).toEqual([
      [corrupt, 'read'],
      ['t1-satrec-no-temperature.csv', 'transient'],
    ]);
  });

  test('the report lists each failed input with its reason, its name HTML-escaped', () => {
    const html = readFileSync(join(scratch.dir, 'partial', 'report.html'), 'utf8');
    expect(html).toContain('t1-satrec-300.0K-&lt;corrupt&gt;&amp;.csv');
    expect(html).not.toContain('<corrupt>');
    expect(html).toContain('Failed inputs (2)');
    expect(html).toContain('the transient does not say its temperature');
    expect(html).toContain('status partial');
  });

  test('nothing in the input folder is written', () => {
    expect(folderHashes(data)).toEqual(before);
  });
});

describe('bad input and usage: exit 2 with one line on stderr', () => {
  test.each([
    ['no output folder', ['study', EXAMPLE], /-o, --out: no output folder/],
    [
      'an output folder inside the study folder',
      ['study', EXAMPLE, '-o', join(EXAMPLE, 'report')],
      /output folder inside the study folder/,
    ],
    ['a folder that does not exist', ['study', 'examples/no-such-study', '-o', 'x'], /examples\/no-such-study: data folder: not a folder/],
    ['a config that does not exist', ['study', EXAMPLE, '--config', 'nope.json', '-o', 'x'], /nope\.json: file: cannot read file/],
  ])('%s', async (_, args, message) => {
    const r = await relaxlab(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  test('a config with an unknown key names the file and the key', async () => {
    const cfg = join(scratch.dir, 'typo.json');
    writeFileSync(cfg, '{\n  // typo below\n  "bpp": { "shared": ["Ea"] },\n}\n');
    const r = await relaxlab(['study', join(EXAMPLE, 'transients'), '--config', cfg, '-o', join(scratch.dir, 'typo-out')]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `relaxlab: ${cfg}: bpp.shared: unknown key (expected one of enabled, series, spectralDensity, convention, share, background, bootstrap; found "shared")`,
    ]);
    expect(existsSync(join(scratch.dir, 'typo-out'))).toBe(false);
  });

  test('a title with markup is escaped in the report', async () => {
    const cfg = join(scratch.dir, 'markup.json');
    writeFileSync(
      cfg,
      JSON.stringify({ title: 'VT <script>alert(1)</script> & co', bpp: { enabled: false }, report: { transientPlots: false } }),
    );
    const r = await relaxlab(['study', join(EXAMPLE, 'transients'), '--config', cfg, '-o', join(scratch.dir, 'markup-out')]);
    expect(r.status).toBe(0);
    const html = readFileSync(join(scratch.dir, 'markup-out', 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('VT &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
  });
});

describe('--init and --help', () => {
  test('--init prints a commented config naming the rate series found; --init never overwrites', async () => {
    const r = await relaxlab(['study', join(EXAMPLE, 'transients'), '--init']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\/\/ RelaxLab study configuration/);
    expect(r.stdout).toContain('"series": "R1rho 7Li 20 kHz"');
    const target = join(scratch.dir, 'init.json');
    expect((await relaxlab(['study', join(EXAMPLE, 'transients'), '--init', '--config', target])).status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(r.stdout);
    const again = await relaxlab(['study', join(EXAMPLE, 'transients'), '--init', '--config', target]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--config: config file exists/);
  });

  test('relaxlab --help lists study and map with every option, its unit and default', async () => {
    const r = await relaxlab(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('relaxlab study:');
    expect(r.stdout).toContain('relaxlab map:');
    for (const option of [
      '--config <file>',
      '--out <folder>',
      '--init',
      '--delays <list|file>',
      '--delay-unit <unit>',
      '--model <name>',
      '--format <fmt>',
    ])
      expect(r.stdout).toContain(option);
    expect(r.stdout).toMatch(/\(default:\s+"saturation-recovery"\)/);
    const study = (await relaxlab(['study', '--help'])).stdout;
    expect(study).toMatch(/3 partial success/);
  });
});
