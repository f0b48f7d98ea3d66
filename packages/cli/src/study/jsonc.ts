/**
 * The study configuration format: JSONC — JSON with `// line` and `/* block *\/` comments and
 * trailing commas before `}` or `]`, as in VS Code settings and tsconfig.json. Comments let the
 * config explain each choice beside it (what `--init` writes); everything else is plain JSON, so
 * any JSON file is a valid config. Comments and trailing commas are blanked out character for
 * character, so JSON.parse's error positions still point into the original text.
 */
import { InputError } from '@relaxlab/core';

/** The text with comments and trailing commas replaced by spaces (line breaks kept). */
export function stripJsonComments(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let i = 0;
  // position of the last ',' seen outside strings and comments with only blanks after it so far
  let pendingComma = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      pendingComma = -1;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else {
      if (c === ',') pendingComma = i;
      else if ((c === '}' || c === ']') && pendingComma >= 0) {
        out[pendingComma] = ' ';
        pendingComma = -1;
      } else if (!/\s/.test(c)) pendingComma = -1;
      i++;
    }
  }
  return out.join('');
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Where JSON.parse gives up, independent of the engine's message wording (V8 names a position only
 * for some errors): the shortest prefix that fails for another reason than ending early. Prefixes
 * before the mistake only "end early" (V8 says so, or reports the error at the prefix's end), so
 * the boundary is found by bisection.
 */
function errorOffset(text: string): number {
  const failsInside = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/end of (JSON )?input|Unexpected end/i.test(message)) return false;
      // "... at position k" with k at the end of the prefix also means it ended early
      const at = /position (\d+)/.exec(message);
      return at === null || Number(at[1]) < k;
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Parses JSONC; a syntax error names the file, line and column. */
export function parseJsonc(text: string, source: string): unknown {
  const plain = stripJsonComments(text);
  try {
    return JSON.parse(plain);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InputError('not valid JSON (comments and trailing commas allowed)', {
      source,
      field: lineColumn(plain, Math.min(errorOffset(plain), plain.length)),
      expected: 'a JSON object, e.g. { "schema": "relaxlab-study/1", ... }',
      found: withoutTrailingComma(message.split('\n')[0].split('...')[0]),
    });
  }
}

/** Text without trailing blanks and one trailing comma (trimmed, not /,? *$/: quadratic in blanks). */
function withoutTrailingComma(text: string): string {
  const t = text.trimEnd();
  return (t.endsWith(',') ? t.slice(0, -1) : t).trimEnd();
}
