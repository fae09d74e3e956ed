/**
 * A stream parser that is not a codec, for testing the front ends generically: LF-terminated
 * latin1 lines. A NUL byte is a ValidationError at its offset; input ending inside a line an
 * IncompleteError (needed: 1, the LF).
 */
import { type ByteStreamParser, IncompleteError, ValidationError } from '@stride/codec';

export class Lines implements ByteStreamParser<string> {
  #pending = '';
  #offset = 0;

  get offset(): number {
    return this.#offset;
  }

  get buffered(): number {
    return this.#pending.length;
  }

  get needed(): number {
    return this.#pending === '' ? 0 : 1;
  }

  write(chunk: Uint8Array, emit: (line: string) => void): void {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 0) {
        throw new ValidationError('NUL in a line', {
          offset: this.#offset + this.#pending.length + i - from,
        });
      }
      if (chunk[i] !== 10) continue;
      const line = this.#pending + Buffer.from(chunk.subarray(from, i)).toString('latin1');
      this.#pending = '';
      this.#offset += line.length + 1;
      from = i + 1;
      emit(line);
    }
    this.#pending += Buffer.from(chunk.subarray(from)).toString('latin1');
  }

  finish(): void {
    if (this.#pending !== '') {
      throw new IncompleteError('the input ended inside a line', { offset: this.#offset, needed: 1 });
    }
  }
}

/** The bytes of `lines`, each followed by LF. */
export const lineBytes = (lines: readonly string[]): Uint8Array =>
  Buffer.from(lines.map((l) => `${l}\n`).join(''), 'latin1');
