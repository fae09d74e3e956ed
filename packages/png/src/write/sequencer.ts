/**
 * The one place that turns writer input (chunks, and the reader's events) into output bytes,
 * checking that streamed chunks arrive as `header`, `data` …, `end`. A StreamParser (codec's
 * streaming-parser shape): `encodePng` collects what it emits, `encodePngChunks` (`@stride/png/rx`)
 * is the `parse` operator over it, so they accept and refuse the same inputs.
 */
import { EncodeError, type StreamParser } from '@stride/codec';
import type { PngEvent } from '../chunk/events.js';
import { PNG_SIGNATURE } from '../chunk/signature.js';
import {
  checkChunkLength,
  checkChunkType,
  continueCrc,
  encodeChunk,
  type PngChunkInput,
  setU32,
  typeCrc,
  writeChunkHead,
} from './chunk-bytes.js';
import { PngEncodeErrorCode } from './errors.js';

/**
 * What the writer takes: chunks (by data or by fields) and everything a PngReader emits. A value
 * whose `kind` is `header`, `data` or `end` is a piece of a streamed chunk; `warning`s are skipped;
 * anything else (`kind: 'chunk'` or no `kind`) is a whole chunk.
 */
export type PngWriteInput = PngChunkInput | PngEvent;

export interface EncodePngOptions {
  /** Start with the 8-byte PNG signature (default true); false writes the chunks alone. */
  signature?: boolean;
}

interface OpenChunk {
  readonly type: string;
  readonly length: number;
  received: number;
  crc: number;
}

interface StreamedEvent {
  readonly kind: 'header' | 'data' | 'end';
  readonly type: string;
  readonly length?: number;
  readonly data?: Uint8Array;
}

function eventError(code: PngEncodeErrorCode, detail: string): EncodeError {
  return new EncodeError(code, detail);
}

/**
 * Writer input in, bytes out:
 *
 * - the signature (a fresh 8-byte buffer, unless `signature: false`), just before the first chunk's
 *   bytes; so input that fails before its first chunk writes nothing. Input that ends without any
 *   chunk still gets the signature, at `finish`;
 * - one buffer per whole chunk (length, type, data, CRC);
 * - for a streamed chunk: 8 bytes (length, type) at its `header`, each `data` piece itself
 *   (zero-copy: the very Uint8Array received), and 4 bytes of CRC at its `end`, computed as the
 *   pieces pass.
 *
 * Warnings write nothing. An EncodeError (see `PngEncodeErrorCode`) for a chunk that cannot be
 * written or streamed events out of order; `finish` inside a streamed chunk is UNFINISHED_CHUNK.
 */
export class ChunkSequencer implements StreamParser<PngWriteInput, Uint8Array> {
  #open: OpenChunk | undefined;
  #signaturePending: boolean;

  constructor(options: EncodePngOptions = {}) {
    this.#signaturePending = options.signature ?? true;
  }

  /** Emits the bytes one input value becomes (nothing for a warning). */
  write(value: PngWriteInput, emit: (bytes: Uint8Array) => void): void {
    const kind: unknown = (value as { kind?: unknown }).kind;
    let bytes: Uint8Array;
    switch (kind) {
      case 'warning':
        return;
      case 'header':
      case 'data':
      case 'end':
        bytes = this.#streamed(value as StreamedEvent);
        break;
      case 'chunk':
      case undefined: {
        const chunk = value as PngChunkInput;
        if (this.#open) {
          throw eventError(
            PngEncodeErrorCode.BAD_CHUNK_EVENT,
            `${String(chunk.type)} chunk before the end of the streamed ${this.#open.type} chunk`,
          );
        }
        bytes = encodeChunk(chunk);
        break;
      }
      default:
        throw eventError(PngEncodeErrorCode.BAD_CHUNK_INPUT, `unknown event kind ${JSON.stringify(kind)}`);
    }
    this.#signature(emit);
    emit(bytes);
  }

  /** The input is over: emits the signature if nothing was written; throws if a streamed chunk is still open. */
  finish(emit: (bytes: Uint8Array) => void): void {
    const open = this.#open;
    if (open) {
      throw eventError(
        PngEncodeErrorCode.UNFINISHED_CHUNK,
        `the input ended inside the streamed ${open.type} chunk (${open.received} of ${open.length} bytes, no end)`,
      );
    }
    this.#signature(emit);
  }

  #signature(emit: (bytes: Uint8Array) => void): void {
    if (!this.#signaturePending) return;
    this.#signaturePending = false;
    emit(PNG_SIGNATURE.slice());
  }

  #streamed(event: StreamedEvent): Uint8Array {
    const open = this.#open;
    if (event.kind === 'header') {
      if (open) {
        throw eventError(
          PngEncodeErrorCode.BAD_CHUNK_EVENT,
          `header of ${String(event.type)} before the end of the streamed ${open.type} chunk`,
        );
      }
      checkChunkType(event.type);
      const length = event.length as number;
      checkChunkLength(event.type, length);
      this.#open = { type: event.type, length, received: 0, crc: typeCrc(event.type) };
      const head = new Uint8Array(8);
      writeChunkHead(head, 0, event.type, length);
      return head;
    }
    if (!open || open.type !== event.type) {
      const inside = open ? `inside the streamed ${open.type} chunk` : 'without its header';
      throw eventError(
        PngEncodeErrorCode.BAD_CHUNK_EVENT,
        `${event.kind} of ${String(event.type)} ${inside}`,
      );
    }
    if (event.kind === 'data') {
      const data = event.data;
      if (!(data instanceof Uint8Array)) {
        throw eventError(
          PngEncodeErrorCode.BAD_CHUNK_INPUT,
          `data of ${open.type}: the piece is not a Uint8Array`,
        );
      }
      open.received += data.length;
      if (open.received > open.length) {
        throw eventError(
          PngEncodeErrorCode.LENGTH_MISMATCH,
          `streamed ${open.type} chunk: pieces add up to ${open.received} bytes, past the ${open.length} of its header`,
        );
      }
      open.crc = continueCrc(data, open.crc);
      return data;
    }
    // end
    if (open.received !== open.length || (event.length !== undefined && event.length !== open.length)) {
      throw eventError(
        PngEncodeErrorCode.LENGTH_MISMATCH,
        `streamed ${open.type} chunk: ${open.received} bytes of data, its header said ${open.length}` +
          (event.length !== undefined && event.length !== open.length ? ` and its end ${event.length}` : ''),
      );
    }
    this.#open = undefined;
    const tail = new Uint8Array(4);
    setU32(tail, 0, open.crc);
    return tail;
  }
}
