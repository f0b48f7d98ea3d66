/**
 * Typed errors. Every input problem is reported as an InputError that names where the bad
 * value came from (`source`: a file, a CLI flag, or an API argument), which `field` it was,
 * and what was expected, so a user can fix the input without reading the code.
 */

export interface InputErrorDetails {
  /** The offending field: a parameter name, a column header, an array name, `x[3]`, ... */
  field: string;
  /** What a valid value looks like, e.g. "a finite number", "min <= value <= max". */
  expected?: string;
  /** What was actually found. */
  found?: string;
  /** Where the value came from: a file path, `--param`, `curveFit`; empty when unknown. */
  source?: string;
}

function formatInputError(reason: string, d: InputErrorDetails): string {
  const parts: string[] = [];
  if (d.expected !== undefined) parts.push(`expected ${d.expected}`);
  if (d.found !== undefined) parts.push(`found ${d.found}`);
  return `${d.source ? `${d.source}: ` : ''}${d.field}: ${reason}${parts.length ? ` (${parts.join('; ')})` : ''}`;
}

/** Bad input: the caller can fix it. The CLI maps this to exit code 2. */
export class InputError extends Error {
  readonly reason: string;
  readonly details: Readonly<InputErrorDetails>;

  constructor(reason: string, details: InputErrorDetails) {
    super(formatInputError(reason, details));
    this.name = 'InputError';
    this.reason = reason;
    this.details = { ...details };
  }

  get field(): string {
    return this.details.field;
  }
  get source(): string | undefined {
    return this.details.source;
  }

  /** The same error attributed to the file it was read from (kept if a source is already set). */
  withSource(source: string): InputError {
    if (this.details.source) return this;
    const copy = Object.create(Object.getPrototypeOf(this) as object) as InputError;
    Object.assign(copy, this, { details: { ...this.details, source } });
    Object.defineProperty(copy, 'message', { value: formatInputError(this.reason, copy.details) });
    Object.defineProperty(copy, 'stack', { value: this.stack });
    return copy;
  }
}

/** A syntax or name error in a model expression string; `position` is the 0-based character offset. */
export class ExpressionError extends InputError {
  readonly position: number | undefined;
  constructor(reason: string, details: InputErrorDetails & { position?: number }) {
    super(reason, details);
    this.name = 'ExpressionError';
    this.position = details.position;
  }
}

/** Is `e` an error caused by the user's input (as opposed to a bug)? */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
