/**
 * A small message format, defined once and used both ways: a magic, a version, flag bits, a count,
 * then that many items of two kinds, the whole frame length-prefixed and CRC-checked.
 * Run it: `npx tsx --conditions=@stride/source examples/codec/strd.ts`.
 */
import {
  array,
  bits,
  bool,
  checksummed,
  type DecodeError,
  decode,
  encode,
  f32be,
  type Infer,
  literal,
  magic,
  sized,
  string,
  struct,
  taggedUnion,
  u8,
  u16be,
  u32be,
} from '@stride/codec';

/** An item is a named id (kind 1) or a point (kind 2): a discriminated union on `kind`. */
export const Item = taggedUnion(
  u8,
  {
    1: struct({ id: u32be, name: string(u8) }),
    2: struct({ x: f32be, y: f32be }),
  },
  { tagKey: 'kind' },
);

export const Header = struct({
  magic: magic('STRD'),
  version: literal(u8, 1),
  flags: bits({ compressed: bool, encrypted: bool, reserved: 6 }),
  count: u16be,
}).field('items', (h) => array(Item, h.count)); // `h` is typed: { version: 1; flags: …; count: number }

/** On the wire: u32 length, the header in exactly that many bytes, CRC-32 of those bytes. */
export const Frame = checksummed(sized(u32be, Header), { algorithm: 'crc32', checksum: u32be });

export type Frame = Infer<typeof Frame>;

const isMain = process.argv[1]?.endsWith('strd.ts');
if (isMain) {
  const frame: Frame = {
    version: 1,
    flags: { compressed: false, encrypted: true, reserved: 0 },
    count: 2,
    items: [
      { kind: 1, id: 7, name: 'seven' },
      { kind: 2, x: 1.5, y: -2 },
    ],
  };
  const bytes = encode(Frame, frame);
  console.log(Buffer.from(bytes).toString('hex').replace(/(..)/g, '$1 '));
  console.log(decode(Frame, bytes));
  bytes[17] = 0x30; // the first name's length byte: 48 bytes, past the frame's end
  try {
    decode(Frame, bytes);
  } catch (e) {
    const err = e as DecodeError;
    console.log(`${err.name} ${err.code} at byte ${err.offset}, path ${err.path}:\n  ${err.message}`);
  }
}
