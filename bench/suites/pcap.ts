// bench/suites/pcap.ts: @stride/pcap reading a capture file and decoding every packet's headers,
// against the npm capture readers that work on Node 20 (pcap-parser for pcap, pcap-ng-parser for
// pcapng), and dissecting Redis traffic from a capture, against pcap-ng-parser with a hand-written
// TCP follower and redis-parser, with tshark timed once on each pcapng (informational: a whole
// dissector, another job).
//
//   read-packets  a generated capture of small TCP segments (../workloads/pcap-capture.ts: Ethernet /
//                 IPv4 / TCP, payloads of 0..200 B, 300 connections; 1,191,196 packets, ~200 MB as
//                 pcapng, ~179 MB as pcap), written once per run to two temporary files, each read
//                 into memory outside the timed region and fed as 64 KiB chunks (views of it); unit:
//                 packet. Two formats, each a workload of its own:
//     pcapng     stride against pcap-ng-parser
//     pcap       stride against pcap-parser
//                The job: every packet listed with its Ethernet, IPv4 and TCP headers decoded, the
//                fields handed to a sink. stride: `new CaptureReader()`, write(chunk, emit) per chunk,
//                finish(emit), `decodePacket(linkType, data)` per packet. The npm readers hand out
//                packet records only (no layer decoding), so each gets the same hand-written decoder
//                (pcap-capture.ts `handDecode`: every Ethernet, IPv4 and TCP header field, addresses
//                as text from a cache, as Stride's layers give them) applied to its packet data.
//                Informational, the two halves apart: `<name>:records` reads the records only.
//   dissect      the same shape of traffic carrying Redis (../workloads/pcap-redis.ts: 300
//                connections to :6379, clients' pipelines of commands, the server's replies of every
//                RESP2 kind, cut into segments of 1..200 B at random points, so messages straddle
//                segments; 1,263,395 packets, ~199 MB of pcapng), fed as 64 KiB chunks; unit:
//                message (465,370: the requests and the replies). The job: every connection
//                followed, each direction's bytes parsed as RESP, every message handed to a sink
//                with its connection and direction. Both directions: stride's Dissector reads both
//                (it has no option to read one), and redis-parser parses the clients' commands too
//                (arrays of bulk strings are RESP it reads), so both contestants do the same work.
//     stride     `new Dissector({ protocols: [redis] })` (Redis alone, from @stride/pcap/protocols,
//                as a user who knows the capture would), write(chunk, emit) per chunk, finish(emit);
//                'message' events to the sink (an 'error' event fails the run).
//     pcap-ng-parser+redis-parser  pcap-ng-parser as in read-packets, each block's data to the
//                hand follower (pcap-redis.ts HandFollower: handDecode per frame, connections by
//                their endpoints, opened by their SYN, each direction's payload in sequence order
//                to its own redis-parser with returnBuffers, its fastest: see ./redis.ts).
//                The capture has no loss or reordering, which the follower relies on (stride's
//                reassembler would handle both).
//                No goal: issue 16 sets none for dissect; the summary prints the ratio.
//                Checks: per direction, the messages' counts by kind (integers, strings, errors,
//                nulls, arrays, elements, string bytes; the kinds redis-parser tells apart) and a
//                hash over the connections of each one's order-sensitive hash of its messages'
//                values, against the generator's. tshark runs on this file with its RESP
//                dissector on (the default for port 6379): `tshark -r FILE -q -z io,stat,0`.
//
// As the mqtt and redis suites do with their variants, the harness runs `read-packets/pcapng` and
// `read-packets/pcap` as workloads of their own; the suite then rewrites its rows in
// bench/results/pcap.json as `{ workload: 'read-packets', format: 'pcapng' | 'pcap', ... }`, and ends
// with stride's throughput against the fastest npm reader (per packet, whichever its format; the
// goal: >= 3x), each anchor, and tshark's wall time (the record-reading halves are in the tables).
//
// Checks (the warm-up round): each contestant's sink (compiled separately) counts packets, captured
// bytes and TCP payload bytes, and hashes, in order, each packet's (ports, seq) and its other
// header fields (IP addresses' text, TTL, ack, flags, window); all must equal the generator's. The
// records-only contestants are checked on the packets and captured bytes. tshark's packet count and
// captured bytes (`-z io,stat,0`) are checked too.
//
// The anchors, each in its fastest configuration (read from their sources, measured here):
//  - pcap-parser 0.2.1: `parse(stream)` on an EventEmitter standing for a paused ReadableStream
//    (pause/resume no-ops), each chunk emitted as 'data' (as a file stream would), 'packet' events
//    with `{ header, data }` (data a slice of its buffer). It copies the leftover and each chunk into
//    a new buffer per chunk (`new Buffer`, Node prints its deprecation warning once).
//  - pcap-ng-parser 1.0.0: a Transform stream in object mode; write(chunk) per chunk with a 'data'
//    listener: with nothing buffered, every block is delivered synchronously within write(), so
//    the contestant stays synchronous (calling its _transform directly with push replaced took as
//    long: 3.99 s against 3.83 s). It is never end()ed: its _flush never calls back. It throws on
//    an Interface Description Block with no options, so the capture's has if_name, as dumpcap's do.
// Both take Buffers: they get the chunks as Buffer views of the file's bytes; Stride reads
// Uint8Array views of the same bytes.
//
// tshark runs once, after the timed workloads, as a child process on the pcapng:
// `tshark -r FILE --disable-protocol resp -q -z io,stat,0` (the server port is Redis's, whose
// dissector would otherwise parse the random payloads); its wall time includes its start-up.
// For dissect, it runs on that workload's pcapng with the RESP dissector on.

import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { CaptureReader, type CaptureRecord, type DissectEvent, Dissector, decodePacket } from '@stride/pcap';
import { redis } from '@stride/pcap/protocols';
import PcapNgParser from 'pcap-ng-parser';
import * as pcapParser from 'pcap-parser';
import {
  type Contestant,
  type ResultRow,
  relabelRows,
  runGuarded,
  runSuite,
  type Workload,
} from '../harness.js';
import {
  addHeaders,
  type CaptureFiles,
  type CaptureSink,
  type CaptureTally,
  captureFiles,
  captureSink,
  checkTally,
  handDecode,
} from '../workloads/pcap-capture.js';
import {
  checkDissect,
  type DissectTally,
  dissectSink,
  HandFollower,
  type RedisCapture,
  redisCapture,
} from '../workloads/pcap-redis.js';

const SUITE = 'pcap';
const WORKLOAD = 'read-packets';
const CHUNK = 64 * 1024;
/** The fastest npm reader's time per packet against stride's. */
const GOAL = 3;
const ANCHORS = { pcapng: 'pcap-ng-parser', pcap: 'pcap-parser' } as const;
type Format = keyof typeof ANCHORS;
const DISSECT = 'dissect';
const DISSECT_ANCHOR = 'pcap-ng-parser+redis-parser';

/** The running workload's chunks (views of the file's bytes), as Uint8Arrays and as Buffers. */
let chunks: Uint8Array[] = [];
let buffers: Buffer[] = [];

const files = (): CaptureFiles => captureFiles();

// ---- contestants --------------------------------------------------------------------------------

/** A contestant reading the whole file into its own sink; `recordsOnly`: checked on the records' counts. */
function reading(
  name: string,
  read: (sink: CaptureSink) => void,
  recordsOnly = false,
): Contestant<CaptureTally> {
  const sink = captureSink();
  return {
    name,
    informational: recordsOnly,
    run() {
      read(sink);
      return sink.take();
    },
    check: (tally) => checkTally(files().expected, tally, recordsOnly),
  };
}

const flagBits = (f: {
  fin: boolean;
  syn: boolean;
  rst: boolean;
  psh: boolean;
  ack: boolean;
  urg: boolean;
  ece: boolean;
  cwr: boolean;
}): number =>
  (f.fin ? 1 : 0) |
  (f.syn ? 2 : 0) |
  (f.rst ? 4 : 0) |
  (f.psh ? 8 : 0) |
  (f.ack ? 16 : 0) |
  (f.urg ? 32 : 0) |
  (f.ece ? 64 : 0) |
  (f.cwr ? 128 : 0);

function strideReading(recordsOnly: boolean): Contestant<CaptureTally> {
  let sink: CaptureSink | undefined;
  const emit = recordsOnly
    ? (r: CaptureRecord): void => {
        if (r.type === 'packet') (sink as CaptureSink).record(r.capturedLength);
      }
    : (r: CaptureRecord): void => {
        if (r.type !== 'packet') return;
        const p = decodePacket(r.linkType, r.data);
        const ip = p.network;
        const tcp = p.transport;
        if (ip?.type !== 'ipv4' || tcp?.type !== 'tcp') throw new Error(`frame ${r.frame}: not IPv4 / TCP`);
        const i = ip.header;
        const t = tcp.header;
        (sink as CaptureSink).add(
          r.capturedLength,
          i.src,
          i.dst,
          i.ttl,
          t.srcPort,
          t.dstPort,
          t.seq,
          t.ack,
          flagBits(t.flags),
          t.window,
          p.payload.length,
        );
      };
  return reading(
    recordsOnly ? 'stride:records' : 'stride',
    (s) => {
      sink = s;
      const reader = new CaptureReader();
      const cs = chunks;
      for (let k = 0; k < cs.length; k++) reader.write(cs[k] as Uint8Array, emit);
      reader.finish(emit);
    },
    recordsOnly,
  );
}

/** The anchors' packet handler: the hand decoder, or the record only. */
function onPacket(recordsOnly: boolean, sink: () => CaptureSink): (data: Buffer) => void {
  if (recordsOnly) return (data) => sink().record(data.length);
  return (data) => {
    const h = handDecode(data);
    addHeaders(sink(), data.length, h);
  };
}

function pcapParserReading(recordsOnly: boolean): Contestant<CaptureTally> {
  let sink: CaptureSink | undefined;
  const handle = onPacket(recordsOnly, () => sink as CaptureSink);
  const onRecord = (packet: pcapParser.Packet): void => handle(packet.data);
  const onError = (error: Error): void => {
    throw error;
  };
  return reading(
    recordsOnly ? `${ANCHORS.pcap}:records` : ANCHORS.pcap,
    (s) => {
      sink = s;
      const stream = new PausedStream();
      const parser = pcapParser.parse(stream);
      parser.on('packet', onRecord);
      parser.on('error', onError);
      const bs = buffers;
      for (let k = 0; k < bs.length; k++) stream.emit('data', bs[k]);
      stream.emit('end');
    },
    recordsOnly,
  );
}

/** What pcap-parser takes for a ReadableStream: 'data' events, and pause/resume (no-ops here). */
class PausedStream extends EventEmitter {
  pause(): this {
    return this;
  }
  resume(): this {
    return this;
  }
}

function pcapNgParserReading(recordsOnly: boolean): Contestant<CaptureTally> {
  let sink: CaptureSink | undefined;
  const handle = onPacket(recordsOnly, () => sink as CaptureSink);
  const onBlock = (block: PcapNgParser.Block): void => handle(block.data);
  const onError = (error: Error): void => {
    throw error;
  };
  return reading(
    recordsOnly ? `${ANCHORS.pcapng}:records` : ANCHORS.pcapng,
    (s) => {
      sink = s;
      const parser = new PcapNgParser();
      parser.on('data', onBlock);
      parser.on('error', onError);
      const bs = buffers;
      for (let k = 0; k < bs.length; k++) parser.write(bs[k]);
    },
    recordsOnly,
  );
}

// ---- workloads ----------------------------------------------------------------------------------

function readWorkload(format: Format): Workload {
  const anchor = ANCHORS[format];
  const contestants =
    format === 'pcapng'
      ? [strideReading(false), pcapNgParserReading(false), strideReading(true), pcapNgParserReading(true)]
      : [strideReading(false), pcapParserReading(false), strideReading(true), pcapParserReading(true)];
  return {
    name: `${WORKLOAD}/${format}`,
    unit: 'packet',
    opsPerIteration: 0,
    bytesPerIteration: 0,
    setup() {
      const f = files();
      const bytes = readFileSync(f[format]);
      chunks = [];
      for (let at = 0; at < bytes.length; at += CHUNK) chunks.push(bytes.subarray(at, at + CHUNK));
      buffers = chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.length));
      this.opsPerIteration = f.expected.packets;
      this.bytesPerIteration = bytes.length;
      this.notes = [
        `${f.expected.packets} packets, ${bytes.length} B of ${format} as ${chunks.length} chunks of 64 KiB (views of the file read once)`,
        `${anchor} reads records only: its job here adds the suite's hand-written Ethernet/IPv4/TCP decoder; <name>:records (informational) is the record reading alone`,
      ];
    },
    teardown() {
      chunks = [];
      buffers = [];
    },
    goals: [{ numerator: anchor, denominator: 'stride', min: GOAL }],
    contestants,
  };
}

// ---- dissect ------------------------------------------------------------------------------------

function dissecting(name: string, read: () => DissectTally): Contestant<DissectTally> {
  return { name, run: read, check: (tally) => checkDissect(redisCapture().expected, tally) };
}

function strideDissecting(): Contestant<DissectTally> {
  const sink = dissectSink<unknown>('resp');
  const emit = (e: DissectEvent): void => {
    if (e.type === 'message') sink.add(e.connection.id, e.message.dir === 's2c', e.message.message);
    else if (e.type === 'error')
      throw new Error(`connection ${e.connection.id} ${e.error.dir}: ${e.error.code} ${e.error.message}`);
  };
  return dissecting('stride', () => {
    const dissector = new Dissector({ protocols: [redis] });
    const cs = chunks;
    for (let k = 0; k < cs.length; k++) dissector.write(cs[k] as Uint8Array, emit);
    dissector.finish(emit);
    return sink.take();
  });
}

function handDissecting(): Contestant<DissectTally> {
  const sink = dissectSink<unknown>('plain');
  let follower: HandFollower | undefined;
  const onBlock = (block: PcapNgParser.Block): void => (follower as HandFollower).packet(block.data);
  const onError = (error: Error): void => {
    throw error;
  };
  return dissecting(DISSECT_ANCHOR, () => {
    follower = new HandFollower(sink);
    const parser = new PcapNgParser();
    parser.on('data', onBlock);
    parser.on('error', onError);
    const bs = buffers;
    for (let k = 0; k < bs.length; k++) parser.write(bs[k]);
    return sink.take();
  });
}

function dissectWorkload(): Workload {
  return {
    name: DISSECT,
    unit: 'message',
    opsPerIteration: 0,
    bytesPerIteration: 0,
    setup() {
      const c = redisCapture();
      const bytes = readFileSync(c.pcapng);
      chunks = [];
      for (let at = 0; at < bytes.length; at += CHUNK) chunks.push(bytes.subarray(at, at + CHUNK));
      buffers = chunks.map((b) => Buffer.from(b.buffer, b.byteOffset, b.length));
      const { c2s, s2c } = c.expected;
      this.opsPerIteration = c2s.messages + s2c.messages;
      this.bytesPerIteration = bytes.length;
      this.notes = [
        `${c.packets} packets, ${bytes.length} B of pcapng as ${chunks.length} chunks of 64 KiB; ` +
          `${c2s.messages} requests and ${s2c.messages} replies, both directions dissected by both`,
        `no goal: issue 16 sets none for dissect (the summary prints stride's ratio to ${DISSECT_ANCHOR})`,
      ];
    },
    teardown() {
      chunks = [];
      buffers = [];
    },
    contestants: [strideDissecting(), handDissecting()],
  };
}

// ---- tshark and the summary ---------------------------------------------------------------------

interface TsharkRun {
  ms: number;
}

/**
 * tshark on a pcapng, once (RESP dissected or not): its wall time, its packet count and bytes
 * checked against `want`'s.
 */
function runTshark(
  pcapng: string,
  want: { packets: number; capturedBytes: number },
  resp: boolean,
): TsharkRun | string {
  const args = ['-r', pcapng, ...(resp ? [] : ['--disable-protocol', 'resp']), '-q', '-z', 'io,stat,0'];
  const t0 = performance.now();
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const ms = performance.now() - t0;
  if (r.error) return `tshark did not run (${r.error.message})`;
  if (r.status !== 0) return `tshark exited with ${r.status}: ${r.stderr.trim()}`;
  const m = /\|\s*([\d.]+\s*<>\s*[\d.]+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/.exec(r.stdout);
  if (!m || Number(m[2]) !== want.packets || Number(m[3]) !== want.capturedBytes)
    throw new Error(
      `tshark counted ${m ? `${m[2]} frames, ${m[3]} B` : 'nothing'}: expected ${want.packets}, ${want.capturedBytes} B`,
    );
  return { ms };
}

function summary(rows: readonly ResultRow[], tshark: TsharkRun | string | undefined): void {
  const packets = files().expected.packets;
  const of = (format: Format, c: string) =>
    rows.find((r) => r.workload === WORKLOAD && r.format === format && r.contestant === c)?.opsPerSec;
  const lines: string[] = [];
  const anchors = (Object.keys(ANCHORS) as Format[])
    .map((format) => ({ format, name: ANCHORS[format], rate: of(format, ANCHORS[format]) }))
    .filter(
      (a): a is { format: Format; name: (typeof ANCHORS)[Format]; rate: number } => a.rate !== undefined,
    );
  for (const a of anchors) {
    const s = of(a.format, 'stride');
    if (s !== undefined)
      lines.push(
        `  ${WORKLOAD}/${a.format}: stride ${s} packets/s / ${a.name} ${a.rate} packets/s = ${(s / a.rate).toFixed(2)}x`,
      );
  }
  const fastest = anchors.sort((a, b) => b.rate - a.rate)[0];
  if (fastest) {
    for (const format of Object.keys(ANCHORS) as Format[]) {
      const s = of(format, 'stride');
      if (s === undefined) continue;
      const r = s / fastest.rate;
      lines.push(
        `  stride (${format}) / the fastest npm reader (${fastest.name}, with the hand decoder) = ${r.toFixed(2)}x ` +
          `(goal >= ${GOAL}x: ${r >= GOAL ? 'met' : 'MISSED'})`,
      );
    }
  }
  if (typeof tshark === 'string') lines.push(`  tshark: ${tshark}`);
  else if (tshark) {
    lines.push(
      `  tshark (informational, a whole dissector; -q -z io,stat,0 on the pcapng): ${(tshark.ms / 1000).toFixed(2)} s, ` +
        `${Math.round((packets * 1000) / tshark.ms)} packets/s`,
    );
    const s = of('pcapng', 'stride');
    if (s !== undefined)
      lines.push(`  tshark / stride (pcapng) time = ${((s * tshark.ms) / 1000 / packets).toFixed(1)}x`);
  }
  if (lines.length > 0)
    console.log(
      `\n== ${SUITE}: stride's throughput against the npm readers' (this run; higher is faster)\n${lines.join('\n')}`,
    );
}

/** stride's dissect throughput against the anchor's (no goal set), and tshark's time with its RESP dissector. */
function dissectSummary(rows: readonly ResultRow[], c: RedisCapture, tshark: TsharkRun | string): void {
  const of = (name: string) => rows.find((r) => r.workload === DISSECT && r.contestant === name)?.opsPerSec;
  const s = of('stride');
  const a = of(DISSECT_ANCHOR);
  const lines: string[] = [];
  if (s !== undefined && a !== undefined)
    lines.push(
      `  ${DISSECT}: stride ${s} messages/s / ${DISSECT_ANCHOR} ${a} messages/s = ${(s / a).toFixed(2)}x (no goal set)`,
    );
  if (typeof tshark === 'string') lines.push(`  tshark: ${tshark}`);
  else {
    const messages = c.expected.c2s.messages + c.expected.s2c.messages;
    lines.push(
      `  tshark (informational, its RESP dissector on; -q -z io,stat,0 on the dissect pcapng): ` +
        `${(tshark.ms / 1000).toFixed(2)} s, ${Math.round((c.packets * 1000) / tshark.ms)} packets/s`,
    );
    if (s !== undefined)
      lines.push(`  tshark / stride (dissect) time = ${((s * tshark.ms) / 1000 / messages).toFixed(1)}x`);
  }
  console.log(
    `\n== ${SUITE}: ${DISSECT}, stride against ${DISSECT_ANCHOR} (this run; higher is faster)\n${lines.join('\n')}`,
  );
}

async function run(): Promise<void> {
  const t0 = performance.now();
  const f = files();
  console.log(
    `# pcap: generated ${WORKLOAD}: ${f.expected.packets} packets, pcapng ${f.pcapngBytes} B, pcap ${f.pcapBytes} B ` +
      `in ${(performance.now() - t0).toFixed(0)} ms (${f.pcapng}, ${f.pcap})`,
  );
  const rows = relabelRows(
    SUITE,
    'format',
    await runSuite({
      name: SUITE,
      workloads: [readWorkload('pcapng'), readWorkload('pcap'), dissectWorkload()],
    }),
  );
  const ran = rows.some((r) => r.format === 'pcapng');
  summary(rows, ran ? runTshark(f.pcapng, f.expected, false) : undefined);
  if (rows.some((r) => r.workload === DISSECT)) {
    const c = redisCapture();
    dissectSummary(rows, c, runTshark(c.pcapng, c, true));
  }
}

await runGuarded(SUITE, run);
