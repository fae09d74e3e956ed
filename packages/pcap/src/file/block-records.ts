/**
 * pcapng blocks as capture records: the state one section needs (its interfaces: link type,
 * snaplen, timestamp units) and the mapping of each block to its record. A packet or statistics
 * block naming an interface the section has not described is UNKNOWN_INTERFACE; a Simple Packet
 * Block's captured length is its original length cut to the interface's snaplen, and must fit the
 * block (BAD_BLOCK_BODY) and `maxSnapLength` (SNAPLEN_EXCEEDED). A trailing total length that
 * differs from the leading one is BLOCK_LENGTH_MISMATCH, at the trailer. Frames are numbered as tshark
 * numbers them: packets, custom blocks and systemd journal export blocks.
 */
import { PcapError } from '../errors.js';
import { type Block, BlockType } from './blocks.js';
import type { PcapngOption } from './options.js';
import type { CaptureRecord, InterfaceRecord, PacketRecord } from './records.js';
import { DEFAULT_TSRESOL, joinCount, nanosecondClock, unitsPerSecond } from './timestamps.js';

/** The systemd journal export block, which tshark numbers as a frame (not read here). */
const JOURNAL_EXPORT = 9;

type BlockOf<T extends number> = Extract<Block, { blockType: T }>;

/** The block is of type `t` (the union's default variant, typed `number`, defeats plain narrowing). */
function is<T extends number>(b: Block, t: T): b is BlockOf<T> {
  return b.blockType === t;
}

interface Interface {
  linkType: number;
  snapLength: number;
  /** A count of this interface's units as nanoseconds since the epoch. */
  clock: (count: bigint) => bigint;
}

function optionValue(options: readonly PcapngOption[], name: string): PcapngOption['value'] | undefined {
  return options.find((o) => o.name === name)?.value;
}

/** One section's interfaces, and the frame count across sections. */
export class SectionState {
  #interfaces: Interface[] = [];
  #frames = 0;
  readonly #maxSnap: number;

  constructor(maxSnap: number) {
    this.#maxSnap = maxSnap;
  }

  /** The record of block `b`, which starts at `at`. */
  record(b: Block, at: number): CaptureRecord {
    const frame = 'section' in b ? b.section : b;
    if (frame.trailer !== frame.blockLength)
      throw new PcapError(
        'BLOCK_LENGTH_MISMATCH',
        "a block's trailing total length differs from its leading one",
        {
          offset: at + frame.blockLength - 4,
          expected: String(frame.blockLength),
          actual: String(frame.trailer),
        },
      );
    if (is(b, BlockType.SHB)) {
      this.#interfaces = [];
      const { majorVersion: major, minorVersion: minor, sectionLength, options } = b.section.body;
      return {
        type: 'section',
        fileOffset: at,
        byteOrder: b.byteOrder,
        version: { major, minor },
        sectionLength,
        options,
      };
    }
    if (is(b, BlockType.IDB)) return this.#interface(b.body, at);
    if (is(b, BlockType.EPB)) {
      // Nearly every block: its record made in one literal, of one shape from the start.
      const { interfaceId, timestampHigh, timestampLow, capturedLength, originalLength, data, options } =
        b.body;
      const i = this.#lookup(interfaceId, at);
      const rawTimestamp = joinCount(timestampHigh, timestampLow);
      return {
        type: 'packet',
        frame: this.nextFrame(),
        fileOffset: at,
        interfaceId,
        linkType: i.linkType,
        timestamp: i.clock(rawTimestamp),
        capturedLength,
        originalLength,
        data,
        block: 'epb',
        rawTimestamp,
        options,
      };
    }
    if (is(b, BlockType.PB)) {
      const { interfaceId, timestampHigh, timestampLow, capturedLength, originalLength, data, options } =
        b.body;
      const raw = joinCount(timestampHigh, timestampLow);
      const packet = this.#packet(at, interfaceId, raw, capturedLength, originalLength, data);
      packet.block = 'pb';
      packet.rawTimestamp = raw;
      packet.dropsCount = b.body.dropsCount;
      packet.options = options;
      return packet;
    }
    if (is(b, BlockType.SPB)) return this.#simple(b.body, at);
    if (is(b, BlockType.NRB)) {
      const records = b.body.records.map(({ recordType, value }) => ({ recordType, value }));
      return { type: 'names', fileOffset: at, records, options: b.body.options };
    }
    if (is(b, BlockType.ISB)) {
      const { interfaceId, timestampHigh, timestampLow, options } = b.body;
      const i = this.#lookup(interfaceId, at);
      const rawTimestamp = joinCount(timestampHigh, timestampLow);
      const timestamp = i.clock(rawTimestamp);
      return { type: 'statistics', fileOffset: at, interfaceId, timestamp, rawTimestamp, options };
    }
    if (is(b, BlockType.DSB)) {
      const { secretsType, data, options } = b.body;
      return { type: 'secrets', fileOffset: at, secretsType, data, options };
    }
    if (is(b, BlockType.CUSTOM) || is(b, BlockType.CUSTOM_NO_COPY))
      return {
        type: 'custom',
        frame: this.nextFrame(),
        fileOffset: at,
        blockType: b.blockType,
        pen: b.body.pen,
        body: b.body.data,
      };
    const unknown = { type: 'unknown', fileOffset: at, blockType: b.blockType, body: b.body.data } as const;
    return b.blockType === JOURNAL_EXPORT ? { ...unknown, frame: this.nextFrame() } : unknown;
  }

  #interface(body: BlockOf<typeof BlockType.IDB>['body'], at: number): InterfaceRecord {
    const { linkType, reserved, snapLength, options } = body;
    const r = optionValue(options, 'if_tsresol');
    const o = optionValue(options, 'if_tsoffset');
    const tsresol = typeof r === 'number' ? r : DEFAULT_TSRESOL;
    const tsoffset = typeof o === 'bigint' ? o : 0n;
    const id = this.#interfaces.length;
    const clock = nanosecondClock(unitsPerSecond(tsresol), tsoffset);
    this.#interfaces.push({ linkType, snapLength, clock });
    return {
      type: 'interface',
      fileOffset: at,
      id,
      linkType,
      snapLength,
      tsresol,
      tsoffset,
      reserved,
      options,
    };
  }

  #simple(body: BlockOf<typeof BlockType.SPB>['body'], at: number): PacketRecord {
    const i = this.#lookup(0, at);
    const { originalLength, data } = body;
    const captured = i.snapLength !== 0 && originalLength > i.snapLength ? i.snapLength : originalLength;
    if (captured > this.#maxSnap)
      throw new PcapError('SNAPLEN_EXCEEDED', `a Simple Packet Block of ${captured} captured bytes`, {
        offset: at + 8,
        expected: `a captured length of at most ${this.#maxSnap} (maxSnapLength)`,
        actual: String(captured),
      });
    if (captured > data.length)
      throw new PcapError('BAD_BLOCK_BODY', 'a Simple Packet Block shorter than its captured length', {
        offset: at + 8,
        expected: `at least ${captured} bytes of packet data`,
        actual: String(data.length),
      });
    const packet = this.#packet(at, 0, undefined, captured, originalLength, data.subarray(0, captured));
    packet.block = 'spb';
    return packet;
  }

  #packet(
    at: number,
    interfaceId: number,
    raw: bigint | undefined,
    capturedLength: number,
    originalLength: number,
    data: Uint8Array,
  ): PacketRecord {
    const i = this.#lookup(interfaceId, at);
    const timestamp = raw === undefined ? 0n : i.clock(raw);
    const frame = this.nextFrame();
    const { linkType } = i;
    return {
      type: 'packet',
      frame,
      fileOffset: at,
      interfaceId,
      linkType,
      timestamp,
      capturedLength,
      originalLength,
      data,
    };
  }

  /** The next frame number (pcap records count here too). */
  nextFrame(): number {
    return ++this.#frames;
  }

  #lookup(id: number, at: number): Interface {
    const i = this.#interfaces[id];
    if (i !== undefined) return i;
    throw new PcapError('UNKNOWN_INTERFACE', `interface ${id}, which this section has not described`, {
      offset: at + 8,
      expected: `an interface id below ${this.#interfaces.length}`,
      actual: String(id),
    });
  }
}
