/**
 * StreamDecoder: records out of a stream of chunks, as they complete.
 *
 * Records that lie inside one chunk are decoded in place, by the compiled code, over that chunk
 * (a DataView per chunk, where it reads numbers). A small record that straddles chunks (a few
 * KiB) is copied, with the start of the chunk that completes it, into a buffer of the decoder's
 * own and decoded there by the compiled code (`#completeCopied`, `#writePending`, plain records'
 * carry). A larger one is decoded by the interpreter over the BufferChain of held bytes, where a
 * number is read through the chain's scratch and a byte field is copied only if it straddles
 * itself: it is not concatenated.
 *
 * Only the bytes of a record not complete yet are held: a chunk decoded in place is not kept, and
 * small pieces are copied into a buffer of the chain's own (`appendCopy`), so what is held is at
 * most about twice the record's bytes, however finely the input is cut.
 *
 * Linear time in any chunking: a record not complete yet reports the least number of bytes it
 * still needs (`needed`) and is not tried again before they have arrived; when it is, structs,
 * tuples and arrays go on from the elements the last attempt completed, and a delimiter search
 * from where it stopped (DecodeState `save`/`resume` and `scan`), so a record arriving a byte at a
 * time is not decoded again from its start at every byte. Offsets in records and errors are
 * absolute stream offsets.
 *
 * Errors: a DecodeError is raised after every record before it was passed to `emit`, and again by
 * any later call. `finish()` with bytes left over raises IncompleteError naming the offset and the
 * bytes missing.
 *
 * Modes: a protocol whose framing changes mid-stream (a handshake, then framed messages) passes a
 * `mode` hook, called after each record with that record, returning the codec for the records that
 * follow (or undefined to keep the current one). The bytes already held carry over to the new codec.
 * While a hook is in force records are decoded one at a time (it may switch after any of them); a
 * switch marked final (`{ codec, final: true }`: the framing changes no more) retires the hook, and
 * the compiled record loop takes over again.
 */
import { BufferChain } from '@stride/view';
import { keepShapes } from '@stride/view/shapes';
import { compiledLoop, compiledRead, compiling } from '../api/compile.js';
import { noProgress, readRecord } from '../api/run.js';
import { Codec, defineCodec } from '../core/codec.js';
import { DecodeState, NEED_MORE } from '../core/decode-state.js';
import type { CompiledLoop, CompiledRead } from '../core/gen.js';
import { type Limits, resolveLimits } from '../core/limits.js';
import { ChainSource, FlatSource } from '../core/source.js';
import { LimitError } from '../errors.js';
import { isPlain } from './plain.js';
import type { ByteStreamParser } from './stream-parser.js';

/** What `attempt` returns when the record is not complete yet. */
const PENDING: unique symbol = Symbol('stride.pending');

const EMPTY: Uint8Array = new Uint8Array(0);
/** The buffers pending records are sliced from. */
const SLAB_BYTES = 16 * 1024;

/** Held pieces shorter than this are copied into the chain's own buffer rather than kept. */
const COPY_BELOW = 4096;

/**
 * A record cut by a chunk's end whose least end (`needed`) lies closer than this is completed
 * speculatively (see `#writeSpeculative`).
 */
const SPECULATE_BELOW = 4096;

/**
 * Chunks up to this size, for a plain codec, are copied behind the carried start of a record
 * (`stage`) and decoded there, rather than in place: copying a TCP segment costs less than the
 * DataView a chunk needs (~80 ns, a C++ builtin), and a record cut by the chunk's start is then
 * whole in the stage, decoded in the same pass as the rest (bench `codec` chunked-stream-small:
 * ~60,000 chunks of 1..1,460 B). Larger chunks are decoded in place (the copy would cost more).
 */
const STAGE_BELOW = 4096;

export interface StreamLimits extends Limits {
  /**
   * The most bytes held for one record that is not complete yet (default: `maxRecordBytes`). Past
   * it the stream fails with a LimitError (`limit: 'maxBuffered'`) at the record's offset.
   */
  maxBuffered: number;
}

export interface StreamDecoderOptions<T = unknown> {
  /** Use the compiled fast path (default: see `configure`). */
  compile?: boolean;
  limits?: Partial<StreamLimits>;
  /**
   * Called after each record (before the next is decoded) with that record: returns the codec for
   * the records that follow, or undefined to keep the current one; `{ codec, final: true }` when
   * the framing changes no more (the hook is not called again, and records are decoded by the
   * compiled loop, which a hook in force rules out). For several codecs, name the union of their
   * values as T: `new StreamDecoder<Hello | Frame>(hello, { mode })`.
   */
  mode?: (record: T) => ModeSwitch<T> | undefined;
  /** What codecs read as `st.context` and dependent fields get, for every record (see `decode`'s). */
  context?: unknown;
}

/** What a mode hook returns to switch codecs: the codec, or the codec and that no switch follows. */
export type ModeSwitch<T> = Codec<T> | { readonly codec: Codec<T>; readonly final: true };

export class StreamDecoder<T> implements ByteStreamParser<T> {
  #codec!: Codec<T>;
  #compiled!: CompiledRead<T> | null;
  #loop!: CompiledLoop<T> | null;
  /**
   * A plain codec's record loop bounded by the source's end (null otherwise): it decodes the carried
   * record (`completeCarried`) and small chunks copied into `carry` (`writeStaged`), and every
   * chunk in place too, so those share one loop's type feedback.
   */
  #staged!: CompiledLoop<T> | null;
  /** The size of a plain codec's records, when a straddling one is copied (0: never). */
  #copyStraddling!: number;
  readonly #compile: boolean;
  /** The mode hook while it is in force (until it makes a final switch). */
  #mode: ((record: T) => ModeSwitch<T> | undefined) | undefined;
  /** A compiled record loop is running: `st.pos` is the end of the record being emitted. */
  #looping = false;
  readonly #chain = new BufferChain();
  readonly #flat = new FlatSource();
  readonly #copied = new FlatSource();
  /**
   * The start of a plain record cut by a chunk's end (`carried` bytes of it, at `this.#pos`): it is
   * completed from the next chunk and decoded by the compiled code here, and the chain is not used
   * (per-chunk costs dominate when a TCP segment holds a few dozen records). Its first record-size
   * bytes hold the carried record; once a chunk under STAGE_BELOW arrives it grows to take such a
   * chunk behind them (the stage, `writeStaged`). `carrySource` reads it: its DataView spans all
   * of it, so only bounded loops run on it.
   */
  #carry = new Uint8Array(0);
  readonly #carrySource = new FlatSource();
  #carried = 0;
  /**
   * The first `#pendingFill` bytes of a small record of any codec cut by a chunk's end, in a buffer
   * of its own sized by where the record ends (`wait`): completed from the next chunk and decoded
   * there by the compiled code, with no chain (bench pg datarow-small). Fresh for every record, so
   * byte fields may keep views of it. Empty (fill 0) when not in use; the chain then holds nothing.
   */
  #pending: Uint8Array = EMPTY;
  #pendingFill = 0;
  /** Where pending records' buffers are sliced from (see `#slice`). */
  #slab: Uint8Array = EMPTY;
  #slabUsed = 0;
  /** Reads the slab (its base and end set for each use): a DataView per slab, not per use. */
  readonly #slabSource = new FlatSource();
  /**
   * The first `#specFill` bytes of a record cut by a chunk's end, copied out of it, to be completed
   * speculatively (see `#writeSpeculative`); made on first use (a decoder per connection that
   * never needs it costs nothing). Fill 0 when not in use.
   */
  #spec: Uint8Array = EMPTY;
  #specFill = 0;
  /** Set by `#decodeIn` when the record at the chunk's end is one to speculate on, for `#keep`. */
  #speculating = false;
  /** Speculate on a record whose least end is closer than this (bounded by maxBuffered and maxRecordBytes). */
  readonly #speculateBelow: number;
  readonly #chained: ChainSource;
  readonly #st: DecodeState;
  /** Absolute offset of the next record. */
  #pos = 0;
  /** The chain must reach this absolute offset before the pending record is tried again. */
  #wait = 0;
  /** Times the pending record was copied out of the chain for the compiled code (see decodeChained). */
  #copies = 0;
  #failure: Error | undefined;
  #finished = false;
  readonly #maxBuffered: number;

  constructor(codec: Codec<T>, options: StreamDecoderOptions<T> = {}) {
    this.#compile = compiling(options.compile);
    this.#mode = options.mode;
    this.#use(codec);
    this.#chained = new ChainSource(this.#chain);
    const { maxBuffered, ...limits } = options.limits ?? {};
    this.#st = new DecodeState(this.#flat, resolveLimits(limits), options.context);
    this.#maxBuffered = maxBuffered ?? this.#st.limits.maxRecordBytes;
    if (!(this.#maxBuffered >= 0)) throw new RangeError(`maxBuffered must be >= 0, got ${maxBuffered}`);
    // A record that may go past either limit goes the usual way, where the limits are judged.
    this.#speculateBelow = Math.min(SPECULATE_BELOW, this.#maxBuffered + 1, this.#st.limits.maxRecordBytes);
  }

  /** The codec that decodes the next record. */
  get current(): Codec<T> {
    return this.#codec;
  }

  /**
   * Absolute stream offset of the next record (bytes delivered as records so far); while `emit`
   * runs, the offset just past the record being emitted.
   */
  get offset(): number {
    return this.#looping ? this.#st.pos : this.#pos;
  }

  /** Bytes held for a record not complete yet. */
  get buffered(): number {
    return this.#held() - this.#pos;
  }

  /** The least number of bytes the pending record still needs (0 when none is pending). */
  get needed(): number {
    return Math.max(0, this.#wait - this.#held());
  }

  /** Absolute offset just past the bytes received (what is held ends there). */
  #held(): number {
    return this.#chain.end + this.#carried + this.#pendingFill + this.#specFill;
  }

  /** Appends a chunk and passes every record it completed to `emit`, in order. */
  write(chunk: Uint8Array, emit: (record: T) => void): void {
    this.#check();
    if (this.#finished) throw new Error('StreamDecoder: write after finish()');
    const n = chunk.byteLength;
    if (n === 0) return;
    const chain = this.#chain;
    const start = this.#held();
    const deliver = this.#mode === undefined ? emit : this.#switching(emit);
    try {
      if (this.#specFill > 0) this.#writeSpeculative(chunk, start, deliver);
      else if (this.#pendingFill > 0) this.#writePending(chunk, start, deliver);
      else if (n < STAGE_BELOW && this.#staged !== null && this.#pos === chain.end) {
        // A small chunk of a plain codec's records, nothing held in the chain (see STAGE_BELOW).
        this.#writeStaged(chunk, deliver);
      } else {
        if (this.#carried > 0 && !this.#completeCarried(chunk, deliver)) return;
        if (this.#pos >= start) {
          // Nothing held from before: decode in place, and keep only what the chunk leaves over.
          this.#decodeRest(chunk, start, deliver);
        } else this.#writeHeld(chunk, start, deliver);
      }
      if (this.buffered > this.#maxBuffered) this.#overBuffered();
    } catch (e) {
      this.#failure = e as Error;
      throw e;
    }
  }

  /**
   * A small chunk for a plain codec, with nothing held in the chain: copied into the stage behind
   * the carried bytes, its records decoded there by the bounded loop, what is left of a record
   * carried (see STAGE_BELOW). A plain record reads only its own fixed bytes and keeps no view of
   * them, so decoding a copy is decoding the chunk.
   */
  #writeStaged(chunk: Uint8Array, emit: (record: T) => void): void {
    const k = this.#carried;
    const size = this.#copyStraddling;
    const n = chunk.byteLength;
    let stage: Uint8Array = this.#carry;
    if (stage.length < STAGE_BELOW + size) stage = this.#growStage();
    stage.set(chunk, k);
    const at = this.#pos;
    const filled = k + n;
    const src = this.#carrySource;
    src.base = at;
    src.end = at + filled;
    this.#carried = 0;
    this.#decodeIn(src, emit);
    const left = at + filled - this.#pos;
    if (left > 0) {
      // What decodeIn leaves is shorter than a record (or it raised): carry it at the start.
      if (this.#pos > at) stage.copyWithin(0, this.#pos - at, filled);
      this.#carried = left;
    }
    this.#chain.skip(this.#pos - this.#chain.end);
  }

  /**
   * When the held record waits for fewer bytes than `chunk` brings: holds only those, decodes the
   * record, and the rest of the chunk in place (a TCP segment that completes a message is not
   * copied into the chain whole); when it wants more after all, the rest is held as well. False
   * (nothing done) when the chunk does not go past what the record waits for.
   */
  #completeHeld(chunk: Uint8Array, start: number, emit: (record: T) => void): boolean {
    const chain = this.#chain;
    const need = this.#wait - chain.end;
    if (!(need > 0 && need < chunk.byteLength)) return false;
    this.#hold(chunk.subarray(0, need));
    this.#decodeChained(start, emit, false);
    if (this.#pos < chain.end) {
      // Still pending, or records that end inside what was held (a codec that looks ahead, as a
      // pointer does, waits for bytes past its record): the chunk is held whole after all.
      this.#hold(chunk.subarray(need));
      this.#decodeHeld(chunk, start, emit);
      return true;
    }
    // Every record that began in what was held is done: nothing held is needed.
    chain.consume(chain.end - chain.start);
    this.#decodeRest(chunk, start, emit);
    return true;
  }

  /** A chunk after a record held in the chain (the usual way): it completes the record, or is held too. */
  #writeHeld(chunk: Uint8Array, start: number, emit: (record: T) => void): void {
    const held = start - this.#pos;
    if (held <= chunk.byteLength && start + chunk.byteLength >= this.#wait && this.#speculates(this.#wait)) {
      // A small record and a chunk at least as long that reaches its least end (see #completeCopied).
      this.#completeCopied(this.#chain.segments(this.#pos, start), chunk, start, emit, true);
      return;
    }
    if (this.#completeHeld(chunk, start, emit)) return;
    this.#hold(chunk);
    this.#decodeHeld(chunk, start, emit);
  }

  /**
   * Decodes `chunk` (its first byte at `start`) in place from `this.#pos` on, nothing held before
   * that, and keeps what it leaves over.
   */
  #decodeRest(chunk: Uint8Array, start: number, emit: (record: T) => void): void {
    const chain = this.#chain;
    this.#decodeFlat(chunk, start, emit, true);
    chain.skip(this.#pos - chain.end);
    if (this.#pos < start + chunk.byteLength) this.#keep(chunk, this.#pos - start);
  }

  /**
   * The chunk after a record cut by a chunk's end whose least end is close (`#spec` holds its
   * bytes, copied out of the chunk): added to them while it does not reach that end, else the
   * record is completed speculatively (`#completeCopied`).
   */
  #writeSpeculative(chunk: Uint8Array, start: number, emit: (record: T) => void): void {
    const held = this.#specFill;
    if (start + chunk.byteLength < this.#wait) {
      // Not yet at the record's least end (which is within SPECULATE_BELOW, so this fits).
      this.#spec.set(chunk, held);
      this.#specFill = held + chunk.byteLength;
      return;
    }
    this.#specFill = 0;
    this.#completeCopied([this.#spec.subarray(0, held)], chunk, start, emit, false);
  }

  /**
   * Completes the record held (`held`: its bytes, in pieces; in the chain when `chained`) from
   * `chunk`, which reaches its least end: the held bytes and the chunk's first bytes (up to
   * SPECULATE_BELOW in all) are copied into the slab, one contiguous buffer, and the record is
   * decoded there, by the compiled code (or, where that fails but does not say it waits, by the
   * interpreter, which goes on from where its last try stopped, and raises the error or says what
   * the record waits for). Complete, it is emitted (its byte fields are views of the slab, which
   * is never written again there) and the rest of the chunk is decoded in place; else the chunk
   * is held in the chain with the record. Per TCP segment that ends inside a record of a text
   * protocol (whose least end is only ever a byte further: a delimiter may come next), this is a
   * copy of the segment and one compiled read, where the chain took the interpreter and the
   * exceptions that carry its `NeedMore` through every level, a try or two per segment. The held
   * bytes are copied only for a chunk at least as long (`#writeHeld`), so copying stays linear.
   */
  #completeCopied(
    held: readonly Uint8Array[],
    chunk: Uint8Array,
    start: number,
    emit: (record: T) => void,
    chained: boolean,
  ): void {
    const at = this.#pos;
    const n = chunk.byteLength;
    const length = start - at;
    const take = Math.min(n, SPECULATE_BELOW - length);
    const used = this.#room(length + take);
    const slab = this.#slab;
    let to = used;
    for (const piece of held) {
      slab.set(piece, to);
      to += piece.byteLength;
    }
    slab.set(take === n ? chunk : chunk.subarray(0, take), to);
    const src = this.#slabSource;
    src.base = at - used;
    src.end = start + take;
    this.#st.src = src;
    const chain = this.#chain;
    while (this.#pos < start) {
      const value = this.#attempt(this.#compiled);
      if (value === PENDING) {
        // The interpreter may have saved progress holding views of the slab: keep it all.
        this.#slabUsed = used + length + take;
        if (chained) chain.consume(this.#pos - chain.start);
        else {
          chain.skip(this.#pos - chain.end);
          chain.appendCopy(slab.subarray(used + this.#pos - at, used + length));
        }
        this.#hold(chunk);
        this.#decodeHeld(chunk, start, emit);
        return;
      }
      emit(value);
    }
    // Records emitted hold views of the slab up to here; the rest of it may be used again.
    this.#slabUsed = used + Math.min(this.#pos - at, length + take);
    if (chained) chain.consume(chain.end - chain.start);
    this.#decodeRest(chunk, start, emit);
  }

  /** The offset in the slab of `n` bytes to write at (not yet taken: see `#slabUsed`); a new slab when it lacks room. */
  #room(n: number): number {
    if (this.#slabUsed + n > this.#slab.length) {
      this.#slab = new Uint8Array(Math.max(SLAB_BYTES, n));
      this.#slabUsed = 0;
      this.#slabSource.reset(this.#slab, 0, false);
    }
    return this.#slabUsed;
  }

  /** With `chunk` held (its first byte at `start`): the held record once it can be tried, then the rest of the chunk in place. */
  #decodeHeld(chunk: Uint8Array, start: number, emit: (record: T) => void): void {
    const chain = this.#chain;
    if (chain.end < this.#wait) return;
    this.#decodeChained(start, emit, false);
    if (this.#pos >= start) this.#decodeFlat(chunk, start, emit);
    chain.consume(this.#pos - chain.start);
  }

  /** Makes `carry` the stage (record size + STAGE_BELOW bytes), keeping the carried bytes. */
  #growStage(): Uint8Array {
    const stage = new Uint8Array(STAGE_BELOW + this.#copyStraddling);
    stage.set(this.#carry.subarray(0, this.#carried));
    this.#carry = stage;
    // Not final: a record cut by a small chunk's end waits for the rest (NEED_MORE).
    this.#carrySource.reset(stage, 0, false);
    return stage;
  }

  /** Completes the carried plain record from `chunk` and emits it; false when the chunk is too short (and was carried too). */
  #completeCarried(chunk: Uint8Array, emit: (record: T) => void): boolean {
    const k = this.#carried;
    const size = this.#copyStraddling;
    if (chunk.byteLength < size - k) {
      this.#carry.set(chunk, k);
      this.#carried = k + chunk.byteLength;
      return false;
    }
    for (let i = k; i < size; i++) this.#carry[i] = chunk[i - k] as number;
    this.#carried = 0;
    const src = this.#carrySource;
    const at = this.#pos;
    src.base = at;
    src.end = at + size;
    const st = this.#st;
    st.src = src;
    const loop = this.#staged;
    if (loop !== null) {
      // The record loop over the carry buffer (up to the record's end): one call, where
      // attempt -> readRecord -> the compiled read cost about a tenth of the time on TCP-segment
      // sized chunks, where every chunk completes one (bench `codec` chunked-stream-small).
      // The chain's offsets are moved on by write(), which always decodes the chunk in place next.
      st.pos = at;
      let n = 0;
      this.#looping = true;
      try {
        n = loop(st, emit);
      } finally {
        this.#looping = false;
        this.#pos = st.pos;
      }
      if (n === 1) return true;
    }
    // No loop (a mode hook) or it stopped: one record, which raises what the interpreter finds.
    const value = this.#attempt(this.#compiled) as T;
    emit(value);
    return true;
  }

  /** Keeps what a chunk decoded in place leaves over (from `from` on): carried when it starts a plain record, else held. */
  #keep(chunk: Uint8Array, from: number): void {
    const n = chunk.byteLength - from;
    const carry = this.#carry;
    if (this.#speculating) {
      this.#speculating = false;
      if (this.#spec.length === 0) this.#spec = new Uint8Array(SPECULATE_BELOW);
      this.#spec.set(from === 0 ? chunk : chunk.subarray(from), 0);
      this.#specFill = n;
    } else if (n < this.#copyStraddling) {
      // A byte loop: a few dozen bytes, where a subarray for `set` would cost more.
      for (let i = 0; i < n; i++) carry[i] = chunk[from + i] as number;
      this.#carried = n;
      this.#wait = this.#pos + this.#copyStraddling;
    } else if (this.#wait > this.#pos + n && this.#wait - this.#pos < COPY_BELOW && this.#compiled !== null) {
      const pending = this.#slice(this.#wait - this.#pos);
      for (let i = 0; i < n; i++) pending[i] = chunk[from + i] as number;
      this.#pending = pending;
      this.#pendingFill = n;
    } else this.#hold(chunk.subarray(from));
  }

  /**
   * `n` fresh bytes for a pending record: a slice of a larger buffer, which is never written
   * again once handed out (so views into it stay valid), because a small Uint8Array of its own
   * costs an allocation of its backing store.
   */
  #slice(n: number): Uint8Array {
    const used = this.#room(n);
    this.#slabUsed = used + n;
    return this.#slab.subarray(used, used + n);
  }

  /**
   * A chunk for the pending record (see `#pending`): fills it; once full, decodes it, then the rest
   * of the chunk in place. A record longer than its wait said goes to the chain with the chunk.
   */
  #writePending(chunk: Uint8Array, start: number, emit: (record: T) => void): void {
    const pending = this.#pending;
    const k = this.#pendingFill;
    const n = chunk.byteLength;
    const need = pending.length - k;
    if (n < need) {
      pending.set(chunk, k);
      this.#pendingFill = k + n;
      return;
    }
    pending.set(n === need ? chunk : chunk.subarray(0, need), k);
    this.#pendingFill = 0;
    this.#pending = EMPTY;
    const chain = this.#chain;
    const at = this.#pos;
    this.#st.src = this.#copied.reset(pending, at, false);
    const value = this.#attempt(this.#compiled);
    if (value !== PENDING) emit(value);
    if (this.#pos < start + need) {
      // Longer than its wait said, or shorter (a codec that looks past its record, as a pointer
      // does): what is left of the buffer goes to the chain with the chunk, as any held bytes.
      chain.skip(this.#pos - chain.end);
      chain.appendCopy(pending.subarray(this.#pos - at));
      if (need < n) this.#hold(chunk.subarray(need));
      this.#decodeHeld(chunk, start, emit);
      return;
    }
    chain.skip(this.#pos - chain.end);
    this.#decodeRest(chunk, start, emit);
  }

  /** Keeps `bytes` for the record not complete yet: by reference when large, else copied and packed. */
  #hold(bytes: Uint8Array): void {
    if (bytes.byteLength < COPY_BELOW) this.#chain.appendCopy(bytes);
    else this.#chain.append(bytes);
  }

  #overBuffered(): never {
    const held = this.#chain.length + this.#carried + this.#pendingFill + this.#specFill;
    const offset = this.#pos;
    throw new LimitError(
      'maxBuffered',
      `${held} bytes held for the record at offset ${offset} exceed maxBuffered (${this.#maxBuffered}); raise the limit if records this large are legitimate`,
      { offset, expected: `at most ${this.#maxBuffered} bytes held`, actual: `${held} bytes` },
    );
  }

  /** Ends the stream: decodes what the end of input settles (`toEnd` arrays) and checks nothing is left. */
  finish(emit: (record: T) => void): void {
    this.#check();
    if (this.#finished) return;
    this.#finished = true;
    const deliver = this.#mode === undefined ? emit : this.#switching(emit);
    try {
      if (this.#pendingFill > 0) {
        this.#chain.appendCopy(this.#pending.subarray(0, this.#pendingFill));
        this.#pendingFill = 0;
        this.#pending = EMPTY;
      }
      if (this.#specFill > 0) {
        this.#chain.appendCopy(this.#spec.subarray(0, this.#specFill));
        this.#specFill = 0;
      }
      if (this.#carried > 0) {
        this.#chain.appendCopy(this.#carry.subarray(0, this.#carried));
        this.#carried = 0;
      }
      if (this.#pos < this.#chain.end) this.#decodeChained(this.#chain.end, deliver, true);
    } catch (e) {
      this.#failure = e as Error;
      throw e;
    }
  }

  /** Decodes records over the chain while they begin before `until` (they straddle into later chunks). */
  #decodeChained(until: number, emit: (record: T) => void, final: boolean): void {
    while (this.#pos < until) {
      const at = this.#pos;
      const size = this.#copyStraddling;
      let value: T | typeof PENDING;
      if (size > 0 && this.#chain.end - at >= size) {
        // A plain record (see plain.ts): copy its bytes (it straddles, so subarray copies) and
        // decode them with the compiled code, so it is built like every other record.
        this.#st.src = this.#copied.reset(this.#chain.subarray(at, at + size), at, true);
        value = this.#attempt(this.#compiled);
      } else if (
        !final &&
        this.#wait > at &&
        this.#wait - at < COPY_BELOW &&
        this.#copies < 2 &&
        this.#compiled !== null
      ) {
        // A small record whose bytes have arrived, as far as its last attempt could tell
        // (`needed`: a length-prefixed message says its whole length): what is held of it (up to
        // COPY_BELOW bytes) is copied out of the chain and decoded by the compiled code, not the
        // interpreter over the chain (bench pg datarow-small: most TCP segments end inside a
        // message). The copy is fresh, so byte fields may keep views of it; a larger record keeps
        // its fields as views of large held pieces. At most twice per record, so copying stays
        // linear; when the copy was too short after all, the record is tried again at once.
        this.#copies++;
        const end = Math.min(this.#chain.end, at + COPY_BELOW);
        this.#st.src = this.#copied.reset(this.#chain.subarray(at, end), at, false);
        value = this.#attempt(this.#compiled);
        if (value === PENDING && this.#chain.end >= this.#wait) continue;
      } else {
        this.#st.src = this.#chained.sync(final);
        value = this.#attempt(null);
      }
      if (value === PENDING) return;
      emit(value);
    }
  }

  /**
   * Decodes records in place in `chunk` (whose first byte is at absolute offset `base`), from
   * `this.#pos`. `speculate`: what it leaves over is kept (`#keep`), and a record cut by its end
   * may be completed speculatively (`#writeSpeculative`).
   */
  #decodeFlat(chunk: Uint8Array, base: number, emit: (record: T) => void, speculate = false): void {
    this.#decodeIn(this.#flat.reset(chunk, base, false), emit, speculate);
  }

  /** Decodes records from `this.#pos` on in `src` (a chunk, or the stage), up to its end. */
  #decodeIn(src: FlatSource, emit: (record: T) => void, speculate = false): void {
    this.#st.src = src;
    const end = src.end;
    const loop = this.#staged ?? this.#loop;
    if (loop !== null) {
      const st = this.#st;
      st.pos = this.#pos;
      st.cutAt = 0;
      st.needAt = 0;
      this.#looping = true;
      try {
        loop(st, emit);
      } finally {
        this.#looping = false;
        this.#pos = st.pos;
      }
      // The loop stopped at a record whose outermost section runs past the chunk (see
      // DecodeState.cutAt): wait for its end without decoding it again to learn that.
      const cut = st.cutAt;
      if (cut > end && !src.final && cut - this.#pos <= st.limits.maxRecordBytes) {
        this.#wait = cut;
        return;
      }
      // It stopped where the interpreter would wait too (DecodeState.needAt): no try of it to learn that.
      const need = st.needAt;
      if (need > end && !src.final && need - this.#pos <= st.limits.maxRecordBytes) {
        this.#wait = need;
        this.#speculating = speculate && this.#speculates(need);
        return;
      }
    }
    while (this.#pos < end) {
      // A fixed-size record cut by the chunk's end: wait for the rest without trying it.
      const size = this.#codec.size;
      if (size !== undefined && end - this.#pos < size && size <= this.#st.limits.maxRecordBytes) {
        this.#wait = this.#pos + size;
        return;
      }
      const value = this.#attempt(this.#compiled);
      if (value === PENDING) {
        this.#speculating = speculate && this.#speculates(this.#wait);
        return;
      }
      emit(value);
    }
  }

  /**
   * Whether the record at `this.#pos`, cut by a chunk's end and waiting for the input to reach
   * `wait`, is completed speculatively (`#writeSpeculative`): when that is close, for a codec whose
   * records may hold views (a plain one's are carried) and that is compiled.
   */
  #speculates(wait: number): boolean {
    return wait - this.#pos < this.#speculateBelow && this.#copyStraddling === 0 && this.#compiled !== null;
  }

  /**
   * One record at `this.#pos` (compiled when `compiled` is given, which only runs on a FlatSource),
   * or PENDING when the input ends inside it and more may come.
   */
  #attempt(compiled: CompiledRead<T> | null): T | typeof PENDING {
    const st = this.#st;
    const at = this.#pos;
    let value: T;
    try {
      value = readRecord(this.#codec, compiled, st, at);
    } catch (e) {
      if (e === NEED_MORE) {
        this.#wait = st.src.end + NEED_MORE.needed;
        return PENDING;
      }
      throw e;
    }
    if (st.pos === at) throw noProgress(at);
    st.forget();
    this.#pos = st.pos;
    this.#copies = 0;
    return value;
  }

  /** Makes `codec` decode the records from here on. */
  #use(codec: Codec<T>): void {
    this.#codec = codec;
    this.#compiled = this.#compile ? compiledRead(codec) : null;
    // With a mode hook, each record is followed by a call to it, so records are decoded one at a
    // time (still compiled) rather than by the generated loop over the whole chunk.
    this.#loop = this.#compile && this.#mode === undefined ? compiledLoop(codec) : null;
    this.#copyStraddling =
      this.#compiled !== null && isPlain(codec) && (codec.size ?? 0) <= 256 ? (codec.size ?? 0) : 0;
    this.#staged = this.#loop !== null && this.#copyStraddling > 0 ? compiledLoop(codec, true) : null;
    const size = this.#copyStraddling;
    if (this.#carry.length !== size && this.#carry.length !== STAGE_BELOW + size) {
      this.#carry = new Uint8Array(size);
      this.#carrySource.reset(this.#carry, 0, true);
    }
  }

  /** `emit`, then the mode hook while it is in force, switching codecs when it names another one. */
  #switching(emit: (record: T) => void): (record: T) => void {
    return (record) => {
      emit(record);
      const mode = this.#mode;
      if (mode === undefined) return;
      const next = mode(record);
      if (next === undefined) return;
      if (next instanceof Codec) {
        if (next !== this.#codec) this.#use(next);
        return;
      }
      this.#mode = undefined;
      this.#use(next.codec);
    };
  }

  #check(): void {
    if (this.#failure) throw this.#failure;
  }
}

// A decoder per connection must not start cold (see @stride/view/shapes).
keepShapes(
  new StreamDecoder(defineCodec<number>({ size: 1, read: (st) => st.u8(), write: (w, v) => w.u8(v) })),
);
