// bench/suites/redis.ts: @stride/redis's RespReader on a server's pipelined replies, against
// redis-parser (the RESP2 parser of node-redis 3 and ioredis), the RESP3 decoder of node-redis 5
// (@redis/client) and a hand-written incremental parser (the limit).
//
//   replies-small  1,000,000 replies of mixed small types (../workloads/redis-replies.ts: integers,
//                  bulk strings of 0..40 B and some null bulks, simple strings, arrays of 3..10 of
//                  those; ~46.6 MB), run twice: as chunks of 1..1,460 B (TCP-segment sized, fixed
//                  seed: the per-chunk costs) and as exact 64 KiB chunks; unit: reply
//   bulk-large     64 bulk strings of 1 MiB as exact 64 KiB chunks (every reply spans 17 chunks);
//                  unit: reply
//
// One workload name, two chunkings. The results file keys rows by workload and contestant, and the
// goals name one workload, `replies-small`, in both chunkings. The harness runs each chunking as
// a workload of its own, named `replies-small/1-1460b` and `replies-small/64kib` (so the tables,
// ratio lines and goals say which is which, and BENCH_WORKLOAD=replies-small runs both); after the
// run the suite rewrites its rows as `{ workload: 'replies-small', chunks: '1-1460b' | '64kib', ... }`.
// `bulk-large` runs as `bulk-large/64kib` and gets `chunks: '64kib'` the same way: every row says
// its chunking. The summary at the end prints every ratio per workload and chunking.
//
// Every contestant reads the whole stream as one connection: a new reader or parser per iteration,
// each chunk written as it comes. Each hands every reply to a sink of its own (redis-replies.ts:
// compiled per contestant, so no contestant's values make another's sink polymorphic); the warm-up
// round checks the counts per type, the sum of the integers, the string bytes, a hash over every
// value (each integer; each string's length, first, last and every 4096th byte), and the first 1000
// replies value by value (replies-small). The workloads share the contestant objects, their emits
// and sinks (as the pg suite's do): each workload's setup() points them at its chunks.
//
// Contestants, each in its fastest configuration (measured here, on this 2-core machine with other
// work running: medians of 11 or 14 runs, ms per iteration for 64 KiB / 1..1,460 B chunks / bulk-large):
//  - stride: `new RespReader()` (compiled, codec's default: `compile: false` took 1.1-1.5x the time),
//    write(chunk, emit) per chunk, finish(emit); bulk strings as Uint8Array views of the input. On
//    bulk-large with `streamBulkOver: 65536`: each 1 MiB bulk string comes as `bulkPiece`s, views
//    of the chunks, nothing copied (12 ms against 52 gathering whole values in a 5-round run). Whole
//    values run there as the informational `stride:whole` (printed, not in the results file).
//  - redis-parser 3.0.0: `new Parser({ returnReply, returnError, returnBuffers: true })`,
//    execute(buffer) per chunk: simple and bulk strings as Buffer slices of the input (or of its
//    pool, when a bulk string spans chunks). Strings (returnBuffers: false) took 476 / 419 / 360 ms
//    against 305 / 288 / 234.
//  - @redis/client 5.12 (node-redis 5): `new Decoder({ onReply, onErrorReply, onPush,
//    getTypeMapping })` from `@redis/client/dist/lib/RESP/decoder.js`, write(buffer) per chunk. The
//    package has no `exports` map (only `main`), so Node resolves the deep path; the suite imports
//    it dynamically and, should a later version's `exports` forbid the path, from its file next to
//    the package's main; if neither loads, it says why and runs without it. Type mapping: simple
//    and bulk strings as Buffers (`{ [RESP_TYPES.SIMPLE_STRING]: Buffer, [RESP_TYPES.BLOB_STRING]:
//    Buffer }`: slices of the input where a value lies in one chunk, Buffer.concat otherwise). The
//    default, strings, took 787 / 663 / 287 ms against 521 / 459 / 15 with bulk strings as Buffers;
//    simple strings as Buffers too took 254 / 451 against 342 / 546 (replies-small, 14 runs).
//  - limit:hand: an incremental parser written here (HandParser): in place in the chunk, returning
//    Uint8Array views for bulk strings (`new Uint8Array(buffer, offset, length)`: about half the
//    cost of `subarray`, which looks up the species constructor), UTF-8 strings for simple strings
//    (as stride), numbers, arrays. A reply cut by a chunk's end is resumed by a byte-level state
//    machine (a stack of half-filled arrays, the line read so far, the bulk string being gathered
//    into one allocation of its size) that never rescans: a trickled reply costs linear time (1 B
//    pieces: twice the bulk string, simple string or array, about twice the time). No validation
//    (digits, CRLF, lengths). On bulk-large it streams top-level bulk strings over 65536 B as
//    pieces, as stride does there.
//
// redis-parser and @redis/client take Buffers: they get the chunks wrapped without a copy
// (Buffer.from(arrayBuffer, offset, length), made in setup(), as a socket hands them over). The
// others read the Uint8Array chunks (splitCopies: each its own ArrayBuffer). Every workload's
// teardown checks that no contestant wrote into the shared chunks.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Decoder as RedisClientDecoder } from '@redis/client/dist/lib/RESP/decoder.js';
import { type BulkPiece, RespReader, type RespValue } from '@stride/redis';
import RedisParser from 'redis-parser';
import {
  type Contestant,
  config,
  type Goal,
  keepingContestant,
  type ResultRow,
  relabelRows,
  runGuarded,
  runSuite,
  type Workload,
} from '../harness.js';
import { splitCopies } from '../prng.js';
import {
  CHUNKINGS,
  checkReplies,
  largeReplies,
  type Plain,
  plainSink,
  type ReplySink,
  type ReplyStream,
  type ReplyTally,
  respSink,
  smallReplies,
  straddling,
} from '../workloads/redis-replies.js';
import type { Chunking } from '../workloads/wire-stream.js';

const SUITE = 'redis';
const SMALL = 'replies-small';
const LARGE = 'bulk-large';
const PARSER = 'redis-parser';
const CLIENT = '@redis/client';
const LIMIT = 'limit:hand';
const KiB = 1024;

/** Stride's `streamBulkOver` (and the limit's) on bulk-large: every 1 MiB bulk string is over it. */
const STREAM_OVER = 64 * KiB;

/** The stream the running workload feeds, its chunks, and the same chunks as Buffers (views). */
let stream: ReplyStream | undefined;
let chunks: Uint8Array[] = [];
let buffers: Buffer[] = [];

const current = (): ReplyStream => {
  if (!stream) throw new Error('no workload is set up');
  return stream;
};

const asBuffer = (u8: Uint8Array): Buffer => Buffer.from(u8.buffer, u8.byteOffset, u8.length);

/** A contestant reading the whole stream into `sink`; the first run after setup() keeps the first replies. */
const reading = <V>(
  name: string,
  sink: ReplySink<V>,
  read: () => void,
  informational = false,
): Contestant<ReplyTally> =>
  keepingContestant(name, sink, () => current().expected.first.length, read, {
    informational,
    check: (tally) => checkReplies(current(), tally),
  });

// ---- stride -------------------------------------------------------------------------------------

/** Stride reading the chunks into its own sink, bulk strings over `streamBulkOver` as pieces. */
function strideReading(name: string, streamBulkOver?: number, informational = false): Contestant<ReplyTally> {
  const sink = respSink<RespValue>();
  const emit = (m: RespValue | BulkPiece): void => {
    if (m.type === 'bulkPiece') sink.piece(m.value, m.at, m.length);
    else sink.add(m);
  };
  return reading(
    name,
    sink,
    () => {
      const reader = streamBulkOver === undefined ? new RespReader() : new RespReader({ streamBulkOver });
      const cs = chunks;
      for (let k = 0; k < cs.length; k++) reader.write(cs[k] as Uint8Array, emit);
      reader.finish(emit);
    },
    informational,
  );
}

const stride = strideReading('stride');
const strideStreaming = strideReading('stride', STREAM_OVER);
const strideWhole = strideReading('stride:whole', undefined, true);

// ---- redis-parser -------------------------------------------------------------------------------

/** redis-parser with returnBuffers (its faster configuration, see the module comment). */
function redisParser(): Contestant<ReplyTally> {
  const sink = plainSink<unknown>();
  const returnReply = (reply: unknown): void => sink.add(reply);
  const returnError = (error: Error): void => {
    throw error;
  };
  return reading(PARSER, sink, () => {
    const parser = new RedisParser({ returnReply, returnError, returnBuffers: true });
    const bs = buffers;
    for (let k = 0; k < bs.length; k++) parser.execute(bs[k] as Buffer);
  });
}

// ---- @redis/client ------------------------------------------------------------------------------

type DecoderModule = typeof import('@redis/client/dist/lib/RESP/decoder.js');

/** node-redis 5's RESP decoder, or why it could not be loaded. */
async function loadRedisClientDecoder(): Promise<{ module: DecoderModule; how: string } | { why: string }> {
  const deep = '@redis/client/dist/lib/RESP/decoder.js';
  let first: unknown;
  try {
    return { module: (await import(deep)) as DecoderModule, how: `import('${deep}')` };
  } catch (error) {
    first = error;
  }
  try {
    // Only when the deep path is refused (an `exports` map without it): the file next to the main entry.
    const main = createRequire(import.meta.url).resolve('@redis/client');
    const file = join(dirname(main), 'lib', 'RESP', 'decoder.js');
    return { module: (await import(pathToFileURL(file).href)) as DecoderModule, how: `the file ${file}` };
  } catch (error) {
    const say = (e: unknown) => (e instanceof Error ? e.message : String(e));
    return { why: `import('${deep}'): ${say(first)}; by file path: ${say(error)}` };
  }
}

/** @redis/client's decoder, simple and bulk strings as Buffers (its fastest configuration). */
function redisClient(module: DecoderModule): Contestant<ReplyTally> {
  const sink = plainSink<unknown>();
  const typeMapping = { [module.RESP_TYPES.SIMPLE_STRING]: Buffer, [module.RESP_TYPES.BLOB_STRING]: Buffer };
  const options = {
    onReply: (reply: unknown): void => sink.add(reply),
    onErrorReply: (error: Error): void => {
      throw error;
    },
    onPush: (): void => {
      throw new Error('a push in a reply stream');
    },
    getTypeMapping: () => typeMapping,
  };
  return reading(CLIENT, sink, () => {
    const decoder: RedisClientDecoder = new module.Decoder(options);
    const bs = buffers;
    for (let k = 0; k < bs.length; k++) decoder.write(bs[k] as Buffer);
  });
}

// ---- the hand-written limit ---------------------------------------------------------------------

const CR = 13;
const LF = 10;
const MINUS = 45;
const COLON = 58;
const PLUS = 43;
const DOLLAR = 36;
const STAR = 42;

const utf8Slice = (
  Buffer.prototype as unknown as { utf8Slice(this: Uint8Array, start: number, end: number): string }
).utf8Slice;

/** An array filled across chunks. */
interface Frame {
  values: Plain[];
  filled: number;
}

// Where HandParser's state machine stands in a reply cut by a chunk's end.
const IDLE = 0; // between replies: the fast path runs
const TYPE = 1; // a value's type byte is next
const LINE = 2; // inside a line (integer, simple string, bulk length, array count)
const BULK = 3; // inside a bulk string's bytes or its CRLF

/**
 * limit:hand. Whole replies are parsed in place by value() (a recursive descent over one chunk);
 * a reply value() finds cut by the chunk's end is parsed again from its start by the state machine
 * in resume(), which carries it across chunks byte range by byte range, never going back: each byte
 * is read at most twice (once by the failed value(), once by resume()). Inside an array, resume()
 * tries value() on each scalar element first. With `streamOver`, a top-level bulk string longer
 * than that goes to the sink as pieces (views of the chunks) instead of being gathered.
 */
class HandParser {
  /** Where value() stopped. */
  at = 0;
  #state = IDLE;
  readonly #frames: Frame[] = [];
  /** The line's type byte, its bytes so far (CR included once read). */
  #type = 0;
  #line = new Uint8Array(64);
  #lineLength = 0;
  /** The bulk string being read: its bytes (when gathered), its length, bytes done, CRLF bytes left. */
  #bulk = new Uint8Array(0);
  #bulkLength = 0;
  #bulkDone = 0;
  #crlfLeft = 0;
  #pieces = false;
  readonly #sink: ReplySink<Plain>;
  readonly #streamOver: number;

  constructor(sink: ReplySink<Plain>, streamOver = Number.POSITIVE_INFINITY) {
    this.#sink = sink;
    this.#streamOver = streamOver;
  }

  write(c: Uint8Array): void {
    const n = c.length;
    const streaming = this.#streamOver !== Number.POSITIVE_INFINITY;
    let i = 0;
    while (i < n) {
      if (this.#state !== IDLE) {
        i = this.#resume(c, i);
        continue;
      }
      const v = streaming && c[i] === DOLLAR ? undefined : this.value(c, i);
      if (v === undefined) {
        this.#state = TYPE;
        continue;
      }
      this.#sink.add(v);
      i = this.at;
    }
  }

  finish(): void {
    if (this.#state !== IDLE) throw new Error('the stream ends inside a reply');
  }

  /** The value at `p` if `c` holds all of it (then `at` is after it), else undefined. */
  value(c: Uint8Array, p: number): Plain | undefined {
    const t = c[p];
    if (t === COLON) return this.integer(c, p + 1);
    if (t === DOLLAR) {
      const size = this.integer(c, p + 1);
      if (size === undefined) return undefined;
      if (size < 0) return null;
      const start = this.at;
      const end = start + size;
      if (end + 2 > c.length) return undefined;
      this.at = end + 2;
      return new Uint8Array(c.buffer, c.byteOffset + start, size);
    }
    if (t === PLUS) {
      const n = c.length;
      for (let e = p + 1; e < n; e++) {
        if (c[e] !== CR) continue;
        if (e + 1 >= n) return undefined;
        this.at = e + 2;
        return utf8Slice.call(c, p + 1, e);
      }
      return undefined;
    }
    if (t === STAR) {
      const count = this.integer(c, p + 1);
      if (count === undefined) return undefined;
      if (count < 0) return null;
      const values: Plain[] = new Array(count);
      for (let k = 0; k < count; k++) {
        if (this.at >= c.length) return undefined;
        const v = this.value(c, this.at);
        if (v === undefined) return undefined;
        values[k] = v;
      }
      return values;
    }
    throw new Error(`unexpected type byte ${t}`);
  }

  /** The decimal (optionally negative) at `p`, ended by CRLF, if `c` holds it. */
  integer(c: Uint8Array, p: number): number | undefined {
    const n = c.length;
    let negative = false;
    if (c[p] === MINUS) {
      negative = true;
      p++;
    }
    let x = 0;
    for (; p < n; p++) {
      const b = c[p] as number;
      if (b === CR) {
        if (p + 1 >= n) return undefined;
        this.at = p + 2;
        return negative ? -x : x;
      }
      x = x * 10 + b - 48;
    }
    return undefined;
  }

  /** The state machine from `i` on; returns where it stopped (the chunk's end, or after a reply). */
  #resume(c: Uint8Array, i: number): number {
    const n = c.length;
    while (i < n && this.#state !== IDLE) {
      if (this.#state === TYPE) {
        const t = c[i] as number;
        if (this.#frames.length !== 0 && t !== STAR) {
          const v = this.value(c, i);
          if (v !== undefined) {
            i = this.#done(v, this.at);
            continue;
          }
        }
        this.#type = t;
        this.#lineLength = 0;
        this.#state = LINE;
        i++;
      } else if (this.#state === LINE) {
        const lf = c.indexOf(LF, i);
        const end = lf < 0 ? n : lf;
        this.#keepLine(c, i, end);
        if (lf < 0) return n;
        i = this.#lineDone(c, lf + 1);
      } else {
        const take = Math.min(this.#bulkLength - this.#bulkDone, n - i);
        if (take > 0) {
          if (this.#pieces) this.#sink.piece(c.subarray(i, i + take), this.#bulkDone, this.#bulkLength);
          else this.#bulk.set(c.subarray(i, i + take), this.#bulkDone);
          this.#bulkDone += take;
          i += take;
        }
        const skip = Math.min(this.#crlfLeft, n - i);
        this.#crlfLeft -= skip;
        i += skip;
        if (this.#crlfLeft !== 0) return i;
        if (this.#pieces) this.#state = IDLE;
        else i = this.#done(this.#bulk, i);
      }
    }
    return i;
  }

  /** A finished line (the LF just read; `i` is after it): its value, or what it announces. */
  #lineDone(c: Uint8Array, i: number): number {
    const line = this.#line;
    const length = this.#lineLength - 1; // without the CR
    if (this.#type === PLUS) return this.#done(utf8Slice.call(line, 0, length), i);
    let negative = false;
    let x = 0;
    for (let p = 0; p < length; p++) {
      const b = line[p] as number;
      if (b === MINUS) negative = true;
      else x = x * 10 + b - 48;
    }
    if (negative) x = -x;
    if (this.#type === COLON) return this.#done(x, i);
    if (x < 0) return this.#done(null, i);
    if (this.#type === STAR) {
      if (x === 0) return this.#done([], i);
      this.#frames.push({ values: new Array(x), filled: 0 });
      this.#state = TYPE;
      return i;
    }
    // A bulk string of x bytes.
    this.#pieces = this.#frames.length === 0 && x > this.#streamOver;
    if (!this.#pieces && i + x + 2 <= c.length)
      return this.#done(new Uint8Array(c.buffer, c.byteOffset + i, x), i + x + 2);
    if (!this.#pieces) this.#bulk = new Uint8Array(x);
    this.#bulkLength = x;
    this.#bulkDone = 0;
    this.#crlfLeft = 2;
    this.#state = BULK;
    return i;
  }

  /** A value is complete: into its array (closing the arrays it completes) or to the sink. */
  #done(v: Plain, i: number): number {
    const frames = this.#frames;
    for (;;) {
      const f = frames[frames.length - 1];
      if (f === undefined) {
        this.#sink.add(v);
        this.#state = IDLE;
        return i;
      }
      f.values[f.filled++] = v;
      if (f.filled < f.values.length) {
        this.#state = TYPE;
        return i;
      }
      frames.pop();
      v = f.values;
    }
  }

  /** Appends c[from, to) to the line, growing it by doubling. */
  #keepLine(c: Uint8Array, from: number, to: number): void {
    const need = this.#lineLength + to - from;
    if (need > this.#line.length) {
      let size = this.#line.length * 2;
      while (size < need) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.#line.subarray(0, this.#lineLength));
      this.#line = grown;
    }
    this.#line.set(c.subarray(from, to), this.#lineLength);
    this.#lineLength = need;
  }
}

function hand(streamOver?: number): Contestant<ReplyTally> {
  const sink = plainSink();
  return reading(LIMIT, sink, () => {
    const parser = new HandParser(sink, streamOver);
    const cs = chunks;
    for (let k = 0; k < cs.length; k++) parser.write(cs[k] as Uint8Array);
    parser.finish();
  });
}

// ---- workloads ----------------------------------------------------------------------------------

function workload(
  name: string,
  chunking: Chunking,
  input: () => ReplyStream,
  contestants: Contestant[],
  goals: Goal[],
): Workload {
  return {
    name: `${name}/${chunking.name}`,
    unit: 'reply',
    opsPerIteration: 0,
    bytesPerIteration: 0,
    setup() {
      stream = input();
      const sizes = chunking.sizes(stream.bytes.length);
      chunks = splitCopies(stream.bytes, sizes);
      buffers = chunks.map(asBuffer);
      this.opsPerIteration = stream.replies;
      this.bytesPerIteration = stream.bytes.length;
      this.notes = [
        `${stream.replies} replies, ${stream.bytes.length} B; ${sizes.length} chunks of ${chunking.describe}; ` +
          `${straddling(stream, sizes)} replies straddle chunks`,
        'a new reader/parser per iteration (one connection); redis-parser and @redis/client get the chunks as Buffer views',
      ];
    },
    teardown() {
      // No contestant may have written into the shared chunks (the timed rounds are not checked).
      if (Buffer.compare(Buffer.concat(chunks), current().bytes) !== 0)
        throw new Error(`${name}: a contestant wrote into its input chunks`);
      stream = undefined;
      chunks = [];
      buffers = [];
    },
    goals,
    contestants,
  };
}

/** The goals: stride against each anchor (so against the faster) and against the limit. */
function goals(vsAnchors: number): Goal[] {
  return [
    { numerator: PARSER, denominator: 'stride', min: vsAnchors },
    { numerator: CLIENT, denominator: 'stride', min: vsAnchors },
    { numerator: 'stride', denominator: LIMIT, max: 1 / 0.8 },
  ];
}

async function run(): Promise<void> {
  const client = await loadRedisClientDecoder();
  if ('why' in client) console.log(`# redis: ${CLIENT} not loaded, running without it: ${client.why}`);
  else console.log(`# redis: ${CLIENT}'s RESP decoder loaded by ${client.how}`);
  const anchors = (): Contestant[] => [
    redisParser(),
    ...('why' in client ? [] : [redisClient(client.module)]),
  ];

  const small = [stride, ...anchors(), hand()];
  const large = [strideStreaming, strideWhole, ...anchors(), hand(STREAM_OVER)];
  const workloads = [
    workload(SMALL, CHUNKINGS.kib64, smallReplies, small, goals(1)),
    workload(SMALL, CHUNKINGS.small, smallReplies, small, goals(1)),
    workload(LARGE, CHUNKINGS.kib64, largeReplies, large, goals(1.5)),
  ];
  // Generate the inputs the selected workloads read before anything is timed, and say what they are.
  const selected = workloads.filter((w) => !config.workloadFilter || w.name.includes(config.workloadFilter));
  for (const [prefix, input] of [
    [SMALL, smallReplies],
    [LARGE, largeReplies],
  ] as const) {
    if (!selected.some((w) => w.name.startsWith(`${prefix}/`))) continue;
    const t0 = performance.now();
    const r = input();
    const ms = (performance.now() - t0).toFixed(0);
    console.log(`# redis: generated ${prefix}: ${r.bytes.length} B, ${r.replies} replies in ${ms} ms`);
  }
  summary(relabelRows(SUITE, 'chunks', await runSuite({ name: SUITE, workloads })));
}

/** stride's throughput against each anchor, the faster one and the limit, per workload and chunking. */
function summary(rows: readonly ResultRow[]): void {
  const lines: string[] = [];
  const keys = [...new Set(rows.map((r) => `${r.workload}/${r.chunks}`))];
  for (const key of keys) {
    const of = (c: string) =>
      rows.find((r) => `${r.workload}/${r.chunks}` === key && r.contestant === c)?.opsPerSec;
    const s = of('stride');
    if (s === undefined) continue;
    const goal = key.startsWith(LARGE) ? 1.5 : 1;
    const verdict = (label: string, other: number | undefined, min: number) => {
      if (other === undefined) lines.push(`  ${key}: stride / ${label}: not measured`);
      else {
        const r = s / other;
        lines.push(
          `  ${key}: stride / ${label} = ${r.toFixed(2)}x (goal >= ${min}x: ${r >= min ? 'met' : 'MISSED'})`,
        );
      }
    };
    const p = of(PARSER);
    const c = of(CLIENT);
    verdict(PARSER, p, goal);
    verdict(CLIENT, c, goal);
    const faster = p === undefined ? c : c === undefined ? p : Math.max(p, c);
    verdict(`the faster anchor (${faster === p ? PARSER : CLIENT})`, faster, goal);
    verdict(LIMIT, of(LIMIT), 0.8);
  }
  if (lines.length > 0)
    console.log(
      `\n== ${SUITE}: stride's throughput against the others (this run; higher is faster)\n${lines.join('\n')}`,
    );
}

await runGuarded(SUITE, run);
