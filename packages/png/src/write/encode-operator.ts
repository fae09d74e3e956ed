import { parse } from '@stride/rx';
import type { OperatorFunction } from 'rxjs';
import { PNG_SIGNATURE } from '../chunk/signature.js';
import { setU32, writeChunk, writeChunkHead } from './chunk-bytes.js';
import type { EncodePngOptions } from './encode-png.js';
import { ChunkSequencer, type PngWriteInput, type Segment } from './sequencer.js';

/**
 * Writes a PNG as a stream: `readPng(file).pipe(filter(keep), encodePngChunks(), toWritable(out))`.
 * Takes what `encodePng` takes and emits the same bytes, in pieces:
 *
 * - the signature (a fresh 8-byte buffer, unless `signature: false`), just before the first
 *   chunk's bytes; so a source that fails before its first chunk (a file that is not a PNG) writes
 *   nothing. A source that completes without any chunk still gets the signature, at completion, so
 *   the concatenated output always equals `encodePng` of the same values;
 * - one buffer per whole chunk (length, type, data, CRC);
 * - for a streamed chunk: 8 bytes (length, type) at its `header`, each `data` piece itself
 *   (zero-copy: the very Uint8Array received), and 4 bytes of CRC at its `end`, computed as the
 *   pieces pass.
 *
 * Warnings are skipped. An EncodeError (see `PngEncodeErrorCode`: a bad type, a length out of
 * range, `data` or `end` without its `header`, a source that completes inside a streamed chunk)
 * goes down the error channel and unsubscribes from the source. Unsubscribing unsubscribes from the
 * source.
 */
export function encodePngChunks(options: EncodePngOptions = {}): OperatorFunction<PngWriteInput, Uint8Array> {
  const signature = options.signature ?? true;
  return parse(() => {
    const sequencer = new ChunkSequencer();
    let signaturePending = signature;
    const emitSignature = (emit: (bytes: Uint8Array) => void) => {
      if (!signaturePending) return;
      signaturePending = false;
      emit(PNG_SIGNATURE.slice());
    };
    return {
      write(value, emit) {
        const segment = sequencer.push(value);
        if (segment === undefined) return;
        const bytes = segmentBytes(segment);
        emitSignature(emit);
        emit(bytes);
      },
      finish(emit) {
        sequencer.finish();
        emitSignature(emit);
      },
    };
  });
}

/** The bytes of one segment, as emitted. */
function segmentBytes(segment: Segment): Uint8Array {
  switch (segment.kind) {
    case 'chunk': {
      const out = new Uint8Array(12 + segment.data.length);
      writeChunk(out, 0, segment.type, segment.data);
      return out;
    }
    case 'head': {
      const out = new Uint8Array(8);
      writeChunkHead(out, 0, segment.type, segment.length);
      return out;
    }
    case 'piece':
      return segment.data;
    case 'tail': {
      const out = new Uint8Array(4);
      setU32(out, 0, segment.crc);
      return out;
    }
  }
}
