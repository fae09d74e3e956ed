/**
 * Writing RESP: a value (what a server sends), a request, and a command as clients send it (an
 * array of bulk strings). Each is the value schema's encoder, so what is written reads back as the
 * same value; a value the schema cannot write is an EncodeError naming the field.
 */
import { encode } from '@stride/codec';
import { type RespRequest, type RespValue, respCodecs } from './value.js';

/** One value's bytes (`{ type: 'simple', value: 'OK' }` → `+OK\r\n`). */
export function encodeValue(value: RespValue): Uint8Array {
  return encode(respCodecs().value, value);
}

/** One request's bytes: an array, or an inline command (`PING\r\n`). */
export function encodeRequest(request: RespRequest): Uint8Array {
  return encode(respCodecs().request, request);
}

const utf8 = new TextEncoder();

/** A command argument: text (UTF-8), bytes, or a number (written in decimal, as clients do). */
export type CommandArg = string | Uint8Array | number | bigint;

/** A command as an array of bulk strings (`SET k v` → `*3\r\n$3\r\nSET\r\n…`). */
export function encodeCommand(args: readonly CommandArg[]): Uint8Array {
  return encodeRequest({ type: 'array', value: args.map(bulkArg) });
}

function bulkArg(arg: CommandArg, i: number): RespValue {
  if (arg instanceof Uint8Array) return { type: 'bulk', value: arg };
  if (typeof arg === 'string') return { type: 'bulk', value: utf8.encode(arg) };
  if (typeof arg === 'bigint' || (typeof arg === 'number' && Number.isFinite(arg)))
    return { type: 'bulk', value: utf8.encode(String(arg)) };
  throw new TypeError(`command argument ${i} is not a string, bytes or a finite number: ${String(arg)}`);
}
