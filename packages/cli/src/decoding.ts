/**
 * What the reading commands share (png inspect, and the `decode` commands: pg, redis, mqtt): the
 * loop over the input's pieces with backpressure; and for the decode commands, --from, and a
 * protocol reader with the report its messages go to: each piece of input through the reader, the
 * first fault to the report (the messages before it have been reported), and the exit status at
 * the end.
 */
import { type ByteStreamParser, DecodeError } from '@stride/codec';
import { type Input, reason } from './input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK, UsageError } from './io.js';

/**
 * Each piece of `input` (read from `file`, `-` for standard input) to `take`, which returns false
 * to stop reading; the next piece is read only once standard output has taken what was written
 * (backpressure). The input is closed at the end (a file, or standard input when we stop early).
 * False when standard output failed (run() reports it): the command stops with EXIT_INVALID.
 */
export async function readPieces(
  input: Input,
  file: string,
  usage: string,
  io: CommandIo,
  take: (piece: Uint8Array) => boolean,
): Promise<boolean> {
  const pieces = input.stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await pieces.next();
      } catch (e) {
        throw new UsageError(`cannot read ${file === '-' ? 'standard input' : file}: ${reason(e)}`, usage);
      }
      if (next.done || !take(next.value)) return true;
      await io.stdout.flush();
      if (io.stdout.failed !== undefined) return false;
    }
  } finally {
    await pieces.return?.();
  }
}

export type Direction = 'client' | 'server';

/** --from's value, `v`: client or server, named in the order `names` has in the messages. */
export function fromOption(
  v: string | undefined,
  usage: string,
  names: readonly [Direction, Direction] = ['client', 'server'],
): Direction {
  if (v === 'client' || v === 'server') return v;
  const either = names.join(' or ');
  throw new UsageError(v === undefined ? `--from needs ${either}` : `--from ${v}: expected ${either}`, usage);
}

/** What a decode command's report takes besides its messages. */
export interface StopReport {
  /** The error the read stopped at, if any. */
  readonly stoppedAt: DecodeError | undefined;
  stop(e: DecodeError): void;
  /** The end: `bytes` read as messages. */
  finish(bytes: number): void;
}

/** A reader that says, while its emit runs, where the message emitted starts. */
export type PlacingReader<M> = ByteStreamParser<M> & { readonly messageOffset: number };

export class Decoding<M> {
  readonly #emit: (message: M) => void;

  /** `emit` gets each message with the offset and length of its bytes in the stream. */
  constructor(
    readonly report: StopReport,
    readonly reader: PlacingReader<M>,
    emit: (message: M, offset: number, length: number) => void,
  ) {
    // While emit runs, messageOffset is where the message starts and offset where it ends.
    this.#emit = (m) => {
      const at = reader.messageOffset;
      emit(m, at, reader.offset - at);
    };
  }

  /** Decodes a piece; false when the read stopped at a fault. */
  write(piece: Uint8Array): boolean {
    return this.#run(() => this.reader.write(piece, this.#emit));
  }

  /** Decodes pieces in order until the read stops at a fault. */
  writeAll(pieces: readonly Uint8Array[]): void {
    for (const piece of pieces) if (!this.write(piece)) return;
  }

  /** The end of the input: the verdict, and the exit status. */
  finish(): number {
    if (this.report.stoppedAt === undefined) this.#run(() => this.reader.finish(this.#emit));
    this.report.finish(this.reader.offset);
    return this.report.stoppedAt === undefined ? EXIT_OK : EXIT_INVALID;
  }

  #run(step: () => void): boolean {
    try {
      step();
      return true;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.report.stop(e);
      return false;
    }
  }
}
