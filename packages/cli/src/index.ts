/**
 * @stride/cli: the `stride` command, one subcommand per protocol (`stride png inspect FILE`).
 * `run` is the whole command without the process: tests call it with their own streams.
 */
import { type CommandIo, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, type Io, UsageError } from './io.js';
import { ksy } from './ksy/index.js';
import { mqtt } from './mqtt/index.js';
import { OutputSink, outputFailure } from './output.js';
import { pcap } from './pcap/index.js';
import { pg } from './pg/index.js';
import { png } from './png/index.js';
import { redis } from './redis/index.js';

export {
  EXIT_INVALID,
  EXIT_OK,
  EXIT_OUTPUT,
  EXIT_USAGE,
  type Io,
  type Output,
  UsageError,
} from './io.js';

export const usage = 'usage: stride <protocol> <command> [options] ...';

const help = `${usage}

Commands:
  stride png inspect [--json] [--keep-going] [--lenient-crc] [--no-image-data] FILE
      validate a PNG file (or - for standard input) and list its chunks
  stride pg decode [--from client|server] [--json] FILE
      list the messages of one direction of a PostgreSQL connection (FILE or - for standard input)
  stride redis decode [--from server|client] [--json] [--stream-bulk-over N] FILE
      list the values (RESP2/RESP3) of one direction of a Redis connection (FILE or -)
  stride mqtt decode [--from client|server] [--protocol-version 4|5] [--max-packet-size N] [--json] FILE
      list the packets (MQTT 3.1.1/5.0) of one direction of an MQTT connection (FILE or -)
  stride pcap dissect [--json] [--decode tcp.port==N,PROTOCOL] FILE
      list the PostgreSQL, Redis and MQTT messages of a capture's TCP connections (FILE or -)
  stride ksy decode [--json] FORMAT.ksy FILE
      print what a Kaitai Struct description (.ksy) decodes FILE (or -) to
  stride ksy kst [--json] SPEC_DIR FORMATS_DIR SRC_DIR
      run Kaitai Struct's .kst test specs
  stride ksy types [-o FILE] FORMAT.ksy
      write the TypeScript declarations of what a .ksy decodes to

Run 'stride png inspect --help' (or 'stride pg decode --help', 'stride redis decode --help',
'stride mqtt decode --help', 'stride pcap dissect --help', 'stride ksy --help') for a command's
options.
Exit status: 0 valid, 1 invalid, 2 usage error, 3 output error.
`;

const protocols: Readonly<Record<string, (args: readonly string[], io: CommandIo) => Promise<number>>> = {
  png,
  pg,
  redis,
  mqtt,
  pcap,
  ksy,
};

/**
 * Runs `stride` with `argv` (the arguments after the command name); resolves to the exit status.
 * When standard output fails (ENOSPC, EIO …) the command stops, one line goes to stderr and the
 * status is EXIT_OUTPUT (3); a pipe closed by its reader (EPIPE, `| head`) is the same, quietly.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const stdout = new OutputSink(io.stdout);
  let status: number;
  try {
    status = await dispatch(argv, { stdout, stderr: io.stderr, stdin: io.stdin });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`stride: ${e.message}\n${e.usage}\n`);
    status = EXIT_USAGE;
  }
  await stdout.end();
  if (stdout.failed === undefined) return status;
  const line = outputFailure(stdout.failed);
  if (line !== undefined) io.stderr.write(`${line}\n`);
  return EXIT_OUTPUT;
}

function dispatch(argv: readonly string[], io: CommandIo): Promise<number> {
  const [protocol, ...rest] = argv;
  if (protocol === '-h' || protocol === '--help') {
    io.stdout.write(help);
    return Promise.resolve(EXIT_OK);
  }
  const command =
    protocol === undefined ? undefined : Object.hasOwn(protocols, protocol) ? protocols[protocol] : undefined;
  if (command === undefined) {
    throw new UsageError(protocol === undefined ? 'missing protocol' : `unknown protocol ${protocol}`, usage);
  }
  return command(rest, io);
}
