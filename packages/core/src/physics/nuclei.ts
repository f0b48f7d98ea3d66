/**
 * NMR nuclei: spin quantum number, gyromagnetic ratio and natural abundance, and the angular
 * frequencies the relaxation models need (ω0 from the Larmor frequency or the field, ω1 from the
 * spin-lock nutation frequency).
 *
 * γ/2π in MHz/T and abundances from R. K. Harris et al., "NMR nomenclature. Nuclear spin
 * properties and conventions for chemical shifts (IUPAC Recommendations 2001)", Pure Appl. Chem.
 * 73, 1795–1818 (2001), Table 1 (γ in 10^7 rad s⁻¹ T⁻¹ there; converted as γ/2π = γ/(2π)).
 */
import { InputError } from '../errors';

export interface Nucleus {
  /** Isotope symbol as written in NMR: '7Li', '23Na', '1H'. */
  readonly symbol: string;
  /** Spin quantum number I. */
  readonly spin: number;
  /** Gyromagnetic ratio γ in rad s⁻¹ T⁻¹ (sign kept: negative for 15N, 17O, 29Si, ...). */
  readonly gamma_rad_per_s_per_T: number;
  /** Natural abundance in percent. */
  readonly naturalAbundance_pct: number;
  /** Quadrupole moment Q in fm² (0 for spin 1/2); from the same IUPAC table. */
  readonly quadrupoleMoment_fm2: number;
}

/** γ in units of 10^7 rad s⁻¹ T⁻¹, as in the IUPAC table. */
function nucleus(symbol: string, spin: number, gamma_1e7: number, abundance_pct: number, q_fm2 = 0): Nucleus {
  return Object.freeze({
    symbol,
    spin,
    gamma_rad_per_s_per_T: gamma_1e7 * 1e7,
    naturalAbundance_pct: abundance_pct,
    quadrupoleMoment_fm2: q_fm2,
  });
}

// the digits as IUPAC prints them (Prettier would drop trailing zeros: 99.750 → 99.75)
// prettier-ignore
/** The nuclei of solid-state ion-conductor NMR (IUPAC 2001, Table 1). */
export const NUCLEI: Readonly<Record<string, Nucleus>> = Object.freeze({
  '1H': nucleus('1H', 0.5, 26.7522128, 99.9885),
  '2H': nucleus('2H', 1, 4.10662791, 0.0115, 0.286),
  '6Li': nucleus('6Li', 1, 3.9371709, 7.59, -0.0808),
  '7Li': nucleus('7Li', 1.5, 10.3977013, 92.41, -4.01),
  '11B': nucleus('11B', 1.5, 8.5847044, 80.1, 4.059),
  '13C': nucleus('13C', 0.5, 6.728284, 1.07),
  '15N': nucleus('15N', 0.5, -2.71261804, 0.368),
  '17O': nucleus('17O', 2.5, -3.62808, 0.038, -2.558),
  '19F': nucleus('19F', 0.5, 25.18148, 100),
  '23Na': nucleus('23Na', 1.5, 7.0808493, 100, 10.4),
  '25Mg': nucleus('25Mg', 2.5, -1.63887, 10.0, 19.94),
  '27Al': nucleus('27Al', 2.5, 6.9762715, 100, 14.66),
  '29Si': nucleus('29Si', 0.5, -5.3190, 4.6832),
  '31P': nucleus('31P', 0.5, 10.8394, 100),
  '39K': nucleus('39K', 1.5, 1.2500608, 93.2581, 5.85),
  '43Ca': nucleus('43Ca', 3.5, -1.803069, 0.135, -4.08),
  '51V': nucleus('51V', 3.5, 7.0455117, 99.750, -5.2),
  '67Zn': nucleus('67Zn', 2.5, 1.676688, 4.10, 15.0),
  '71Ga': nucleus('71Ga', 1.5, 8.181171, 39.892, 10.7),
  '87Rb': nucleus('87Rb', 1.5, 8.786400, 27.83, 13.35),
  '133Cs': nucleus('133Cs', 3.5, 3.5332539, 100, -0.343),
});

/** Accepts '7Li', 'Li7', 'li-7', '7li' and returns the canonical symbol ('7Li'), or undefined. */
export function normalizeNucleusSymbol(name: string): string | undefined {
  const s = name.trim().replace(/[-_\s]/g, '');
  const m = /^(\d+)([A-Za-z]{1,2})$/.exec(s) ?? /^([A-Za-z]{1,2})(\d+)$/.exec(s);
  if (!m) return undefined;
  const [mass, element] = /^\d/.test(m[1]) ? [m[1], m[2]] : [m[2], m[1]];
  const symbol = mass + element.charAt(0).toUpperCase() + element.slice(1).toLowerCase();
  return symbol in NUCLEI ? symbol : undefined;
}

/** The table entry for a nucleus; throws an InputError naming the known nuclei otherwise. */
export function getNucleus(name: string, field = 'nucleus'): Nucleus {
  const symbol = normalizeNucleusSymbol(name);
  if (symbol === undefined) {
    throw new InputError('unknown nucleus', {
      field,
      expected: `one of ${Object.keys(NUCLEI).join(', ')}`,
      found: JSON.stringify(name),
    });
  }
  return NUCLEI[symbol];
}

/** Larmor frequency ν0 = |γ|·B0 / 2π in MHz for a nucleus at field B0 (T). */
export function larmorFrequency_MHz(nucleusName: string, field_T: number): number {
  return (Math.abs(getNucleus(nucleusName).gamma_rad_per_s_per_T) * field_T) / (2 * Math.PI) / 1e6;
}

/** Field B0 in T at which a nucleus has the Larmor frequency ν0 (MHz). */
export function fieldFromLarmor_T(nucleusName: string, larmor_MHz: number): number {
  return (2 * Math.PI * larmor_MHz * 1e6) / Math.abs(getNucleus(nucleusName).gamma_rad_per_s_per_T);
}

/** Angular Larmor frequency ω0 = 2π·ν0 in rad/s from ν0 in MHz. */
export function larmorAngularFrequency_rad_per_s(larmor_MHz: number): number {
  return 2 * Math.PI * larmor_MHz * 1e6;
}

/** Angular spin-lock (nutation) frequency ω1 = 2π·ν1 in rad/s from ν1 in kHz. */
export function spinLockAngularFrequency_rad_per_s(spinLock_kHz: number): number {
  return 2 * Math.PI * spinLock_kHz * 1e3;
}
