/**
 * Output files of TopSpin's T1/T2 relaxation module (pdata/N/ct1t2.txt and t1ints.txt).
 *
 * ct1t2.txt ("SIMFIT RESULTS") holds, per peak: the model line, the number of points and the peak
 * position, TopSpin's fitted parameters (with SI suffixes: 2.658m = 2.658e-3), RSS and SD, and a
 * table Point / Tau / Expt / Calc / Difference with Tau suffixed the same way (5.000u = 5 µs).
 *
 * t1ints.txt has no documentation we know of; its layout was worked out from the 17O LAMOX
 * saturation-recovery data set (shared/data/real/17O-satrec-lamox) and checked against its vdlist,
 * intrng and processed spectra (2rr):
 *
 *   46                        number of lines that follow (15 delays x 3 lines + end marker)
 *   5e-06 0 0                 delay in seconds (equal to the vdlist entry), two zeros
 *   0 0 1                     two zeros, then the number of peak lines that follow (1 here)
 *   8531.77 2.85e+09 8581     per peak: position in points of the processed spectrum (the 2rr
 *                             maximum is at point 8530-8531, inside the intrng region 631.2-515.3
 *                             ppm = points 8466-8595), the region integral (within ~10 % of the
 *                             2rr point sum over that region times the 0.90 ppm point spacing),
 *                             and a third number (8570-8660 here) whose meaning we could not
 *                             establish and which is not used
 *   ...
 *   -1 0 0                    end marker
 *
 * The "number of peak lines" reading of `0 0 1` is an inference from a single-peak file.
 * Note: the two files need not carry the same numbers: this ct1t2.txt is an INTENSITY fit
 * (normalised peak heights), while t1ints.txt holds region integrals.
 */
import { InputError } from '@relaxlab/core';
import { DECIMAL } from '../decimal';
import { makeTransient, withoutUndefined } from '../transient';
import type { TransientExperiment } from '@relaxlab/core';
import type { TopspinFit, TopspinTransient, Transient } from '../types';

export interface TopspinTextOptions {
  /** File the text came from; named in errors and recorded in `source.file`. */
  source: string;
  /** SHA-256 of the file's bytes, recorded in `source.sha256`. */
  sha256?: string;
}

interface Line {
  lineNo: number;
  text: string;
}

const SI_PREFIX_EXPONENT: Record<string, number> = { p: -12, n: -9, u: -6, µ: -6, m: -3, '': 0, k: 3, M: 6 };

/**
 * `2.658m` → 0.002658, `5.000u` → 5e-6, `9.618e-01` → 0.9618; undefined if not a number.
 * Built as a decimal string so that 5.000u is exactly the double 5e-6 a vdlist reader gets.
 */
export function parseSuffixedNumber(text: string): number | undefined {
  const m = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([-+]?\d+))?([pnuµmkM]?)$/.exec(text);
  if (!m) return undefined;
  return Number(`${m[1]}e${Number(m[2] ?? 0) + SI_PREFIX_EXPONENT[m[3]]}`);
}

/** The experiment a TopSpin fit function describes, from its name and formula. */
export function experimentFromModel(model: string): TransientExperiment | undefined {
  if (/saturation|satrec/i.test(model)) return 'T1-saturation';
  if (/inversion|invrec/i.test(model)) return 'T1-inversion';
  if (/t1\s*rho|t1ρ|spin-?\s*lock/i.test(model)) return 'T1rho-spinlock';
  if (/\bT2\b|cpmg/i.test(model)) return 'T2';
  return undefined;
}

function toLines(text: string): Line[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ lineNo: i + 1, text: raw.trim() }))
    .filter((l) => l.text !== '');
}

function suffixedNumber(cell: string, at: { source: string; line: Line; what: string }): number {
  const v = parseSuffixedNumber(cell);
  if (v !== undefined && Number.isFinite(v)) return v;
  // 1e999 reads as Infinity: TopSpin never writes it (its numbers are printf %e of doubles), and a
  // fitted I[0] = Infinity printed beside ours as "(NaN%)" (issue 17, case 6)
  throw new InputError(v === undefined ? 'not a number' : 'number out of range', {
    source: at.source,
    field: `line ${at.line.lineNo} (${at.what})`,
    expected: `a ${v === undefined ? '' : 'finite '}number, optionally with an SI suffix (5.000u, 2.658m)`,
    found: JSON.stringify(cell),
  });
}

// ---------------------------------------------------------------------------------- ct1t2.txt

interface FitModel {
  fitted: string;
  name: string;
  formula?: string;
}

interface PeakSection {
  peak: number;
  peak_ppm?: number;
  nPoints: number;
  line: Line;
  model?: FitModel;
  components: number;
  iterations?: number;
  params: Record<string, number>;
  rss?: number;
  sd?: number;
  delay_s: number[];
  expt: number[];
  calc: number[];
}

const MODEL_LINE = /^(\w+)\s+fit\s*:([^:]*)(?::([\s\S]*))?$/i;
const PEAK_LINE = /^(\d+)\s+points?\s+for\s+peak\s+(\d+)(?:\s*,\s*peak\s+point\s*=\s*(\S+))?/i;
const ITERATIONS = /after\s+(\d+)\s+iterations/i;
const RESULTS = /^Results\b(.*)$/i;
const ASSIGNMENT = /^([A-Za-z][\w[\]]*)\s*=([\s\S]*\S[\s\S]*)$/;
const TABLE_HEADER = /^Point\s+\S+\s+Expt\b/i;
const TABLE_ROW = /^\d+\s+\S+\s+\S+\s+\S+/;

/** Parameter values of one Results line; names get `_k` per component when there are several. */
function assignParams(section: PeakSection, name: string, cells: string[], at: { source: string; line: Line }): void {
  const key = name.replace(/[[\]]/g, '');
  cells.forEach((cell, k) => {
    const value = suffixedNumber(cell, { ...at, what: name });
    section.params[section.components > 1 ? `${key}_${k + 1}` : key] = value;
  });
}

/** One section per "N points for Peak k" line, filled in line by line. */
function scanCt1t2(lines: Line[], source: string): PeakSection[] {
  const sections: PeakSection[] = [];
  let model: FitModel | undefined;
  let state: 'none' | 'results' | 'table' = 'none';
  for (const line of lines) {
    const { text } = line;
    const current = sections[sections.length - 1];
    let m: RegExpExecArray | null;
    if (/^=+$/.test(text)) {
      state = 'none';
    } else if ((m = MODEL_LINE.exec(text))) {
      model = withoutUndefined({ fitted: m[1], name: m[2].trim(), formula: m[3]?.trim() || undefined });
    } else if ((m = PEAK_LINE.exec(text))) {
      const peak_ppm = m[3] === undefined ? undefined : suffixedNumber(m[3], { source, line, what: 'Peak Point' });
      sections.push({
        peak: Number(m[2]),
        peak_ppm,
        nPoints: Number(m[1]),
        line,
        model,
        components: 1,
        params: {},
        delay_s: [],
        expt: [],
        calc: [],
      });
      state = 'none';
    } else if (!current) {
      continue; // title and Dataset lines before the first peak
    } else if ((m = ITERATIONS.exec(text))) {
      current.iterations = Number(m[1]);
    } else if ((m = RESULTS.exec(text))) {
      current.components = Math.max(1, (m[1].match(/Comp\./gi) ?? []).length);
      state = 'results';
    } else if ((m = ASSIGNMENT.exec(text))) {
      const cells = m[2].trim().split(/\s+/);
      if (/^RSS$/i.test(m[1])) current.rss = suffixedNumber(cells[0], { source, line, what: 'RSS' });
      else if (/^SD$/i.test(m[1])) current.sd = suffixedNumber(cells[0], { source, line, what: 'SD' });
      else if (state === 'results') assignParams(current, m[1], cells, { source, line });
    } else if (TABLE_HEADER.test(text)) {
      state = 'table';
    } else if (state === 'table' && TABLE_ROW.test(text)) {
      const [, tau, expt, calc] = text.split(/\s+/);
      current.delay_s.push(suffixedNumber(tau, { source, line, what: 'Tau' }));
      current.expt.push(suffixedNumber(expt, { source, line, what: 'Expt' }));
      current.calc.push(suffixedNumber(calc, { source, line, what: 'Calc' }));
    }
  }
  return sections;
}

function checkSection(s: PeakSection, source: string): asserts s is PeakSection & { model: FitModel; rss: number; sd: number } {
  const fail = (what: string, expected: string, found: string) => {
    throw new InputError('incomplete SIMFIT results', {
      source,
      field: `Peak ${s.peak} (line ${s.line.lineNo}): ${what}`,
      expected,
      found,
    });
  };
  if (!s.model) fail('model', 'an "INTENSITY fit : <function> : <formula>" line before the peak', 'none');
  if (s.delay_s.length !== s.nPoints) fail('points', `${s.nPoints} rows in the Point/Tau/Expt/Calc table`, `${s.delay_s.length}`);
  if (Object.keys(s.params).length === 0) fail('Results', 'fitted parameters such as "T1 = 2.658m"', 'none');
  if (s.rss === undefined) fail('RSS', 'an "RSS = ..." line', 'none');
  if (s.sd === undefined) fail('SD', 'an "SD = ..." line', 'none');
}

/** One transient per peak (Tau → delay_s, Expt → signal) with TopSpin's fit beside it. */
export function parseCt1t2Text(text: string, options: TopspinTextOptions): TopspinTransient[] {
  const { source, sha256 } = options;
  const sections = scanCt1t2(toLines(text), source);
  if (sections.length === 0) {
    throw new InputError('not a TopSpin SIMFIT result', {
      source,
      field: 'Peak',
      expected: 'a "15 points for Peak 1, Peak Point = ..." line (ct1t2.txt of the T1/T2 module)',
      found: 'none',
    });
  }
  return sections.map((s) => {
    checkSection(s, source);
    const topspinFit: TopspinFit = withoutUndefined({
      model: s.model.name,
      formula: s.model.formula,
      fitted: s.model.fitted,
      params: s.params,
      rss: s.rss,
      sd: s.sd,
      iterations: s.iterations,
      calc: s.calc,
    });
    const transient = makeTransient({
      experiment: experimentFromModel(`${s.model.name} ${s.model.formula ?? ''}`),
      delay_s: s.delay_s,
      signal: s.expt,
      source: withoutUndefined({ file: source, sha256, format: 'topspin-ct1t2' as const, peak: s.peak, peak_ppm: s.peak_ppm }),
    });
    return { ...transient, topspinFit };
  });
}

// --------------------------------------------------------------------------------- t1ints.txt

/** One transient per peak: delays in seconds, signal = TopSpin's region integrals. */
export function parseT1intsText(text: string, options: TopspinTextOptions): Transient[] {
  const { source, sha256 } = options;
  const lines = toLines(text);
  const fail = (reason: string, field: string, expected: string, found: string): never => {
    throw new InputError(reason, { source, field, expected, found });
  };
  let next = 0;
  const take = (count: number, what: string): number[] => {
    const line = lines[next++];
    if (!line) return fail('unexpected end of file', what, 'the end marker "-1 0 0"', 'end of file');
    const cells = line.text.split(/\s+/);
    if (cells.length !== count || !cells.every((c) => DECIMAL.test(c))) {
      fail('unexpected line', `line ${line.lineNo}`, `${what}: ${count} number${count > 1 ? 's' : ''}`, JSON.stringify(line.text));
    }
    return cells.map(Number);
  };

  const [count] = take(1, 'the number of lines that follow');
  if (lines.length - 1 !== count) {
    fail('line count mismatch', 'line 1', `${count} lines after the count line`, `${lines.length - 1}`);
  }
  const delay_s: number[] = [];
  const integrals: number[][] = [];
  for (;;) {
    const [delay] = take(3, 'a delay line "<delay_s> 0 0" or the end marker "-1 0 0"');
    if (delay === -1) {
      if (next !== lines.length)
        fail('data after the end marker', `line ${lines[next].lineNo}`, 'nothing after "-1 0 0"', JSON.stringify(lines[next].text));
      break;
    }
    delay_s.push(delay);
    const nPeaks = take(3, 'a "0 0 <number of peaks>" line')[2];
    if (!Number.isInteger(nPeaks) || nPeaks < 1 || (integrals.length > 0 && nPeaks !== integrals.length)) {
      fail('inconsistent peak count', `line ${lines[next - 1].lineNo}`, `the same positive number of peaks for every delay`, `${nPeaks}`);
    }
    for (let p = 0; p < nPeaks; p++) (integrals[p] ??= []).push(take(3, 'a "<position> <integral> <n>" peak line')[1]);
  }
  if (delay_s.length === 0) fail('no data', 'delays', 'at least one delay before the end marker', 'none');
  return integrals.map((signal, p) =>
    makeTransient({
      delay_s: [...delay_s],
      signal,
      source: withoutUndefined({ file: source, sha256, format: 'topspin-t1ints' as const, peak: p + 1 }),
    }),
  );
}
