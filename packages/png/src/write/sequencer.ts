/**
 * The one place that turns writer input (chunks, and the reader's events) into pieces of output,
 * checking that streamed chunks arrive as `header`, `data` …, `end`. `encodePng` and
 * `encodePngChunks` both run on it, so they accept and refuse the same inputs.
 */
import { EncodeError } from '@stride/codec';
import type { PngEvent } from '../chunk/events.js';
import {
  checkChunkLength,
  checkChunkType,
  chunkData,
  continueCrc,
  type PngChunkInput,
  typeCrc,
} from './chunk-bytes.js';
import { PngEncodeErrorCode } from './errors.js';

/**
 * What the writer takes: chunks (by data or by fields) and everything `readPng` emits. A value
 * whose `kind` is `header`, `data` or `end` is a piece of a streamed chunk; `warning`s are skipped;
 * anything else (`kind: 'chunk'` or no `kind`) is a whole chunk.
 */
export type PngWriteInput = PngChunkInput | PngEvent;

/** A piece of output: a whole chunk, or the head, a data piece, or the CRC of a streamed one. */
export type Segment =
  | { readonly kind: 'chunk'; readonly type: string; readonly data: Uint8Array }
  | { readonly kind: 'head'; readonly type: string; readonly length: number }
  | { readonly kind: 'piece'; readonly data: Uint8Array }
  | { readonly kind: 'tail'; readonly crc: number };

/** Bytes a segment takes in the output. */
export function segmentSize(segment: Segment): number {
  switch (segment.kind) {
    case 'chunk':
      return 12 + segment.data.length;
    case 'head':
      return 8;
    case 'piece':
      return segment.data.length;
    case 'tail':
      return 4;
  }
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

export class ChunkSequencer {
  private open: OpenChunk | undefined;

  /** The segment one input value becomes, or undefined for a value that writes nothing (a warning). */
  push(value: PngWriteInput): Segment | undefined {
    const kind: unknown = (value as { kind?: unknown }).kind;
    switch (kind) {
      case 'warning':
        return undefined;
      case 'header':
      case 'data':
      case 'end':
        return this.streamed(value as StreamedEvent);
      case 'chunk':
      case undefined: {
        const chunk = value as PngChunkInput;
        if (this.open) {
          throw eventError(
            PngEncodeErrorCode.BAD_CHUNK_EVENT,
            `${String(chunk.type)} chunk before the end of the streamed ${this.open.type} chunk`,
          );
        }
        return { kind: 'chunk', type: chunk.type, data: chunkData(chunk) };
      }
      default:
        throw eventError(PngEncodeErrorCode.BAD_CHUNK_INPUT, `unknown event kind ${JSON.stringify(kind)}`);
    }
  }

  /** Throws if a streamed chunk is still open: the input ended between its header and its end. */
  finish(): void {
    const open = this.open;
    if (open) {
      throw eventError(
        PngEncodeErrorCode.UNFINISHED_CHUNK,
        `the input ended inside the streamed ${open.type} chunk (${open.received} of ${open.length} bytes, no end)`,
      );
    }
  }

  private streamed(event: StreamedEvent): Segment {
    const open = this.open;
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
      this.open = { type: event.type, length, received: 0, crc: typeCrc(event.type) };
      return { kind: 'head', type: event.type, length };
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
      return { kind: 'piece', data };
    }
    // end
    if (open.received !== open.length || (event.length !== undefined && event.length !== open.length)) {
      throw eventError(
        PngEncodeErrorCode.LENGTH_MISMATCH,
        `streamed ${open.type} chunk: ${open.received} bytes of data, its header said ${open.length}` +
          (event.length !== undefined && event.length !== open.length ? ` and its end ${event.length}` : ''),
      );
    }
    this.open = undefined;
    return { kind: 'tail', crc: open.crc };
  }
}
