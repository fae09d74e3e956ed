/**
 * The errors of PNG's framing, built from the bytes at fault: the signature (with its damage
 * hint), a length out of range, a type byte that is not a letter, a CRC mismatch. The reader adds
 * the chunk's place to each path.
 */
import { memoryview } from '@stride/view';
import { isTypeByte } from '../chunk/chunk-type.js';
import { PNG_SIGNATURE, signatureHint } from '../chunk/signature.js';
import { PngError } from '../errors.js';

/** Index of the first of `seen` (up to 8 bytes) that differs from the signature, or -1. */
export function signatureMismatch(seen: Uint8Array): number {
  for (let i = 0; i < seen.length; i++) if (seen[i] !== PNG_SIGNATURE[i]) return i;
  return -1;
}

/** `seen`: the first bytes of the input (all 8, or all there are), one of them wrong. */
export function signatureError(seen: Uint8Array): PngError {
  const i = signatureMismatch(seen);
  const hint = signatureHint(seen);
  const expected = PNG_SIGNATURE[i] as number;
  const actual = seen[i] as number;
  return new PngError(
    'BAD_SIGNATURE',
    `not a PNG: signature byte ${i} is ${hex8(actual)}, PNG has ${hex8(expected)}${hint === '' ? '' : ` (${hint})`}`,
    {
      offset: i,
      expected: hex8(expected),
      actual: hex8(actual),
      excerpt: memoryview(seen).hex(' '),
      excerptStart: 0,
    },
  ).within('signature');
}

export function lengthError(length: number, at: number): PngError {
  return new PngError(
    'LENGTH_OUT_OF_RANGE',
    `chunk length ${length} is above 2^31-1, the largest a PNG allows (refused before reading any of it)`,
    { offset: at, expected: '0..2147483647', actual: String(length) },
  ).within('length');
}

/** `bytes`: the four type bytes, the first at `at`. */
export function typeError(bytes: Uint8Array, at: number): PngError {
  const i = bytes.findIndex((b) => !isTypeByte(b));
  const b = bytes[i] as number;
  const shown = b >= 0x20 && b < 0x7f ? ` ('${String.fromCharCode(b)}')` : '';
  return new PngError(
    'BAD_CHUNK_TYPE',
    `chunk type byte ${i} is ${hex8(b)}${shown}: chunk types are four ASCII letters`,
    {
      offset: at + i,
      expected: 'A-Z or a-z',
      actual: hex8(b),
      excerpt: memoryview(bytes).hex(' '),
      excerptStart: at,
    },
  ).within('type');
}

/** What a CRC mismatch says, as an error or (lenient mode) a warning. */
export function crcDetail(type: string, stored: number, computed: number): string {
  return `${type}'s CRC is ${hex32(stored)}, but its type and data give ${hex32(computed)}`;
}

export function crcError(type: string, at: number, stored: number, computed: number): PngError {
  return new PngError('CRC_MISMATCH', `${crcDetail(type, stored, computed)}: the chunk is corrupt`, {
    offset: at,
    expected: hex32(computed),
    actual: hex32(stored),
  }).within('crc');
}

const hex8 = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;
const hex32 = (v: number): string => `0x${v.toString(16).padStart(8, '0')}`;
