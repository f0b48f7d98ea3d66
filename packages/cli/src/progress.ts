/**
 * A progress bar on stderr for long runs (files read, transients fitted, plots drawn), and only
 * when stderr is a terminal: piped or redirected output, logs and CI stay clean (the command
 * line in docs/ARCHITECTURE.md, "Faces"). One line, redrawn in place with a carriage return, at most every 100 ms; cleared when
 * the step is done so that the messages that follow start on a clean line.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface Progress {
  /** Sets the number of items done so far. */
  update(done: number): void;
  /** Ends the bar (clears its line). */
  done(): void;
}

const QUIET: Progress = { update: () => undefined, done: () => undefined };
const REDRAW_MS = 100;
const BAR_WIDTH = 28;

/** A bar for `total` items labelled e.g. "transients fitted"; silent unless the stream is a TTY. */
export function progressBar(label: string, total: number, stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress {
  if (!stream.isTTY || !(total > 0)) return QUIET;
  // a terminal of unknown size (columns 0 or undefined, as under `script`) gets 80
  const width = (stream.columns !== undefined && stream.columns > 20 ? stream.columns : 80) - 1;
  let last = -Infinity;
  let shown = false;
  const draw = (done: number) => {
    const fraction = Math.min(1, Math.max(0, done / total));
    const filled = Math.round(fraction * BAR_WIDTH);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${label}`;
    stream.write(`\r${line.slice(0, width)}`);
    shown = true;
  };
  return {
    update(done: number) {
      const t = now();
      if (done < total && t - last < REDRAW_MS) return;
      last = t;
      draw(done);
    },
    done() {
      if (shown) stream.write(`\r${' '.repeat(width)}\r`);
      shown = false;
    },
  };
}
