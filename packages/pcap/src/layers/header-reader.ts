/**
 * Decoding a header schema at an offset of a packet, fast. codec's `decode` sets up a state per
 * call, which costs more than a whole header; a `Decoder` set up once and moved to each offset
 * decodes a header with the compiled code alone. Packets from a capture are views of the chunks the
 * file came in, so the Decoder is made again only when the underlying buffer changes.
 *
 * The caller checks that the header's fixed bytes are in the packet before reading (a Decoder over
 * the whole buffer would read past the packet); variable parts (options) are `sized` sections of
 * a length the caller checked too. A codec fault is rethrown as a LayerError with its offset in the
 * packet.
 */
import { type Codec, DecodeError, Decoder } from '@stride/codec';
import type { LayerErrorCode } from '../errors.js';
import { layerError } from './faults.js';

export class HeaderReader<T> {
  readonly #codec: Codec<T>;
  readonly #code: LayerErrorCode;
  #buffer: ArrayBufferLike | undefined;
  #decoder: Decoder<T> | undefined;

  /** `code`: the LayerError a fault inside the header becomes. */
  constructor(codec: Codec<T>, code: LayerErrorCode) {
    this.#codec = codec;
    this.#code = code;
  }

  /** The header at `at` in `data` (its bytes checked to be there). */
  read(data: Uint8Array, at: number): T {
    let decoder = this.#decoder;
    if (decoder === undefined || data.buffer !== this.#buffer) {
      decoder = new Decoder(this.#codec, new Uint8Array(data.buffer));
      this.#decoder = decoder;
      this.#buffer = data.buffer;
    }
    decoder.offset = data.byteOffset + at;
    try {
      return decoder.read();
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      const offset = e.offset - data.byteOffset;
      throw layerError(this.#code, offset, e.detail, e.expected, e.actual);
    }
  }
}
