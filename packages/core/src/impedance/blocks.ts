/**
 * The parallel blocks of a circuit, p(R,C), p(R,CPE), p(R-Wo,C), ...: which of them are
 * interchangeable, their time constants, and the canonical order of interchangeable blocks.
 *
 * Interchangeable blocks. Z of a series connection is a sum, so blocks of the same structure in
 * series at the same level (p(R1,CPE1)-p(R2,CPE2)) can exchange their parameter values without
 * changing Z(ω): every minimum of χ² exists once per ordering of such blocks, and which one a fit
 * lands in depends only on where it started. Left alone, a name (R1) then means "the bulk" in one
 * fit and "the grain boundary" in the next. So after a fit, interchangeable blocks are sorted by
 * time constant, fastest first — the order a Nyquist plot is read in, high frequency to low, and
 * impedance.py's convention for writing circuits. Names keep the order the user wrote; values
 * (with their covariance) are permuted.
 *
 * Time constant of a block whose branches are one capacitive element (C, or a CPE
 * Z = 1/(Q(jω)^n)) and one resistive branch holding exactly one R (alone, or in series with a
 * diffusion element W, Wo, Ws — the Randles-type charge-transfer block):
 *
 *   τ = R·C                      ideal capacitor
 *   τ = (R·Q)^(1/n)              ZARC, the apex of the R∥CPE arc at ω = 1/τ
 *
 * and its effective capacitance C_eff = τ/R (C itself, or Hsu–Mansfeld's R^((1−n)/n)·Q^(1/n):
 * C. H. Hsu, F. Mansfeld, Corrosion 57, 747 (2001)). Blocks of any other form have no time
 * constant here and are never reordered.
 */
import type { Circuit, CircuitNode, ElementNode, ElementType, ParallelNode, SeriesNode } from './circuit';

/** Elements that may sit in series with the block's R inside its resistive branch. */
const DIFFUSION_TYPES: readonly ElementType[] = ['W', 'Wo', 'Ws'];

export interface CircuitBlock {
  /** 0-based position among the circuit's parallel blocks, in written order. */
  index: number;
  /** The block as written, e.g. "p(R1,CPE1)". */
  text: string;
  /** Its structure without labels, branches in a canonical order, e.g. "p(CPE,R)". */
  signature: string;
  /** Elements in the canonical order of `signature`: blocks with one signature map element to element. */
  canonicalElements: ElementNode[];
  /** The R of the resistive branch (undefined when the block is not of the form above). */
  resistor?: ElementNode;
  /** The C or CPE of the capacitive branch (likewise). */
  capacitor?: ElementNode;
  /** Diffusion elements in series with the R (p(R2-Wo1,C2) → Wo1). */
  diffusion: ElementNode[];
  /** The series connection the block sits in; null when it is the whole circuit or inside another block. */
  parent: SeriesNode | null;
  node: ParallelNode;
}

/** Every parallel block of the circuit, in written order. */
export function circuitBlocks(circuit: Circuit): CircuitBlock[] {
  const out: CircuitBlock[] = [];
  const visit = (node: CircuitNode, parent: SeriesNode | null): void => {
    if (node.kind === 'element') return;
    if (node.kind === 'series') {
      for (const c of node.children) visit(c, node);
      return;
    }
    const { signature, elements } = canonicalForm(node);
    const shape = blockShape(node);
    out.push({
      index: out.length,
      text: nodeText(node),
      signature,
      canonicalElements: elements,
      ...shape,
      parent,
      node,
    });
    for (const c of node.children) visit(c, null);
  };
  visit(circuit.root, null);
  return out;
}

/** True when the block has a resistor and a capacitive branch, so a time constant. */
export function isCharacterised(block: CircuitBlock): block is CircuitBlock & { resistor: ElementNode; capacitor: ElementNode } {
  return block.resistor !== undefined && block.capacitor !== undefined;
}

/**
 * Groups of two or more blocks that can exchange values: characterised, the same signature, in
 * series in the same connection. Each group lists its blocks in written order.
 */
export function interchangeableGroups(blocks: readonly CircuitBlock[]): CircuitBlock[][] {
  const groups = new Map<string, CircuitBlock[]>();
  const parents = new Map<SeriesNode, number>();
  for (const b of blocks) {
    if (!isCharacterised(b) || b.parent === null) continue;
    if (!parents.has(b.parent)) parents.set(b.parent, parents.size);
    const key = `${parents.get(b.parent)}|${b.signature}`;
    const list = groups.get(key) ?? [];
    list.push(b);
    groups.set(key, list);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** τ of a characterised block from parameter values by name (NaN when a value is missing or not positive). */
export function blockTimeConstant_s(block: CircuitBlock, values: Readonly<Record<string, number>>): number {
  if (!isCharacterised(block)) return NaN;
  const R = values[block.resistor.name];
  if (block.capacitor.type === 'C') return R * values[block.capacitor.name];
  const Q = values[`${block.capacitor.name}_Q`];
  const n = values[`${block.capacitor.name}_n`];
  return n > 0 ? Math.pow(R * Q, 1 / n) : NaN;
}

/** The names of the parameters that set τ: [R, C] or [R, Q, n]. */
export function timeConstantParameters(block: CircuitBlock & { resistor: ElementNode; capacitor: ElementNode }): string[] {
  return [block.resistor.name, ...block.capacitor.parameters];
}

/**
 * The permutation that puts every group of interchangeable blocks in order of increasing τ:
 * a map from each parameter name to the name whose value it takes (identity entries omitted).
 * Groups where a τ cannot be computed, or where corresponding parameters are constrained
 * differently (`sameConstraints` false: one fixed, different bounds), are left as they are.
 */
export function canonicalBlockPermutation(
  blocks: readonly CircuitBlock[],
  values: Readonly<Record<string, number>>,
  sameConstraints: (a: string, b: string) => boolean = () => true,
): { sources: Map<string, string>; exchanged: string[] } {
  const sources = new Map<string, string>();
  const exchanged: string[] = [];
  for (const group of interchangeableGroups(blocks)) {
    const taus = group.map((b) => blockTimeConstant_s(b, values));
    if (!taus.every((t) => Number.isFinite(t) && t > 0)) continue;
    const constrainedAlike = group.every((b) =>
      b.canonicalElements.every((e, k) =>
        e.parameters.every((name, s) => sameConstraints(name, group[0].canonicalElements[k].parameters[s])),
      ),
    );
    if (!constrainedAlike) continue;
    const order = group.map((_, k) => k).sort((a, b) => taus[a] - taus[b] || a - b);
    if (order.every((k, i) => k === i)) continue;
    group.forEach((target, i) => {
      const from = group[order[i]];
      if (from === target) return;
      target.canonicalElements.forEach((e, k) => {
        e.parameters.forEach((name, s) => sources.set(name, from.canonicalElements[k].parameters[s]));
      });
    });
    exchanged.push(
      `${group.map((b) => b.text).join(', ')}: values exchanged so that τ increases in the written order ` +
        `(τ = ${order.map((k) => taus[k].toExponential(2)).join(' < ')} s)`,
    );
  }
  return { sources, exchanged };
}

/** The parallel block that directly holds an element (undefined for elements outside any block). */
export function blockOfElement(blocks: readonly CircuitBlock[], name: string): CircuitBlock | undefined {
  let found: CircuitBlock | undefined;
  for (const b of blocks) {
    if (containsElement(b.node, name)) found = b; // later blocks are nested deeper: the innermost wins
  }
  return found;
}

function containsElement(node: CircuitNode, name: string): boolean {
  if (node.kind === 'element') return node.name === name;
  return node.children.some((c) => containsElement(c, name));
}

function blockShape(node: ParallelNode): Pick<CircuitBlock, 'resistor' | 'capacitor' | 'diffusion'> {
  const none = { diffusion: [] };
  if (node.children.length !== 2) return none;
  const capIndex = node.children.findIndex((c) => c.kind === 'element' && (c.type === 'C' || c.type === 'CPE'));
  if (capIndex < 0) return none;
  const capacitor = node.children[capIndex] as ElementNode;
  const other = node.children[1 - capIndex];
  const parts = other.kind === 'element' ? [other] : other.kind === 'series' ? other.children : [];
  if (parts.length === 0 || parts.some((p) => p.kind !== 'element')) return none;
  const elements = parts as ElementNode[];
  const resistors = elements.filter((e) => e.type === 'R');
  const diffusion = elements.filter((e) => DIFFUSION_TYPES.includes(e.type));
  if (resistors.length !== 1 || resistors.length + diffusion.length !== elements.length) return none;
  return { resistor: resistors[0], capacitor, diffusion };
}

/** Signature with branches (and series terms) sorted, and the elements in that order. */
function canonicalForm(node: CircuitNode): { signature: string; elements: ElementNode[] } {
  if (node.kind === 'element') return { signature: node.type, elements: [node] };
  const parts = node.children.map(canonicalForm);
  const sorted = parts
    .map((p, k) => ({ ...p, k }))
    .sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : a.k - b.k));
  const signature = node.kind === 'series' ? sorted.map((p) => p.signature).join('-') : `p(${sorted.map((p) => p.signature).join(',')})`;
  return { signature, elements: sorted.flatMap((p) => p.elements) };
}

function nodeText(node: CircuitNode): string {
  if (node.kind === 'element') return node.name;
  const inner = node.children.map(nodeText);
  return node.kind === 'series' ? inner.join('-') : `p(${inner.join(',')})`;
}
