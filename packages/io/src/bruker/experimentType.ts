/**
 * Which relaxation experiment a Bruker pulse program runs, from its name (acqus PULPROG), and
 * which list holds its variable delay. The names are those of Bruker's standard library and the
 * common solid-state variants: t1ir, t1irpg (inversion recovery); satrect1, satrect1nodec, satrec
 * (saturation recovery); t1rho, t1rhof1, *sl* (spin-lock); cpmg, cpmgpr1d, t2*, hahnecho (T2).
 */
import type { TransientExperiment } from '@relaxlab/core';
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
  const code = text
    .split(/\r?\n/)
    .map((l) => l.replace(/;[\s\S]*$/, ''))
    .join('\n');
  if (/\bvd\b/.test(code)) return 'vdlist';
  if (/\bvp\b/.test(code)) return 'vplist';
  if (/\bvc\b|times\s+c\b/.test(code)) return 'vclist';
  return undefined;
}

/**
 * The spin-lock power level named in the pulse program's comments ("pl11 : spin-lock power"),
 * so that its power in W (acqus PLW11) can be reported and the lock frequency derived from the
 * 90° pulse (spinLock.ts).
 */
export function spinLockPowerLevel(text: string): number | undefined {
  // line by line, the rest of the line searched apart: one pattern /;\s*pl(\d+)\s*:?[^\n]*spin[- ]?lock/i
  // over the whole text was quadratic in a long line
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = /;\s*pl(\d+)/i.exec(line);
    if (m && /spin[- ]?lock/i.test(line.slice(m.index + m[0].length))) return Number(m[1]);
  }
  return undefined;
}

/** A pulse program's parameter comments, `;p1 : f1 channel - 90 degree high power pulse`. */
interface ParameterComment {
  kind: 'p' | 'pl';
  index: number;
  description: string;
}

function parameterComments(text: string): ParameterComment[] {
  const out: ParameterComment[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*;\s*(pl|p)(\d+)\s*:([\s\S]*)$/i.exec(line);
    if (m) out.push({ kind: m[1].toLowerCase() as 'p' | 'pl', index: Number(m[2]), description: m[3].trim() });
  }
  return out;
}

/** Says the parameter is on another channel than the observed one (f2.., 1H decoupling) or is the lock. */
const NOT_THE_F1_PULSE = /\bf[2-8]\b|\b1?H\b|proton|decoupl|spin[- ]?lock/i;
const NINETY_DEGREES = /\b90\b|90°|pi\/2|π\/2/i;

export interface NinetyDegreePulse {
  /** n of pN, the 90° pulse on the observed channel (acqus P[n], µs). */
  pulse: number;
  /** m of plM, the power level it is played at (acqus PLW[m], W). */
  powerLevel: number;
  /** How each was found: named in the comments, played together in the code, or Bruker's p1/pl1. */
  pulseFrom: 'comments' | 'convention';
  powerLevelFrom: 'comments' | 'code' | 'convention';
}

/**
 * The observed channel's 90° pulse and its power level. Bruker's library names them in the
 * comments (`;p1 : f1 channel - 90 degree high power pulse`, `;pl1 : f1 channel - power level for
 * pulse (default)`); a power level the comments leave unnamed is the one the code plays the pulse
 * at, `(p1 pl1 ph1):f1`; failing both, p1 at pl1, Bruker's convention.
 */
export function ninetyDegreePulse(text: string): NinetyDegreePulse {
  const comments = parameterComments(text).filter((c) => !NOT_THE_F1_PULSE.test(c.description));
  const pulseComment = comments.find((c) => c.kind === 'p' && NINETY_DEGREES.test(c.description));
  const pulse = pulseComment?.index ?? 1;
  const levelComment =
    comments.find((c) => c.kind === 'pl' && NINETY_DEGREES.test(c.description)) ??
    comments.find((c) => c.kind === 'pl' && /\bpulse\b/i.test(c.description));
  if (levelComment)
    return { pulse, powerLevel: levelComment.index, pulseFrom: pulseComment ? 'comments' : 'convention', powerLevelFrom: 'comments' };
  const code = text
    .split(/\r?\n/)
    .map((l) => l.replace(/;[\s\S]*$/, ''))
    .join('\n');
  const played = new RegExp(`\\(\\s*p${pulse}\\s+pl(\\d+)\\b`, 'i').exec(code);
  return {
    pulse,
    powerLevel: played ? Number(played[1]) : 1,
    pulseFrom: pulseComment ? 'comments' : 'convention',
    powerLevelFrom: played ? 'code' : 'convention',
  };
}
