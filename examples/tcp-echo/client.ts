/**
 * The echo client: sends a few messages of `protocol.ts` to the server, prints each reply with its
 * round-trip time, and closes.
 *
 *   tsx --conditions=@stride/source examples/tcp-echo/client.ts [port]     (default $PORT or 7007)
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { pathToFileURL } from 'node:url';
import { decodeRecords, encodeRecords, fromReadable, toWritable } from '@stride/rx';
import { from, lastValueFrom, map, tap, toArray } from 'rxjs';
import { Kind, Message, micros, portFromArgs } from './protocol.js';

/** A reply, and the milliseconds from sending its request (same id) to decoding it. */
export interface Reply {
  message: Message;
  roundTripMs: number;
}

/** What the client sends when not told otherwise. */
export function sampleRequests(): Message[] {
  return [
    { kind: Kind.echo, id: 1, text: 'hello' },
    { kind: Kind.ping, id: 2, sentAt: micros() },
    { kind: Kind.echo, id: 3, text: 'héllo, wörld ✓' },
    { kind: Kind.echo, id: 4, text: 'x'.repeat(100_000) }, // arrives at the server in several chunks
    { kind: Kind.pong, id: 5, sentAt: 0, receivedAt: 0 }, // not a request: the server says so
  ];
}

/**
 * Sends `requests` (ids should be distinct), ends its side of the connection, and collects the
 * replies until the server ends its side.
 */
export async function runClient(
  port: number,
  requests: readonly Message[] = sampleRequests(),
  host = '127.0.0.1',
): Promise<Reply[]> {
  const socket = connect({ port, host });
  await once(socket, 'connect');
  const sentAt = new Map<number, number>();

  const replies = fromReadable(socket).pipe(
    decodeRecords(Message),
    map((message) => ({ message, roundTripMs: performance.now() - (sentAt.get(message.id) ?? Number.NaN) })),
    toArray(),
  );
  const sending = from(requests).pipe(
    tap((request) => sentAt.set(request.id, performance.now())),
    map((request) => (request.kind === Kind.ping ? { ...request, sentAt: micros() } : request)), // stamped as sent
    encodeRecords(Message),
    toWritable(socket), // ends our side when every request is written
  );
  try {
    // Both at once: replies start coming back while requests are still being written.
    const [received] = await Promise.all([lastValueFrom(replies), lastValueFrom(sending)]);
    return received;
  } finally {
    socket.destroy(); // already closed, unless something failed
  }
}

/** One line per reply. */
export function describeReply({ message: m, roundTripMs }: Reply): string {
  const rtt = `${roundTripMs.toFixed(2)} ms`;
  switch (m.kind) {
    case Kind.echo: {
      const text = m.text.length > 30 ? `${m.text.slice(0, 20)}… (${m.text.length} chars)` : m.text;
      return `echo  #${m.id}  ${JSON.stringify(text)}  round trip ${rtt}`;
    }
    case Kind.pong:
      return `pong  #${m.id}  round trip ${rtt}, ${((m.receivedAt - m.sentAt) / 1000).toFixed(2)} ms to reach the server`;
    case Kind.error:
      return `error #${m.id}  ${m.message}`;
    default:
      return `${m.kind}? #${m.id}  (the server sent a request)`;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = portFromArgs();
  try {
    const replies = await runClient(port);
    for (const r of replies) console.log(describeReply(r));
  } catch (e) {
    console.error(`127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
