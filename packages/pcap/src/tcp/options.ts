/**
 * The bounds of TCP reassembly, with their defaults. Every one keeps memory bounded whatever the
 * capture holds: the number of connections, the out-of-order bytes held per direction, how far
 * ahead a segment may be held, and the delivered bytes kept to compare retransmissions with.
 */
export interface TcpReassemblerOptions {
  /** Connections tracked at once (closed ones included, until they make room); default 65 536. */
  readonly maxConnections?: number;
  /** Out-of-order payload bytes held per direction, with 64 bytes counted per piece (held.ts); default 4 MiB. */
  readonly maxBufferedPerDirection?: number;
  /** How far past the next expected byte a segment may start and still be held; default 1 GiB. */
  readonly maxGap?: number;
  /** The last delivered bytes kept per direction to tell a conflicting retransmission; default 256. */
  readonly retainDelivered?: number;
  /** Ports taken as the server's when no SYN says which side is the client (see roles.ts). */
  readonly serverPorts?: Iterable<number>;
}

export interface ResolvedOptions {
  readonly maxConnections: number;
  readonly maxBufferedPerDirection: number;
  readonly maxGap: number;
  readonly retainDelivered: number;
  readonly serverPorts: ReadonlySet<number>;
}

/** The options with their defaults; a bound that is not a non-negative integer is a RangeError. */
export function resolveOptions(options: TcpReassemblerOptions = {}): ResolvedOptions {
  const resolved = {
    maxConnections: options.maxConnections ?? 65_536,
    maxBufferedPerDirection: options.maxBufferedPerDirection ?? 4 * 1024 * 1024,
    maxGap: options.maxGap ?? 1024 * 1024 * 1024,
    retainDelivered: options.retainDelivered ?? 256,
    serverPorts: new Set(options.serverPorts ?? []),
  };
  for (const name of ['maxConnections', 'maxBufferedPerDirection', 'maxGap', 'retainDelivered'] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer`);
  }
  if (resolved.maxConnections < 1) throw new RangeError('maxConnections must be at least 1');
  if (resolved.maxGap > 0x7fffffff)
    throw new RangeError('maxGap must be below 2^31 (half the sequence space)');
  return resolved;
}
