/**
 * A pcapng block of any type, as one codec schema per byte order: a tagged union on the block type
 * (tag key `blockType`), each variant the shared frame (block-frame.ts) around its body
 * (block-bodies.ts), unknown types read as bytes and skipped by their length.
 *
 * A Section Header Block starts a section whose byte order is its own: its type reads the same in
 * both orders, and its variant looks ahead at the byte-order magic after the length (`byteOrder`)
 * to read the rest in that order. The reader then switches to the union of the new order.
 */
import {
  type AnyCodec,
  type Codec,
  type Infer,
  peek,
  refine,
  struct,
  taggedUnion,
  transform,
  u32le,
} from '@stride/codec';
import {
  BYTE_ORDER_MAGIC,
  customBody,
  dsbBody,
  epbBody,
  idbBody,
  isbBody,
  nrbBody,
  pbBody,
  shbBody,
  spbBody,
  unknownBody,
} from './block-bodies.js';
import { blockFrame } from './block-frame.js';
import { type ByteOrder, INTS } from './byte-order.js';
import { fault } from './faults.js';

export const BlockType = {
  SHB: 0x0a0d0d0a,
  IDB: 1,
  PB: 2,
  SPB: 3,
  NRB: 4,
  ISB: 5,
  EPB: 6,
  DSB: 10,
  CUSTOM: 0x00000bad,
  CUSTOM_NO_COPY: 0x40000bad,
} as const;

const SWAPPED_MAGIC = 0x4d3c2b1a;
const bom = fault('BAD_BYTE_ORDER', 'a byte-order magic 0x1A2B3C4D (in either byte order)');

/** The section's byte order, from the magic 4 bytes after the length (read without consuming it). */
const byteOrder: Codec<ByteOrder> = peek(
  transform(
    struct({
      length: u32le,
      magic: refine(u32le, (m) => m === BYTE_ORDER_MAGIC || m === SWAPPED_MAGIC, bom),
    }),
    {
      decode: (s): ByteOrder => (s.magic === BYTE_ORDER_MAGIC ? 'le' : 'be'),
      encode: (o: ByteOrder) => ({ length: 0, magic: o === 'le' ? BYTE_ORDER_MAGIC : SWAPPED_MAGIC }),
    },
  ),
);

function build(order: ByteOrder, maxSnap: number, maxBlock: number) {
  const i = INTS[order];
  const bodies = {
    shb: shbBody(i),
    idb: idbBody(i),
    pb: pbBody(i, maxSnap),
    spb: spbBody(i),
    nrb: nrbBody(i),
    isb: isbBody(i),
    epb: epbBody(i, maxSnap),
    dsb: dsbBody(i),
    custom: customBody(i),
    unknown: unknownBody(),
  };
  const shbOf = (o: ByteOrder) =>
    blockFrame(INTS[o], 28, maxBlock, o === order ? bodies.shb : shbBody(INTS[o]));
  const shb = { le: shbOf('le'), be: shbOf('be') };
  const frame = <C extends AnyCodec>(min: number, body: C) => blockFrame(i, min, maxBlock, body);
  const block = taggedUnion(
    i.u32,
    {
      [BlockType.SHB]: struct({ byteOrder }).field('section', (s) => shb[s.byteOrder]),
      [BlockType.IDB]: frame(20, bodies.idb),
      [BlockType.PB]: frame(32, bodies.pb),
      [BlockType.SPB]: frame(16, bodies.spb),
      [BlockType.NRB]: frame(16, bodies.nrb),
      [BlockType.ISB]: frame(24, bodies.isb),
      [BlockType.EPB]: frame(32, bodies.epb),
      [BlockType.DSB]: frame(20, bodies.dsb),
      [BlockType.CUSTOM]: frame(16, bodies.custom),
      [BlockType.CUSTOM_NO_COPY]: frame(16, bodies.custom),
    },
    { tagKey: 'blockType', default: frame(12, bodies.unknown) },
  );
  return { block, bodies };
}

export type PcapngCodecs = ReturnType<typeof build>;
export type Block = Infer<PcapngCodecs['block']>;

const cache = new Map<string, PcapngCodecs>();

/** The block union of one byte order and bounds (built once per combination). */
export function pcapngCodecs(order: ByteOrder, maxSnap: number, maxBlock: number): PcapngCodecs {
  const key = `${order}:${maxSnap}:${maxBlock}`;
  let codecs = cache.get(key);
  if (codecs === undefined) {
    codecs = build(order, maxSnap, maxBlock);
    cache.set(key, codecs);
  }
  return codecs;
}
