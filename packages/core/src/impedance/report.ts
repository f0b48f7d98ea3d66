/**
 * Text reports of impedance analyses, in the style of fitReport (lmfit's fit_report): what the
 * CLI prints and a notebook shows as text/plain. One wording, written once.
 */
import { segmentedArrheniusReport } from '../arrhenius/report';
import { formatEstimate } from '../fit/format';
import { fitReport } from '../fit/report';
import type { ImpedanceSpectrumAnalysis } from './analysis';
import type { BlockCharacter } from './blockAssignment';
import type { StartsSummary } from './fitCircuit';
import type { ImpedanceSeriesAnalysis } from './series';

/** A temperature as read ("313.15 K"): to 0.01 K, without the float noise of a °C conversion. */
export function kelvin(temperature_K: number): string {
  return `${Number(temperature_K.toFixed(2))} K`;
}

/** One spectrum: fit report, starts, blocks, capacitances, Lin–KK and conductivity. */
export function impedanceSpectrumReport(a: ImpedanceSpectrumAnalysis): string {
  const lines: string[] = [];
  lines.push(`[[Circuit]] ${a.fit.circuit}, ${a.points} frequencies, weighting ${a.fit.weighting}`);
  lines.push(fitReport(a.fit.fit));
  lines.push(...startsLines(a.fit.starts));
  if (a.fit.blockOrder.length) {
    lines.push('[[Block order]] interchangeable blocks are returned fastest first');
    for (const note of a.fit.blockOrder) lines.push(`    ${note}`);
  }
  if (a.blocks.blocks.length) {
    lines.push(
      `[[Blocks]] (${a.blocks.basis === 'geometry' ? "assigned by capacitance and Irvine, Sinclair & West's ranges" : 'assigned by relative capacitance: no geometry'})`,
    );
    for (const b of a.blocks.blocks) lines.push(...blockLines(b));
  }
  if (a.capacitances.length) {
    lines.push('[[CPE capacitance]]');
    for (const c of a.capacitances)
      lines.push(`    ${c.cpe} (${c.method === 'brug' ? 'Brug' : 'Hsu-Mansfeld'}): C = ${formatEstimate(c.capacitance_F, 'F')}`);
  }
  lines.push('[[Lin-KK validity test]]');
  lines.push(
    `    M = ${a.linKK.elements} RC elements, mu = ${a.linKK.mu.toFixed(3)}${a.linKK.muCriterionMet ? '' : ' (mu criterion not met)'}, ` +
      `residuals (Z - Z_KK)/|Z|: rms ${a.linKK.rmsResidual.toExponential(2)}, max ${a.linKK.maxAbsResidual.toExponential(2)}` +
      ` (the circuit's: rms ${a.fit.residuals.rmsRelative.toExponential(2)})`,
  );
  if (a.conductivity) {
    const c = a.conductivity;
    const auto = a.blocks.bulkResistor === c.resistance ? ', the bulk-like resistance' : '';
    lines.push('[[Conductivity]]');
    lines.push(
      `    σ = l/(${c.resistance}·A) = ${formatEstimate(c.sigma_S_per_cm, 'S/cm')} (l = ${c.geometry.thickness_cm} cm, A = ${c.geometry.area_cm2} cm²${auto})`,
    );
  }
  return lines.join('\n');
}

function startsLines(s: StartsSummary): string[] {
  if (s.outcomes.length <= 1) return [];
  const best = Math.min(...s.outcomes.map((o) => o.chiSquare));
  const ratios = s.outcomes.map((o) => o.chiSquare / best).sort((a, b) => a - b);
  const worst = ratios[ratios.length - 1];
  return [
    `[[Starts]] ${s.outcomes.length} starts${s.screened ? ` (a global search screened ${s.screened} combinations of time constants)` : ''}; ` +
      `${s.reachedBest} reached the lowest chi-square, the others ended up to ${worst.toPrecision(3)}× higher`,
    `    kept: ${s.chosen}`,
  ];
}

function blockLines(b: BlockCharacter): string[] {
  const out = [
    `    ${b.block}: ${b.role}${b.typicalOf ? ` (C·l/A typical of ${b.typicalOf})` : ''}`,
    `        ${b.resistor} = ${formatEstimate(b.resistance_ohm, 'Ω')}, τ = ${formatEstimate(b.timeConstant_s, 's')}, apex ${formatEstimate(b.apexFrequency_Hz, 'Hz')}, C_eff = ${formatEstimate(b.capacitance_F, 'F')}`,
  ];
  if (b.capacitancePerCellConstant_F_per_cm && b.relativePermittivity) {
    out.push(
      `        C·l/A = ${formatEstimate(b.capacitancePerCellConstant_F_per_cm, 'F/cm')}, ε_r = ${formatEstimate(b.relativePermittivity)}`,
    );
  }
  return out;
}

/** A temperature series: conductivities, per-block Arrhenius lines and capacitances, the σT fit. */
export function impedanceSeriesReport(a: ImpedanceSeriesAnalysis): string {
  const lines = [
    `[[DC conductivity]] circuit ${a.circuit}, σ = l/(R·A)${a.global ? `, from a global fit sharing ${a.global.fit.shared.join(', ')}` : ''}`,
  ];
  lines.push('    T (K)      R              R (Ω)                   σ (S/cm)                  start');
  for (const p of a.points) {
    lines.push(
      `    ${p.temperature_K.toFixed(2).padEnd(10)} ${p.resistance.padEnd(14)} ${formatEstimate(p.resistance_ohm).padEnd(23)} ${(p.sigma_S_per_cm ? formatEstimate(p.sigma_S_per_cm) : '-').padEnd(25)} ${p.start}`,
    );
  }
  if (a.blocks.length) {
    lines.push('', '[[Blocks across temperature]]');
    for (const b of a.blocks) {
      const roles = [...new Set(b.roles)].join('/');
      const ea = b.arrhenius
        ? `Ea = ${formatEstimate(b.arrhenius.activationEnergy_eV, 'eV')} (${b.arrheniusOf === 'sigmaT' ? 'σT' : 'T/R'})`
        : 'no Arrhenius line (fewer than 3 temperatures)';
      const c = b.capacitance_F.map((e) => e.value);
      lines.push(`    ${b.block} (${roles}): ${ea}; C_eff ${Math.min(...c).toExponential(2)} to ${Math.max(...c).toExponential(2)} F`);
    }
  }
  if (a.arrhenius) lines.push('', segmentedArrheniusReport(a.arrhenius, 'bulk σT'));
  return lines.join('\n');
}
