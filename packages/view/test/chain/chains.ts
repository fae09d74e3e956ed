/** Building chains for the tests. */
import { BufferChain } from '../../src/chain/index.js';

/** A chain of the given chunks (plain arrays become Uint8Arrays). */
export function chainOf(...chunks: (number[] | Uint8Array)[]): BufferChain {
  const chain = new BufferChain();
  for (const c of chunks) chain.append(c instanceof Uint8Array ? c : new Uint8Array(c));
  return chain;
}

/** Appends `bytes` to `chain` cut into chunks of the given sizes (the last chunk takes the rest). */
export function appendCut(chain: BufferChain, bytes: Uint8Array, sizes: readonly number[]): BufferChain {
  let at = 0;
  for (const n of sizes) {
    if (at >= bytes.length) return chain;
    chain.append(bytes.subarray(at, at + n));
    at += n;
  }
  if (at < bytes.length) chain.append(bytes.subarray(at));
  return chain;
}

/** Every read of a value at an absolute offset, by method name. */
export const READS = [
  'u8',
  'i8',
  'u16le',
  'u16be',
  'i16le',
  'i16be',
  'u32le',
  'u32be',
  'i32le',
  'i32be',
  'u64le',
  'u64be',
  'i64le',
  'i64be',
  'u64leNumber',
  'u64beNumber',
  'i64leNumber',
  'i64beNumber',
  'f16le',
  'f16be',
  'f32le',
  'f32be',
  'f64le',
  'f64be',
] as const;
