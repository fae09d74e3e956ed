/**
 * bool: one byte, 0 for false and 1 for true. Any other byte is a ValidationError unless the codec
 * is made with `bool8({ strict: false })`, which reads every non-zero byte as true. Encoding writes
 * 0 or 1.
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { type EncodeState, rangeError } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';

export interface BoolOptions {
  /** Refuse bytes other than 0 and 1 (default true). */
  strict?: boolean;
}

export class BoolCodec extends Codec<boolean> {
  readonly kind = 'bool';
  override readonly size = 1;
  readonly strict: boolean;

  constructor(options: BoolOptions = {}) {
    super();
    this.strict = options.strict ?? true;
    Object.freeze(this);
  }

  read(st: DecodeState): boolean {
    const at = st.take(1);
    const b = st.src.u8(at);
    if (b > 1 && this.strict) st.invalid(at, 1, `bool: byte ${b} is neither 0 nor 1`, '0 or 1', `${b}`);
    return b !== 0;
  }

  write(w: EncodeState, value: boolean): void {
    if (typeof value !== 'boolean') throw rangeError(value, 'bool (true or false)');
    w.u8a[w.reserve(1)] = value ? 1 : 0;
  }

  override [GEN_READ](g: ReadGen): string {
    g.ensure(1, true);
    const b = g.tmp('b');
    g.emit(`const ${b} = u8[${g.at}];`);
    g.off += 1;
    if (this.strict) g.emit(`if (${b} > 1) return FAIL;`);
    return `${b} !== 0`;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const x = g.tmp('x');
    g.emit(`const ${x} = ${v};`);
    g.check(`typeof ${x} === 'boolean'`);
    g.room(1);
    g.emit(`u8[${g.at}] = ${x} ? 1 : 0;`);
    g.off += 1;
  }
}

/** A one-byte boolean; `{ strict: false }` reads any non-zero byte as true. */
export function bool8(options: BoolOptions = {}): BoolCodec {
  return new BoolCodec(options);
}

/** A one-byte boolean: 0 or 1, other bytes refused. */
export const bool: BoolCodec = bool8();
