// A TCP proxy that re-cuts the byte stream in each direction into seeded random pieces of
// 1 B–64 KiB (log-uniform, so many are tiny), respecting backpressure and half-closes.
import * as net from 'node:net';
import { HOST, type Sockets } from './net.js';
import { mulberry32, type Rng } from './prng.js';

export interface PieceStats {
  pieces: number;
  bytes: number;
  smallest: number;
  largest: number;
}

export interface Relay {
  port: number;
  /** Per connection: [client → server, server → client]. */
  stats: [PieceStats, PieceStats][];
}

export const MAX_PIECE = 64 * 1024;

/** A piece size in 1..64 KiB: a random magnitude, then uniform below it. */
function pieceSize(rng: Rng): number {
  return 1 + Math.floor(rng.float() * 2 ** (rng.float() * 16));
}

export async function startRelay(sockets: Sockets, target: number, seed: number): Promise<Relay> {
  const stats: Relay['stats'] = [];
  const server = net.createServer({ allowHalfOpen: true }, (inbound) => {
    const outbound = sockets.track(net.connect({ port: target, host: HOST, allowHalfOpen: true }));
    const n = stats.length;
    const up = recut(inbound, outbound, mulberry32(seed + 2 * n));
    const down = recut(outbound, inbound, mulberry32(seed + 2 * n + 1));
    stats.push([up, down]);
    // An abortive close of either side (not an end after all its bytes) takes the other side down.
    for (const [a, b] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      a.on('error', () => b.destroy());
      a.on('close', () => {
        if (!a.readableEnded) b.destroy();
      });
    }
  });
  const port = await sockets.listen(server);
  return { port, stats };
}

function recut(src: net.Socket, dst: net.Socket, rng: Rng): PieceStats {
  const stats: PieceStats = { pieces: 0, bytes: 0, smallest: Infinity, largest: 0 };
  src.setNoDelay(true);
  dst.setNoDelay(true);
  const queue: Buffer[] = [];
  let queued = 0;
  let next = pieceSize(rng);
  let ended = false;
  let waiting = false;

  const take = (n: number): Buffer => {
    queued -= n;
    const head = queue[0] as Buffer;
    if (head.length >= n) {
      if (head.length === n) queue.shift();
      else queue[0] = head.subarray(n);
      return head.subarray(0, n);
    }
    const piece = Buffer.allocUnsafe(n);
    for (let at = 0; at < n; ) {
      const h = queue[0] as Buffer;
      const k = Math.min(h.length, n - at);
      h.copy(piece, at, 0, k);
      at += k;
      if (k === h.length) queue.shift();
      else queue[0] = h.subarray(k);
    }
    return piece;
  };

  const flush = () => {
    while (!waiting && queued > 0 && (queued >= next || ended)) {
      const piece = take(Math.min(next, queued));
      next = pieceSize(rng);
      stats.pieces++;
      stats.bytes += piece.length;
      stats.smallest = Math.min(stats.smallest, piece.length);
      stats.largest = Math.max(stats.largest, piece.length);
      if (!dst.write(piece)) {
        waiting = true;
        src.pause();
      }
    }
    if (ended && queued === 0 && !dst.writableEnded) dst.end();
  };

  src.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    flush();
  });
  src.on('end', () => {
    ended = true;
    flush();
  });
  dst.on('drain', () => {
    waiting = false;
    src.resume();
    flush();
  });
  return stats;
}
