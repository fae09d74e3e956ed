/**
 * `stride pg decode`'s output, written as the read goes: a line (or a JSON object) per message the
 * moment it is decoded, then the verdict. Nothing is kept but counts, so memory stays bounded
 * whatever the number of messages.
 *
 * Table:
 *   from server (guessed from the first bytes)
 *   SSLResponse  offset 0  length 1  N (no encryption)
 *   DataRow  offset 1234  length 57  3 columns: '1', 'alice', NULL
 *   …
 *   (blank line)
 *   valid: 276 messages, 10875 bytes
 * or, for the error the read stopped at, `invalid: CODE at byte N: path: detail` (and the bytes
 * around it on the next line).
 */
import type { DecodeError } from '@stride/codec';
import type { Direction } from '../decoding.js';
import type { OutputSink } from '../output.js';
import { count, faultDetail } from '../text.js';
import { errorJson, messageJson } from './json.js';
import { type DecodedMessage, summarize } from './summary.js';

export interface ReportOptions {
  json: boolean;
  from: Direction;
  /** The direction was guessed from the first bytes (no --from). */
  guessed: boolean;
}

export class DecodeReport {
  messages = 0;
  /** The error the read stopped at, if any. */
  stoppedAt: DecodeError | undefined;
  readonly #out: OutputSink;
  readonly #json: boolean;

  constructor(out: OutputSink, { json, from, guessed }: ReportOptions) {
    this.#out = out;
    this.#json = json;
    if (json) out.write(`{"from":${JSON.stringify(from)},"messages":[`);
    else out.write(`from ${from} (${guessed ? 'guessed from the first bytes' : `--from ${from}`})\n`);
  }

  /** A message of `length` bytes at `offset` (its type byte, if any, included). */
  message(m: DecodedMessage, offset: number, length: number): void {
    const first = this.messages++ === 0;
    if (this.#json) {
      this.#out.write(`${first ? '' : ','}${messageJson(offset, length, m)}`);
      return;
    }
    const line = `${m.type}  offset ${offset}  length ${length}  ${summarize(m)}`;
    this.#out.write(`${line.trimEnd()}\n`);
  }

  stop(e: DecodeError): void {
    this.stoppedAt = e;
  }

  /** The verdict; `bytes` is how many bytes the messages took. */
  finish(bytes: number): void {
    const e = this.stoppedAt;
    if (this.#json) {
      this.#out.write(`],"error":${errorJson(e)}}\n`);
      return;
    }
    if (this.messages > 0) this.#out.write('\n');
    if (e === undefined) {
      this.#out.write(`valid: ${count(this.messages, 'message')}, ${count(bytes, 'byte')}\n`);
      return;
    }
    this.#out.write(`invalid: ${e.code} at byte ${e.offset}: ${faultDetail(e)}\n`);
  }
}
