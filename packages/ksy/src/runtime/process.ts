/**
 * `process:` routines: a field's bytes transformed before they are parsed (`xor(key)`, `rol(n)`,
 * `ror(n)`, `zlib`) and back when written. Custom routines are registered by name in `loadKsy`'s
 * options (`process: { my_cipher: { decode, encode } }`), called with the .ksy's arguments.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { KsyDecodeError } from '../errors.js';
import { valueEq } from '../expr/runtime.js';

/** A process routine: `decode` turns the stored bytes into the bytes parsed; `encode`, if given, back. */
export interface ProcessRoutine {
  decode(data: Uint8Array, args: readonly unknown[]): Uint8Array;
  encode?(data: Uint8Array, args: readonly unknown[]): Uint8Array;
}

function xor(data: Uint8Array, args: readonly unknown[]): Uint8Array {
  const key = args[0];
  const out = new Uint8Array(data.length);
  if (key instanceof Uint8Array) {
    if (key.length === 0) return data.slice();
    for (let i = 0, k = 0; i < data.length; i++, k = k + 1 === key.length ? 0 : k + 1)
      out[i] = (data[i] as number) ^ (key[k] as number);
  } else {
    const b = Number(key) & 0xff;
    for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) ^ b;
  }
  return out;
}

/** Each byte rotated left by `amount` bits (a negative amount rotates right). */
function rotate(data: Uint8Array, amount: number): Uint8Array {
  const n = ((amount % 8) + 8) % 8;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    out[i] = ((b << n) | (b >> (8 - n))) & 0xff;
  }
  return out;
}

function zlibInflate(data: Uint8Array): Uint8Array {
  try {
    const r = inflateSync(data);
    return new Uint8Array(r.buffer, r.byteOffset, r.length);
  } catch (e) {
    throw new KsyDecodeError('PROCESS_FAILED', `zlib: ${(e as Error).message}`, { offset: 0 });
  }
}

/**
 * The bytes a routine made (decode's result) → the bytes it was given, the arguments, and the
 * result's CRC-32 then (a result changed in place since is not taken for the one made).
 */
const sources = new WeakMap<
  Uint8Array,
  { readonly data: Uint8Array; readonly args: readonly unknown[]; readonly crc: number }
>();

/** Runs `routine.decode`, remembering what its result was made from (for `sourceOf`). */
export function decodeProcessed(
  routine: ProcessRoutine,
  data: Uint8Array,
  args: readonly unknown[],
): Uint8Array {
  const out = routine.decode(data, args);
  if (out !== data) sources.set(out, { data, args, crc: crc32(out) });
  return out;
}

/** The bytes `decodeProcessed` turned into `out`, as it is now, with these arguments, if it did. */
export function sourceOf(out: Uint8Array, args: readonly unknown[]): Uint8Array | undefined {
  const s = sources.get(out);
  if (s === undefined || s.args.length !== args.length) return undefined;
  const same = s.args.every((a, i) => valueEq(a, args[i]));
  return same && crc32(out) === s.crc ? s.data : undefined;
}

/** The built-in routines of the Kaitai Struct language. */
export const BUILT_IN_PROCESS: Readonly<Record<string, ProcessRoutine>> = {
  xor: { decode: xor, encode: xor },
  rol: {
    decode: (d, a) => rotate(d, Number(a[0])),
    encode: (d, a) => rotate(d, -Number(a[0])),
  },
  ror: {
    decode: (d, a) => rotate(d, -Number(a[0])),
    encode: (d, a) => rotate(d, Number(a[0])),
  },
  zlib: {
    decode: zlibInflate,
    encode: (d) => {
      const r = deflateSync(d);
      return new Uint8Array(r.buffer, r.byteOffset, r.length);
    },
  },
};
