/**
 * DelimitedCodec: a field that ends at a delimiter (`string({ until: '\r\n' })`,
 * `bytes({ until: 0 })`). The delimiter is consumed and written back but is not part of the value;
 * encoding refuses a value that holds it. `maxLength` bounds the bytes before the delimiter: past
 * it, a LimitError (limit `maxLength`) at the field's first byte, raised as soon as that many bytes
 * and no delimiter are there (a stream does not wait for more).
 *
 * The value's bytes are decoded by a body that reads to the end of its section (`bytes('toEnd')`,
 * `string('toEnd', …)`), run in a section that ends where the delimiter begins.
 */
import { Codec, GEN_READ } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen } from '../core/gen.js';
import { EncodeError } from '../errors.js';
import { Delimiter, type Until } from './delimiter.js';

export class DelimitedCodec<T> extends Codec<T> {
  readonly kind = 'delimited';
  readonly delimiter: Delimiter;
  readonly maxLength: number | undefined;
  /** Reads to the end of its section; writes the value's bytes alone. */
  readonly #body: Codec<T>;
  /** The field's kind, for messages (`string`, `bytes`). */
  readonly #what: string;

  constructor(body: Codec<T>, until: Until, maxLength: number | undefined, what: string) {
    super();
    this.#body = body;
    this.#what = what;
    this.delimiter = new Delimiter(until, what);
    if (maxLength !== undefined && !(Number.isSafeInteger(maxLength) && maxLength >= 0))
      throw new TypeError(`${what}: maxLength must be a non-negative integer, got ${maxLength}`);
    this.maxLength = maxLength;
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    const start = st.pos;
    const max = this.maxLength;
    const at = this.delimiter.find(st, start, max);
    if (at < 0) {
      const d = this.delimiter.describe();
      st.overLimit(
        'maxLength',
        start,
        Math.min(max as number, 8),
        `${this.#what}: no delimiter ${d} within maxLength (${max} bytes)`,
        `at most ${max} bytes, then ${d}`,
        `more than ${max} bytes`,
      );
    }
    const saved = st.enterSection(at - start);
    let value: T;
    try {
      value = this.#body.read(st);
    } finally {
      st.leaveSection(saved);
    }
    st.take(this.delimiter.length);
    return value;
  }

  /**
   * Compiled read: the first delimiter searched for in place, byte by byte (the fields it serves are
   * mostly a few bytes long, where a call of indexOf costs more), up to `end` and past at most
   * `maxLength` bytes; then the body, compiled within a section that ends there. No delimiter (too
   * long, or not yet there) goes to the interpreter, which raises the error or waits.
   */
  override [GEN_READ](g: ReadGen): string {
    const d = this.delimiter.bytes;
    g.flush();
    g.moved();
    const [at, stop, v] = [g.tmp('i'), g.tmp('e'), g.tmp()];
    g.sections++;
    const body = g.capture(() => {
      g.emit(`${v} = ${g.read(this.#body)};`);
      g.flush();
    });
    g.sections--;
    // A body that calls an interpreter would need the section entered on the state too.
    if (g.interprets(body)) return g.callRead(this);
    const max = this.maxLength === undefined ? '' : `, p + ${this.maxLength + 1}`;
    const match = Array.from(d, (b, k) => `u8[${at} + ${k}] === ${b}`).join(' && ');
    g.emit(`const ${stop} = Math.min(end - ${d.length - 1}${max}); let ${at} = p;`);
    g.emit(`for (; ${at} < ${stop}; ${at}++) if (${match}) break;`);
    // No delimiter before the input's end, nor `maxLength` bytes before it: the interpreter waits.
    const wait = g.waitFor('end + 1');
    const within = this.maxLength === undefined ? '' : `if (end < p + ${this.maxLength + d.length}) `;
    g.emit(`if (${at} >= ${stop}) { ${wait === '' ? '' : `${within}${wait} `}return FAIL; }`);
    g.emit(`let ${v};`);
    g.emit(`{ const end = ${at};`);
    for (const line of body) g.emit(line);
    g.emit(`if (p !== ${at}) return FAIL; }`);
    g.emit(`p = ${at} + ${d.length};`);
    g.moved();
    return v;
  }

  write(w: EncodeState, value: T): void {
    const start = w.pos;
    this.#body.write(w, value);
    const n = w.pos - start;
    if (this.maxLength !== undefined && n > this.maxLength) {
      throw new EncodeError(
        'WRONG_LENGTH',
        `${this.#what} takes ${n} bytes, more than maxLength (${this.maxLength})`,
      );
    }
    this.delimiter.write(w, start, this.#what);
  }
}
