import { ChunkSequencer, type EncodePngOptions, type PngWriteInput } from './sequencer.js';

/**
 * A whole PNG in one buffer: the signature, then each chunk. Takes chunks (by data or by fields)
 * and the events `PngReader` emits, so `encodePng(events)` of a file's events gives the file back,
 * byte for byte when its CRCs were right (CRCs are always computed afresh). Streamed chunks
 * (`header`, `data` …, `end`) are written as they came; warnings are skipped.
 *
 * The input is walked once; the output is allocated once, at its final size, and the pieces the
 * sequencer emits are copied into it. Throws an EncodeError (see `PngEncodeErrorCode`) for a chunk
 * it cannot write or streamed events out of order.
 */
export function encodePng(chunks: Iterable<PngWriteInput>, options: EncodePngOptions = {}): Uint8Array {
  const sequencer = new ChunkSequencer(options);
  const pieces: Uint8Array[] = [];
  let size = 0;
  const emit = (bytes: Uint8Array) => {
    pieces.push(bytes);
    size += bytes.length;
  };
  for (const value of chunks) sequencer.write(value, emit);
  sequencer.finish(emit);
  const out = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
