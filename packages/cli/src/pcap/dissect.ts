/**
 * `stride pcap dissect FILE|- [--json] [--decode tcp.port==N,PROTOCOL]`: reads a capture (pcap or
 * pcapng; `-` for standard input, e.g. `tcpdump -w - | stride pcap dissect -`), follows its TCP
 * connections and dissects each with the protocol of its port (@stride/pcap/protocols: PostgreSQL
 * 5432, Redis 6379, MQTT 1883; `--decode` for others), and lists per connection each message's
 * time, direction, stream offset, frame and a summary, or one JSON document (report.ts).
 *
 * The read is a loop over the input's pieces through a Dissector, the next piece read once
 * standard output has taken what was written (backpressure). Exit status 0 every connection
 * dissected to its end, 1 a dissection error (a gap, a protocol fault) or a fault of the capture
 * file, 2 usage, 3 output failed.
 */
import { DecodeError } from '@stride/codec';
import { type DecodeRule, Dissector, parseDecodeRule } from '@stride/pcap';
import { PROTOCOLS } from '@stride/pcap/protocols';
import { readPieces } from '../decoding.js';
import { openInput, parseFileArgs } from '../input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK, UsageError } from '../io.js';
import { DissectReport } from './report.js';

export const dissectUsage = 'usage: stride pcap dissect [--json] [--decode tcp.port==N,PROTOCOL] FILE';

export const dissectHelp = `${dissectUsage}

Reads a capture file (pcap or pcapng), follows every TCP connection (reassembled both ways) and
dissects each with the protocol of its server's port, then lists, per connection, each message's
time (seconds since the first TCP packet), direction (c2s or s2c), offset in that direction's
stream, frame (the capture packet holding its first byte, as tshark numbers them) and a summary.

  FILE                      the capture, or - for standard input (tcpdump -w - | stride pcap dissect -)
  --decode tcp.port==N,P    read connections on port N (either end) as protocol P: postgresql,
                            redis or mqtt (default ports 5432, 6379, 1883); may be repeated
  --json                    print one JSON document:
                            {"connections": [{"protocol", "client", "server",
                              "messages": [{"dir", "offset", "frame", "type", "value"}],
                              "errors": [{"dir", "code", "offset", "message"}]}]}
                            (protocol null for a connection no protocol reads; values as the
                            decode commands print them: bytes as lowercase hex, bigints as
                            decimal strings)
  -h, --help                print this help

A gap in a direction (bytes never captured) stops that direction with a GAP error, as does a
protocol fault (with its code); the other direction goes on.

Exit status: 0 every connection dissected without error, 1 a dissection error or a fault of the
capture file, 2 usage error or unreadable file, 3 the output could not be written.
`;

/** Size of the pieces a file is read in. */
const FILE_PIECE = 64 * 1024;

interface DissectArgs {
  file: string;
  json: boolean;
  decode: DecodeRule[];
}

/** Options may come before or after FILE; `--` ends them. Undefined means help was asked for. */
function parse(args: readonly string[]): DissectArgs | undefined {
  let json = false;
  const decode: DecodeRule[] = [];
  const file = parseFileArgs(args, dissectUsage, (name, value) => {
    if (name === '--json') json = true;
    else if (name === '--decode') decode.push(decodeRule(value()));
    else return false;
    return true;
  });
  return file === undefined ? undefined : { file, json, decode };
}

function decodeRule(v: string | undefined): DecodeRule {
  if (v === undefined) throw new UsageError('--decode needs tcp.port==N,PROTOCOL', dissectUsage);
  let rule: DecodeRule;
  try {
    rule = parseDecodeRule(v);
  } catch {
    throw new UsageError(`--decode ${v}: expected tcp.port==N,PROTOCOL`, dissectUsage);
  }
  if (!PROTOCOLS.some((p) => p.name === rule.protocol))
    throw new UsageError(
      `--decode ${v}: unknown protocol ${rule.protocol} (known: ${PROTOCOLS.map((p) => p.name).join(', ')})`,
      dissectUsage,
    );
  return rule;
}

export async function dissect(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(args);
  if (parsed === undefined) {
    io.stdout.write(dissectHelp);
    return EXIT_OK;
  }
  const input = await openInput(parsed.file, io.stdin, FILE_PIECE, dissectUsage);
  const report = new DissectReport(io.stdout, parsed.json);
  const dissector = new Dissector({ protocols: PROTOCOLS, decode: parsed.decode });
  let fault: DecodeError | undefined;
  /** Runs a step of the dissector; false once the capture file is at fault. */
  const step = (f: () => void): boolean => {
    try {
      f();
      return true;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      fault = e;
      return false;
    }
  };
  const read = await readPieces(input, parsed.file, dissectUsage, io, (piece) =>
    step(() => dissector.write(piece, report.event)),
  );
  if (!read) return EXIT_INVALID;
  if (fault === undefined) step(() => dissector.finish(report.event));
  report.finish(fault);
  if (fault !== undefined && parsed.json)
    io.stderr.write(`stride: ${fault.code} at byte ${fault.offset}: ${fault.message}\n`);
  return fault === undefined && report.errors === 0 ? EXIT_OK : EXIT_INVALID;
}
