/**
 * @stride/cli: the `stride` command, one subcommand per protocol (`stride png inspect FILE`).
 * `run` is the whole command without the process: tests call it with their own streams.
 */
import { EXIT_OK, EXIT_USAGE, type Io, UsageError } from './io.js';
import { png } from './png/index.js';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type Io, type Output, UsageError } from './io.js';

export const usage = 'usage: stride <protocol> <command> [options] ...';

const help = `${usage}

Commands:
  stride png inspect [--json] [--lenient-crc] [--no-image-data] FILE
      validate a PNG file (or - for standard input) and list its chunks

Run 'stride png inspect --help' for a command's options.
Exit status: 0 valid, 1 invalid, 2 usage error.
`;

const protocols: Readonly<Record<string, (args: readonly string[], io: Io) => Promise<number>>> = { png };

/** Runs `stride` with `argv` (the arguments after the command name); resolves to the exit status. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [protocol, ...rest] = argv;
    if (protocol === '-h' || protocol === '--help') {
      io.stdout.write(help);
      return EXIT_OK;
    }
    const command =
      protocol === undefined
        ? undefined
        : Object.hasOwn(protocols, protocol)
          ? protocols[protocol]
          : undefined;
    if (command === undefined) {
      throw new UsageError(
        protocol === undefined ? 'missing protocol' : `unknown protocol ${protocol}`,
        usage,
      );
    }
    return await command(rest, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`stride: ${e.message}\n${e.usage}\n`);
    return EXIT_USAGE;
  }
}
