/**
 * @stride/pcap: capture files in, protocol messages out. `file/`: pcap and pcapng read as a stream
 * and written back; `layers/`: link, IP, TCP and UDP headers; `tcp/`: reassembly per connection;
 * `dissect/`: connections read by registered protocols (PostgreSQL, Redis and MQTT in the
 * `@stride/pcap/protocols` entry); `errors.ts`: every error and warning code.
 */
export * from './dissect/index.js';
export * from './errors.js';
export * from './file/index.js';
export * from './layers/index.js';
export * from './tcp/index.js';
