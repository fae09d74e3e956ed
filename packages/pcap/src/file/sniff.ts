/**
 * The first record of a capture file: its first four bytes, read without consuming them, say what
 * it is. A pcap magic in either byte order (microseconds or nanoseconds) is a pcap file header of
 * that order; 0x0A0D0D0A is a pcapng Section Header Block (either order, see blocks.ts); anything
 * else is BAD_MAGIC (faults.ts recodes the union's BAD_TAG).
 */
import { type Infer, peekTag, taggedUnion, u32be } from '@stride/codec';
import { BlockType, pcapngCodecs } from './blocks.js';
import { PCAP_HEADER, PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO } from './pcap-format.js';

type Format = 'pcap-le' | 'pcap-be' | 'pcapng' | 'unknown';

const swap = (n: number) => ((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24);

function classify(magic: number): Format {
  if (magic === PCAP_MAGIC_MICRO || magic === PCAP_MAGIC_NANO) return 'pcap-be';
  const swapped = swap(magic) >>> 0;
  if (swapped === PCAP_MAGIC_MICRO || swapped === PCAP_MAGIC_NANO) return 'pcap-le';
  return magic === BlockType.SHB ? 'pcapng' : 'unknown';
}

function build(maxSnap: number, maxBlock: number) {
  return taggedUnion(
    peekTag(u32be, classify),
    {
      'pcap-le': PCAP_HEADER.le,
      'pcap-be': PCAP_HEADER.be,
      // An SHB reads the same in either order: the variant of either union reads it.
      pcapng: pcapngCodecs('le', maxSnap, maxBlock).block,
    },
    { tagKey: 'format' },
  );
}

export type FileStartCodec = ReturnType<typeof build>;
export type FileStart = Infer<FileStartCodec>;

const cache = new Map<string, FileStartCodec>();

/** The codec of a capture's first record, for these bounds. */
export function fileStartCodec(maxSnap: number, maxBlock: number): FileStartCodec {
  const key = `${maxSnap}:${maxBlock}`;
  let codec = cache.get(key);
  if (codec === undefined) {
    codec = build(maxSnap, maxBlock);
    cache.set(key, codec);
  }
  return codec;
}
