/**
 * CaptureReader: a capture file read as a stream, a ByteStreamParser<CaptureRecord> (codec's one
 * streaming shape: write chunks in any pieces, `finish` at the end). It is codec's StreamDecoder
 * over the schemas of this folder, switched by the decoder's mode hook: the first record is read by
 * sniff.ts (a pcap header or a pcapng Section Header Block); after a pcap header the record codec of
 * its byte order takes over for good (the compiled loop); in pcapng the block union of the section's
 * byte order, switched again at each Section Header Block.
 *
 * Bounds: a pcap record or pcapng block is refused at its length field, before its body is held
 * (SNAPLEN_EXCEEDED past `maxSnapLength`, BLOCK_TOO_LARGE past `maxBlockBytes`, BAD_BLOCK_LENGTH for
 * a length no block can have), so nothing held grows past one block. Every fault is a DecodeError
 * with a code of errors.ts at an absolute file offset, raised after every record before it was
 * emitted, and again by every later call. A section length that lies is a warning record (tshark
 * and libpcap ignore the field), checked when the section ends.
 */
import { type ByteStreamParser, type Codec, StreamDecoder } from '@stride/codec';
import { PcapWarningCode } from '../errors.js';
import { SectionState } from './block-records.js';
import { type Block, BlockType, pcapngCodecs } from './blocks.js';
import type { ByteOrder } from './byte-order.js';
import { captureError } from './faults.js';
import { PCAP_MAGIC_NANO, type PcapHeader, type PcapRecord, pcapRecordCodec } from './pcap-format.js';
import type { CaptureRecord, HeaderRecord } from './records.js';
import { type FileStart, fileStartCodec } from './sniff.js';

export interface CaptureReaderOptions {
  /** The longest captured length accepted (default 262,144, tshark's): past it, SNAPLEN_EXCEEDED. */
  maxSnapLength?: number;
  /** The longest pcapng block accepted (default: maxSnapLength + 128 KiB for options): past it, BLOCK_TOO_LARGE. */
  maxBlockBytes?: number;
  /** Use codec's compiled fast path (default: codec's `configure`). */
  compile?: boolean;
}

export const DEFAULT_MAX_SNAP_LENGTH = 262_144;
const OPTIONS_ALLOWANCE = 131_072;
const MIN_BLOCK = 28;
const LIMIT = 0xfffffffc;

type Raw = FileStart | Block | PcapRecord;

function checkLimit(name: string, n: number, min: number): number {
  if (!(Number.isSafeInteger(n) && n >= min && n <= LIMIT))
    throw new RangeError(`${name} must be an integer in [${min}, ${LIMIT}], got ${n}`);
  return n;
}

export class CaptureReader implements ByteStreamParser<CaptureRecord> {
  readonly #decoder: StreamDecoder<Raw>;
  readonly #maxSnap: number;
  readonly #maxBlock: number;
  readonly #section: SectionState;
  #emit: (record: CaptureRecord) => void = () => {};
  #start = 0;
  #end = 0;
  #error: unknown;
  /** pcap: the header's fields that every packet needs (set by the header, which comes first). */
  #pcap = { linkType: 0, unit: 1000n };
  /** pcapng: the current section's Section Header Block, where its bytes start, and its declared length. */
  #shb: { at: number; start: number; length: bigint } | undefined;

  constructor(options: CaptureReaderOptions = {}) {
    this.#maxSnap = checkLimit('maxSnapLength', options.maxSnapLength ?? DEFAULT_MAX_SNAP_LENGTH, 0);
    this.#maxBlock = checkLimit(
      'maxBlockBytes',
      options.maxBlockBytes ?? Math.min(LIMIT, 32 + this.#maxSnap + OPTIONS_ALLOWANCE),
      MIN_BLOCK,
    );
    this.#section = new SectionState(this.#maxSnap);
    const max = Math.max(this.#maxBlock, 16 + this.#maxSnap);
    this.#decoder = new StreamDecoder<Raw>(fileStartCodec(this.#maxSnap, this.#maxBlock) as Codec<Raw>, {
      compile: options.compile,
      limits: { maxRecordBytes: max, maxBuffered: max },
      mode: (r) => this.#mode(r),
    });
  }

  /** Absolute file offset of the next record. */
  get offset(): number {
    return this.#decoder.offset;
  }

  get buffered(): number {
    return this.#decoder.buffered;
  }

  get needed(): number {
    return this.#decoder.needed;
  }

  write(chunk: Uint8Array, emit: (record: CaptureRecord) => void): void {
    this.#run(emit, () => this.#decoder.write(chunk, this.#deliver));
  }

  finish(emit: (record: CaptureRecord) => void): void {
    this.#run(emit, () => {
      this.#decoder.finish(this.#deliver);
      this.#endSection(this.#decoder.offset);
    });
  }

  #run(emit: (record: CaptureRecord) => void, step: () => void): void {
    if (this.#error !== undefined) throw this.#error;
    this.#emit = emit;
    try {
      step();
    } catch (e) {
      this.#error = captureError(e, this.#decoder.offset);
      throw this.#error;
    }
  }

  #mode(r: Raw): Codec<Raw> | { codec: Codec<Raw>; final: true } | undefined {
    if ('format' in r) {
      if (r.format !== 'pcapng') {
        const order: ByteOrder = r.format === 'pcap-le' ? 'le' : 'be';
        return { codec: pcapRecordCodec(order, this.#maxSnap) as Codec<Raw>, final: true };
      }
      return this.#blocks(r.value);
    }
    return 'blockType' in r ? this.#blocks(r) : undefined;
  }

  /** After a Section Header Block, the block union of its byte order. */
  #blocks(b: Block): Codec<Raw> | undefined {
    if (b.blockType !== BlockType.SHB || !('byteOrder' in b)) return undefined;
    return pcapngCodecs(b.byteOrder, this.#maxSnap, this.#maxBlock).block as Codec<Raw>;
  }

  readonly #deliver = (r: Raw): void => {
    this.#start = this.#end;
    this.#end = this.#decoder.offset;
    if ('format' in r) {
      if (r.format === 'pcapng') this.#block(r.value);
      else this.#emit(this.#header(r, r.format === 'pcap-le' ? 'le' : 'be'));
    } else if ('blockType' in r) this.#block(r);
    else this.#packet(r);
  };

  #header(h: PcapHeader, byteOrder: ByteOrder): HeaderRecord {
    const nanoseconds = h.magic === PCAP_MAGIC_NANO;
    const linkType = h.linkTypeField & 0xffff;
    this.#pcap = { linkType, unit: nanoseconds ? 1n : 1000n };
    return {
      type: 'header',
      fileOffset: this.#start,
      byteOrder,
      nanoseconds,
      version: { major: h.versionMajor, minor: h.versionMinor },
      thisZone: h.thisZone,
      sigFigs: h.sigFigs,
      snapLength: h.snapLength,
      linkType,
      linkTypeInfo: h.linkTypeField >>> 16,
    };
  }

  #packet(p: PcapRecord): void {
    const { linkType, unit } = this.#pcap;
    const { capturedLength, originalLength, data } = p;
    // In microseconds the count is exact as a number (below 2^53): one conversion and one product.
    const timestamp =
      unit === 1000n
        ? BigInt(p.timestampSeconds * 1_000_000 + p.timestampFraction) * 1000n
        : BigInt(p.timestampSeconds) * 1_000_000_000n + BigInt(p.timestampFraction) * unit;
    const frame = this.#section.nextFrame();
    const fileOffset = this.#start;
    this.#emit({
      type: 'packet',
      frame,
      fileOffset,
      interfaceId: 0,
      linkType,
      timestamp,
      capturedLength,
      originalLength,
      data,
    });
  }

  #block(b: Block): void {
    const record = this.#section.record(b, this.#start);
    if (record.type === 'section') {
      this.#endSection(this.#start);
      this.#shb = { at: this.#start, start: this.#end, length: record.sectionLength };
    }
    this.#emit(record);
  }

  /** The section that ends at `end` had the length its header gave, or a warning says it did not. */
  #endSection(end: number): void {
    const shb = this.#shb;
    if (shb === undefined || shb.length === -1n) return;
    const actual = BigInt(end - shb.start);
    if (actual === shb.length) return;
    this.#emit({
      type: 'warning',
      code: PcapWarningCode.SECTION_LENGTH_MISMATCH,
      message: `the section header gives a section length of ${shb.length} bytes, but the section has ${actual}`,
      fileOffset: shb.at + 16,
    });
  }
}
