/**
 * bits: named bit fields packed into whole bytes, decoded into an object of numbers.
 *
 *   bits({ version: 4, ihl: 4 })                        // IPv4's first byte: { version, ihl }
 *   bits({ a: 1, b: 3, c: 4 }, { order: 'lsb' })
 *   bits({ syn: bool, ack: bool, window: 14 })          // `bool` marks a 1-bit boolean
 *
 * Order 'msb' (the default, network order) puts the first field in the high bits of the first
 * byte, as IP and TCP headers and most formats drawn as bit diagrams do; 'lsb' puts it in the low
 * bits of the first byte, as DEFLATE and USB do. Each field is 1 to 32 bits; the widths must add up
 * to whole bytes, at most 8, unless `size` (in bytes) gives room for unused bits, which follow the
 * fields, are ignored on decode and written as 0.
 *
 * The bytes form one integer (big-endian for 'msb', little-endian for 'lsb'), held as two 32-bit
 * halves, `lo` (bits 0–31) and `hi` (32–63), so no field needs a BigInt.
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { type EncodeState, rangeError } from '../core/encode-state.js';
import { key, prop, type ReadGen, type WriteGen } from '../core/gen.js';
import { EncodeError } from '../errors.js';
import { BoolCodec } from '../numbers/bool.js';
import type { Simplify } from '../struct/struct.js';

/** Field widths in bits; `bool` for a 1-bit boolean. */
export type BitWidths = Record<string, number | BoolCodec>;

export type BitsValue<F extends BitWidths> = Simplify<{
  -readonly [K in keyof F]: F[K] extends BoolCodec ? boolean : number;
}>;

export interface BitsOptions {
  /** Where the first field goes: the high bits of the first byte ('msb', default) or the low ('lsb'). */
  order?: 'msb' | 'lsb';
  /** Bytes taken, when more than the fields need. */
  size?: number;
}

interface BitField {
  readonly name: string;
  readonly width: number;
  /** Position of the field's lowest bit in the integer the bytes form. */
  readonly shift: number;
  readonly flag: boolean;
}

export class BitsCodec<F extends BitWidths> extends Codec<BitsValue<F>> {
  readonly kind = 'bits';
  override readonly size: number;
  readonly msb: boolean;
  readonly #fields: readonly BitField[];

  constructor(widths: F, options: BitsOptions = {}) {
    super();
    this.msb = (options.order ?? 'msb') === 'msb';
    const entries = Object.entries(widths).map(([name, w]) => {
      const flag = w instanceof BoolCodec;
      const width = flag ? 1 : w;
      if (!(Number.isInteger(width) && (width as number) >= 1 && (width as number) <= 32))
        throw new TypeError(`bits: field "${name}" must be 1 to 32 bits wide, got ${String(w)}`);
      return { name, width: width as number, flag };
    });
    const total = entries.reduce((n, f) => n + f.width, 0);
    this.size = options.size ?? total / 8;
    if (!(Number.isInteger(this.size) && this.size >= 1 && this.size <= 8 && total <= this.size * 8)) {
      throw new TypeError(
        `bits: ${total} bits ${options.size === undefined ? 'are not whole bytes (give `size`)' : `do not fit in ${options.size} bytes`}, or more than 8 bytes`,
      );
    }
    let next = this.msb ? this.size * 8 : 0;
    this.#fields = entries.map((f) => {
      const shift = this.msb ? next - f.width : next;
      next = this.msb ? shift : shift + f.width;
      return { ...f, shift };
    });
    Object.freeze(this);
  }

  /** Position in the integer of the lowest bit of byte i. */
  #bitOf(i: number): number {
    return this.msb ? 8 * (this.size - 1 - i) : 8 * i;
  }

  read(st: DecodeState): BitsValue<F> {
    const at = st.take(this.size);
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < this.size; i++) {
      const b = st.src.u8(at + i);
      const bit = this.#bitOf(i);
      if (bit < 32) lo += b * 2 ** bit;
      else hi += b * 2 ** (bit - 32);
    }
    const out: Record<string, number | boolean> = {};
    for (const f of this.#fields) {
      const v = fieldOf(lo, hi, f);
      out[f.name] = f.flag ? v !== 0 : v;
    }
    return out as BitsValue<F>;
  }

  write(w: EncodeState, value: BitsValue<F>): void {
    if (typeof value !== 'object' || value === null)
      throw new EncodeError(
        'NOT_AN_OBJECT',
        `bits expects an object, got ${value === null ? 'null' : typeof value}`,
      );
    let lo = 0;
    let hi = 0;
    for (const f of this.#fields) {
      const x = (value as Record<string, unknown>)[f.name];
      const v = f.flag ? (x === true ? 1 : x === false ? 0 : -1) : x;
      if (!(Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** f.width)) {
        const what = f.flag
          ? 'a 1-bit flag (true or false)'
          : `a ${f.width}-bit field (an integer in [0, 2^${f.width}))`;
        throw rangeError(x, what).within(f.name);
      }
      // The fields do not overlap, so adding them is or-ing them.
      const n = v as number;
      if (f.shift >= 32) hi += n * 2 ** (f.shift - 32);
      else if (f.shift + f.width <= 32) lo += n * 2 ** f.shift;
      else {
        lo += (n % 2 ** (32 - f.shift)) * 2 ** f.shift;
        hi += Math.floor(n / 2 ** (32 - f.shift));
      }
    }
    const at = w.reserve(this.size);
    for (let i = 0; i < this.size; i++) {
      const bit = this.#bitOf(i);
      // A Uint8Array store keeps the low 8 bits.
      w.u8a[at + i] = bit < 32 ? lo >>> bit : hi >>> (bit - 32);
    }
  }

  override [GEN_READ](g: ReadGen): string {
    g.ensure(this.size, true);
    const lo = g.tmp('lo');
    const hi = g.tmp('hi');
    const bytes = Array.from({ length: this.size }, (_, i) => i);
    // Each half is a run of consecutive bytes: one DataView read for 2 or 4 of them.
    const word = (half: number) => {
      const run = bytes.filter((i) => (this.#bitOf(i) >= 32 ? 1 : 0) === half);
      const first = g.off + (run[0] ?? 0);
      if (run.length === 4) return `dv.getUint32(p + ${first}, ${!this.msb})`;
      if (run.length === 2) return `dv.getUint16(p + ${first}, ${!this.msb})`;
      const terms = run.map((i) => {
        const bit = this.#bitOf(i) - 32 * half;
        return bit === 0 ? `u8[p + ${g.off + i}]` : `u8[p + ${g.off + i}] * ${2 ** bit}`;
      });
      return terms.length === 0 ? '0' : terms.join(' + ');
    };
    g.emit(`const ${lo} = ${word(0)}, ${hi} = ${word(1)};`);
    g.off += this.size;
    const entries = this.#fields.map((f) => {
      const v = fieldCode(lo, hi, f);
      return `${key(f.name)}: ${f.flag ? `${v} !== 0` : v}`;
    });
    return `{${entries.join(', ')}}`;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const o = g.tmp('o');
    g.emit(`const ${o} = ${v};`);
    g.check(`typeof ${o} === 'object' && ${o} !== null`);
    const lo: string[] = [];
    const hi: string[] = [];
    for (const f of this.#fields) {
      const x = g.tmp('x');
      if (f.flag) {
        g.emit(`const ${x} = ${prop(o, f.name)} === true ? 1 : ${prop(o, f.name)} === false ? 0 : -1;`);
        g.check(`${x} >= 0`);
      } else {
        g.emit(`const ${x} = ${prop(o, f.name)};`);
        g.check(`Number.isInteger(${x}) && ${x} >= 0 && ${x} < ${2 ** f.width}`);
      }
      const times = (bit: number) => (bit === 0 ? x : `${x} * ${2 ** bit}`);
      if (f.shift >= 32) hi.push(times(f.shift - 32));
      else if (f.shift + f.width <= 32) lo.push(times(f.shift));
      else {
        lo.push(`(${x} % ${2 ** (32 - f.shift)}) * ${2 ** f.shift}`);
        hi.push(`Math.floor(${x} / ${2 ** (32 - f.shift)})`);
      }
    }
    const l = g.tmp('lo');
    const h = g.tmp('hi');
    g.emit(`const ${l} = ${lo.join(' + ') || '0'}, ${h} = ${hi.join(' + ') || '0'};`);
    g.room(this.size);
    for (let i = 0; i < this.size; i++) {
      const bit = this.#bitOf(i);
      g.emit(`u8[p + ${g.off + i}] = ${bit < 32 ? `${l} >>> ${bit}` : `${h} >>> ${bit - 32}`};`);
    }
    g.off += this.size;
  }
}

/** The field's value out of the two halves (each an integer in [0, 2^32)). */
function fieldOf(lo: number, hi: number, f: BitField): number {
  if (f.shift >= 32) return Math.floor(hi / 2 ** (f.shift - 32)) % 2 ** f.width;
  if (f.shift + f.width <= 32) return Math.floor(lo / 2 ** f.shift) % 2 ** f.width;
  // Straddles the halves: its low (32 - shift) bits are the top of lo.
  return (hi % 2 ** (f.shift + f.width - 32)) * 2 ** (32 - f.shift) + Math.floor(lo / 2 ** f.shift);
}

/** `fieldOf` as an expression, with 32-bit operations where the result stays below 2^31. */
function fieldCode(lo: string, hi: string, f: BitField): string {
  const pick = (word: string, shift: number, width: number) => {
    const shifted = shift === 0 ? word : `(${word} >>> ${shift})`;
    return width === 32 ? word : `(${shifted} & ${2 ** width - 1})`;
  };
  if (f.shift >= 32) return pick(hi, f.shift - 32, f.width);
  if (f.shift + f.width <= 32) return pick(lo, f.shift, f.width);
  return `(${pick(hi, 0, f.shift + f.width - 32)} * ${2 ** (32 - f.shift)} + (${lo} >>> ${f.shift}))`;
}

/** Bit fields packed into whole bytes; see the module comment. */
export function bits<F extends BitWidths>(fields: F, options: BitsOptions = {}): BitsCodec<F> {
  return new BitsCodec(fields, options);
}
