/**
 * KsyStream: what a .ksy calls `_io`, the bytes a type reads from, with Kaitai's operations (integers
 * and floats of either byte order, bit fields in either bit order, bytes by count, to the end or to a
 * terminator, `seek`, `pos`, `size`, `eof`) and its rules (a read past the end is an EndOfStreamError;
 * `seek` past the end is clamped). A type read with `size` gets a substream: its own positions from 0
 * over a window of the same array (no copy, no view made), `base` keeping the absolute offset of its
 * first byte for errors.
 *
 * `open`: the stream is the front of a longer input still arriving (a record being streamed): a read
 * past its end is then a `Short` with the bytes still needed, which the stream driver waits on,
 * instead of the end of the data. (Not an Error: it is thrown at the end of about every chunk and
 * caught at once, where an error's stack trace would cost more than the records.)
 */
import { KsyDecodeError } from '../errors.js';

const TWO_32 = 0x1_0000_0000;

/** An open stream ran out: `needed` more bytes at least (see the module comment). */
export class Short {
  constructor(readonly needed: number) {}

  /** What only the end of the input answers (an open stream's size, its rest): wait for `finish`. */
  static readonly END = new Short(Number.POSITIVE_INFINITY);
}

export class KsyStream {
  /** The array the stream's bytes lie in, from `#from` on, `#len` of them (a window: no view of its own). */
  #buf: Uint8Array;
  #from = 0;
  #len: number;
  /** `#buf`'s ArrayBuffer and where `#buf` starts in it, once asked (the getters cost more than a view). */
  #ab: ArrayBufferLike | undefined;
  #abAt = 0;
  /** Absolute offset of the stream's first byte in the whole input. */
  readonly base: number;
  #open: boolean;
  pos = 0;
  /** Bits read from the last byte and not yet used, and how many (0..7). */
  bits = 0;
  bitsLeft = 0;
  #view: DataView | undefined;
  /** Where the stream's first byte is in `#view` (a view shared with the stream's neighbours, see the constructor). */
  #at = 0;

  /**
   * `view`: a DataView over a larger run of bytes that `bytes` starts `viewOffset` into — the records
   * of one chunk each get a stream of their own without a DataView each.
   */
  constructor(bytes: Uint8Array, base = 0, open = false, view?: DataView, viewOffset = 0) {
    this.#buf = bytes;
    this.#len = bytes.length;
    this.base = base;
    this.#open = open;
    this.#view = view;
    this.#at = viewOffset;
  }

  /** The stream's bytes (of an open stream: those received so far). */
  get bytes(): Uint8Array {
    const b = this.#buf;
    return this.#from === 0 && this.#len === b.length ? b : b.subarray(this.#from, this.#from + this.#len);
  }

  /** How many bytes the stream holds (`bytes.length`, without making the array). */
  get length(): number {
    return this.#len;
  }

  /** More input may follow `bytes` (see the module comment). */
  get open(): boolean {
    return this.#open;
  }

  /** An open stream's bytes, now more of them (the same bytes first, at the same positions). */
  grow(bytes: Uint8Array): void {
    this.#buf = bytes;
    this.#from = 0;
    this.#len = bytes.length;
    this.#view = undefined;
    this.#ab = undefined;
  }

  /** No more input: the stream ends after its first `length` bytes (by default, all it has). */
  close(length = this.#len): void {
    this.#len = Math.min(length, this.#len);
    this.#open = false;
  }

  /** The stream's size (of an open stream: not known yet, a Short until it ends). */
  get size(): number {
    if (this.#open) throw Short.END;
    return this.#len;
  }

  /** Whether nothing is left (at the end of what an open stream holds: not known yet, a Short). */
  get eof(): boolean {
    if (this.pos < this.#len) return false;
    if (this.#open) this.#short(this.pos, 1);
    return this.bitsLeft === 0;
  }

  /** A DataView over the bytes (generated code reads runs of fixed-size fields from it). */
  get view(): DataView {
    return this.#view ?? this.#makeView();
  }

  /** Where the stream's first byte is in `view`. */
  get viewOffset(): number {
    if (this.#view === undefined) this.#makeView();
    return this.#at;
  }

  /** A DataView of the array the bytes lie in (shared by the substreams cut from it), made on the first read that needs one. */
  #makeView(): DataView {
    const b = this.#buf;
    this.#at = this.#from;
    this.#view = new DataView(b.buffer, b.byteOffset, b.length);
    return this.#view;
  }

  /**
   * A stream over `n` of this one's bytes from `at` (positions from 0 there, `base` where they lie
   * in the input): the same array and DataView, no copy and no view of its own. `open`: more of
   * them may follow (the records of a chunk, see KsyRecordReader).
   */
  window(at: number, n: number, open = false): KsyStream {
    const s = new KsyStream(this.#buf, this.base + at, open);
    s.#from = this.#from + at;
    s.#len = n;
    s.#ab = this.#ab ?? this.#buffer();
    s.#abAt = this.#abAt;
    if (this.#view !== undefined) {
      s.#view = this.#view;
      s.#at = this.#at + at;
    }
    return s;
  }

  /** The next `n` bytes as a stream of their own (a type read with `size`). */
  substream(n: number): KsyStream {
    return this.window(this.take(n), n);
  }

  /** The rest of the stream as a stream of its own (a type read with `size-eos`; see readFull). */
  substreamRest(): KsyStream {
    if (this.#open) throw Short.END;
    return this.substream(this.#len - this.pos);
  }

  /** A view of the bytes from `from` to `to` (the array's own constructor: faster than subarray). */
  #slice(from: number, to: number): Uint8Array {
    const ab = this.#ab ?? this.#buffer();
    return new Uint8Array(ab, this.#abAt + this.#from + from, to - from);
  }

  #buffer(): ArrayBufferLike {
    const b = this.#buf;
    this.#abAt = b.byteOffset;
    this.#ab = b.buffer;
    return this.#ab;
  }

  seek(pos: number): void {
    this.pos = Number.isFinite(pos) ? Math.max(0, Math.min(this.#open ? pos : this.#len, pos)) : 0;
  }

  /** Reserves `n` bytes; returns where they start. */
  take(n: number): number {
    const at = this.pos;
    if (at + n > this.#len || n < 0) this.#short(at, n);
    this.pos = at + n;
    return at;
  }

  #short(at: number, n: number): never {
    const left = Math.max(0, this.#len - at);
    if (this.#open) throw new Short(n - left);
    throw new KsyDecodeError('END_OF_STREAM', `requested ${n} bytes, but only ${left} bytes available`, {
      offset: this.base + at,
    });
  }

  u1(): number {
    return this.#buf[this.#from + this.take(1)] as number;
  }
  s1(): number {
    return ((this.#buf[this.#from + this.take(1)] as number) << 24) >> 24;
  }
  u2le(): number {
    return (this.#view ?? this.#makeView()).getUint16(this.#at + this.take(2), true);
  }
  u2be(): number {
    return (this.#view ?? this.#makeView()).getUint16(this.#at + this.take(2), false);
  }
  s2le(): number {
    return (this.#view ?? this.#makeView()).getInt16(this.#at + this.take(2), true);
  }
  s2be(): number {
    return (this.#view ?? this.#makeView()).getInt16(this.#at + this.take(2), false);
  }
  u4le(): number {
    return (this.#view ?? this.#makeView()).getUint32(this.#at + this.take(4), true);
  }
  u4be(): number {
    return (this.#view ?? this.#makeView()).getUint32(this.#at + this.take(4), false);
  }
  s4le(): number {
    return (this.#view ?? this.#makeView()).getInt32(this.#at + this.take(4), true);
  }
  s4be(): number {
    return (this.#view ?? this.#makeView()).getInt32(this.#at + this.take(4), false);
  }
  u8le(): bigint {
    return (this.#view ?? this.#makeView()).getBigUint64(this.#at + this.take(8), true);
  }
  u8be(): bigint {
    return (this.#view ?? this.#makeView()).getBigUint64(this.#at + this.take(8), false);
  }
  s8le(): bigint {
    return (this.#view ?? this.#makeView()).getBigInt64(this.#at + this.take(8), true);
  }
  s8be(): bigint {
    return (this.#view ?? this.#makeView()).getBigInt64(this.#at + this.take(8), false);
  }
  f4le(): number {
    return (this.#view ?? this.#makeView()).getFloat32(this.#at + this.take(4), true);
  }
  f4be(): number {
    return (this.#view ?? this.#makeView()).getFloat32(this.#at + this.take(4), false);
  }
  f8le(): number {
    return (this.#view ?? this.#makeView()).getFloat64(this.#at + this.take(8), true);
  }
  f8be(): number {
    return (this.#view ?? this.#makeView()).getFloat64(this.#at + this.take(8), false);
  }

  /** `n` bytes: a view, not a copy. */
  read(n: number): Uint8Array {
    const at = this.take(n);
    return this.#slice(at, at + n);
  }

  /** The rest of the stream (`size-eos`). In an open stream the rest is not known yet: wait for its end. */
  readFull(): Uint8Array {
    if (this.#open) throw Short.END;
    return this.read(this.#len - this.pos);
  }

  /**
   * Bytes up to a terminator (one byte, or a sequence read in units of its length, as UTF-16's two
   * zero bytes): `include` keeps it in the value, `consume` moves past it; at the end without one,
   * the rest when `eosError` is false, else END_OF_STREAM.
   */
  readTerm(term: number | Uint8Array, include: boolean, consume: boolean, eosError: boolean): Uint8Array {
    const b = this.#buf;
    const base = this.#from;
    const end = this.#len;
    const from = this.pos;
    const unit = typeof term === 'number' ? 1 : term.length;
    let i = from;
    for (; i + unit <= end; i += unit) if (matches(b, base + i, term)) break;
    if (i + unit > end) {
      if (this.#open) this.#short(end, unit);
      if (eosError)
        throw new KsyDecodeError(
          'END_OF_STREAM',
          `end of stream reached, but no terminator ${show(term)} found`,
          {
            offset: this.base + from,
          },
        );
      this.pos = end;
      return this.#slice(from, end);
    }
    this.pos = consume ? i + unit : i;
    return this.#slice(from, include ? i + unit : i);
  }

  alignToByte(): void {
    this.bits = 0;
    this.bitsLeft = 0;
  }

  /** An unsigned integer of `n` bits (1..64), most significant bit first; past 32 bits a bigint. */
  bitsBe(n: number): number | bigint {
    if (n > 32) {
      const high = this.#bitsBe32(n - 32);
      const low = this.#bitsBe32(32);
      return (BigInt(high) << 32n) | BigInt(low);
    }
    return this.#bitsBe32(n);
  }

  /** An unsigned integer of `n` bits (1..64), least significant bit first; past 32 bits a bigint. */
  bitsLe(n: number): number | bigint {
    if (n > 32) {
      const low = this.#bitsLe32(32);
      const high = this.#bitsLe32(n - 32);
      return (BigInt(high) << 32n) | BigInt(low);
    }
    return this.#bitsLe32(n);
  }

  // Kaitai's readBitsIntBe / readBitsIntLe, kept exact to 32 bits with floating arithmetic.
  #bitsBe32(n: number): number {
    if (n <= 24) return this.#bitsBe24(n);
    const needed = n - this.bitsLeft;
    let res: number;
    const bitsLeft = -needed & 7;
    if (needed > 0) {
      const count = ((needed - 1) >> 3) + 1;
      const at = this.take(count);
      let raw = 0;
      for (let i = 0; i < count; i++) raw = raw * 256 + (this.#buf[this.#from + at + i] as number);
      // raw has up to 40 bits: keep the top `needed` bits, then put the held bits above them.
      const keep = Math.floor(raw / 2 ** bitsLeft);
      res = this.bits * 2 ** needed + keep;
      this.bits = raw % 2 ** bitsLeft;
    } else {
      res = Math.floor(this.bits / 2 ** -needed);
      this.bits = this.bits % 2 ** bitsLeft;
    }
    this.bitsLeft = bitsLeft;
    return res % TWO_32;
  }

  /** #bitsBe32 for up to 24 bits (most bit fields), in 32-bit integer operations. */
  #bitsBe24(n: number): number {
    const needed = n - this.bitsLeft;
    const bitsLeft = -needed & 7;
    let res: number;
    if (needed > 0) {
      const count = ((needed - 1) >> 3) + 1;
      const at = this.take(count);
      const b = this.#buf;
      const from = this.#from + at;
      let raw = 0;
      for (let i = 0; i < count; i++) raw = (raw << 8) | (b[from + i] as number);
      res = (this.bits << needed) | (raw >>> bitsLeft);
      this.bits = raw & ((1 << bitsLeft) - 1);
    } else {
      res = this.bits >>> -needed;
      this.bits &= (1 << bitsLeft) - 1;
    }
    this.bitsLeft = bitsLeft;
    return res;
  }

  /** A stream of `bytes` that were read from this one (a substream), sharing its DataView when it can. */
  sub(bytes: Uint8Array, base: number): KsyStream {
    const view = this.#view;
    if (view !== undefined && bytes.buffer === view.buffer && bytes.byteOffset >= view.byteOffset)
      return new KsyStream(bytes, base, false, view, bytes.byteOffset - view.byteOffset);
    return new KsyStream(bytes, base);
  }

  #bitsLe32(n: number): number {
    const needed = n - this.bitsLeft;
    let res: number;
    if (needed > 0) {
      const count = ((needed - 1) >> 3) + 1;
      const at = this.take(count);
      let raw = 0;
      for (let i = count - 1; i >= 0; i--) raw = raw * 256 + (this.#buf[this.#from + at + i] as number);
      res = (raw % 2 ** needed) * 2 ** this.bitsLeft + this.bits;
      this.bits = Math.floor(raw / 2 ** needed);
    } else {
      res = this.bits % 2 ** n;
      this.bits = Math.floor(this.bits / 2 ** n);
    }
    this.bitsLeft = -needed & 7;
    return res;
  }
}

function matches(b: Uint8Array, at: number, term: number | Uint8Array): boolean {
  if (typeof term === 'number') return b[at] === term;
  for (let k = 0; k < term.length; k++) if (b[at + k] !== term[k]) return false;
  return true;
}

function show(term: number | Uint8Array): string {
  return typeof term === 'number' ? String(term) : `[${[...term].join(', ')}]`;
}

/** `data` without the `pad` bytes at its end (`pad-right`). */
export function stripRight(data: Uint8Array, pad: number): Uint8Array {
  let n = data.length;
  while (n > 0 && data[n - 1] === pad) n--;
  return data.subarray(0, n);
}

/**
 * `data` up to its first terminator (`terminator` on a sized field), which `include` keeps; without
 * one, `data` with its `pad` bytes stripped from the end (-1: none).
 */
export function terminate(
  data: Uint8Array,
  term: number | Uint8Array,
  include: boolean,
  pad = -1,
): Uint8Array {
  const unit = typeof term === 'number' ? 1 : term.length;
  for (let i = 0; i + unit <= data.length; i += unit)
    if (matches(data, i, term)) return data.subarray(0, include ? i + unit : i);
  return pad < 0 ? data : stripRight(data, pad);
}
