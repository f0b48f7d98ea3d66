/**
 * Start values for a circuit fit read off the spectrum itself, so that a user never has to guess
 * (and a guess decades off, such as C = 1e-5 F for a 2e-8 F cell, does not send the fit astray):
 *
 * - high-frequency intercept: the smallest Z′ → the series resistance(s) outside any p(...);
 * - arcs: the apexes of −Z″(f) (local maxima, the most prominent first, at least half a decade
 *   apart), assigned to the parallel blocks in the order they are written (impedance.py
 *   convention: high-frequency process first). For an arc starting at Z′ = a, the apex of a
 *   semicircle — and of a depressed ZARC, R/(1 + (jωτ)^n), whose apex is at the centre too —
 *   lies at Z′ = a + D/2, so the arc diameter is D = 2·(Z′_apex − a) → the block's resistance;
 * - apex frequency: ω_apex = 1/(R C) → C = 1/(ω_apex D); for a CPE with the start n = 0.9,
 *   ω_apex^n = 1/(R Q) → Q = 1/(D ω_apex^n) (the ZARC relation, e.g. Orazem & Tribollet,
 *   Electrochemical Impedance Spectroscopy, 2nd ed., Wiley 2017, ch. 14);
 * - elements in series outside any block (a blocking-electrode C/CPE, a Warburg tail) from the
 *   lowest-frequency point, an inductance from the highest one.
 */
import { Circuit, CircuitNode, ElementNode } from './circuit';
import type { CheckedSpectrum } from './spectrum';

/** Exponent a CPE starts from: slightly depressed arcs are the rule in solid electrolytes. */
export const CPE_START_EXPONENT = 0.9;

/** Scale of one circuit region: its resistance and characteristic angular frequency. */
interface Region {
  resistance_ohm: number;
  omega_rad_per_s: number;
  /** Number of R elements that share the region's resistance. */
  resistors: number;
}

interface Arc {
  index: number;
  diameter_ohm: number;
  omega_rad_per_s: number;
}

export function estimateStartValues(circuit: Circuit, spectrum: CheckedSpectrum): Record<string, number> {
  const { frequency_Hz: f, zReal_ohm: re, zImag_ohm: im } = spectrum;
  const n = f.length;
  // indices by descending frequency: high-frequency intercept first, as a Nyquist plot is read
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => f[b] - f[a]);
  const negIm = order.map((i) => -im[i]);
  const real = order.map((i) => re[i]);
  const omega = order.map((i) => 2 * Math.PI * f[i]);
  const modulus = order.map((i) => Math.hypot(re[i], im[i]));
  const maxModulus = Math.max(...modulus);
  // a zero or negative intercept (noise, lead correction) is no start for a positive R
  const rHighFrequency = Math.max(Math.min(...real), 1e-3 * maxModulus);

  const blocks: CircuitNode[] = [];
  collectParallel(circuit.root, blocks);
  const arcs = findArcs(negIm, real, omega, blocks.length, rHighFrequency);
  synthesizeMissingArcs(arcs, blocks.length, real, omega, modulus, rHighFrequency);

  const regions = new Map<CircuitNode | null, Region>();
  const omegaMin = omega[n - 1];
  const omegaMax = omega[0];
  regions.set(null, { resistance_ohm: rHighFrequency, omega_rad_per_s: omegaMin, resistors: 0 });
  blocks.forEach((b, k) =>
    regions.set(b, { resistance_ohm: arcs[k].diameter_ohm, omega_rad_per_s: arcs[k].omega_rad_per_s, resistors: 0 }),
  );
  const owner = new Map<ElementNode, CircuitNode | null>();
  assignOwners(circuit.root, null, owner);
  for (const [e, block] of owner) if (e.type === 'R') regions.get(block)!.resistors++;

  const lowF = {
    omega: omegaMin,
    negIm: negIm[n - 1],
    modulus: modulus[n - 1],
    real: real[n - 1],
  };
  const arcsTotal = arcs.reduce((s, a) => s + a.diameter_ohm, 0);
  const start: Record<string, number> = {};
  for (const e of circuit.elements) {
    const block = owner.get(e)!;
    const region = regions.get(block)!;
    const D = region.resistance_ohm;
    const w = region.omega_rad_per_s;
    const topLevel = block === null;
    // the capacitive reactance of the low-frequency tail, when it is capacitive at all
    const tailReactance = lowF.negIm > 0 ? lowF.negIm : lowF.modulus;
    switch (e.type) {
      case 'R':
        start[e.name] = D / Math.max(region.resistors, 1);
        break;
      case 'C':
        start[e.name] = topLevel ? 1 / (lowF.omega * tailReactance) : 1 / (w * D);
        break;
      case 'CPE': {
        const nStart = CPE_START_EXPONENT;
        // top level: −Z″ = sin(nπ/2)/(Q ω^n) of a CPE alone; in a block: ω_apex^n = 1/(R Q)
        start[`${e.name}_Q`] = topLevel
          ? Math.sin((nStart * Math.PI) / 2) / (Math.pow(lowF.omega, nStart) * tailReactance)
          : 1 / (D * Math.pow(w, nStart));
        start[`${e.name}_n`] = nStart;
        break;
      }
      case 'L': {
        const hfReactance = -negIm[0];
        start[e.name] = topLevel ? (hfReactance > 0 ? hfReactance / omegaMax : (1e-3 * modulus[0]) / omegaMax) : D / w;
        break;
      }
      case 'W':
        // −Z″ = σ_W/√ω for the semi-infinite Warburg
        start[e.name] = topLevel ? tailReactance * Math.sqrt(lowF.omega) : D * Math.sqrt(w);
        break;
      case 'Wo':
      case 'Ws': {
        const rest = lowF.real - rHighFrequency - arcsTotal;
        start[`${e.name}_R`] = topLevel ? Math.max(rest, 0.1 * lowF.modulus) : D;
        start[`${e.name}_tau`] = 1 / w;
        break;
      }
    }
  }
  return start;
}

function collectParallel(node: CircuitNode, out: CircuitNode[]): void {
  if (node.kind === 'element') return;
  if (node.kind === 'parallel') out.push(node);
  for (const c of node.children) collectParallel(c, out);
}

/** Which parallel block (null: none) each element belongs to most closely. */
function assignOwners(node: CircuitNode, block: CircuitNode | null, owner: Map<ElementNode, CircuitNode | null>): void {
  if (node.kind === 'element') {
    owner.set(node, block);
    return;
  }
  const inner = node.kind === 'parallel' ? node : block;
  for (const c of node.children) assignOwners(c, inner, owner);
}

/**
 * Up to `count` arcs: interior local maxima of −Z″ (arrays in descending frequency), tallest
 * first and at least half a decade apart (so that noise on one arc's top is not a second arc),
 * then ordered by descending frequency. Each arc starts where the previous one ends: at the
 * high-frequency intercept, or at the −Z″ minimum between two apexes.
 */
function findArcs(negIm: number[], real: number[], omega: number[], count: number, rHighFrequency: number): Arc[] {
  if (count === 0) return [];
  const candidates: number[] = [];
  for (let i = 1; i < negIm.length - 1; i++) {
    if (negIm[i] > 0 && negIm[i] >= negIm[i - 1] && negIm[i] >= negIm[i + 1]) candidates.push(i);
  }
  candidates.sort((a, b) => negIm[b] - negIm[a]);
  const chosen: number[] = [];
  for (const i of candidates) {
    if (chosen.length === count) break;
    if (chosen.every((j) => Math.abs(Math.log10(omega[i] / omega[j])) >= 0.5)) chosen.push(i);
  }
  chosen.sort((a, b) => a - b);
  const arcs: Arc[] = [];
  let startIndex = -1;
  for (const apex of chosen) {
    let arcStart = rHighFrequency;
    if (startIndex >= 0) {
      let valley = startIndex;
      for (let i = startIndex; i <= apex; i++) if (negIm[i] < negIm[valley]) valley = i;
      arcStart = real[valley];
    }
    const fromReal = 2 * (real[apex] - arcStart);
    // a semicircle's height is half its diameter: the fallback when Z′ gives no positive width
    const diameter = fromReal > 0 ? fromReal : 2 * negIm[apex];
    arcs.push({ index: apex, diameter_ohm: diameter, omega_rad_per_s: omega[apex] });
    startIndex = apex;
  }
  return arcs;
}

/**
 * Blocks for which the spectrum shows no apex of their own get one a decade below the last arc
 * (or below the highest frequency), sharing what is left of the low-frequency real part.
 */
function synthesizeMissingArcs(
  arcs: Arc[],
  count: number,
  real: number[],
  omega: number[],
  modulus: number[],
  rHighFrequency: number,
): void {
  const missing = count - arcs.length;
  if (missing <= 0) return;
  const n = real.length;
  const used = arcs.reduce((s, a) => s + a.diameter_ohm, 0);
  const left = real[n - 1] - rHighFrequency - used;
  const share = left > 0 ? left / missing : modulus[n - 1] / count;
  let w = arcs.length ? arcs[arcs.length - 1].omega_rad_per_s : omega[0];
  for (let k = 0; k < missing; k++) {
    w /= 10;
    arcs.push({ index: -1, diameter_ohm: share, omega_rad_per_s: w });
  }
}
