/**
 * Which relaxation experiment a Bruker pulse program runs, from its name (acqus PULPROG), and
 * which list holds its variable delay. The names are those of Bruker's standard library and the
 * common solid-state variants: t1ir, t1irpg (inversion recovery); satrect1, satrect1nodec, satrec
 * (saturation recovery); t1rho, t1rhof1, *sl* (spin-lock); cpmg, cpmgpr1d, t2*, hahnecho (T2).
 */
import type { TransientExperiment } from '../types';
import type { DelayListKind } from './delayLists';

const PATTERNS: Array<[RegExp, TransientExperiment]> = [
  [/t1\s*rho|t1r(?!ec)|spin-?lock|^sl|sl$/i, 'T1rho-spinlock'],
  [/t1ir|invrec|inv.?rec|^ir/i, 'T1-inversion'],
  [/satrec|sat.?rec|t1sat|^sr/i, 'T1-saturation'],
  [/cpmg|^t2|hahn|echo/i, 'T2'],
];

/** The experiment a pulse program name stands for; undefined when the name says nothing. */
export function experimentFromPulseProgram(name: string): TransientExperiment | undefined {
  return PATTERNS.find(([pattern]) => pattern.test(name.trim()))?.[1];
}

/** The lists TopSpin's pulse programs use for the variable delay, in the order we look for them. */
export const DELAY_LIST_FILES: readonly DelayListKind[] = ['vdlist', 'vplist', 'vclist'];

/**
 * Which list the pulse program text uses: `vd` (a delay from the vdlist), `vp` (a pulse from the
 * vplist, e.g. the spin-lock pulse of t1rho) or `vc` (a loop counter from the vclist).
 */
export function delayListFromPulseProgram(text: string): DelayListKind | undefined {
  const code = text.split(/\r?\n/).map((l) => l.replace(/;.*$/, '')).join('\n');
  if (/\bvd\b/.test(code)) return 'vdlist';
  if (/\bvp\b/.test(code)) return 'vplist';
  if (/\bvc\b|times\s+c\b/.test(code)) return 'vclist';
  return undefined;
}

/**
 * The spin-lock power level named in the pulse program's comments ("pl11 : spin-lock power"),
 * so that its power in W (acqus PLW11) can be reported; the lock frequency itself also needs
 * the 90° pulse length at that power, which the parameter files do not record.
 */
export function spinLockPowerLevel(text: string): number | undefined {
  const m = /;\s*pl(\d+)\s*:?[^\n]*spin[- ]?lock/i.exec(text);
  return m ? Number(m[1]) : undefined;
}
