/**
 * Decoded messages as JSON, as the `stride … decode --json` commands print them: bytes as lowercase
 * hex strings, bigints as decimal strings, non-finite numbers as their names, undefined properties
 * left out (and a key named __proto__ kept as a key).
 */
import type { Json } from '../dissect/index.js';

export function toJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.length).toString('hex');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = Object.create(null);
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return null;
}

/** A message `{ type, … }` without its type, as JSON (its value in the dissection). */
export function fieldsJson(message: { readonly type: string }): Json {
  const { type: _type, ...fields } = message;
  return toJson(fields);
}
