/**
 * Running the BUILT `relaxlab` command (packages/cli/dist/main.js; `npm test` builds it first) as
 * a child process, as a user or a script would, for the CLI tests.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'packages', 'cli', 'dist', 'main.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `relaxlab ...args` in the repository root, with extra environment variables if given. */
export function runRelaxlab(args: string[], env: Record<string, string> = {}, timeout_ms = 120_000): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeout_ms, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function relaxlab(...args: string[]): Run {
  return runRelaxlab(args);
}

/** Lines of a text (a trailing newline does not make an extra line; inner empty lines stay). */
export const lines = (text: string): string[] => text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);

/** The non-empty lines of a text. */
export const nonEmptyLines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

/** sha256 of a file, the path relative to the repository root (or absolute). */
export const sha256 = (path: string): string => createHash('sha256').update(readFileSync(join(ROOT, path))).digest('hex');

export interface ScratchFolder {
  /** The folder (only while the file's tests run). */
  readonly dir: string;
  /** Writes `text` to `name` inside the folder and returns its path. */
  file(name: string, text: string): string;
}

/**
 * The setup every CLI test file shares: before its tests, check that the built CLI is there and
 * make a scratch folder (`prefix` + random); after them, remove it. Call it at the top level, before
 * the file's own beforeAll: hooks run in the order they are registered.
 */
export function cliScratchFolder(prefix: string): ScratchFolder {
  let dir: string | undefined;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -b, or npm test which builds)`);
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const folder = (): string => {
    if (dir === undefined) throw new Error('the scratch folder exists only while the tests run');
    return dir;
  };
  return {
    get dir() {
      return folder();
    },
    file(name: string, text: string): string {
      const path = join(folder(), name);
      writeFileSync(path, text);
      return path;
    },
  };
}
