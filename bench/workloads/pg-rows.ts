// bench/workloads/pg-rows.ts: the pg suite's input, a server's answer to one SELECT as PostgreSQL
// sends it (backend protocol 3.0, text format), generated from a fixed seed at suite start, and the
// per-contestant sinks that check what a reader made of it.
//
//   rowStream()   a RowDescription of 5 text columns, then DataRows while the stream stays under 50.0 MB,
//                 then CommandComplete ("SELECT <rows>") and ReadyForQuery ('I'). Each row: id
//                 (the row number), name ("First Last"), e-mail (first.last<n>@<domain>), a
//                 timestamptz as PostgreSQL prints it (2024-..., microseconds, "+00"), and a note
//                 of 8..108 characters of words, NULL in 10% of the rows. All ASCII (Node's ASCII
//                 fast path applies to every string-producing contestant alike). ~319,000 rows,
//                 ~157 B per DataRow, as perf.md (c) measured.
//
// The DataRows are written with Buffer.write (latin1), not with @stride/pg: the reference the
// contestants are checked against does not trust the code under test (the first rows are compared
// with encodeBackend's bytes once, to catch a generator that drifts from the protocol).
//
// The sinks. Each contestant hands every row (its column array) to a sink of its own, compiled
// separately (`new Function`, numbered so V8 does not share a cached function's type feedback, as
// ../workloads/records.ts explains): a shared sink would see every contestant's array kinds and go
// polymorphic. add() folds each column into an order-sensitive hash: NULL, or its length and its
// first and last character code (string sinks) or byte (byte sinks); for ASCII those agree, so one
// expected tally checks both kinds. It keeps the last row (no contestant's rows are dead code) and,
// in the checked warm-up round only, copies of the first FIRST rows (structuredClone / new
// Uint8Array: native copies, so no row survives a scavenge from a contestant's own allocation site).
// message() counts the other messages and keeps CommandComplete's tag.

import { encodeBackend } from '@stride/pg';
import { mulberry32, type Rng } from '../prng.js';

/** The stream's size: rows are added while they fit in it (it ends within a row's size of it). */
const STREAM_BYTES = 50_000_000;
export const COLUMNS = ['id', 'name', 'email', 'created_at', 'note'] as const;
/** Rows compared column by column in the warm-up round. */
export const FIRST = 1000;
const SEED = 0x50470001;

/** One row as strings (the generator's) or byte views (a zero-copy reader's). */
export type Row<C> = (C | null)[];

/** What a run computed, summed by the sink. */
export interface RowTally<C> {
  rows: number;
  hash: number;
  /** Messages other than DataRow. */
  messages: number;
  /** CommandComplete's tag ('' if there was none). */
  tag: string;
  first: Row<C>[];
}

export interface RowSink<C> {
  add(columns: Row<C>): void;
  /** A message other than a DataRow: CommandComplete's tag, '' for any other. */
  message(tag: string): void;
  /** Keep copies of the next `n` rows (armed before the checked warm-up round). */
  keepFirst(n: number): void;
  /** The tally so far; resets the sink. */
  take(): RowTally<C>;
}

// FIRST and LAST read a column's first and last character code or byte, COPY copies a row.
const SINK_SOURCE = `'use strict';
return class RowSink {
  constructor() { this.rows = 0; this.hash = 0; this.messages = 0; this.tag = ''; this.last = null; this.keep = 0; this.kept = []; }
  add(cols) {
    let h = this.hash;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j];
      if (c === null) { h = (Math.imul(h, 31) - 1) | 0; continue; }
      const n = c.length;
      h = (Math.imul(h, 31) + n) | 0;
      if (n !== 0) {
        h = (Math.imul(h, 31) + FIRST) | 0;
        h = (Math.imul(h, 31) + LAST) | 0;
      }
    }
    this.hash = h;
    this.last = cols;
    this.rows++;
    if (this.keep !== 0) {
      this.keep--;
      this.kept.push(COPY);
    }
  }
  message(tag) {
    this.messages++;
    if (tag !== '') this.tag = tag;
  }
  keepFirst(n) { this.keep = n; this.kept = []; }
  take() {
    const t = { rows: this.rows, hash: this.hash, messages: this.messages, tag: this.tag, first: this.kept };
    this.rows = 0; this.hash = 0; this.messages = 0; this.tag = ''; this.last = null; this.keep = 0; this.kept = [];
    return t;
  }
};`;

const KINDS = {
  string: { FIRST: 'c.charCodeAt(0)', LAST: 'c.charCodeAt(n - 1)', COPY: 'structuredClone(cols)' },
  bytes: {
    FIRST: 'c[0]',
    LAST: 'c[n - 1]',
    COPY: 'cols.map((c) => (c === null ? null : new Uint8Array(c)))',
  },
} as const;

let sinks = 0;

function makeSink<C>(kind: keyof typeof KINDS): RowSink<C> {
  const k = KINDS[kind];
  const source = SINK_SOURCE.replace('FIRST', k.FIRST).replace('LAST', k.LAST).replace('COPY', k.COPY);
  const SinkClass = new Function(`${source}\n// sink ${++sinks}`)() as new () => RowSink<C>;
  return new SinkClass();
}

/** A sink of rows of strings, with its own compiled code. */
export const stringSink = (): RowSink<string> => makeSink('string');
/** A sink of rows of byte views, with its own compiled code. */
export const bytesSink = (): RowSink<Uint8Array> => makeSink('bytes');

// ---- the generator ------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Barbara',
  'Brian',
  'Claude',
  'Dennis',
  'Donald',
  'Edsger',
  'Frances',
  'Grace',
  'Guido',
  'Hedy',
  'Ivan',
  'John',
  'Ken',
  'Leslie',
  'Linus',
  'Margaret',
  'Niklaus',
  'Radia',
  'Robin',
  'Sophie',
  'Tim',
  'Tony',
  'Yukihiro',
];
const LAST_NAMES = [
  'Allen',
  'Backus',
  'Bartik',
  'Hopper',
  'Kernighan',
  'Knuth',
  'Lamport',
  'Liskov',
  'Lovelace',
  'McCarthy',
  'Milner',
  'Naur',
  'Perlman',
  'Ritchie',
  'Shannon',
  'Stonebraker',
  'Sutherland',
  'Thompson',
  'Torvalds',
  'Turing',
  'Wilson',
  'Wirth',
];
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'db.example.io'];
const WORDS = [
  'the',
  'order',
  'shipped',
  'late',
  'customer',
  'asked',
  'for',
  'a',
  'refund',
  'and',
  'invoice',
  'was',
  'sent',
  'again',
  'address',
  'changed',
  'call',
  'back',
  'tomorrow',
  'payment',
  'pending',
  'review',
  'approved',
  'by',
  'support',
  'ticket',
  'closed',
  'warehouse',
  'stock',
  'low',
  'priority',
];

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** The columns of row `id` (1-based), `t` its timestamp in microseconds since 2024-01-01. */
function makeRow(rng: Rng, id: number, t: number): Row<string> {
  const first = FIRST_NAMES[rng.int(0, FIRST_NAMES.length - 1)] as string;
  const last = LAST_NAMES[rng.int(0, LAST_NAMES.length - 1)] as string;
  const domain = DOMAINS[rng.int(0, DOMAINS.length - 1)] as string;
  const email = `${first.toLowerCase()}.${last.toLowerCase()}${rng.int(0, 999)}@${domain}`;
  const d = new Date(Date.UTC(2024, 0, 1) + Math.floor(t / 1000));
  const micros = String(t % 1_000_000).padStart(6, '0');
  const stamp =
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${micros}+00`;
  let note: string | null = null;
  if (rng.float() >= 0.1) {
    const length = rng.int(8, 108);
    note = WORDS[rng.int(0, WORDS.length - 1)] as string;
    while (note.length < length) note += ` ${WORDS[rng.int(0, WORDS.length - 1)] as string}`;
    note = note.slice(0, length);
  }
  return [String(id), `${first} ${last}`, email, stamp, note];
}

/** Bytes of a DataRow message with these columns. */
function dataRowBytes(row: Row<string>): number {
  let n = 7;
  for (const c of row) n += 4 + (c === null ? 0 : c.length);
  return n;
}

/** Writes a DataRow (text columns, ASCII) at `o`; returns the offset after it. */
function writeDataRow(buf: Buffer, o: number, row: Row<string>): number {
  const size = dataRowBytes(row);
  buf[o] = 0x44; // 'D'
  buf.writeUInt32BE(size - 1, o + 1);
  buf.writeUInt16BE(row.length, o + 5);
  let p = o + 7;
  for (const c of row) {
    if (c === null) {
      buf.writeInt32BE(-1, p);
      p += 4;
    } else {
      buf.writeInt32BE(c.length, p);
      p += 4 + buf.write(c, p + 4, 'latin1');
    }
  }
  return p;
}

export interface RowStream {
  /** The whole answer, just under STREAM_BYTES bytes. */
  bytes: Uint8Array;
  rows: number;
  /** The tally a correct reader's sink ends with (the first FIRST rows kept). */
  expected: RowTally<string>;
}

/** Rows compared with encodeBackend's encoding, once. */
const CROSS_CHECKED = 100;

function generate(): RowStream {
  const head = encodeBackend({
    type: 'RowDescription',
    fields: COLUMNS.map((name, i) => ({
      name,
      tableOid: 16384,
      columnAttribute: i + 1,
      typeOid: i === 0 ? 20 : i === 3 ? 1184 : 25, // int8, timestamptz, text
      typeSize: i === 0 || i === 3 ? 8 : -1,
      typeModifier: -1,
      format: 0,
    })),
  });
  const ready = encodeBackend({ type: 'ReadyForQuery', status: 'I' });
  // The CommandComplete's size with a 6-digit row count; the rows fill what is left.
  const tailBytes = encodeBackend({ type: 'CommandComplete', tag: 'SELECT 000000' }).length + ready.length;
  const buf = Buffer.alloc(STREAM_BYTES);
  buf.set(head, 0);
  let o = head.length;
  const rng = mulberry32(SEED);
  const sink = stringSink();
  sink.keepFirst(FIRST);
  sink.message('');
  let rows = 0;
  let t = 0;
  for (;;) {
    t += rng.int(1, 120_000_000);
    const row = makeRow(rng, rows + 1, t);
    if (o + dataRowBytes(row) + tailBytes > STREAM_BYTES) break;
    const end = writeDataRow(buf, o, row);
    if (
      rows < CROSS_CHECKED &&
      Buffer.compare(buf.subarray(o, end), encodeBackend({ type: 'DataRow', columns: row })) !== 0
    )
      throw new Error(`row ${rows}: the generator's DataRow differs from encodeBackend's`);
    sink.add(row);
    o = end;
    rows++;
  }
  const tag = `SELECT ${rows}`;
  const done = encodeBackend({ type: 'CommandComplete', tag });
  buf.set(done, o);
  buf.set(ready, o + done.length);
  sink.message(tag);
  sink.message('');
  const total = o + done.length + ready.length;
  return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, total), rows, expected: sink.take() };
}

let shared: RowStream | undefined;

/** The stream and its expected tally, built once. */
export function rowStream(): RowStream {
  shared ??= generate();
  return shared;
}

// ---- checking -----------------------------------------------------------------------------------

function show(c: string | Uint8Array | null): string {
  if (c === null || typeof c === 'string') return JSON.stringify(c);
  return `bytes ${JSON.stringify(Buffer.from(c.buffer, c.byteOffset, c.length).toString('latin1'))}`;
}

function sameColumn(got: string | Uint8Array | null, want: string | null): boolean {
  if (got === null || want === null || typeof got === 'string') return got === want;
  return (
    got.length === want.length &&
    Buffer.from(got.buffer, got.byteOffset, got.length).toString('latin1') === want
  );
}

/** Throws unless `got` is the generator's tally (rows of strings or of bytes alike). */
export function checkRows<C extends string | Uint8Array>(got: RowTally<C>): void {
  const want = rowStream().expected;
  if (got.rows !== want.rows) throw new Error(`${got.rows} rows, expected ${want.rows}`);
  if (got.messages !== want.messages)
    throw new Error(`${got.messages} messages besides DataRows, expected ${want.messages}`);
  if (got.tag !== want.tag)
    throw new Error(`CommandComplete tag ${JSON.stringify(got.tag)}, expected ${want.tag}`);
  if (got.first.length !== want.first.length)
    throw new Error(`the sink kept ${got.first.length} rows, expected ${want.first.length}`);
  for (let i = 0; i < want.first.length; i++) {
    const g = got.first[i] as Row<string | Uint8Array>;
    const w = want.first[i] as Row<string>;
    if (!Array.isArray(g) || g.length !== w.length)
      throw new Error(`row ${i}: ${g.length} columns, expected ${w.length}`);
    for (let j = 0; j < w.length; j++) {
      if (!sameColumn(g[j] as string | Uint8Array | null, w[j] as string | null))
        throw new Error(`row ${i}, ${COLUMNS[j]}: ${show(g[j] ?? null)}, expected ${show(w[j] ?? null)}`);
    }
  }
  if (got.hash !== want.hash) throw new Error(`checksum ${got.hash >>> 0} != expected ${want.hash >>> 0}`);
}
