/**
 * A Bruker TopSpin experiment folder (…/<name>/<expno>/): parameters, pulse program, delay list
 * and raw FIDs, checked against each other. Every file is only read; its SHA-256 is recorded.
 *
 * The number of delays has up to four witnesses that can disagree: acqus TD_INDIRECT[1], acqu2s
 * TD (TD1), the list's entries and the FIDs in `ser`. Only the list and `ser` hold data, so we use
 * min(list, FIDs) and say in a warning what disagreed and what was used (17O LAMOX: TD_INDIRECT =
 * 14 against 15 everywhere else).
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { createHash } from 'crypto';
import { join } from 'path';
import { InputError } from '@relaxlab/core';
import { readSourceFile } from '../fileSource';
import type { TransientExperiment } from '@relaxlab/core';
import type { InputFile, TransientMetadata } from '../types';
import { DelayListKind, parseDelayList } from './delayLists';
import { DELAY_LIST_FILES, delayListFromPulseProgram, experimentFromPulseProgram } from './experimentType';
import { BrukerParameters, readBrukerParameters } from './parameters';
import { checkGroupDelay, checkPositive } from './limits';
import { readSerRows } from './ser';
import { spinLockFromAcquisition } from './spinLock';

export interface ReadBrukerExperimentOptions {
  /** Override the experiment inferred from the pulse program name. */
  experiment?: TransientExperiment;
  /** Which list holds the delays (default: the one the pulse program uses, else the one present). */
  delayList?: DelayListKind;
  /** vclist: seconds per loop. */
  loopTime_s?: number;
  /** Read the raw FIDs (default true; false when only TopSpin's processed 2rr is wanted). */
  readFids?: boolean;
  /** The spin-lock ν1 in kHz, measured; wins over the one derived from acqus' p1 and powers (spinLock.ts). */
  spinlock_kHz?: number;
}

export interface BrukerExperiment {
  path: string;
  acqus: BrukerParameters;
  acqu2s?: BrukerParameters;
  pulseProgram?: string;
  experiment?: TransientExperiment;
  delayList: { kind: DelayListKind; file: string };
  /** The delays used, one per FID, in seconds. */
  delay_s: number[];
  /** Complex FIDs, one per delay (empty when readFids is false). */
  fids: { re: Float64Array; im: Float64Array }[];
  metadata: TransientMetadata & { date?: string; spinlockPower_W?: number };
  /** acquisition numbers the processing needs */
  acquisition: { td: number; sw_Hz: number; sfo1_MHz: number; bf1_MHz: number; groupDelay_points: number };
  inputs: InputFile[];
  warnings: string[];
}

function requireDirectory(path: string): void {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError('no such folder', {
      source: path,
      field: 'path',
      expected: 'a TopSpin experiment folder (with acqus, ser, vdlist)',
      found: 'nothing there',
    });
  }
  if (!isDir)
    throw new InputError('not a folder', {
      source: path,
      field: 'path',
      expected: 'a TopSpin experiment folder (with acqus, ser, vdlist)',
      found: 'a file',
    });
}

function readBinary(path: string, inputs: InputFile[]): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError('cannot read file', {
      source: path,
      field: 'file',
      expected: 'a readable file',
      found: (e as NodeJS.ErrnoException).code ?? String(e),
    });
  }
  inputs.push({ file: path, sha256: createHash('sha256').update(bytes).digest('hex') });
  return bytes;
}

function chooseDelayList(dir: string, pulseProgramText: string | undefined, wanted: DelayListKind | undefined): DelayListKind {
  if (wanted) return wanted;
  const used = pulseProgramText ? delayListFromPulseProgram(pulseProgramText) : undefined;
  if (used) return used;
  const present = DELAY_LIST_FILES.find((kind) => existsSync(join(dir, kind)));
  if (present) return present;
  throw new InputError('no delay list', {
    source: dir,
    field: 'vdlist',
    expected: 'a vdlist, vplist or vclist file in the experiment folder (a pseudo-2D relaxation experiment)',
    found: 'none',
  });
}

/** acqus DATE (seconds since 1970) as ISO 8601. */
function isoDate(acqus: BrukerParameters): string | undefined {
  const seconds = acqus.optionalNumber('DATE');
  return seconds && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
}

function nucleusName(text: string | undefined): string | undefined {
  return text && text !== 'off' ? text : undefined;
}

/** Agree on the number of delays; returns it and adds a warning when witnesses disagree. */
function consistentCount(counts: { label: string; n: number | undefined; holdsData: boolean }[], warnings: string[]): number {
  const data = counts.filter((c) => c.holdsData && c.n !== undefined).map((c) => c.n as number);
  const used = Math.min(...data);
  const disagreeing = counts.filter((c) => c.n !== undefined && c.n !== used);
  if (disagreeing.length > 0) {
    const all = counts
      .filter((c) => c.n !== undefined)
      .map((c) => `${c.label} ${c.n}`)
      .join(', ');
    warnings.push(`the number of delays disagrees (${all}): using ${used}, what the delay list and the data both hold`);
  }
  return used;
}

export function readBrukerExperiment(dir: string, options: ReadBrukerExperimentOptions = {}): BrukerExperiment {
  requireDirectory(dir);
  const inputs: InputFile[] = [];
  const warnings: string[] = [];
  const acqusPath = join(dir, 'acqus');
  if (!existsSync(acqusPath)) {
    const hasSer = existsSync(join(dir, 'ser')) || existsSync(join(dir, 'fid'));
    throw new InputError(hasSer ? 'missing acqus' : 'not a TopSpin experiment folder', {
      source: dir,
      field: 'acqus',
      expected: 'the acquisition parameter file acqus beside ser',
      found: hasSer ? 'ser/fid without acqus' : 'no acqus, no ser',
    });
  }
  const acqus = readBrukerParameters(acqusPath, inputs);
  const acqu2sPath = join(dir, 'acqu2s');
  const acqu2s = existsSync(acqu2sPath) ? readBrukerParameters(acqu2sPath, inputs) : undefined;

  const pulseProgramPath = join(dir, 'pulseprogram');
  const pulseProgramText = existsSync(pulseProgramPath) ? readSourceFile(pulseProgramPath) : undefined;
  if (pulseProgramText) inputs.push({ file: pulseProgramPath, sha256: pulseProgramText.sha256 });
  const pulseProgram = acqus.text('PULPROG');
  const inferred = pulseProgram ? experimentFromPulseProgram(pulseProgram) : undefined;
  const experiment = options.experiment ?? inferred;
  if (!experiment)
    warnings.push(`the pulse program "${pulseProgram ?? '?'}" does not say which relaxation experiment this is; pass experiment to set it`);

  const kind = chooseDelayList(dir, pulseProgramText?.text, options.delayList);
  const listPath = join(dir, kind);
  if (!existsSync(listPath)) {
    throw new InputError(`missing ${kind}`, {
      source: dir,
      field: kind,
      expected: `the ${kind} the pulse program uses`,
      found: 'no such file',
    });
  }
  const list = readSourceFile(listPath);
  inputs.push({ file: listPath, sha256: list.sha256 });
  const listDelays = parseDelayList(list.text, { kind, source: listPath, loopTime_s: options.loopTime_s });

  const td = acqus.number('TD');
  const sw_Hz = acqus.number('SW_h');
  const sfo1_MHz = acqus.number('SFO1');
  const bf1_MHz = acqus.optionalNumber('BF1') ?? sfo1_MHz;
  const grpdly = acqus.optionalNumber('GRPDLY');
  checkPositive(sw_Hz, acqusPath, 'SW_h', 'the spectral width in Hz, 1/dwell time');
  checkPositive(sfo1_MHz, acqusPath, 'SFO1', 'the observe frequency in MHz');
  checkPositive(bf1_MHz, acqusPath, 'BF1', 'the basic frequency in MHz');
  if (grpdly === undefined || grpdly < 0) {
    warnings.push(
      'acqus has no GRPDLY (digital filter group delay): none removed; older DSP firmware needs DECIM/DSPFVS tables, not implemented',
    );
  }

  const serPath = join(dir, 'ser');
  let fids: BrukerExperiment['fids'] = [];
  let serRows: number | undefined;
  if (options.readFids !== false) {
    if (!existsSync(serPath)) {
      throw new InputError(existsSync(join(dir, 'fid')) ? 'a 1D experiment, not a pseudo-2D series' : 'missing ser', {
        source: dir,
        field: 'ser',
        expected: 'the pseudo-2D raw data file ser (one FID per delay)',
        found: existsSync(join(dir, 'fid')) ? 'fid' : 'none',
      });
    }
    const rows = readSerRows(
      readBinary(serPath, inputs),
      { td, dtypa: acqus.optionalNumber('DTYPA') ?? 0, bytorda: acqus.optionalNumber('BYTORDA') ?? 0 },
      serPath,
    );
    serRows = rows.rows;
    if (grpdly !== undefined) checkGroupDelay(grpdly, td / 2, acqusPath);
    fids = rows.re.map((re, r) => ({ re, im: rows.im[r] }));
  }

  const n = consistentCount(
    [
      { label: 'acqus TD_INDIRECT[1]', n: acqus.optionalNumber('TD_INDIRECT', 1) || undefined, holdsData: false },
      { label: 'acqu2s TD', n: acqu2s?.optionalNumber('TD'), holdsData: false },
      { label: `${kind} entries`, n: listDelays.length, holdsData: true },
      { label: 'FIDs in ser', n: serRows, holdsData: true },
    ],
    warnings,
  );
  if (serRows !== undefined && serRows < listDelays.length) {
    warnings.push(
      `ser holds ${serRows} FIDs but the ${kind} has ${listDelays.length} delays: the experiment stopped early; the last ${listDelays.length - serRows} delays are not used`,
    );
  }

  const te = acqus.optionalNumber('TE');
  const temperature_K = te !== undefined && te > 0 ? te : undefined;
  if (temperature_K === undefined) warnings.push(`acqus TE = ${te ?? 'absent'}: no sample temperature recorded`);
  const { spinlock_kHz, spinlockPower_W } = spinLockFromAcquisition(
    acqus,
    pulseProgramText?.text,
    { experiment, given: options.spinlock_kHz },
    warnings,
  );

  return {
    path: dir,
    acqus,
    acqu2s,
    pulseProgram,
    experiment,
    delayList: { kind, file: listPath },
    delay_s: listDelays.slice(0, n),
    fids: fids.slice(0, n),
    metadata: {
      experiment,
      nucleus: nucleusName(acqus.text('NUC1')),
      larmor_MHz: sfo1_MHz,
      spinlock_kHz,
      temperature_K,
      date: isoDate(acqus),
      spinlockPower_W,
    },
    acquisition: { td, sw_Hz, sfo1_MHz, bf1_MHz, groupDelay_points: grpdly !== undefined && grpdly > 0 ? grpdly : 0 },
    inputs,
    warnings,
  };
}
