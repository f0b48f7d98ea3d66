/**
 * Issue 17, case 2: every allocation a Bruker header can ask for is checked against the data
 * files before it is made, through the CLI's main(argv). Before: procs SI = 16777216 with
 * `--data topspin` ran 83 s at 9.6 GB, SI = 67108864 ended in "RangeError: Invalid array length"
 * (exit 1), SI = 2³² in fft.js's "FFT size must be a power of two"; GRPDLY = 1e9 in a RangeError.
 */
import { cpSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { checkSpectrumSize, MAX_SPECTRUM_POINTS } from '../../packages/io/src/bruker/limits';
import { cliScratchFolder, lines, relaxlab, ROOT } from '../support/cli';

const BRUKER = join(ROOT, 'examples/17O-satrec-lamox/bruker');
const scratch = cliScratchFolder('relaxlab-limits-');

/** A copy of the Bruker example with one record of one parameter file set to `value`. */
function brukerWith(file: string, name: string, value: string): string {
  const dir = join(scratch.dir, `${file.replace(/\//g, '-')}-${name}-${value}`);
  cpSync(BRUKER, dir, { recursive: true });
  const text = readFileSync(join(BRUKER, file), 'latin1');
  const record = new RegExp(`^##\\$${name}= .*$`, 'm');
  expect(text).toMatch(record);
  writeFileSync(join(dir, file), text.replace(record, `##$${name}= ${value}`), 'latin1');
  return dir;
}

describe('procs SI with --data topspin: a typed error naming procs and SI, one line', () => {
  test.each([
    ['16777216', /spectrum size out of proportion to the FID \(expected at most 131072 points .*found 16777216\)/],
    ['67108864', /spectrum size out of proportion to the FID .*found 67108864/],
    ['4294967296', /bad spectrum size \(expected a power of two/],
    ['1000', /bad spectrum size/],
    ['-16384', /bad spectrum size/],
  ])('SI = %s', async (si, message) => {
    const dir = brukerWith('pdata/1/procs', 'SI', si);
    const run = await relaxlab('import', dir, '--data', 'topspin');
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(`${join(dir, 'pdata/1/procs')}: SI: `);
    expect(run.stderr).toMatch(message);
  });

  test('SI = 131072, the largest allowed for TD = 10,000 words: read', async () => {
    const run = await relaxlab('import', brukerWith('pdata/1/procs', 'SI', '131072'), '--data', 'topspin', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).transients[0].source.processing.size).toBe(131072);
  });
});

describe('acqus values that would size or index arrays', () => {
  test.each([
    ['TD', '1000000000', /ser: TD: TD larger than the ser file \(expected at most 153600 words/],
    ['GRPDLY', '1e9', /acqus: GRPDLY: group delay longer than the FID \(expected fewer points than the FID's 5000 complex points/],
    ['SW_h', '0', /acqus: SW_h: bad SW_h \(expected a positive number/],
    ['SW_h', '-5000', /acqus: SW_h: bad SW_h/],
    ['SFO1', '0', /acqus: SFO1: bad SFO1/],
  ])('%s = %s', async (name, value, message) => {
    const run = await relaxlab('import', brukerWith('acqus', name, value));
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});

test('rows × SI is bounded too (all spectra are held at once)', () => {
  const from = { source: 'procs', field: 'SI' };
  expect(() => checkSpectrumSize(2 ** 16, 2 ** 12, MAX_SPECTRUM_POINTS / 2 ** 16, from)).not.toThrow();
  expect(() => checkSpectrumSize(2 ** 16, 2 ** 12, MAX_SPECTRUM_POINTS / 2 ** 16 + 1, from)).toThrow(
    /procs: SI: spectra too large to hold \(expected rows × SI ≤ 16777216 .*257 rows allow SI ≤ 32768; found 65536\)/,
  );
});
