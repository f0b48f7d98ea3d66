/**
 * Effective capacitance of a constant-phase element, Z = 1/(Q (jω)^n), with its uncertainty.
 *
 * - Hsu–Mansfeld (C. H. Hsu, F. Mansfeld, Corrosion 57, 747 (2001)), for a CPE in parallel with
 *   a resistance R (an R∥CPE arc, e.g. the bulk or grain-boundary arc of an ion conductor):
 *       C = R^((1−n)/n) · Q^(1/n)
 *   (the capacitance whose RC time constant is the arc's apex time constant, ω_apex = (RQ)^(−1/n)).
 * - Brug (G. J. Brug et al., J. Electroanal. Chem. 176, 275 (1984), eq. 20), for a surface
 *   time-constant distribution: the CPE sees the series (electrolyte) resistance R_s and, if
 *   present, the charge-transfer resistance R_ct in parallel with it:
 *       C = Q^(1/n) · (1/R_s + 1/R_ct)^((n−1)/n)        (blocking electrode: 1/R_ct = 0)
 *
 * Both give C = Q for n = 1. Uncertainties by linear propagation, σ_C² = gᵀ Σ g with g = ∂C/∂θ
 * and Σ the fit covariance, so the strong Q–n correlation of CPE fits is accounted for.
 */
import { InputError } from '../errors';
import type { CircuitNode } from './circuit';
import { parseCircuit } from './circuit';
import type { CircuitFitResult } from './fitCircuit';
import type { Estimate } from './types';

/** Hsu–Mansfeld effective capacitance C = R^((1−n)/n) Q^(1/n) in F. */
export function hsuMansfeldCapacitance_F(resistance_ohm: number, Q: number, n: number): number {
  checkCpe(Q, n, 'hsuMansfeldCapacitance_F');
  if (!(resistance_ohm > 0))
    throw new InputError('resistance must be positive', {
      field: 'resistance_ohm',
      expected: 'R > 0 Ω',
      found: String(resistance_ohm),
      source: 'hsuMansfeldCapacitance_F',
    });
  return Math.pow(resistance_ohm, (1 - n) / n) * Math.pow(Q, 1 / n);
}

/** Brug effective capacitance C = Q^(1/n) (1/R_s + 1/R_ct)^((n−1)/n) in F (omit R_ct for a blocking electrode). */
export function brugCapacitance_F(seriesResistance_ohm: number, Q: number, n: number, chargeTransferResistance_ohm?: number): number {
  checkCpe(Q, n, 'brugCapacitance_F');
  const g = brugConductance(seriesResistance_ohm, chargeTransferResistance_ohm);
  return Math.pow(Q, 1 / n) * Math.pow(g, (n - 1) / n);
}

function brugConductance(rs: number, rct: number | undefined): number {
  if (!(rs > 0))
    throw new InputError('series resistance must be positive', {
      field: 'seriesResistance_ohm',
      expected: 'R_s > 0 Ω',
      found: String(rs),
      source: 'brugCapacitance_F',
    });
  if (rct !== undefined && !(rct > 0))
    throw new InputError('charge-transfer resistance must be positive', {
      field: 'chargeTransferResistance_ohm',
      expected: 'R_ct > 0 Ω (or omit it)',
      found: String(rct),
      source: 'brugCapacitance_F',
    });
  return 1 / rs + (rct === undefined ? 0 : 1 / rct);
}

function checkCpe(Q: number, n: number, source: string): void {
  if (!(Q > 0)) throw new InputError('CPE coefficient must be positive', { field: 'Q', expected: 'Q > 0', found: String(Q), source });
  if (!(n > 0 && n <= 1))
    throw new InputError('CPE exponent out of range', { field: 'n', expected: '0 < n ≤ 1', found: String(n), source });
}

export type CpeCapacitanceMethod = 'hsu-mansfeld' | 'brug';

export interface CpeCapacitanceOptions {
  /** The CPE element, e.g. 'CPE1'. */
  cpe: string;
  method?: CpeCapacitanceMethod;
  /**
   * Hsu–Mansfeld: the resistance in parallel with the CPE (default: the R beside it in its
   * p(...) block). Brug: the charge-transfer resistance R_ct (default: the same; 'none' for a
   * blocking electrode).
   */
  resistance?: string;
  /** Brug only: the series (electrolyte) resistance (default: the first R outside any p(...)). */
  seriesResistance?: string;
}

export interface CpeCapacitance {
  capacitance_F: Estimate;
  method: CpeCapacitanceMethod;
  cpe: string;
  /** The fitted parameters the capacitance was computed from. */
  inputs: Record<string, number>;
}

/** The effective capacitance of a fitted CPE, with stderr propagated through the fit covariance. */
export function cpeCapacitance(result: CircuitFitResult, options: CpeCapacitanceOptions): CpeCapacitance {
  const source = 'cpeCapacitance';
  const method = options.method ?? 'hsu-mansfeld';
  const circuit = parseCircuit(result.circuit, source);
  const cpe = circuit.elements.find((e) => e.name === options.cpe);
  if (!cpe || cpe.type !== 'CPE') {
    throw new InputError(`no CPE named '${options.cpe}' in circuit ${result.circuit}`, {
      field: 'cpe',
      expected: `one of ${
        circuit.elements
          .filter((e) => e.type === 'CPE')
          .map((e) => e.name)
          .join(', ') || '(none: the circuit has no CPE)'
      }`,
      source,
    });
  }
  const value = (name: string): number => result.parameters[name].value;
  const qName = `${cpe.name}_Q`;
  const nName = `${cpe.name}_n`;
  const Q = value(qName);
  const n = value(nName);
  const resistor = (name: string | undefined, fallback: () => string | undefined, role: string): string | undefined => {
    const chosen = name ?? fallback();
    if (chosen === undefined || chosen === 'none') return undefined;
    const e = circuit.elements.find((el) => el.name === chosen);
    if (!e || e.type !== 'R') {
      throw new InputError(`no resistor named '${chosen}' in circuit ${result.circuit}`, {
        field: role,
        expected: `one of ${circuit.elements
          .filter((el) => el.type === 'R')
          .map((el) => el.name)
          .join(', ')}`,
        source,
      });
    }
    return chosen;
  };
  const parallelR = () => parallelResistorOf(circuit.root, cpe.name);
  const gradient: Record<string, number> = {};
  let capacitance: number;
  const inputs: Record<string, number> = { [qName]: Q, [nName]: n };
  if (method === 'hsu-mansfeld') {
    const rName = resistor(options.resistance, parallelR, 'resistance');
    if (rName === undefined) {
      throw new InputError(`Hsu–Mansfeld needs the resistance in parallel with ${cpe.name}`, {
        field: 'resistance',
        expected: `the name of the R in parallel with ${cpe.name}`,
        source,
      });
    }
    const R = value(rName);
    capacitance = hsuMansfeldCapacitance_F(R, Q, n);
    inputs[rName] = R;
    // ln C = ((1−n)/n) ln R + (1/n) ln Q
    gradient[rName] = (capacitance * (1 - n)) / (n * R);
    gradient[qName] = capacitance / (n * Q);
    gradient[nName] = (-capacitance * Math.log(R * Q)) / (n * n);
  } else if (method === 'brug') {
    const rsName = resistor(
      options.seriesResistance,
      () => circuit.elements.find((e) => e.type === 'R' && topLevelSeries(circuit.root).includes(e.name))?.name,
      'seriesResistance',
    );
    if (rsName === undefined) {
      throw new InputError('Brug needs a series resistance', {
        field: 'seriesResistance',
        expected: 'the name of the electrolyte resistance in series (e.g. R0)',
        source,
      });
    }
    const rctName = resistor(options.resistance, parallelR, 'resistance');
    const Rs = value(rsName);
    const Rct = rctName === undefined ? undefined : value(rctName);
    capacitance = brugCapacitance_F(Rs, Q, n, Rct);
    const G = brugConductance(Rs, Rct);
    inputs[rsName] = Rs;
    if (rctName !== undefined && Rct !== undefined) inputs[rctName] = Rct;
    // ln C = (1/n) ln Q + ((n−1)/n) ln G,  ∂G/∂R = −1/R²
    gradient[qName] = capacitance / (n * Q);
    gradient[nName] = (capacitance * (Math.log(G) - Math.log(Q))) / (n * n);
    gradient[rsName] = (capacitance * ((n - 1) / n) * (-1 / (Rs * Rs))) / G;
    if (rctName !== undefined && Rct !== undefined) gradient[rctName] = (capacitance * ((n - 1) / n) * (-1 / (Rct * Rct))) / G;
  } else {
    throw new InputError('unknown CPE capacitance method', {
      field: 'method',
      expected: "'hsu-mansfeld' or 'brug'",
      found: JSON.stringify(method),
      source,
    });
  }
  return { capacitance_F: { value: capacitance, stderr: propagate(result, gradient) }, method, cpe: cpe.name, inputs };
}

/** σ² = gᵀ Σ g over the varied parameters; null when any varied input has no covariance. */
export function propagate(result: CircuitFitResult, gradient: Record<string, number>): number | null {
  const names = result.fit.varyNames;
  const cov = result.fit.covariance;
  if (cov.length !== names.length) return null;
  for (const name of Object.keys(gradient)) if (names.includes(name) && result.parameters[name].stderr === null) return null;
  let s2 = 0;
  names.forEach((a, i) => {
    names.forEach((b, j) => {
      s2 += (gradient[a] ?? 0) * cov[i][j] * (gradient[b] ?? 0);
    });
  });
  return Math.sqrt(Math.max(s2, 0));
}

/** The R that is a sibling branch of `name` in the innermost p(...) containing it. */
function parallelResistorOf(node: CircuitNode, name: string): string | undefined {
  if (node.kind === 'element') return undefined;
  if (node.kind === 'parallel') {
    const direct = node.children.some((c) => c.kind === 'element' && c.name === name);
    if (direct) {
      const r = node.children.find((c) => c.kind === 'element' && c.type === 'R');
      if (r && r.kind === 'element') return r.name;
      // R inside a series branch, as in p(R1-W1, CPE1): the first R of that branch
      for (const c of node.children) {
        if (c.kind === 'series') {
          const first = c.children.find((s) => s.kind === 'element' && s.type === 'R');
          if (first && first.kind === 'element') return first.name;
        }
      }
      return undefined;
    }
  }
  for (const c of node.children) {
    const found = parallelResistorOf(c, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Names of the elements connected in series at the top level of the circuit. */
function topLevelSeries(root: CircuitNode): string[] {
  if (root.kind === 'element') return [root.name];
  if (root.kind === 'parallel') return [];
  return root.children.flatMap((c) => (c.kind === 'element' ? [c.name] : []));
}
