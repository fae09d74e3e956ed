/**
 * `stride mqtt decode [--from client|server] [--protocol-version 4|5] [--max-packet-size N] [--json]
 * FILE`: decodes one direction of an MQTT connection (3.1, 3.1.1 or 5.0: the raw bytes a client or
 * a server sent) and prints its packets, a line each, or as JSON, as they are decoded. Exit status
 * 0 every byte decoded, 1 a fault (printed after the packets before it), 2 usage, 3 output failed.
 *
 * The read is a loop over the input's pieces, as `stride pg decode`'s: each is written to an
 * MqttReader, the lines of the packets it completes are written, and the next piece is read only
 * once standard output has taken them (backpressure). Memory holds one piece and the packet being
 * read (at most --max-packet-size bytes).
 */
import { MAX_PACKET_SIZE, type MqttPacket, MqttReader } from '@stride/mqtt';
import { Decoding, type Direction, fromOption, readPieces } from '../decoding.js';
import { openInput, parseFileArgs } from '../input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK, UsageError } from '../io.js';
import { DecodeReport } from './report.js';
import type { Version } from './summary.js';

export const decodeUsage =
  'usage: stride mqtt decode [--from client|server] [--protocol-version 4|5] [--max-packet-size N] [--json] FILE';

export const decodeHelp = `${decodeUsage}

Decodes one direction of an MQTT connection (3.1, 3.1.1 and 5.0): the raw bytes a client or a
server sent, and prints each packet on a line (offset, length in bytes, type and its fields in
brief) as it is decoded.

  FILE                       the bytes, or - for standard input
  --from client|server       whose bytes they are; by default a guess from the first byte: CONNACK
                             or AUTH (a server's first packet) is a server's, anything else (a
                             client's CONNECT, the middle of a connection) is read as a client's
  --protocol-version 4|5     the version to read in: 4 (3.1 and 3.1.1) or 5 (5.0). A client's
                             CONNECT sets it for the packets after it whatever this says; without
                             a CONNECT it is this, else guessed from a first CONNACK (3.1.1's is
                             4 bytes long), else 5
  --max-packet-size N        refuse a packet longer than N bytes (default 1048576; at most
                             268435460, the spec's largest)
  --json                     print one JSON document:
                             {"from", "protocolVersion", "packets": [{"offset", "length", "type", …}],
                              "error": null | {"code", "offset", "reasonCode", "message"}}
                             (each packet as @stride/mqtt decodes it; bytes as lowercase hex)
  -h, --help                 print this help

Exit status: 0 every byte decoded, 1 a fault in the stream (after the packets before it), 2 usage
error or unreadable file, 3 the output could not be written (quietly for a pipe closed early).
`;

/** Size of the pieces a file is read in: the text of one piece's packets is written before the next is read. */
const FILE_PIECE = 64 * 1024;
const DEFAULT_MAX_PACKET_SIZE = 1024 * 1024;

/** Bytes the direction and version are guessed from: a first byte, and a CONNACK's remaining length. */
const GUESS_BYTES = 2;
const CONNACK = 0x20;
const AUTH = 0xf0;

interface DecodeArgs {
  file: string;
  json: boolean;
  from: Direction | undefined;
  version: Version | undefined;
  maxPacketSize: number;
}

/** Options may come before or after FILE; `--` ends them. Undefined means help was asked for. */
function parse(args: readonly string[]): DecodeArgs | undefined {
  let json = false;
  let from: Direction | undefined;
  let version: Version | undefined;
  let maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
  const file = parseFileArgs(args, decodeUsage, (name, value) => {
    if (name === '--json') json = true;
    else if (name === '--from') {
      from = fromOption(value(), decodeUsage);
    } else if (name === '--protocol-version') {
      const v = value();
      if (v !== '4' && v !== '5')
        throw new UsageError(
          v === undefined
            ? '--protocol-version needs 4 or 5'
            : `--protocol-version ${v}: expected 4 (3.1.1) or 5 (5.0)`,
          decodeUsage,
        );
      version = v === '4' ? 4 : 5;
    } else if (name === '--max-packet-size') {
      const v = value();
      const n = v !== undefined && /^\d{1,10}$/.test(v) ? Number(v) : Number.NaN;
      if (!(n >= 2 && n <= MAX_PACKET_SIZE))
        throw new UsageError(
          v === undefined
            ? '--max-packet-size needs a number of bytes'
            : `--max-packet-size ${v}: expected a number of bytes from 2 to ${MAX_PACKET_SIZE}`,
          decodeUsage,
        );
      maxPacketSize = n;
    } else return false;
    return true;
  });
  return file === undefined ? undefined : { file, json, from, version, maxPacketSize };
}

/**
 * What the first bytes of a stream say. A server's first packet is a CONNACK (or AUTH, 5.0 only)
 * and a client's a CONNECT: anything but CONNACK and AUTH is read as a client's, which reads the
 * middle of a connection as a server's would be (only a CONNECT first switches the version). A
 * CONNACK of remaining length 2 is 3.1.1's (5.0's has a properties length after its two bytes).
 */
export function guess(head: Uint8Array): { from: Direction; version: Version | undefined } {
  const [first, length] = head;
  if (first === CONNACK)
    return { from: 'server', version: length === 2 ? 4 : length === undefined ? undefined : 5 };
  if (first === AUTH) return { from: 'server', version: 5 };
  return { from: 'client', version: undefined };
}

export async function decode(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(args);
  if (parsed === undefined) {
    io.stdout.write(decodeHelp);
    return EXIT_OK;
  }
  const input = await openInput(parsed.file, io.stdin, FILE_PIECE, decodeUsage);
  const guessing = parsed.from === undefined || parsed.version === undefined;
  /** Pieces held until the direction and version can be guessed from them. */
  const head: Uint8Array[] = [];
  let headSize = 0;
  let decoding: Decoding<MqttPacket> | undefined;
  const read = await readPieces(input, parsed.file, decodeUsage, io, (piece) => {
    if (decoding === undefined) {
      head.push(piece);
      headSize += piece.length;
      if (guessing && headSize < GUESS_BYTES) return true;
      decoding = startDecoding(io, parsed, head);
    } else decoding.write(piece);
    return decoding.report.stoppedAt === undefined;
  });
  if (!read) return EXIT_INVALID;
  decoding ??= startDecoding(io, parsed, head);
  return decoding.finish();
}

/** An MqttReader and the report its packets go to; `head`: the pieces read so far. */
function startDecoding(
  io: CommandIo,
  { json, from, version, maxPacketSize }: DecodeArgs,
  head: readonly Uint8Array[],
): Decoding<MqttPacket> {
  const guessed = guess(Buffer.concat(head).subarray(0, GUESS_BYTES));
  const direction = from ?? guessed.from;
  const start = version ?? guessed.version ?? 5;
  const report = new DecodeReport(io.stdout, {
    json,
    from: direction,
    fromGiven: from !== undefined,
    version: start,
    versionWhy: version !== undefined ? 'given' : guessed.version !== undefined ? 'guessed' : 'default',
  });
  const reader = new MqttReader({ from: direction, protocolVersion: start, maxPacketSize });
  const decoding = new Decoding<MqttPacket>(report, reader, (p, at, length) => report.packet(p, at, length));
  decoding.writeAll(head);
  return decoding;
}
