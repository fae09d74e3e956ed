/**
 * The `--json` form of `stride pg decode`: `{"from", "messages", "error"}`, written as the messages
 * arrive (so `error`, known only at the end, comes last). A message is `{"offset", "length",
 * "type", "value"}`, `value` being the decoded message without its `type`; bytes (DataRow columns,
 * Bind parameters, CopyData …) are lowercase hex strings, bigints decimal strings.
 */
import type { DecodeError } from '@stride/codec';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One element of `messages`, as JSON text. */
export function messageJson(offset: number, length: number, message: { type: string }): string {
  const { type, ...value } = message;
  return JSON.stringify({ offset, length, type, value: toJson(value) });
}

/** The `error` member, as JSON text. */
export function errorJson(e: DecodeError | undefined): string {
  return e === undefined ? 'null' : JSON.stringify({ code: e.code, offset: e.offset, message: e.message });
}

/** A decoded value as plain JSON data (see the module's comment); undefined properties are left out. */
export function toJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.length).toString('hex');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    // No prototype: a key named __proto__ is a key like any other.
    const out: { [key: string]: Json } = Object.create(null);
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return null;
}
