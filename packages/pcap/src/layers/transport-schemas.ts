/**
 * The transport headers as codec schemas: TCP's fixed 20 bytes and its options (a tagged union on
 * the kind byte: MSS, window scale, SACK permitted, SACK blocks, timestamps, any other as bytes),
 * and UDP's 8 bytes.
 */
import {
  array,
  bits,
  bool,
  bytes,
  type Infer,
  literal,
  refine,
  type SizedCodec,
  sized,
  struct,
  taggedUnion,
  u8,
  u16be,
  u32be,
} from '@stride/codec';
import { optionLength } from './ip-schemas.js';

/** TCP without its options. `flags.dataOffset` is the header length in 32-bit words. */
export const TcpHeader = struct({
  srcPort: u16be,
  dstPort: u16be,
  seq: u32be,
  ack: u32be,
  flags: bits({
    dataOffset: 4,
    reserved: 3,
    ae: bool,
    cwr: bool,
    ece: bool,
    urg: bool,
    ack: bool,
    psh: bool,
    rst: bool,
    syn: bool,
    fin: bool,
  }),
  window: u16be,
  checksum: u16be,
  urgentPointer: u16be,
});
export type TcpHeader = Infer<typeof TcpHeader>;

/** One SACK block: the first and the next-after-last sequence numbers received. */
const SackBlock = struct({ left: u32be, right: u32be });

const sackLength = refine(u8, (n) => n >= 2 && (n - 2) % 8 === 0, 'a SACK length of 2 + 8n');

/** A TCP option, tagged by `kind`; the fixed-size ones must have their length. */
export const TcpOption = taggedUnion(
  u8,
  {
    0: struct({ padding: bytes('toEnd') }),
    1: struct({}),
    2: struct({ length: literal(u8, 4), mss: u16be }),
    3: struct({ length: literal(u8, 3), shift: u8 }),
    4: struct({ length: literal(u8, 2) }),
    5: struct({ length: sackLength }).field('blocks', (o) => array(SackBlock, (o.length - 2) / 8)),
    8: struct({ length: literal(u8, 10), value: u32be, echo: u32be }),
  },
  { tagKey: 'kind', default: struct({ length: optionLength }).field('data', (o) => bytes(o.length - 2)) },
);
export type TcpOption = Infer<typeof TcpOption>;

/** The options of a TCP header of `dataOffset` words (6 to 15), made once per length. */
export const tcpOptions: readonly SizedCodec<TcpOption[]>[] = Array.from({ length: 16 }, (_, words) =>
  sized(Math.max(0, words - 5) * 4, array(TcpOption, 'toEnd')),
);

export const UdpHeader = struct({ srcPort: u16be, dstPort: u16be, length: u16be, checksum: u16be });
export type UdpHeader = Infer<typeof UdpHeader>;
