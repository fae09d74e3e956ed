// Seeded message traffic: the sender and the receiver each run `messages(seed)`, so the receiver
// checks every record against the same sequence without holding all of it.
import { mulberry32, randomBytes } from './prng.js';
import type { Kind, Message } from './schema.js';

/** Payload sizes: 99% under 1 KiB, 1% up to 256 KiB. */
function payloadSize(rng: ReturnType<typeof mulberry32>): number {
  return rng.float() < 0.01 ? rng.int(0, 256 * 1024) : rng.int(0, 1023);
}

export function* messages(seed: number, count: number): Generator<Message> {
  const rng = mulberry32(seed);
  for (let seq = 0; seq < count; seq++) {
    const kind = (1 + (rng.u32() % 3)) as Kind;
    const size = payloadSize(rng);
    yield { seq, kind, payload: randomBytes(size, rng.u32()) };
  }
}

/** Checks received records against `messages(seed, count)`, in order. */
export class Expect {
  private readonly expected: Generator<Message>;
  received = 0;
  bytes = 0;

  constructor(seed: number, count: number) {
    this.expected = messages(seed, count);
  }

  /** Throws on the first record that differs from the next expected one. */
  check(got: Message): void {
    const next = this.expected.next();
    if (next.done) throw new Error(`record ${got.seq} after the last expected one`);
    const want = next.value;
    if (got.seq !== want.seq || got.kind !== want.kind || Buffer.compare(got.payload, want.payload) !== 0)
      throw new Error(
        `record #${this.received}: got seq ${got.seq} kind ${got.kind} ${got.payload.length} bytes, ` +
          `expected seq ${want.seq} kind ${want.kind} ${want.payload.length} bytes` +
          (got.seq === want.seq && got.payload.length === want.payload.length ? ' (payload differs)' : ''),
      );
    this.received++;
    this.bytes += got.payload.length;
  }
}
