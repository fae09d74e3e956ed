/**
 * `stride pcap dissect`'s output. Connections come interleaved in a capture; the output lists them
 * one after another, in the order they were first seen: a connection's lines (or JSON text) are
 * held until it closes and every connection before it has been written. So memory holds the text
 * of the connections still open (or waiting on an earlier one), not the capture's.
 *
 * Table, per connection:
 *   connection 0: 127.0.0.1:50938 -> 127.0.0.1:54329, postgresql
 *       time  dir  offset  frame  message
 *   0.000327  c2s       0      4  SSLRequest
 *   0.000893  s2c       0      6  SSLResponse  N (no encryption)
 *   error: c2s GAP at 1234: 57 bytes missing at 1234: the rest of this direction is not dissected
 *   (blank line)
 * time is seconds since the capture's first TCP packet; then the verdict:
 *   valid: 3 connections (3 dissected), 387 messages
 * or `invalid: N errors in M connections`, or for a fault of the capture file itself,
 * `invalid: CODE at byte N: detail` (the connections read until then are listed first).
 *
 * --json: one document, `{"connections": [{"protocol", "client", "server", "messages": [{"dir",
 * "offset", "frame", "type", "value"}], "errors": [{"dir", "code", "offset", "message"}]}]}`; a
 * fault of the capture file goes to standard error (the document keeps its shape).
 */
import type { DecodeError } from '@stride/codec';
import type { DissectError, DissectEvent, Json } from '@stride/pcap';
import type { OutputSink } from '../output.js';
import { count, faultDetail } from '../text.js';
import { type SummaryState, summarize } from './summary.js';

interface Held {
  readonly head: string;
  /** Rows, or the messages' JSON texts. */
  readonly items: string[];
  readonly errors: DissectError[];
  readonly state: SummaryState;
  closed: boolean;
}

export class DissectReport {
  /** Connections seen, dissected (a protocol chose them), messages, errors. */
  connections = 0;
  dissected = 0;
  messages = 0;
  errors = 0;
  #failed = 0;
  readonly #out: OutputSink;
  readonly #json: boolean;
  readonly #held = new Map<number, Held>();
  /** The id of the next connection to write. */
  #next = 0;
  /** The first TCP packet's time, the table's zero. */
  #zero: bigint | undefined;

  constructor(out: OutputSink, json: boolean) {
    this.#out = out;
    this.#json = json;
    if (json) out.write('{"connections":[');
  }

  readonly event = (e: DissectEvent): void => {
    switch (e.type) {
      case 'open': {
        const { connection, protocol } = e;
        this.#zero ??= connection.timestamp;
        this.connections++;
        if (protocol !== null) this.dissected++;
        const name = protocol?.name ?? null;
        const head = this.#json
          ? `{"protocol":${JSON.stringify(name)},"client":${JSON.stringify(connection.client)},"server":${JSON.stringify(connection.server)},"messages":[`
          : `connection ${connection.id}: ${connection.client} -> ${connection.server}, ${name ?? 'no protocol'}\n`;
        this.#held.set(connection.id, {
          head,
          items: [],
          errors: [],
          state: { mqttVersion: 5 },
          closed: false,
        });
        return;
      }
      case 'message': {
        const held = this.#held.get(e.connection.id);
        if (held === undefined) return;
        this.messages++;
        const { dir, offset, frame, type, time, message } = e.message;
        if (this.#json) {
          const value: Json = e.protocol.value(message);
          held.items.push(JSON.stringify({ dir, offset, frame, type, value }));
        } else {
          const line = summarize(e.protocol, message, held.state);
          held.items.push(
            `${this.#time(time)}  ${dir}  ${String(offset).padStart(6)}  ${String(frame).padStart(5)}  ${line}\n`,
          );
        }
        return;
      }
      case 'error': {
        const held = this.#held.get(e.connection.id);
        if (held === undefined) return;
        this.errors++;
        if (held.errors.length === 0) this.#failed++;
        held.errors.push(e.error);
        return;
      }
      case 'close': {
        const held = this.#held.get(e.connection.id);
        if (held !== undefined) held.closed = true;
        this.#writeClosed();
        return;
      }
    }
  };

  /** The end (`fault`: the capture file's, which stopped the read): every connection left, the verdict. */
  finish(fault: DecodeError | undefined): void {
    for (const id of [...this.#held.keys()].sort((a, b) => a - b)) {
      this.#write(this.#held.get(id) as Held);
      this.#held.delete(id);
    }
    if (this.#json) {
      this.#out.write(']}\n');
      return;
    }
    if (fault !== undefined) {
      this.#out.write(`invalid: ${fault.code} at byte ${fault.offset}: ${faultDetail(fault)}\n`);
      return;
    }
    if (this.errors > 0) {
      this.#out.write(`invalid: ${count(this.errors, 'error')} in ${count(this.#failed, 'connection')}\n`);
      return;
    }
    const seen = `${count(this.connections, 'connection')} (${this.dissected} dissected)`;
    this.#out.write(`valid: ${seen}, ${count(this.messages, 'message')}\n`);
  }

  /** Writes the closed connections at the head of the order (ids are given in the order seen). */
  #writeClosed(): void {
    for (let held = this.#held.get(this.#next); held?.closed; held = this.#held.get(this.#next)) {
      this.#held.delete(this.#next++);
      this.#write(held);
    }
  }

  #write(held: Held): void {
    if (this.#json) {
      const errors = held.errors.map(({ dir, code, offset, message }) =>
        JSON.stringify({ dir, code, offset, message }),
      );
      this.#out.write(`${this.#comma()}${held.head}${held.items.join(',')}],"errors":[${errors.join(',')}]}`);
      return;
    }
    this.#out.write(held.head);
    if (held.items.length > 0) this.#out.write('    time  dir  offset  frame  message\n');
    for (const item of held.items) this.#out.write(item);
    for (const e of held.errors) this.#out.write(`error: ${e.dir} ${e.code} at ${e.offset}: ${e.message}\n`);
    this.#out.write('\n');
  }

  #comma(): string {
    const first = this.#commaDone;
    this.#commaDone = true;
    return first ? ',' : '';
  }

  #commaDone = false;

  /** Seconds since the first TCP packet, to the microsecond. */
  #time(ns: bigint): string {
    const d = ns - (this.#zero ?? ns);
    const us = d / 1000n;
    return `${us / 1_000_000n}.${(us % 1_000_000n).toString().padStart(6, '0')}`.padStart(8);
  }
}
