/**
 * Capture records as the values of the block schemas (blocks.ts), for writing: the inverse of
 * block-records.ts. Each body is measured with its own codec, and the block's two total lengths are
 * its size plus the framing. A packet's timestamp is written in its interface's units: the count
 * the file had (`rawTimestamp`) while it still gives the record's nanoseconds, else the least count
 * that does. A Simple Packet Block's data must be its original length cut to the interface's
 * snaplen, which is all a reader takes of it.
 */
import { type Codec, type Encodable, EncodeError, type Infer, sizeOf } from '@stride/codec';
import { BYTE_ORDER_MAGIC } from './block-bodies.js';
import { FRAMING_BYTES } from './block-frame.js';
import { type Block, BlockType, type PcapngCodecs } from './blocks.js';
import { pad4 } from './byte-order.js';
import type { CaptureRecord, PacketRecord } from './records.js';
import { fromNanoseconds, splitCount, toNanoseconds } from './timestamps.js';

export interface WriterInterface {
  units: bigint;
  tsoffset: bigint;
  snapLength: number;
}

type Bodies = PcapngCodecs['bodies'];

/** The block value of `body` under `blockType`, its lengths measured with `codec`. */
function framed<T>(codec: Codec<T>, blockType: number, body: Encodable<T>): Encodable<Block> {
  const n = sizeOf(codec, body) + FRAMING_BYTES;
  return { blockType, blockLength: n, body, trailer: n } as Encodable<Block>;
}

function count(
  raw: bigint | undefined,
  ns: bigint,
  i: WriterInterface,
): { timestampHigh: number; timestampLow: number } {
  const kept = raw !== undefined && toNanoseconds(raw, i.units, i.tsoffset) === ns;
  const n = kept ? raw : fromNanoseconds(ns, i.units, i.tsoffset);
  if (n < 0n || n > 0xffffffffffffffffn)
    throw new EncodeError('OUT_OF_RANGE', `timestamp ${ns} ns does not fit a pcapng timestamp`);
  return splitCount(n);
}

function packetValue(p: PacketRecord, bodies: Bodies, i: WriterInterface): Encodable<Block> {
  const { data, originalLength, interfaceId } = p;
  const options = p.options ?? [];
  const block = p.block ?? 'epb';
  if (block === 'spb') {
    // Its captured length is not stored: it is the original length cut to the snaplen.
    const captured = i.snapLength !== 0 && originalLength > i.snapLength ? i.snapLength : originalLength;
    if (data.length !== captured)
      throw new EncodeError('WRONG_LENGTH', `a Simple Packet Block of ${data.length} bytes, not ${captured}`);
    const padded = new Uint8Array(data.length + pad4(data.length));
    padded.set(data);
    return framed(bodies.spb, BlockType.SPB, { originalLength, data: padded });
  }
  const ts = count(p.rawTimestamp, p.timestamp, i);
  const fields = { ...ts, capturedLength: data.length, originalLength, data, options };
  if (block === 'pb')
    return framed(bodies.pb, BlockType.PB, { interfaceId, dropsCount: p.dropsCount ?? 0, ...fields });
  return framed(bodies.epb, BlockType.EPB, { interfaceId, ...fields });
}

/**
 * The block value of a pcapng record in the schemas `codecs` (of the section's byte order; `iface`
 * looks up a packet's or statistics' interface).
 */
export function blockValue(
  r: Exclude<CaptureRecord, { type: 'header' | 'warning' }>,
  codecs: PcapngCodecs,
  iface: (id: number) => WriterInterface,
): Encodable<Block> {
  const { bodies } = codecs;
  switch (r.type) {
    case 'section': {
      const body: Encodable<Infer<Bodies['shb']>> = {
        byteOrderMagic: BYTE_ORDER_MAGIC,
        majorVersion: r.version.major,
        minorVersion: r.version.minor,
        sectionLength: r.sectionLength,
        options: r.options,
      };
      const n = sizeOf(bodies.shb, body) + FRAMING_BYTES;
      const section = { blockLength: n, body, trailer: n };
      return { blockType: BlockType.SHB, byteOrder: r.byteOrder, section } as Encodable<Block>;
    }
    case 'interface': {
      const { linkType, reserved, snapLength, options } = r;
      return framed(bodies.idb, BlockType.IDB, { linkType, reserved, snapLength, options });
    }
    case 'packet':
      return packetValue(r, bodies, iface(r.interfaceId));
    case 'names': {
      const records = r.records.map((n) => ({
        recordType: n.recordType,
        length: n.value.length,
        value: n.value,
      }));
      return framed(bodies.nrb, BlockType.NRB, { records, options: r.options });
    }
    case 'statistics': {
      const ts = count(r.rawTimestamp, r.timestamp, iface(r.interfaceId));
      return framed(bodies.isb, BlockType.ISB, { interfaceId: r.interfaceId, ...ts, options: r.options });
    }
    case 'secrets': {
      const { secretsType, data, options } = r;
      return framed(bodies.dsb, BlockType.DSB, { secretsType, data, options });
    }
    case 'custom':
      return framed(bodies.custom, r.blockType, { pen: r.pen, data: r.body });
    case 'unknown':
      return framed(bodies.unknown, r.blockType, { data: r.body });
  }
}
