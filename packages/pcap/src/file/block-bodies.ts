/**
 * The bodies of the pcapng blocks this package reads (draft-ietf-opsawg-pcapng §4 and appendix),
 * as codec schemas of one byte order, each within its block's sized section. Packet data is a view
 * of the input; its captured length is checked against `maxSnapLength` before it is waited for.
 * Padding is `align(4)`: blocks start 4-aligned, and a record is one block.
 */
import { align, array, bytes, type Codec, defineCodec, literal, refine, struct } from '@stride/codec';
import type { Ints } from './byte-order.js';
import { fault } from './faults.js';
import { optionList } from './options.js';

/** The byte-order magic of a Section Header Block, as read in the section's own order. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** A captured length of at most `max` bytes. */
export function capturedLength(u32: Codec<number>, max: number): Codec<number> {
  return refine(
    u32,
    (n) => n <= max,
    fault('SNAPLEN_EXCEEDED', `a captured length of at most ${max} (maxSnapLength)`),
  );
}

/**
 * A packet's data, right after its captured and original lengths (both u32): as many bytes as the
 * captured length, read back from 8 bytes before. One codec per byte order, where a dependent field
 * (`(s) => bytes(s.capturedLength)`) builds a codec per packet, a sixth of the time a packet took.
 * The length is already checked, by the `capturedLength` field before it.
 */
export function dataAfterLengths(i: Ints): Codec<Uint8Array> {
  const le = i.order === 'le';
  return defineCodec<Uint8Array>({
    name: 'dataAfterLengths',
    read: (st) => {
      const at = st.pos;
      st.pos = at - 8;
      const n = le ? st.u32le() : st.u32be();
      st.pos = at;
      return st.bytes(n);
    },
    write: (w, data) => w.bytes(data),
  });
}

const majorOne = fault('UNSUPPORTED_VERSION', 'pcapng major version 1');

export function shbBody(i: Ints) {
  return struct({
    byteOrderMagic: literal(i.u32, BYTE_ORDER_MAGIC),
    majorVersion: refine(i.u16, (v): boolean => v === 1, majorOne),
    minorVersion: i.u16,
    sectionLength: i.i64,
    options: optionList(i, 'shb'),
  });
}

export function idbBody(i: Ints) {
  return struct({ linkType: i.u16, reserved: i.u16, snapLength: i.u32, options: optionList(i, 'idb') });
}

/** Enhanced Packet Block (type 6). */
export function epbBody(i: Ints, maxSnap: number) {
  return struct({
    interfaceId: i.u32,
    timestampHigh: i.u32,
    timestampLow: i.u32,
    capturedLength: capturedLength(i.u32, maxSnap),
    originalLength: i.u32,
    data: dataAfterLengths(i),
    pad: align(4),
    options: optionList(i, 'epb'),
  });
}

/** The obsolete Packet Block (type 2): a 16-bit interface id and a drops count. */
export function pbBody(i: Ints, maxSnap: number) {
  return struct({
    interfaceId: i.u16,
    dropsCount: i.u16,
    timestampHigh: i.u32,
    timestampLow: i.u32,
    capturedLength: capturedLength(i.u32, maxSnap),
    originalLength: i.u32,
    data: dataAfterLengths(i),
    pad: align(4),
    options: optionList(i, 'pb'),
  });
}

/** Simple Packet Block (type 3): the data and its padding; the captured length comes from the interface's snaplen. */
export function spbBody(i: Ints) {
  return struct({ originalLength: i.u32, data: bytes('toEnd') });
}

/** Name Resolution Block (type 4): records up to nrb_record_end (type 0), then options. */
export function nrbBody(i: Ints) {
  const record = struct({ recordType: i.u16, value: bytes(i.u16), pad: align(4) });
  return struct({
    records: array(record, { until: (r) => r.recordType === 0 }),
    options: optionList(i, 'nrb'),
  });
}

/** Interface Statistics Block (type 5). */
export function isbBody(i: Ints) {
  return struct({
    interfaceId: i.u32,
    timestampHigh: i.u32,
    timestampLow: i.u32,
    options: optionList(i, 'isb'),
  });
}

/** Decryption Secrets Block (type 10). */
export function dsbBody(i: Ints) {
  return struct({ secretsType: i.u32, data: bytes(i.u32), pad: align(4), options: optionList(i, 'dsb') });
}

/** Custom Block (0x00000BAD copyable, 0x40000BAD not): a Private Enterprise Number, then data and options this reader cannot tell apart. */
export function customBody(i: Ints) {
  return struct({ pen: i.u32, data: bytes('toEnd') });
}

/** Any other block type: its body's bytes, skipped by its length. */
export function unknownBody() {
  return struct({ data: bytes('toEnd') });
}
