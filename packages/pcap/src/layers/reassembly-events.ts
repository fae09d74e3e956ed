/**
 * What Ipv4Reassembler emits: a whole datagram when its last hole is filled, an overlap when a
 * fragment repeats bytes already held (the first copy wins; `conflicting` when the bytes differ), and
 * a drop, with a code, when a datagram is given up: nothing is held past the reassembler's bounds.
 * (The drop codes are to be merged into the package's errors.ts with the other folders' codes.)
 */

export const ReassemblyDropCode = {
  /** Not completed within `timeout` of capture time since its first fragment. */
  TIMEOUT: 'TIMEOUT',
  /** The oldest datagram, given up to make room for a new one past `maxDatagrams`. */
  EVICTED: 'EVICTED',
  /** A fragment reaching past `maxBytes` (header and data; IPv4's limit is 65,535). */
  TOO_LARGE: 'TOO_LARGE',
  /** A fragment other than the last whose data is not a multiple of 8 bytes long. */
  BAD_FRAGMENT: 'BAD_FRAGMENT',
  /** Two last fragments that end in different places, or data past the end the last one set. */
  INCONSISTENT_END: 'INCONSISTENT_END',
  /** Still incomplete when `finish` was called. */
  INCOMPLETE: 'INCOMPLETE',
} as const;
export type ReassemblyDropCode = (typeof ReassemblyDropCode)[keyof typeof ReassemblyDropCode];

export type ReassemblyEvent =
  | {
      readonly type: 'datagram';
      /** Source, destination, protocol and identification: `10.0.0.1>10.0.0.2/17/4660`. */
      readonly key: string;
      /**
       * The whole datagram: the first fragment's header (options kept) with the total length, the
       * fragment fields (DF kept) and the checksum rewritten, then the data. Decode it with
       * `decodePacket(LinkType.IPV4, data)`.
       */
      readonly data: Uint8Array;
      /** Fragments that brought new bytes. */
      readonly fragments: number;
    }
  | {
      readonly type: 'overlap';
      readonly key: string;
      /** In the datagram's data, and how many bytes were already held. */
      readonly offset: number;
      readonly length: number;
      readonly conflicting: boolean;
    }
  | {
      readonly type: 'drop';
      readonly key: string;
      readonly code: ReassemblyDropCode;
      readonly message: string;
    };

export type ReassemblyEmit = (event: ReassemblyEvent) => void;

export interface Ipv4ReassemblerOptions {
  /** Datagrams held at once (default 1024); a new one past it evicts the oldest. */
  readonly maxDatagrams?: number;
  /** Bytes of one datagram, header included (default 65,535). */
  readonly maxBytes?: number;
  /** Nanoseconds of capture time a datagram may wait for its fragments (default 30 s, as Linux). */
  readonly timeout?: bigint;
}
