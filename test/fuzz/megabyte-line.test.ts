/**
 * Issue 17: a 1 MB single-line input to every reader returns a result or a typed error (the
 * patterns were super-linear: '#' + 4,000 blanks took 20.6 s, 1 MB lines ran past 100 s). Each
 * reader is called directly with five kinds of megabyte line, and every format of the fuzz
 * harness is run through the CLI's main(argv) with the file replaced by such a line. The time
 * of each reader is reported, not asserted (speed belongs to npm run fuzz and npm run bench).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { InputError } from '@relaxlab/core';
import {
  IMPEDANCE_FORMATS,
  parseCt1t2Text,
  parseDelimitedText,
  parseImpedanceText,
  parseT1intsText,
  readJcampRelaxation,
  readTransientFile,
} from '@relaxlab/io';
import { parseBrukerParameters } from '../../packages/io/src/bruker/parameters';
import { parseDelayList } from '../../packages/io/src/bruker/delayLists';
import { delayListFromPulseProgram, ninetyDegreePulse, spinLockPowerLevel } from '../../packages/io/src/bruker/experimentType';
import { parseIntrng } from '../../packages/io/src/processing/regions';
import { parseNpy } from '../../packages/cli/src/map/npy';
import { parseDelays, readMatrix } from '../../packages/cli/src/map/matrix';
import { lines, runMain } from '../support/cli';

const MB = 1 << 20;
/** Five megabyte lines: a comment of blanks, a delimited row, a Bruker array record, letters, a blank-separated number row. */
const LINES: Record<string, string> = {
  'comment of blanks': `#${' '.repeat(MB - 2)}x`,
  'comma row': '1,'.repeat(MB / 2),
  'Bruker array': `##$D= (0..${MB})${' 0'.repeat(MB / 2)}`,
  letters: 'a'.repeat(MB),
  'number row': '1e5 '.repeat(MB / 4),
};

const scratch = { dir: '' };
beforeAll(() => {
  scratch.dir = mkdtempSync(join(tmpdir(), 'relaxlab-mb-line-'));
});
afterAll(() => rmSync(scratch.dir, { recursive: true, force: true }));

const times: string[] = [];
afterAll(() => process.stderr.write(`megabyte-line: slowest readers: ${times.sort().slice(-8).join(', ')}\n`));

/** Calls `read`; passes when it returns or throws an InputError (anything else is a crash). */
function resultOrTypedError(label: string, read: () => unknown): void {
  const started = Date.now();
  try {
    read();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`${label}: not a typed error: ${String(e)}`);
  } finally {
    times.push(`${String(Date.now() - started).padStart(6)} ms ${label}`);
  }
}

const file = (name: string, text: string): string => {
  const path = join(scratch.dir, name);
  writeFileSync(path, text);
  return path;
};

const READERS: Record<string, (text: string, kind: string) => unknown> = {
  'delimited table': (t) => parseDelimitedText(t, { source: 'mb' }),
  ct1t2: (t) => parseCt1t2Text(t, { source: 'mb' }),
  t1ints: (t) => parseT1intsText(t, { source: 'mb' }),
  ...Object.fromEntries(IMPEDANCE_FORMATS.map((format) => [`impedance ${format}`, (t: string) => parseImpedanceText(t, 'mb', { format })])),
  'impedance (detected)': (t) => parseImpedanceText(t, 'mb'),
  'Bruker parameters': (t) => parseBrukerParameters(t, 'mb'),
  'delay list': (t) => parseDelayList(t, { kind: 'vdlist', source: 'mb' }),
  'pulse program': (t) => [delayListFromPulseProgram(t), spinLockPowerLevel(t), ninetyDegreePulse(t)],
  intrng: (t) => parseIntrng(t, 'mb'),
  'npy header': (t) => parseNpy(Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0xff, 0xff]), Buffer.from(t)]), 'mb'),
  'map delays': (t) => parseDelays(t, 'mb', 1),
  'map matrix (CSV)': (t, kind) => readMatrix(file(`matrix-${kind}.csv`, t)),
  'transient file (detected)': (t, kind) => readTransientFile(file(`transient-${kind}.txt`, t)),
  JCAMP: (t, kind) => readJcampRelaxation(file(`jcamp-${kind}.dx`, t)),
};

describe.each(Object.entries(LINES))('a 1 MB line (%s)', (kind, line) => {
  test.each(Object.keys(READERS))('%s: a result or a typed error', (reader) => {
    resultOrTypedError(`${reader} / ${kind}`, () => READERS[reader](line, kind.replace(/ /g, '-')));
  });
});

// the harness's formats through the CLI, each file replaced by a megabyte line
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS shared with scripts/fuzz.mjs (no build step)
const harness = require('../../scripts/fuzz-lib.js') as {
  FORMATS: { name: string }[];
  layOut(format: { name: string }, mutated: Buffer, dir: string, json: boolean): string[];
};

describe.each(['comment of blanks', 'comma row', 'letters'])('CLI: every format as one 1 MB line (%s)', (kind) => {
  test.each(harness.FORMATS.map((f) => [f.name, f] as const))('%s: exit 0 or a one-line exit 2', async (name, format) => {
    const dir = mkdtempSync(join(scratch.dir, `${name}-`));
    const started = Date.now();
    const run = await runMain(harness.layOut(format, Buffer.from(LINES[kind]), dir, false));
    times.push(`${String(Date.now() - started).padStart(6)} ms CLI ${name} / ${kind}`);
    expect(run.stderr).not.toMatch(/internal error/);
    expect([0, 2]).toContain(run.status);
    if (run.status === 2) expect(lines(run.stderr)).toHaveLength(1);
  });
});
