/**
 * First-order (delta-method) uncertainty of a derived quantity f(p) of fitted parameters:
 * σ_f² = gᵀ C g with g = ∂f/∂p at the optimum and C the fit's covariance (JCGM 100:2008, GUM
 * §5.2, with correlations). The gradient is taken by central differences with steps of 1e-3 σ_p,
 * small against the parameter's own uncertainty, so the linearisation is the one the covariance
 * itself assumes.
 */
import type { FitResult } from '../fit/types';
import type { Estimate } from './types';

export function estimateFromFit(fit: FitResult, f: (p: Record<string, number>) => number): Estimate {
  const p: Record<string, number> = {};
  for (const [name, param] of Object.entries(fit.params)) p[name] = param.value;
  const value = f(p);
  const names = fit.varyNames;
  if (names.length === 0 || fit.covariance.length !== names.length) return { value, stderr: null };
  const grad: number[] = [];
  for (const name of names) {
    const s = fit.params[name].stderr;
    if (s === null || !(s > 0)) return { value, stderr: null };
    const h = 1e-3 * s;
    const p0 = p[name];
    p[name] = p0 + h;
    const up = f(p);
    p[name] = p0 - h;
    const down = f(p);
    p[name] = p0;
    grad.push((up - down) / (2 * h));
  }
  let variance = 0;
  for (let a = 0; a < names.length; a++) {
    for (let b = 0; b < names.length; b++) variance += grad[a] * fit.covariance[a][b] * grad[b];
  }
  return { value, stderr: Number.isFinite(variance) && variance >= 0 ? Math.sqrt(variance) : null };
}

/** The stderr of a parameter as an Estimate. */
export function parameterEstimate(fit: FitResult, name: string): Estimate {
  const p = fit.params[name];
  return { value: p.value, stderr: p.stderr };
}
