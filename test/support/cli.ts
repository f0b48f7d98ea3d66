/**
 * Running the `relaxlab` command for the CLI tests, two ways:
 *   - relaxlab(...args), runMain(args, env): in this process, through the CLI's main(argv) with stdout and stderr
 *     captured, as a pipe would take them (no TTY); what most tests need, without starting Node
 *     and loading the packages again for every call;
 *   - runRelaxlab(args): the BUILT command (packages/cli/dist/main.js; `npm test` builds it
 *     first) as a child process, as a user or a script runs it, for the tests of what only a
 *     process shows: its exit status and that nothing else reaches stdout or stderr.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { format } from 'util';
import { main } from '../../packages/cli/src/main';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'packages', 'cli', 'dist', 'main.js');

// an in-process run is awaited, so jest's 5 s default would cut a study or a bootstrap short on a
// busy machine (a synchronous child process never was): generous, as for every check of behaviour
jest.setTimeout(120_000);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `relaxlab ...args` as a child process in the repository root, with extra environment variables if given. */
export function runRelaxlab(args: string[], env: Record<string, string> = {}, timeout_ms = 120_000): Run {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -b, or npm test which builds)`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeout_ms,
    env: { ...process.env, ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `relaxlab ...args` in this process: main(args) in the repository root, with extra environment
 * variables set for the call. What the command writes to process.stdout/stderr or the console
 * (log and info to stdout, warn and error to stderr, as Node's console does) is captured, and
 * stderr is no TTY, as for a child process with pipes. Calls must not overlap.
 */
export function relaxlab(...args: string[]): Promise<Run> {
  return runMain(args);
}

/** relaxlab(...args) with extra environment variables set for the call. */
export async function runMain(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const captured = { stdout: '', stderr: '' };
  const writer =
    (stream: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      if (callback) callback();
      return true;
    };
  const line =
    (stream: 'stdout' | 'stderr') =>
    (...values: unknown[]) =>
      writer(stream)(`${format(...values)}\n`);
  const saved = {
    // put back on the same streams in `finally`, never called detached
    // eslint-disable-next-line @typescript-eslint/unbound-method
    stdoutWrite: process.stdout.write,
    // eslint-disable-next-line @typescript-eslint/unbound-method
    stderrWrite: process.stderr.write,
    stderrTTY: Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'),
    console: { log: console.log, info: console.info, warn: console.warn, error: console.error },
    env: Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]])),
    cwd: process.cwd(),
  };
  process.stdout.write = writer('stdout');
  process.stderr.write = writer('stderr');
  Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
  Object.assign(console, { log: line('stdout'), info: line('stdout'), warn: line('stderr'), error: line('stderr') });
  Object.assign(process.env, env);
  process.chdir(ROOT);
  try {
    const status = await main(args);
    return { status, ...captured };
  } finally {
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    if (saved.stderrTTY) Object.defineProperty(process.stderr, 'isTTY', saved.stderrTTY);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
    Object.assign(console, saved.console);
    for (const [name, value] of Object.entries(saved.env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.chdir(saved.cwd);
  }
}

/** Lines of a text (a trailing newline does not make an extra line; inner empty lines stay). */
export const lines = (text: string): string[] => text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);

/** The non-empty lines of a text. */
export const nonEmptyLines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

/** sha256 of a file, the path relative to the repository root (or absolute). */
export const sha256 = (path: string): string =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, path)))
    .digest('hex');

export interface ScratchFolder {
  /** The folder (only while the file's tests run). */
  readonly dir: string;
  /** Writes `text` to `name` inside the folder and returns its path. */
  file(name: string, text: string): string;
}

/**
 * The setup every CLI test file shares: before its tests, make a scratch folder (`prefix` +
 * random); after them, remove it. Call it at the top level, before
 * the file's own beforeAll: hooks run in the order they are registered.
 */
export function cliScratchFolder(prefix: string): ScratchFolder {
  let dir: string | undefined;
  beforeAll(() => {
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
