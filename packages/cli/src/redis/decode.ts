/**
 * `stride redis decode [--from server|client] [--json] [--stream-bulk-over N] FILE`: decodes one
 * direction of a Redis connection (RESP2 or RESP3: a server's replies, or a client's requests with
 * inline commands) and prints its top-level values, a line each, or as JSON, as they are decoded.
 * Exit status 0 every byte decoded, 1 a fault (printed after the values before it), 2 usage, 3
 * output failed.
 *
 * The read is a loop over the input's pieces, as `stride pg decode`'s: each is written to a
 * RespReader, the lines of the values it completes are written, and the next piece is read only
 * once standard output has taken them (backpressure). Memory holds one piece and the value being
 * read (a streamed bulk string not even that).
 */
import { type BulkPiece, RespReader, type RespReaderOptions } from '@stride/redis';
import { Decoding, type Direction, fromOption, type PlacingReader, readPieces } from '../decoding.js';
import { openInput, parseFileArgs } from '../input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK, UsageError } from '../io.js';
import { DecodeReport } from './report.js';
import type { DecodedValue } from './summary.js';

export const decodeUsage =
  'usage: stride redis decode [--from server|client] [--json] [--stream-bulk-over N] FILE';

export const decodeHelp = `${decodeUsage}

Decodes one direction of a Redis connection (RESP2 and RESP3): the raw bytes a server or a client
sent, and prints each top-level value on a line (offset, length in bytes, type and the value in
brief) as it is decoded.

  FILE                    the bytes, or - for standard input
  --from server|client    whose bytes they are: a server's replies (the default), or a client's
                          requests (arrays of bulk strings, or inline commands such as PING)
  --json                  print one JSON document:
                          {"from", "values": [{"offset", "length", "type", "value"}],
                           "error": null | {"code", "offset", "message"}}
                          (each value as @stride/redis decodes it, nested ones too; bytes as
                          lowercase hex, bigints as decimal strings)
  --stream-bulk-over N    read a top-level bulk string longer than N bytes in pieces as they come,
                          without holding it (replies only)
  -h, --help              print this help

Exit status: 0 every byte decoded, 1 a fault in the stream (after the values before it), 2 usage
error or unreadable file, 3 the output could not be written (quietly for a pipe closed early).
`;

/** Size of the pieces a file is read in: the text of one piece's values is written before the next is read. */
const FILE_PIECE = 64 * 1024;

interface DecodeArgs {
  file: string;
  json: boolean;
  from: Direction | undefined;
  streamBulkOver: number | undefined;
}

/** Options may come before or after FILE; `--` ends them. Undefined means help was asked for. */
function parse(args: readonly string[]): DecodeArgs | undefined {
  let json = false;
  let from: Direction | undefined;
  let streamBulkOver: number | undefined;
  const file = parseFileArgs(args, decodeUsage, (name, value) => {
    if (name === '--json') json = true;
    else if (name === '--from') {
      from = fromOption(value(), decodeUsage, ['server', 'client']);
    } else if (name === '--stream-bulk-over') {
      const v = value();
      if (v === undefined || !/^\d{1,15}$/.test(v))
        throw new UsageError(
          v === undefined
            ? '--stream-bulk-over needs a number of bytes'
            : `--stream-bulk-over ${v}: expected a number of bytes (0 or more)`,
          decodeUsage,
        );
      streamBulkOver = Number(v);
    } else return false;
    return true;
  });
  if (file === undefined) return undefined;
  if (from === 'client' && streamBulkOver !== undefined)
    throw new UsageError('--stream-bulk-over reads replies: not with --from client', decodeUsage);
  return { file, json, from, streamBulkOver };
}

export async function decode(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(args);
  if (parsed === undefined) {
    io.stdout.write(decodeHelp);
    return EXIT_OK;
  }
  const input = await openInput(parsed.file, io.stdin, FILE_PIECE, decodeUsage);
  const decoding = startDecoding(io, parsed);
  if (!(await readPieces(input, parsed.file, decodeUsage, io, (piece) => decoding.write(piece))))
    return EXIT_INVALID;
  return decoding.finish();
}

/** What the reader emits: replies or requests, and the pieces of streamed bulk strings. */
type Decoded = DecodedValue | BulkPiece;

/** A RespReader and the report its values go to. */
function startDecoding(io: CommandIo, { json, from, streamBulkOver }: DecodeArgs): Decoding<Decoded> {
  const report = new DecodeReport(io.stdout, { json, from: from ?? 'server', given: from !== undefined });
  // The reader's message type follows its options when they are literal; these are chosen at
  // run time, so the emit takes every kind (replies, requests, pieces).
  const reader = new RespReader<RespReaderOptions>({ from: from ?? 'server', streamBulkOver });
  return new Decoding<Decoded>(report, reader as PlacingReader<Decoded>, (m, at, length) => {
    // A piece of a streamed bulk string: `at` is where the piece starts (the value has no length yet).
    if (m.type === 'bulkPiece') report.piece(m, at);
    else report.value(m, at, length);
  });
}
