/**
 * The helpers generated read functions call (the module's `$`): equality and order across the
 * value kinds Kaitai compares (integers as numbers or bigints, strings, byte arrays, booleans),
 * counts and sizes turned into lengths, `contents`, strings, substreams, process routines, and the
 * errors, raised with Kaitai's messages and each read function's field added to the path.
 */
import { DecodeError } from '@stride/codec';
import { KsyDecodeError, type KsyDecodeErrorCode, placeAt, withinField } from '../errors.js';
import { bytesToStr } from '../expr/encodings.js';
import { bytesCmp, bytesEq, valueEq as eq } from '../expr/runtime.js';
import { decodeProcessed, type ProcessRoutine } from '../runtime/process.js';
import { type KsyStream, stripRight, terminate } from '../runtime/stream.js';
import { writeHelpers } from '../runtime/writer.js';
import { END, INSTANCES, IO, LE, PARENT, ROOT, START, UNSET } from './slots.js';

/** Kaitai's `<` for numbers, strings and byte arrays. */
function lt(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return bytesCmp(a, b) < 0;
  return (a as number) < (b as number);
}

/** A count, size or position as a number of bytes or items (negative is none). */
function count(n: unknown): number {
  return Math.max(0, Number(n) || 0);
}

/** A value as Kaitai's messages print it: byte arrays as lists of numbers. */
function show(v: unknown): string {
  if (v instanceof Uint8Array) return [...v].join(', ');
  return String(v);
}

/** `contents`: the expected bytes, or NOT_EQUAL at the field. */
function contents(io: KsyStream, expected: Uint8Array): Uint8Array {
  const at = io.pos;
  const actual = io.read(expected.length);
  if (!bytesEq(actual, expected))
    throw new KsyDecodeError(
      'NOT_EQUAL',
      `not equal, expected [${show(expected)}], but got [${show(actual)}]`,
      {
        offset: io.base + at,
        expected: show(expected),
        actual: show(actual),
      },
    );
  return actual;
}

const MESSAGES: Partial<Record<KsyDecodeErrorCode, (actual: string, expected: string) => string>> = {
  NOT_EQUAL: (a, e) => `not equal, expected [${e}], but got [${a}]`,
  LESS_THAN: (a, e) => `not in range, min [${e}], but got [${a}]`,
  GREATER_THAN: (a, e) => `not in range, max [${e}], but got [${a}]`,
  NOT_ANY_OF: (a) => `not any of the list, got [${a}]`,
  NOT_IN_ENUM: (a) => `not in the enum, got [${a}]`,
  EXPR_FAILED: (a) => `not matching the expression, got [${a}]`,
};

/** A failed `valid`, at the field just read (its stream's position is past it). */
function invalid(
  code: KsyDecodeErrorCode,
  actual: unknown,
  expected: unknown,
  type: string,
  io: KsyStream,
): KsyDecodeError {
  const message = (MESSAGES[code] ?? ((a: string) => a))(show(actual), show(expected));
  return new KsyDecodeError(code, `${message} (a ${type})`, {
    offset: io.base + io.pos,
    expected: expected === undefined ? undefined : show(expected),
    actual: show(actual),
  });
}

function undecided(io: KsyStream): KsyDecodeError {
  return new KsyDecodeError('UNDECIDED_ENDIANNESS', 'no case of the computed endianness matched', {
    offset: io.base + io.pos,
  });
}

/** The error leaving a read or write function: its field (and array index) added to the error's path. */
function within(error: unknown, at: string, ix: number, io?: KsyStream): unknown {
  if (io !== undefined) placeAt(error, io.base + io.pos);
  return withinField(tooDeep(error, io), at, ix);
}

/**
 * A stack overflow, from types nested deeper than the stack holds (a recursive type on hostile
 * data), as a TOO_DEEP fault where the deepest read was: caught in the read function that ran out
 * (or, if handling it overflows again, in one a little further out), so no depth is counted on the
 * way in.
 */
function tooDeep(error: unknown, io: KsyStream | undefined): unknown {
  if (!(error instanceof RangeError) || !error.message.includes('call stack')) return error;
  return new KsyDecodeError('TOO_DEEP', 'objects nested deeper than the stack holds', {
    offset: io === undefined ? 0 : io.base + io.pos,
  });
}

/** A stream over a field's bytes, positioned (for errors) where they were read. */
function substream(bytes: Uint8Array, io: KsyStream): KsyStream {
  return io.sub(bytes, io.base + Math.max(0, io.pos - bytes.length));
}

function processBytes(routine: ProcessRoutine, data: Uint8Array, args: unknown[], io: KsyStream): Uint8Array {
  try {
    return decodeProcessed(routine, data, args);
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new KsyDecodeError('PROCESS_FAILED', (e as Error).message, {
      offset: io.base + io.pos - data.length,
    });
  }
}

// The waits of the streaming readers (generate.ts): each yields until what the next read needs is
// there, or the input has ended (the read then raises what it would on a complete input).

function* need(io: KsyStream, n: number): Generator<void, void> {
  while (io.open && io.pos + n > io.length) yield;
}

/** Until the terminator is there (each wait scans only the bytes that came since the last). */
function* needTerm(io: KsyStream, term: number | Uint8Array): Generator<void, void> {
  const unit = typeof term === 'number' ? 1 : term.length;
  let from = io.pos;
  while (io.open) {
    const b = io.bytes;
    for (; from + unit <= b.length; from += unit)
      if (typeof term === 'number' ? b[from] === term : term.every((t, k) => b[from + k] === t)) return;
    yield;
  }
}

/** Until the input ends (a read of the rest, `size-eos`). */
function* needEnd(io: KsyStream): Generator<void, void> {
  while (io.open) yield;
}

/** Whether the stream is at its end, waiting while that cannot be known yet. */
function* eof(io: KsyStream): Generator<void, boolean> {
  while (io.open && io.pos >= io.length) yield;
  return !io.open && io.eof;
}

/** The bytes a read of `width` bits takes beyond the bits held. */
function bitBytes(io: KsyStream, width: number): number {
  return Math.max(0, Math.ceil((width - io.bitsLeft) / 8));
}

/** The `$` of generated code. */
export const helpers = {
  IO,
  PARENT,
  ROOT,
  LE,
  START,
  END,
  UNSET,
  INSTANCES,
  eq,
  lt,
  count,
  key: (v: unknown): string => String(v),
  contents,
  invalid,
  undecided,
  within,
  stripRight,
  terminate,
  substream,
  process: processBytes,
  decodeString: bytesToStr,
  ...writeHelpers,
  need,
  needTerm,
  needEnd,
  eof,
  bitBytes,
};
