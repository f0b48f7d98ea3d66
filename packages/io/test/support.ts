/** Shared helpers for the @relaxlab/io tests. */
import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { InputError } from '@relaxlab/core';

export const ROOT = resolve(__dirname, '../../..');
export const EXAMPLE_DIR = join(ROOT, 'examples/17O-satrec-lamox');
/** The real data set, `../shared/data` relative to the project root (see shared/data/README.md). */
export const SHARED_LAMOX = resolve(ROOT, '../shared/data/real/17O-satrec-lamox');

/** A fresh temporary directory per call, so tests never share files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'relaxlab-io-'));
}

export function writeTemp(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** Run `fn`, require an InputError attributed to `source`, and hand it back for further checks. */
export function expectInputError(fn: () => unknown, source: string): InputError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InputError);
  const error = caught as InputError;
  expect(error.source).toBe(source);
  return error;
}

/** SHA-256 of every file below `dir`, to prove a reader wrote nothing. */
export function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
