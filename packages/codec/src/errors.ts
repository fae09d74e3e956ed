/**
 * The error family. Every failure on bad input is a DecodeError subclass with a stable `code`, the
 * absolute stream `offset` of the byte at fault, the field `path` (`items[3].name`), what was
 * `expected` and what was `actual`, and a hex excerpt of the bytes around the offset.
 *
 * Errors are built where the fault is found, with the path empty; each enclosing struct, array or
 * union adds its segment on the way out (`within`), so the hot path never tracks names.
 */

export type PathSegment = string | number;

/**
 * Makes `message` (and the first line of `stack`) follow the path as it grows: each enclosing
 * codec adds a segment on the way out, and rebuilding the text at each level would cost
 * depth² for a deeply nested fault.
 */
function lazyMessage(error: Error, compose: () => string): void {
  const frames = (error.stack ?? '').split('\n').slice(1).join('\n');
  Object.defineProperty(error, 'message', { get: compose, configurable: true, enumerable: false });
  Object.defineProperty(error, 'stack', {
    get: () => `${error.name}: ${compose()}${frames ? `\n${frames}` : ''}`,
    configurable: true,
    enumerable: false,
  });
}

export interface DecodeErrorDetails {
  offset: number;
  expected?: string | undefined;
  actual?: string | undefined;
  /** Hex of the bytes around the offset (see `excerptStart`). */
  excerpt?: string | undefined;
  /** Absolute offset of the excerpt's first byte. */
  excerptStart?: number | undefined;
}

/** Paths longer than this many segments are shown as their first and last PATH_KEEP segments. */
const PATH_MAX = 40;
const PATH_KEEP = 16;

/**
 * Formats a path: names joined by dots, indexes in brackets (`items[3].name`). A deeper path keeps
 * its first and last 16 segments around `…(N more)…`, so a message stays short at any depth.
 */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length <= PATH_MAX) return joinPath(path, '');
  const head = joinPath(path.slice(0, PATH_KEEP), '');
  return joinPath(path.slice(-PATH_KEEP), `${head}…(${path.length - 2 * PATH_KEEP} more)…`);
}

/** Appends `path` to `out`, a dot before each name unless `out` is empty. */
function joinPath(path: readonly PathSegment[], out: string): string {
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

/**
 * The path of an error as it unwinds: `within` runs once per enclosing level, so adding a segment
 * is O(1) (a push onto the reversed list) and the text is formatted only when read, then kept.
 */
class FieldPath {
  private readonly reversed: PathSegment[] = [];
  private text: string | undefined;

  get empty(): boolean {
    return this.reversed.length === 0;
  }

  /** Prefixes a segment. */
  add(segment: PathSegment): void {
    this.reversed.push(segment);
    this.text = undefined;
  }

  segments(): PathSegment[] {
    return this.reversed.slice().reverse();
  }

  toString(): string {
    if (this.text === undefined) this.text = formatPath(this.segments());
    return this.text;
  }
}

export class DecodeError extends Error {
  override name = 'DecodeError';
  /** Stable machine-readable code, e.g. `BAD_CONSTANT`. */
  readonly code: string;
  /** Absolute stream offset of the byte at fault. */
  readonly offset: number;
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  /**
   * Hex of up to 8 bytes before the offset (within the record) and the bytes examined there, at
   * most 32 bytes in all; past that it ends with how many more were examined (`…(4194280 more)`).
   */
  readonly excerpt: string;
  readonly excerptStart: number;
  /** The message without path and offset. */
  readonly detail: string;
  private readonly trail = new FieldPath();

  constructor(code: string, detail: string, details: DecodeErrorDetails) {
    super(detail);
    this.code = code;
    this.detail = detail;
    this.offset = details.offset;
    this.expected = details.expected;
    this.actual = details.actual;
    this.excerpt = details.excerpt ?? '';
    this.excerptStart = details.excerptStart ?? details.offset;
    lazyMessage(this, () => this.compose());
  }

  /** Field path from the record's root, e.g. `items[3].name` (empty at the root). */
  get path(): string {
    return this.trail.toString();
  }

  /** The path as segments (all of them: `path` shortens a very deep one). */
  get pathSegments(): readonly PathSegment[] {
    return this.trail.segments();
  }

  /**
   * Prefixes a path segment as the error leaves a struct field, array item or variant; a protocol
   * package uses it to put a field's error inside its record (`chunks[3].fields.width`).
   */
  within(segment: PathSegment): this {
    this.trail.add(segment);
    return this;
  }

  private compose(): string {
    const where = this.trail.empty ? '' : `${this.path}: `;
    const bytes = this.excerpt === '' ? '' : ` (bytes from ${this.excerptStart}: ${this.excerpt})`;
    return `${where}${this.detail} at byte ${this.offset}${bytes}`;
  }
}

/** The input ended inside a record. `needed` is the least number of bytes still missing. */
export class IncompleteError extends DecodeError {
  override name = 'IncompleteError';
  readonly needed: number;
  constructor(detail: string, details: DecodeErrorDetails & { needed: number }) {
    super('INCOMPLETE', detail, details);
    this.needed = details.needed;
  }
}

/** A checksum over a span did not match the one stored. */
export class ChecksumError extends DecodeError {
  override name = 'ChecksumError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('CHECKSUM_MISMATCH', detail, details);
  }
}

/** A length, count, depth or size went past a configured limit (or past its enclosing section). */
export class LimitError extends DecodeError {
  override name = 'LimitError';
  /** Which limit: `maxRecordBytes`, `maxArrayLength`, `maxDepth`, `section`, or a codec's own. */
  readonly limit: string;
  constructor(limit: string, detail: string, details: DecodeErrorDetails) {
    super('LIMIT_EXCEEDED', detail, details);
    this.limit = limit;
  }
}

/** A value decoded correctly but failed a refinement or a format rule (bad UTF-8, overlong varint). */
export class ValidationError extends DecodeError {
  override name = 'ValidationError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('VALIDATION_FAILED', detail, details);
  }
}

/** A magic constant or fixed value did not match. */
export class ConstantError extends DecodeError {
  override name = 'ConstantError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('BAD_CONSTANT', detail, details);
  }
}

/** A union's tag matched no variant. */
export class TagError extends DecodeError {
  override name = 'TagError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('BAD_TAG', detail, details);
  }
}

/** `decode()` consumed the record but bytes were left over (pass `allowTrailing` to accept them). */
export class TrailingBytesError extends DecodeError {
  override name = 'TrailingBytesError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('TRAILING_BYTES', detail, details);
  }
}

/** A value cannot be encoded by its codec (out of range, wrong length, no matching variant). */
export class EncodeError extends Error {
  override name = 'EncodeError';
  readonly code: string;
  readonly detail: string;
  private readonly trail = new FieldPath();

  constructor(code: string, detail: string) {
    super(detail);
    this.code = code;
    this.detail = detail;
    lazyMessage(this, () => (this.trail.empty ? this.detail : `${this.path}: ${this.detail}`));
  }

  get path(): string {
    return this.trail.toString();
  }

  /** Prefixes a path segment, as DecodeError's `within` does. */
  within(segment: PathSegment): this {
    this.trail.add(segment);
    return this;
  }
}

/** Hex of bytes, space separated. */
export function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++)
    out += (i === 0 ? '' : ' ') + (bytes[i] as number).toString(16).padStart(2, '0');
  return out;
}
