/**
 * The pcap format (libpcap's savefile, draft-ietf-opsawg-pcap): a 24-byte file header whose magic
 * gives the byte order and the timestamp unit (0xA1B2C3D4 microseconds, 0xA1B23C4D nanoseconds),
 * then records of a 16-byte header and the captured bytes. Codec schemas per byte order; a record's
 * captured length is checked against `maxSnapLength` before its bytes are waited for.
 */
import { type Infer, refine, struct } from '@stride/codec';
import { capturedLength, dataAfterLengths } from './block-bodies.js';
import { type ByteOrder, INTS } from './byte-order.js';
import { fault } from './faults.js';

export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;

const majorTwo = fault('UNSUPPORTED_VERSION', 'pcap major version 2');

function header(order: ByteOrder) {
  const i = INTS[order];
  return struct({
    magic: i.u32,
    versionMajor: refine(i.u16, (v): boolean => v === 2, majorTwo),
    versionMinor: i.u16,
    thisZone: i.i32,
    sigFigs: i.u32,
    snapLength: i.u32,
    linkTypeField: i.u32,
  });
}

export const PCAP_HEADER = { le: header('le'), be: header('be') };
export type PcapHeader = Infer<(typeof PCAP_HEADER)['le']>;

function record(order: ByteOrder, maxSnap: number) {
  const i = INTS[order];
  return struct({
    timestampSeconds: i.u32,
    timestampFraction: i.u32,
    capturedLength: capturedLength(i.u32, maxSnap),
    originalLength: i.u32,
    data: dataAfterLengths(i),
  });
}

export type PcapRecordCodec = ReturnType<typeof record>;
export type PcapRecord = Infer<PcapRecordCodec>;

const cache = new Map<string, PcapRecordCodec>();

/** The record codec of one byte order and `maxSnapLength` (built once per combination). */
export function pcapRecordCodec(order: ByteOrder, maxSnap: number): PcapRecordCodec {
  const key = `${order}:${maxSnap}`;
  let codec = cache.get(key);
  if (codec === undefined) {
    codec = record(order, maxSnap);
    cache.set(key, codec);
  }
  return codec;
}
