// pcap-ng-parser 1.0.0 ships no type declarations: what bench/suites/pcap.ts uses of it.
declare module 'pcap-ng-parser' {
  import { Transform } from 'node:stream';

  namespace PCAPNGParser {
    /** An Enhanced Packet Block, pushed in object mode: its interface, raw timestamp and captured bytes. */
    interface Block {
      interfaceId: number;
      timestampHigh: number;
      timestampLow: number;
      /** A slice of the parser's buffer. */
      data: Buffer;
    }
  }
  /** A Transform stream: pcapng bytes in, Enhanced Packet Blocks out ('interface' events for IDBs). */
  class PCAPNGParser extends Transform {
    constructor();
  }
  export = PCAPNGParser;
}
