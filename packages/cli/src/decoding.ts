/**
 * A protocol reader and the report its messages go to, for the `decode` commands (pg, redis): each
 * piece of input through the reader, the first fault to the report (the messages before it have
 * been reported), and the exit status at the end.
 */
import { type ByteStreamParser, DecodeError } from '@stride/codec';
import { EXIT_INVALID, EXIT_OK } from './io.js';

/** What a decode command's report takes besides its messages. */
export interface StopReport {
  /** The error the read stopped at, if any. */
  readonly stoppedAt: DecodeError | undefined;
  stop(e: DecodeError): void;
  /** The end: `bytes` read as messages. */
  finish(bytes: number): void;
}

export class Decoding<M> {
  constructor(
    readonly report: StopReport,
    readonly reader: ByteStreamParser<M>,
    readonly emit: (message: M) => void,
  ) {}

  /** Decodes a piece; false when the read stopped at a fault. */
  write(piece: Uint8Array): boolean {
    return this.#run(() => this.reader.write(piece, this.emit));
  }

  /** The end of the input: the verdict, and the exit status. */
  finish(): number {
    if (this.report.stoppedAt === undefined) this.#run(() => this.reader.finish(this.emit));
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
