/**
 * Which model do the data justify? Information criteria for any set of fits to the same data,
 * and the extra-sum-of-squares F-test for nested pairs.
 */
import { InputError } from '../errors';
import { fDistributionSurvival } from './distributions';
import { formatNumber, textTable } from './format';
import type { FitResult } from './types';

export interface ModelComparisonRow {
  label: string;
  model: string;
  nvar: number;
  chiSquare: number;
  redChi: number;
  aic: number;
  aicc: number | null;
  bic: number;
  /** Differences to the best (lowest) value in the set. */
  deltaAic: number;
  deltaBic: number;
  /** Akaike weight exp(−Δ/2)/Σexp(−Δ/2), from AICc when every fit has one, else AIC. */
  akaikeWeight: number;
  converged: boolean;
}

/** Extra-sum-of-squares F-test of a model against a nested, simpler one. */
export interface NestedFTest {
  simpler: string;
  fuller: string;
  f: number;
  dfNumerator: number;
  dfDenominator: number;
  /** P(F > f) under the simpler model: small p justifies the extra parameters. */
  pValue: number;
}

export interface ModelComparison {
  rows: ModelComparisonRow[];
  fTests: NestedFTest[];
  /** Label of the preferred model: lowest BIC among converged fits. */
  preferred: string;
  /** A sentence a user can paste: which model, by how much, and whether AIC and the F-test agree. */
  verdict: string;
}

/** "saturation-recovery [M_inf, T1, a, gamma]": the model and what was varied. */
export function fitLabel(fit: FitResult): string {
  return `${fit.model} [${fit.varyNames.join(', ')}]`;
}

/** Kass & Raftery, J. Am. Stat. Assoc. 90, 773 (1995): evidence from a BIC difference. */
function bicEvidence(delta: number): string {
  if (delta > 10) return 'very strong';
  if (delta > 6) return 'strong';
  if (delta > 2) return 'positive';
  return 'weak';
}

function isNested(simple: FitResult, full: FitResult): boolean {
  if (simple.model !== full.model || simple.varyNames.length >= full.varyNames.length) return false;
  if (Object.keys(simple.params).join() !== Object.keys(full.params).join()) return false;
  return simple.varyNames.every((name) => full.varyNames.includes(name));
}

export function compareFits(fits: FitResult[]): ModelComparison {
  if (fits.length < 2) {
    throw new InputError('need at least two fits to compare', {
      field: 'fits',
      expected: '2 or more FitResults of the same data',
      found: `${fits.length}`,
    });
  }
  const n = fits[0].stats.n;
  fits.forEach((fit, k) => {
    const same = fit.stats.n === n && fit.data.y.every((v, i) => v === fits[0].data.y[i]);
    if (!same) {
      throw new InputError('fits are not of the same data', { field: `fits[${k}]`, expected: `the same ${n} y values as fits[0]` });
    }
  });
  const labels = fits.map(fitLabel);
  const minAic = Math.min(...fits.map((f) => f.stats.aic));
  const minBic = Math.min(...fits.map((f) => f.stats.bic));
  const useAicc = fits.every((f) => f.stats.aicc !== null);
  const crit = fits.map((f) => (useAicc ? (f.stats.aicc as number) : f.stats.aic));
  const minCrit = Math.min(...crit);
  const rel = crit.map((c) => Math.exp(-(c - minCrit) / 2));
  const relSum = rel.reduce((a, b) => a + b, 0);
  const rows: ModelComparisonRow[] = fits.map((f, k) => ({
    label: labels[k],
    model: f.model,
    nvar: f.stats.nvar,
    chiSquare: f.stats.chiSquare,
    redChi: f.stats.redChi,
    aic: f.stats.aic,
    aicc: f.stats.aicc,
    bic: f.stats.bic,
    deltaAic: f.stats.aic - minAic,
    deltaBic: f.stats.bic - minBic,
    akaikeWeight: rel[k] / relSum,
    converged: f.converged,
  }));

  const fTests: NestedFTest[] = [];
  fits.forEach((simple, a) => {
    fits.forEach((full, b) => {
      if (!isNested(simple, full)) return;
      const d1 = full.stats.nvar - simple.stats.nvar;
      const d2 = full.stats.dof;
      if (d2 <= 0) return;
      const f = (simple.stats.chiSquare - full.stats.chiSquare) / d1 / (full.stats.chiSquare / d2);
      fTests.push({
        simpler: labels[a],
        fuller: labels[b],
        f,
        dfNumerator: d1,
        dfDenominator: d2,
        pValue: fDistributionSurvival(f, d1, d2),
      });
    });
  });

  const candidates = rows.filter((r) => r.converged);
  const pool = candidates.length ? candidates : rows;
  const best = pool.reduce((x, y) => (y.bic < x.bic ? y : x));
  const others = pool.filter((r) => r !== best).map((r) => r.bic - best.bic);
  const margin = others.length ? Math.min(...others) : Infinity;
  const bestAic = pool.reduce((x, y) => (y.aic < x.aic ? y : x));
  let verdict = `${best.label} is preferred by BIC`;
  if (Number.isFinite(margin)) verdict += ` (ΔBIC = ${margin.toFixed(1)} to the next: ${bicEvidence(margin)} evidence)`;
  verdict +=
    bestAic === best
      ? '; AIC agrees'
      : `; AIC prefers ${bestAic.label} (ΔAIC = ${(best.aic - bestAic.aic).toFixed(1)}), so the evidence is mixed`;
  const against = fTests.filter((t) => t.fuller === best.label || t.simpler === best.label);
  for (const t of against) {
    verdict += `; F-test ${t.simpler} vs ${t.fuller}: F = ${t.f.toPrecision(3)}, p = ${t.pValue.toPrecision(2)}`;
  }
  if (candidates.length < rows.length) verdict += `; ${rows.length - candidates.length} fit(s) did not converge and were not considered`;
  return { rows, fTests, preferred: best.label, verdict: `${verdict}.` };
}

/** A number for the comparison table: `digits` significant digits (fixed: decimals), '-' for none. */
function cell(v: number | null, digits: number, fixed = false): string {
  if (v === null) return '-';
  return fixed && Number.isFinite(v) ? v.toFixed(digits) : formatNumber(v, digits);
}

/** The comparison as a text table (preferred model marked *, not converged !), then the verdict. */
export function modelComparisonReport(c: ModelComparison): string {
  const header = ['', 'model [varied parameters]', 'nvar', 'χ²', 'AIC', 'AICc', 'BIC', 'ΔBIC', 'Akaike weight'];
  const rows = c.rows.map((r) => [
    r.label === c.preferred ? '*' : r.converged ? '' : '!',
    r.label,
    String(r.nvar),
    cell(r.chiSquare, 5),
    cell(r.aic, 2, true),
    cell(r.aicc, 2, true),
    cell(r.bic, 2, true),
    cell(r.deltaBic, 2, true),
    cell(r.akaikeWeight, 4, true),
  ]);
  return [
    '[[Model Comparison]]',
    ...textTable(header, rows, (j) => j >= 2),
    '    (* preferred: lowest BIC among converged fits' + (c.rows.some((r) => !r.converged) ? '; ! did not converge)' : ')'),
    '[[Verdict]]',
    `    ${c.verdict}`,
  ].join('\n');
}
