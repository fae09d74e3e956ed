/**
 * `stride <protocol> …` (png, pg, redis, mqtt, pcap): the subcommand named first runs, with the
 * arguments after it; -h and --help print the protocol's help; a missing or unknown subcommand is
 * a usage error.
 */
import { type CommandIo, EXIT_OK, UsageError } from './io.js';

/** A command: the arguments after its name, the streams; resolves to the exit status. */
export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

/** The protocol's command: `commands` by name (one file each), `help`, and the `usage` errors show. */
export function subcommands(
  usage: string,
  help: string,
  commands: Readonly<Record<string, Command>>,
): Command {
  return (args, io) => {
    const [sub, ...rest] = args;
    const command = sub !== undefined && Object.hasOwn(commands, sub) ? commands[sub] : undefined;
    if (command !== undefined) return command(rest, io);
    if (sub === '-h' || sub === '--help') {
      io.stdout.write(help);
      return Promise.resolve(EXIT_OK);
    }
    throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand ${sub}`, usage);
  };
}
