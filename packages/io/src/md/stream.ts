/**
 * Streaming input for trajectories (a trajectory can be gigabytes): the file's bytes in chunks,
 * gunzipped on the fly when they start with the gzip magic (1f 8b), never held whole, never
 * written. Text formats read it as lines; DCD as Fortran records (dcd.ts).
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'fs';
import { createGunzip } from 'zlib';
import { InputError } from '@relaxlab/core';

export interface ByteSource {
  path: string;
  /** The file's size on disk (compressed size for .gz), for progress. */
  size: number;
  gzip: boolean;
  chunks: AsyncIterable<Buffer>;
  /** Bytes of the file (compressed) read so far. */
  bytesRead(): number;
}

/** Opens `path` as a stream of (decompressed) chunks. */
export function openByteSource(path: string): ByteSource {
  let size: number;
  let head = Buffer.alloc(2);
  try {
    size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const n = readSync(fd, head, 0, 2, 0);
      head = head.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError('cannot read file', { source: path, field: 'file', expected: 'a readable file', found: code });
  }
  const gzip = head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let read = 0;
  raw.on('data', (chunk) => (read += chunk.length));
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (e) => stream.destroy(e));
  return { path, size, gzip, chunks: stream as AsyncIterable<Buffer>, bytesRead: () => read };
}

/**
 * Lines of a byte source (LF or CRLF), without the line end, a chunk at a time (an array of lines
 * per chunk of about 1 MB: a generator step per line costs 1.2 µs, a third of the parse time of a
 * LAMMPS dump). A line split across chunks is joined; the last line may lack its newline.
 */
export async function* lineChunksOf(source: ByteSource): AsyncGenerator<string[]> {
  let rest = '';
  try {
    for await (const chunk of source.chunks) {
      const text = rest + chunk.toString('latin1');
      const cut = text.lastIndexOf('\n');
      if (cut < 0) {
        rest = text;
        continue;
      }
      rest = text.slice(cut + 1);
      const lines = text.slice(0, cut).split('\n');
      for (let k = 0; k < lines.length; k++) if (lines[k].endsWith('\r')) lines[k] = lines[k].slice(0, -1);
      yield lines;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('cannot read the file to its end', {
      source: source.path,
      field: 'file',
      expected: source.gzip ? 'a complete gzip stream' : 'a readable file',
      found: String((e as Error).message ?? e),
    });
  }
  if (rest.length > 0) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/** A line reader that counts lines (for messages) and says where the file ended early. */
export class LineReader {
  private readonly chunks: AsyncGenerator<string[]>;
  private lines: string[] = [];
  private index = 0;
  /** The chunk after `lines`, read ahead so that `last` is known for the file's last line. */
  private pending: IteratorResult<string[]> | null = null;
  readonly path: string;
  line = 0;

  constructor(source: ByteSource) {
    this.chunks = lineChunksOf(source);
    this.path = source.path;
  }

  /** Whether the line last returned is the file's last one. */
  get last(): boolean {
    return this.index >= this.lines.length && this.pending?.done === true;
  }

  /** The next line, or null at the end of the file. */
  async next(): Promise<string | null> {
    while (this.index >= this.lines.length) {
      this.pending ??= await this.chunks.next();
      if (this.pending.done) return null;
      this.lines = this.pending.value;
      this.index = 0;
      this.pending = await this.chunks.next();
    }
    this.line++;
    return this.lines[this.index++];
  }

  /** The next line when it is already read (no await: the hot loops of the text formats), else undefined. */
  buffered(): string | undefined {
    if (this.index >= this.lines.length) return undefined;
    this.line++;
    return this.lines[this.index++];
  }

  /** The next line; at the end of the file an InputError "truncated" naming `where`. */
  async need(where: string, expected: string): Promise<string> {
    const l = await this.next();
    if (l === null)
      throw new InputError('the file ends inside a frame (truncated)', { source: this.path, field: where, expected, found: 'end of file' });
    return l;
  }

  /** numbersOf the line; a short last line of the file is a truncated frame. */
  numbers(line: string, count: number, where: string): number[] {
    try {
      return numbersOf(line, count, this.path, where);
    } catch (e) {
      if (this.last) {
        throw new InputError('the file ends inside a frame (truncated)', {
          source: this.path,
          field: where,
          expected: `${count} numbers`,
          found: JSON.stringify(line.trim()),
        });
      }
      throw e;
    }
  }
}

/** Whitespace-separated numbers of a line; InputError naming the place when one is not a number. */
export function numbersOf(line: string, count: number, path: string, where: string): number[] {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length < count)
    throw new InputError('too few numbers', {
      source: path,
      field: where,
      expected: `${count} numbers`,
      found: JSON.stringify(line.trim()),
    });
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    const v = Number(tokens[k]);
    if (!Number.isFinite(v))
      throw new InputError('not a number', {
        source: path,
        field: where,
        expected: `${count} numbers`,
        found: JSON.stringify(line.trim()),
      });
    out[k] = v;
  }
  return out;
}
