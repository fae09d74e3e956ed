import {
  array,
  type Codec,
  Decoder,
  type DecodeState,
  decode,
  defineCodec,
  Encoder,
  encode,
  StreamDecoder,
  sized,
  struct,
  u8,
  u16be,
  u16le,
  u32be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Settings agreed outside the bytes, as a protocol's handshake or an image's header would give. */
interface Settings {
  littleEndian: boolean;
}

/** A u16 in the byte order the context names: a codec that reads `st.context`. */
const word = defineCodec<number>({
  name: 'word',
  size: 2,
  read: (st: DecodeState<Settings>) => (st.context.littleEndian ? st.u16le() : st.u16be()),
  write: (w, v) => ((w.context as Settings).littleEndian ? w.u16le(v) : w.u16be(v)),
});

/** A dependent field that chooses its codec from the context. */
const Rec = struct({ tag: u8 }).field('value', (_s, settings: Settings) =>
  settings.littleEndian ? u16le : u16be,
);

const le: Settings = { littleEndian: true };
const be: Settings = { littleEndian: false };

describe('the context slot', () => {
  it('is what decode was given, for codecs and dependent fields', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(decode(Rec, bytes, { context: le })).toEqual({ tag: 1, value: 0x0302 });
    expect(decode(Rec, bytes, { context: be })).toEqual({ tag: 1, value: 0x0203 });
    const Both = struct({ tag: u8, w: word });
    expect(decode(Both, bytes, { context: le })).toEqual({ tag: 1, w: 0x0302 });
    expect(decode(Both, bytes, { context: be })).toEqual({ tag: 1, w: 0x0203 });
  });

  it('is undefined without the option', () => {
    const seen: unknown[] = [];
    const probe = defineCodec<number>({
      read: (st) => {
        seen.push(st.context);
        return st.u8();
      },
      write: (w, v) => w.u8(v),
    });
    decode(probe, new Uint8Array([0]));
    expect(seen).toEqual([undefined]);
    expect(seen.length).toBe(1);
  });

  it('reaches every record of a Decoder and of a StreamDecoder in any chunking', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const expected = [
      { tag: 1, value: 0x0302 },
      { tag: 4, value: 0x0605 },
    ];
    expect([...new Decoder(Rec, bytes, { context: le })]).toEqual(expected);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), 6];
        const d = new StreamDecoder(Rec, { context: le });
        const out: unknown[] = [];
        for (let i = 1; i < at.length; i++) d.write(bytes.subarray(at[i - 1], at[i]), (r) => out.push(r));
        d.finish((r) => out.push(r));
        expect(out).toEqual(expected);
      }),
    );
  });

  it('is what encode was given, also inside sections and arrays that encode their body apart', () => {
    expect(encode(Rec, { tag: 1, value: 0x0302 }, { context: le })).toEqual(new Uint8Array([1, 2, 3]));
    expect(encode(Rec, { tag: 1, value: 0x0302 }, { context: be })).toEqual(new Uint8Array([1, 3, 2]));
    const Framed: Codec<{ tag: number; value: number }[]> = sized(u32be, array(Rec, { byteLength: u8 }));
    const records = [{ tag: 7, value: 0x0102 }];
    const bytes = encode(Framed, records, { context: le });
    expect(bytes).toEqual(new Uint8Array([0, 0, 0, 4, 3, 7, 2, 1]));
    expect(decode(Framed, bytes, { context: le })).toEqual(records);
    const e = new Encoder(Rec, { context: be });
    e.write({ tag: 1, value: 0x0203 });
    e.finish();
    expect(e.write({ tag: 2, value: 0x0203 }).finish()).toEqual(new Uint8Array([2, 2, 3]));
  });
});
