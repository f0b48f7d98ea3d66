/**
 * Does a circuit fit leave structure in its residuals? A fit can be "good" (R² 0.999) and still
 * miss an arc: the residuals then run in long stretches of one sign instead of scattering.
 *
 * - Runs test (A. Wald, J. Wolfowitz, Ann. Math. Statist. 11, 147 (1940)) on the signs of the
 *   residuals in frequency order, separately for Z′ and Z″. With n₊ positive and n₋ negative
 *   residuals, the number of runs R of independent signs has mean μ = 2n₊n₋/(n₊ + n₋) + 1 and
 *   variance (μ − 1)(μ − 2)/(n₊ + n₋ − 1); too few runs, z = (R − μ)/σ ≪ 0, is structure. The
 *   one-sided p = Φ(z) (normal approximation, good from about 10 of each sign).
 * - Against Lin–KK (linKK.ts): a Kramers–Kronig-compliant series of RC elements describes any
 *   valid spectrum to its noise. Relative residuals of the circuit several times those of Lin–KK
 *   mean the spectrum holds a process the circuit does not (a hidden arc, a wrong element).
 */
import { normalSurvival } from '../fit/distributions';

export interface RunsTest {
  /** Runs of equal sign observed. */
  runs: number;
  /** Runs expected for independent signs. */
  expected: number;
  /** (runs − expected)/sd. */
  z: number;
  /** One-sided p-value of so few runs (null with fewer than 10 residuals of either sign). */
  p: number | null;
}

/** p below this on either part of Z is reported as structure (two parts tested). */
export const RUNS_TEST_ALPHA = 1e-3;

/** Relative residuals more than this many times Lin–KK's are reported. */
export const LIN_KK_RATIO_LIMIT = 3;

export function runsTest(residuals: ArrayLike<number>): RunsTest {
  let plus = 0;
  let minus = 0;
  let runs = 0;
  let last = 0;
  for (let i = 0; i < residuals.length; i++) {
    const s = Math.sign(residuals[i]);
    if (s === 0) continue;
    if (s > 0) plus++;
    else minus++;
    if (s !== last) runs++;
    last = s;
  }
  const n = plus + minus;
  const expected = n > 0 ? (2 * plus * minus) / n + 1 : 0;
  const variance = n > 1 ? ((expected - 1) * (expected - 2)) / (n - 1) : 0;
  const z = variance > 0 ? (runs - expected) / Math.sqrt(variance) : 0;
  const p = plus >= 10 && minus >= 10 ? normalSurvival(-z) : null;
  return { runs, expected, z, p };
}

export interface ResidualStructure {
  /** Runs tests of the Z′ and Z″ residuals in order of frequency. */
  runsReal: RunsTest;
  runsImag: RunsTest;
  /** RMS of the relative residuals (Z − Ẑ)/|Z| over both parts. */
  rmsRelative: number;
  /** What the checks found, in words (empty when nothing). */
  warnings: string[];
}

/** The runs tests of a fit's relative residuals; `frequency_Hz` orders them. */
export function residualStructure(
  frequency_Hz: ArrayLike<number>,
  relativeReal: ArrayLike<number>,
  relativeImag: ArrayLike<number>,
): ResidualStructure {
  const order = Array.from(frequency_Hz, (_, i) => i).sort((a, b) => frequency_Hz[a] - frequency_Hz[b]);
  const runsReal = runsTest(order.map((i) => relativeReal[i]));
  const runsImag = runsTest(order.map((i) => relativeImag[i]));
  let ss = 0;
  for (const i of order) ss += relativeReal[i] ** 2 + relativeImag[i] ** 2;
  const rmsRelative = Math.sqrt(ss / Math.max(2 * order.length, 1));
  const warnings: string[] = [];
  const flagged = (
    [
      ['Z′', runsReal],
      ['Z″', runsImag],
    ] as const
  ).filter(([, t]) => t.p !== null && t.p < RUNS_TEST_ALPHA);
  if (flagged.length) {
    warnings.push(
      `the residuals show structure: ${flagged.map(([part, t]) => `${part} has ${t.runs} runs of one sign where ${t.expected.toFixed(1)} are expected (runs test p = ${(t.p as number).toExponential(1)})`).join('; ')} — the circuit misses part of the spectrum`,
    );
  }
  return { runsReal, runsImag, rmsRelative, warnings };
}

/** The Lin–KK comparison in words, or null when the circuit fits about as well as Lin–KK. */
export function linKKComparison(fitRmsRelative: number, linKKRms: number): string | null {
  if (!(linKKRms > 0) || !(fitRmsRelative > LIN_KK_RATIO_LIMIT * linKKRms)) return null;
  return (
    `the circuit leaves relative residuals ${(fitRmsRelative / linKKRms).toFixed(1)}× those of the Lin-KK fit ` +
    `(rms ${fitRmsRelative.toExponential(2)} vs ${linKKRms.toExponential(2)}): the spectrum holds a process the circuit does not describe`
  );
}
