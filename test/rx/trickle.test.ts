// A peer that trickles a delimited record over a real socket, a few bytes per segment: the rx server
// does work linear in the bytes (counted through the delimiter searches, not timed), and a record
// past maxBuffered closes the stream with a LimitError instead of holding it all.
import { once } from 'node:events';
import * as net from 'node:net';
import { cstring } from '@stride/codec';
import { decodeRecords, fromReadable } from '@stride/rx';
import { lastValueFrom, toArray } from 'rxjs';
import { afterEach, expect, it, vi } from 'vitest';
import { countScans } from '../../packages/codec/test/stream/scan-count.js';
import { Sockets } from './net.js';

const sockets = new Sockets();
afterEach(async () => {
  vi.restoreAllMocks();
  await sockets.closeAll();
});

/** Sends `bytes` in writes of `piece` bytes, each flushed on its own (no Nagle), then ends. */
async function trickle(socket: net.Socket, bytes: Uint8Array, piece: number): Promise<void> {
  socket.setNoDelay(true);
  for (let i = 0; i < bytes.length; i += piece) {
    if (!socket.write(bytes.subarray(i, i + piece))) await once(socket, 'drain');
    // Let the segment go out before the next write, so the server sees many small chunks.
    if ((i / piece) % 64 === 0) await new Promise((r) => setImmediate(r));
  }
  socket.end();
}

it('decodes a 100 KB NUL-terminated record trickled in 3-byte segments, searching each byte about once', async () => {
  const n = 100_000;
  const record = new Uint8Array(n + 1).fill(0x61);
  record[n] = 0;
  const server = net.createServer();
  const port = await sockets.listen(server);
  const received = once(server, 'connection');
  const client = await sockets.connect(port);
  const [socket] = (await received) as [net.Socket];
  let chunks = 0;
  socket.on('data', () => chunks++);
  const scans = countScans();
  const out = lastValueFrom(fromReadable(socket).pipe(decodeRecords(cstring), toArray()));
  await trickle(client, record, 3);
  const [s] = await out;
  expect(s).toHaveLength(n);
  expect(chunks).toBeGreaterThan(100);
  expect(scans.bytes).toBeLessThanOrEqual(2 * n + 16);
});

it('closes the stream with a LimitError once a record holds more than maxBuffered', async () => {
  const server = net.createServer();
  const port = await sockets.listen(server);
  const received = once(server, 'connection');
  const client = await sockets.connect(port);
  const [socket] = (await received) as [net.Socket];
  const out = lastValueFrom(
    fromReadable(socket).pipe(decodeRecords(cstring, { limits: { maxBuffered: 10_000 } }), toArray()),
  );
  const endless = new Uint8Array(50_000).fill(0x61);
  client.on('error', () => {}); // the server may close first
  void trickle(client, endless, 1000).catch(() => {});
  await expect(out).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxBuffered', offset: 0 });
});
