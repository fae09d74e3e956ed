/**
 * CaptureWriter: capture records back to a file's bytes, a StreamParser<CaptureRecord, Uint8Array>
 * (PNG's ChunkSequencer is the other writer of that shape). A `header` record starts a pcap file
 * and a `section` record a pcapng section, in the byte order each names; every later record is
 * written in it, with the same codec schemas the reader reads (pcap-format.ts, blocks.ts). Records
 * read from a file and written back unchanged give the same bytes. Warning records write nothing.
 *
 * A filtered copy keeps its metadata (sections, interfaces, statistics …) and its packets stay
 * right: frame numbers and offsets are not written. A section whose length the header gives
 * (`sectionLength` not -1) should be written with -1 when packets are left out, as tshark warns of
 * nothing but other readers may trust the field.
 */
import { EncodeError, encode, type StreamParser } from '@stride/codec';
import { blockValue, type WriterInterface } from './block-values.js';
import { pcapngCodecs } from './blocks.js';
import type { ByteOrder } from './byte-order.js';
import { PCAP_HEADER, PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO, pcapRecordCodec } from './pcap-format.js';
import type { CaptureRecord, HeaderRecord, PacketRecord } from './records.js';
import { unitsPerSecond } from './timestamps.js';

/** Writing puts no bound of its own on sizes: the format's fields do. */
const NO_LIMIT = 0xfffffffc;
const NS = 1_000_000_000n;
const EMPTY = new Uint8Array(0);

export class CaptureWriter implements StreamParser<CaptureRecord, Uint8Array> {
  #format: 'pcap' | 'pcapng' | undefined;
  #order: ByteOrder = 'le';
  #nanoseconds = false;
  #interfaces: WriterInterface[] = [];

  write(record: CaptureRecord, emit: (bytes: Uint8Array) => void): void {
    const bytes = this.encode(record);
    if (bytes.length > 0) emit(bytes);
  }

  finish(_emit: (bytes: Uint8Array) => void): void {}

  /** The bytes of one record (none for a warning). */
  encode(record: CaptureRecord): Uint8Array {
    switch (record.type) {
      case 'warning':
        return EMPTY;
      case 'header':
        return this.#header(record);
      case 'section':
        this.#format = 'pcapng';
        this.#order = record.byteOrder;
        this.#interfaces = [];
        break;
      case 'interface': {
        this.#pcapng(record.type);
        const { tsoffset, snapLength } = record;
        this.#interfaces.push({ units: unitsPerSecond(record.tsresol), tsoffset, snapLength });
        break;
      }
      case 'packet':
        if (this.#format === 'pcap') return this.#pcapPacket(record);
        this.#pcapng(record.type);
        break;
      default:
        this.#pcapng(record.type);
    }
    const codecs = pcapngCodecs(this.#order, NO_LIMIT, NO_LIMIT);
    return encode(codecs.block, blockValue(record, codecs, this.#interface));
  }

  #pcapng(type: string): void {
    if (this.#format === 'pcapng') return;
    throw new EncodeError('NO_SECTION', `a ${type} record before any section record of a pcapng file`);
  }

  readonly #interface = (id: number): WriterInterface => {
    const i = this.#interfaces[id];
    if (i === undefined)
      throw new EncodeError('UNKNOWN_INTERFACE', `interface ${id}, which the section has not described`);
    return i;
  };

  #header(h: HeaderRecord): Uint8Array {
    this.#format = 'pcap';
    this.#order = h.byteOrder;
    this.#nanoseconds = h.nanoseconds;
    return encode(PCAP_HEADER[h.byteOrder], {
      magic: h.nanoseconds ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO,
      versionMajor: h.version.major,
      versionMinor: h.version.minor,
      thisZone: h.thisZone,
      sigFigs: h.sigFigs,
      snapLength: h.snapLength,
      linkTypeField: ((h.linkTypeInfo << 16) | (h.linkType & 0xffff)) >>> 0,
    });
  }

  #pcapPacket(p: PacketRecord): Uint8Array {
    const seconds = p.timestamp / NS;
    const fraction = (p.timestamp % NS) / (this.#nanoseconds ? 1n : 1000n);
    if (p.timestamp < 0n || seconds > 0xffffffffn)
      throw new EncodeError('OUT_OF_RANGE', `timestamp ${p.timestamp} ns does not fit a pcap record`);
    return encode(pcapRecordCodec(this.#order, NO_LIMIT), {
      timestampSeconds: Number(seconds),
      timestampFraction: Number(fraction),
      capturedLength: p.data.length,
      originalLength: p.originalLength,
      data: p.data,
    });
  }
}
