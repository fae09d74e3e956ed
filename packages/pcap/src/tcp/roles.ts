/**
 * Which end of a connection is the client. Tried in order, first match wins:
 *  1. a SYN without ACK comes from the client; a SYN-ACK from the server;
 *  2. a port in the `serverPorts` option is the server's (and not both ends' ports are);
 *  3. a well-known port (below 1024) is the server's when the other port is not;
 *  4. a port below 32768 is the server's when the other is ephemeral (32768 and up: Linux's
 *     32768–60999 and IANA's 49152–65535 both lie there);
 *  5. otherwise the sender of the first segment seen is the client.
 * Endpoints are named 'ip:port', IPv6 addresses in brackets ('[::1]:5432').
 */
import type { TcpSegment } from './types.js';

/** 'ip:port', or '[ip]:port' for IPv6. */
export function endpoint(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** True when the segment's sender is the client of a connection first seen with this segment. */
export function senderIsClient(segment: TcpSegment, serverPorts: ReadonlySet<number>): boolean {
  const { flags, srcPort, dstPort } = segment;
  if (flags.syn) return !flags.ack;
  const byPort = serverSide(srcPort, dstPort, serverPorts);
  return byPort === undefined ? true : byPort === 'dst';
}

function serverSide(src: number, dst: number, serverPorts: ReadonlySet<number>): 'src' | 'dst' | undefined {
  const tests = [(p: number) => serverPorts.has(p), (p: number) => p < 1024, (p: number) => p < 32768];
  for (const isServer of tests) {
    const s = isServer(src);
    const d = isServer(dst);
    if (s !== d) return s ? 'src' : 'dst';
  }
  return undefined;
}
