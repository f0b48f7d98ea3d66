/**
 * Sending one rich output to the notebook. tslab's public `display` sends one MIME type per
 * output, so a front end could not pick the richest type it knows; its internal module
 * `tslab/dist/jupyter` holds `lastWriteDisplayData`, the writer of the cell being executed, which
 * takes a whole display_data content. This file is the only place that touches it.
 */

/** A Jupyter MIME bundle: MIME type → JSON value (for +json types) or text. */
export type MimeBundle = Record<string, unknown>;

/** The content of a Jupyter display_data message. */
export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

/** Something that sends display_data (tslab's writer, or a test's recorder). */
export type DisplaySink = (content: DisplayContent, update: boolean) => void;

let sinkOverride: DisplaySink | undefined;

/**
 * Replace where displays go (tests, other front ends); `undefined` restores the default.
 * Returns the previous override.
 */
export function setDisplaySink(sink: DisplaySink | undefined): DisplaySink | undefined {
  const previous = sinkOverride;
  sinkOverride = sink;
  return previous;
}

const TSLAB_JUPYTER = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/**
 * tslab's current display writer, when this process is a tslab kernel. Looked up in the module
 * cache only: loading tslab/dist/jupyter outside a kernel would load zeromq for nothing. The
 * resolved path comes first; any other tslab copy in the cache (a kernel started from another
 * install) is accepted too.
 */
function tslabSink(): DisplaySink | undefined {
  const cached: Array<{ exports?: { lastWriteDisplayData?: unknown } } | undefined> = [];
  try {
    cached.push(require.cache[require.resolve('tslab/dist/jupyter')]);
  } catch {
    // tslab not installed next to this package: only the scan below can find it
  }
  for (const [path, mod] of Object.entries(require.cache)) if (TSLAB_JUPYTER.test(path)) cached.push(mod);
  for (const mod of cached) {
    const writer = mod?.exports?.lastWriteDisplayData;
    if (typeof writer === 'function') return writer as DisplaySink;
  }
  return undefined;
}

/** Whether displays reach a notebook (a tslab kernel, or a sink set by setDisplaySink). */
export function canDisplayRich(): boolean {
  return sinkOverride !== undefined || tslabSink() !== undefined;
}

/**
 * Send one display_data carrying every MIME type of `bundle` (and `metadata`, e.g. an image's
 * display size). Outside a notebook the text/plain entry is printed instead. Returns how the
 * output went out.
 */
export function publishDisplayData(bundle: MimeBundle, metadata: Record<string, unknown> = {}): 'display_data' | 'stdout' {
  return publishTo(sinkOverride ?? tslabSink(), bundle, metadata);
}

/**
 * publishDisplayData bound to where displays go now, for an output that is ready only after an
 * await (a rendered PNG): tslab's writer is the one of the cell being executed, and the output
 * must reach the cell that asked for it even if another cell runs meanwhile.
 */
export function displayTarget(): (bundle: MimeBundle, metadata?: Record<string, unknown>) => 'display_data' | 'stdout' {
  const sink = sinkOverride ?? tslabSink();
  return (bundle, metadata = {}) => publishTo(sink, bundle, metadata);
}

function publishTo(sink: DisplaySink | undefined, bundle: MimeBundle, metadata: Record<string, unknown>): 'display_data' | 'stdout' {
  if (sink) {
    sink({ data: bundle, metadata, transient: {} }, false);
    return 'display_data';
  }
  const text = bundle['text/plain'];
  process.stdout.write(`${typeof text === 'string' ? text : JSON.stringify(text)}\n`);
  return 'stdout';
}
