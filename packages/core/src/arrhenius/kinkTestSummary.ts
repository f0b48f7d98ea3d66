/**
 * Davies' kink test (kinkTest.ts) in words, written once for every place a segmented Arrhenius
 * result is shown: the CLI reports, the kernel's tables, the charts' subtitles, the JupyterLab
 * renderer and the study report. Davies' p is an upper bound on the chance of so large a hinge
 * statistic from one straight line, hence "p ≤".
 */
import { formatEstimate } from '../fit/format';
import type { ArrheniusKinkTest } from './types';

export interface KinkTestSummary {
  /** The test itself (null: none was made, `text` says why). */
  test: ArrheniusKinkTest | null;
  /** "p ≤ 0.034", "p ≤ 2.1e-9", "p < 1e-300"; null without a test. */
  p: string | null;
  /** "p ≤ 2.1e-9 at 323.4 K, ΔEa = 0.73 ± 0.02 eV" (ΔEa = Ea below − Ea above that kink), or "none: <reason>". */
  text: string;
  /** "kink test (Davies): " + text, the line of a text report or a notebook print-out. */
  line: string;
  /** The [[Kink test]] section of `relaxlab arrhenius --segments` (heading and one indented line); [] without a test. */
  report: string[];
}

const NO_TEST = 'no kink test: ';
/** What a table's note column says beside the test. */
export const KINK_TEST_NOTE = 'one kink vs one straight line; p is an upper bound';

/** "p ≤ 0.034" (p ≥ 0.01), "p ≤ 2.1e-9", and "p < 1e-300" when the bound underflows to 0. */
function pValueText(pValue: number): string {
  if (pValue === 0) return 'p < 1e-300';
  return pValue >= 0.01 ? `p ≤ ${pValue.toFixed(3)}` : `p ≤ ${pValue.toExponential(1)}`;
}

/**
 * The kink test of a segmented result (fitSegmentedArrhenius, fitConductivityArrhenius, or its
 * JSON, migrated by migrateResult). Without a test the reason is the result's "no kink test: …" warning.
 */
export function kinkTestSummary(result: { kinkTest: ArrheniusKinkTest | null; warnings?: readonly string[] }): KinkTestSummary {
  const k = result.kinkTest;
  if (k === null) {
    const warning = (result.warnings ?? []).find((w) => w.startsWith(NO_TEST));
    const reason = warning !== undefined ? warning.slice(NO_TEST.length) : 'not made';
    const text = `none: ${reason}`;
    return { test: null, p: null, text, line: `kink test (Davies): ${text}`, report: [] };
  }
  const p = pValueText(k.pValue);
  const text = `${p} at ${k.kink_K.toFixed(1)} K, ΔEa = ${formatEstimate(k.energyChange_eV, 'eV')}`;
  const grid = k.process.kink_K;
  const kind = k.scale === 'absolute' ? 'z' : 't';
  const extreme =
    k.alternative === 'two-sided' ? `largest |${kind}|` : k.alternative === 'greater' ? `largest ${kind}` : `smallest ${kind}`;
  const scale = k.scale === 'absolute' ? 'sigma absolute' : `residual scale estimated, ${k.dof} dof`;
  const report = [
    `[[Kink test]] Davies' test, one straight line vs one kink (${k.alternative}, ${k.gridPoints} candidate kinks ${grid[0].toFixed(1)}–${grid[grid.length - 1].toFixed(1)} K)`,
    `    ${kind} = ${k.statistic.toFixed(2)} at ${k.kink_K.toFixed(1)} K (the ${extreme}; ${scale}): ${p}; Ea below - Ea above there = ${formatEstimate(k.energyChange_eV, 'eV')}`,
  ];
  return { test: k, p, text, line: `kink test (Davies): ${text}`, report };
}
