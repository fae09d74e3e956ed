// bench/suites/pg.ts: @stride/pg's PgReader on a server's answer to a SELECT, against pg-protocol
// (the parser inside node-postgres) and two hand-written incremental parsers (the limits).
//
//   datarow        the answer (../workloads/pg-rows.ts: a RowDescription, ~319,000 DataRows of 5 text
//                  columns, CommandComplete, ReadyForQuery; ~50.0 MB) as exact 64 KiB chunks; unit: row
//   datarow-small  the same bytes as chunks of 1..1,460 B (TCP-segment sized, sizes from a fixed seed):
//                  the per-chunk costs; unit: row
//
// Every contestant reads the whole stream as one connection: a new reader or parser per iteration,
// as a client makes per connection, each chunk written as it comes. Each hands every DataRow's
// columns to a sink of its own (pg-rows.ts: compiled per contestant, so no contestant's arrays make
// another's sink polymorphic) and the other messages' tags to the same sink; the warm-up round
// checks the row count, the other messages and CommandComplete's tag, every column of the first
// 1000 rows, and a hash over every column of every row (length, first and last character or byte).
// The two workloads share the contestant objects, their emits and sinks (as the codec suite's
// streaming workloads do): each workload's setup() points them at its chunks.
//
// Contestants:
//  - stride: `new PgReader({ from: 'server', phase: 'messages' })` (columns as strings, UTF-8
//    checked), write(chunk, emit) per chunk, finish(emit).
//  - stride-zero-copy: the same with `columns: 'bytes'`: each column a Uint8Array view of its bytes.
//  - pg-protocol 1.16: `new Parser()`, parse(buffer, callback) per chunk. Its only option is the
//    mode, and 'text' is the only one it supports; it parses in place in the chunk and merges a
//    partial message into a reusable buffer. It takes Buffers: the chunks are wrapped
//    (Buffer.from(arrayBuffer, offset, length), no copy) in setup(), as a socket hands them over.
//  - limit:hand-utf8slice: an incremental parser written here, in place in the chunk, the start of a
//    message cut by a chunk's end gathered in one reusable buffer; a column array per DataRow and
//    `utf8Slice` per column (on the same Buffer wrappers): the eager-string ceiling (no UTF-8 check,
//    no message object, no column-count check).
//  - limit:hand-views: the same parser handing out `subarray` views of the Uint8Array chunks. Views
//    of a message that straddled chunks point into the reusable buffer and are overwritten by the
//    next straddling message: a shortcut only a limit may take (stride-zero-copy's views stay
//    valid).
//
// Stride's other chunks are the Uint8Array copies themselves (splitCopies: each its own
// ArrayBuffer); the Buffer wrappers are made once per workload, outside the timed window.

import { PgReader, type PgReadMessage } from '@stride/pg';
import type { BackendMessage, CommandCompleteMessage, DataRowMessage } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';
import {
  type Contestant,
  config,
  type Goal,
  keepingContestant,
  type ResultRow,
  runSuite,
  type Workload,
} from '../harness.js';
import { chunkSizes, evenSizes, splitCopies } from '../prng.js';
import {
  bytesSink,
  checkRows,
  FIRST,
  type Row,
  type RowSink,
  type RowTally,
  rowStream,
  stringSink,
} from '../workloads/pg-rows.js';

const SUITE = 'pg';
const ANCHOR = 'pg-protocol';
const DATAROW = 'datarow';
const DATAROW_SMALL = 'datarow-small';

/** The chunks the running workload feeds (set by its setup()). */
let chunks: Uint8Array[] = [];
/** The same chunks as Buffers (views, no copy), with Node's native slicers. */
let buffers: SlicingBuffer[] = [];

interface Slicers {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}
/** A Buffer with the native slicers toString() calls (in Node's Buffer, not in its declarations). */
type SlicingBuffer = Buffer & Slicers;

const asBuffer = (u8: Uint8Array): SlicingBuffer =>
  Buffer.from(u8.buffer, u8.byteOffset, u8.length) as SlicingBuffer;

/** A contestant reading the whole stream into `sink`; the first run after setup() keeps FIRST rows. */
const reading = <C extends string | Uint8Array>(
  name: string,
  sink: RowSink<C>,
  read: () => void,
  setup?: () => void,
): Contestant<RowTally<C>> => keepingContestant(name, sink, () => FIRST, read, { setup, check: checkRows });

// ---- stride ---------------------------------------------------------------------------------------

const strideSink = stringSink();
const strideEmit = (m: PgReadMessage<'server', 'string'>): void => {
  if (m.type === 'DataRow') strideSink.add(m.columns);
  else strideSink.message(m.type === 'CommandComplete' ? m.tag : '');
};

const stride = reading('stride', strideSink, () => {
  const reader = new PgReader({ from: 'server', phase: 'messages', columns: 'string' });
  const cs = chunks;
  for (let k = 0; k < cs.length; k++) reader.write(cs[k] as Uint8Array, strideEmit);
  reader.finish(strideEmit);
});

const zeroCopySink = bytesSink();
const zeroCopyEmit = (m: PgReadMessage<'server', 'bytes'>): void => {
  if (m.type === 'DataRow') zeroCopySink.add(m.columns);
  else zeroCopySink.message(m.type === 'CommandComplete' ? m.tag : '');
};

const strideZeroCopy = reading('stride-zero-copy', zeroCopySink, () => {
  const reader = new PgReader({ from: 'server', phase: 'messages', columns: 'bytes' });
  const cs = chunks;
  for (let k = 0; k < cs.length; k++) reader.write(cs[k] as Uint8Array, zeroCopyEmit);
  reader.finish(zeroCopyEmit);
});

// ---- pg-protocol ----------------------------------------------------------------------------------

const pgSink = stringSink();
const pgEmit = (m: BackendMessage): void => {
  if (m.name === 'dataRow') pgSink.add((m as DataRowMessage).fields as Row<string>);
  else pgSink.message(m.name === 'commandComplete' ? (m as unknown as CommandCompleteMessage).text : '');
};

/** pg-protocol's chunks, one set per run of the workload (it writes into some: see pgInputs). */
let pgRuns: Buffer[][] = [];
let pgRun = 0;

const pgProtocol = reading(
  ANCHOR,
  pgSink,
  () => {
    const bs = pgRuns[pgRun++];
    if (!bs) throw new Error(`run ${pgRun}: pgInputs() made only ${pgRuns.length} sets of chunks`);
    const parser = new Parser();
    for (let k = 0; k < bs.length; k++) parser.parse(bs[k] as Buffer, pgEmit);
  },
  () => {
    pgRun = 0;
  },
);

/** A copy with its own ArrayBuffer, as a socket's chunk has. */
function ownCopy(u8: Uint8Array): Buffer {
  const copy = Buffer.allocUnsafeSlow(u8.length);
  copy.set(u8);
  return copy;
}

/**
 * pg-protocol's input. When a partial message is left at the end of chunk A and chunk B would fit
 * in A's bytes behind it, Parser.mergeBuffer moves the partial message to A's start and copies B
 * after it: it writes into the caller's buffer (harmless with a socket's fresh buffers), so a
 * second run over the same chunks would parse garbage. Those chunks, found by one untimed run
 * over copies, get a fresh copy per run (every run of the workload: the checked warm-up round and
 * each later round); the others are shared.
 */
function pgInputs(cs: readonly Uint8Array[]): { runs: Buffer[][]; written: number } {
  const probe = cs.map(ownCopy);
  const parser = new Parser();
  for (const b of probe) parser.parse(b, () => {});
  const written: number[] = [];
  for (let k = 0; k < cs.length; k++)
    if (Buffer.compare(probe[k] as Buffer, cs[k] as Uint8Array) !== 0) written.push(k);
  const shared: Buffer[] = cs.map(asBuffer);
  const runs = Array.from({ length: 1 + config.warmupRounds + config.rounds }, () => {
    const set = shared.slice();
    for (const k of written) set[k] = ownCopy(cs[k] as Uint8Array);
    return set;
  });
  return { runs, written: written.length };
}

// ---- the hand-written limits ----------------------------------------------------------------------

/** A big-endian u32 at `at`. */
const u32 = (b: Uint8Array, at: number): number =>
  (((b[at] as number) << 24) |
    ((b[at + 1] as number) << 16) |
    ((b[at + 2] as number) << 8) |
    (b[at + 3] as number)) >>>
  0;

/** The start of a message cut by a chunk's end, gathered in one reusable buffer (grown by doubling). */
class Held<B extends Uint8Array> {
  bytes: B;
  /** Bytes held, and the message's whole size (type byte included) once its header is in, else 0. */
  have = 0;
  size = 0;
  readonly #alloc: (n: number) => B;

  constructor(alloc: (n: number) => B) {
    this.#alloc = alloc;
    this.bytes = alloc(1024);
  }

  /** Holds `chunk` from `from` on: the start of a message it does not hold whole. */
  start(chunk: Uint8Array, from: number): void {
    this.have = 0;
    this.size = 0;
    this.#put(chunk, from, chunk.length);
  }

  /** Adds what the message still needs from `chunk`'s start; returns the bytes taken. */
  fill(chunk: Uint8Array): number {
    let i = 0;
    if (this.size === 0) {
      if (this.have < 5) {
        i = Math.min(5 - this.have, chunk.length);
        this.#put(chunk, 0, i);
        if (this.have < 5) return i;
      }
      this.size = 1 + u32(this.bytes, 1);
    }
    const take = Math.min(this.size - this.have, chunk.length - i);
    this.#put(chunk, i, i + take);
    return i + take;
  }

  get whole(): boolean {
    return this.size !== 0 && this.have === this.size;
  }

  #put(chunk: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.have + n > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.have + n) size *= 2;
      const grown = this.#alloc(size);
      grown.set(this.bytes.subarray(0, this.have));
      this.bytes = grown;
    }
    this.bytes.set(chunk.subarray(from, to), this.have);
    this.have += n;
  }
}

/** A message other than a DataRow: CommandComplete's tag (its body but the NUL), '' for the others. */
function otherMessage(sink: Pick<RowSink<never>, 'message'>, b: Uint8Array, at: number): void {
  sink.message(b[at] !== 0x43 ? '' : asBuffer(b).toString('latin1', at + 5, at + u32(b, at + 1)));
}

const utf8Sink = stringSink();

/** limit:hand-utf8slice's message at `at` (whole in `b`): a DataRow's columns by utf8Slice. */
function utf8Message(b: SlicingBuffer, at: number): void {
  if (b[at] !== 0x44) {
    otherMessage(utf8Sink, b, at);
    return;
  }
  const count = ((b[at + 5] as number) << 8) | (b[at + 6] as number);
  const columns: (string | null)[] = new Array(count);
  let p = at + 7;
  for (let j = 0; j < count; j++) {
    const len =
      ((b[p] as number) << 24) |
      ((b[p + 1] as number) << 16) |
      ((b[p + 2] as number) << 8) |
      (b[p + 3] as number);
    p += 4;
    if (len < 0) columns[j] = null;
    else {
      columns[j] = b.utf8Slice(p, p + len);
      p += len;
    }
  }
  utf8Sink.add(columns);
}

const handUtf8Slice = reading('limit:hand-utf8slice', utf8Sink, () => {
  const held = new Held((n) => Buffer.allocUnsafeSlow(n) as SlicingBuffer);
  const bs = buffers;
  for (let k = 0; k < bs.length; k++) {
    const c = bs[k] as SlicingBuffer;
    const n = c.length;
    let i = 0;
    if (held.have !== 0) {
      i = held.fill(c);
      if (!held.whole) continue;
      utf8Message(held.bytes, 0);
      held.have = 0;
    }
    while (i + 5 <= n) {
      const end = i + 1 + u32(c, i + 1);
      if (end > n) break;
      utf8Message(c, i);
      i = end;
    }
    if (i < n) held.start(c, i);
  }
  if (held.have !== 0) throw new Error(`${held.have} bytes left at the end`);
});

const viewsSink = bytesSink();

/** limit:hand-views' message at `at` (whole in `b`): a DataRow's columns as subarrays. */
function viewsMessage(b: Uint8Array, at: number): void {
  if (b[at] !== 0x44) {
    otherMessage(viewsSink, b, at);
    return;
  }
  const count = ((b[at + 5] as number) << 8) | (b[at + 6] as number);
  const columns: (Uint8Array | null)[] = new Array(count);
  let p = at + 7;
  for (let j = 0; j < count; j++) {
    const len =
      ((b[p] as number) << 24) |
      ((b[p + 1] as number) << 16) |
      ((b[p + 2] as number) << 8) |
      (b[p + 3] as number);
    p += 4;
    if (len < 0) columns[j] = null;
    else {
      columns[j] = b.subarray(p, p + len);
      p += len;
    }
  }
  viewsSink.add(columns);
}

const handViews = reading('limit:hand-views', viewsSink, () => {
  const held = new Held((n) => new Uint8Array(n));
  const cs = chunks;
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k] as Uint8Array;
    const n = c.length;
    let i = 0;
    if (held.have !== 0) {
      i = held.fill(c);
      if (!held.whole) continue;
      viewsMessage(held.bytes, 0);
      held.have = 0;
    }
    while (i + 5 <= n) {
      const end = i + 1 + u32(c, i + 1);
      if (end > n) break;
      viewsMessage(c, i);
      i = end;
    }
    if (i < n) held.start(c, i);
  }
  if (held.have !== 0) throw new Error(`${held.have} bytes left at the end`);
});

// ---- workloads ------------------------------------------------------------------------------------

/** Messages of `stream` that straddle chunks of these sizes. */
function straddling(stream: Uint8Array, sizes: readonly number[]): number {
  let n = 0;
  let cut = 0;
  let k = 0;
  for (let at = 0; at < stream.length; at += 1 + u32(stream, at + 1)) {
    const end = at + 1 + u32(stream, at + 1);
    while (cut + (sizes[k] as number) <= at) cut += sizes[k++] as number;
    if (end > cut + (sizes[k] as number)) n++;
  }
  return n;
}

function workload(name: string, cut: (total: number) => number[], describe: string, goals: Goal[]): Workload {
  return {
    name,
    unit: 'row',
    opsPerIteration: 0,
    bytesPerIteration: 0,
    setup() {
      const { bytes, rows } = rowStream();
      const sizes = cut(bytes.length);
      chunks = splitCopies(bytes, sizes);
      buffers = chunks.map(asBuffer);
      const pg = pgInputs(chunks);
      pgRuns = pg.runs;
      this.opsPerIteration = rows;
      this.bytesPerIteration = bytes.length;
      this.notes = [
        `${rows} DataRows of 5 text columns, ${bytes.length} B; ${sizes.length} chunks of ${describe}; ` +
          `${straddling(bytes, sizes)} messages straddle chunks`,
        'a new reader/parser per iteration (one connection); pg-protocol and limit:hand-utf8slice get the chunks as Buffer views',
        pg.written === 0
          ? 'pg-protocol writes into none of these chunks'
          : `pg-protocol writes into ${pg.written} of the chunks (a partial message merged in place): those are fresh copies every run`,
      ];
    },
    teardown() {
      // No contestant may have written into the shared chunks (the timed rounds are not checked).
      if (Buffer.compare(Buffer.concat(chunks), rowStream().bytes) !== 0)
        throw new Error(`${name}: a contestant wrote into its input chunks`);
      chunks = [];
      buffers = [];
      pgRuns = [];
    },
    goals,
    contestants: [stride, strideZeroCopy, pgProtocol, handUtf8Slice, handViews] as Contestant[],
  };
}

const KiB = 1024;

const workloads = [
  workload(DATAROW, (total) => evenSizes(total, 64 * KiB), '64 KiB (the last shorter)', [
    { numerator: ANCHOR, denominator: 'stride', min: 1.05 },
    { numerator: ANCHOR, denominator: 'stride-zero-copy', min: 1.3 },
  ]),
  workload(
    DATAROW_SMALL,
    (total) => chunkSizes(total, 1, 1460, 0x50470002),
    '1..1,460 B (TCP-segment sized, fixed seed)',
    [{ numerator: ANCHOR, denominator: 'stride', min: 1 }],
  ),
];

/** Every contestant's throughput against pg-protocol's, per workload, from this run's rows. */
function vsAnchor(rows: readonly ResultRow[]): void {
  const lines: string[] = [];
  for (const w of [DATAROW, DATAROW_SMALL]) {
    const anchor = rows.find((r) => r.workload === w && r.contestant === ANCHOR);
    if (!anchor) continue;
    for (const r of rows) {
      if (r.workload !== w || r === anchor) continue;
      lines.push(`  ${w}: ${r.contestant} / ${ANCHOR} = ${(r.opsPerSec / anchor.opsPerSec).toFixed(2)}x`);
    }
  }
  if (lines.length > 0)
    console.log(
      `\n== ${SUITE}: throughput against ${ANCHOR} (this run; higher is faster)\n${lines.join('\n')}`,
    );
}

try {
  const t0 = performance.now();
  const { bytes, rows } = rowStream();
  console.log(`# pg: generated ${bytes.length} B, ${rows} rows in ${(performance.now() - t0).toFixed(0)} ms`);
  vsAnchor(await runSuite({ name: SUITE, workloads }));
} catch (error) {
  console.error(`\nbench ${SUITE} FAILED: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.BENCH_DEBUG && error instanceof Error) console.error(error.stack);
  process.exitCode = 1;
}
