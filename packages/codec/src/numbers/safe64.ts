/**
 * 64-bit integers as `number`: a BigInt costs ~25 ns, more than half of a whole small record, so
 * these read two 32-bit halves and refuse any value past ±(2^53 − 1), which a
 * number cannot hold exactly: a ValidationError (`VALIDATION_FAILED`), as BufferChain's `u64leNumber`
 * raises. Encoding refuses the same values.
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { type EncodeState, rangeError } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';

const TWO32 = 4294967296;

export class Safe64 extends Codec<number> {
  readonly kind: string;
  override readonly size = 8;

  readonly #signed: boolean;
  readonly #le: boolean;

  constructor(signed: boolean, le: boolean) {
    super();
    this.#signed = signed;
    this.#le = le;
    this.kind = `${signed ? 'i' : 'u'}64${le ? 'le' : 'be'}Number`;
    Object.freeze(this);
  }

  read(st: DecodeState): number {
    const at = st.take(8);
    const lo = st.src.u32(this.#le ? at : at + 4, this.#le);
    const hi = this.#signed
      ? st.src.i32(this.#le ? at + 4 : at, this.#le)
      : st.src.u32(this.#le ? at + 4 : at, this.#le);
    const v = hi * TWO32 + lo;
    if (!Number.isSafeInteger(v)) {
      const exact = (BigInt(hi) << 32n) | BigInt(lo);
      st.invalid(
        at,
        8,
        `${this.kind}: ${exact} is past 2^53 - 1, which a number cannot hold exactly; use the bigint codec`,
        'a safe integer',
        `${exact}`,
      );
    }
    return v;
  }

  write(w: EncodeState, value: number): void {
    if (!(Number.isSafeInteger(value) && (this.#signed || value >= 0))) {
      throw rangeError(value, `${this.kind} (a safe integer${this.#signed ? '' : ' ≥ 0'})`);
    }
    const hi = Math.floor(value / TWO32);
    const lo = value - hi * TWO32;
    const at = w.reserve(8);
    w.dv.setUint32(this.#le ? at : at + 4, lo, this.#le);
    w.dv.setInt32(this.#le ? at + 4 : at, hi, this.#le);
  }

  override [GEN_READ](g: ReadGen): string {
    g.ensure(8, true);
    const lo = g.off + (this.#le ? 0 : 4);
    const hi = g.off + (this.#le ? 4 : 0);
    g.off += 8;
    const v = g.tmp();
    const getHi = this.#signed ? 'getInt32' : 'getUint32';
    g.emit(
      `const ${v} = dv.${getHi}(p + ${hi}, ${this.#le}) * ${TWO32} + dv.getUint32(p + ${lo}, ${this.#le});`,
    );
    g.emit(`if (!Number.isSafeInteger(${v})) return FAIL;`);
    return v;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const x = g.tmp('x');
    const hi = g.tmp('h');
    g.emit(`const ${x} = ${v};`);
    g.check(`Number.isSafeInteger(${x})${this.#signed ? '' : ` && ${x} >= 0`}`);
    g.emit(`const ${hi} = Math.floor(${x} / ${TWO32});`);
    g.room(8);
    g.emit(`dv.setUint32(p + ${g.off + (this.#le ? 0 : 4)}, ${x} - ${hi} * ${TWO32}, ${this.#le});`);
    g.emit(`dv.setInt32(p + ${g.off + (this.#le ? 4 : 0)}, ${hi}, ${this.#le});`);
    g.off += 8;
  }
}

export const u64leNumber: Codec<number> = new Safe64(false, true);
export const u64beNumber: Codec<number> = new Safe64(false, false);
export const i64leNumber: Codec<number> = new Safe64(true, true);
export const i64beNumber: Codec<number> = new Safe64(true, false);
