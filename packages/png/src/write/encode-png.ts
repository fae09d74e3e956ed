import { PNG_SIGNATURE } from '../chunk/signature.js';
import { setU32, writeChunk, writeChunkHead } from './chunk-bytes.js';
import { ChunkSequencer, type PngWriteInput, type Segment, segmentSize } from './sequencer.js';

export interface EncodePngOptions {
  /** Start with the 8-byte PNG signature (default true); false writes the chunks alone. */
  signature?: boolean;
}

/**
 * A whole PNG in one buffer: the signature, then each chunk. Takes chunks (by data or by fields)
 * and the events `readPng` emits, so `encodePng(await lastValueFrom(readPng(file).pipe(toArray())))`
 * gives the file back, byte for byte when its CRCs were right (CRCs are always computed afresh).
 * Streamed chunks (`header`, `data` …, `end`) are written as they came; warnings are skipped.
 *
 * The input is walked once and the output allocated once, at its final size. Throws an EncodeError
 * (see `PngEncodeErrorCode`) for a chunk it cannot write or streamed events out of order.
 */
export function encodePng(chunks: Iterable<PngWriteInput>, options: EncodePngOptions = {}): Uint8Array {
  const signature = options.signature ?? true;
  const sequencer = new ChunkSequencer();
  const segments: Segment[] = [];
  let size = signature ? PNG_SIGNATURE.length : 0;
  for (const value of chunks) {
    const segment = sequencer.push(value);
    if (segment === undefined) continue;
    segments.push(segment);
    size += segmentSize(segment);
  }
  sequencer.finish();

  const out = new Uint8Array(size);
  let at = 0;
  if (signature) {
    out.set(PNG_SIGNATURE, 0);
    at = PNG_SIGNATURE.length;
  }
  for (const segment of segments) {
    switch (segment.kind) {
      case 'chunk':
        at = writeChunk(out, at, segment.type, segment.data);
        break;
      case 'head':
        writeChunkHead(out, at, segment.type, segment.length);
        at += 8;
        break;
      case 'piece':
        out.set(segment.data, at);
        at += segment.data.length;
        break;
      case 'tail':
        setU32(out, at, segment.crc);
        at += 4;
        break;
    }
  }
  return out;
}
