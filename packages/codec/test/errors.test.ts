import {
  DecodeError,
  decode,
  IncompleteError,
  LimitError,
  struct,
  u8,
  u32be,
  u64leNumber,
  ValidationError,
} from '@stride/codec';
import * as view from '@stride/view';
import { describe, expect, it } from 'vitest';

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('one error family', () => {
  it('codec re-exports the very classes @stride/view raises', () => {
    expect(DecodeError).toBe(view.DecodeError);
    expect(IncompleteError).toBe(view.IncompleteError);
    expect(ValidationError).toBe(view.ValidationError);
  });

  it("a BufferChain's failures are DecodeErrors of both packages, with a code and an absolute offset", () => {
    const chain = new view.BufferChain();
    chain.append(new Uint8Array([1, 2, 3]));
    chain.consume(1);
    const past = caught(() => chain.u32le(2));
    expect(past).toBeInstanceOf(DecodeError);
    expect(past).toBeInstanceOf(view.DecodeError);
    expect(past).toMatchObject({ code: 'INCOMPLETE', offset: 2, needed: 3 });
    const gone = caught(() => chain.cursor(0));
    expect(gone).toBeInstanceOf(DecodeError);
    expect(gone).toMatchObject({ code: 'BAD_OFFSET', offset: 0 });
  });

  it('a 64-bit value too big for a number is the same class and code in view and codec', () => {
    const bytes = new Uint8Array(12);
    new DataView(bytes.buffer).setBigUint64(4, 2n ** 53n, true);
    const chain = new view.BufferChain();
    chain.append(bytes);
    const fromChain = caught(() => chain.u64leNumber(4));
    const fromCodec = caught(() => decode(u64leNumber, bytes, { offset: 4, allowTrailing: true }));
    for (const e of [fromChain, fromCodec]) {
      expect(e).toBeInstanceOf(ValidationError);
      expect(e).toMatchObject({ code: 'VALIDATION_FAILED', offset: 4, actual: '9007199254740992' });
    }
    expect(caught(() => chain.cursor(4).u64leNumber())).toMatchObject({
      code: 'VALIDATION_FAILED',
      offset: 4,
    });
  });
});

describe('recode', () => {
  const Rec = struct({ head: u8, items: struct({ size: u32be }) });

  it('gives the same error a new code, keeping its class, path, offset, excerpt and stack', () => {
    const e = caught(() => decode(Rec, new Uint8Array([1, 0, 0]), { base: 100 }));
    if (!(e instanceof IncompleteError)) throw new Error('expected an IncompleteError');
    const { offset, excerpt, excerptStart, stack } = e;
    const out = e.recode('BAD_CHUNK_DATA');
    expect(out).toBe(e);
    expect(out).toBeInstanceOf(IncompleteError);
    expect(out).toMatchObject({ code: 'BAD_CHUNK_DATA', offset, excerpt, excerptStart, path: 'items.size' });
    expect(out.stack?.split('\n').slice(1)).toEqual(stack?.split('\n').slice(1));
    expect(out.message).toBe(`items.size: ${e.detail} at byte 101 (bytes from ${excerptStart}: ${excerpt})`);
  });

  it('may reword the detail; the path still grows afterwards', () => {
    const e = new LimitError('maxWidth', 'too wide', { offset: 7 }).within('width');
    const out = e.recode('IMAGE_TOO_WIDE', 'the width is past the limit').within('fields');
    expect(out).toMatchObject({ code: 'IMAGE_TOO_WIDE', limit: 'maxWidth', path: 'fields.width', offset: 7 });
    expect(out.message).toBe('fields.width: the width is past the limit at byte 7');
  });
});
