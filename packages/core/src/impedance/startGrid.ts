/**
 * Start values from a global search over time constants: the fit is started from several
 * candidates instead of one guess read off the visible apexes, so an arc that shows only as a
 * shoulder, or is cut off at the highest frequency, still gets a block of its own.
 *
 * For fixed time constants the circuit is (nearly) linear in its magnitudes, which is what makes
 * a global search cheap (the variable-projection idea of G. H. Golub and V. Pereyra, SIAM J.
 * Numer. Anal. 10, 413 (1973); Lin–KK and DRT codes use the same linearity):
 *
 *   Z(ω) ≈ Σ_top R + Σ_blocks R_k/(1 + (jωτ_k)^n) + Σ_diffusion R_w·g(jωτ_w)
 *          + (1/C)·1/(jω) + (1/Q)·1/(jω)^n_el + L·jω + σ_W(1 − j)/√ω
 *
 * with n = 0.9 for a CPE block (1 for a capacitor), g(s) = coth√s/√s (Wo) or tanh√s/√s (Ws), and
 * a diffusion element inside a block (p(R2-Wo1,C2)) taken as in series with the block — exact
 * where τ_w ≫ τ of the block, which is where such a circuit is used. Every time constant τ_k, τ_w
 * runs over a log grid spanning the measured frequencies by 1.5 decades on each side; for each
 * combination the magnitudes (all ≥ 0) come from non-negative least squares with the fit's own
 * weights, on a Gram matrix of the grid's basis vectors computed once. Interchangeable blocks
 * (blocks.ts) take time constants in increasing order only, the canonical order, which divides
 * the search by their number of orderings.
 *
 * The candidates are the best local minima of that χ² over the grid (better than every grid
 * neighbour), converted into circuit parameters (C = τ/R, Q = τ^n/R).
 */
import { nnlsNormal, nnlsWorkspace } from '../fit/nnls';
import { Circuit, CircuitNode, circuitImpedance, ElementNode, parseCircuit } from './circuit';
import { CircuitBlock, circuitBlocks, interchangeableGroups, isCharacterised } from './blocks';
import type { CheckedSpectrum } from './spectrum';
import { CPE_START_EXPONENT } from './startValues';

export interface GridStart {
  /** Parameter values by name. */
  values: Record<string, number>;
  /** Weighted χ² of the linearised model at this start (for ranking only). */
  screeningChiSquare: number;
  /** Time constants of the start, by block or diffusion element name. */
  timeConstants_s: Record<string, number>;
}

export interface GridStartOptions {
  /** Grid points per decade of τ (reduced automatically when the combinations exceed maxCombinations). Default 4. */
  pointsPerDecade?: number;
  /** Most combinations screened. Default 60,000. */
  maxCombinations?: number;
  /** Candidates returned. Default 6. */
  candidates?: number;
}

export interface GridStartOutcome {
  starts: GridStart[];
  /** Combinations of time constants screened. */
  screened: number;
}

/** What one linear column stands for. */
type Column =
  | { role: 'R'; element: ElementNode }
  | { role: 'C'; element: ElementNode }
  | { role: 'CPE'; element: ElementNode; n: number }
  | { role: 'L'; element: ElementNode }
  | { role: 'W'; element: ElementNode }
  | { role: 'block'; block: CircuitBlock & { resistor: ElementNode; capacitor: ElementNode }; dimension: number }
  | { role: 'diffusion'; element: ElementNode; dimension: number };
/** A column with a fixed time constant: one basis vector, one coefficient. */
type FixedColumn = Exclude<Column, { role: 'block' | 'diffusion' }>;

const LINEAR_TYPES = new Set(['R', 'C', 'L', 'CPE', 'W']);

/**
 * Grid starts for a circuit of top-level elements and blocks of the form blocks.ts characterises;
 * null for circuits outside that form (nested blocks), which then keep the single start.
 * `sigma` holds one σ per stacked residual ([Z′..., Z″...], length 2N), as the fit weights them.
 */
export function gridStarts(
  circuit: Circuit,
  spectrum: CheckedSpectrum,
  sigma: ArrayLike<number>,
  options: GridStartOptions = {},
): GridStartOutcome | null {
  const top: CircuitNode[] = circuit.root.kind === 'series' ? circuit.root.children : [circuit.root];
  const blocks = circuitBlocks(circuit);
  const columns: Column[] = [];
  const dimensions: Array<{ kind: 'block'; n: number } | { kind: 'Wo' | 'Ws' }> = [];
  const { frequency_Hz: f, zReal_ohm: re, zImag_ohm: im } = spectrum;
  const N = f.length;
  const elNExponent = electrodeExponent(spectrum);
  for (const node of top) {
    if (node.kind === 'series') return null;
    if (node.kind === 'parallel') {
      const block = blocks.find((b) => b.node === node);
      if (!block || !isCharacterised(block)) return null;
      const n = block.capacitor.type === 'CPE' ? CPE_START_EXPONENT : 1;
      columns.push({ role: 'block', block, dimension: dimensions.length });
      dimensions.push({ kind: 'block', n });
      for (const d of block.diffusion) {
        if (d.type === 'W') return null;
        columns.push({ role: 'diffusion', element: d, dimension: dimensions.length });
        dimensions.push({ kind: d.type as 'Wo' | 'Ws' });
      }
      continue;
    }
    if (node.type === 'Wo' || node.type === 'Ws') {
      columns.push({ role: 'diffusion', element: node, dimension: dimensions.length });
      dimensions.push({ kind: node.type });
    } else if (LINEAR_TYPES.has(node.type)) {
      columns.push(node.type === 'CPE' ? { role: 'CPE', element: node, n: elNExponent } : { role: node.type, element: node });
    } else {
      return null;
    }
  }
  const D = dimensions.length;
  if (D === 0) return null;

  const omega = Float64Array.from(f, (v) => 2 * Math.PI * v);
  const wMin = Math.min(...omega);
  const wMax = Math.max(...omega);
  const logLo = Math.log10(1 / wMax) - 1.5;
  const logHi = Math.log10(1 / wMin) + 1.5;
  // interchangeable blocks take increasing time constants only
  const increasingAfter = new Map<number, number>();
  const groupSizes: number[] = [];
  for (const group of interchangeableGroups(blocks)) {
    groupSizes.push(group.length);
    const dims = group
      .map((b) => columns.find((c) => c.role === 'block' && c.block === b))
      .map((c) => (c as { dimension: number }).dimension);
    for (let k = 1; k < dims.length; k++) increasingAfter.set(dims[k], dims[k - 1]);
  }
  const maxCombinations = options.maxCombinations ?? 60000;
  let perDecade = options.pointsPerDecade ?? 4;
  let G = 0;
  for (;;) {
    G = Math.max(2, Math.round((logHi - logLo) * perDecade) + 1);
    if (combinationCount(G, D, groupSizes) <= maxCombinations || perDecade <= 1) break;
    perDecade /= 1.25;
  }
  const taus = Float64Array.from({ length: G }, (_, g) => Math.pow(10, logLo + ((logHi - logLo) * g) / (G - 1)));

  // basis vectors, weighted and scaled to unit norm: fixed columns, then G per dimension
  const M = 2 * N;
  const weighted = (z: { zReal_ohm: Float64Array; zImag_ohm: Float64Array }): Float64Array => {
    const v = new Float64Array(M);
    for (let i = 0; i < N; i++) {
      v[i] = z.zReal_ohm[i] / sigma[i];
      v[N + i] = z.zImag_ohm[i] / sigma[N + i];
    }
    return v;
  };
  const basis = {
    R: weighted(circuitImpedance(parseCircuit('R1'), f, [1])),
    C: weighted(circuitImpedance(parseCircuit('C1'), f, [1])),
    L: weighted(circuitImpedance(parseCircuit('L1'), f, [1])),
    W: weighted(circuitImpedance(parseCircuit('W1'), f, [1])),
  };
  const fixedColumns = columns.filter((c): c is FixedColumn => c.role !== 'block' && c.role !== 'diffusion');
  const vectors: Float64Array[] = fixedColumns.map((c) => {
    if (c.role === 'CPE') return weighted(circuitImpedance(parseCircuit('CPE1'), f, [1, c.n]));
    return basis[c.role];
  });
  const F = vectors.length;
  const dimensionOffset: number[] = [];
  for (const dim of dimensions) {
    dimensionOffset.push(vectors.length);
    for (const tau of taus) {
      if (dim.kind === 'block') {
        const shape =
          dim.n === 1
            ? circuitImpedance(parseCircuit('p(R1,C1)'), f, [1, tau])
            : circuitImpedance(parseCircuit('p(R1,CPE1)'), f, [1, Math.pow(tau, dim.n), dim.n]);
        vectors.push(weighted(shape));
      } else {
        vectors.push(weighted(circuitImpedance(parseCircuit(`${dim.kind}1`), f, [1, tau])));
      }
    }
  }
  const norms = vectors.map((v) => Math.sqrt(dot(v, v)) || 1);
  vectors.forEach((v, k) => {
    for (let i = 0; i < M; i++) v[i] /= norms[k];
  });
  const b = new Float64Array(M);
  for (let i = 0; i < N; i++) {
    b[i] = re[i] / sigma[i];
    b[N + i] = im[i] / sigma[N + i];
  }
  const bb = dot(b, b);
  const V = vectors.length;
  const gramAll = new Float64Array(V * V);
  const cAll = new Float64Array(V);
  for (let a = 0; a < V; a++) {
    cAll[a] = dot(vectors[a], b);
    for (let c = 0; c <= a; c++) gramAll[a * V + c] = gramAll[c * V + a] = dot(vectors[a], vectors[c]);
  }

  // every admissible combination of grid indices → χ² of the NNLS solution
  const k = F + D;
  const gram = new Float64Array(k * k);
  const cvec = new Float64Array(k);
  const cols = new Int32Array(k);
  const work = nnlsWorkspace(k);
  for (let a = 0; a < F; a++) cols[a] = a;
  const chi = new Float64Array(Math.pow(G, D)).fill(Infinity);
  const index = new Int32Array(D);
  let screened = 0;
  const solveAt = (): number => {
    for (let d = 0; d < D; d++) cols[F + d] = dimensionOffset[d] + index[d];
    for (let a = 0; a < k; a++) {
      cvec[a] = cAll[cols[a]];
      for (let c = 0; c < k; c++) gram[a * k + c] = gramAll[cols[a] * V + cols[c]];
    }
    return nnlsNormal(gram, cvec, bb, k, work).residualSquare;
  };
  const flat = (idx: Int32Array): number => {
    let s = 0;
    for (let d = 0; d < D; d++) s = s * G + idx[d];
    return s;
  };
  const admissible = (idx: Int32Array): boolean => {
    for (const [d, before] of increasingAfter) if (idx[d] <= idx[before]) return false;
    return true;
  };
  for (let s = 0; s < chi.length; s++) {
    let rest = s;
    for (let d = D - 1; d >= 0; d--) {
      index[d] = rest % G;
      rest = Math.floor(rest / G);
    }
    if (!admissible(index)) continue;
    chi[s] = solveAt();
    screened++;
  }

  // local minima over the grid (neighbours ±1 in each dimension), best first
  const minima: number[] = [];
  const neighbour = new Int32Array(D);
  for (let s = 0; s < chi.length; s++) {
    if (!Number.isFinite(chi[s])) continue;
    let rest = s;
    for (let d = D - 1; d >= 0; d--) {
      index[d] = rest % G;
      rest = Math.floor(rest / G);
    }
    let isMin = true;
    for (let d = 0; d < D && isMin; d++) {
      for (const step of [-1, 1]) {
        neighbour.set(index);
        neighbour[d] += step;
        if (neighbour[d] < 0 || neighbour[d] >= G) continue;
        const t = chi[flat(neighbour)];
        if (t < chi[s]) {
          isMin = false;
          break;
        }
      }
    }
    if (isMin) minima.push(s);
  }
  minima.sort((a, c) => chi[a] - chi[c]);
  const wanted = options.candidates ?? 6;
  const maxModulus = Math.max(...Array.from(f, (_, i) => Math.hypot(re[i], im[i])));
  const starts: GridStart[] = [];
  for (const s of minima.slice(0, wanted)) {
    let rest = s;
    for (let d = D - 1; d >= 0; d--) {
      index[d] = rest % G;
      rest = Math.floor(rest / G);
    }
    for (let d = 0; d < D; d++) cols[F + d] = dimensionOffset[d] + index[d];
    for (let a = 0; a < k; a++) {
      cvec[a] = cAll[cols[a]];
      for (let c = 0; c < k; c++) gram[a * k + c] = gramAll[cols[a] * V + cols[c]];
    }
    const x = nnlsNormal(gram, cvec, bb, k, work).x;
    // unscale: coefficient = x / norm of the column's unweighted-to-unit scaling
    const coefficient = (a: number): number => x[a] / norms[cols[a]];
    starts.push(toParameters(columns, fixedColumns, coefficient, F, taus, index, { wMin, wMax, maxModulus, chiSquare: chi[s] }));
  }
  return { starts, screened };
}

function toParameters(
  columns: Column[],
  fixedColumns: FixedColumn[],
  coefficient: (a: number) => number,
  F: number,
  taus: Float64Array,
  index: Int32Array,
  scale: { wMin: number; wMax: number; maxModulus: number; chiSquare: number },
): GridStart {
  // a magnitude the data do not ask for (NNLS gave 0) starts small instead of on the bound
  const rFloor = 1e-3 * scale.maxModulus;
  const values: Record<string, number> = {};
  const timeConstants_s: Record<string, number> = {};
  fixedColumns.forEach((c, a) => {
    const x = coefficient(a);
    switch (c.role) {
      case 'R':
        values[c.element.name] = Math.max(x, rFloor);
        break;
      case 'C':
        values[c.element.name] = x > 0 ? 1 / x : 1e3 / (scale.wMin * scale.maxModulus);
        break;
      case 'CPE':
        values[`${c.element.name}_Q`] = x > 0 ? 1 / x : 1e3 / (Math.pow(scale.wMin, c.n) * scale.maxModulus);
        values[`${c.element.name}_n`] = c.n;
        break;
      case 'L':
        values[c.element.name] = x > 0 ? x : (1e-3 * scale.maxModulus) / scale.wMax;
        break;
      case 'W':
        values[c.element.name] = Math.max(x, rFloor * Math.sqrt(scale.wMin));
        break;
    }
  });
  let d = 0;
  for (const c of columns) {
    if (c.role !== 'block' && c.role !== 'diffusion') continue;
    const tau = taus[index[c.dimension]];
    const x = Math.max(coefficient(F + d), rFloor);
    d++;
    if (c.role === 'diffusion') {
      values[`${c.element.name}_R`] = x;
      values[`${c.element.name}_tau`] = tau;
      timeConstants_s[c.element.name] = tau;
      continue;
    }
    const { resistor, capacitor } = c.block;
    values[resistor.name] = x;
    if (capacitor.type === 'C') {
      values[capacitor.name] = tau / x;
    } else {
      values[`${capacitor.name}_Q`] = Math.pow(tau, CPE_START_EXPONENT) / x;
      values[`${capacitor.name}_n`] = CPE_START_EXPONENT;
    }
    timeConstants_s[c.block.text] = tau;
  }
  return { values, screeningChiSquare: scale.chiSquare, timeConstants_s };
}

/**
 * The exponent of a top-level CPE (a blocking electrode) from the slope of log(−Z″) against
 * log ω over the four lowest frequencies, where such a CPE dominates: −Z″ ∝ ω^(−n). Outside
 * 0.5–1 (the spectrum ends on an arc, not a spike) the usual start of 0.9.
 */
function electrodeExponent(spectrum: CheckedSpectrum): number {
  const { frequency_Hz: f, zImag_ohm: im } = spectrum;
  const order = Array.from(f, (_, i) => i).sort((a, b) => f[a] - f[b]);
  const low = order.slice(0, 4).filter((i) => im[i] < 0);
  if (low.length < 3) return CPE_START_EXPONENT;
  const xs = low.map((i) => Math.log(f[i]));
  const ys = low.map((i) => Math.log(-im[i]));
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, k) => {
    sxy += (x - mx) * (ys[k] - my);
    sxx += (x - mx) ** 2;
  });
  const n = sxx > 0 ? -sxy / sxx : NaN;
  return n >= 0.5 && n <= 1 ? n : CPE_START_EXPONENT;
}

/** Admissible combinations: G^D, divided by the orderings each group of interchangeable blocks drops. */
function combinationCount(G: number, D: number, groupSizes: number[]): number {
  let count = Math.pow(G, D);
  for (const size of groupSizes) {
    for (let i = 2; i <= size; i++) count /= i;
  }
  return count;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
