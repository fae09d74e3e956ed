/**
 * `stride pg decode [--from client|server] [--json] FILE`: decodes one direction of a PostgreSQL
 * connection (the raw bytes a client or a server sent, from the connection's start) and prints its
 * messages, a line each, or as JSON, as they are decoded. Exit status 0 every byte decoded, 1 a
 * fault (printed after the messages before it), 2 usage, 3 output failed.
 *
 * The read is a loop over the input's pieces: each is written to a PgReader, the lines of the
 * messages it completes are written, and the next piece is read only once standard output has taken
 * them (backpressure). Memory holds one piece and the message being read, whatever the input's size.
 */
import { PgReader } from '@stride/pg';
import { Decoding, type Direction, fromOption, readPieces } from '../decoding.js';
import { openInput, parseFileArgs } from '../input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK } from '../io.js';
import { DecodeReport } from './report.js';
import type { DecodedMessage } from './summary.js';

export const decodeUsage = 'usage: stride pg decode [--from client|server] [--json] FILE';

export const decodeHelp = `${decodeUsage}

Decodes one direction of a PostgreSQL connection (protocol 3.0): the raw bytes a client or a server
sent, from the start of the connection (startup phase included), and prints each message on a line
(type, offset, length in bytes, its fields) as it is decoded.

  FILE                    the bytes, or - for standard input
  --from client|server    whose bytes they are; by default a guess from the first 8 bytes: an
                          Int32 length then the code of SSLRequest, GSSENCRequest, CancelRequest
                          or protocol 3.x (a StartupMessage) is a client's, anything else a server's
  --json                  print one JSON document:
                          {"from", "messages": [{"offset", "length", "type", "value"}],
                           "error": null | {"code", "offset", "message"}}
                          (bytes as lowercase hex, bigints as decimal strings)
  -h, --help              print this help

Exit status: 0 every byte decoded, 1 a fault in the stream (after the messages before it), 2 usage
error or unreadable file, 3 the output could not be written (quietly for a pipe closed early).
`;

/** Size of the pieces a file is read in: the text of one piece's messages is written before the next is read. */
const FILE_PIECE = 64 * 1024;

/** Bytes the direction is guessed from. */
const GUESS_BYTES = 8;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

interface DecodeArgs {
  file: string;
  json: boolean;
  from: Direction | undefined;
}

/** Options may come before or after FILE; `--` ends them. Undefined means help was asked for. */
function parse(args: readonly string[]): DecodeArgs | undefined {
  let json = false;
  let from: Direction | undefined;
  const file = parseFileArgs(args, decodeUsage, (name, value) => {
    if (name === '--json') json = true;
    else if (name === '--from') {
      from = fromOption(value(), decodeUsage);
    } else return false;
    return true;
  });
  return file === undefined ? undefined : { file, json, from };
}

/**
 * Whose bytes these are, from their first 8: a client starts with an untyped startup-phase message
 * (Int32 length, then Int32 code); a server's first byte is a message type or the `N`/`S`/`G`
 * answer to an encryption request, which never makes such a code.
 */
export function guessDirection(head: Uint8Array): Direction {
  if (head.length < GUESS_BYTES) return 'server';
  const code = new DataView(head.buffer, head.byteOffset, GUESS_BYTES).getInt32(4);
  const client =
    code === SSL_REQUEST || code === GSSENC_REQUEST || code === CANCEL_REQUEST || code >>> 16 === 3;
  return client ? 'client' : 'server';
}

export async function decode(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(args);
  if (parsed === undefined) {
    io.stdout.write(decodeHelp);
    return EXIT_OK;
  }
  const { file, json } = parsed;
  const input = await openInput(file, io.stdin, FILE_PIECE, decodeUsage);
  /** Pieces held until the direction can be guessed from them. */
  const head: Uint8Array[] = [];
  let headSize = 0;
  let decoding: Decoding<DecodedMessage> | undefined;
  const read = await readPieces(input, file, decodeUsage, io, (piece) => {
    if (decoding === undefined) {
      head.push(piece);
      headSize += piece.length;
      if (parsed.from === undefined && headSize < GUESS_BYTES) return true;
      decoding = startDecoding(io, json, parsed.from, head);
    } else decoding.write(piece);
    return decoding.report.stoppedAt === undefined;
  });
  if (!read) return EXIT_INVALID;
  decoding ??= startDecoding(io, json, parsed.from, head);
  return decoding.finish();
}

/**
 * A PgReader and the report its messages go to. `head`: the pieces read so far, from which the
 * direction is guessed when `from` is not given.
 */
function startDecoding(
  io: CommandIo,
  json: boolean,
  from: Direction | undefined,
  head: readonly Uint8Array[],
): Decoding<DecodedMessage> {
  const direction = from ?? guessDirection(Buffer.concat(head).subarray(0, GUESS_BYTES));
  const report = new DecodeReport(io.stdout, { json, from: direction, guessed: from === undefined });
  // Columns as bytes: a binary-format column is not UTF-8, and is no fault of the stream.
  const reader = new PgReader({ from: direction, columns: 'bytes' });
  const decoding = new Decoding<DecodedMessage>(report, reader, (m, at, length) =>
    report.message(m, at, length),
  );
  decoding.writeAll(head);
  return decoding;
}
