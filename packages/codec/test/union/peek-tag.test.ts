import {
  bits,
  bool,
  bytes,
  decode,
  EncodeError,
  encode,
  literal,
  peek,
  peekTag,
  struct,
  TagError,
  taggedUnion,
  transform,
  u8,
  u16be,
  uleb128,
  when,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, thrown } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

// An MQTT-like fixed header: the packet type in the top 4 bits of the first byte, flags that
// depend on the type in the low 4 bits, then the remaining length.
const Publish = struct({
  header: bits({ type: 4, dup: bool, qos: 2, retain: bool }),
  length: uleb128,
  topic: bytes(u16be),
}).field('packetId', (s) => when(s.header.qos > 0, u16be));
const PingReq = struct({ header: bits({ type: 4, flags: 4 }), length: literal(uleb128, 0) });
const Packet = taggedUnion(
  peekTag(u8, (b) => b >> 4),
  { 3: Publish, 12: PingReq },
);

const publish = {
  type: 3,
  header: { type: 3, dup: false, qos: 1, retain: true },
  length: 6,
  topic: bin(0x61, 0x62),
  packetId: 7,
} as const;
const pingreq = { type: 12, header: { type: 12, flags: 0 }, length: 0 } as const;

describe('peekTag: a tag in the variant’s own bytes', () => {
  it('selects the variant by the bits it peeks; the variant reads the whole byte', () => {
    const b = bin(0x33, 6, 0, 2, 0x61, 0x62, 0, 7);
    expect(decode(Packet, b)).toEqual(publish);
    expect(encode(Packet, publish)).toEqual(b);
    expect(decode(Packet, bin(0xc0, 0))).toEqual(pingreq);
    expect(encode(Packet, pingreq)).toEqual(bin(0xc0, 0));
    expect(thrown(() => decode(Packet, bin(0x50, 0)))).toBeInstanceOf(TagError);
    expect(thrown(() => decode(Packet, bin(0x50, 0)))).toMatchObject({ path: 'type', offset: 0 });
  });

  it('refuses a value whose variant writes another tag (a PINGREQ header on a PUBLISH)', () => {
    const e = thrown(() => encode(Packet, { ...publish, header: { ...publish.header, type: 12 } }));
    expect(e).toBeInstanceOf(EncodeError);
    expect(e).toMatchObject({ code: 'TAG_MISMATCH', path: 'type' });
    expect(e.message).toBe("type: the variant's bytes carry tag 12, but the value's tag is 3");
    expect(thrown(() => encode(Packet, { ...pingreq, header: { type: 3, flags: 0 } }))).toMatchObject({
      code: 'TAG_MISMATCH',
    });
  });

  it('checks a plain peeked tag too (the repro: taggedUnion(peek(transform(u8, …))))', () => {
    const high = peek(transform(u8, { decode: (b) => b >> 4, encode: (t: number) => t << 4 }));
    const P = taggedUnion(high, { 3: Publish, 12: PingReq });
    expect(encode(P, pingreq)).toEqual(bin(0xc0, 0));
    expect(thrown(() => encode(P, { ...publish, header: { ...publish.header, type: 12 } }))).toMatchObject({
      code: 'TAG_MISMATCH',
    });
    // A variant that writes no bytes carries no tag.
    const Empty = taggedUnion(
      peekTag(u8, (b) => b),
      { 1: struct({}) },
    );
    expect(thrown(() => encode(Empty, { type: 1 }))).toMatchObject({ code: 'TAG_MISMATCH', path: 'type' });
  });

  it('round-trips and gives the same records and errors in any chunking (fast-check)', () => {
    const packet = fc.oneof(
      fc
        .record({
          dup: fc.boolean(),
          qos: fc.integer({ min: 0, max: 2 }),
          retain: fc.boolean(),
          topic: fc.uint8Array({ maxLength: 5 }),
          packetId: fc.nat(0xffff),
        })
        .map(({ dup, qos, retain, topic, packetId }) => ({
          type: 3 as const,
          header: { type: 3, dup, qos, retain },
          length: 2 + topic.length + (qos > 0 ? 2 : 0),
          topic,
          packetId: qos > 0 ? packetId : undefined,
        })),
      fc.constant(pingreq),
    );
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 4 }), (packets) => {
        const stream = Uint8Array.from(packets.flatMap((p) => [...encode(Packet, p)]));
        expect(expectChunkInvariant(Packet, stream, 5).records).toEqual(packets);
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(hostileBytes([bin(0x33, 6, 0, 2, 0x61, 0x62, 0, 7), bin(0xc0, 0)]), (b) => {
        expectChunkInvariant(Packet, b, 3);
      }),
      { numRuns: 150 },
    );
  });
});
