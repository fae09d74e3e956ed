/**
 * Plain codecs: records made only of values read from their own fixed bytes (numbers, bools, bit
 * fields, constants, padding, and structs, tuples and fixed-count arrays of these). Such a record
 * holds no view into the input and reads nothing outside itself, so when it straddles chunks the
 * StreamDecoder may copy its few bytes and decode them with the compiled code.
 */
import { ArrayCodec } from '../array/array.js';
import { BitsCodec } from '../bits/bits.js';
import { MagicCodec } from '../bytes/magic.js';
import { PaddingCodec } from '../bytes/padding.js';
import type { AnyCodec } from '../core/codec.js';
import { BoolCodec } from '../numbers/bool.js';
import { FixedNumber } from '../numbers/fixed.js';
import { Safe64 } from '../numbers/safe64.js';
import { fieldsOf, StructCodec } from '../struct/struct.js';
import { TupleCodec } from '../tuple/tuple.js';

export function isPlain(codec: AnyCodec): boolean {
  if (
    codec instanceof FixedNumber ||
    codec instanceof Safe64 ||
    codec instanceof BoolCodec ||
    codec instanceof BitsCodec ||
    codec instanceof MagicCodec ||
    codec instanceof PaddingCodec
  ) {
    return true;
  }
  if (codec instanceof StructCodec)
    return fieldsOf(codec).every((f) => f.codec !== undefined && isPlain(f.codec));
  if (codec instanceof TupleCodec) return (codec.items as readonly AnyCodec[]).every(isPlain);
  if (codec instanceof ArrayCodec) return typeof codec.length === 'number' && isPlain(codec.item);
  return false;
}
