// tshark's reassembly of the captures (fixtures/follow.json, made by fixtures/make-fixtures.sh) and
// the comparison of TcpReassembler's events with it: the connections in the order they open are
// tshark's streams in order, numbered as tshark numbers them, with tshark's client and server, and each endpoint sent the same bytes
// (length and SHA-256), with no gap.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TcpEvent } from '@stride/pcap';
import { expect } from 'vitest';
import { ofType } from './wire.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface FollowedStream {
  readonly stream: number;
  /** 'ip:port' of node 0 (tshark's client) and node 1. */
  readonly nodes: [string, string];
  readonly sent: [Sent, Sent];
}

export interface Sent {
  readonly length: number;
  readonly sha256: string;
}

/** follow.json: each capture file's streams. */
export function readFollow(folder = FIXTURES): Record<string, FollowedStream[]> {
  return JSON.parse(readFileSync(join(folder, 'follow.json'), 'utf8'));
}

/** The length and SHA-256 of the bytes each connection's endpoint sent, by 'id endpoint'. */
function sentBytes(events: TcpEvent[]): Map<string, Sent> {
  const parts = new Map<string, Buffer[]>();
  for (const e of ofType(events, 'data')) {
    const sender = e.direction === 'c2s' ? e.connection.client : e.connection.server;
    const key = `${e.connection.id} ${sender}`;
    parts.set(key, [...(parts.get(key) ?? []), Buffer.from(e.bytes)]);
  }
  const sent = new Map<string, Sent>();
  for (const [key, list] of parts) {
    const bytes = Buffer.concat(list);
    sent.set(key, { length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return sent;
}

const EMPTY: Sent = { length: 0, sha256: createHash('sha256').digest('hex') };

/** Expects the events of reassembling a capture to give tshark's streams. */
export function expectFollowed(events: TcpEvent[], streams: FollowedStream[]): void {
  const connections = ofType(events, 'open').map((e) => e.connection);
  expect(connections.map((c) => [c.id, c.client, c.server])).toEqual(
    streams.map((s) => [s.stream, ...s.nodes]),
  );
  expect(ofType(events, 'gap')).toEqual([]);
  const sent = sentBytes(events);
  streams.forEach((s, i) => {
    s.nodes.forEach((node, n) => {
      expect(sent.get(`${connections[i]?.id} ${node}`) ?? EMPTY, `stream ${s.stream} from ${node}`).toEqual(
        s.sent[n],
      );
    });
  });
}
