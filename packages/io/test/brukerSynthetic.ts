/**
 * Writes a Bruker pseudo-2D experiment folder the way TopSpin lays it out (acqus, acqu2s,
 * pulseprogram, vdlist, ser as padded little-endian int32 rows), holding synthetic FIDs of one
 * Lorentzian line whose amplitude follows a known recovery. Used by the tests only.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { gaussian, mulberry32 } from '@relaxlab/core';

export interface SyntheticExperiment {
  dir: string;
  /** Delay list file text (any suffixes) and the delays it means, in seconds. */
  vdlist: string;
  delay_s: number[];
  /** Amplitude of the line at each delay. */
  amplitude: (delay_s: number) => number;
  td?: number;
  sw_Hz?: number;
  sfo1_MHz?: number;
  bf1_MHz?: number;
  /** Line position in ppm (relative to BF1) and its width (Lorentzian FWHM) in Hz. */
  line_ppm?: number;
  linewidth_Hz?: number;
  /** Digital-filter group delay in points (may be fractional). */
  grpdly?: number;
  noise?: number;
  seed?: number;
  pulseProgram?: string;
  te_K?: number;
  nucleus?: string;
  /** FIDs actually written (default: one per delay). */
  rows?: number;
  tdIndirect?: number;
  /** Which list file holds the delays (default vdlist). */
  delayListKind?: 'vdlist' | 'vplist';
  /** The pulse program text (default a saturation recovery looping over vd). */
  pulseProgramText?: string;
  /** More acqus records, written as given (arrays as "(0..63)\n0 2.5 ..."). */
  acqusRecords?: Record<string, string | number>;
}

/** A TopSpin array record of 64 values, `##$P= (0..63)` followed by the values, from {index: value}. */
/** A TopSpin parameter file (acqus, procs, ...) with these ##$ records. */
export function parameterFile(records: Record<string, string | number>): string {
  return [
    '##TITLE= Parameter file, TopSpin 4.1',
    '##JCAMPDX= 5.0',
    ...Object.entries(records).map(([k, v]) => `##$${k}= ${v}`),
    '##END=',
    '',
  ].join('\n');
}

export function arrayRecord(values: Record<number, number>): string {
  const all = Array.from({ length: 64 }, (_, i) => values[i] ?? 0);
  return `(0..63)\n${all.slice(0, 32).join(' ')}\n${all.slice(32).join(' ')}`;
}

export function writeSyntheticExperiment(e: SyntheticExperiment): string {
  const td = e.td ?? 4096;
  const sw = e.sw_Hz ?? 20000;
  const bf1 = e.bf1_MHz ?? 116.64;
  const sfo1 = e.sfo1_MHz ?? bf1 + 0.0005;
  const line = e.line_ppm ?? 12;
  const width = e.linewidth_Hz ?? 150;
  const grpdly = e.grpdly ?? 76;
  const rows = e.rows ?? e.delay_s.length;
  const rng = mulberry32(e.seed ?? 7);
  mkdirSync(e.dir, { recursive: true });
  writeFileSync(
    join(e.dir, 'acqus'),
    parameterFile({
      BF1: bf1,
      BYTORDA: 0,
      DATE: 1700000000,
      DTYPA: 0,
      GRPDLY: grpdly,
      NUC1: `<${e.nucleus ?? '7Li'}>`,
      PULPROG: `<${e.pulseProgram ?? 'satrect1'}>`,
      SFO1: sfo1,
      SW_h: sw,
      TD: td,
      TD_INDIRECT: `(0..7)\n0 ${e.tdIndirect ?? e.delay_s.length} 0 0 0 0 0 0`,
      TE: e.te_K ?? 300.2,
      ...e.acqusRecords,
    }),
  );
  writeFileSync(join(e.dir, 'acqu2s'), parameterFile({ TD: e.delay_s.length, PULPROG: `<${e.pulseProgram ?? 'satrect1'}>` }));
  writeFileSync(
    join(e.dir, 'pulseprogram'),
    e.pulseProgramText ??
      `;${e.pulseProgram ?? 'satrect1'}\n1 ze\n2 d1\n  vd\n  p1 ph1\n  go=2 ph31\n  d1 wr #0 if #0 ivd\n  lo to 2 times td1\nexit\n`,
  );
  writeFileSync(join(e.dir, e.delayListKind ?? 'vdlist'), e.vdlist);
  // Bruker raw FID for a line ν Hz above SFO1: e^{+2πiνt} (see processing/fidToSpectrum.ts)
  const nu = line * bf1 - (sfo1 - bf1) * 1e6;
  const rowWords = Math.ceil(td / 256) * 256;
  const buffer = Buffer.alloc(rows * rowWords * 4);
  const dt = 1 / sw;
  for (let r = 0; r < rows; r++) {
    const a = e.amplitude(e.delay_s[r]);
    for (let j = 0; j < td / 2; j++) {
      const t = (j - grpdly) * dt;
      const s = t >= 0 ? a * Math.exp(-Math.PI * width * t) : 0;
      const re = s * Math.cos(2 * Math.PI * nu * t) + (e.noise ?? 0) * gaussian(rng);
      const im = s * Math.sin(2 * Math.PI * nu * t) + (e.noise ?? 0) * gaussian(rng);
      buffer.writeInt32LE(Math.round(re), 4 * (r * rowWords + 2 * j));
      buffer.writeInt32LE(Math.round(im), 4 * (r * rowWords + 2 * j + 1));
    }
  }
  writeFileSync(join(e.dir, 'ser'), buffer);
  return e.dir;
}
