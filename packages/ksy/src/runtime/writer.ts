/**
 * KsyWriter: the bytes a description writes, the inverse of KsyStream's reads. Each write checks
 * its value first (an integer of the field's width and sign, a boolean for `b1`, a Uint8Array for
 * bytes) and refuses anything else with an EncodeError naming what was expected, so only typed
 * errors come out of encoding, whatever the object holds.
 */
import { EncodeError } from '@stride/codec';
import { PARENT, ROOT } from '../compile/slots.js';
import { strToBytes } from '../expr/encodings.js';
import type { ProcessRoutine } from './process.js';

const TWO_64 = 1n << 64n;

function describe(v: unknown): string {
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
  #buffer = new Uint8Array(256);
  #view = new DataView(this.#buffer.buffer);
  #length = 0;
  /** Bits written and not yet a whole byte, and how many (0..7). */
  #bits = 0;
  #bitCount = 0;
  #bitsLe = false;

  get pos(): number {
    return this.#length;
  }

  #room(n: number): number {
    this.alignToByte();
    const at = this.#length;
    if (at + n > this.#buffer.length) {
      const next = new Uint8Array(Math.max(2 * this.#buffer.length, at + n));
      next.set(this.#buffer.subarray(0, at));
      this.#buffer = next;
      this.#view = new DataView(next.buffer);
    }
    this.#length = at + n;
    return at;
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

  /** What was written (a partial byte completed). */
  result(): Uint8Array {
    this.alignToByte();
    return this.#buffer.slice(0, this.#length);
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

function unprocess(routine: ProcessRoutine, name: string, data: Uint8Array, args: unknown[]): Uint8Array {
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
 * them work on a plain object as on a decoded one.
 */
function writing(obj: unknown, parent: object | undefined, root: object | undefined): object {
  const self = derive(objectOf(obj), PARENT, parent) as Record<symbol, unknown>;
  self[ROOT] = root ?? self;
  return self;
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
  encodeString,
  unprocess,
  termBytes,
  cannot,
};
