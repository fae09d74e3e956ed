/**
 * The echo server: answers every message of `protocol.ts` on each connection, as an RxJS pipeline
 * from the socket back to the same socket.
 *
 *   tsx --conditions=@stride/source examples/tcp-echo/server.ts [port]     (default $PORT or 7007)
 *
 * Stop it with Ctrl-C (or SIGTERM). A peer that sends bytes that are not a message is told nothing:
 * the error is logged with its code and stream offset, and the connection is closed.
 */
import { createServer, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { DecodeError } from '@stride/codec';
import { decodeRecords, encodeRecords, fromReadable, toWritable } from '@stride/rx';
import { map, tap } from 'rxjs';
import { Kind, Message, maxFrameBytes, micros, portFromArgs } from './protocol.js';

/** The reply to one message: an echo comes back unchanged, a ping gets a pong. */
export function reply(message: Message): Message {
  switch (message.kind) {
    case Kind.echo:
      return message;
    case Kind.ping:
      return { kind: Kind.pong, id: message.id, sentAt: message.sentAt, receivedAt: micros() };
    default:
      return { kind: Kind.error, id: message.id, message: `kind ${message.kind} is a reply, not a request` };
  }
}

/** Serves one connection until the peer ends it, or sends something that is not a message. */
function serve(socket: Socket, log: (line: string) => void): void {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  let messages = 0;
  log(`${peer} connected`);
  // The pipeline reports the socket's errors; this listener only keeps one arriving after the
  // pipeline has finished from crashing the process.
  socket.on('error', () => {});

  fromReadable(socket)
    .pipe(
      decodeRecords(Message, { limits: { maxRecordBytes: maxFrameBytes } }), // frames, however the bytes were cut
      tap(() => messages++),
      map(reply),
      encodeRecords(Message),
      toWritable(socket), // respects backpressure; ends our side once the peer ended its side
    )
    .subscribe({
      next: (bytes) => log(`${peer} done: ${messages} messages answered, ${bytes} bytes sent`),
      error: (e: unknown) => {
        socket.destroy(); // done already by toWritable for a decode error, like stream.pipeline
        if (e instanceof DecodeError) {
          const where = `at byte ${e.offset}${e.path ? ` (${e.path})` : ''}`;
          log(
            `${peer} closed: ${e.name} ${e.code} ${where}: ${e.detail} [bytes from ${e.excerptStart}: ${e.excerpt}]`,
          );
        } else log(`${peer} closed: ${e instanceof Error ? e.message : String(e)}`);
      },
    });
}

export interface Server {
  /** The port listened on (the one the OS chose, when asked for 0). */
  port: number;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free port) and serves every connection. */
export function startServer(
  port: number,
  { host = '127.0.0.1', log = console.log }: { host?: string; log?: (line: string) => void } = {},
): Promise<Server> {
  const open = new Set<Socket>();
  // allowHalfOpen: a peer ending its side does not end ours; the pipeline does, once every reply
  // is written (which matters as soon as a reply takes time to compute).
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    serve(socket, log);
  });
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      for (const socket of open) socket.destroy(new Error('the server is stopping'));
    });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : port, close });
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer(portFromArgs());
  console.log(`listening on 127.0.0.1:${server.port} (Ctrl-C to stop)`);
  const stop = () => {
    console.log('stopping');
    // With the listener and every connection closed, nothing is left to run and the process ends.
    server.close().catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', stop); // Ctrl-C
  process.once('SIGTERM', stop); // kill
}
