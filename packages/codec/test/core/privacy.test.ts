// What is private stays private at run time: the compiler's hooks on a codec (reader, genRead,
// genWrite) are keyed by symbols no package entry exports, and a struct's fields are #private and
// frozen, so nothing a user holds can change what a built codec decodes or bypass its checks.
import * as codec from '@stride/codec';
import {
  array,
  Codec,
  type DecodeState,
  decode,
  type EncodeState,
  encode,
  struct,
  tuple,
  u8,
  u16le,
} from '@stride/codec';
import { describe, expect, it } from 'vitest';

const HOOKS = ['reader', 'genRead', 'genWrite', 'fields'];

describe('codec internals', () => {
  it('no compiler hook is a string-keyed property of a built-in codec', () => {
    const codecs: object[] = [u8, u16le, struct({ a: u8 }), array(u8, 2), tuple([u8, u16le])];
    for (const c of codecs) {
      for (const name of HOOKS) expect([name, name in c]).toEqual([name, false]);
      expect((c as { genRead?: unknown }).genRead).toBeUndefined();
    }
  });

  it('the package entry exports none of the hooks nor a symbol that keys them', () => {
    for (const name of ['READER', 'GEN_READ', 'GEN_WRITE', 'fieldsOf', 'FAIL'])
      expect([name, name in codec]).toEqual([name, false]);
    expect(Object.values(codec).filter((v) => typeof v === 'symbol')).toEqual([]);
  });

  it('a struct whose size says 1 decodes one field, whatever is pushed where', () => {
    const s = struct({ a: u8 });
    const fields = (s as unknown as { fields?: unknown[] }).fields;
    expect(fields).toBeUndefined();
    expect(Reflect.ownKeys(s).filter((k) => typeof k === 'string' && !['kind', 'size'].includes(k))).toEqual(
      [],
    );
    expect(s.size).toBe(1);
    expect(decode(s, new Uint8Array([7]))).toEqual({ a: 7 });
  });

  it('a built codec cannot be changed: its fields are frozen, and a tuple copies its items', () => {
    const pair = array(u8, 2);
    expect(() => {
      (pair as unknown as { length: number }).length = 3;
    }).toThrow(TypeError);
    const items = [u8, u8];
    const t = tuple(items);
    items.push(u8);
    expect(() => (t.items as unknown as unknown[]).push(u8)).toThrow(TypeError);
    expect(() => {
      (u8 as unknown as { size: number }).size = 2;
    }).toThrow(TypeError);
    const s = struct({ pair, t });
    expect(s.size).toBe(4);
    expect(decode(s, new Uint8Array([1, 2, 3, 4]))).toEqual({ pair: [1, 2], t: [3, 4] });
  });

  it("a user codec's genRead/genWrite are not code the compiler runs", () => {
    let reads = 0;
    class Mine extends Codec<number> {
      readonly kind = 'mine';
      override readonly size = 1;
      read(st: DecodeState): number {
        reads++;
        return st.bytes(1)[0] as number;
      }
      write(w: EncodeState, value: number): void {
        w.u8(value);
      }
      genRead(): string {
        return '99';
      }
      genWrite(): void {
        throw new Error('not called');
      }
    }
    const s = struct({ a: new Mine(), b: u8 });
    expect(decode(s, new Uint8Array([5, 6]), { compile: true })).toEqual({ a: 5, b: 6 });
    expect(reads).toBe(1);
    expect(encode(s, { a: 5, b: 6 }, { compile: true })).toEqual(new Uint8Array([5, 6]));
  });
});
