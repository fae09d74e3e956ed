/**
 * KsyWriter: the bytes a description writes, the inverse of KsyStream's reads. Each write checks
 * its value first (an integer of the field's width and sign, a boolean for `b1`, a Uint8Array for
 * bytes) and refuses anything else with an EncodeError naming what was expected, so only typed
 * errors come out of encoding, whatever the object holds.
 */
import { DecodeError, EncodeError } from '@stride/codec';
import { IO, PARENT, ROOT, readsAgain, WIO } from '../compile/slots.js';
import { withinField } from '../errors.js';

type Hidden = Record<symbol, unknown>;

import { strToBytes } from '../expr/encodings.js';
import { bytesEq } from '../expr/runtime.js';
import { type ProcessRoutine, sourceOf } from './process.js';
import { KsyStream } from './stream.js';

const TWO_64 = 1n << 64n;
/** The most bytes one write makes: a size or position past it (a value's lie) is refused, not allocated. */
const MAX_BYTES = 2 ** 30;

function tooLarge(n: number): void {
  if (n > MAX_BYTES)
    throw new EncodeError('BAD_LENGTH', `${n} bytes is more than a write makes (at most ${MAX_BYTES})`);
}

/** A value in an error message, short. */
export function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null || v === undefined) return String(v);
  return typeof v === 'object' ? 'an object' : String(v);
}

/** An integer value, exactly: a safe-integer number or a bigint; anything else refused. */
function integer(v: unknown, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  throw new EncodeError('BAD_VALUE', `${what}: expected an integer, got ${describe(v)}`);
}

export class KsyWriter {
  /** The size the stream will have, when known before it is written (a sized field's substream). */
  readonly #limit: number | undefined;
  #buffer = new Uint8Array(256);
  #view = new DataView(this.#buffer.buffer);
  /** Where the next write goes, and how far the stream has been written (a positional instance seeks). */
  #pos = 0;
  #length = 0;
  /** Bits written and not yet a whole byte, and how many (0..7). */
  #bits = 0;
  #bitCount = 0;
  #bitsLe = false;
  /** Whether the stream of known size is written over the bytes it was read from. */
  readonly #over: boolean;

  /**
   * `background`: the bytes the object being written was read from, if it was. What no write covers
   * (bytes a description skips: a type that reads none of its sized stream, realigning bits, gaps
   * between positional instances) keeps them rather than becoming zeros, up to the stream's size:
   * `limit`, or else the background's.
   */
  constructor(limit?: number, background?: Uint8Array) {
    this.#limit = limit ?? background?.length;
    this.#over = background !== undefined;
    if (background !== undefined) {
      tooLarge(background.length);
      this.#buffer = new Uint8Array(Math.max(256, background.length, limit ?? 0));
      this.#buffer.set(background);
      this.#view = new DataView(this.#buffer.buffer);
    }
  }

  /** `_io.pos` while writing: as when reading, a byte partly written by bit fields is passed. */
  get pos(): number {
    return this.#pos + (this.#bitCount > 0 ? 1 : 0);
  }

  /** Moves to `pos` (a positional instance's), bits pending ended first; bytes skipped are the background's, or zero. */
  seek(pos: number): void {
    this.alignToByte();
    this.#grow(pos);
    this.#pos = pos;
    this.#length = Math.max(this.#length, pos);
  }

  /** `_io.size` while writing: the size a sized field gives its stream. */
  get size(): number {
    return this.#known('_io.size');
  }

  /** `_io.eof` while writing: whether the stream's size is reached. */
  get eof(): boolean {
    return this.#pos >= this.#known('_io.eof') && this.#bitCount === 0;
  }

  #known(what: string): number {
    if (this.#limit === undefined)
      throw new EncodeError('CANNOT_WRITE', `${what} of a stream whose size is only known once written`);
    return this.#limit;
  }

  /**
   * Fills the rest of a stream of known size with `pad` (a size-eos field's pad-right); without
   * one (undefined), the rest is the bytes it was read from, or zeros.
   */
  padToEnd(pad: number | undefined): void {
    if (this.#limit === undefined || this.pos >= this.#limit) return;
    if (pad === undefined) {
      if (!this.#over) this.seek(this.#limit);
      return;
    }
    const at = this.#room(this.#limit - this.#pos);
    this.#buffer.fill(pad, at, this.#pos);
  }

  /** `b` unless it would pass the stream's known size (a terminator the value left no room for). */
  bytesIfRoom(b: Uint8Array): void {
    if (this.#limit === undefined || this.pos + b.length <= this.#limit) this.bytes(b);
  }

  #room(n: number): number {
    this.alignToByte();
    const at = this.#pos;
    this.#grow(at + n);
    this.#pos = at + n;
    this.#length = Math.max(this.#length, this.#pos);
    return at;
  }

  #grow(end: number): void {
    if (end <= this.#buffer.length) return;
    tooLarge(end);
    const next = new Uint8Array(Math.max(2 * this.#buffer.length, end));
    next.set(this.#buffer); // with the background beyond what was written
    this.#buffer = next;
    this.#view = new DataView(next.buffer);
  }

  /** An integer of `width` bytes, signed or not, in either byte order. */
  int(v: unknown, width: 1 | 2 | 4 | 8, signed: boolean, le: boolean): void {
    const what = `${signed ? 's' : 'u'}${width}`;
    const x = integer(v, what);
    const bits = BigInt(width * 8);
    const min = signed ? -(1n << (bits - 1n)) : 0n;
    const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
    if (x < min || x > max) throw new EncodeError('OUT_OF_RANGE', `${what}: ${x} is outside ${min}..${max}`);
    const at = this.#room(width);
    const dv = this.#view;
    if (width === 1) dv.setUint8(at, Number(x) & 0xff);
    else if (width === 2) dv.setUint16(at, Number(x) & 0xffff, le);
    else if (width === 4) dv.setUint32(at, Number(BigInt.asUintN(32, x)), le);
    else dv.setBigUint64(at, (x + TWO_64) % TWO_64, le);
  }

  float(v: unknown, width: 4 | 8, le: boolean): void {
    if (typeof v !== 'number')
      throw new EncodeError('BAD_VALUE', `f${width}: expected a number, got ${describe(v)}`);
    const at = this.#room(width);
    if (width === 4) this.#view.setFloat32(at, v, le);
    else this.#view.setFloat64(at, v, le);
  }

  /** A bit field of `width` bits (a boolean for one bit), most (be) or least (le) significant bit first. */
  bits(v: unknown, width: number, le: boolean): void {
    const x = typeof v === 'boolean' && width === 1 ? (v ? 1n : 0n) : integer(v, `b${width}`);
    if (x < 0n || x >= 1n << BigInt(width))
      throw new EncodeError('OUT_OF_RANGE', `b${width}: ${x} does not fit ${width} bits`);
    this.#bitsLe = le;
    for (let i = 0; i < width; i++) {
      const bit = Number((x >> BigInt(le ? i : width - 1 - i)) & 1n);
      this.#bits = le ? this.#bits | (bit << this.#bitCount) : (this.#bits << 1) | bit;
      if (++this.#bitCount === 8) this.#flushBits();
    }
  }

  #flushBits(): void {
    const byte = this.#bits & 0xff;
    this.#bits = 0;
    this.#bitCount = 0;
    const at = this.#room(1);
    this.#buffer[at] = byte;
  }

  /** Ends a partly written byte (its remaining bits zero), as a byte-aligned field after bit fields does. */
  alignToByte(): void {
    const count = this.#bitCount;
    if (count === 0) return;
    // Little-endian bits fill a byte from its bottom (already in place), big-endian ones from its top.
    const byte = this.#bitsLe ? this.#bits : this.#bits << (8 - count);
    this.#bits = 0;
    this.#bitCount = 0;
    const at = this.#room(1);
    this.#buffer[at] = byte & 0xff;
  }

  bytes(b: Uint8Array): void {
    const at = this.#room(b.length);
    this.#buffer.set(b, at);
  }

  /** What was written (a partial byte completed); over a background, up to the stream's size. */
  result(): Uint8Array {
    this.alignToByte();
    const end = this.#over ? Math.max(this.#length, this.#limit as number) : this.#length;
    this.#grow(end);
    return this.#buffer.slice(0, end);
  }
}

/** A value that must be a byte array. */
export function bytesOf(v: unknown, what: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  throw new EncodeError('BAD_VALUE', `${what}: expected a Uint8Array, got ${describe(v)}`);
}

/** A value that must be an array, of `count` items when given. */
export function listOf(v: unknown, count: number | undefined): readonly unknown[] {
  if (!Array.isArray(v)) throw new EncodeError('BAD_VALUE', `expected an array, got ${describe(v)}`);
  if (count !== undefined && v.length !== count)
    throw new EncodeError('BAD_LENGTH', `expected ${count} items (repeat-expr), got ${v.length}`);
  return v;
}

/** A value that must be an object (a user type's). */
export function objectOf(v: unknown): object {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)) return v;
  throw new EncodeError('BAD_VALUE', `expected an object, got ${describe(v)}`);
}

/**
 * A sized field's bytes: `b` (after its terminator where one is written), padded with `pad` to
 * `size`; longer than the size is refused.
 */
export function fit(
  b: Uint8Array,
  size: number,
  term: number | Uint8Array | undefined,
  include: boolean,
  pad: number,
): Uint8Array {
  const tail =
    term === undefined || include ? new Uint8Array(0) : typeof term === 'number' ? Uint8Array.of(term) : term;
  const body = b.length + tail.length <= size ? [b, tail] : [b];
  const length = body.reduce((n, x) => n + x.length, 0);
  if (length > size)
    throw new EncodeError('BAD_LENGTH', `${b.length} bytes do not fit the field's size of ${size}`);
  tooLarge(size);
  const out = new Uint8Array(size).fill(pad);
  let at = 0;
  for (const x of body) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

/** `obj` with `key` set to `value`: a copy of its own fields and hidden parts, on the same prototype. */
function derive(obj: object, key: string | symbol, value: unknown): object {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(obj)) as object, obj) as Record<
    string | symbol,
    unknown
  >;
  copy[key] = value;
  return copy;
}

function encodeString(v: unknown, encoding: string): Uint8Array {
  if (typeof v !== 'string') throw new EncodeError('BAD_VALUE', `expected a string, got ${typeof v}`);
  try {
    return strToBytes(v, encoding);
  } catch (e) {
    throw new EncodeError('BAD_VALUE', (e as Error).message);
  }
}

/**
 * A sized field's payload `data` run back through its process routine. When it has the bytes the
 * routine made of the field as read (`original`), with the same arguments, the bytes read are
 * written again: compression is not deterministic, but a value read and left alone writes back
 * byte for byte.
 */
function unprocess(
  routine: ProcessRoutine,
  name: string,
  data: Uint8Array,
  args: unknown[],
  original: Uint8Array | undefined,
): Uint8Array {
  const source = original && sourceOf(original, args);
  if (source !== undefined && bytesEq(data, original as Uint8Array)) return source;
  if (routine.encode === undefined)
    throw new EncodeError(
      'CANNOT_WRITE',
      `the process routine ${name} has no encode: its field cannot be written`,
    );
  return routine.encode(data, args);
}

const termBytes = (term: number | Uint8Array): Uint8Array =>
  typeof term === 'number' ? Uint8Array.of(term) : term;

const cannot = (message: string): EncodeError => new EncodeError('CANNOT_WRITE', message);

/**
 * The object a writer works on: a copy of `obj` (its own fields and hidden parts, on its prototype)
 * whose `_parent` and `_root` are the objects being written around it, so that expressions naming
 * them work on a plain object as on a decoded one; its `_io` while writing is `io` (the WIO slot:
 * its IO stays the stream a decoded object's instances read from).
 */
function writing(io: KsyWriter, obj: unknown, parent: object | undefined, root: object | undefined): object {
  const self = derive(objectOf(obj), PARENT, parent) as Record<symbol, unknown>;
  self[ROOT] = root ?? self;
  self[WIO] = io;
  return self;
}

/** An object's `_io` in a writer's expressions: the stream it is being written to, else the one it was read from. */
function ioOf(obj: unknown): unknown {
  const hidden = obj as Hidden;
  return hidden[WIO] ?? hidden[IO];
}

/**
 * A positional instance's value as the object holds it; undefined if it has none, fails on its
 * bytes, or is an object being written around it read again (the same type at the same place of
 * the same stream, as `cast_to_top`'s header under its own header).
 */
function held(self: object, id: string): unknown {
  let v: unknown;
  try {
    v = (self as Record<string, unknown>)[id];
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
  if (typeof v !== 'object' || v === null) return v;
  for (let p = self as Hidden | undefined; p !== undefined && p !== null; p = p[PARENT] as Hidden | undefined)
    if (readsAgain(v, p)) return undefined;
  return v;
}

/** How deep writers are nested now, and how deep they may go (a value that holds itself, a chain of instances). */
let depth = 0;
const MAX_DEPTH = 1000;

function enter(): void {
  if (++depth > MAX_DEPTH) {
    depth--;
    throw new EncodeError('TOO_DEEP', `objects nested deeper than ${MAX_DEPTH} levels`);
  }
}

function leave(): void {
  depth--;
}

/**
 * A writer's fault with its field added to the path. An expression that met a value the object
 * lacks (a field left out that a size names, a stream not being written) fails in JS as a
 * TypeError: it is an EncodeError here, like every other fault of a write.
 */
function writeFault(error: unknown, at: string, ix: number): unknown {
  const fault =
    error instanceof TypeError
      ? new EncodeError(
          'CANNOT_WRITE',
          `an expression needs a value the object does not give (${error.message})`,
        )
      : error;
  return withinField(fault, at, ix);
}

/** The bytes a decoded object was read from, when it has a stream of its own that has ended (a sized field's). */
function backgroundOf(obj: unknown): Uint8Array | undefined {
  const io = typeof obj === 'object' && obj !== null ? (obj as Hidden)[IO] : undefined;
  return io instanceof KsyStream && !io.open ? io.bytes : undefined;
}

/** What the writers (generate-write.ts) call, in generated code's `$`. */
export const writeHelpers = {
  Writer: KsyWriter,
  objectOf,
  listOf,
  bytesOf,
  fit,
  derive,
  writing,
  backgroundOf,
  held,
  ioOf,
  enter,
  leave,
  writeFault,
  encodeString,
  unprocess,
  termBytes,
  cannot,
};
