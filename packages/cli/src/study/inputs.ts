/**
 * Finding and reading the experiments of a study folder. Each input — a table or TopSpin
 * relaxation-module file, a JCAMP-DX file, a TopSpin experiment folder — is read on its own: one
 * that cannot be read is recorded with the reason and the others go on (partial success). Every
 * file is hashed (SHA-256) for the report, read-only; nothing in the folder is ever written.
 */
import { createHash } from 'crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { extname, join, relative } from 'path';
import { InputError, isInputError } from '@relaxlab/core';
import { importRelaxationData } from '@relaxlab/io';
import type { ImportFormat, ImportOptions, Transient } from '@relaxlab/io';
import type { ImportSettings } from './config';

export interface HashedFile {
  /** Path relative to the data folder. */
  file: string;
  sha256: string;
  bytes: number;
}

export interface StudyInput {
  /** Name relative to the data folder (a file, or an experiment folder). */
  name: string;
  format: ImportFormat | 'unknown';
  status: 'ok' | 'failed';
  /** Why the input could not be used (status 'failed'). */
  reason?: string;
  files: HashedFile[];
  /** Number of transients read from it. */
  transients: number;
  warnings: string[];
}

export interface ReadTransient {
  /** Index into inputs. */
  input: number;
  transient: Transient;
}

export interface ReadInputs {
  inputs: StudyInput[];
  transients: ReadTransient[];
  /** Entries of the folder that are not data (README.md, images, ...), or excluded by the config. */
  ignored: string[];
}

const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.dat']);
const JCAMP_EXTENSIONS = new Set(['.dx', '.jdx', '.jcamp', '.jcm']);

/** `*` any run of characters, `?` one character; everything else literal; whole name, case-sensitive. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isBrukerExperiment(path: string): boolean {
  return existsSync(join(path, 'acqus')) || existsSync(join(path, 'ser'));
}

/**
 * The inputs of a folder, in code-point order of their names (the same on every machine):
 * supported files, and sub-folders that are TopSpin experiments. A folder that is itself one
 * experiment is one input.
 */
export function discoverInputs(dataDir: string, include: string[], exclude: string[]): { names: string[]; ignored: string[] } {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new InputError('not a folder', {
      source: dataDir,
      field: 'data folder',
      expected: 'a folder of experiments (CSV transients, JCAMP-DX files, TopSpin experiment folders)',
      found: existsSync(dataDir) ? 'a file' : 'nothing there',
    });
  }
  if (isBrukerExperiment(dataDir)) return { names: ['.'], ignored: [] };
  const includes = include.map(globToRegExp);
  const excludes = exclude.map(globToRegExp);
  const names: string[] = [];
  const ignored: string[] = [];
  for (const name of readdirSync(dataDir).sort(byCodePoint)) {
    if (name.startsWith('.')) continue;
    const path = join(dataDir, name);
    const ext = extname(name).toLowerCase();
    const stat = statSync(path);
    const supported = stat.isDirectory()
      ? isBrukerExperiment(path)
      : stat.isFile() && (TABLE_EXTENSIONS.has(ext) || JCAMP_EXTENSIONS.has(ext));
    const wanted = includes.some((r) => r.test(name)) && !excludes.some((r) => r.test(name));
    if (supported && wanted) names.push(name);
    else ignored.push(name);
  }
  return { names, ignored };
}

function hashFile(path: string, dataDir: string): HashedFile {
  const bytes = readFileSync(path);
  return { file: relative(dataDir, path) || '.', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Every regular file of an input (recursively for a folder), sorted, hashed. */
export function hashInput(path: string, dataDir: string): HashedFile[] {
  const stat = statSync(path);
  if (stat.isFile()) return [hashFile(path, dataDir)];
  const out: HashedFile[] = [];
  for (const name of readdirSync(path).sort(byCodePoint)) {
    const child = join(path, name);
    const s = statSync(child);
    if (s.isDirectory()) out.push(...hashInput(child, dataDir));
    else if (s.isFile()) out.push(hashFile(child, dataDir));
  }
  return out;
}

export function importOptionsOf(settings: ImportSettings): ImportOptions {
  return {
    ...(settings.regions_ppm && { regions_ppm: settings.regions_ppm }),
    ...(settings.regions && { regions_ppm: settings.regions }),
    ...(settings.data && { data: settings.data }),
    ...(settings.measure && { measure: settings.measure }),
    ...(settings.noiseRegion_ppm && { noiseRegion_ppm: settings.noiseRegion_ppm }),
  };
}

/**
 * Reads each input; a bad input (a typed InputError from the readers) is recorded as failed with
 * its reason. Anything else is a bug and propagates.
 */
export function readInputs(
  dataDir: string,
  names: string[],
  settings: ImportSettings,
  onRead: (done: number) => void = () => undefined,
): { inputs: StudyInput[]; transients: ReadTransient[] } {
  const options = importOptionsOf(settings);
  const inputs: StudyInput[] = [];
  const transients: ReadTransient[] = [];
  names.forEach((name, k) => {
    const path = name === '.' ? dataDir : join(dataDir, name);
    const input: StudyInput = { name, format: 'unknown', status: 'ok', files: hashInput(path, dataDir), transients: 0, warnings: [] };
    try {
      const imported = importRelaxationData(path, options);
      input.format = imported.format;
      input.warnings.push(...imported.warnings);
      input.transients = imported.transients.length;
      if (imported.transients.length === 0)
        throw new InputError('no transient in the input', {
          source: path,
          field: 'data',
          expected: 'at least one magnetisation transient',
        });
      for (const transient of imported.transients) transients.push({ input: k, transient });
    } catch (e) {
      if (!isInputError(e)) throw e;
      input.status = 'failed';
      input.reason = e.message;
      input.transients = 0;
    }
    inputs.push(input);
    onRead(k + 1);
  });
  return { inputs, transients: transients.filter((t) => inputs[t.input].status === 'ok') };
}
