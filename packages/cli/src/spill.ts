/**
 * Text a command must print later (the warnings after the table, the errors and warnings after
 * the JSON's chunks), in bounded memory: held in memory up to `inMemory` characters, then moved
 * to a temporary file (unlinked as soon as it is open, so nothing is left behind) and read back
 * in 64 KiB pieces when printed. A valid file of 2,500,000 pHYs chunks has 2,499,999 warnings.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const PIECE = 64 * 1024;

export class Spill {
  /** Texts added. */
  count = 0;
  #held: string[] = [];
  #size = 0;
  #fd: number | undefined;
  #written = 0;
  readonly #inMemory: number;

  constructor(inMemory = 1024 * 1024) {
    this.#inMemory = inMemory;
  }

  add(text: string): void {
    this.count++;
    this.#held.push(text);
    this.#size += text.length;
    if (this.#fd === undefined ? this.#size > this.#inMemory : this.#size >= PIECE) this.#spill();
  }

  /** Everything added, in order, in pieces of about 64 KiB. */
  *pieces(): Generator<string> {
    if (this.#fd === undefined) {
      if (this.#size > 0) yield this.#held.join('');
      return;
    }
    this.#spill();
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(PIECE);
    for (let at = 0; at < this.#written; ) {
      const n = readSync(this.#fd, buffer, 0, Math.min(PIECE, this.#written - at), at);
      if (n === 0) throw new Error('stride: the temporary file ended early');
      at += n;
      yield decoder.write(buffer.subarray(0, n));
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  }

  /** Closes the temporary file, if any. */
  dispose(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    this.#held = [];
    this.#size = 0;
  }

  #spill(): void {
    if (this.#fd === undefined) {
      const path = join(tmpdir(), `stride-${process.pid}-${Math.random().toString(36).slice(2)}`);
      this.#fd = openSync(path, 'wx+', 0o600);
      try {
        unlinkSync(path);
      } catch {
        // Left for the system's tmp cleaning (a platform that cannot unlink an open file).
      }
    }
    if (this.#size === 0) return;
    const bytes = Buffer.from(this.#held.join(''), 'utf8');
    this.#held = [];
    this.#size = 0;
    for (let at = 0; at < bytes.length; )
      at += writeSync(this.#fd, bytes, at, bytes.length - at, this.#written + at);
    this.#written += bytes.length;
  }
}
