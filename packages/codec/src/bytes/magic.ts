/**
 * magic: a constant the format requires (`magic('\x89PNG\r\n\x1a\n')`, `magic(bytesOf([0xca, 0xfe]))`).
 * It decodes to nothing, so a struct leaves it out of its value; encoding writes the constant.
 * A mismatch is a ConstantError at the constant's first byte, with both byte strings in hex (and as
 * text when they are printable ASCII).
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
import { hex } from '../errors.js';
import { bytesOf } from './bytes.js';

/** Constants up to this long compile to one comparison per byte; longer ones to a loop. */
const INLINE = 16;

export class MagicCodec extends Codec<void> {
  readonly kind = 'magic';
  /** Read and written, but not part of a struct's value. */
  readonly hidden = true;
  override readonly size: number;
  readonly constant: Uint8Array;

  constructor(constant: Uint8Array | string) {
    super();
    this.constant = typeof constant === 'string' ? bytesOf(constant) : constant.slice();
    if (this.constant.length === 0) throw new TypeError('magic: the constant is empty');
    this.size = this.constant.length;
    Object.freeze(this);
  }

  read(st: DecodeState): void {
    const c = this.constant;
    const at = st.take(c.length);
    for (let i = 0; i < c.length; i++) {
      if (st.src.u8(at + i) !== c[i])
        st.badConstant(at, c.length, describeBytes(c), describeBytes(st.src.bytes(at, c.length)));
    }
  }

  write(w: EncodeState): void {
    w.bytes(this.constant);
  }

  override [GEN_READ](g: ReadGen): string {
    const c = this.constant;
    g.ensure(c.length, true);
    if (c.length <= INLINE) {
      const tests = Array.from(c, (b, i) => `u8[p + ${g.off + i}] !== ${b}`);
      g.emit(`if (${tests.join(' || ')}) return FAIL;`);
    } else {
      const i = g.tmp('i');
      g.emit(
        `for (let ${i} = 0; ${i} < ${c.length}; ${i}++) if (u8[${g.at} + ${i}] !== ${g.ref(c)}[${i}]) return FAIL;`,
      );
    }
    g.off += c.length;
    return 'undefined';
  }

  override [GEN_WRITE](g: WriteGen): void {
    g.room(this.constant.length);
    g.emit(`u8.set(${g.ref(this.constant)}, ${g.at});`);
    g.off += this.constant.length;
  }
}

/** A constant the format requires; decodes to nothing (a struct leaves it out of its value). */
export function magic(constant: Uint8Array | string): MagicCodec {
  return new MagicCodec(constant);
}

/** Hex, and the text too when every byte is printable ASCII: `50 4b ("PK")`. */
export function describeBytes(b: Uint8Array): string {
  const printable = b.every((x) => x >= 0x20 && x < 0x7f);
  return printable ? `${hex(b)} (${JSON.stringify(String.fromCharCode(...b))})` : hex(b);
}
