// Type names as paths (`top::a::b`) in casts, `sizeof` and field types, resolved by the model's
// resolver the way Kaitai's compiler does: each name from the type the one before it found, first
// among its nested types, then outward through the enclosing ones, then the top types (the top
// type's own id among them). So a path may start at the top and go through siblings, as
// `.as<top::chunk::chunk_body::chunk_meta>` does in Kaitai's switch_manual_int_size_eos.
import { KsyError, loadKsy } from '@stride/ksy';
import { describe, expect, it } from 'vitest';

/** `chunk` reads a `body::leaf` (u2) or a top-level `leaf` (u1); `body` is chunk's sibling, not its child. */
const ksy = (extra = '') => `
meta:
  id: paths
  endian: le
seq:
  - id: chunk
    type: chunk
  - id: tail
    type: paths::chunk::body::leaf
types:
  chunk:
    seq:
      - id: code
        type: u1
      - id: payload
        size: 2
        type:
          switch-on: code
          cases:
            1: body::leaf
            2: leaf
    instances:
      by_full_path:
        value: payload.as<paths::chunk::body::leaf>.x
      by_enclosing_name:
        value: payload.as<chunk::body::leaf>.x
      by_own_id:
        value: _root.as<paths>.tail.x
      leaf_bits:
        value: sizeof<paths::chunk::body::leaf> * 8
      nearest_leaf_bits:
        value: sizeof<leaf> * 8
${extra}
  body:
    types:
      leaf:
        seq:
          - id: x
            type: u2
  leaf:
    seq:
      - id: y
        type: u1
`;

const input = Uint8Array.of(1, 0x34, 0x12, 0x78, 0x56);

describe('type paths from the top', () => {
  const format = loadKsy(ksy());
  const top = format.decode(input);

  it('casts by a path from the top through a sibling, from a nested type', () => {
    expect(format.evaluate('chunk.by_full_path', top)).toBe(0x1234);
    expect(format.evaluate('chunk.by_enclosing_name', top)).toBe(0x1234);
    expect(format.evaluate('chunk.by_own_id', top)).toBe(0x5678);
  });

  it('casts by such a path from the top type too', () => {
    expect(format.evaluate('chunk.payload.as<paths::chunk::body::leaf>.x', top)).toBe(0x1234);
    expect(format.evaluate('chunk.payload.as<paths::body::leaf>.x', top)).toBe(0x1234);
  });

  it('names a field type and a sizeof by such a path', () => {
    expect(format.evaluate('tail.x', top)).toBe(0x5678);
    expect(format.evaluate('chunk.leaf_bits', top)).toBe(16);
  });

  it('finds the nearest type of a name first (the top-level leaf, not body::leaf)', () => {
    expect(format.evaluate('chunk.nearest_leaf_bits', top)).toBe(8);
    const other = format.decode(Uint8Array.of(2, 0x34, 0x12, 0x78, 0x56));
    expect(format.evaluate('chunk.payload.as<leaf>.y', other)).toBe(0x34);
  });

  it('refuses a path whose name is nowhere on the way (UNKNOWN_NAME)', () => {
    const bad = `      missing:\n        value: payload.as<paths::chunk::nothing::leaf>.x\n`;
    expect(() => loadKsy(ksy(bad))).toThrow(KsyError);
    expect(() => loadKsy(ksy(bad))).toThrow(expect.objectContaining({ code: 'UNKNOWN_NAME' }));
  });
});
