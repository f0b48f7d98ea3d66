/**
 * Magnetisation transients of NMR relaxation experiments, each with its analytic Jacobian.
 *
 * Recovery (T1 by saturation or inversion recovery), stretched exponential (Kohlrausch):
 *   M(t) = M∞·[1 − a·exp(−(t/T1)^γ)]
 *   a = 1 for perfect saturation, a = 2 for perfect inversion; γ < 1 for a distribution of rates
 *   (Lindsey & Patterson, J. Chem. Phys. 73, 3348 (1980)). Fukushima & Roeder, "Experimental
 *   Pulse NMR" (1981), ch. II: saturation/inversion recovery.
 * Decay (T1ρ spin-lock, T2):
 *   M(t) = M0·exp(−(t/T)^κ) + c
 *   κ = 2 gives the Gaussian decay of rigid solids (Abragam, "Principles of Nuclear Magnetism",
 *   ch. IV); c is an offset (e.g. a non-decaying background).
 * Two components (two sites or two motional regimes), mono-exponential each:
 *   M(t) = Ma·[1 − a·exp(−t/T1a)] + Mb·[1 − a·exp(−t/T1b)],   M(t) = Ma·e^(−t/Ta) + Mb·e^(−t/Tb) + c
 *
 * ∂/∂T and ∂/∂γ of E = exp(−u), u = (t/T)^γ: ∂E/∂T = E·γu/T and ∂E/∂γ = −E·u·ln(t/T).
 * u is computed as exp(γ·(ln t − ln T)) with ln t cached per delay array: two exponentials per
 * point instead of pow + exp + log, which is most of the cost of a fit. Delays must be > 0
 * (fitTransient checks that).
 */
import type { VectorModel } from '../fit/types';

/**
 * ln t of a delay array, cached: a fit evaluates the model many times on the same delays. The
 * cache is checked value by value (cheap next to a logarithm), so a reused buffer is never stale.
 */
let cachedDelays = new Float64Array(0);
let cachedLogs = new Float64Array(0);
export function logDelays(t: Float64Array): Float64Array {
  const n = t.length;
  let same = n === cachedDelays.length;
  for (let i = 0; same && i < n; i++) same = t[i] === cachedDelays[i];
  if (!same) {
    cachedDelays = Float64Array.from(t);
    cachedLogs = new Float64Array(n);
    for (let i = 0; i < n; i++) cachedLogs[i] = Math.log(t[i]);
  }
  return cachedLogs;
}

/**
 * u_i = (t_i/T)^γ and E_i = exp(−u_i) for one (T, γ), remembered until T, γ or the delays change.
 * Levenberg–Marquardt asks for the Jacobian at the point whose residuals it has just accepted, so
 * the Jacobian reuses the exponentials of that evaluation instead of computing them again. Each
 * model owns one kernel; the delays are compared value by value, so a reused buffer is never stale.
 */
class StretchedExponentialKernel {
  u = new Float64Array(0);
  E = new Float64Array(0);
  lnT = 0;
  private t = new Float64Array(0);
  private T = NaN;
  private g = NaN;

  update(t: Float64Array, T: number, g: number): void {
    const n = t.length;
    let same = T === this.T && g === this.g && n === this.t.length;
    for (let i = 0; same && i < n; i++) same = t[i] === this.t[i];
    if (same) return;
    if (n !== this.t.length) {
      this.t = new Float64Array(n);
      this.u = new Float64Array(n);
      this.E = new Float64Array(n);
    }
    this.t.set(t);
    this.T = T;
    this.g = g;
    this.lnT = Math.log(T);
    const { u, E } = this;
    if (g === 1) {
      const k = 1 / T;
      for (let i = 0; i < n; i++) {
        u[i] = t[i] * k;
        E[i] = Math.exp(-u[i]);
      }
    } else {
      const lnt = logDelays(t);
      const lnT = this.lnT;
      for (let i = 0; i < n; i++) {
        u[i] = Math.exp(g * (lnt[i] - lnT));
        E[i] = Math.exp(-u[i]);
      }
    }
  }
}

export type RecoveryKind = 'saturation' | 'inversion' | 'inversion-magnitude';
export type DecayKind = 'spin-lock' | 't2';

/** M∞[1 − a·exp(−(t/T1)^γ)], or its absolute value for magnitude-mode inversion recovery. */
export function recoveryModel(kind: RecoveryKind): VectorModel {
  const magnitude = kind === 'inversion-magnitude';
  const name = kind === 'saturation' ? 'saturation-recovery' : kind === 'inversion' ? 'inversion-recovery' : 'inversion-recovery-magnitude';
  const body = 'M_inf*(1 - a*exp(-(t/T1)^gamma))';
  const kernel = new StretchedExponentialKernel();
  return {
    name,
    formula: magnitude ? `|${body}|` : body,
    parameterNames: ['M_inf', 'T1', 'a', 'gamma'],
    units: { M_inf: 'a.u.', T1: 's', a: '', gamma: '' },
    evaluate(t, p, out) {
      const M = p[0],
        a = p[2];
      const n = t.length;
      kernel.update(t, p[1], p[3]);
      const E = kernel.E;
      for (let i = 0; i < n; i++) out[i] = M * (1 - a * E[i]);
      if (magnitude) for (let i = 0; i < n; i++) out[i] = Math.abs(out[i]);
    },
    jacobian(t, p, out, jac) {
      const M = p[0],
        T = p[1],
        a = p[2],
        g = p[3];
      const n = t.length;
      const lnt = logDelays(t);
      kernel.update(t, T, g);
      const lnT = kernel.lnT;
      for (let i = 0; i < n; i++) {
        const lnx = lnt[i] - lnT;
        const u = kernel.u[i];
        const E = kernel.E[i];
        let f = M * (1 - a * E);
        let dM = 1 - a * E;
        let dT = (-M * a * E * g * u) / T;
        let da = -M * E;
        let dg = M * a * E * u * lnx;
        if (magnitude && f < 0) {
          f = -f;
          dM = -dM;
          dT = -dT;
          da = -da;
          dg = -dg;
        }
        out[i] = f;
        jac[i] = dM;
        jac[n + i] = dT;
        jac[2 * n + i] = da;
        jac[3 * n + i] = dg;
      }
    },
  };
}

/** M0·exp(−(t/T)^κ) + c, with T named T1rho (spin-lock) or T2. */
export function decayModel(kind: DecayKind): VectorModel {
  const T = kind === 'spin-lock' ? 'T1rho' : 'T2';
  const kernel = new StretchedExponentialKernel();
  return {
    name: kind === 'spin-lock' ? 'spin-lock' : 't2-decay',
    formula: `M0*exp(-(t/${T})^kappa) + c`,
    parameterNames: ['M0', T, 'kappa', 'c'],
    units: { M0: 'a.u.', [T]: 's', kappa: '', c: 'a.u.' },
    evaluate(t, p, out) {
      const M = p[0],
        c = p[3];
      const n = t.length;
      kernel.update(t, p[1], p[2]);
      const E = kernel.E;
      for (let i = 0; i < n; i++) out[i] = M * E[i] + c;
    },
    jacobian(t, p, out, jac) {
      const M = p[0],
        tau = p[1],
        k = p[2],
        c = p[3];
      const n = t.length;
      const lnt = logDelays(t);
      kernel.update(t, tau, k);
      const lnTau = kernel.lnT;
      for (let i = 0; i < n; i++) {
        const lnx = lnt[i] - lnTau;
        const u = kernel.u[i];
        const E = kernel.E[i];
        out[i] = M * E + c;
        jac[i] = E;
        jac[n + i] = (M * E * k * u) / tau;
        jac[2 * n + i] = -M * E * u * lnx;
        jac[3 * n + i] = 1;
      }
    },
  };
}

/** Ma[1 − a·exp(−t/T1_a)] + Mb[1 − a·exp(−t/T1_b)]: two recovering components sharing a. */
export function twoComponentRecoveryModel(kind: Exclude<RecoveryKind, 'inversion-magnitude'>): VectorModel {
  return {
    name: kind === 'saturation' ? 'saturation-recovery-2' : 'inversion-recovery-2',
    formula: 'M_a*(1 - a*exp(-t/T1_a)) + M_b*(1 - a*exp(-t/T1_b))',
    parameterNames: ['M_a', 'T1_a', 'M_b', 'T1_b', 'a'],
    units: { M_a: 'a.u.', T1_a: 's', M_b: 'a.u.', T1_b: 's', a: '' },
    evaluate(t, p, out) {
      const Ma = p[0],
        Ta = p[1],
        Mb = p[2],
        Tb = p[3],
        a = p[4];
      for (let i = 0; i < t.length; i++) out[i] = Ma * (1 - a * Math.exp(-t[i] / Ta)) + Mb * (1 - a * Math.exp(-t[i] / Tb));
    },
    jacobian(t, p, out, jac) {
      const Ma = p[0],
        Ta = p[1],
        Mb = p[2],
        Tb = p[3],
        a = p[4];
      const n = t.length;
      for (let i = 0; i < n; i++) {
        const Ea = Math.exp(-t[i] / Ta);
        const Eb = Math.exp(-t[i] / Tb);
        out[i] = Ma * (1 - a * Ea) + Mb * (1 - a * Eb);
        jac[i] = 1 - a * Ea;
        jac[n + i] = (-Ma * a * Ea * t[i]) / (Ta * Ta);
        jac[2 * n + i] = 1 - a * Eb;
        jac[3 * n + i] = (-Mb * a * Eb * t[i]) / (Tb * Tb);
        jac[4 * n + i] = -Ma * Ea - Mb * Eb;
      }
    },
  };
}

/** Ma·exp(−t/Ta) + Mb·exp(−t/Tb) + c: two decaying components. */
export function twoComponentDecayModel(kind: DecayKind): VectorModel {
  const T = kind === 'spin-lock' ? 'T1rho' : 'T2';
  return {
    name: kind === 'spin-lock' ? 'spin-lock-2' : 't2-decay-2',
    formula: `M_a*exp(-t/${T}_a) + M_b*exp(-t/${T}_b) + c`,
    parameterNames: ['M_a', `${T}_a`, 'M_b', `${T}_b`, 'c'],
    units: { M_a: 'a.u.', [`${T}_a`]: 's', M_b: 'a.u.', [`${T}_b`]: 's', c: 'a.u.' },
    evaluate(t, p, out) {
      const Ma = p[0],
        Ta = p[1],
        Mb = p[2],
        Tb = p[3],
        c = p[4];
      for (let i = 0; i < t.length; i++) out[i] = Ma * Math.exp(-t[i] / Ta) + Mb * Math.exp(-t[i] / Tb) + c;
    },
    jacobian(t, p, out, jac) {
      const Ma = p[0],
        Ta = p[1],
        Mb = p[2],
        Tb = p[3],
        c = p[4];
      const n = t.length;
      for (let i = 0; i < n; i++) {
        const Ea = Math.exp(-t[i] / Ta);
        const Eb = Math.exp(-t[i] / Tb);
        out[i] = Ma * Ea + Mb * Eb + c;
        jac[i] = Ea;
        jac[n + i] = (Ma * Ea * t[i]) / (Ta * Ta);
        jac[2 * n + i] = Eb;
        jac[3 * n + i] = (Mb * Eb * t[i]) / (Tb * Tb);
        jac[4 * n + i] = 1;
      }
    },
  };
}
