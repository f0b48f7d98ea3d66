/**
 * TopSpin variable lists: vdlist (delays), vplist (pulse lengths, used as spin-lock or mixing
 * times) and vclist (loop counters, × a loop time for CPMG-type T2). One value per line, with an
 * optional unit suffix n, u, m or s (`5u`, `10m`, `0.5`, `2s`). A bare number is in the list's own
 * unit, as TopSpin reads it: seconds in a vdlist, microseconds in a vplist (TopSpin's relaxation
 * module prints vplist values as seconds; that is the unit bug the issue describes).
 */
import { InputError } from '@relaxlab/core';

export type DelayListKind = 'vdlist' | 'vplist' | 'vclist';

/** Unit of a bare number in each kind of list, in seconds (vclist entries are counts). */
const BARE_UNIT_S: Record<DelayListKind, number> = { vdlist: 1, vplist: 1e-6, vclist: 1 };

const SUFFIX_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, s: 0 };

const ENTRY = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-zµ]*)$/;

export interface DelayListOptions {
  kind: DelayListKind;
  /** File the list came from; named in errors. */
  source: string;
  /** vclist only: the time one loop takes, in seconds (delay = count × loopTime_s). */
  loopTime_s?: number;
}

/** Scale a decimal string by 10^exponent exactly as a reader of the scaled number would (5u → 5e-6). */
function scaleDecimal(text: string, exponent: number): number {
  const [mantissa, e = '0'] = text.toLowerCase().split('e');
  return Number(`${mantissa}e${Number(e) + exponent}`);
}

/** Delays in seconds, one per non-empty line; comments after `#` or `;` are ignored. */
export function parseDelayList(text: string, options: DelayListOptions): number[] {
  const { kind, source } = options;
  if (kind === 'vclist' && !(options.loopTime_s !== undefined && options.loopTime_s > 0)) {
    throw new InputError('a vclist needs the loop time', {
      source,
      field: 'loopTime_s',
      expected: 'the duration of one loop in seconds (e.g. 2·d20 + p2 of the CPMG pulse program), so that delay = count × loop time',
      found: options.loopTime_s === undefined ? 'none given' : String(options.loopTime_s),
    });
  }
  const delays: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/[#;][\s\S]*$/, '').trim();
    if (line === '') return;
    const at = { source, field: `line ${i + 1}` };
    const m = ENTRY.exec(line);
    if (!m)
      throw new InputError('not a list entry', {
        ...at,
        expected: 'a number with an optional unit suffix n, u, m or s (5u, 10m, 0.5)',
        found: JSON.stringify(line),
      });
    const [, number, suffix] = m;
    let value: number;
    if (kind === 'vclist') {
      if (suffix !== '' || !Number.isInteger(Number(number)) || Number(number) < 0) {
        throw new InputError('not a loop count', {
          ...at,
          expected: 'a non-negative whole number in a vclist',
          found: JSON.stringify(line),
        });
      }
      value = Number(number) * (options.loopTime_s as number);
    } else if (suffix === '') {
      value = scaleDecimal(number, Math.round(Math.log10(BARE_UNIT_S[kind])));
    } else {
      const exponent = SUFFIX_EXPONENT[suffix];
      if (exponent === undefined) {
        throw new InputError('unknown unit suffix', {
          ...at,
          expected: 'n, u, m or s (or none: ' + (kind === 'vplist' ? 'microseconds' : 'seconds') + ')',
          found: JSON.stringify(suffix),
        });
      }
      value = scaleDecimal(number, exponent);
    }
    if (!(value >= 0)) throw new InputError('negative delay', { ...at, expected: 'a delay ≥ 0', found: JSON.stringify(line) });
    delays.push(value);
  });
  if (delays.length === 0) {
    throw new InputError('empty list', { source, field: kind, expected: 'one delay per line', found: 'no entries' });
  }
  return delays;
}
