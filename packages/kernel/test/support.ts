/** What the kernel tests share: the repository root, the four MIME types of every result output, a hostile sample name, running a reader from another folder, and catching what show() sends. */
import { join } from 'path';
import { display } from '@relaxlab/kernel';

export const ROOT = join(__dirname, '..', '..', '..');
/** Every result output carries these, sorted. */
export const RESULT_MIMES = [display.RELAXLAB_RESULT_MIME, display.VEGALITE_V5_MIME, 'text/html', 'text/plain'].sort();
/** A sample name that must be shown as text, never parsed as markup. */
export const EVIL = '<img src=x onerror=alert(1)>';

/** `run` with `dir` as the working folder (notebooks read their files relative to theirs). */
export function inDirectory<T>(dir: string, run: () => T): T {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return run();
  } finally {
    process.chdir(previous);
  }
}

/** The display messages show() sends while `run` runs (to a sink set for the call). */
export function displayed(run: () => void): display.DisplayContent[] {
  const sent: display.DisplayContent[] = [];
  const previous = display.setDisplaySink((content) => sent.push(content));
  try {
    run();
  } finally {
    display.setDisplaySink(previous);
  }
  return sent;
}
