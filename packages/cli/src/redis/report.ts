/**
 * `stride redis decode`'s output, written as the read goes: a line (or a JSON object) per
 * top-level value the moment it is decoded, then the verdict. Nothing is kept but counts (and the
 * first bytes of a streamed bulk string), so memory stays bounded whatever the number of values.
 *
 * Table:
 *   from server (the default)
 *   offset 0  length 5  simple "OK"
 *   offset 5  length 11  bulk 5 "hello"
 *   offset 16  length 36  array[3] ["message","news","hi"]
 *   (blank line)
 *   valid: 3 values, 52 bytes
 * or, for the error the read stopped at, `invalid: CODE at byte N: path: detail` (and the bytes
 * around it on the next line).
 *
 * A bulk string streamed in pieces (--stream-bulk-over) is one value all the same: its line is
 * written once its first BULK_PREVIEW bytes are in (the same line as unstreamed), its JSON object
 * as its bytes arrive, hex piece by piece, so neither holds the string.
 */
import type { DecodeError } from '@stride/codec';
import type { BulkPiece } from '@stride/redis';
import type { Direction } from '../decoding.js';
import type { OutputSink } from '../output.js';
import { errorJson, type Json, toJson } from '../pg/json.js';
import { count, faultDetail } from '../text.js';
import { BULK_PREVIEW, bulkSummary, type DecodedValue, summarize } from './summary.js';

export interface ReportOptions {
  json: boolean;
  from: Direction;
  /** --from was given (else the direction is the default, server). */
  given: boolean;
}

/** The streamed bulk string being read. */
interface Streamed {
  /** Where it starts (its `$`), and its length on the wire. */
  offset: number;
  length: number;
  /** Its first bytes, copied, until its line is written. */
  head: Uint8Array[];
  headSize: number;
  shown: boolean;
}

/** Bytes of a bulk string's head: `$`, the length's digits (no sign, no leading zero), CRLF. */
function bulkHeadBytes(length: number): number {
  return String(length).length + 3;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
}

export class DecodeReport {
  values = 0;
  /** The error the read stopped at, if any. */
  stoppedAt: DecodeError | undefined;
  readonly #out: OutputSink;
  readonly #json: boolean;
  #streamed: Streamed | undefined;

  constructor(out: OutputSink, { json, from, given }: ReportOptions) {
    this.#out = out;
    this.#json = json;
    if (json) out.write(`{"from":${JSON.stringify(from)},"values":[`);
    else out.write(`from ${from} (${given ? `--from ${from}` : 'the default'})\n`);
  }

  /** A whole value of `length` bytes at `offset` (its type byte included). */
  value(v: DecodedValue, offset: number, length: number): void {
    const first = this.values++ === 0;
    if (this.#json) {
      const entry = { offset, length, ...(toJson(v) as { [key: string]: Json }) };
      this.#out.write(`${first ? '' : ','}${JSON.stringify(entry)}`);
    } else this.#row(offset, length, summarize(v));
  }

  /** A piece of a streamed bulk string, at `offset` in the stream. */
  piece(p: BulkPiece, offset: number): void {
    if (p.at === 0) {
      // The string starts at its head, which the reader reads but does not emit.
      const head = bulkHeadBytes(p.length);
      const s = { offset: offset - head, length: head + p.length + 2, head: [], headSize: 0, shown: false };
      this.#streamed = s;
      if (this.#json) {
        const prefix = JSON.stringify({ offset: s.offset, length: s.length, type: 'bulk' }).slice(0, -1);
        this.#out.write(`${this.values === 0 ? '' : ','}${prefix},"value":"`);
      }
      this.values++;
    }
    const s = this.#streamed as Streamed;
    if (this.#json) this.#out.write(hex(p.value));
    else if (!s.shown) {
      // Copied: a piece is a view of the input, which is not ours to keep.
      s.head.push(p.value.slice(0, BULK_PREVIEW - s.headSize));
      s.headSize += Math.min(p.value.length, BULK_PREVIEW - s.headSize);
      if (s.headSize >= Math.min(p.length, BULK_PREVIEW)) {
        this.#row(s.offset, s.length, bulkSummary(p.length, Buffer.concat(s.head)));
        s.shown = true;
        s.head = [];
      }
    }
    if (p.at + p.value.length === p.length) this.#endStreamed();
  }

  stop(e: DecodeError): void {
    this.stoppedAt = e;
  }

  /** The verdict; `bytes` is how many bytes the values took. */
  finish(bytes: number): void {
    const e = this.stoppedAt;
    if (this.#json) {
      // A streamed bulk string the stream broke inside keeps the bytes that came (`error` says where).
      this.#endStreamed();
      this.#out.write(`],"error":${errorJson(e)}}\n`);
      return;
    }
    if (this.values > 0) this.#out.write('\n');
    if (e === undefined) {
      this.#out.write(`valid: ${count(this.values, 'value')}, ${count(bytes, 'byte')}\n`);
      return;
    }
    this.#out.write(`invalid: ${e.code} at byte ${e.offset}: ${faultDetail(e)}\n`);
  }

  #row(offset: number, length: number, summary: string): void {
    this.#out.write(`offset ${offset}  length ${length}  ${summary}\n`);
  }

  #endStreamed(): void {
    if (this.#streamed !== undefined && this.#json) this.#out.write('"}');
    this.#streamed = undefined;
  }
}
