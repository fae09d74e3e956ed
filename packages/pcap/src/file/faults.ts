/**
 * Codec faults recoded in the terms of capture files (errors.ts). A check written in this folder
 * names its code where it is made: `fault(code, expected)` returns the `expected` text a refine
 * carries and remembers the code it stands for, as @stride/mqtt does. Other faults inside a block
 * are BAD_OPTION when they are in its options, BAD_BLOCK_BODY otherwise; a file cut short is
 * TRUNCATED.
 */
import { DecodeError } from '@stride/codec';
import { PcapErrorCode } from '../errors.js';

const faults = new Map<string, PcapErrorCode>();

/** `expected` as a check's expectation, remembered as a fault of `code`. */
export function fault(code: PcapErrorCode, expected: string): string {
  faults.set(expected, code);
  return expected;
}

/**
 * A codec fault recoded (in place, idempotent: the decoder raises the same object again); anything
 * else as it is. `record` is the offset of the record being read.
 */
export function captureError(e: unknown, record: number): unknown {
  if (!(e instanceof DecodeError)) return e;
  const code = e.code as string;
  if (code in PcapErrorCode) return e;
  if (code === 'INCOMPLETE')
    return e.recode('TRUNCATED', `the file ends inside the record at byte ${record}: ${e.detail}`);
  const named = e.expected === undefined ? undefined : faults.get(e.expected);
  if (named !== undefined) return e.recode(named);
  // The block union has a default variant: only the file's first record (sniff.ts) has unknown tags.
  if (code === 'BAD_TAG')
    return e.recode('BAD_MAGIC', 'not a pcap or pcapng file: its first bytes are no magic of either');
  if (code === 'LIMIT_EXCEEDED' && !e.pathSegments.includes('body')) return e;
  if (e.pathSegments.includes('options')) return e.recode('BAD_OPTION');
  return e.recode('BAD_BLOCK_BODY');
}
