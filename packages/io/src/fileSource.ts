/** Reading input files: once, read-only, with the hash of exactly the bytes that were parsed. */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { TextDecoder } from 'util';
import { InputError } from '@relaxlab/core';

export interface SourceFile {
  path: string;
  text: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode as UTF-8, falling back to Latin-1: spreadsheet exports on Windows often write '°C' as the
 * single byte 0xB0, which is not valid UTF-8 but is unambiguous in Latin-1.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = Buffer.from(bytes).toString('latin1');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readSourceFile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError('cannot read file', { source: path, field: 'file', expected: 'a readable file', found: code });
  }
  return { path, text: decodeText(bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}
