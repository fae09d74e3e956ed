/**
 * The streaming PNG reader, a ByteStreamParser (codec's streaming-parser shape): write the bytes as
 * they come, in any pieces, and `finish` at the end; it emits every chunk in order, streams the
 * data of chunks too large to hold, and checks the rules as it goes. It never allocates by a length
 * field it has not checked, and never holds more than one chunk of at most `limits.maxChunkBytes`.
 *
 * As codec's StreamDecoder: what an input piece completes is read in place in that piece (so a chunk
 * lying in one piece is handed out as a view of it), and only the bytes of a chunk not complete yet
 * are held: large pieces by reference, small ones copied and packed into the held chain's own
 * buffer (`appendCopy`), so a chunk arriving a byte at a time is held in at most about twice its
 * size. A piece arriving while bytes are held gives the held chain only what the waiting step needs;
 * the rest is again read in place. Each piece costs O(1) plus the bytes it completes: nothing is
 * read again from the chunk's start.
 */

import { crc32 } from 'node:zlib';
import { type ByteStreamParser, DecodeError, IncompleteError } from '@stride/codec';
import { BufferChain } from '@stride/view';
import { keepShapes } from '@stride/view/shapes';
import type { PngEvent } from '../chunk/events.js';
import { PngError, type PngWarningCode } from '../errors.js';
import { decodeChunkFields, type FieldContext, type Ihdr, isKnownChunkType } from '../fields/index.js';
import { ImageDataCheck } from '../image-data/index.js';
import { type PngLimits, resolvePngLimits } from '../limits.js';
import { ChunkRules } from '../rules/chunk-rules.js';
import {
  crcDetail,
  crcError,
  lengthError,
  signatureError,
  signatureMismatch,
  typeError,
} from './framing-errors.js';
import type { PngReadOptions } from './options.js';
import { type ChunkType, typeOf } from './type-cache.js';

enum State {
  Signature,
  /** Waiting for a chunk's length and type. */
  Header,
  /** Waiting for the rest of a chunk held whole. */
  Body,
  /** Passing on the data of a chunk over maxChunkBytes as it arrives. */
  Streaming,
  /** The streamed chunk's data is done; waiting for its CRC. */
  StreamCrc,
  /** IEND was read; the rest is counted, not parsed. */
  AfterIend,
}

const MAX_LENGTH = 0x7fffffff;
/** Held pieces shorter than this are copied into the chain's own buffer rather than kept (as StreamDecoder). */
const COPY_BELOW = 4096;
const NO_TYPE: ChunkType = {
  name: '',
  critical: false,
  private: false,
  reserved: false,
  safeToCopy: false,
  crc: 0,
};

/** What the rules read from fields the reader decodes (structural, so they hold for any field type). */
type Plte = { entries: readonly unknown[] };
type Actl = { numFrames: number };
type Fctl = { sequenceNumber: number; width: number; height: number; xOffset: number; yOffset: number };
type Fdat = { sequenceNumber: number; frameData: Uint8Array };
const TEXT = new Set(['tEXt', 'zTXt', 'iTXt', 'sPLT']);
const NO_EMIT = (_event: PngEvent): void => {};

export class PngReader implements ByteStreamParser<PngEvent> {
  /** The bytes held between writes: those of the step waiting for more (a chunk, a header, a CRC). */
  readonly #chain = new BufferChain();
  /** The piece being read in place, alone (emptied after each write: nothing is kept in it). */
  readonly #direct = new BufferChain();
  /** What the state machine reads: `chain` or `direct`, at the same absolute offsets. */
  #src: BufferChain = this.#chain;
  /** While bytes are held: the absolute offset the waiting step needs the input to reach. */
  #wait = 0;
  readonly #limits: PngLimits;
  readonly #crcMode: 'strict' | 'lenient' | 'ignore';
  readonly #rules: ChunkRules;
  readonly #ctx: FieldContext;
  readonly #validate: boolean;
  #image: ImageDataCheck | undefined;
  /** With `imageData`: the check of the APNG frame whose fdAT chunks are coming. */
  #frame: ImageDataCheck | undefined;
  /** fcTL chunks read: the next frame's number. */
  #frames = 0;
  #state = State.Signature;
  /** Absolute offset of the next byte to parse: the current chunk's start while it is parsed. */
  #pos = 0;
  #index = 0;
  /** Absolute offset of the current chunk's first byte. */
  #start = 0;
  #length = 0;
  #type = '';
  #props: ChunkType = NO_TYPE;
  #critical = false;
  #runningCrc = 0;
  #left = 0;
  #textChunks = 0;
  #afterIend = 0;
  /** Where IEND ended: the offset of the first trailing byte, however the input was cut. */
  #iendEnd = 0;
  #finished = false;
  /**
   * Where the events go: the `emit` of the current `write` or `finish` call. A field set once per
   * call, rather than a closure per piece, keeps the reader as fast as with a fixed callback.
   */
  #emit: (event: PngEvent) => void = NO_EMIT;
  readonly #warnFn = (code: PngWarningCode, offset: number, message: string, chunk?: string): void => {
    this.#emit(
      chunk === undefined
        ? { kind: 'warning', code, offset, message }
        : { kind: 'warning', code, offset, message, chunk },
    );
  };

  constructor(options: PngReadOptions = {}) {
    this.#limits = resolvePngLimits(options.limits);
    this.#crcMode = options.crc ?? 'strict';
    this.#validate = options.imageData ?? false;
    this.#rules = new ChunkRules(
      { unknownCritical: options.unknownCritical ?? 'error', misplacedCritical: options.misplacedCritical },
      this.#warnFn,
    );
    this.#ctx = { ihdr: undefined, paletteEntries: undefined, limits: this.#limits };
  }

  /** Absolute offset of the first byte not yet parsed (the current chunk's start while inside one). */
  get offset(): number {
    return this.#pos;
  }

  /** Bytes held for the chunk being read. */
  get buffered(): number {
    return this.#chain.length;
  }

  /**
   * The least number of bytes the step being read still needs (what `finish` would report
   * missing): the rest of a streamed chunk and its CRC, or of the header, chunk or CRC some of whose
   * bytes are held; 0 between chunks.
   */
  get needed(): number {
    // A streamed chunk is open from its header to its CRC, whether bytes are held or not.
    if (this.#state === State.Streaming) return this.#left + 4;
    if (this.#state === State.StreamCrc) return 4 - this.#chain.length;
    return this.#chain.length > 0 ? this.#wait - this.#chain.end : 0;
  }

  /** After a chunk: the next one's header, or, after IEND, only trailing bytes to count. */
  #ended(): void {
    this.#state = this.#rules.ended ? State.AfterIend : State.Header;
    if (this.#rules.ended) this.#iendEnd = this.#pos;
  }

  /**
   * Reads what `bytes` completes, passing each event to `emit`; throws the first DecodeError (after
   * emitting everything before it).
   */
  write(bytes: Uint8Array, emit: (event: PngEvent) => void): void {
    if (this.#finished) throw new Error('PngReader: write after finish');
    this.#emit = emit;
    if (bytes.length === 0) return;
    if (this.#state === State.AfterIend) {
      this.#afterIend += bytes.length;
      return;
    }
    const chain = this.#chain;
    const n = bytes.length;
    let off = 0;
    if (chain.length > 0) {
      // Bytes are held: give the chain only what the waiting step needs, step by step, until it
      // holds nothing (the rest of the piece is read in place) or the piece is used up.
      for (;;) {
        const take = Math.min(n - off, Math.max(1, this.#wait - chain.end));
        this.#hold(take === n ? bytes : bytes.subarray(off, off + take));
        off += take;
        if (chain.end < this.#wait) return;
        this.#run();
        if (chain.length === 0) break;
        if (off === n) return;
      }
      if (off === n) return;
    }
    this.#readInPlace(off === 0 ? bytes : bytes.subarray(off));
  }

  /**
   * Reads `piece` (its first byte is the next to parse, nothing is held) in place, then holds what
   * it leaves over, and only that.
   */
  #readInPlace(piece: Uint8Array): void {
    if (this.#state === State.Streaming) {
      // A streamed chunk's data passes straight through, as a view of the piece.
      const n = Math.min(piece.length, this.#left);
      const at = this.#pos;
      this.#left -= n;
      this.#pos += n;
      this.#streamOut(n === piece.length ? piece : piece.subarray(0, n), at);
      if (this.#left === 0) this.#state = State.StreamCrc;
      if (n === piece.length) return;
      piece = piece.subarray(n);
    }
    const direct = this.#direct;
    direct.skip(this.#pos - direct.end);
    direct.append(piece);
    this.#src = direct;
    try {
      this.#run();
    } finally {
      this.#src = this.#chain;
      const left = direct.length;
      direct.consume(left);
      if (left > 0) this.#hold(left === piece.length ? piece : piece.subarray(piece.length - left));
    }
  }

  /**
   * Keeps `bytes`, which start at `pos`, for the step waiting for more: by reference when large,
   * else copied and packed. An empty chain's offsets are moved on to `pos` first (they are left
   * behind while nothing is held, so a piece read in place costs the chain nothing).
   */
  #hold(bytes: Uint8Array): void {
    const chain = this.#chain;
    if (chain.length === 0 && chain.end < this.#pos) chain.skip(this.#pos - chain.end);
    if (bytes.length < COPY_BELOW) chain.appendCopy(bytes);
    else chain.append(bytes);
  }

  /** The input is over: throws for a truncated or unfinished datastream; warns of bytes after IEND. */
  finish(emit: (event: PngEvent) => void): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#emit = emit;
    // Held bytes start at `pos` (an empty chain's offsets may lag behind it).
    const have = this.#chain.length;
    switch (this.#state) {
      case State.Signature:
        if (signatureMismatch(this.#chain.subarray(0, have)) === -1)
          throw this.#incomplete('the 8-byte PNG signature', 8 - have, 'signature');
        throw signatureError(this.#chain.subarray(0, have));
      case State.Header:
        if (have > 0) throw this.#incomplete('a chunk header (length and type)', 8 - have, this.#index);
        throw new PngError('MISSING_IEND', 'the input ended after a whole chunk, but before IEND', {
          offset: this.#pos,
        });
      case State.Body:
        throw this.#incomplete(`${this.#type}'s data and CRC`, this.#length + 12 - have, this.#index);
      case State.Streaming:
        throw this.#incomplete(`${this.#type}'s data and CRC`, this.#left + 4, this.#index);
      case State.StreamCrc:
        throw this.#incomplete(`${this.#type}'s CRC`, 4 - have, this.#index);
      case State.AfterIend:
        if (this.#afterIend > 0) {
          this.#warnFn('DATA_AFTER_IEND', this.#iendEnd, `${this.#afterIend} bytes after IEND (ignored)`);
        }
    }
  }

  /** Parses what `src` holds, until the next step needs more bytes: `wait` says where they end. */
  #run(): void {
    this.#wait = this.#step();
  }

  /** Runs the steps `src` holds the bytes of; returns the offset the input must reach for the next one. */
  #step(): number {
    const src = this.#src;
    for (;;) {
      const pos = this.#pos;
      const have = src.end - pos;
      switch (this.#state) {
        case State.Signature:
          // All eight are awaited even when an early byte is wrong: the CR/LF hint reads them all,
          // and the error must not depend on how the input was cut.
          if (have < 8) return pos + 8;
          if (signatureMismatch(src.subarray(0, 8)) !== -1) throw signatureError(src.subarray(0, 8));
          this.#advance(8);
          this.#state = State.Header;
          break;
        case State.Header:
          if (have < 8) return pos + 8;
          // A streamed fdAT waits for its sequence number too.
          if (!this.#header(have)) return pos + 12;
          break;
        case State.Body:
          if (have < this.#length + 12) return pos + this.#length + 12;
          this.#body();
          break;
        case State.Streaming:
          if (have === 0) return pos + 1;
          this.#stream(Math.min(have, this.#left));
          break;
        case State.StreamCrc:
          if (have < 4) return pos + 4;
          this.#streamEnd();
          break;
        case State.AfterIend:
          this.#afterIend += have;
          this.#advance(have);
          return this.#pos; // nothing is held after IEND
      }
    }
  }

  /** Reads a chunk's length and type; returns false to wait for more bytes. */
  #header(have: number): boolean {
    const chain = this.#src;
    const at = this.#pos;
    const length = chain.u32be(at);
    if (length > MAX_LENGTH) throw this.#at(lengthError(length, at));
    const props = typeOf(chain.u32be(at + 4));
    if (props === undefined) throw this.#at(typeError(chain.subarray(at + 4, at + 8), at + 4));
    const type = props.name;
    const streamed = length > this.#limits.maxChunkBytes;
    // A streamed fdAT waits for its sequence number, so the APNG rules can check it up front.
    if (streamed && type === 'fdAT' && length >= 4 && have < 12) return false;
    const critical = props.critical;
    this.#start = at;
    this.#props = props;
    this.#length = length;
    this.#type = type;
    this.#critical = critical;
    try {
      if (this.#rules.header(type, at, length, critical)) this.#image?.end(at, this.#warnFn);
      if (this.#frame !== undefined && (type === 'fcTL' || type === 'IEND')) {
        const frame = this.#frame;
        this.#frame = undefined;
        frame.end(at, this.#warnFn);
      }
    } catch (e) {
      throw this.#at(e);
    }
    if (!streamed) {
      this.#state = State.Body;
      return true;
    }
    if (type === 'fdAT' && length >= 4) this.#checked(() => this.#rules.fdAT(chain.u32be(at + 8), at));
    this.#emit({
      kind: 'header',
      type,
      offset: at,
      length,
      critical,
      private: props.private,
      reserved: props.reserved,
      safeToCopy: props.safeToCopy,
    });
    if (isKnownChunkType(type) && type !== 'fdAT') {
      this.#warnFn(
        'FIELDS_NOT_DECODED',
        at,
        `${type} is ${length} bytes, over limits.maxChunkBytes (${this.#limits.maxChunkBytes}): streamed, its fields not decoded`,
        type,
      );
    }
    this.#runningCrc = props.crc;
    this.#left = length;
    this.#advance(8);
    this.#state = length === 0 ? State.StreamCrc : State.Streaming;
    return true;
  }

  /** A whole chunk: CRC, fields, rules that need the fields, then out it goes. */
  #body(): void {
    const chain = this.#src;
    const at = this.#pos;
    const type = this.#type;
    const length = this.#length;
    const critical = this.#critical;
    const props = this.#props;
    const dataEnd = at + 8 + length;
    const data = chain.subarray(at + 8, dataEnd);
    // One zlib.crc32 call over the data view, continuing from the type's cached CRC.
    const computed = length === 0 ? props.crc : crc32(data, props.crc);
    const stored = chain.u32be(dataEnd);
    const crcOk = computed === stored;
    if (!crcOk) this.#crcMismatch(dataEnd, stored, computed);
    let fields: unknown;
    if (crcOk || this.#crcMode === 'ignore') fields = this.#fields(type, data, at, critical);
    if (type === 'IDAT') this.#image?.write(data, at, this.#warnFn);
    else if (type === 'fdAT' && fields !== undefined)
      this.#checked(() => this.#frame?.write((fields as Fdat).frameData, at, this.#warnFn));
    this.#emit(wholeChunk(props, at, length, crcOk, data, fields));
    this.#index++;
    this.#advance(length + 12);
    this.#ended();
  }

  #stream(n: number): void {
    let at = this.#pos;
    const pieces = this.#src.segments(at, at + n);
    this.#left -= n;
    this.#advance(n);
    for (const piece of pieces) {
      this.#streamOut(piece, at);
      at += piece.length;
    }
    if (this.#left === 0) this.#state = State.StreamCrc;
  }

  /** One piece of a streamed chunk's data, at absolute offset `at`: CRC, event, image data check. */
  #streamOut(piece: Uint8Array, at: number): void {
    this.#runningCrc = crc32(piece, this.#runningCrc);
    this.#emit({ kind: 'data', type: this.#type, offset: at, data: piece });
    if (this.#type === 'IDAT') this.#image?.write(piece, this.#start, this.#warnFn);
    else if (this.#type === 'fdAT' && this.#frame !== undefined) {
      // The first 4 data bytes are the sequence number, not frame data.
      const skip = Math.max(0, this.#start + 12 - at);
      if (skip < piece.length)
        this.#checked(() => this.#frame?.write(piece.subarray(skip), this.#start, this.#warnFn));
    }
  }

  #streamEnd(): void {
    const at = this.#pos;
    const stored = this.#src.u32be(at);
    const crcOk = stored === this.#runningCrc;
    if (!crcOk) this.#crcMismatch(at, stored, this.#runningCrc);
    this.#emit({ kind: 'end', type: this.#type, offset: this.#start, length: this.#length, crcOk });
    this.#index++;
    this.#advance(4);
    this.#ended();
  }

  /** Decodes a whole chunk's fields and applies the rules that need them. */
  #fields(type: string, data: Uint8Array, at: number, critical: boolean): unknown {
    if (TEXT.has(type) && ++this.#textChunks > this.#limits.maxTextChunks) {
      if (this.#textChunks === this.#limits.maxTextChunks + 1) {
        this.#warnFn(
          'TOO_MANY_TEXT_CHUNKS',
          at,
          `more than limits.maxTextChunks (${this.#limits.maxTextChunks}) text and sPLT chunks: the rest are listed, not decoded`,
          type,
        );
      }
      return undefined;
    }
    let fields: unknown;
    try {
      fields = decodeChunkFields(type, data, at + 8, this.#ctx);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      if (critical) throw this.#at(e.within('fields'));
      const path = e.path === '' ? '' : ` (${e.path})`;
      this.#warnFn('BAD_CHUNK_DATA', e.offset, `${type}${path}: ${e.detail}; its fields are left out`, type);
      return undefined;
    }
    this.#checked(() => this.#afterFields(type, fields, at));
    return fields;
  }

  #afterFields(type: string, fields: unknown, at: number): void {
    switch (type) {
      case 'IHDR': {
        const ihdr = fields as Ihdr;
        this.#ctx.ihdr = ihdr;
        this.#rules.ihdr = ihdr;
        if (this.#validate)
          this.#image = new ImageDataCheck(ihdr, undefined, {
            maxImageBytes: this.#limits.maxImageBytes,
            offset: at,
          });
        return;
      }
      case 'PLTE':
        this.#ctx.paletteEntries = (fields as Plte).entries.length;
        return;
      case 'acTL':
        this.#rules.acTL((fields as Actl).numFrames, at);
        return;
      case 'fcTL':
        this.#rules.fcTL(fields as Fctl, at);
        this.#startFrame(fields as Fctl, this.#frames++);
        return;
      case 'fdAT':
        this.#rules.fdAT((fields as Fdat).sequenceNumber, at);
        return;
      case 'sPLT':
        this.#rules.sPLT((fields as { name: string }).name, at);
    }
  }

  /**
   * With `imageData`, an fcTL after IDAT starts a frame whose fdAT data is checked like IDAT's,
   * against the frame's size (the default image's fcTL, before IDAT, describes the IDAT data).
   */
  #startFrame(f: Fctl, n: number): void {
    const ihdr = this.#ctx.ihdr;
    if (
      this.#image === undefined ||
      ihdr === undefined ||
      !this.#rules.apng.animated ||
      !this.#rules.pastIdat
    )
      return;
    this.#frame = new ImageDataCheck(
      { ...ihdr, width: f.width, height: f.height },
      { stream: `frame ${n} (fdAT)`, header: 'fcTL' },
    );
  }

  #crcMismatch(at: number, stored: number, computed: number): void {
    const mode = this.#crcMode;
    if (mode === 'ignore') return;
    if (mode === 'strict' || this.#critical) throw this.#at(crcError(this.#type, at, stored, computed));
    this.#warnFn(
      'CRC_MISMATCH',
      at,
      `${crcDetail(this.#type, stored, computed)}: its fields are left out`,
      this.#type,
    );
  }

  #incomplete(what: string, needed: number, where: number | 'signature'): IncompleteError {
    const error = new IncompleteError(`the input ended inside ${what}: ${needed} more bytes needed`, {
      offset: this.#state === State.Streaming || this.#state === State.StreamCrc ? this.#start : this.#pos,
      needed,
    });
    return where === 'signature' ? error.within('signature') : error.within(where).within('chunks');
  }

  /** Puts a rule's error at the current chunk: path `chunks[i]` (plus `field`). */
  #at(e: unknown, field?: string): never {
    if (e instanceof DecodeError) {
      if (field !== undefined) e.within(field);
      throw e.within(this.#index).within('chunks');
    }
    throw e;
  }

  #checked(rule: () => void): void {
    try {
      rule();
    } catch (e) {
      this.#at(e);
    }
  }

  #advance(n: number): void {
    this.#src.consume(n);
    this.#pos += n;
  }
}

/** A whole chunk's event: one object literal, so every chunk has the same hidden class. */
function wholeChunk(
  props: ChunkType,
  offset: number,
  length: number,
  crcOk: boolean,
  data: Uint8Array,
  fields: unknown,
): PngEvent {
  return {
    kind: 'chunk',
    type: props.name,
    offset,
    length,
    crcOk,
    data,
    fields,
    critical: props.critical,
    private: props.private,
    reserved: props.reserved,
    safeToCopy: props.safeToCopy,
  } as PngEvent;
}

// A reader per file must not start cold (see @stride/view/shapes).
keepShapes(new PngReader(), wholeChunk(NO_TYPE, 0, 0, true, new Uint8Array(0), undefined));
