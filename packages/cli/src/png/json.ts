/**
 * The `--json` form: exactly `{"chunks", "errors", "warnings", "valid"}`, written as the chunks
 * arrive (so `valid`, known only at the end, comes last); chunks are `{"type", "offset", "length",
 * "crcOk", "fields"?}` and issues `{"code", "offset", "message"}`.
 *
 * Fields are made JSON-safe: a byte array (eXIf data, iCCP profile, fdAT frame data) becomes
 * `{"bytes": <length>, "hex": "<its first 32 bytes in hex>"}`; a bigint (none are expected)
 * becomes a number when it is safe, else a decimal string; undefined properties are left out.
 */
import type { PngReportChunk, PngReportIssue } from '@stride/png';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Bytes of a byte array shown in its `hex` (the rest is only counted). */
export const HEX_BYTES = 32;

/** One chunk of the `chunks` array, as JSON text. */
export function chunkJson(c: PngReportChunk): string {
  const chunk: { [key: string]: Json } = {
    type: c.type,
    offset: c.offset,
    length: c.length,
    crcOk: c.crcOk,
  };
  if (c.fields !== undefined) chunk.fields = toJson(c.fields);
  return JSON.stringify(chunk);
}

/** One issue of `errors` or `warnings`, as JSON text. */
export function issueJson({ code, offset, message }: PngReportIssue): string {
  return JSON.stringify({ code, offset, message });
}

/** A decoded value as plain JSON data (see the module's comment). */
export function toJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) {
    return {
      bytes: value.length,
      hex: Buffer.from(value.buffer, value.byteOffset, Math.min(value.length, HEX_BYTES)).toString('hex'),
    };
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return null;
}
