/**
 * A small length-prefixed request/reply protocol, shared by `server.ts` and `client.ts`.
 *
 * On the wire every message is one frame: a u32be byte length, then that many bytes holding a u8
 * kind and the kind's fields. The length is what lets a reader find the frames in a TCP stream
 * (the socket delivers arbitrary chunks, not messages), and the body can never read past it.
 *
 *   00 00 00 0a  01  00 00 00 01  68 69 21 21 21     echo #1 "hi!!!"
 *   └ length ┘  kind └── id ───┘  └ text: the rest of the frame ┘
 */
import { type Infer, sized, string, struct, taggedUnion, u8, u32be, u64beNumber } from '@stride/codec';

/** The kinds, by name: `{ kind: Kind.echo, ... }` reads better than `{ kind: 1, ... }`. */
export const Kind = { echo: 1, ping: 2, pong: 3, error: 4 } as const;

const Body = taggedUnion(
  u8,
  {
    /** Request: the server sends it back unchanged. */
    [Kind.echo]: struct({ id: u32be, text: string('toEnd') }),
    /** Request: the server answers with a pong. `sentAt` is the sender's clock, in µs. */
    [Kind.ping]: struct({ id: u32be, sentAt: u64beNumber }),
    /** Reply to a ping: its `sentAt`, and when the server received it (µs). */
    [Kind.pong]: struct({ id: u32be, sentAt: u64beNumber, receivedAt: u64beNumber }),
    /** Reply to a message the server does not answer otherwise. */
    [Kind.error]: struct({ id: u32be, message: string('toEnd') }),
  },
  { tagKey: 'kind' },
);

/** One frame: a u32be length, then the body in exactly that many bytes. */
export const Message = sized(u32be, Body);

export type Message = Infer<typeof Message>;
// { kind: 1; id: number; text: string } | { kind: 2; id: number; sentAt: number } | …

/** One kind of message: `MessageOf<typeof Kind.ping>` is `{ kind: 2; id: number; sentAt: number }`. */
export type MessageOf<K extends Message['kind']> = Extract<Message, { kind: K }>;

/** What the server accepts at most in one frame (a peer cannot make it hold more). */
export const maxFrameBytes = 1 << 20;

/** Wall-clock time in whole microseconds (a safe integer until the year 2255). */
export const micros = (): number => Math.round((performance.timeOrigin + performance.now()) * 1000);

/** The port from `argv[2]`, else `$PORT`, else 7007. */
export function portFromArgs(argv = process.argv, env = process.env): number {
  const given = argv[2] ?? env.PORT;
  const port = given === undefined ? 7007 : Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`not a TCP port: ${given}`);
  return port;
}
