/**
 * The frame every pcapng block shares (§3.1): the block type (read by the union of blocks.ts), the
 * block total length, the body, and the total length again. The length is checked as soon as it is
 * read, before the body is waited for: a multiple of 4 (so 0xFFFFFFFF is refused) and at least the
 * block type's minimum (BAD_BLOCK_LENGTH), at most `maxBlockBytes` (BLOCK_TOO_LARGE). The body is a
 * sized section of the length less the 12 bytes of framing: its fields cannot read past it. The
 * trailing length must equal the leading one: the reader checks it (block-records.ts), as a block's
 * fields cannot see each other without a codec made per block.
 * Every codec here is built once: no field depends on another, so the compiled code reads a block
 * with no codec made per block.
 */
import { type AnyCodec, peek, refine, sized, struct, transform } from '@stride/codec';
import type { Ints } from './byte-order.js';
import { fault } from './faults.js';

/** Block type, total length and trailing total length. */
export const FRAMING_BYTES = 12;

const multiple = fault('BAD_BLOCK_LENGTH', 'a block total length that is a multiple of 4');

/** A block of at least `min` and at most `max` bytes whose body is `body`. */
export function blockFrame<C extends AnyCodec>(ints: Ints, min: number, max: number, body: C) {
  const atLeast = fault('BAD_BLOCK_LENGTH', `a block total length of at least ${min} for this block type`);
  const atMost = fault('BLOCK_TOO_LARGE', `a block total length of at most ${max} (maxBlockBytes)`);
  const length = refine(
    refine(
      refine(ints.u32, (n) => n % 4 === 0, multiple),
      (n) => n >= min,
      atLeast,
    ),
    (n) => n <= max,
    atMost,
  );
  // The length is read twice: checked (peek), then as the body's section length.
  const bodyLength = transform(ints.u32, {
    decode: (n) => n - FRAMING_BYTES,
    encode: (n: number) => n + FRAMING_BYTES,
  });
  return struct({ blockLength: peek(length), body: sized(bodyLength, body), trailer: ints.u32 });
}
