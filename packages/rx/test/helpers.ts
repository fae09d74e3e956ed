/** Shared fixtures: a length-prefixed message codec, its bytes, and ways to cut them into chunks. */
import { bytes, encode, type Infer, struct, u8, u16be } from '@stride/codec';

// Cutting bytes into chunks (one copy per chunk) and feeding a parser are the codec tests' helpers.
export { cut, cutsFor, written } from '../../codec/test/helpers.js';

export const Message = struct({ kind: u8, body: bytes(u16be) });
export type Message = Infer<typeof Message>;

export const message = (kind: number, body: number[]): Message => ({ kind, body: Uint8Array.from(body) });

/** The messages' bytes, one buffer. */
export function wire(messages: readonly Message[]): Uint8Array {
  return Buffer.concat(messages.map((m) => encode(Message, m)));
}

/** Plain copies of records (views become arrays), for deep comparison. */
export function plain(records: readonly Message[]): { kind: number; body: number[] }[] {
  return records.map((r) => ({ kind: r.kind, body: [...r.body] }));
}

export const sample: Message[] = [
  message(1, [1, 2, 3]),
  message(2, []),
  message(
    3,
    Array.from({ length: 300 }, (_, i) => i & 255),
  ),
  message(4, [9]),
];

/** Everything an async iterable gives: its records, then its error if it throws (`delayMs` per record: a slow consumer). */
export async function drain<T>(
  it: AsyncIterable<T>,
  delayMs = 0,
): Promise<{ records: T[]; error?: unknown }> {
  const records: T[] = [];
  try {
    for await (const r of it) {
      records.push(r);
      if (delayMs) await new Promise((res) => setTimeout(res, delayMs));
    }
    return { records };
  } catch (error) {
    return { records, error };
  }
}
