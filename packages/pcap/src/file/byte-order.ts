/**
 * The integer codecs of one byte order. A pcap file's order is its magic's; a pcapng section's is
 * its Section Header Block's byte-order magic, and may change from one section to the next, so
 * every schema in this folder is built once per order from these.
 */
import {
  type Codec,
  i32be,
  i32le,
  i64be,
  i64le,
  u16be,
  u16le,
  u32be,
  u32le,
  u64be,
  u64le,
} from '@stride/codec';

export type ByteOrder = 'le' | 'be';

export interface Ints {
  readonly order: ByteOrder;
  readonly u16: Codec<number>;
  readonly u32: Codec<number>;
  readonly i32: Codec<number>;
  readonly u64: Codec<bigint>;
  readonly i64: Codec<bigint>;
}

export const INTS: Readonly<Record<ByteOrder, Ints>> = {
  le: { order: 'le', u16: u16le, u32: u32le, i32: i32le, u64: u64le, i64: i64le },
  be: { order: 'be', u16: u16be, u32: u32be, i32: i32be, u64: u64be, i64: i64be },
};

/** Bytes that pad `n` to a multiple of 4. */
export function pad4(n: number): number {
  return (4 - (n & 3)) & 3;
}
