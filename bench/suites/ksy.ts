// bench/suites/ksy.ts: @stride/ksy (loadKsy: a .ksy loaded at run time) against the parsers Kaitai
// Struct's reference compiler generates from the same .ksy (kaitai-struct-compiler 0.11, JavaScript,
// on the kaitai-struct runtime), compiled at suite start (../workloads/ksy-kaitai.ts), and against
// @stride/codec written in code.
//
//   fixed-struct-ksy  the codec suite's 1,000,000 fixed 44-byte little-endian records (workload A,
//                     ../workloads/records.ts) in one 44 MB buffer, described by
//                     bench/fixtures/ksy/fixed_struct_records.ksy (top: `records`, `repeat: eos`);
//                     unit: record. Contestants:
//     stride          `loadKsy(ksy).records()` given the buffer: each record to the sink as it is
//                     read (Stride streams the items of a `repeat: eos`; none are kept)
//     stride:decode   (informational) `decode(buffer)`, then each of `records`, as Kaitai does
//     stride:1-1460b  (informational) `records()` given the buffer in 1..1,460 B chunks (TCP-segment
//                     sized, cut untimed), as from a socket
//     kaitai          `new FixedStructRecords(new KaitaiStream(buffer))`, the same
//     codec           `new Decoder(StrideRecord, buffer).readEach(sink)`: the codec suite's stride
//                     contestant, its best configuration (compiled record loop, no array of all)
//   gallery           the gallery's network/pcap.ksy (kaitai_struct_formats, test/ksy/gallery/) and
//                     its imports on the first 40 MB of the pcap suite's generated capture
//                     (../workloads/ksy-pcap.ts: 266,620 Ethernet / IPv4 / TCP packets): every
//                     packet decoded through the layers, its headers' fields to the sink; unit:
//                     packet. Contestants: stride (`loadKsy` with the imports; `records()`: the
//                     header, then each packet as it is read), kaitai (the compiler's modules for
//                     pcap.ksy and each import; the whole capture, then its packets),
//                     stride:decode (informational: as kaitai does), stride:1-1460b (informational:
//                     records() given the capture in 1..1,460 B chunks).
//
// Kaitai's parsers can only build the whole object tree of one decode (a repeat is an array of
// every element), then the sink walks it; Stride streams the records of the file's `repeat: eos`
// to the sink (its best configuration), and does what Kaitai does as the informational
// `stride:decode`. Stride's loadKsy and Kaitai's compilation run once, untimed (their times are
// printed as notes).
//
// Checks (the warm-up round): fixed-struct-ksy: count, order-sensitive hash over every field, the
// `ts` sum and the first 1000 records field by field against the generated records, for every
// contestant (Kaitai reads u8 as a double: its `ts` is checked as Number(ts), see
// ../workloads/ksy-records.ts); gallery: packets, captured and payload bytes, and the two hashes
// over each packet's header fields against the hand decoder's tally of the same packets.

import { Decoder } from '@stride/codec';
import type { KsyFormat } from '@stride/ksy';
import { type Contestant, keepingContestant, runGuarded, runSuite, type Workload } from '../harness.js';
import { splitCopies } from '../prng.js';
import {
  gallerySource,
  type KaitaiClass,
  kaitaiClass,
  kaitaiStream,
  strideFormat,
} from '../workloads/ksy-kaitai.js';
import {
  foldKaitai,
  foldStride,
  foldStridePacket,
  GALLERY_BYTES,
  galleryCapture,
} from '../workloads/ksy-pcap.js';
import { checkKaitaiTally, type KaitaiRec, KaitaiSink, recordsKsy } from '../workloads/ksy-records.js';
import { captureSink, checkTally } from '../workloads/pcap-capture.js';
import { decoding, FIRST, input, RECORDS, type Rec, StrideRecord, TOTAL } from '../workloads/records.js';
import { segmentChunking } from '../workloads/wire-stream.js';

const SUITE = 'ksy';

/** The chunks a socket would deliver `bytes` in: 1..1,460 B (TCP-segment sized) copies, cut once, untimed. */
const segmented = (bytes: Uint8Array): Uint8Array[] =>
  splitCopies(bytes, segmentChunking(0x4b5359).sizes(bytes.length));

/** `records()` given `chunks` one by one, as from a socket. */
function feed(format: KsyFormat, chunks: readonly Uint8Array[], emit: (record: unknown) => void): void {
  const reader = format.records();
  for (const chunk of chunks) reader.write(chunk, emit);
  reader.finish(emit);
}

/** Runs `make` and says how long it took. */
async function timed<T>(make: () => T | Promise<T>): Promise<[T, string]> {
  const t = performance.now();
  const value = await make();
  return [value, `${(performance.now() - t).toFixed(0)} ms`];
}

interface Prepared {
  format: KsyFormat;
  Kaitai: KaitaiClass;
  notes: string[];
}

async function prepare(what: string, source: string, base = ''): Promise<Prepared> {
  const [format, strideTime] = await timed(() => strideFormat(source, base));
  const [Kaitai, kaitaiTime] = await timed(() => kaitaiClass(source, base));
  return {
    format,
    Kaitai,
    notes: [
      `${what}: loadKsy ${strideTime}; the reference compiler and loading its modules ${kaitaiTime} (once, untimed)`,
    ],
  };
}

// ---- fixed-struct-ksy ---------------------------------------------------------------------------

function fixedStructKsy(p: Prepared): Workload {
  let flat: Buffer = Buffer.alloc(0);

  // Stride's best configuration for this job: the file's records streamed to the sink as they are
  // read (`records()`: the items of its `repeat: eos`), none kept, as codec's readEach does.
  const stride = decoding('stride', (sink) => {
    const reader = p.format.records();
    const add = (rec: unknown) => sink.add(rec as Rec);
    reader.write(flat, add);
    reader.finish(add);
  });

  const strideWhole = decoding(
    'stride:decode',
    (sink) => {
      const records = (p.format.decode(flat) as { records: Rec[] }).records;
      for (let i = 0; i < records.length; i++) sink.add(records[i] as Rec);
    },
    { informational: true },
  );

  const kaitaiSink = new KaitaiSink();
  const kaitai = keepingContestant(
    'kaitai',
    kaitaiSink,
    () => FIRST,
    () => {
      const records = (new p.Kaitai(kaitaiStream(flat)) as { records: KaitaiRec[] }).records;
      for (let i = 0; i < records.length; i++) kaitaiSink.add(records[i] as KaitaiRec);
    },
    { check: checkKaitaiTally },
  );

  const codec = decoding('codec', (sink) => {
    new Decoder(StrideRecord, flat).readEach((rec) => sink.add(rec));
  });

  // Informational: the same records as a socket delivers them, in TCP-segment-sized chunks.
  let chunks: Uint8Array[] = [];
  const strideSegments = decoding(
    `stride:${segmentChunking(0).name}`,
    (sink) => feed(p.format, chunks, (rec) => sink.add(rec as Rec)),
    { informational: true },
  );

  return {
    name: 'fixed-struct-ksy',
    unit: 'record',
    opsPerIteration: RECORDS,
    bytesPerIteration: TOTAL,
    setup() {
      flat = input().flat;
      chunks = segmented(flat);
    },
    teardown() {
      flat = Buffer.alloc(0);
      chunks = [];
    },
    notes: [
      'stride: loadKsy(fixed_struct_records.ksy).records() given the buffer, each record to the sink as read; stride:decode (informational): decode(buffer), then each of `records`; kaitai: the compiled parser on the buffer (it cannot stream), then each of `records`',
      'codec: @stride/codec Decoder.readEach over the buffer (the codec suite fixed-struct stride contestant)',
      ...p.notes,
    ],
    goals: [
      { numerator: 'kaitai', denominator: 'stride', min: 10 },
      { numerator: 'stride', denominator: 'codec', max: 1 / 0.8 },
    ],
    contestants: [stride, kaitai, codec, strideWhole, strideSegments] as Contestant[],
  };
}

// ---- gallery ------------------------------------------------------------------------------------

function gallery(p: Prepared): Workload {
  let bytes: Uint8Array = new Uint8Array(0);
  const walking = (name: string, decode: () => unknown, fold: typeof foldStride): Contestant => {
    const sink = captureSink();
    return {
      name,
      run() {
        fold(decode(), sink);
        return sink.take();
      },
      check: (tally) => checkTally(galleryCapture().expected, tally as ReturnType<typeof sink.take>),
    };
  };
  // Stride's best configuration: the capture's packets streamed to the sink as they are read
  // (`records()`: the file header first, then each item of its `repeat: eos`), none kept.
  let chunks: Uint8Array[] = [];
  const streaming = (name: string, input: () => readonly Uint8Array[]): Contestant => {
    const sink = captureSink();
    return {
      name,
      run() {
        let header = true;
        feed(p.format, input(), (packet) => {
          if (header) header = false;
          else foldStridePacket(packet, sink);
        });
        return sink.take();
      },
      check: (tally) => checkTally(galleryCapture().expected, tally as ReturnType<typeof sink.take>),
    };
  };
  const workload: Workload = {
    name: 'gallery',
    unit: 'packet',
    // Set by setup(), which the harness runs first: the capture is made only when the workload runs.
    opsPerIteration: 0,
    bytesPerIteration: 0,
    setup() {
      const c = galleryCapture();
      bytes = c.bytes;
      chunks = segmented(bytes);
      workload.opsPerIteration = c.packets;
      workload.bytesPerIteration = c.bytes.length;
    },
    teardown() {
      bytes = new Uint8Array(0);
      chunks = [];
    },
    notes: [
      `network/pcap.ksy and its imports (kaitai_struct_formats) on the first ${GALLERY_BYTES / 1e6} MB of the pcap suite's capture; each packet's Ethernet, IPv4 and TCP fields to the sink`,
      ...p.notes,
    ],
    goals: [{ numerator: 'kaitai', denominator: 'stride', min: 3 }],
    contestants: [
      streaming('stride', () => [bytes]),
      walking('kaitai', () => new p.Kaitai(kaitaiStream(bytes)), foldKaitai),
      { ...walking('stride:decode', () => p.format.decode(bytes), foldStride), informational: true },
      // Informational: the capture as a pipe delivers it, in TCP-segment-sized chunks.
      { ...streaming(`stride:${segmentChunking(0).name}`, () => chunks), informational: true },
    ],
  };
  return workload;
}

async function run(): Promise<void> {
  const records = await prepare('fixed_struct_records.ksy', recordsKsy());
  const pcap = await prepare('network/pcap.ksy', gallerySource('network/pcap'), 'network');
  await runSuite({ name: SUITE, workloads: [fixedStructKsy(records), gallery(pcap)] });
}

await runGuarded(SUITE, run);
