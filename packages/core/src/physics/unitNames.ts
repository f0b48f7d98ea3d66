/**
 * The unit a name carries, read by the project's naming convention (names carry their unit after
 * the physics name: activationEnergy_eV, jumpRate_per_s, conductivityDiffusion_m2_per_s,
 * activationEnergy_kJ_per_mol, numberDensity_per_cm3), so that a table built from any result's
 * keys (the JupyterLab renderer's) shows each value with its unit without a list per result kind.
 *
 * Grammar of the suffix, read from the end as far as it goes: UNIT* ('per' UNIT+)?, where UNIT is
 * one of UNIT_TOKENS; "m2_per_s" is m²/s, "per_s" s⁻¹, "per_s2" s⁻², "S_K_per_cm" S K/cm. The
 * longest suffix that parses wins, so "m2_per_s" is never read as "per_s". A name that starts with
 * log10 is the decimal logarithm of the quantity in that unit: "log10tau0_s" is log10(s).
 */

/** Unit tokens of names, and how they are written. */
const UNIT_TOKENS: Readonly<Record<string, string>> = {
  eV: 'eV',
  kJ: 'kJ',
  mol: 'mol',
  K: 'K',
  s: 's',
  s2: 's²',
  ms: 'ms',
  us: 'µs',
  ns: 'ns',
  Hz: 'Hz',
  kHz: 'kHz',
  MHz: 'MHz',
  S: 'S',
  m: 'm',
  m2: 'm²',
  cm: 'cm',
  cm2: 'cm²',
  cm3: 'cm³',
  ohm: 'Ω',
  F: 'F',
  A: 'Å',
  A2: 'Å²',
  A3: 'Å³',
  fs: 'fs',
  ps: 'ps',
};

const INVERSE: Readonly<Record<string, string>> = { '²': '⁻²', '³': '⁻³' };

/** "s" → "s⁻¹", "s²" → "s⁻²", "cm³" → "cm⁻³". */
function inverse(unit: string): string {
  const last = unit[unit.length - 1];
  return INVERSE[last] ? unit.slice(0, -1) + INVERSE[last] : `${unit}⁻¹`;
}

/** The unit of tokens[from..], or undefined when they are not a unit. */
function unitOf(tokens: readonly string[]): string | undefined {
  const per = tokens.indexOf('per');
  const numerator = per < 0 ? tokens : tokens.slice(0, per);
  const denominator = per < 0 ? [] : tokens.slice(per + 1);
  if (per >= 0 && denominator.length === 0) return undefined;
  if (numerator.length === 0 && denominator.length === 0) return undefined;
  if (![...numerator, ...denominator].every((t) => UNIT_TOKENS[t] !== undefined)) return undefined;
  const top = numerator.map((t) => UNIT_TOKENS[t]).join(' ');
  const bottom = denominator.map((t) => UNIT_TOKENS[t]);
  if (!top) return bottom.map(inverse).join(' ');
  if (!bottom.length) return top;
  return `${top}/${bottom.length > 1 ? `(${bottom.join(' ')})` : bottom[0]}`;
}

/** A name split into the physics name and its unit ('' when the name carries none). */
export function unitOfName(key: string): { name: string; unit: string } {
  const tokens = key.split('_');
  for (let from = 1; from < tokens.length; from++) {
    const unit = unitOf(tokens.slice(from));
    if (unit === undefined) continue;
    const name = tokens.slice(0, from).join('_');
    return { name, unit: name.startsWith('log10') ? `log10(${unit})` : unit };
  }
  return { name: key, unit: '' };
}
