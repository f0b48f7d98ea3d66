/**
 * Printing and exit codes, shared by every subcommand (docs/ARCHITECTURE.md, "Faces": the command line):
 *   0  success (a fit that did not converge is still a result, not an error)
 *   1  internal error: one line `relaxlab: internal error: ...` on stderr
 *   2  bad input or usage: one line on stderr naming the file/field and what was expected
 *   3  partial success (relaxlab study): failed inputs listed, the others analysed
 * With --json exactly one JSON document goes to stdout and nothing else does.
 */
import { CommanderError } from 'commander';
import { isInputError } from '@relaxlab/core';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;
/** Partial success (relaxlab study): some inputs failed and are reported, the rest were analysed. */
export const EXIT_PARTIAL = 3;

let requestedExitCode = EXIT_OK;
/** A command that finished with a non-error status other than 0 (e.g. EXIT_PARTIAL) says so here. */
export function setExitCode(code: number): void {
  requestedExitCode = code;
}
/** The status a command asked for (and reset to 0 for the next run in the same process). */
export function takeExitCode(): number {
  const code = requestedExitCode;
  requestedExitCode = EXIT_OK;
  return code;
}

const PREFIX = 'relaxlab: ';

/** Collapses any line breaks so a message is exactly one line. */
export function oneLine(text: string): string {
  // split and trimmed, not /\s*[\r\n]+\s*/g, which was quadratic in a long run of blanks
  return text
    .split(/[\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(' ');
}

export function printOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** One JSON document on stdout (non-finite numbers become null, as JSON.stringify does). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A one-line message on stderr, prefixed `relaxlab: `. */
export function printError(message: string): void {
  process.stderr.write(`${PREFIX}${oneLine(message)}\n`);
}

/**
 * Warnings wait until the command has finished (main() prints them, takeWarnings): a run that
 * ends in exit 2 prints exactly its one error line, and its warnings only after it with
 * `relaxlab --verbose` (379 fuzzed exit-2 runs had printed warnings before the error).
 */
const pendingWarnings: string[] = [];
export function printWarning(message: string): void {
  pendingWarnings.push(message);
}

/** The warnings a command has given so far (and forget them for the next run in the same process). */
export function takeWarnings(): string[] {
  return pendingWarnings.splice(0, pendingWarnings.length);
}

/** Prints warnings on stderr, one line each. */
export function writeWarnings(warnings: string[]): void {
  for (const w of warnings) printError(`warning: ${w}`);
}

/**
 * Commander's own messages ("error: unknown option '--foo'\n(Did you mean --fix?)") as one line
 * on stderr; used as `configureOutput({ outputError })`.
 */
export function writeCommanderError(str: string, write: (s: string) => void): void {
  write(`${PREFIX}${oneLine(str).replace(/^error:\s*/, '')}\n`);
}

/** Reports an error thrown while parsing or running a command and returns the exit code. */
export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // help and version: already printed, exit 0; usage errors: already printed (one line), exit 2
    return e.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
  }
  if (isInputError(e)) {
    printError(e.message);
    return EXIT_INPUT;
  }
  const message = e instanceof Error ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(e);
  printError(`internal error: ${message}`);
  if (process.env.RELAXLAB_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT_INTERNAL;
}
