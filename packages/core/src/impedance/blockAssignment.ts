/**
 * What each parallel block of a fitted circuit is: its time constant, apex frequency, effective
 * capacitance and — with the pellet geometry — the capacitance per cell constant and the relative
 * permittivity it implies, with the usual assignment of J. T. S. Irvine, D. C. Sinclair and
 * A. R. West, Adv. Mater. 2, 132 (1990), Table 1 (capacitance × l/A, in F/cm):
 *
 *   1e-12           bulk                          1e-9 – 1e-7    surface layer
 *   1e-11           minor, second phase           1e-7 – 1e-5    sample–electrode interface
 *   1e-11 – 1e-8    grain boundary                1e-4           electrochemical reaction
 *   1e-10 – 1e-9    bulk ferroelectric
 *
 *   ε_r = C·l/(ε0·A)          (a parallel-plate capacitor filled with the sample)
 *
 * Which block is the bulk. The bulk capacitance is the geometric one, ε0·ε_r·A/l, the smallest
 * capacitance of the cell: a grain-boundary layer is thinner than the pellet by the ratio of
 * grain size to boundary thickness (the brick-layer model: C_gb/C_b ≈ d_grain/δ_gb, 10–1000),
 * an electrode double layer thinner still. So the block with the smallest effective capacitance
 * is the bulk — provided, with a geometry, it is not an electrode's (C·l/A ≥ 1e-7 F/cm, Irvine's
 * sample–electrode range, ε_r ≥ ~10⁶: then no block holds the bulk, whose arc lies above the
 * frequency window and whose resistance is the high-frequency intercept). Between 1e-10 and 1e-7
 * F/cm the block is still taken for the bulk, with a note: a bulk of ε_r above ~1000 is unusual,
 * but a dispersive bulk fitted with a CPE gives such an effective capacitance (its ZARC stands
 * for Jonscher's σ′ ∝ ν^p, whose dielectric strength ε0·Δε ≈ σ_DC/ω_c exceeds the geometric
 * capacitance: electrolyte-soaked MIL-121 gives 1.6e-9 F/cm), and so does a surface layer.
 * Irvine's absolute ranges overlap and depend on ε_r, so the bulk is picked by this relative rule
 * and the others are named by their range (by their ratio to the bulk capacitance without a
 * geometry).
 *
 * Effective capacitance C_eff = τ/R: the capacitor itself, or for a CPE Hsu–Mansfeld's
 * R^((1−n)/n)·Q^(1/n) (cpe.ts). Uncertainties by linear propagation through the fit covariance.
 */
import { InputError } from '../errors';
import { VACUUM_PERMITTIVITY_F_per_cm } from '../physics/constants';
import { blockTimeConstant_s, circuitBlocks, isCharacterised } from './blocks';
import { Circuit, parseCircuit } from './circuit';
import { cellConstant_per_cm } from './conductivity';
import { cpeCapacitance, propagate } from './cpe';
import type { CircuitFitResult } from './fitCircuit';
import type { Estimate, PelletGeometry } from './types';

export type BlockRole = 'bulk' | 'grain boundary' | 'surface layer' | 'electrode interface' | 'electrochemical reaction';

export interface BlockCharacter {
  /** The block as written, e.g. "p(R1,CPE1)". */
  block: string;
  resistor: string;
  capacitor: string;
  resistance_ohm: Estimate;
  timeConstant_s: Estimate;
  /** f = 1/(2πτ), where −Z″ of the block peaks. */
  apexFrequency_Hz: Estimate;
  /** C_eff = τ/R: C, or Hsu–Mansfeld for a CPE. */
  capacitance_F: Estimate;
  /** With a geometry: C_eff·l/A in F/cm (Irvine, Sinclair & West's quantity). */
  capacitancePerCellConstant_F_per_cm?: Estimate;
  /** With a geometry: ε_r = C_eff·l/(ε0·A). */
  relativePermittivity?: Estimate;
  /** With a geometry: what Irvine, Sinclair & West's table says a capacitance of this size is typical of. */
  typicalOf?: string;
  /** What the block is taken to be (see the file comment). */
  role: BlockRole;
}

export interface BlockAssignment {
  blocks: BlockCharacter[];
  /** The resistor that holds the bulk resistance, or null when none can be named. */
  bulkResistor: string | null;
  /** 'geometry': by Irvine's ranges and ε_r; 'relative': capacitance ratios only (no geometry). */
  basis: 'geometry' | 'relative';
  notes: string[];
}

/** From this C·l/A on (Irvine's sample–electrode range, ε_r ≈ 1.1e6) no block is taken for the bulk. */
export const BULK_CAPACITANCE_LIMIT_F_per_cm = 1e-7;

/** Above this C·l/A (ε_r ≈ 1100) a bulk-like block gets a note (see the file comment). */
export const UNUSUAL_BULK_CAPACITANCE_F_per_cm = 1e-10;

/** Irvine, Sinclair & West's ranges in log10(F/cm); point values widened by half a decade. */
const IRVINE_RANGES: ReadonlyArray<{ name: string; lo: number; hi: number }> = [
  { name: 'bulk', lo: -Infinity, hi: -11.5 },
  { name: 'minor second phase', lo: -11.5, hi: -10.5 },
  { name: 'grain boundary', lo: -11, hi: -8 },
  { name: 'bulk ferroelectric', lo: -10, hi: -9 },
  { name: 'surface layer', lo: -9, hi: -7 },
  { name: 'sample-electrode interface', lo: -7, hi: -5 },
  { name: 'electrochemical reaction', lo: -4.5, hi: Infinity },
];

/** What a capacitance per cell constant (F/cm) is typical of, by Irvine, Sinclair & West. */
export function irvineTypicalOf(capacitance_F_per_cm: number): string {
  const x = Math.log10(capacitance_F_per_cm);
  const names = IRVINE_RANGES.filter((r) => x >= r.lo && x < r.hi).map((r) => r.name);
  return names.length ? names.join(' or ') : 'between the usual ranges';
}

/** The role of a non-bulk block from C·l/A (log10, F/cm): the nearest of Irvine's ranges. */
function roleFromGeometry(logC: number): BlockRole {
  if (logC < -8.75) return 'grain boundary';
  if (logC < -7) return 'surface layer';
  if (logC < -4.75) return 'electrode interface';
  return 'electrochemical reaction';
}

/** The role of a non-bulk block from its capacitance relative to the bulk's (no geometry). */
function roleFromRatio(ratio: number): BlockRole {
  if (ratio < 1e3) return 'grain boundary';
  if (ratio < 1e5) return 'surface layer';
  return 'electrode interface';
}

export function assignBlocks(fit: CircuitFitResult, geometry?: PelletGeometry, source = 'assignBlocks'): BlockAssignment {
  const circuit: Circuit = parseCircuit(fit.circuit, source);
  const values: Record<string, number> = {};
  for (const [name, p] of Object.entries(fit.parameters)) values[name] = p.value;
  const characterised = circuitBlocks(circuit).filter(isCharacterised);
  const k = geometry ? cellConstant_per_cm(geometry) : undefined;
  const geometryRel2 = geometry
    ? ((geometry.thicknessStderr_cm ?? 0) / geometry.thickness_cm) ** 2 + ((geometry.areaStderr_cm2 ?? 0) / geometry.area_cm2) ** 2
    : 0;
  const blocks: BlockCharacter[] = [];
  for (const b of characterised) {
    const R = values[b.resistor.name];
    const tau = blockTimeConstant_s(b, values);
    if (!(R > 0 && tau > 0)) continue;
    const gradient: Record<string, number> = {};
    let capacitance: Estimate;
    if (b.capacitor.type === 'C') {
      gradient[b.resistor.name] = values[b.capacitor.name];
      gradient[b.capacitor.name] = R;
      const p = fit.parameters[b.capacitor.name];
      capacitance = { value: p.value, stderr: p.stderr };
    } else {
      // ln τ = (ln R + ln Q)/n
      const Q = values[`${b.capacitor.name}_Q`];
      const n = values[`${b.capacitor.name}_n`];
      gradient[b.resistor.name] = tau / (n * R);
      gradient[`${b.capacitor.name}_Q`] = tau / (n * Q);
      gradient[`${b.capacitor.name}_n`] = (-tau * Math.log(R * Q)) / (n * n);
      if (!(n > 0 && n <= 1 && Q > 0)) continue;
      capacitance = cpeCapacitance(fit, { cpe: b.capacitor.name, method: 'hsu-mansfeld', resistance: b.resistor.name }).capacitance_F;
    }
    const tauStderr = propagate(fit, gradient);
    const apex = 1 / (2 * Math.PI * tau);
    const pR = fit.parameters[b.resistor.name];
    const character: BlockCharacter = {
      block: b.text,
      resistor: b.resistor.name,
      capacitor: b.capacitor.name,
      resistance_ohm: { value: pR.value, stderr: pR.stderr },
      timeConstant_s: { value: tau, stderr: tauStderr },
      apexFrequency_Hz: { value: apex, stderr: tauStderr === null ? null : (apex * tauStderr) / tau },
      capacitance_F: capacitance,
      role: 'bulk',
    };
    if (k !== undefined) {
      const scaled = capacitance.value * k;
      const rel = capacitance.stderr === null ? null : Math.sqrt((capacitance.stderr / capacitance.value) ** 2 + geometryRel2);
      character.capacitancePerCellConstant_F_per_cm = { value: scaled, stderr: rel === null ? null : scaled * rel };
      const eps = scaled / VACUUM_PERMITTIVITY_F_per_cm;
      character.relativePermittivity = { value: eps, stderr: rel === null ? null : eps * rel };
      character.typicalOf = irvineTypicalOf(scaled);
    }
    blocks.push(character);
  }

  const notes: string[] = [];
  const basis = geometry ? 'geometry' : 'relative';
  const byCapacitance = [...blocks].sort((a, b) => a.capacitance_F.value - b.capacitance_F.value);
  const smallest = byCapacitance[0];
  let bulk: BlockCharacter | undefined;
  if (smallest && (k === undefined || smallest.capacitance_F.value * k < BULK_CAPACITANCE_LIMIT_F_per_cm)) bulk = smallest;
  for (const c of blocks) {
    if (c === bulk) continue;
    if (k !== undefined) c.role = roleFromGeometry(Math.log10(c.capacitance_F.value * k));
    else c.role = bulk ? roleFromRatio(c.capacitance_F.value / bulk.capacitance_F.value) : 'grain boundary';
  }
  let bulkResistor: string | null = bulk ? bulk.resistor : null;
  if (bulk === undefined && blocks.length > 0) {
    const intercept = topLevelResistor(circuit);
    notes.push(
      `no block has a bulk-like capacitance (the smallest, ${smallest.block}, has C·l/A = ${(smallest.capacitance_F.value * (k as number)).toExponential(2)} F/cm): ` +
        `the bulk arc probably lies above the highest frequency${intercept ? `, so the high-frequency intercept ${intercept} is taken as the bulk resistance` : ''}`,
    );
    bulkResistor = intercept ?? null;
  }
  if (bulk && k !== undefined && bulk.capacitance_F.value * k > UNUSUAL_BULK_CAPACITANCE_F_per_cm) {
    notes.push(
      `the bulk-like block ${bulk.block} has C·l/A = ${(bulk.capacitance_F.value * k).toExponential(2)} F/cm (ε_r ≈ ${(bulk.relativePermittivity as Estimate).value.toPrecision(2)}), ` +
        `far above a bulk's geometric capacitance (~1e-12 F/cm): a dispersive (Jonscher) bulk fitted with a CPE, or a surface layer with the bulk arc above the frequency window — check which before using ${bulk.resistor} for σ`,
    );
  }
  if (bulk && basis === 'relative' && blocks.length > 1) {
    notes.push(
      `without the pellet geometry the bulk is the block with the smallest capacitance (${bulk.block}); give the geometry to check it against Irvine, Sinclair & West's ranges`,
    );
  }
  return { blocks, bulkResistor, basis, notes };
}

/** The first R in series at the top level of the circuit (the high-frequency intercept). */
function topLevelResistor(circuit: Circuit): string | undefined {
  const top = circuit.root.kind === 'series' ? circuit.root.children : [circuit.root];
  const r = top.find((n) => n.kind === 'element' && n.type === 'R');
  return r && r.kind === 'element' ? r.name : undefined;
}

/**
 * Checks a choice of conductivity resistance against the circuit before anything is fitted:
 * a name must be an R of the circuit; 'auto' needs a block of the form p(R,C), p(R,CPE) or
 * p(R-W,C) to identify the bulk by.
 */
export function checkResistanceChoice(circuit: Circuit, chosen: string, source = 'resistance'): void {
  const resistors = circuit.elements.filter((e) => e.type === 'R').map((e) => e.name);
  if (chosen !== 'auto') {
    if (!resistors.includes(chosen)) {
      throw new InputError(`no resistor '${chosen}' in circuit ${circuit.text}`, {
        field: 'resistance',
        expected: `one of ${resistors.join(', ') || '(the circuit has no R)'}, or auto`,
        found: JSON.stringify(chosen),
        source,
      });
    }
    return;
  }
  if (!circuitBlocks(circuit).some(isCharacterised)) {
    throw new InputError(`circuit ${circuit.text} has no parallel block such as p(R1,CPE1), so no bulk block can be identified`, {
      field: 'resistance',
      expected: `the name of the resistance to use (${resistors.length ? `one of ${resistors.join(', ')}` : 'the circuit has no R'}), or a circuit with a p(R,C) or p(R,CPE) block`,
      found: 'auto',
      source,
    });
  }
}

/**
 * The resistance that gives the DC conductivity: 'auto' takes the bulk one (assignBlocks), a name
 * is used as given, with a note when it is not the bulk-like block.
 */
export function conductivityResistance(
  fit: CircuitFitResult,
  assignment: BlockAssignment,
  chosen: string = 'auto',
  source = 'conductivityResistance',
): { resistor: string; notes: string[] } {
  checkResistanceChoice(parseCircuit(fit.circuit, source), chosen, source);
  if (chosen !== 'auto') {
    const notes: string[] = [];
    if (assignment.bulkResistor !== null && chosen !== assignment.bulkResistor) {
      const own = assignment.blocks.find((b) => b.resistor === chosen);
      const bulk = assignment.blocks.find((b) => b.resistor === assignment.bulkResistor);
      notes.push(
        `${chosen} is not the bulk-like resistance: ${own ? `its block ${own.block} looks like ${own.role} (C = ${own.capacitance_F.value.toExponential(2)} F)` : 'it is in no block'}; ` +
          `the bulk-like one is ${assignment.bulkResistor}${bulk ? ` (${bulk.block}, C = ${bulk.capacitance_F.value.toExponential(2)} F)` : ''}`,
      );
    }
    return { resistor: chosen, notes };
  }
  if (assignment.bulkResistor === null) {
    const resistors = parseCircuit(fit.circuit, source)
      .elements.filter((e) => e.type === 'R')
      .map((e) => e.name);
    throw new InputError(`no block of circuit ${fit.circuit} can be identified as the bulk (${assignment.notes.join('; ')})`, {
      field: 'resistance',
      expected: `the name of the resistance to use (one of ${resistors.join(', ') || 'none'})`,
      found: 'auto',
      source,
    });
  }
  return { resistor: assignment.bulkResistor, notes: [] };
}
