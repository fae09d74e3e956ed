/**
 * The errors of byte streams, at the bottom of the package graph so that every layer raises the same
 * classes: BufferChain and ChainCursor here, codec's schemas and the protocol packages above
 * (`@stride/codec` re-exports these very classes and adds its own subclasses). MemoryView keeps
 * Python's errors (`errors.ts`).
 *
 * Every failure on bad input is a DecodeError with a stable `code`, the absolute stream `offset` of
 * the byte at fault, the field `path` (`items[3].name`), what was `expected` and what was `actual`,
 * and a hex excerpt of the bytes around the offset. Errors are built where the fault is found, with
 * the path empty; each enclosing struct, array or union adds its segment on the way out (`within`),
 * so the hot path never tracks names. A protocol names the fault in its own terms with `recode`.
 */

export type PathSegment = string | number;

/** The codes of the DecodeErrors this package raises (codec's `DecodeErrorCode` adds its own). */
export type StreamErrorCode = 'INCOMPLETE' | 'BAD_OFFSET' | 'VALIDATION_FAILED';

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

/**
 * A failure on bad input. `C` is the union of codes the error may carry, so `switch (e.code)`
 * narrows; a protocol package declares its own (`DecodeError<PngErrorCode>`).
 */
export class DecodeError<C extends string = string> extends Error {
  override name = 'DecodeError';
  /** Stable machine-readable code, e.g. `BAD_CONSTANT` (changed only by `recode`). */
  readonly code: C;
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

  constructor(code: C, detail: string, details: DecodeErrorDetails) {
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

  /**
   * This same error (class, path, offset, excerpt, stack), now carrying `code`, and `detail` when
   * given: how a protocol names a codec fault in its own terms (`BAD_CHUNK_DATA`) without building
   * a second error and replaying the path. Use the returned reference: it is typed with the new code.
   */
  recode<N extends string>(code: N, detail?: string): DecodeError<N> {
    const self = this as unknown as { code: N; detail: string };
    self.code = code;
    if (detail !== undefined) self.detail = detail;
    return this as unknown as DecodeError<N>;
  }

  private compose(): string {
    const where = this.trail.empty ? '' : `${this.path}: `;
    const bytes = this.excerpt === '' ? '' : ` (bytes from ${this.excerptStart}: ${this.excerpt})`;
    return `${where}${this.detail} at byte ${this.offset}${bytes}`;
  }
}

/** The input ended inside a record. `needed` is the least number of bytes still missing. */
export class IncompleteError extends DecodeError<'INCOMPLETE'> {
  override name = 'IncompleteError';
  readonly needed: number;
  constructor(detail: string, details: DecodeErrorDetails & { needed: number }) {
    super('INCOMPLETE', detail, details);
    this.needed = details.needed;
  }
}

/** A read at an offset whose bytes are gone: before the first byte a chain still holds (consumed). */
export class OffsetError extends DecodeError<'BAD_OFFSET'> {
  override name = 'OffsetError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('BAD_OFFSET', detail, details);
  }
}

/**
 * A value decoded correctly but failed a refinement or a format rule (bad UTF-8, overlong varint,
 * a 64-bit integer past ±(2^53 − 1) read as a number).
 */
export class ValidationError extends DecodeError<'VALIDATION_FAILED'> {
  override name = 'ValidationError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('VALIDATION_FAILED', detail, details);
  }
}

/**
 * A value cannot be encoded by its codec (out of range, wrong length, no matching variant). Here
 * rather than in @stride/codec because it shares DecodeError's path.
 */
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
