// pcap-parser 0.2.1 ships no type declarations: what bench/suites/pcap.ts uses of it.
declare module 'pcap-parser' {
  import type { EventEmitter } from 'node:events';

  /** A record's header, read in the file's byte order. */
  interface PacketHeader {
    timestampSeconds: number;
    timestampMicroseconds: number;
    capturedLength: number;
    originalLength: number;
  }
  /** One 'packet' event: the header and the captured bytes (a slice of the parser's buffer). */
  interface Packet {
    header: PacketHeader;
    data: Buffer;
  }
  /** What parse() reads: 'data', 'error' and 'end' events; paused at once, resumed on the next tick. */
  interface Input extends EventEmitter {
    pause(): unknown;
    resume(): unknown;
  }
  /** Emits 'globalHeader', 'packetHeader', 'packetData', 'packet', 'error' and 'end'. */
  type Parser = EventEmitter;
  /** A parser of the file at `input` (a path) or of a readable stream of a pcap file. */
  function parse(input: string | Input): Parser;
}
