/**
 * Text report of a line-narrowing fit, as `relaxlab narrowing` prints it: the lmfit-style fit
 * report and the physics (Ea, τ0, Abragam's α when the model has it, the rigid-lattice and
 * narrowed widths, where τc⁻¹ = 2πW, the onset and the Waugh–Fedin estimate).
 */
import { fitReport } from '../fit/report';
import { formatEstimate, formatNumber } from '../fit/format';
import type { LineNarrowingResult } from './fit';

/** [[Physics]] of a line-narrowing fit. */
function lineNarrowingPhysicsReport(r: LineNarrowingResult): string {
  const out = ['[[Physics]]', `    model              = ${r.model}`];
  out.push(
    `    Ea                 = ${formatEstimate(r.activationEnergy_eV, 'eV')} (${formatEstimate(r.activationEnergy_kJ_per_mol, 'kJ/mol')})`,
  );
  out.push(`    tau0               = ${formatEstimate(r.tau0_s, 's')}`);
  // Abragam's α (a constant of order unity, held at 1 unless τ0 is fixed): only α·τ0 enters the model
  if (r.abragamAlpha)
    out.push(
      `    alpha (Abragam)    = ${r.abragamAlpha.vary ? formatEstimate(r.abragamAlpha) : `${formatNumber(r.abragamAlpha.value, 6)} (fixed)`}`,
    );
  out.push(`    rigid-lattice W    = ${formatEstimate(r.rigidLatticeWidth_Hz, 'Hz')}`);
  out.push(`    narrowed D         = ${formatEstimate(r.narrowedWidth_Hz, 'Hz')}`);
  if (r.inflection)
    out.push(
      `    tau_c^-1 = 2 pi W  = ${formatEstimate(r.inflection.jumpRate_per_s, '1/s')} at ${formatEstimate(r.inflection.temperature_K, 'K')}`,
    );
  if (r.onset) out.push(`    onset (${formatNumber(r.onset.fraction, 3)} of W - D) = ${formatEstimate(r.onset.temperature_K, 'K')}`);
  if (r.waughFedin)
    out.push(`    Waugh-Fedin Ea     = ${formatEstimate(r.waughFedin.activationEnergy_eV, 'eV')} (1.617e-3 eV/K * T_onset)`);
  return out.join('\n');
}

/** Fit report and physics of a line-narrowing fit. */
export function lineNarrowingReport(r: LineNarrowingResult): string {
  return `${fitReport(r.fit)}\n${lineNarrowingPhysicsReport(r)}`;
}
