import { Observable, type Observer, type OperatorFunction, type Subscriber, Subscription } from 'rxjs';
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
  return (source) =>
    new Observable<Uint8Array>((subscriber) => {
      const chunks = new ChunkSubscriber(subscriber, signature);
      subscriber.add(chunks);
      source.subscribe(chunks);
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

/**
 * Subscribes to the source as both Observer and Subscription (like @stride/rx's decode), so when
 * the output's subscriber goes away a synchronous source sees it closed at once and stops.
 */
class ChunkSubscriber extends Subscription implements Observer<PngWriteInput> {
  private readonly sequencer = new ChunkSequencer();
  private signaturePending: boolean;

  constructor(
    private readonly out: Subscriber<Uint8Array>,
    signature: boolean,
  ) {
    super();
    this.signaturePending = signature;
  }

  next(value: PngWriteInput): void {
    if (this.closed) return;
    let bytes: Uint8Array;
    try {
      const segment = this.sequencer.push(value);
      if (segment === undefined) return;
      bytes = segmentBytes(segment);
    } catch (e) {
      this.error(e);
      return;
    }
    this.emitSignature();
    this.out.next(bytes);
  }

  error(e: unknown): void {
    if (this.closed) return;
    this.unsubscribe();
    this.out.error(e);
  }

  complete(): void {
    if (this.closed) return;
    this.unsubscribe();
    try {
      this.sequencer.finish();
    } catch (e) {
      this.out.error(e);
      return;
    }
    this.emitSignature();
    this.out.complete();
  }

  private emitSignature(): void {
    if (!this.signaturePending) return;
    this.signaturePending = false;
    this.out.next(PNG_SIGNATURE.slice());
  }
}
