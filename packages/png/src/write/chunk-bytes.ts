/**
 * One chunk's bytes: length (u32 BE), type, data, and a CRC-32 over type and data that is always
 * computed afresh, so edited data (or a chunk read with a CRC mismatch let through) is written with
 * a correct CRC.
 */
import { crc32 } from 'node:zlib';
import { EncodeError } from '@stride/codec';
import { isTypeByte } from '../chunk/chunk-type.js';
import { encodeChunkFields, type KnownChunkType, type PngChunkFields } from '../fields/index.js';
import { PngEncodeErrorCode } from './errors.js';

/** The largest data field PNG allows (the length field is a u32 limited to 2^31-1). */
export const MAX_CHUNK_DATA = 0x7fffffff;

/**
 * A chunk given by its data bytes, written as they are. A chunk read by `readPng` is one: it also
 * has `fields`, but its `data` is what gets written, so its bytes are preserved exactly.
 */
export interface PngChunkBytesInput {
  readonly type: string;
  readonly data: Uint8Array;
}

/** A standard chunk given by its decoded fields, encoded with `encodeChunkFields`. */
export type PngChunkFieldsInput = {
  [K in KnownChunkType]: { readonly type: K; readonly fields: PngChunkFields[K]; readonly data?: undefined };
}[KnownChunkType];

/** What `encodeChunk` writes: a type with either its data bytes or (for a standard chunk) its fields. */
export type PngChunkInput = PngChunkBytesInput | PngChunkFieldsInput;

/** Throws unless `type` is four ASCII letters. */
export function checkChunkType(type: unknown): asserts type is string {
  if (typeof type !== 'string' || type.length !== 4) {
    const shown = typeof type === 'string' ? JSON.stringify(type) : typeof type;
    throw new EncodeError(PngEncodeErrorCode.BAD_CHUNK_TYPE, `chunk type ${shown} is not four ASCII letters`);
  }
  for (let i = 0; i < 4; i++) {
    const c = type.charCodeAt(i);
    if (c > 0x7f || !isTypeByte(c)) {
      throw new EncodeError(
        PngEncodeErrorCode.BAD_CHUNK_TYPE,
        `chunk type ${JSON.stringify(type)} is not four ASCII letters (character ${i} is U+${c.toString(16).padStart(4, '0').toUpperCase()})`,
      );
    }
  }
}

/** Throws unless `length` is a whole number of bytes a chunk can hold (0 to 2^31-1). */
export function checkChunkLength(type: string, length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > MAX_CHUNK_DATA) {
    throw new EncodeError(
      PngEncodeErrorCode.LENGTH_OUT_OF_RANGE,
      `${type} chunk data of ${length} bytes: a chunk holds 0 to 2^31-1 (${MAX_CHUNK_DATA}) bytes`,
    );
  }
}

/** The validated type and data bytes of a chunk: its `data` if it has one, else its encoded `fields`. */
export function chunkData(chunk: PngChunkInput): Uint8Array {
  checkChunkType(chunk.type);
  let data: unknown = chunk.data;
  if (data === undefined) {
    const fields: unknown = (chunk as { fields?: unknown }).fields;
    if (fields === undefined) {
      throw new EncodeError(
        PngEncodeErrorCode.BAD_CHUNK_INPUT,
        `${chunk.type} chunk has neither data nor fields`,
      );
    }
    data = encodeChunkFields(chunk.type, fields);
  }
  if (!(data instanceof Uint8Array)) {
    throw new EncodeError(PngEncodeErrorCode.BAD_CHUNK_INPUT, `${chunk.type} chunk data is not a Uint8Array`);
  }
  checkChunkLength(chunk.type, data.length);
  return data;
}

/** Writes a u32 big-endian at `at`. */
export function setU32(out: Uint8Array, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = value >>> 16;
  out[at + 2] = value >>> 8;
  out[at + 3] = value;
}

/** Writes length and type (the 8 bytes before a chunk's data) at `at`. `type` is checked already. */
export function writeChunkHead(out: Uint8Array, at: number, type: string, length: number): void {
  setU32(out, at, length);
  out[at + 4] = type.charCodeAt(0);
  out[at + 5] = type.charCodeAt(1);
  out[at + 6] = type.charCodeAt(2);
  out[at + 7] = type.charCodeAt(3);
}

/** Writes a whole chunk at `at` (`12 + data.length` bytes) and returns the offset after it. */
export function writeChunk(out: Uint8Array, at: number, type: string, data: Uint8Array): number {
  writeChunkHead(out, at, type, data.length);
  out.set(data, at + 8);
  const end = at + 8 + data.length;
  setU32(out, end, crc32(out.subarray(at + 4, end)));
  return end + 4;
}

/** CRC-32 of the four type letters: the running CRC a streamed chunk's data continues. */
export function typeCrc(type: string): number {
  return crc32(Uint8Array.of(type.charCodeAt(0), type.charCodeAt(1), type.charCodeAt(2), type.charCodeAt(3)));
}

/** Continues a running CRC over `piece` (an empty piece leaves it as it is). */
export function continueCrc(piece: Uint8Array, crc: number): number {
  // zlib.crc32 of an empty view without a backing store returns 0, not the running value.
  return piece.length > 0 ? crc32(piece, crc) : crc;
}

/**
 * A chunk's bytes: length (u32 BE), type, data, CRC-32 over type and data.
 * `encodeChunk({ type: 'IEND', data: new Uint8Array(0) })` is `00 00 00 00 49 45 4E 44 AE 42 60 82`.
 * A chunk without `data` is encoded from its `fields`. Throws an EncodeError (`BAD_CHUNK_TYPE`,
 * `LENGTH_OUT_OF_RANGE`, `BAD_CHUNK_INPUT`, or the fields encoder's own) when it cannot be written.
 */
export function encodeChunk(chunk: PngChunkInput): Uint8Array {
  const data = chunkData(chunk);
  const out = new Uint8Array(12 + data.length);
  writeChunk(out, 0, chunk.type, data);
  return out;
}
