/**
 * `stride mqtt decode`'s output, written as the read goes: a line (or a JSON object) per packet the
 * moment it is decoded, then the verdict. Nothing is kept but counts, so memory stays bounded
 * whatever the number of packets.
 *
 * Table:
 *   from client (guessed from the first byte), MQTT 3.1.1 (the CONNECT's protocol level 4)
 *   offset 0  length 14  CONNECT clientId "", MQTT 3.1.1, keepAlive 60, clean start
 *   offset 14  length 30  PUBLISH "stride/v311" qos 1, packetId 1, 13 bytes "qos 1 message"
 *   (blank line)
 *   valid: 2 packets, 44 bytes
 * or, for the error the read stopped at, `invalid: CODE at byte N (reason code 0x81 Malformed
 * Packet): path: detail` (and the bytes around it on the next line).
 *
 * The first line waits for the first packet: a client's CONNECT sets the version of the rest.
 */
import type { DecodeError } from '@stride/codec';
import { type MqttPacket, reasonCodeOf } from '@stride/mqtt';
import type { Direction } from '../decoding.js';
import type { OutputSink } from '../output.js';
import { type Json, toJson } from '../pg/json.js';
import { count, faultDetail } from '../text.js';
import { level, reason, summarize, type Version } from './summary.js';

export interface ReportOptions {
  json: boolean;
  from: Direction;
  /** --from was given (else the direction was guessed from the first byte). */
  fromGiven: boolean;
  /** The version the reader starts in (a client's CONNECT changes it). */
  version: Version;
  /** Why that version: --protocol-version, a guess from the first CONNACK's length, or the default. */
  versionWhy: 'given' | 'guessed' | 'default';
}

export class DecodeReport {
  packets = 0;
  /** The error the read stopped at, if any. */
  stoppedAt: DecodeError | undefined;
  readonly #out: OutputSink;
  readonly #options: ReportOptions;
  /** The version packets are read in, once the first line is written. */
  #version: Version | undefined;

  constructor(out: OutputSink, options: ReportOptions) {
    this.#out = out;
    this.#options = options;
  }

  /** A packet of `length` bytes at `offset`. */
  packet(p: MqttPacket, offset: number, length: number): void {
    const version = this.#version ?? this.#open(p);
    const first = this.packets++ === 0;
    if (this.#options.json) {
      const entry = { offset, length, ...(toJson(p) as { [key: string]: Json }) };
      this.#out.write(`${first ? '' : ','}${JSON.stringify(entry)}`);
    } else this.#out.write(`offset ${offset}  length ${length}  ${summarize(p, version)}\n`);
  }

  stop(e: DecodeError): void {
    this.stoppedAt = e;
  }

  /** The verdict; `bytes` is how many bytes the packets took. */
  finish(bytes: number): void {
    if (this.#version === undefined) this.#open(undefined);
    const e = this.stoppedAt;
    if (this.#options.json) {
      const error =
        e === undefined
          ? null
          : { code: e.code, offset: e.offset, reasonCode: reasonCodeOf(e), message: e.message };
      this.#out.write(`],"error":${JSON.stringify(error)}}\n`);
      return;
    }
    if (this.packets > 0) this.#out.write('\n');
    if (e === undefined) {
      this.#out.write(`valid: ${count(this.packets, 'packet')}, ${count(bytes, 'byte')}\n`);
      return;
    }
    this.#out.write(
      `invalid: ${e.code} at byte ${e.offset} (reason code ${reason(reasonCodeOf(e))}): ${faultDetail(e)}\n`,
    );
  }

  /** The first line (or the JSON's head), once the first packet (if any) says the version; the version. */
  #open(first: MqttPacket | undefined): Version {
    const { json, from, fromGiven } = this.#options;
    let version = this.#options.version;
    let name = level(version);
    let why =
      this.#options.versionWhy === 'given'
        ? `--protocol-version ${version}`
        : this.#options.versionWhy === 'guessed'
          ? "guessed from the CONNACK's length"
          : 'the default';
    if (from === 'client' && first?.type === 'CONNECT') {
      // The reader reads the rest of a client's stream in its CONNECT's version.
      version = first.protocolVersion === 5 ? 5 : 4;
      name = level(first.protocolVersion);
      why = `the CONNECT's protocol level ${first.protocolVersion}`;
    }
    this.#version = version;
    if (json) this.#out.write(`{"from":${JSON.stringify(from)},"protocolVersion":${version},"packets":[`);
    else
      this.#out.write(
        `from ${from} (${fromGiven ? `--from ${from}` : 'guessed from the first byte'}), ${name} (${why})\n`,
      );
    return version;
  }
}
